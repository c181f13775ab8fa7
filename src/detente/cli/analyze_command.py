"""``detente analyze``: every lens that applies to a scenario, with the answers' spreads.

A thin layer over :func:`detente.analysis.analyze`: it loads the scenario, calls the API, and
renders each lens's result with that lens's terminal renderer (``detente.cli.render_<lens>``,
or the lens's JSON document for a lens without one) and the quick sweep's table.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer

from detente.cli.common import (
    QuietOpt,
    err_console,
    load_arg,
    out_console,
    print_json,
    resolve_scenario_path,
)

__all__ = ["analyze", "register"]


def analyze(
    file: Annotated[
        str | None,
        typer.Argument(
            help="Scenario YAML or shipped scenario name (default: the shipped default)."
        ),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show the reasons behind each answer.")
    ] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    uncertainty: Annotated[
        bool,
        typer.Option(
            "--uncertainty/--no-uncertainty",
            help="When the scenario has distributions, add a quick sweep's headline spreads "
            "(a few seconds; `detente sweep` gives the full picture).",
        ),
    ] = True,
    quiet: QuietOpt = False,
) -> None:
    """Run every lens that applies to the scenario and print its analysis."""
    from detente.analysis import analyze as run_analysis
    from detente.cli.render_uncertainty import (
        HEADLINE_DRAWS,
        HEADLINE_SECONDS,
        render_headline,
        sweep_progress,
    )

    scenario = load_arg(file)
    path = resolve_scenario_path(file)
    with sweep_progress(err_console, "analyze", quiet=quiet) as progress:
        analysis = run_analysis(
            scenario,
            draws=HEADLINE_DRAWS if uncertainty else 0,
            time_budget=HEADLINE_SECONDS,
            progress=progress,
        )
    line = _deals_bottom_line(scenario, analysis)
    if json_output:
        document = analysis.to_json()
        document["scenario"]["file"] = str(path)
        if line is not None:
            from detente.cli.render_deals import bottom_line_json

            document["bottom_line"] = bottom_line_json(scenario, line)
        print_json(document)
        return
    out_console.rule(f"[bold]{scenario.title}[/bold]")
    if scenario.as_of:
        out_console.print(f"as of {scenario.as_of.isoformat()}; file {path}")
    if line is not None:
        from detente.cli.render_deals import render_bottom_line

        render_bottom_line(scenario, line, out_console)
    if not len(analysis):
        out_console.print("No lens applies to this scenario (it has no analysable section).")
    for name in analysis:
        item = analysis[name]
        out_console.print()
        try:
            renderer = importlib.import_module(f"detente.cli.render_{name}")
        except ModuleNotFoundError:
            out_console.print(f"[bold]{item.title}[/bold]")
            print_json(item.to_json())
            continue
        renderer.render(item.result, out_console, explain)
    if analysis.uncertainty is not None:
        out_console.print()
        render_headline(analysis.uncertainty, out_console)


def _deals_bottom_line(scenario: Any, analysis: Any) -> Any:
    """The deals lens's bottom line when it ran and the quick sweep covered it."""
    if "deals" not in analysis or analysis.uncertainty is None:
        return None
    from detente.uncertainty.deals import deals_bottom_line

    return deals_bottom_line(scenario, analysis.uncertainty.sweep)


def register(app: typer.Typer) -> None:
    """Add ``detente analyze`` to the command line."""
    app.command()(analyze)
