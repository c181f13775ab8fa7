"""``detente deter``: compare guarantee designs, or solve a named deterrence game."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape

from detente.cli.common import load_arg, out_console, print_json
from detente.errors import InputError

__all__ = ["register"]


class GameName(StrEnum):
    udg = "udg"
    radg = "radg"


def _parse_params(items: list[str]) -> dict[str, float]:
    values: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--param {item!r} is not NAME=VALUE", hint="e.g. --param pDef=0.4")
        try:
            value = float(text)
        except ValueError:
            raise InputError(f"--param {name}: {text!r} is not a number") from None
        if not math.isfinite(value):
            raise InputError(f"--param {name}: {text!r} is not a finite number")
        if name in values:
            raise InputError(f"--param {name} is given twice")
        values[name] = value
    return values


def deter(
    file: Annotated[
        str | None, typer.Argument(help="Scenario file or shipped name (default: ukraine-2025).")
    ] = None,
    design: Annotated[str | None, typer.Option("--design", help="Only this design id.")] = None,
    game: Annotated[
        GameName | None, typer.Option("--game", help="Solve a named game at --param values.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", help="NAME=VALUE for --game (repeatable).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Explain each result.")] = False,
) -> None:
    """Credibility and deterrence of guarantee designs (Zagare & Kilgour's perfect deterrence).

    With a scenario: compare its designs (probability of deterrence failure, equilibrium regime,
    credibility prior → result, credibility needed). With --game udg|radg and --param: solve that
    game at the given parameters.
    """
    if game is not None:
        if file is not None or design is not None:
            raise InputError("--game solves a named model; do not also give a scenario or --design")
        values = _parse_params(param or [])
        if game is GameName.udg:
            from detente.deterrence.udg import solve_udg

            result = solve_udg(values)
        else:
            from detente.deterrence.radg import solve_radg

            result = solve_radg(values)  # type: ignore[assignment]
        if json_out:
            print_json(result.to_json())
            return
        out_console.print(f"[bold]{game.value.upper()}[/bold]: region [bold]{result.region}[/bold]"
                          + (" (knife edge)" if result.knife_edge else ""))
        out_console.print(
            "outcome: " + ", ".join(f"{k} {v:.4f}" for k, v in result.outcome.items())
        )
        for line in result.explanation:
            out_console.print(f"  • {escape(line)}")
        return
    if param:
        raise InputError("--param needs --game udg|radg")
    from detente.cli.render_deterrence import render
    from detente.deterrence.assessment import GuaranteeAssessment
    from detente.deterrence.lens import DeterrenceLens

    scenario = load_arg(file)
    assessment = DeterrenceLens().run(scenario)
    if design is not None:
        assessment = GuaranteeAssessment(assessment.scenario_id, (assessment.design(design),))
    if json_out:
        print_json(assessment.to_json())
        return
    render(assessment, out_console, explain=explain)


def register(app: typer.Typer) -> None:
    app.command()(deter)
