"""Helpers shared by the CLI command modules: consoles, scenario arguments, JSON output."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from detente.scenario import Scenario, load
from detente.scenario.catalog import resolve_scenario_path

__all__ = [
    "QuietOpt",
    "err_console",
    "load_arg",
    "out_console",
    "print_json",
    "resolve_scenario_path",
]

out_console = Console(highlight=False)
"""Standard output (results)."""
err_console = Console(stderr=True, highlight=False)
"""Standard error (errors, warnings and progress bars)."""

QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print no progress on stderr (errors still show).")
]
"""The ``--quiet`` option of every command that reports progress."""


def load_arg(file: str | None) -> Scenario:
    """The scenario a command's FILE argument names (a path or shipped name; None: default)."""
    return load(resolve_scenario_path(file))


def _default(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def print_json(document: Any) -> None:
    """Write one JSON document to stdout (not through rich, so it stays machine-readable)."""
    sys.stdout.write(json.dumps(document, indent=2, default=_default, allow_nan=False))
    sys.stdout.write("\n")
