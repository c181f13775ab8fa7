"""The pieces a report section is made of: figures, tables with explanations, headlines.

Figure modules (one per lens, in :mod:`detente.report.figures`) return these; the HTML report
and the web app both render them, so a figure looks and exports the same in either place.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any, TypeAlias
from urllib.parse import quote

import plotly.graph_objects as go
from plotly.io import to_json

__all__ = [
    "Block",
    "Cell",
    "FigureBlock",
    "Headline",
    "TableBlock",
    "figure_config",
    "figure_json",
    "table_csv",
    "table_csv_data_uri",
]

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _check_key(key: str) -> None:
    # keys become element ids and download file names: keep them safe by construction
    if not _KEY.match(key):
        raise ValueError(f"block key {key!r} must be lower-case letters, digits and '-'")


@dataclass(frozen=True)
class FigureBlock:
    """One plotly figure with its title and a caption saying how to read it.

    ``key`` is a stable, unique id (``conflict-state-graph``): the figure's element id in the
    report and the file name of its PNG/SVG export.
    """

    key: str
    title: str
    caption: str
    figure: go.Figure = field(compare=False)

    def __post_init__(self) -> None:
        _check_key(self.key)


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, an optional explanation (shown on hover and on click) and tone.

    ``tone`` is one of ``good``, ``bad``, ``neutral`` or None and only styles the cell.
    """

    text: str
    explanation: str | None = None
    tone: str | None = None


@dataclass(frozen=True)
class TableBlock:
    """A table whose cells may carry explanations; downloadable as CSV."""

    key: str
    title: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def __post_init__(self) -> None:
        _check_key(self.key)
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table {self.key}: row of {len(row)} cells for {len(self.columns)} columns"
                )


Block: TypeAlias = FigureBlock | TableBlock


@dataclass(frozen=True)
class Headline:
    """One headline answer for the top of a report ("P(ratify) 0.41")."""

    label: str
    value: str
    detail: str = ""
    tone: str | None = None


def table_csv(table: TableBlock, *, explanations: bool = True) -> str:
    """The table as CSV text; with ``explanations`` each explained column gets a ``why`` column.

    The explanation columns are named ``<column> (why)`` and placed right after their column,
    so a spreadsheet keeps each verdict next to its reason.
    """
    explained = [
        explanations and any(row[i].explanation for row in table.rows)
        for i in range(len(table.columns))
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header: list[str] = []
    for column, has_why in zip(table.columns, explained, strict=True):
        header.append(column)
        if has_why:
            header.append(f"{column} (why)")
    writer.writerow(header)
    for row in table.rows:
        out: list[str] = []
        for cell, has_why in zip(row, explained, strict=True):
            out.append(cell.text)
            if has_why:
                out.append(cell.explanation or "")
        writer.writerow(out)
    return buffer.getvalue()


def table_csv_data_uri(table: TableBlock) -> str:
    """A ``data:`` URI holding the table's CSV, for a download link that needs no server."""
    return "data:text/csv;charset=utf-8," + quote(table_csv(table), safe="")


def figure_config(key: str) -> dict[str, Any]:
    """The plotly.js config of a figure: PNG export at 2x from the modebar, named by ``key``.

    SVG export is offered by a separate button next to the figure (plotly's modebar button
    takes a JavaScript function, which a JSON config cannot carry).
    """
    return {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": key, "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }


def figure_json(block: FigureBlock) -> str:
    """``{"data", "layout", "config"}`` of a figure as JSON safe to embed in a ``<script>``.

    plotly's encoder writes ``<`` as ``\\u003c``, so no string in a figure can close the
    script element it is embedded in.
    """
    figure: str = to_json(block.figure, validate=False)  # {"data": ..., "layout": ...}
    config = json.dumps(figure_config(block.key), separators=(",", ":"))
    text = figure[:-1] + ',"config":' + config + "}"
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
