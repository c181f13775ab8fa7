"""``detente forecast``: where the parties settle on each contested issue."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from detente.cli.common import QuietOpt, out_console, print_json, resolve_scenario_path

if TYPE_CHECKING:
    from detente.bargaining.analysis import BargainingAnalysis

__all__ = ["register"]


class ModelChoice(str, Enum):
    smp = "smp"
    bdm = "bdm"
    stokman = "stokman"
    mean = "mean"


def _model_choice(value: str | None) -> ModelChoice | None:
    # Validated here rather than by typer so that a bad value is an InputError (exit 2, no
    # traceback) whatever click implementation typer bundles.
    from detente.errors import InputError

    if value is None:
        return None
    try:
        return ModelChoice(value.lower())
    except ValueError:
        raise InputError(
            f"unknown model {value!r} for --model",
            hint=f"choose one of {', '.join(m.value for m in ModelChoice)}",
        ) from None


def _analyse(
    file: str | None, model: ModelChoice | None, progress: Callable[[int, int], None]
) -> BargainingAnalysis:
    from detente.bargaining.analysis import analyse_inputs
    from detente.bargaining.ktab_csv import read_ktab_csv
    from detente.bargaining.lens import BargainingLens
    from detente.errors import InputError
    from detente.scenario import load_scenario

    path = resolve_scenario_path(file)
    if path.suffix.lower() == ".csv":
        inputs = read_ktab_csv(path)
        return analyse_inputs(inputs, model=(model or ModelChoice.smp).value, progress=progress)
    scenario = load_scenario(path)
    section = scenario.bargaining
    if section is None:
        raise InputError(
            f"{path}: scenario {scenario.id!r} has no bargaining section",
            hint="add a `bargaining:` section (issues, actors' stances) or pass a KTAB CSV file",
        )
    if model is not None and model.value != section.model.value:
        from detente.scenario.bargaining_section import BargainingModelName

        if model is ModelChoice.smp and len(section.actors) < 3:
            raise InputError(
                f"{path}: the SMP needs at least 3 actors, the bargaining section has "
                f"{len(section.actors)}",
                hint="use --model mean, bdm or stokman",
            )
        scenario = scenario.model_copy(
            update={
                "bargaining": section.model_copy(update={"model": BargainingModelName(model.value)})
            }
        )
    return BargainingLens().run(scenario, progress=progress)


def forecast(
    file: Annotated[
        str | None,
        typer.Argument(
            help="Scenario file, name of a shipped scenario, or a KTAB SMP CSV file "
            "(default: the shipped ukraine-2025 scenario)."
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="Forecasting model: smp, bdm, stokman or mean (default: the scenario's, or smp).",
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show every round's challenges and choices.")
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Forecast the settlement on each issue, next to the capability x salience weighted mean."""
    from detente.bargaining.present import analysis_json
    from detente.cli.progress import progress
    from detente.cli.render_bargaining import render

    chosen = _model_choice(model)
    with progress("forecast (SMP rounds)", unit="rounds", quiet=quiet) as update:
        analysis = _analyse(file, chosen, update)
    if json_output:
        print_json(analysis_json(analysis))
        return
    render(analysis, out_console, explain)


def register(app: typer.Typer) -> None:
    app.command()(forecast)
