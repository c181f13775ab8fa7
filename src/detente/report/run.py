"""Running the lenses a report shows, and writing the report to a file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from detente.errors import InputError
from detente.scenario.model import Scenario

__all__ = ["run_lenses", "select_lenses", "write_report"]


def select_lenses(
    scenario: Scenario,
    names: Sequence[str] | None = None,
    lenses: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The lenses to show: those named (each must exist and apply), or every one that applies."""
    if lenses is None:
        from detente.lens import available_lenses

        lenses = available_lenses()
    applicable = {name: lens for name, lens in lenses.items() if lens.applies(scenario)}
    if not names:
        return applicable
    chosen: dict[str, Any] = {}
    for name in names:
        if name not in lenses:
            raise InputError(
                f"unknown lens {name!r}", hint=f"available: {', '.join(lenses) or '(none)'}"
            )
        if name not in applicable:
            raise InputError(
                f"lens {name!r} does not apply to scenario {scenario.id!r}",
                hint=f"lenses that apply: {', '.join(applicable) or '(none)'}",
            )
        chosen[name] = lenses[name]
    return chosen


def run_lenses(
    scenario: Scenario,
    names: Sequence[str] | None = None,
    lenses: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """``{lens name: result}`` for the selected lenses, run on the scenario's nominal values."""
    return {
        name: lens.run(scenario) for name, lens in select_lenses(scenario, names, lenses).items()
    }


def write_report(
    scenario: Scenario,
    path: Path,
    names: Sequence[str] | None = None,
    *,
    lenses: Mapping[str, Any] | None = None,
) -> Path:
    """Run the selected lenses and write the self-contained report to ``path``."""
    from detente.report.html import build_report

    chosen = select_lenses(scenario, names, lenses)
    results = {name: lens.run(scenario) for name, lens in chosen.items()}
    html = build_report(scenario, results, lenses=chosen)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"cannot write the report to {path}: {error.strerror or error}",
            hint="choose a writable path with -o",
        ) from error
    return path
