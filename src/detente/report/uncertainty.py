"""The report's uncertainty section: what the answers look like over many draws, and why.

Runs a Monte Carlo sweep (:func:`detente.uncertainty.run_sweep`) and one-at-a-time tornado
swings (:func:`detente.uncertainty.tornado`; Howard 1988, *Management Science* 34(6)) and turns
them into blocks: a tornado chart for each headline output that the inputs move, and a table of
every output that varies over the draws. Lens sections receive their outputs' distributions to
show spreads next to their nominal answers (see :mod:`detente.report.figures`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from detente.report.assumptions import readable_path
from detente.report.blocks import Block, Cell, FigureBlock, Headline, TableBlock
from detente.report.figures._style import INK, plot_text, styled
from detente.scenario.model import Scenario
from detente.uncertainty import (
    OutputSummary,
    SweepResult,
    TornadoResult,
    open_backend,
    run_sweep,
    summarize,
    tornado,
)

__all__ = [
    "UncertaintyResults",
    "distribution_table",
    "run_uncertainty",
    "tornado_figure",
    "uncertainty_blocks",
    "uncertainty_headlines",
    "uncertainty_section",
]

MAX_TORNADOS = 6
MAX_BARS = 10
MAX_TABLE_ROWS = 40
LOW_COLOUR = "#88B3DA"
HIGH_COLOUR = "#E3A857"


@dataclass(frozen=True)
class UncertaintyResults:
    """A sweep, its per-output summaries (by column ``lens:key``) and the tornado swings."""

    sweep: SweepResult
    summaries: Mapping[str, OutputSummary]
    tornado: TornadoResult | None

    def for_lens(self, lens_name: str) -> dict[str, OutputSummary]:
        """The summaries of one lens's outputs, keyed by the lens's own summary keys."""
        return {s.key: s for s in self.summaries.values() if s.lens == lens_name}


def run_uncertainty(
    scenario: Scenario,
    lenses: Sequence[Any],
    draws: int,
    seed: int | None = None,
    *,
    backend: str = "processes",
    workers: int | None = None,
    with_tornado: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> UncertaintyResults:
    """Sweep ``draws`` variants of ``scenario`` through ``lenses`` and compute tornado swings.

    ``backend`` is any :func:`detente.uncertainty.open_backend` spec (``processes``,
    ``inprocess``, ``dask-local``, ``dask://host:port``); the answers do not depend on it.
    """
    with open_backend(backend, workers) as opened:
        sweep = run_sweep(
            scenario,
            draws,
            lenses=list(lenses),
            seed=seed,
            executor=opened.executor,
            workers=opened.workers,
            progress=progress,
        )
        swings = None
        if with_tornado and sweep.inputs:
            swings = tornado(
                scenario,
                lenses=list(lenses),
                seed=sweep.seed,
                executor=opened.executor,
                workers=opened.workers,
            )
    return UncertaintyResults(sweep, {s.column: s for s in summarize(sweep)}, swings)


def _label(column: str, titles: Mapping[str, str]) -> str:
    lens, _, key = column.partition(":")
    return f"{titles.get(lens, lens)}: {key}"


def tornado_figure(
    swings: TornadoResult,
    column: str,
    *,
    max_bars: int = MAX_BARS,
    scenario: Scenario | None = None,
) -> go.Figure:
    """One output's tornado: each input at its 5th and 95th percentile, the others nominal.

    Bars start at the output's nominal value; the blue part is the output with the input at its
    low percentile, the orange part at its high percentile. Largest swing on top.
    """
    nominal = float(swings.nominal.get(column, np.nan))
    bars = [b for b in swings.bars.get(column, ()) if np.isfinite(b.swing) and b.swing > 0][
        :max_bars
    ]
    names = [plot_text(readable_path(scenario, b.input)) for b in bars]
    fig = go.Figure()
    for side, colour, pct in (
        ("low", LOW_COLOUR, swings.low_quantile),
        ("high", HIGH_COLOUR, swings.high_quantile),
    ):
        out = [getattr(b, f"output_{side}") for b in bars]
        inp = [getattr(b, f"{side}_value") for b in bars]
        fig.add_trace(
            go.Bar(
                y=names,
                x=[o - nominal for o in out],
                base=nominal,
                orientation="h",
                name=f"input at its {pct:.0%} point",
                marker={"color": colour},
                customdata=np.column_stack([inp, out]) if bars else None,
                hovertemplate="%{y}<br>input %{customdata[0]:.3g} → output %{customdata[1]:.3g}<extra></extra>",
            )
        )
    fig.add_vline(x=nominal, line={"color": INK, "width": 1.5})
    styled(
        fig,
        barmode="group",
        bargap=0.25,
        height=40 * max(len(bars), 2) + 130,
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"title": {"text": f"output (nominal {nominal:.3g})"}},
        margin={"l": 20, "r": 20, "t": 40, "b": 50},
    )
    return fig


def _chosen_columns(
    swings: TornadoResult,
    lens_order: Sequence[str],
    limit: int,
    preferred: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """The outputs whose tornados are shown: per lens in turn, largest swing first, among the
    lens's headline keys (``preferred``, by lens) when it names them, else all its outputs."""
    preferred = preferred or {}
    by_lens: dict[str, list[tuple[float, str]]] = {}
    for column, bars in swings.bars.items():
        lens, _, key = column.partition(":")
        if preferred.get(lens) and key not in preferred[lens]:
            continue
        top = max((b.swing for b in bars if np.isfinite(b.swing)), default=0.0)
        if top > 0:
            by_lens.setdefault(lens, []).append((top, column))
    queues = [sorted(by_lens.get(lens, []), key=lambda t: (-t[0], t[1])) for lens in lens_order]
    queues += [
        sorted(v, key=lambda t: (-t[0], t[1]))
        for k, v in sorted(by_lens.items())
        if k not in lens_order
    ]
    chosen: list[str] = []
    while len(chosen) < limit and any(queues):
        for queue in queues:  # round robin, so every lens gets its most sensitive output shown
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0)[1])
    return chosen


