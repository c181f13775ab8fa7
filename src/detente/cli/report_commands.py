"""``detente report``: write the self-contained HTML report of a scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import err_console, load_arg

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
) -> None:
    """Write one self-contained HTML report (figures, tables, assumptions; opens offline)."""
    from detente.report.run import write_report

    scenario = load_arg(file)
    written = write_report(scenario, output, lens or None)
    err_console.print(f"wrote {written} ({written.stat().st_size / 1e6:.1f} MB)")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
