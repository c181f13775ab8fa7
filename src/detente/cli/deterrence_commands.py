"""``detente deter``: compare guarantee designs, or solve a named deterrence game."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from detente.cli.common import QuietOpt, load_arg, out_console, print_json
from detente.errors import InputError

if TYPE_CHECKING:
    from detente.deterrence.radg import RADGSolution
    from detente.deterrence.udg import UDGSolution

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


def _nash_versus_sequential(tree: object) -> tuple[list[dict[str, object]], list[str]]:
    """Every pure agent-form Nash equilibrium, classified (reference §6)."""
    from detente.deterrence.extensive import CompiledGame, enumerate_pure_equilibria
    from detente.deterrence.present import equilibrium_json

    assert isinstance(tree, CompiledGame)
    found = enumerate_pure_equilibria(tree)
    counts = {
        c: sum(e.classification == c for e in found)
        for c in ("sequential", "belief_dependent", "nash_only")
    }
    no_challenge = [e for e in found if e.terminal_probabilities.get("SQ", 0.0) > 1 - 1e-9]
    lines = [
        (
            f"Pure Nash equilibria of the tree: {len(found)} — {counts['sequential']} sequentially "
            f"rational whatever the off-path beliefs, {counts['belief_dependent']} only for some "
            f"off-path beliefs, {counts['nash_only']} resting on a threat no belief makes credible "
            "(a plain Nash solver may return any of them; mixed equilibria such as the Bluff "
            "family are not in this list)."
        ),
    ]
    if no_challenge:
        lines.append(
            f"{len(no_challenge)} of them show 'no challenge'; "
            f"{sum(e.classification == 'nash_only' for e in no_challenge)} of those rest on an "
            "incredible threat, "
            f"{sum(e.classification == 'belief_dependent' for e in no_challenge)} on chosen "
            "off-path beliefs."
        )
    return [equilibrium_json(e) for e in found], lines


def deter(
    file: Annotated[
        str | None, typer.Argument(help="Scenario file or shipped name (default: ukraine-2025).")
    ] = None,
    design: Annotated[str | None, typer.Option("--design", help="Only this design id.")] = None,
    game_name: Annotated[
        str | None,
        typer.Option("--game", help="Solve a named game (udg or radg) at --param values."),
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", help="NAME=VALUE for --game (repeatable).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Explain each result.")] = False,
    escalation: Annotated[
        bool,
        typer.Option(
            "--escalation",
            help="Also solve the Asymmetric Escalation Game per design (tactical vs strategic "
            "credibility; slower).",
        ),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Credibility and deterrence of guarantee designs (Zagare & Kilgour's perfect deterrence).

    With a scenario: compare its designs (probability of deterrence failure, equilibrium regime,
    credibility prior → result, credibility needed). With --game udg|radg and --param: solve that
    game at the given parameters.
    """
    game: GameName | None = None
    if game_name is not None:
        try:
            game = GameName(game_name.lower())
        except ValueError:
            raise InputError(
                f"unknown game {game_name!r}", hint="use --game udg or --game radg"
            ) from None
    if game is not None:
        if file is not None or design is not None:
            raise InputError("--game solves a named model; do not also give a scenario or --design")
        values = _parse_params(param or [])
        from detente.deterrence.extensive import CompiledGame
        from detente.deterrence.games import radg_game, udg_game
        from detente.deterrence.present import radg_json, udg_json

        tree: CompiledGame
        result: UDGSolution | RADGSolution
        if game is GameName.udg:
            from detente.deterrence.udg import solve_udg

            udg = solve_udg(values)
            result, tree, document = udg, udg_game(udg.parameters), udg_json(udg)
        else:
            from detente.deterrence.radg import solve_radg

            radg = solve_radg(values)
            result, tree, document = radg, radg_game(radg.parameters), radg_json(radg)
        lines: list[str] = []
        if explain:
            document["nash_equilibria"], lines = _nash_versus_sequential(tree)
        if json_out:
            print_json(document)
            return
        out_console.print(
            f"[bold]{game.value.upper()}[/bold]: region [bold]{result.region}[/bold]"
            + (" (knife edge)" if result.knife_edge else "")
        )
        out_console.print(
            "outcome: " + ", ".join(f"{k} {v:.4f}" for k, v in result.outcome.items())
        )
        from detente.deterrence.explain import radg_explanation, udg_explanation
        from detente.deterrence.udg import UDGSolution

        explanation = (
            udg_explanation(result) if isinstance(result, UDGSolution) else radg_explanation(result)
        )
        for line in (*explanation, *lines):
            out_console.print(f"  • {escape(line)}")
        return
    if param:
        raise InputError("--param needs --game udg|radg")
    if escalation and game is not None:
        raise InputError("--escalation applies to a scenario's designs, not to --game")
    from detente.cli.progress import progress
    from detente.cli.render_deterrence import render
    from detente.deterrence.assessment import GuaranteeAssessment
    from detente.deterrence.escalation import EscalationAssessment, assess_escalation
    from detente.deterrence.lens import DeterrenceLens

    scenario = load_arg(file)
    escalated: tuple[EscalationAssessment, ...] = ()
    with progress("deter", unit=None, quiet=quiet):
        assessment = DeterrenceLens().run(scenario)
        if design is not None:
            assessment = GuaranteeAssessment(assessment.scenario_id, (assessment.design(design),))
        if escalation:
            escalated = assess_escalation(scenario, None if design is None else (design,))
    if json_out:
        from detente.deterrence.present import assessment_json, escalation_json

        document = assessment_json(assessment)
        if escalation:
            document["escalation"] = [escalation_json(e) for e in escalated]
        print_json(document)
        return
    render(assessment, out_console, explain=explain)
    if escalation:
        from detente.cli.render_deterrence import render_escalation

        render_escalation(escalated, out_console, explain=explain)


def register(app: typer.Typer) -> None:
    app.command()(deter)
