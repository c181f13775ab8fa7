"""Running the lenses a report shows (through :func:`detente.analyze`), and writing the report."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
    from detente.analysis import analyze

    chosen = select_lenses(scenario, names, lenses)
    return analyze(scenario, lenses=list(chosen.values()), draws=0).results


def write_report(
    scenario: Scenario,
    path: Path,
    names: Sequence[str] | None = None,
    *,
    lenses: Mapping[str, Any] | None = None,
    draws: int | None = None,
    seed: int | None = None,
    backend: str = "processes",
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Run the selected lenses and write the self-contained report to ``path``.

    With ``draws``, also sweep that many variants of the scenario (seeded by ``seed``, on
    ``backend``) and add the uncertainty section; lens figures then show their spreads.
    """
    from detente.report.html import build_report

    chosen = select_lenses(scenario, names, lenses)
    results = run_lenses(scenario, list(chosen), chosen)
    extra = []
    spreads = None
    if draws is not None:
        from detente.report.uncertainty import run_uncertainty, uncertainty_section

        swept = run_uncertainty(
            scenario, list(chosen.values()), draws, seed, backend=backend, progress=progress
        )
        spreads = {name: swept.for_lens(name) for name in chosen}
        from detente.report.figures import lens_sensitive_keys

        titles = {n: lens.title for n, lens in chosen.items()}
        keys = {n: lens_sensitive_keys(lens, results[n]) for n, lens in chosen.items()}
        extra.append(uncertainty_section(swept, titles, scenario, keys))
    html = build_report(
        scenario, results, lenses=chosen, extra_sections=extra, lens_uncertainty=spreads
    )
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"cannot write the report to {path}: {error.strerror or error}",
            hint="choose a writable path with -o",
        ) from error
    return path
