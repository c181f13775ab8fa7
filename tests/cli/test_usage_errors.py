"""Usage errors on every command exit 2 with a message, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer

from detente.cli.app import app

COMMANDS = sorted(
    name for name in (c.name or c.callback.__name__ for c in app.registered_commands if c.callback)
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "detente", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_commands_are_registered() -> None:
    assert {"validate", "schema", "scenarios", "conflict", "analyze"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_is_a_usage_error(command: str) -> None:
    done = _run(command.replace("_", "-"), "--no-such-option-anywhere")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "no-such-option-anywhere" in done.stderr


def test_missing_argument_is_a_usage_error() -> None:
    done = _run("validate")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "Missing argument" in done.stderr


def test_unknown_command_is_a_usage_error() -> None:
    done = _run("frobnicate")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_typer_app_object_is_exported() -> None:
    assert isinstance(app, typer.Typer)
