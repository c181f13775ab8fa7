"""Figures of the bargaining lens: positions by round per issue and the forecast.

Reads a :class:`detente.bargaining.analysis.BargainingAnalysis`. The headline model's trajectory is
the one plotted (KTAB's Spatial Model of Politics by default: Wise et al. 2016, KAPSARC
KS-1606-DP036); the capability x salience weighted mean (the baseline the literature shows is
hard to beat) is drawn next to it on every issue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from detente.bargaining.analysis import BargainingAnalysis
from detente.bargaining.explain import dynamics, narratives
from detente.report.blocks import Block, Cell, FigureBlock, Headline, TableBlock
from detente.report.figures import spread_text
from detente.report.figures._style import INK, MUTED, hline, plot_text, styled, text_label
from detente.report.palette import NEUTRAL, ActorPalette
from detente.scenario.model import Scenario

ORDER = 20
"""Reading position in the report (DESIGN.md's four questions, in order)."""

__all__ = [
    "Spread",
    "blocks",
    "forecast_figure",
    "forecast_table",
    "headlines",
    "issue_points",
    "positions_figure",
    "sensitive_keys",
    "spread_from",
    "trajectory",
]

MODEL_TITLES = {
    "smp": "KTAB SMP",
    "bdm": "BDM expected utility",
    "stokman": "Stokman exchange",
    "mean": "weighted mean",
}
MODEL_SYMBOLS = {"smp": "diamond", "bdm": "square", "stokman": "triangle-up", "mean": "x-thin"}

Spread = Mapping[str, tuple[float, float, float]]
"""Per issue id: (5th percentile, median, 95th percentile) of the forecast over draws."""


def issue_points(scenario: Scenario | None) -> dict[str, list[tuple[float, str]]]:
    """``{issue id: [(value, label), ...]}``: the labelled points of each issue's scale."""
    section = getattr(scenario, "bargaining", None)
    out: dict[str, list[tuple[float, str]]] = {}
    for issue in getattr(section, "issues", ()) or ():
        out[issue.id] = [(float(p.value), p.label) for p in getattr(issue, "points", ())]
    return out


def trajectory(analysis: BargainingAnalysis) -> tuple[np.ndarray, np.ndarray]:
    """The headline model's positions and forecast by state, on each issue's own scale.

    Returns ``(positions, forecast)`` of shapes (states, actors, issues) and (states, issues);
    state 0 is the input. The weighted-mean model has the single state 0.
    """
    inputs = analysis.inputs
    if analysis.model == "smp" and analysis.smp is not None:
        smp = analysis.smp
        positions = smp.positions_on_scale()
        forecast = np.array([smp.forecast(t) for t in range(smp.n_states)])
    elif analysis.model == "bdm" and analysis.bdm is not None:
        positions, forecast = analysis.bdm.positions, analysis.bdm.weighted_mean
    elif analysis.model == "stokman" and analysis.stokman is not None:
        positions, forecast = analysis.stokman.positions, analysis.stokman.nbs
    else:
        positions = np.asarray(inputs.position)[None]
        forecast = np.asarray(analysis.baseline.values)[None]
    return np.asarray(positions, dtype=float), np.asarray(forecast, dtype=float)


def _units(inputs, k: int) -> str:  # type: ignore[no-untyped-def]
    return inputs.units[k] if k < len(inputs.units) else ""


def positions_figure(
    analysis: BargainingAnalysis,
    palette: ActorPalette,
    points: Mapping[str, Sequence[tuple[float, str]]] | None = None,
) -> go.Figure:
    """Each actor's position on each issue, round by round: one panel per issue.

    Lines are actors (legend toggles an actor in every panel at once); the black dashed line is
    the model's forecast at each round and the grey dotted line the weighted-mean baseline.
    Labelled points of an issue's scale are faint reference lines.
    """
    inputs = analysis.inputs
    points = points or {}
    positions, forecast = trajectory(analysis)
    states = np.arange(positions.shape[0])
    d = inputs.n_dimensions
    titles = [plot_text(label) for label in inputs.dimension_labels]
    fig = make_subplots(
        rows=d, cols=1, shared_xaxes=True, subplot_titles=titles, vertical_spacing=0.35 / max(d, 1)
    )
    model = MODEL_TITLES.get(analysis.model, analysis.model)
    shapes: list[dict[str, Any]] = []
    axes: dict[str, Any] = {}
    annotations: list[dict[str, Any]] = [
        {**a, "font": {"size": 12}} for a in fig.layout.to_plotly_json().get("annotations", [])
    ]
    for k, issue in enumerate(inputs.dimensions):
        row = k + 1
        units = plot_text(_units(inputs, k))
        axis = "" if row == 1 else row
        for value, label in points.get(issue, ()):
            shapes.append(hline(value, {"color": "#c9ced8", "width": 1, "dash": "dot"}, axis))
            annotations.append(
                text_label(
                    1,
                    value,
                    plot_text(label[:48]),
                    xref=f"x{axis} domain",
                    yref=f"y{axis}",
                    xanchor="right",
                    yanchor="bottom",
                    font={"size": 10, "color": MUTED},
                )
            )
        for i, actor in enumerate(inputs.actors):
            name = plot_text(
                inputs.actor_names[i] if i < len(inputs.actor_names) else palette.name(actor)
            )
            fig.add_trace(
                go.Scatter(
                    x=states,
                    y=positions[:, i, k],
                    mode="lines+markers" if len(states) < 30 else "lines",
                    name=name,
                    legendgroup=actor,
                    showlegend=k == 0,
                    line={"color": palette.colour(actor), "width": 2},
                    marker={"size": 5},
                    hovertemplate=f"{name}<br>round %{{x}}: %{{y:.3g}} {units}<extra></extra>",
                ),
                row=row,
                col=1,
            )
        fig.add_trace(
            go.Scatter(
                x=states,
                y=forecast[:, k],
                mode="lines",
                name=f"forecast ({model})",
                legendgroup="forecast",
                showlegend=k == 0,
                line={"color": INK, "width": 3, "dash": "dash"},
                hovertemplate=f"forecast, round %{{x}}: %{{y:.3g}} {units}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        mean = float(analysis.baseline.values[k])
        fig.add_trace(
            go.Scatter(
                x=[states[0], states[-1]] if len(states) > 1 else [0, 1],
                y=[mean, mean],
                mode="lines",
                name="weighted mean (baseline)",
                legendgroup="mean",
                showlegend=k == 0,
                line={"color": NEUTRAL, "width": 2, "dash": "dot"},
                hovertemplate=f"weighted mean: {mean:.3g} {units}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        low, high = float(inputs.low[k]), float(inputs.high[k])
        pad = 0.04 * (high - low)
        axes[f"yaxis{axis}"] = {"range": [low - pad, high + pad], "title": {"text": units}}
    axes[f"xaxis{'' if d == 1 else d}"] = {"title": {"text": "round (state)"}}
    styled(
        fig,
        height=230 * d + 120,
        margin={"l": 70, "r": 24, "t": 60, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0 + 0.12 / d, "x": 0},
        shapes=shapes,
        annotations=annotations,
        **axes,
    )
    return fig


def forecast_figure(
    analysis: BargainingAnalysis,
    palette: ActorPalette,
    spread: Spread | None = None,
) -> go.Figure:
    """Where each issue settles: every model's forecast on the issue's scale, with the actors'
    opening positions as ticks and, when an uncertainty sweep ran, the 5-95 % range of the
    headline forecast as a bar with its median."""
    inputs = analysis.inputs
    d = inputs.n_dimensions
    labels = [plot_text(label) for label in inputs.dimension_labels]
    fig = go.Figure()
    # actors' opening positions, shown as coloured ticks on each issue's row
    for i, actor in enumerate(inputs.actors):
        name = plot_text(
            inputs.actor_names[i] if i < len(inputs.actor_names) else palette.name(actor)
        )
        x = [
            (float(inputs.position[i, k]) - inputs.low[k]) / (inputs.high[k] - inputs.low[k]) * 100
            for k in range(d)
        ]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=labels,
                mode="markers",
                name=name,
                legendgroup=actor,
                marker={
                    "symbol": "line-ns-open",
                    "size": 18,
                    "color": palette.colour(actor),
                    "line": {"width": 3, "color": palette.colour(actor)},
                },
                customdata=[float(inputs.position[i, k]) for k in range(d)],
                hovertemplate=f"{name} opens at %{{customdata:.3g}}<extra></extra>",
            )
        )
    if spread:
        lows, meds, highs, ys = [], [], [], []
        for k, issue in enumerate(inputs.dimensions):
            if issue in spread:
                q05, q50, q95 = spread[issue]
                scale = 100 / (inputs.high[k] - inputs.low[k])
                lows.append((q05 - inputs.low[k]) * scale)
                meds.append((q50 - inputs.low[k]) * scale)
                highs.append((q95 - inputs.low[k]) * scale)
                ys.append(labels[k])
        fig.add_trace(
            go.Scatter(
                x=meds,
                y=ys,
                mode="markers",
                name="forecast 5-95 % over draws",
                marker={
                    "symbol": "line-ns",
                    "size": 14,
                    "color": INK,
                    "line": {"width": 2, "color": INK},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [h - m for h, m in zip(highs, meds, strict=True)],
                    "arrayminus": [m - lo for m, lo in zip(meds, lows, strict=True)],
                    "color": "rgba(29,35,48,0.35)",
                    "thickness": 10,
                    "width": 0,
                },
                hovertemplate="median %{x:.3g} % of scale<extra></extra>",
            )
        )
    for model, values in analysis.model_forecasts().items():
        headline = model == analysis.model
        x = [
            (v - inputs.low[k]) / (inputs.high[k] - inputs.low[k]) * 100
            for k, v in enumerate(values)
        ]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=labels,
                mode="markers",
                name=MODEL_TITLES.get(model, model) + (" (headline)" if headline else ""),
                marker={
                    "symbol": MODEL_SYMBOLS.get(model, "circle"),
                    "size": 15 if headline else 10,
                    "color": INK if headline else "#ffffff",
                    "line": {"color": INK if headline else NEUTRAL, "width": 2},
                },
                customdata=list(values),
                hovertemplate=f"{MODEL_TITLES.get(model, model)}: %{{customdata:.3g}}<extra></extra>",
            )
        )
    styled(
        fig,
        height=90 * d + 170,
        xaxis={
            "range": [-3, 103],
            "title": {"text": "position on each issue's scale (% from low to high end)"},
        },
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 20, "r": 20, "t": 40, "b": 60},
    )
    return fig


