"""``detente sweep`` and ``detente sensitivity``: answers as probabilities, and what moves them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli.common import QuietOpt, err_console, load_arg, out_console, print_json
from detente.errors import DetenteError, InputError

__all__ = ["register", "sensitivity", "sweep"]

FileArg = Annotated[
    str | None,
    typer.Argument(help="Scenario file or shipped scenario name (default: the shipped default)."),
]
LensOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lens", "-l", help="Lens to run (repeatable; default: every lens that applies)."
    ),
]
SeedOpt = Annotated[int, typer.Option("--seed", "-s", help="Seed of every random stream.")]
BackendOpt = Annotated[
    str,
    typer.Option(
        "--backend",
        "-b",
        help="inprocess, processes (all cores), dask://host:port, or dask-local.",
    ),
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", "-w", help="Worker processes (default: all cores).")
]
TimeoutOpt = Annotated[
    float,
    typer.Option("--connect-timeout", help="Seconds to wait for a Dask scheduler.", min=0.1),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]


def _positive(value: int, option: str, example: int) -> int:
    if value < 1:
        raise InputError(
            f"{option} must be a positive integer (got {value})", hint=f"try {option} {example}"
        )
    return value


def _check_out(out: Path | None) -> None:
    if out is None:
        return
    if out.suffix.lower() not in {".parquet", ".pq"}:
        raise InputError(
            f"--out {out}: results are written as Parquet", hint="name the file results.parquet"
        )
    if not out.parent.exists():
        raise InputError(
            f"--out {out}: directory {out.parent} does not exist",
            hint="create it first or choose another path",
        )


def sweep(
    file: FileArg = None,
    draws: Annotated[int, typer.Option("--draws", "-n", help="Number of scenario draws.")] = 1000,
    lens: LensOpt = None,
    seed: SeedOpt = 0,
    backend: BackendOpt = "processes",
    workers: WorkersOpt = None,
    connect_timeout: TimeoutOpt = 10.0,
    batch_size: Annotated[
        int | None, typer.Option("--batch-size", help="Draws per task (default: up to 1000).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write one row per draw to this Parquet file."),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also list answers that are the same in every draw.")
    ] = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Monte Carlo: draw the scenario's uncertain inputs, run the lenses, report each answer's
    distribution (probabilities with Wilson intervals) and the inputs that move it most."""
    from detente.cli.render_uncertainty import render_sweep, sweep_progress
    from detente.uncertainty.aggregate import write_parquet
    from detente.uncertainty.executors import open_backend
    from detente.uncertainty.present import sweep_to_json
    from detente.uncertainty.runner import run_sweep, select_lenses
    from detente.uncertainty.variants import nominal_scenario

    _positive(draws, "--draws", 1000)
    if batch_size is not None:
        _positive(batch_size, "--batch-size", 1000)
    if seed < 0:
        raise InputError(f"--seed must be a non-negative integer (got {seed})")
    _check_out(out)
    scenario = load_arg(file)
    select_lenses(nominal_scenario(scenario), lens)  # fail on a bad --lens before starting workers
    with (
        open_backend(backend, workers, connect_timeout=connect_timeout) as chosen,
        sweep_progress(err_console, f"sweep ({chosen.description})", quiet=quiet) as progress,
    ):
        result = run_sweep(
            scenario,
            draws,
            lenses=lens,
            seed=seed,
            executor=chosen.executor,
            workers=chosen.workers,
            batch_size=batch_size,
            progress=progress,
        )
    if out is not None and result.completed:
        write_parquet(result, out)
    if json_output:
        document = sweep_to_json(result)
        document["backend"] = chosen.description
        document["out"] = str(out) if out is not None and result.completed else None
        print_json(document)
    else:
        render_sweep(result, out_console, show_all=show_all)
        if out is not None and result.completed:
            out_console.print(f"[dim]{result.completed:,} rows written to {out}[/dim]")
    if result.stopped == "interrupted":
        err_console.print(
            f"interrupted after {result.completed:,} of {result.requested:,} draws"
            + (
                f"; completed draws written to {out}"
                if out is not None and result.completed
                else ""
            )
        )
        sys.exit(130)
    if result.stopped is not None:
        raise DetenteError(
            f"the sweep stopped after {result.completed:,} of {result.requested:,} draws: "
            f"{result.stopped}",
            hint=(f"completed draws were written to {out}; " if out and result.completed else "")
            + "check the workers, or rerun with --backend inprocess to see the failure",
        )


