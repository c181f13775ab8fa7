"""Progress of long work on stderr: a bar on a terminal, periodic plain lines otherwise.

Every CLI command whose work can take more than a couple of seconds reports through
:func:`progress`, which yields the ``(done, total)`` callback the runners and engines accept:

- on a terminal, a rich bar (what, how many of how many, rate, time left) that disappears when
  the work ends;
- anywhere else (a pipe, a CI log, a file), nothing for the first :data:`FIRST_LINE_AFTER`
  seconds, then one plain line every :data:`LINE_EVERY` seconds and a closing line, so piped
  and CI runs are never silent for long and quick runs print nothing;
- with ``quiet``, nothing at all.

Progress never goes to stdout, so ``--json`` output stays one document.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console

__all__ = ["FIRST_LINE_AFTER", "LINE_EVERY", "ProgressCallback", "plain_line", "progress"]

ProgressCallback = Callable[[int, int], None]
"""``callback(done, total)``: ``done`` units of ``total`` finished (``total`` 0 if unknown)."""

FIRST_LINE_AFTER = 2.0
"""Seconds of work before the first plain progress line (quick work prints nothing)."""

LINE_EVERY = 10.0
"""Seconds between plain progress lines."""


@dataclass
class _Progress:
    description: str
    unit: str | None
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    total: int = 0
    lines: int = 0

    def update(self, done: int, total: int) -> None:
        self.done, self.total = int(done), int(total)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def plain_line(
    description: str,
    unit: str | None,
    done: int,
    total: int,
    elapsed: float,
    finished: bool = False,
) -> str:
    """One plain progress line, e.g. ``sweep: 250 of 1,000 draws (25%), 31/s, about 24 s left``.

    Without a ``unit`` (work that does not count itself), the line says how long it has run.
    """
    if unit is None or (done == 0 and total == 0):
        state = "done" if finished else "working"
        return f"{description}: {state}, {_duration(elapsed)} elapsed"
    if finished:
        return f"{description}: done, {done:,} {unit} in {_duration(elapsed)}"
    rate = done / elapsed if elapsed > 0 else 0.0
    if total > 0:
        text = f"{description}: {done:,} of {total:,} {unit} ({done / total:.0%})"
        if rate > 0:
            text += f", {rate:,.1f}/s, about {_duration((total - done) / rate)} left"
        return text
    return f"{description}: {done:,} {unit} so far, {_duration(elapsed)} elapsed"


@contextmanager
def _plain(
    state: _Progress, console: Console, first: float, every: float
) -> Iterator[ProgressCallback]:
    stop = threading.Event()

    def tick() -> None:
        wait = first
        while not stop.wait(wait):
            elapsed = time.monotonic() - state.started
            console.print(
                plain_line(state.description, state.unit, state.done, state.total, elapsed),
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            state.lines += 1
            wait = every

    ticker = threading.Thread(target=tick, name="detente-progress", daemon=True)
    ticker.start()
    try:
        yield state.update
    finally:
        stop.set()
        ticker.join()
        if state.lines:
            elapsed = time.monotonic() - state.started
            console.print(
                plain_line(state.description, state.unit, state.done, state.total, elapsed, True),
                markup=False,
                highlight=False,
                soft_wrap=True,
            )


def _rate_column(unit: str) -> Any:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.0f} {unit}/s", style="cyan")

    return Rate()


@contextmanager
def _bar(state: _Progress, console: Console) -> Iterator[ProgressCallback]:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    if state.unit is None:
        columns: tuple[Any, ...] = (
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            TimeElapsedColumn(),
        )
    else:
        columns = (
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(state.unit),
            _rate_column(state.unit),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
        )
    bar = Progress(*columns, console=console, transient=True)
    task = bar.add_task(state.description, total=None)

    def update(done: int, total: int) -> None:
        state.update(done, total)
        bar.update(task, completed=done, total=total or None)

    with bar:
        yield update


@contextmanager
def progress(
    description: str,
    *,
    unit: str | None = "draws",
    quiet: bool = False,
    console: Console | None = None,
    first_line_after: float = FIRST_LINE_AFTER,
    line_every: float = LINE_EVERY,
) -> Iterator[ProgressCallback]:
    """Report progress of the work done inside the ``with`` block; yields the callback.

    ``unit`` names what the callback counts ("draws", "rounds"); None for work that does not
    count itself (a spinner and the time elapsed). ``console`` defaults to the CLI's stderr
    console; a terminal gets a bar, anything else plain lines (see the module docstring);
    ``quiet`` silences both.
    """
    if quiet:
        yield lambda done, total: None
        return
    if console is None:
        from detente.cli.common import err_console

        console = err_console
    state = _Progress(description, unit)
    if console.is_terminal:
        with _bar(state, console) as update:
            yield update
    else:
        with _plain(state, console, first_line_after, line_every) as update:
            yield update
