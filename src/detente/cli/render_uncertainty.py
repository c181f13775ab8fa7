"""Terminal presentation of sweeps and sensitivity analyses (formatting only).

``render_headline(summary, console)`` is what ``detente analyze`` calls to show the quick
sweep of :func:`detente.analyze` (the headline answers' spreads) when the scenario contains
distributions.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from detente.analysis import UncertaintySummary
from detente.uncertainty.aggregate import OutputSummary, summarize
from detente.uncertainty.runner import ProgressCallback, SweepResult
from detente.uncertainty.sensitivity import (
    FlipResult,
    MorrisResult,
    SobolResult,
    TornadoResult,
    rank_correlations,
)

__all__ = [
    "HEADLINE_DRAWS",
    "HEADLINE_SECONDS",
    "render_flips",
    "render_headline",
    "render_morris",
    "render_sobol",
    "render_sweep",
    "render_tornado",
    "sweep_progress",
]

HEADLINE_DRAWS = 200
"""Most draws of the quick sweep ``analyze`` shows (+/-7 points on a probability at 200)."""

HEADLINE_SECONDS = 5.0
"""Time after which the quick sweep starts no new batch of draws."""


MIN_SHOWN_CORRELATION = 0.05
"""Rank correlations weaker than this are sampling noise at typical draw counts; not shown."""


@contextmanager
def sweep_progress(
    console: Console, description: str, *, quiet: bool = False
) -> Iterator[ProgressCallback]:
    """Progress of draws on stderr (:func:`detente.cli.progress.progress`): a bar on a
    terminal, periodic lines otherwise; ``console`` is used only if it writes to stderr."""
    from detente.cli.progress import progress

    with progress(
        description, unit="draws", quiet=quiet, console=console if console.stderr else None
    ) as update:
        yield update


def _fmt(value: float | None, digits: int = 3) -> str:
    if value is None or not math.isfinite(value):
        return "-"
    if float(value).is_integer() and abs(value) < 10**9:
        return str(int(value))
    return f"{value:.{digits}g}"


def _rate(value: float) -> str:
    return f"{value:,.0f}" if math.isfinite(value) else "-"


def _answer_cell(item: OutputSummary) -> str:
    if item.kind == "levels" and item.levels is not None:
        return " · ".join(f"{value}: {share:.0%}" for value, share in item.levels.items())
    if item.kind == "probability":
        return f"P = {_fmt(item.probability)}  [{_fmt(item.low)}, {_fmt(item.high)}]"
    return f"{_fmt(item.mean)} ± {_fmt(item.sd)}"


def render_sweep(
    result: SweepResult,
    console: Console,
    *,
    show_all: bool = False,
    top_sensitivities: int = 3,
    max_rows: int = 25,
) -> None:
    """The probabilistic answers with their spreads, then what moves them most."""
    state = "" if result.complete else f" [yellow](stopped: {escape(result.stopped or '')})[/]"
    console.print(
        f"[bold]{escape(result.scenario_id)}[/bold]: {result.completed:,} of "
        f"{result.requested:,} draws, seed {result.seed}, {len(result.inputs)} uncertain "
        f"inputs, {result.seconds:.1f} s ({_rate(result.draws_per_second)} draws/s){state}"
    )
    if not result.inputs:
        console.print(
            "[yellow]note:[/] the scenario has no distributions; every draw is the same "
            "scenario (write a number as {dist: ..., ...} to make it uncertain)"
        )
    summaries = summarize(result)
    for lens_name in result.lenses:
        items = [s for s in summaries if s.lens == lens_name]
        shown = items if show_all else [s for s in items if s.varies]
        hidden = len(items) - len(shown)
        table = Table(
            title=f"{lens_name}: answers over the draws", title_justify="left", show_lines=False
        )
        table.add_column("answer")
        table.add_column("nominal", justify="right")
        table.add_column("over the draws (95% CI for P)")
        table.add_column("5%–95%")
        for item in shown[:max_rows]:
            table.add_row(
                escape(item.key),
                _fmt(item.nominal),
                _answer_cell(item),
                f"{_fmt(item.quantiles['q05'])} – {_fmt(item.quantiles['q95'])}",
            )
        if shown:
            console.print(table)
        notes = []
        if len(shown) > max_rows:
            notes.append(f"{len(shown) - max_rows} more varying answers (see --json or --out)")
        if hidden:
            notes.append(f"{hidden} answers are the same in every draw (--all shows them)")
        if notes:
            console.print(f"  [dim]{escape('; '.join(notes))}[/dim]")
    for failure in result.failures:
        console.print(
            f"[yellow]warning:[/] lens {escape(failure.lens)} failed on {failure.count} draws "
            f"(first: draw {failure.first_draw}): "
            f"{escape(failure.message.splitlines()[0])}"
        )
    # Inside three standard errors of zero (|rho| < 3 / sqrt(n)) a correlation is likely noise,
    # given how many input-answer pairs are screened at once.
    floor = max(MIN_SHOWN_CORRELATION, 3 / math.sqrt(max(result.completed, 1)))
    groups: dict[tuple[tuple[str, float], ...], list[str]] = {}
    for column, found in rank_correlations(
        result.input_values, result.outputs, top_sensitivities
    ).items():
        strong = tuple((c.input, round(c.rho, 2)) for c in found if abs(c.rho) >= floor)
        if strong:
            groups.setdefault(strong, []).append(column)
    if groups:
        table = Table(
            title="What moves the answers (Spearman rank correlation with each input)",
            title_justify="left",
        )
        # Input names are paths; fold them rather than cut them off in a narrow terminal.
        table.add_column("answers", overflow="fold")
        table.add_column("top inputs", overflow="fold")
        ranked = sorted(groups.items(), key=lambda kv: -max(abs(rho) for _, rho in kv[0]))
        for pairs, columns in ranked[:max_rows]:
            label = ", ".join(columns[:4]) + (
                f" and {len(columns) - 4} more" if len(columns) > 4 else ""
            )
            table.add_row(
                escape(label), "\n".join(f"{escape(name)} ({rho:+.2f})" for name, rho in pairs)
            )
        console.print(table)


def render_headline(summary: UncertaintySummary, console: Console) -> None:
    """The quick sweep's table: each answer that varies, its nominal value and its spread."""
    sweep = summary.sweep
    varying = summary.varying()
    stopped = "" if sweep.complete else f", stopped after {sweep.completed} ({sweep.stopped})"
    table = Table(
        title=f"Uncertainty: {sweep.completed} draws of {len(sweep.inputs)} uncertain inputs "
        f"(seed {sweep.seed}{stopped}; `detente sweep` for more, `detente sensitivity` for "
        "what moves them)",
        title_justify="left",
    )
    table.add_column("answer")
    table.add_column("nominal", justify="right")
    table.add_column("over the draws")
    for item in varying[:15]:
        table.add_row(escape(item.column), _fmt(item.nominal), _answer_cell(item))
    if varying:
        console.print(table)
        if len(varying) > 15:
            console.print(f"  [dim]{len(varying) - 15} more varying answers: detente sweep[/]")
    else:
        console.print(
            f"[dim]Uncertainty: no answer changes over {sweep.completed} draws of the "
            f"{len(sweep.inputs)} uncertain inputs.[/dim]"
        )


