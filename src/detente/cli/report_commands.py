"""``detente report``: write the self-contained HTML report of a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import QuietOpt, err_console, load_arg

__all__ = ["register"]


def report(
    file: Annotated[
        str | None,
        typer.Argument(help="Scenario file or shipped scenario name (default: the shipped one)."),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the HTML report.")
    ] = Path("report.html"),
    lens: Annotated[
        list[str] | None,
        typer.Option(
            "--lens", help="Only these lenses (repeatable; default: every one that applies)."
        ),
    ] = None,
    draws: Annotated[
        int | None,
        typer.Option(
            "--draws", help="Also sweep N draws of the uncertain inputs (uncertainty section)."
        ),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed of the sweep (default: fresh, recorded).")
    ] = None,
    backend: Annotated[
        str,
        typer.Option(
            "--backend",
            help="Where the sweep runs: processes, inprocess, dask-local, dask://host:port.",
        ),
    ] = "processes",
    quiet: QuietOpt = False,
) -> None:
    """Write one self-contained HTML report (figures, tables, assumptions; opens offline)."""
    from detente.errors import InputError
    from detente.report.run import write_report

    if draws is not None and draws < 1:
        raise InputError(
            f"--draws must be a positive number (got {draws})", hint="try --draws 1000"
        )
    if seed is not None and draws is None:
        raise InputError("--seed only applies to a sweep", hint="add --draws N")
    from detente.cli.progress import progress as show_progress

    scenario = load_arg(file)
    if draws is None:
        with show_progress("report", unit=None, quiet=quiet):
            written = write_report(scenario, output, lens or None)
    else:
        with show_progress("report (sweep)", unit="draws", quiet=quiet) as progress:
            written = write_report(
                scenario,
                output,
                lens or None,
                draws=draws,
                seed=seed,
                backend=backend,
                progress=progress,
            )
    err_console.print(f"wrote {written} ({written.stat().st_size / 1e6:.1f} MB)")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
