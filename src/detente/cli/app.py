"""The ``detente`` command line: a thin layer over the public Python API.

Each group of commands lives in its own module exposing ``register(app)``; adding a lens's
commands means adding its module to ``COMMAND_MODULES``.
"""

from __future__ import annotations

import importlib
import sys

import click
import typer

from detente import __version__
from detente.errors import DetenteError

__all__ = ["app", "main", "COMMAND_MODULES"]

COMMAND_MODULES = (
    "detente.cli.scenario_commands",
    "detente.cli.conflict_commands",
    "detente.cli.bargaining_commands",
    "detente.cli.report_commands",
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
    """Entry point of the ``detente`` console script; exit 2 on bad input, never a traceback."""
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="detente", standalone_mode=False)
    except DetenteError as error:
        _report(error)
        sys.exit(error.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(0)
