"""The CLI's progress helper: a bar on a terminal, plain lines in pipes and CI, silence on -q."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time

from rich.console import Console

from detente.cli.progress import plain_line, progress


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=100), buffer


def _wait_for(buffer: io.StringIO, text: str, seconds: float = 20.0) -> bool:
    """Until ``text`` shows in ``buffer`` (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in buffer.getvalue():
            return True
        time.sleep(0.01)
    return False


def test_plain_lines_say_how_far_how_fast_and_how_long() -> None:
    assert plain_line("sweep", "draws", 250, 1000, 10.0) == (
        "sweep: 250 of 1,000 draws (25%), 25.0/s, about 30 s left"
    )
    assert plain_line("sweep", "draws", 250, 0, 10.0) == "sweep: 250 draws so far, 10 s elapsed"
    assert plain_line("report", None, 0, 0, 125.0) == "report: working, 2 min elapsed"
    assert plain_line("sweep", "draws", 1000, 1000, 42.0, finished=True) == (
        "sweep: done, 1,000 draws in 42 s"
    )


def test_without_a_terminal_progress_is_periodic_plain_lines() -> None:
    console, buffer = _console(terminal=False)
    with progress("sweep", console=console, first_line_after=0.01, line_every=0.01) as update:
        update(3, 10)
        assert _wait_for(buffer, "sweep: 3 of 10 draws (30%)")
        update(10, 10)
        assert _wait_for(buffer, "sweep: 10 of 10 draws")
    lines = buffer.getvalue().splitlines()
    assert lines[-1].startswith("sweep: done, 10 draws in ")
    assert "\x1b" not in buffer.getvalue()  # no escape codes in a log


def test_quick_work_prints_nothing() -> None:
    console, buffer = _console(terminal=False)
    with progress("sweep", console=console, first_line_after=60) as update:
        update(10, 10)
    assert buffer.getvalue() == ""


def test_quiet_prints_nothing_even_for_long_work() -> None:
    console, buffer = _console(terminal=False)
    with progress("sweep", console=console, quiet=True, first_line_after=0.0) as update:
        update(1, 2)
        threading.Event().wait(0.05)
    assert buffer.getvalue() == ""


def test_on_a_terminal_it_is_a_bar_that_goes_away() -> None:
    console, buffer = _console(terminal=True)
    with progress("sweep", console=console) as update:
        update(5, 10)
        assert _wait_for(buffer, "5/10")
    assert "sweep" in buffer.getvalue()


def test_work_that_does_not_count_itself_shows_time_elapsed() -> None:
    console, buffer = _console(terminal=False)
    with progress("conflict", unit=None, console=console, first_line_after=0.01):
        assert _wait_for(buffer, "conflict: working, ")
    assert buffer.getvalue().splitlines()[-1].startswith("conflict: done, ")


def test_json_stays_clean_and_quiet_silences_stderr() -> None:
    """A piped `forecast --json -q`: one JSON document on stdout, nothing on stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "detente", "forecast", "--json", "-q"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.lstrip().startswith("{")
