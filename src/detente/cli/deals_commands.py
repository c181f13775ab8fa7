"""``detente deals`` and ``detente deals search``: which package would work, and where to look
for a better one."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from detente.cli.common import QuietOpt, err_console, load_arg, out_console, print_json
from detente.errors import InputError

__all__ = ["register"]

FileArg = Annotated[
    str | None,
    typer.Argument(help="Scenario file or shipped scenario name (default: the shipped default)."),
]
DrawsOpt = Annotated[int, typer.Option("--draws", "-n", help="Draws of the uncertain inputs.")]
SeedOpt = Annotated[int, typer.Option("--seed", "-s", help="Seed of every random stream.")]
BackendOpt = Annotated[
    str,
    typer.Option(
        "--backend", "-b", help="inprocess, processes (all cores), dask://host:port, or dask-local."
    ),
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", "-w", help="Worker processes (default: all cores).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]


class _DefaultEvaluate(TyperGroup):
    """``detente deals [FILE]`` runs ``evaluate``; ``detente deals search FILE`` the search."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["evaluate", *args]
        return list(super().parse_args(ctx, args))


deals_app = typer.Typer(
    cls=_DefaultEvaluate,
    help=(
        "Which deal would work: each package's P(accepted by every party), P(ratified), "
        "P(deters a renewed attack) and P(all of them), with intervals. "
        "`detente deals [FILE]` judges the scenario's packages; `detente deals search FILE` "
        "searches the space of packages."
    ),
    no_args_is_help=False,
)


def _positive(value: int, option: str, example: int) -> None:
    if value < 1:
        raise InputError(
            f"{option} must be a positive integer (got {value})", hint=f"try {option} {example}"
        )


def _check_seed(seed: int) -> None:
    if seed < 0:
        raise InputError(f"--seed must be a non-negative integer (got {seed})")


@deals_app.command("evaluate", hidden=True)
def evaluate(
    file: FileArg = None,
    draws: DrawsOpt = 2000,
    seed: SeedOpt = 0,
    backend: BackendOpt = "processes",
    workers: WorkersOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Judge every package of the scenario's `deals` section over draws of its inputs."""
    from detente.cli.render_deals import deals_json, render_deals
    from detente.cli.render_uncertainty import sweep_progress
    from detente.uncertainty.deals import deal_sweep
    from detente.uncertainty.executors import open_backend

    _positive(draws, "--draws", 2000)
    _check_seed(seed)
    scenario = load_arg(file)
    if scenario.deals is None:
        raise InputError(
            f"scenario {scenario.id!r} has no `deals` section",
            hint="add one (see docs/deals.md), or try `detente deals ukraine-2025`",
        )
    with (
        open_backend(backend, workers) as chosen,
        sweep_progress(err_console, f"deals ({chosen.description})", quiet=quiet) as progress,
    ):
        result = deal_sweep(
            scenario,
            draws,
            seed=seed,
            executor=chosen.executor,
            workers=chosen.workers,
            progress=progress,
        )
    if json_output:
        print_json(deals_json(scenario, result))
    else:
        render_deals(scenario, result, out_console)


@deals_app.command("search")
def search(
    file: FileArg = None,
    candidates: Annotated[
        int, typer.Option("--candidates", "-c", help="Candidate packages to try.")
    ] = 20_000,
    draws: DrawsOpt = 500,
    seed: SeedOpt = 0,
    top: Annotated[int, typer.Option("--top", help="Packages to list (best first).")] = 10,
    confirm_draws: Annotated[
        int,
        typer.Option("--confirm-draws", help="Draws on which the top packages are re-judged."),
    ] = 2000,
    acceptable_to: Annotated[
        str | None,
        typer.Option(
            "--acceptable-to",
            help="Also find, for each named package, the nearest one this party accepts.",
        ),
    ] = None,
    backend: BackendOpt = "processes",
    workers: WorkersOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Search packages on common draws: the most robust, the frontier, the Nash and
    Kalai-Smorodinsky points, and (with --acceptable-to) the nearest acceptable package."""
    from detente.cli.progress import progress as progress_of
    from detente.cli.render_deals import render_search, search_json
    from detente.uncertainty.deal_search import run_search
    from detente.uncertainty.executors import open_backend

    _positive(candidates, "--candidates", 20_000)
    _positive(draws, "--draws", 500)
    _positive(top, "--top", 10)
    _positive(confirm_draws, "--confirm-draws", 2000)
    _check_seed(seed)
    scenario = load_arg(file)
    if scenario.deals is None:
        raise InputError(
            f"scenario {scenario.id!r} has no `deals` section",
            hint="add one (see docs/deals.md), or try `detente deals search ukraine-2025`",
        )
    parties = [p.actor for p in scenario.deals.parties]
    if acceptable_to is not None and acceptable_to not in parties:
        raise InputError(
            f"--acceptable-to {acceptable_to!r} is not a party of the deals section",
            hint=f"parties: {', '.join(parties)}",
        )
    with (
        open_backend(backend, workers) as chosen,
        progress_of(f"deal search ({chosen.description})", unit="tasks", quiet=quiet) as progress,
    ):
        result = run_search(
            scenario,
            candidates=candidates,
            draws=draws,
            seed=seed,
            top=top,
            confirm_draws=confirm_draws,
            acceptable_to=acceptable_to,
            executor=chosen.executor,
            workers=chosen.workers,
            progress=progress,
        )
    if json_output:
        print_json(search_json(scenario, result))
    else:
        render_search(scenario, result, out_console)


def register(app: typer.Typer) -> None:
    app.add_typer(deals_app, name="deals")
