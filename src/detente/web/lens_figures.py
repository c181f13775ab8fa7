"""Lens-specific figures for run pages, taken from the report's figure builders.

The report (``detente.report.figures``) owns one builder per figure; this module maps a stored
lens result onto them. A lens without builders gets only the generic headline figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

__all__ = ["lens_figures"]


def lens_figures(name: str, lens_result: Mapping[str, Any]) -> list[go.Figure]:
    """The report's figures for lens ``name`` built from its stored JSON result."""
    return []