def sensitivity(
    file: FileArg = None,
    lens: LensOpt = None,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            "-m",
            help="morris (screening, cheapest per input), sobol (variance shares) or tornado.",
        ),
    ] = "morris",
    draws: Annotated[
        int | None,
        typer.Option(
            "--draws",
            "-n",
            help="Sobol: base draws (runs = draws x (inputs + 2); default 256); "
            "Morris: trajectories (runs = draws x (inputs + 1); default 20).",
        ),
    ] = None,
    key: Annotated[
        list[str] | None,
        typer.Option("--key", "-k", help="Only show these answers (lens:key or key; repeatable)."),
    ] = None,
    flips: Annotated[
        bool, typer.Option("--flip/--no-flip", help="Also search what would flip each answer.")
    ] = True,
    seed: SeedOpt = 0,
    backend: BackendOpt = "processes",
    workers: WorkersOpt = None,
    connect_timeout: TimeoutOpt = 10.0,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Rank the assumptions that move each answer (Sobol, Morris or tornado) and find the
    smallest change of one assumption that would flip it."""
    from detente.cli.render_uncertainty import (
        render_flips,
        render_morris,
        render_sobol,
        render_tornado,
        sweep_progress,
    )
    from detente.uncertainty.executors import open_backend
    from detente.uncertainty.present import sensitivity_to_json
    from detente.uncertainty.runner import select_lenses
    from detente.uncertainty.sensitivity import (
        MorrisResult,
        SobolResult,
        TornadoResult,
        flip_points,
        morris_screening,
        sobol_indices,
        tornado,
    )
    from detente.uncertainty.variants import nominal_scenario

    methods = ("sobol", "morris", "tornado")
    if method not in methods:
        raise InputError(f"unknown --method {method!r}", hint=f"use one of: {', '.join(methods)}")
    if draws is None:
        draws = 256 if method == "sobol" else 20
    _positive(draws, "--draws", 256 if method == "sobol" else 20)
    if seed < 0:
        raise InputError(f"--seed must be a non-negative integer (got {seed})")
    scenario = load_arg(file)
    select_lenses(nominal_scenario(scenario), lens)  # fail on a bad --lens before starting workers
    with open_backend(backend, workers, connect_timeout=connect_timeout) as chosen:
        common: dict[str, Any] = {
            "lenses": lens,
            "seed": seed,
            "executor": chosen.executor,
            "workers": chosen.workers,
        }
        ranking: SobolResult | MorrisResult | TornadoResult
        with sweep_progress(
            err_console, f"{method} ({chosen.description})", quiet=quiet
        ) as progress:
            if method == "sobol":
                ranking = sobol_indices(scenario, draws, progress=progress, **common)
            elif method == "morris":
                ranking = morris_screening(scenario, draws, progress=progress, **common)
            else:
                ranking = tornado(scenario, progress=progress, **common)
        flipped = None
        if flips:
            with sweep_progress(err_console, "what would flip it", quiet=quiet) as progress:
                flipped = flip_points(scenario, progress=progress, **common)
    if json_output:
        print_json(
            {
                "scenario": scenario.id,
                "ranking": sensitivity_to_json(ranking),
                "flips": sensitivity_to_json(flipped) if flipped is not None else None,
            }
        )
        return
    if isinstance(ranking, SobolResult):
        render_sobol(ranking, out_console, key)
    elif isinstance(ranking, MorrisResult):
        render_morris(ranking, out_console, key)
    else:
        render_tornado(ranking, out_console, key)
    if flipped is not None:
        render_flips(flipped, out_console, key)


def register(app: typer.Typer) -> None:
    app.command()(sweep)
    app.command()(sensitivity)