def distribution_table(
    results: UncertaintyResults,
    titles: Mapping[str, str],
    *,
    max_rows: int = MAX_TABLE_ROWS,
    preferred: Mapping[str, Sequence[str]] | None = None,
) -> TableBlock:
    """Every output that varies over the draws: nominal value, mean (or probability with its
    Wilson 95 % interval) and 5-95 % range; per lens its headline outputs first, then the
    most variable."""
    preferred = preferred or {}
    varying = [s for s in results.summaries.values() if np.isfinite(s.sd) and s.sd > 0]
    order = {lens: i for i, lens in enumerate(titles)}
    varying.sort(
        key=lambda s: (
            order.get(s.lens, len(order)),
            s.key not in preferred.get(s.lens, ()),
            -s.sd,
            s.key,
        )
    )
    rows = []
    for s in varying[:max_rows]:
        if s.kind == "probability" and s.probability is not None:
            centre = f"P = {s.probability:.2f} ({s.low:.2f} to {s.high:.2f})"
            spread = ""
        else:
            centre = f"{s.mean:.3g}"
            spread = f"{s.quantiles.get('q05', np.nan):.3g} to {s.quantiles.get('q95', np.nan):.3g}"
        rows.append(
            (
                Cell(_label(s.column, titles)),
                Cell(f"{s.nominal:.3g}"),
                Cell(centre),
                Cell(spread),
                Cell(str(s.n)),
            )
        )
    sweep = results.sweep
    caption = (
        f"{sweep.completed} draws, seed {sweep.seed}; {len(varying)} of {len(results.summaries)} "
        "outputs vary over the draws"
        + (f" (the {max_rows} most variable are listed)." if len(varying) > max_rows else ".")
        + " Yes/no outputs show the share of draws in which they hold, with its 95 % interval."
    )
    return TableBlock(
        key="uncertainty-outputs",
        title="Answers over the draws",
        caption=caption,
        columns=("output", "nominal", "mean or probability", "5-95 % range", "draws"),
        rows=tuple(rows),
    )


def inputs_table(results: UncertaintyResults, scenario: Scenario | None = None) -> TableBlock:
    """The uncertain inputs that were drawn, with their nominal value and range."""
    rows = []
    for item in results.sweep.inputs:
        support = item.support()
        nominal = item.nominal()
        rows.append(
            (
                Cell(readable_path(scenario, item.name)),
                Cell(f"{nominal:.3g}" if isinstance(nominal, int | float) else str(nominal)),
                Cell(f"{support[0]:.3g} to {support[1]:.3g}" if support else "alternatives"),
            )
        )
    return TableBlock(
        key="uncertainty-inputs",
        title="Uncertain inputs",
        caption="Every assumption given as a distribution (or as weighted alternatives) in the scenario.",
        columns=("input", "nominal", "range"),
        rows=tuple(rows),
    )


def uncertainty_blocks(
    results: UncertaintyResults,
    titles: Mapping[str, str],
    *,
    max_tornados: int = MAX_TORNADOS,
    scenario: Scenario | None = None,
    preferred: Mapping[str, Sequence[str]] | None = None,
) -> list[Block]:
    """The section's blocks: tornado charts, the outputs' distributions, the inputs drawn."""
    out: list[Block] = []
    swings = results.tornado
    if swings is not None:
        for n, column in enumerate(
            _chosen_columns(swings, list(titles), max_tornados, preferred), start=1
        ):
            out.append(
                FigureBlock(
                    f"uncertainty-tornado-{n}",
                    f"What moves {_label(column, titles)}",
                    "Each bar: the output when one input is set to its low (blue) or high (orange) "
                    "percentile and every other input stays nominal; the line is the nominal answer.",
                    tornado_figure(swings, column, scenario=scenario),
                )
            )
    out.append(distribution_table(results, titles, preferred=preferred))
    out.append(inputs_table(results, scenario))
    return out


def uncertainty_headlines(results: UncertaintyResults) -> list[Headline]:
    """The sweep itself, as a headline: how many draws of how many uncertain inputs."""
    sweep = results.sweep
    return [
        Headline(
            "Uncertainty",
            f"{sweep.completed:,} draws",
            f"{len(sweep.inputs)} uncertain inputs, seed {sweep.seed}",
            "neutral",
        )
    ]


def uncertainty_section(
    results: UncertaintyResults,
    titles: Mapping[str, str],
    scenario: Scenario | None = None,
    preferred: Mapping[str, Sequence[str]] | None = None,
) -> Any:
    """The whole section, ready for :func:`detente.report.html.build_report`'s extra sections."""
    from detente.report.html import LensSection

    return LensSection(
        name="uncertainty",
        title="Uncertainty and sensitivity",
        blocks=tuple(uncertainty_blocks(results, titles, scenario=scenario, preferred=preferred)),
        headlines=tuple(uncertainty_headlines(results)),
    )
