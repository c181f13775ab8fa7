"""Shared look of every figure: fonts, margins, and escaping of text shown inside plots."""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

__all__ = ["FONT", "base_layout", "plot_text", "styled"]

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
        "template": "plotly_white",
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
    figure.update_xaxes(gridcolor=GRID, zerolinecolor=GRID, linecolor=GRID)
    figure.update_yaxes(gridcolor=GRID, zerolinecolor=GRID, linecolor=GRID)
    return figure
