"""The report's figure and table blocks, stored with a run and shown on its page.

Blocks are built once, in the job process that has the lens's live result
(:func:`detente.report.figures.lens_blocks`), and stored as JSON with the run; the results
page then only renders stored JSON, so it is fast and shows exactly what the report shows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from plotly.io import to_json

from detente.errors import InputError

__all__ = ["block_csv", "build_blocks", "embed_figure"]


def build_blocks(
    lens: Any, scenario: Any, result: Any, uncertainty: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """``{"blocks": [...], "headlines": [...]}`` of one lens result as plain JSON.

    ``uncertainty`` (summary key -> distribution over a sweep's draws) is handed to the
    report's figure modules that show spreads.
    """
    from detente.report.blocks import FigureBlock
    from detente.report.figures import lens_blocks, lens_headlines

    blocks: list[dict[str, Any]] = []
    built = (
        lens_blocks(lens, scenario, result, uncertainty=uncertainty)
        if uncertainty
        else lens_blocks(lens, scenario, result)
    )
    for block in built:
        common = {"key": block.key, "title": block.title, "caption": block.caption}
        if isinstance(block, FigureBlock):
            figure = json.loads(to_json(block.figure, validate=False))
            blocks.append({"type": "figure", **common, "figure": figure})
        else:
            rows = [
                [{"text": c.text, "explanation": c.explanation, "tone": c.tone} for c in row]
                for row in block.rows
            ]
            blocks.append({"type": "table", **common, "columns": list(block.columns), "rows": rows})
    headlines = [
        {"label": h.label, "value": h.value, "detail": h.detail, "tone": h.tone}
        for h in lens_headlines(lens, scenario, result)
    ]
    return {"blocks": blocks, "headlines": headlines}


def embed_figure(figure: Mapping[str, Any], key: str) -> str:
    """A stored figure (+ export config) as JSON safe inside ``<script type=application/json>``."""
    document = {
        "data": figure.get("data", []),
        "layout": figure.get("layout", {}),
        "config": {
            "displaylogo": False,
            "responsive": True,
            "toImageButtonOptions": {"format": "png", "filename": key, "scale": 2},
        },
    }
    text = json.dumps(document, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP: prefix with an apostrophe).

    Plain numbers such as ``-0.25`` stay as they are.
    """
    if cell.startswith(FORMULA_PREFIXES):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


def block_csv(blocks: Sequence[Mapping[str, Any]], key: str) -> str:
    """The stored table ``key`` as CSV; each explained column followed by its ``(why)``."""
    for block in blocks:
        if block.get("type") == "table" and block.get("key") == key:
            break
    else:
        raise InputError(f"this run has no table {key!r}")
    columns = block["columns"]
    rows = block["rows"]
    explained = [any(row[i].get("explanation") for row in rows) for i in range(len(columns))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header: list[str] = []
    for column, has_why in zip(columns, explained, strict=True):
        header.extend([column, f"{column} (why)"] if has_why else [column])
    writer.writerow([neutralise(c) for c in header])
    for row in rows:
        out: list[str] = []
        for cell, has_why in zip(row, explained, strict=True):
            out.extend([cell["text"], cell.get("explanation") or ""] if has_why else [cell["text"]])
        writer.writerow([neutralise(c) for c in out])
    return buffer.getvalue()
