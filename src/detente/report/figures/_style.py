"""Shared look of every figure: fonts, margins, and escaping of text shown inside plots."""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import plotly.graph_objects as go

__all__ = [
    "FONT",
    "base_layout",
    "hline",
    "plot_text",
    "spread_cell",
    "styled",
    "text_label",
    "vline",
    "vrect",
]

FONT = '"Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, sans-serif'
GRID = "#e4e7ee"
INK = "#1d2330"
MUTED = "#5b6475"


def plot_text(text: str | None) -> str:
    """Text for plotly labels and hovers, HTML-escaped.

    plotly.js interprets a small subset of HTML in text (``<b>``, ``<br>``, links); escaping
    makes a scenario's labels display literally instead (plotly decodes the entities).
    """
    return html.escape(text or "", quote=False)


def base_layout(**overrides: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        # "none" rather than "plotly_white": assigning a full template deep-copies it, which
        # cost most of a report's build time; the few settings we want are set here instead
        "template": "none",
        "font": {"family": FONT, "size": 13, "color": INK},
        "margin": {"l": 60, "r": 24, "t": 30, "b": 50},
        "hoverlabel": {"font": {"family": FONT, "size": 12}, "align": "left"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
    }
    layout.update(overrides)
    return layout


def styled(figure: go.Figure, **overrides: Any) -> go.Figure:
    figure.update_layout(**base_layout(**overrides))
    figure.update_xaxes(gridcolor=GRID, zerolinecolor=GRID, linecolor=GRID, automargin=True)
    figure.update_yaxes(gridcolor=GRID, zerolinecolor=GRID, linecolor=GRID, automargin=True)
    return figure


def hline(y: float, line: dict[str, Any], axis: int | str = "") -> dict[str, Any]:
    """A horizontal line across a plot (``axis``: the subplot's axis number, "" for the first).

    Shapes are built as plain dicts and set in one layout update: plotly's ``add_hline`` costs
    tens of milliseconds per call on subplots.
    """
    return {
        "type": "line",
        "xref": f"x{axis} domain",
        "x0": 0,
        "x1": 1,
        "yref": f"y{axis}",
        "y0": y,
        "y1": y,
        "line": line,
        "layer": "below",
    }


def vline(x: float, line: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "line",
        "yref": "y domain",
        "y0": 0,
        "y1": 1,
        "xref": "x",
        "x0": x,
        "x1": x,
        "line": line,
    }


def vrect(x0: float, x1: float, fill: str) -> dict[str, Any]:
    return {
        "type": "rect",
        "yref": "y domain",
        "y0": 0,
        "y1": 1,
        "xref": "x",
        "x0": x0,
        "x1": x1,
        "fillcolor": fill,
        "line": {"width": 0},
        "layer": "below",
    }


def text_label(x: float, y: float, text: str, **style: Any) -> dict[str, Any]:
    """An annotation (``text`` must already be escaped with :func:`plot_text`)."""
    return {"x": x, "y": y, "text": text, "showarrow": False, **style}


def spread_cell(summary: Any) -> str:
    """``a to b``, the 5-95 % range of a sweep's summary of one output, for a table cell.

    Empty when the summary is missing or has no finite ``q05``/``q95`` quantiles.
    """
    q = getattr(summary, "quantiles", None) or {}
    if "q05" in q and "q95" in q and np.isfinite(q["q05"]) and np.isfinite(q["q95"]):
        return f"{q['q05']:.2f} to {q['q95']:.2f}"
    return ""