def forecast_table(analysis: BargainingAnalysis, spread: Spread | None = None) -> TableBlock:
    """One row per issue: the headline forecast (with the narrative as its explanation), the
    weighted-mean baseline, the other models and, with a sweep, the 5-95 % range."""
    inputs = analysis.inputs
    models = analysis.model_forecasts()
    others = [m for m in models if m not in (analysis.model, "mean")]
    columns = [
        "issue",
        f"forecast ({MODEL_TITLES.get(analysis.model, analysis.model)})",
        "weighted mean",
    ]
    columns += [MODEL_TITLES.get(m, m) for m in others]
    if spread:
        columns.append("5-95 % over draws")
    columns.append("scale")
    rows = []
    stories = narratives(analysis)
    for k, issue in enumerate(inputs.dimensions):
        narrative = stories[k] if k < len(stories) else None
        cells = [
            Cell(inputs.dimension_labels[k]),
            Cell(f"{analysis.forecast[k]:.3g}", narrative, "good"),
            Cell(f"{analysis.baseline.values[k]:.3g}"),
            *(Cell(f"{models[m][k]:.3g}") for m in others),
        ]
        if spread:
            q = spread.get(issue)
            cells.append(Cell(f"{q[0]:.3g} to {q[2]:.3g} (median {q[1]:.3g})" if q else ""))
        cells.append(Cell(f"{inputs.low[k]:g} to {inputs.high[k]:g} {_units(inputs, k)}".strip()))
        rows.append(tuple(cells))
    caption = "Click a forecast for the story of how the model got there."
    if analysis.smp is not None:
        verdict = dynamics(analysis.smp).verdict.strip()
        verdict = verdict[:1].upper() + verdict[1:]
        caption = f"{verdict}{'' if verdict.endswith('.') else '.'} {caption}"
    return TableBlock(
        key="bargaining-forecast-table",
        title="Forecast per issue",
        caption=caption,
        columns=tuple(columns),
        rows=tuple(rows),
    )


