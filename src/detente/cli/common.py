"""Helpers shared by the CLI command modules: consoles, scenario arguments, JSON output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from detente.errors import InputError
from detente.scenario import DEFAULT_SCENARIO, Scenario, load_scenario, shipped_path

__all__ = [
    "QuietOpt",
    "err_console",
    "load_arg",
    "out_console",
    "print_json",
    "resolve_scenario_path",
]

out_console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print no progress on stderr (errors still show).")
]


def resolve_scenario_path(file: str | None) -> Path:
    """A scenario argument: a path, the name of a shipped scenario, or None for the default."""
    if file is None:
        return shipped_path(DEFAULT_SCENARIO)
    path = Path(file)
    if path.exists() or path.suffix or "/" in file:
        return path
    try:
        return shipped_path(file)
    except InputError:
        return path  # let the loader report "file not found" with the name given


def load_arg(file: str | None) -> Scenario:
    return load_scenario(resolve_scenario_path(file))


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