def _shown(columns: Sequence[str], keys: Sequence[str] | None, limit: int) -> list[str]:
    return [c for c in columns if not keys or c in keys or c.partition(":")[2] in keys][:limit]


def _input_table(title: str, *measures: str) -> Table:
    """One answer's sensitivity table: a row per input, its measures right-aligned."""
    table = Table(title=title, title_justify="left")
    table.add_column("input")
    for measure in measures:
        table.add_column(measure, justify="right")
    return table


def _with_ci(value: float, ci: Sequence[float]) -> str:
    """``value [low, high]``: a Sobol index with its bootstrap confidence interval."""
    return f"{_fmt(value, 2)} [{_fmt(ci[0], 2)}, {_fmt(ci[1], 2)}]"


def render_sobol(
    result: SobolResult,
    console: Console,
    keys: Sequence[str] | None = None,
    top: int = 5,
    limit: int = 12,
) -> None:
    console.print(
        f"[bold]Sobol indices[/bold] ({result.base_draws} base draws, {result.runs:,} runs, "
        f"seed {result.seed}; Saltelli design, Jansen estimators)"
    )
    for column in _shown(list(result.indices), keys, limit):
        item = result.indices[column]
        table = _input_table(escape(column), "total ST [95% CI]", "first-order S1 [95% CI]")
        for name, _, _ in [r for r in item.ranking() if not r[1] <= 0][:top]:
            i = item.inputs.index(name)
            table.add_row(
                escape(name),
                _with_ci(item.total[i], item.total_ci[i]),
                _with_ci(item.first[i], item.first_ci[i]),
            )
        console.print(table)
    if result.constant:
        console.print(f"  [dim]{len(result.constant)} answers do not vary with the inputs[/]")


