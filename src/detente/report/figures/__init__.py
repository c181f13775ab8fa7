"""Figure builders, one module per lens, found by the lens's name.

The figures of lens ``X`` live in ``detente.report.figures.X``; the module exposes

``blocks(scenario, result, palette[, uncertainty]) -> list[Block]``
    the lens's figures and tables, in reading order; a module whose ``blocks`` takes an
    ``uncertainty`` argument also gets, when a sweep ran, ``{summary key: summary}`` of the
    lens's outputs over the draws (objects with ``mean``, ``quantiles`` {``q05``, ``q50``,
    ``q95``, ...}, ``probability``, ``low``, ``high``) to show spreads; and optionally
``headlines(scenario, result[, uncertainty]) -> list[Headline]``
    its headline answers for the top of the report (with their spread over a sweep's draws
    when the function takes ``uncertainty``); and
``sensitive_keys(result) -> list[str]``
    the summary keys of those headline answers, whose sensitivities (tornado charts) the
    uncertainty section shows first; and
``ORDER``
    an int placing the lens's section in the report (lower first; modules without it and
    lenses without a module come last, by name).

A lens without such a module still gets a section: its ``summary`` rendered as a table
(:func:`summary_table`). Adding a lens therefore needs a new module here, not edits elsewhere.
The web app calls :func:`lens_blocks` and :func:`lens_headlines` to show the same figures.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import math
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from detente.report.blocks import Block, Cell, Headline, TableBlock
from detente.report.palette import ActorPalette
from detente.scenario.model import Scenario

__all__ = [
    "figure_module",
    "lens_blocks",
    "lens_headlines",
    "lens_order",
    "lens_sensitive_keys",
    "spread_text",
    "summary_table",
]


def figure_module(lens_name: str) -> ModuleType | None:
    """The figure module of the lens named ``lens_name``, or None when it has none."""
    if not lens_name.isidentifier() or lens_name.startswith("_"):
        return None
    name = f"{__name__}.{lens_name}"
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def _format_number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}"


def summary_table(lens_name: str, title: str, summary: Mapping[str, float]) -> TableBlock:
    """A lens's flat ``summary`` (headline numbers by key) as a two-column table."""
    rows = tuple((Cell(key), Cell(_format_number(float(value)))) for key, value in summary.items())
    return TableBlock(
        key=f"{lens_name.replace('_', '-')}-summary",
        title=f"{title}: headline numbers",
        caption="Each headline answer of this lens, by key (the keys the uncertainty sweep uses).",
        columns=("answer", "value"),
        rows=rows,
    )


def lens_blocks(
    lens: Any,
    scenario: Scenario,
    result: Any,
    palette: ActorPalette | None = None,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Block]:
    """Every figure and table of one lens's result (its summary table if it has no module).

    ``uncertainty`` maps the lens's summary keys to their distribution over a sweep's draws;
    it is passed on to figure modules that can show spreads.
    """
    palette = palette or ActorPalette.from_scenario(scenario)
    module = figure_module(lens.name)
    if module is None:
        return [summary_table(lens.name, lens.title, lens.summary(result))]
    if uncertainty and "uncertainty" in inspect.signature(module.blocks).parameters:
        return list(module.blocks(scenario, result, palette, uncertainty=uncertainty))
    return list(module.blocks(scenario, result, palette))


def lens_headlines(
    lens: Any, scenario: Scenario, result: Any, uncertainty: Mapping[str, Any] | None = None
) -> list[Headline]:
    """The lens's headline answers (none when its figure module does not define them)."""
    module = figure_module(lens.name)
    if module is None or not hasattr(module, "headlines"):
        return []
    if uncertainty and "uncertainty" in inspect.signature(module.headlines).parameters:
        return list(module.headlines(scenario, result, uncertainty=uncertainty))
    return list(module.headlines(scenario, result))


def spread_text(summary: Any, digits: int = 2) -> str:
    """``5-95 %: a to b`` of a sweep's summary of one output ("" when it has no quantiles)."""
    q = getattr(summary, "quantiles", None) or {}
    low, high = q.get("q05"), q.get("q95")
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return ""
    return f"5-95 % over draws: {low:.{digits}g} to {high:.{digits}g}"


def lens_sensitive_keys(lens: Any, result: Any) -> list[str]:
    """The summary keys of the lens's headline answers (empty when its module names none)."""
    module = figure_module(lens.name)
    if module is None or not hasattr(module, "sensitive_keys"):
        return []
    return list(module.sensitive_keys(result))


DEFAULT_ORDER = 1000


def lens_order(lens_name: str) -> tuple[int, str]:
    """Sort key of a lens's section: its figure module's ``ORDER``, then its name."""
    module = figure_module(lens_name)
    return (int(getattr(module, "ORDER", DEFAULT_ORDER)), lens_name)
