"""``detente conflict``: GMCR stability of one scenario or gmcr-py ``.gmcr`` file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli.common import QuietOpt, out_console, print_json, resolve_scenario_path
from detente.errors import InputError

__all__ = ["register"]


def _concepts(text: str | None) -> tuple[str, ...]:
    from detente.conflict.result import CONCEPTS

    if text is None:
        return CONCEPTS
    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [c for c in chosen if c not in CONCEPTS]
    if unknown or not chosen:
        raise InputError(
            f"unknown solution concept(s): {', '.join(unknown) or '(none given)'}",
            hint=f"--concepts takes a comma-separated list of {', '.join(CONCEPTS)}",
        )
    return chosen


def _sim_variant(text: str | None) -> Any:
    from detente.conflict.result import DEFAULT_SIM_VARIANT, SimVariant

    if text is None:
        return DEFAULT_SIM_VARIANT
    try:
        return SimVariant(text.strip().lower().replace("-", "_"))
    except ValueError:
        raise InputError(
            f"unknown SIM variant {text!r}",
            hint=f"--sim-variant takes {', '.join(v.value for v in SimVariant)}",
        ) from None


def conflict(
    file: Annotated[
        str,
        typer.Argument(
            help="Scenario YAML (or a shipped scenario's name) or a gmcr-py .gmcr file."
        ),
    ],
    concepts: Annotated[
        str | None,
        typer.Option(help="Comma-separated solution concepts: nash,gmr,smr,seq,sim,seqsim."),
    ] = None,
    sim_variant: Annotated[
        str | None, typer.Option(help="n-DM reading of SIM: any_subset (default) or pairwise.")
    ] = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Explain the verdicts at the status quo and equilibria."),
    ] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """GMCR stability analysis of a conflict: stable states per decision maker and concept,
    equilibria, and paths from the status quo."""
    from detente.cli.progress import progress
    from detente.cli.render_conflict import render
    from detente.conflict.compile import compile_conflict
    from detente.conflict.gmcr_file import is_gmcr_file, read_gmcr
    from detente.conflict.lens import analyze_conflict, assumptions_of, conflict_json
    from detente.scenario import load_scenario

    chosen = _concepts(concepts)
    variant = _sim_variant(sim_variant)
    path = resolve_scenario_path(file)
    if is_gmcr_file(path):
        imported = read_gmcr(path)
        with progress("conflict", unit=None, quiet=quiet):
            result = analyze_conflict(
                imported.conflict,
                chosen,
                sim_variant=variant,
                notes=imported.notes,
                title=Path(path).name,
            )
    else:
        scenario = load_scenario(path)
        if scenario.conflict is None:
            raise InputError(
                f"{path}: scenario {scenario.id!r} has no `conflict` section",
                hint="add one (see docs/conflict.md), or run `detente analyze`",
            )
        section = scenario.conflict.nominal()
        with progress("conflict", unit=None, quiet=quiet):
            result = analyze_conflict(
                compile_conflict(section),
                chosen,
                sim_variant=variant,
                title=scenario.title,
                assumptions=assumptions_of(section),
            )
    if json_output:
        print_json(conflict_json(result, explain=explain))
    else:
        render(result, out_console, explain)


def register(app: typer.Typer) -> None:
    """Add ``detente conflict`` to the command line."""
    app.command()(conflict)