def render_morris(
    result: MorrisResult,
    console: Console,
    keys: Sequence[str] | None = None,
    top: int = 5,
    limit: int = 12,
) -> None:
    console.print(
        f"[bold]Morris screening[/bold] ({result.trajectories} trajectories, {result.levels} "
        f"levels, {result.runs:,} runs, seed {result.seed})"
    )
    for column in _shown(list(result.indices), keys, limit):
        item = result.indices[column]
        if not np.nanmax(item.mu_star, initial=0) > 0:
            continue
        table = _input_table(escape(column), "mu* (per unit quantile)", "sigma")
        for name, mu_star, sigma in [r for r in item.ranking() if r[1] > 0][:top]:
            table.add_row(escape(name), _fmt(mu_star), _fmt(sigma))
        console.print(table)


def render_tornado(
    result: TornadoResult,
    console: Console,
    keys: Sequence[str] | None = None,
    top: int = 5,
    limit: int = 12,
) -> None:
    console.print(
        f"[bold]Tornado[/bold] (each input at its {result.low_quantile:.0%} and "
        f"{result.high_quantile:.0%} percentile, others nominal)"
    )
    for column in _shown(list(result.bars), keys, limit):
        bars = [b for b in result.bars[column] if b.swing > 0]
        if not bars:
            continue
        table = _input_table(
            f"{escape(column)} (nominal {_fmt(result.nominal.get(column, math.nan))})",
            "low → output",
            "high → output",
            "swing",
        )
        for bar in bars[:top]:
            table.add_row(
                escape(bar.input),
                f"{_fmt(bar.low_value)} → {_fmt(bar.output_low)}",
                f"{_fmt(bar.high_value)} → {_fmt(bar.output_high)}",
                _fmt(bar.swing),
            )
        console.print(table)


def render_flips(
    result: FlipResult,
    console: Console,
    keys: Sequence[str] | None = None,
    top: int = 3,
    limit: int = 12,
) -> None:
    console.print(
        "[bold]What would flip it[/bold] (smallest change of one assumption, others nominal)"
    )
    if not result.flips:
        console.print("  no single assumption within its range changes any headline answer")
        return
    table = Table(show_header=True)
    table.add_column("answer", overflow="fold")
    table.add_column("nominal", justify="right")
    table.add_column("flips if", overflow="fold")
    table.add_column("change (of 5–95% range)", justify="right")
    table.add_column("P(that far)", justify="right")
    for column in _shown(list(result.flips), keys, limit):
        threshold = result.thresholds.get(column)
        label = escape(column) + (f" ≥ {threshold:g}" if threshold is not None else "")
        for point in result.flips[column][:top]:
            if point.direction == "alternative":
                condition = f"{escape(point.input)} = alternative {int(point.value)}"
                change = "-"
            else:
                condition = (
                    f"{escape(point.input)} {'≤' if point.direction == 'down' else '≥'} "
                    f"{_fmt(point.value, 4)} (nominal {_fmt(point.nominal_value, 4)})"
                )
                change = f"{point.change:+.3g} ({point.relative_change:+.0%})"
            table.add_row(
                label,
                _fmt(point.nominal_answer),
                condition + f" → {_fmt(point.answer)}",
                change,
                _fmt(point.plausibility, 2),
            )
            label = ""
    console.print(table)