def spread_from(
    uncertainty: Mapping[str, Any] | None, analysis: BargainingAnalysis
) -> Spread | None:
    """Per issue, the (5 %, 50 %, 95 %) quantiles of ``forecast.<issue>`` over a sweep."""
    if not uncertainty:
        return None
    out: dict[str, tuple[float, float, float]] = {}
    for issue in analysis.inputs.dimensions:
        summary = uncertainty.get(f"forecast.{issue}")
        q = getattr(summary, "quantiles", None) or {}
        if all(k in q and np.isfinite(q[k]) for k in ("q05", "q50", "q95")):
            out[issue] = (float(q["q05"]), float(q["q50"]), float(q["q95"]))
    return out or None


def blocks(
    scenario: Scenario,
    result: BargainingAnalysis,
    palette: ActorPalette,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Block]:
    """The bargaining section: forecast chart, forecast table, positions by round."""
    spread = spread_from(uncertainty, result)
    model = MODEL_TITLES.get(result.model, result.model)
    return [
        FigureBlock(
            "bargaining-forecast",
            "Where each issue settles",
            f"Each model's forecast on each issue (filled: the headline model, {model}); coloured "
            "ticks are the actors' opening positions."
            + (
                " The grey bar is the 5-95 % range of the forecast over the uncertainty draws."
                if spread
                else ""
            ),
            forecast_figure(result, palette, spread),
        ),
        forecast_table(result, spread),
        FigureBlock(
            "bargaining-positions",
            "Positions by round",
            f"Each actor's position on each issue as the {model} run unfolds (round 0: the "
            "scenario's positions). Dashed: the forecast at each round; dotted: the weighted-mean "
            "baseline. Click an actor in the legend to hide it in every panel.",
            positions_figure(result, palette, issue_points(scenario)),
        ),
    ]


def headlines(
    scenario: Scenario,
    result: BargainingAnalysis,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Headline]:
    """The forecast of each issue (with its spread over a sweep's draws when one ran)."""
    inputs = result.inputs
    out = []
    for k, issue in enumerate(inputs.dimensions):
        units = _units(inputs, k)
        detail = (
            f"{units} (scale {inputs.low[k]:g} to {inputs.high[k]:g}; weighted mean "
            f"{result.baseline.values[k]:.3g})".strip()
        )
        spread = spread_text((uncertainty or {}).get(f"forecast.{issue}"), digits=3)
        if spread:
            detail += f"; {spread}"
        out.append(
            Headline(
                f"Forecast: {inputs.dimension_labels[k]}"[:80], f"{result.forecast[k]:.3g}", detail
            )
        )
    return out


def sensitive_keys(result: BargainingAnalysis) -> list[str]:
    """``forecast.<issue>`` for every issue (the lens's summary keys)."""
    return [f"forecast.{issue}" for issue in result.inputs.dimensions]
