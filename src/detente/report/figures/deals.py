"""The deals section of the report and the web app: the package table with intervals, the zone
of agreement over any pair of terms, and the frontier.

The package table reads the sweep's summaries of the lens's answers when a sweep ran (means,
5–95 % quantiles, Wilson intervals) and derives each package's binding constraint from their
means (each condition's failure rate over the package's: see :mod:`detente.deals.summary`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from detente.deals.evaluate import evaluate_packages
from detente.deals.explain import condition_label
from detente.deals.inputs import PackageSet, compile_inputs
from detente.deals.packages import named_packages
from detente.deals.result import DealsResult, PackageOutcome
from detente.report.blocks import Block, Cell, FigureBlock, Headline, TableBlock
from detente.report.figures._style import INK, MUTED, plot_text, styled
from detente.report.palette import ActorPalette
from detente.scenario.model import Scenario
from detente.uncertainty.variants import nominal_scenario

__all__ = [
    "ORDER",
    "blocks",
    "frontier_figure",
    "headlines",
    "package_table",
    "sensitive_keys",
    "zone_figure",
]

ORDER = 5
"""The deals section comes first: it answers the question the other lenses serve."""

GRID = 31
"""Points per axis of the zone-of-agreement grid (values rounded to 3 decimals: the figure
stays small)."""


def _get(uncertainty: Mapping[str, Any] | None, key: str) -> Any:
    return None if uncertainty is None else uncertainty.get(key)


def _mean(uncertainty: Mapping[str, Any] | None, key: str, nominal: float) -> float:
    item = _get(uncertainty, key)
    value = getattr(item, "probability", None)
    if value is None:
        value = getattr(item, "mean", None)
    return float(nominal if value is None else value)


def _spread(uncertainty: Mapping[str, Any] | None, key: str) -> tuple[float, float] | None:
    item = _get(uncertainty, key)
    if item is None:
        return None
    low, high = getattr(item, "low", None), getattr(item, "high", None)
    if low is not None and high is not None and getattr(item, "kind", "") == "probability":
        return (float(low), float(high))
    q = getattr(item, "quantiles", None) or {}
    if q.get("q05") is None or q.get("q95") is None:
        return None
    return (float(q["q05"]), float(q["q95"]))


def _cell(value: float, spread: tuple[float, float] | None, why: str) -> Cell:
    text = f"{value:.2f}" if spread is None else f"{value:.2f} [{spread[0]:.2f}–{spread[1]:.2f}]"
    tone = "good" if value >= 0.7 else ("bad" if value < 0.3 else "neutral")
    return Cell(text, why, tone)


def _binding(
    p: PackageOutcome, parties: tuple[str, ...], uncertainty: Mapping[str, Any] | None
) -> tuple[str, float] | None:
    joint = _mean(uncertainty, f"p_joint.{p.id}", p.p_joint)
    fail = 1.0 - joint
    if fail <= 1e-12:
        return None
    shares = {
        f"accept.{party}": (
            1.0 - _mean(uncertainty, f"accept.{p.id}.{party}", float(p.accept[party]))
        )
        / fail
        for party in parties
    }
    shares["ratify"] = (1.0 - _mean(uncertainty, f"p_ratify.{p.id}", p.p_ratify)) / fail
    shares["deter"] = (1.0 - _mean(uncertainty, f"p_deter.{p.id}", p.p_deter)) / fail
    worst = max(shares, key=lambda k: shares[k])
    return worst, shares[worst]


def package_table(
    scenario: Scenario, result: DealsResult, uncertainty: Mapping[str, Any] | None = None
) -> TableBlock:
    """One row per package: P(joint) and its factors (with intervals over a sweep's draws
    when one ran) and what breaks it most often."""
    names = {a.id: a.name for a in scenario.actors}
    over = "over the sweep's draws" if uncertainty else "at the nominal values"
    rows = []
    ranked = sorted(
        result.packages, key=lambda p: -_mean(uncertainty, f"p_joint.{p.id}", p.p_joint)
    )
    for p in ranked:
        joint = _mean(uncertainty, f"p_joint.{p.id}", p.p_joint)
        binding = _binding(p, result.parties, uncertainty)
        cells = [
            Cell(
                p.name,
                f"Design {p.design}"
                + (f", falling back to {p.fallback_design}" if p.fallback_design else ""),
            ),
            _cell(
                joint,
                _spread(uncertainty, f"p_joint.{p.id}"),
                f"P(accepted by every party, in force and deterring), {over}; 5–95 % of the per-draw probability.",
            ),
        ]
        for party in result.parties:
            cells.append(
                _cell(
                    _mean(uncertainty, f"accept.{p.id}.{party}", float(p.accept[party])),
                    _spread(uncertainty, f"accept.{p.id}.{party}"),
                    f"Share of draws in which {names.get(party, party)} prefers the package to "
                    f"continued war (nominal surplus {p.surplus[party]:+.3f}).",
                )
            )
        cells.append(
            _cell(
                _mean(uncertainty, f"p_ratify.{p.id}", p.p_ratify),
                _spread(uncertainty, f"p_ratify.{p.id}"),
                "P(a design is in force): its ratification, or its fallback's.",
            )
        )
        cells.append(
            _cell(
                _mean(uncertainty, f"p_deter.{p.id}", p.p_deter),
                _spread(uncertainty, f"p_deter.{p.id}"),
                "P(the design in force deters a renewed attack): the Unilateral Deterrence Game with the package's links.",
            )
        )
        cells.append(
            Cell("never fails", None, "good")
            if binding is None
            else Cell(
                f"{condition_label(binding[0], names)} ({binding[1]:.0%})",
                "The condition that fails most often among the package's failures, and its share.",
                "bad",
            )
        )
        rows.append(tuple(cells))
    return TableBlock(
        key="deals-packages",
        title="Which package would work",
        caption=(
            f"Each package {over}: P(joint) that every party accepts it over continued war, "
            "that it is in force (ratified, or its fallback design) and that it deters a renewed "
            "attack, all in the same draw; the factors, each with its 5–95 % interval (Wilson "
            "intervals for the acceptance shares); and the condition that breaks it most often. "
            "Within a draw the attack and the vote are treated as independent."
        ),
        columns=(
            "package",
            "P(joint)",
            *(f"{party} accepts" for party in result.parties),
            "ratified",
            "deters",
            "breaks most often",
        ),
        rows=tuple(rows),
    )


def _best(result: DealsResult, uncertainty: Mapping[str, Any] | None) -> PackageOutcome:
    return max(result.packages, key=lambda p: _mean(uncertainty, f"p_joint.{p.id}", p.p_joint))


def zone_figure(scenario: Scenario, result: DealsResult, reference: PackageOutcome) -> go.Figure:
    """Every pair of terms (a menu picks one): P(joint) at the nominal values over the pair,
    the other terms and the design held at ``reference``'s, with each party's acceptance
    boundary (surplus = 0) and the named packages."""
    nominal = nominal_scenario(scenario)
    inputs = compile_inputs([nominal])
    named = named_packages([nominal], inputs)
    terms = [t.id for t in result.terms]
    base = np.array([reference.terms[t] for t in terms], dtype=float)
    design = inputs.design_index(reference.design)
    fallback = inputs.design_index(reference.fallback_design) if reference.fallback_design else -1
    pairs = list(itertools.combinations(range(len(terms)), 2))
    figure = go.Figure()
    buttons = []
    per_pair: list[int] = []
    for n, (a, b) in enumerate(pairs):
        xa = np.linspace(result.terms[a].low, result.terms[a].high, GRID)
        yb = np.linspace(result.terms[b].low, result.terms[b].high, GRID)
        grid = np.tile(base, (GRID * GRID, 1))
        grid[:, a] = np.repeat(xa, GRID)
        grid[:, b] = np.tile(yb, GRID)
        packages = PackageSet(
            ids=tuple(str(i) for i in range(grid.shape[0])),
            names=tuple(str(i) for i in range(grid.shape[0])),
            terms=grid[None],
            design=np.full(grid.shape[0], design, dtype=np.int64),
            fallback=np.full(grid.shape[0], fallback, dtype=np.int64),
        )
        evaluated = evaluate_packages(inputs, packages)
        z = np.round(evaluated.p_joint[0].reshape(GRID, GRID).T, 3)
        traces = [
            go.Heatmap(
                x=xa,
                y=yb,
                z=z,
                zmin=0,
                zmax=1,
                colorscale="Blues",
                colorbar={"title": "P(joint)"},
                hovertemplate=f"{terms[a]} %{{x:.0f}}<br>{terms[b]} %{{y:.0f}}<br>P(joint) %{{z:.2f}}<extra></extra>",
                visible=n == 0,
            )
        ]
        for i, party in enumerate(evaluated.party_ids):
            traces.append(
                go.Contour(
                    x=xa,
                    y=yb,
                    z=evaluated.surplus[0, :, i].reshape(GRID, GRID).T,
                    contours={
                        "start": 0,
                        "end": 0,
                        "size": 1,
                        "coloring": "none",
                        "showlabels": False,
                    },
                    line={
                        "width": 2,
                        "dash": ["solid", "dash", "dot", "dashdot"][i % 4],
                        "color": INK,
                    },
                    name=f"{party}: surplus = 0",
                    showscale=False,
                    hoverinfo="skip",
                    visible=n == 0,
                    showlegend=True,
                )
            )
        traces.append(
            go.Scatter(
                x=named.terms[0, :, a],
                y=named.terms[0, :, b],
                mode="markers+text",
                text=[plot_text(i) for i in named.ids],
                textposition="top center",
                marker={"size": 9, "color": MUTED, "symbol": "diamond"},
                name="named packages",
                visible=n == 0,
                hovertemplate="%{text}<extra></extra>",
            )
        )
        per_pair.append(len(traces))
        for trace in traces:
            figure.add_trace(trace)
        buttons.append(
            (
                f"{terms[a]} × {terms[b]}",
                terms[a],
                terms[b],
                result.terms[a].units,
                result.terms[b].units,
            )
        )
    offsets = np.cumsum([0, *per_pair])
    menu = []
    for n, (label, xt, yt, xu, yu) in enumerate(buttons):
        visible = [offsets[n] <= k < offsets[n + 1] for k in range(int(offsets[-1]))]
        menu.append(
            {
                "label": label,
                "method": "update",
                "args": [
                    {"visible": visible},
                    {"xaxis.title.text": f"{xt} ({xu})", "yaxis.title.text": f"{yt} ({yu})"},
                ],
            }
        )
    figure.update_layout(
        updatemenus=[
            {
                "buttons": menu,
                "x": 0,
                "y": 1.02,
                "xanchor": "left",
                "yanchor": "bottom",
                "showactive": True,
            }
        ],
        xaxis_title=f"{buttons[0][1]} ({buttons[0][3]})",
        yaxis_title=f"{buttons[0][2]} ({buttons[0][4]})",
    )
    return styled(
        figure,
        height=560,
        margin={"l": 70, "r": 24, "t": 60, "b": 120},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
    )


def frontier_figure(scenario: Scenario, result: DealsResult) -> tuple[go.Figure, int, int]:
    """Candidate packages judged on common draws: the parties' mean surpluses (first two
    parties), the zone of agreement's frontier highlighted, colour P(joint); named packages
    marked. Returns the figure, the candidates and the draws."""
    from detente.uncertainty.deal_search import quick_frontier

    quick = quick_frontier(scenario)
    s = quick.scores
    a, b = 0, 1 if len(s.party_ids) > 1 else 0
    hover = [
        "/".join(f"{v:.0f}" for v in s.terms[i]) + f" {quick.design_ids[int(s.design[i])]}"
        for i in range(s.size)
    ]
    figure = go.Figure()
    figure.add_trace(
        go.Scattergl(
            x=s.surplus[:, a],
            y=s.surplus[:, b],
            mode="markers",
            name="candidates",
            marker={
                "size": 4,
                "color": s.p_joint,
                "colorscale": "Blues",
                "cmin": 0,
                "cmax": 1,
                "colorbar": {"title": "P(joint)"},
                "opacity": 0.6,
            },
            text=hover,
            hovertemplate="%{text}<br>P(joint) %{marker.color:.2f}<extra></extra>",
        )
    )
    front = list(quick.frontier)
    figure.add_trace(
        go.Scatter(
            x=s.surplus[front, a],
            y=s.surplus[front, b],
            mode="markers",
            name="frontier (zone of agreement)",
            marker={"size": 8, "color": "rgba(0,0,0,0)", "line": {"width": 1.5, "color": INK}},
            text=[hover[i] for i in front],
            hovertemplate="%{text}<extra>frontier</extra>",
        )
    )
    first_named = s.size - len(quick.named_ids)
    figure.add_trace(
        go.Scatter(
            x=s.surplus[first_named:, a],
            y=s.surplus[first_named:, b],
            mode="markers+text",
            text=[plot_text(i) for i in quick.named_ids],
            textposition="top center",
            marker={"size": 10, "symbol": "diamond", "color": MUTED},
            name="named packages",
        )
    )
    figure.add_hline(y=0, line={"width": 1, "color": MUTED})
    figure.add_vline(x=0, line={"width": 1, "color": MUTED})
    figure.update_layout(
        xaxis_title=f"{s.party_ids[a]}'s mean surplus over war",
        yaxis_title=f"{s.party_ids[b]}'s mean surplus over war",
    )
    styled(
        figure,
        height=520,
        margin={"l": 70, "r": 24, "t": 30, "b": 110},
        legend={"orientation": "h", "yanchor": "top", "y": -0.16, "x": 0},
    )
    return figure, s.size, quick.draws


def blocks(
    scenario: Scenario,
    result: DealsResult,
    palette: ActorPalette,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Block]:
    """The deals section: the package table, the zone of agreement, the frontier."""
    del palette  # packages are not actors
    best = _best(result, uncertainty)
    frontier, count, draws = frontier_figure(scenario, result)
    return [
        package_table(scenario, result, uncertainty),
        FigureBlock(
            "deals-zone-of-agreement",
            "The zone of agreement, for any pair of terms",
            f"P(joint) at the nominal values over two terms (pick the pair above the plot), the "
            f"other terms and the design held at {best.name}'s ({best.design}). Each line is a "
            "party's acceptance boundary (its surplus over continued war is 0); the zone of "
            "agreement is where every party's side is kept. Diamonds: the named packages.",
            zone_figure(scenario, result, best),
        ),
        FigureBlock(
            "deals-frontier",
            "Packages the parties could agree on: the frontier",
            f"{count:,} candidate packages (a Sobol design over the terms × every design, plus the "
            f"named ones) judged on {draws} common draws: the two parties' mean surplus over war, "
            "colour P(joint). Circled: the frontier of the zone of agreement (not dominated in "
            "the parties' surpluses, P(deter) and P(ratify)). `detente deals search` re-judges "
            "the best exactly on more draws.",
            frontier,
        ),
    ]


def headlines(
    scenario: Scenario, result: DealsResult, uncertainty: Mapping[str, Any] | None = None
) -> list[Headline]:
    """The most robust package and its P(joint), with its interval over a sweep's draws."""
    if not result.packages:
        return []
    best = _best(result, uncertainty)
    joint = _mean(uncertainty, f"p_joint.{best.id}", best.p_joint)
    spread = _spread(uncertainty, f"p_joint.{best.id}")
    detail = best.name
    if spread is not None:
        detail += f"; 5–95 % over draws {spread[0]:.2f}–{spread[1]:.2f}"
    else:
        detail += "; nominal values (no sweep)"
    return [
        Headline(
            "Deal most likely to work: P(joint)",
            f"{joint:.2f}",
            detail,
            "good" if joint >= 0.5 else "bad",
        )
    ]


def sensitive_keys(result: DealsResult) -> list[str]:
    """``p_joint.<package>`` for every package (the lens's headline answers)."""
    return [f"p_joint.{p.id}" for p in result.packages]
