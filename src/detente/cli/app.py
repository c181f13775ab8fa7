"""The ``detente`` command line: a thin layer over the public Python API.

Each group of commands lives in its own module exposing ``register(app)``; adding a lens's
commands means adding its module to ``COMMAND_MODULES``.
"""

from __future__ import annotations

import importlib
import sys

import typer

from detente import __version__
from detente.errors import DetenteError

__all__ = ["COMMAND_MODULES", "app", "main"]

COMMAND_MODULES = (
    "detente.cli.scenario_commands",
    "detente.cli.analyze_command",
    "detente.cli.conflict_commands",
    "detente.cli.bargaining_commands",
    "detente.cli.deterrence_commands",
    "detente.cli.ratification_commands",
    "detente.cli.deals_commands",
    "detente.cli.report_commands",
    "detente.cli.uncertainty_commands",
    "detente.cli.web_commands",
)

app = typer.Typer(
    name="detente",
    help="Analyse peace negotiations and security guarantees.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Analyse peace negotiations and security guarantees."""


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def _report(error: DetenteError) -> None:
    from rich.markup import escape

    from detente.cli.common import err_console

    lines = str(error).splitlines() or [error.__class__.__name__]
    for line in lines:
        err_console.print(f"[bold red]error:[/bold red] {escape(line)}", soft_wrap=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``detente`` console script; exit 2 on bad input, never a traceback.

    Usage errors (unknown option, missing argument) are reported by typer's own click in
    standalone mode (exit 2); errors in the user's input raise :class:`DetenteError`, which
    propagates out of click and is reported here. Not naming click's exception classes keeps
    this independent of which click typer bundles.
    """
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="detente", standalone_mode=True)
    except DetenteError as error:
        _report(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
