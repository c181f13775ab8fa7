"""Figures of the ratification lens: the vote distribution with its threshold and pivots.

Reads a :class:`detente.ratification.engine.RatificationResult`. The yea count's distribution
is the engine's exact Poisson-binomial (with attendance and party shocks where modelled); the
threshold is the chamber's requirement (two thirds of senators present and voting for an
Article II treaty, U.S. Constitution Art. II §2 cl. 2); pivots are Krehbiel's (1998, *Pivotal
Politics*, University of Chicago Press): the member whose vote makes the required count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from detente.ratification.engine import ProposalAssessment, RatificationResult
from detente.ratification.explain import position_change_text, proposal_explanation
from detente.report.blocks import Block, Cell, FigureBlock, Headline, TableBlock
from detente.report.figures import spread_text
from detente.report.figures._style import (
    INK,
    plot_text,
    spread_cell,
    styled,
    text_label,
    vline,
    vrect,
)
from detente.report.palette import ActorPalette
from detente.scenario.model import Scenario

ORDER = 40
"""Reading position in the report (DESIGN.md's four questions, in order)."""

__all__ = [
    "blocks",
    "headlines",
    "proposal_names",
    "proposal_table",
    "sensitive_keys",
    "vote_distribution",
]

DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
PASS_FILL = "rgba(27, 127, 76, 0.08)"


def proposal_names(scenario: Scenario | None, result: RatificationResult) -> dict[str, str]:
    """``{proposal id: display name}``: the guarantee design's name where the proposal is one."""
    designs = {
        d.id: d.name
        for d in getattr(getattr(scenario, "guarantees", None), "designs", ()) or ()
        if getattr(d, "name", None)
    }
    return {p.proposal_id: designs.get(p.design or "", p.proposal_id) for p in result.proposals}


def _legal_form(p: ProposalAssessment) -> str:
    return p.legal_form.value.replace("_", " ").replace("article ii", "Article II")


def _pivot_text(p: ProposalAssessment) -> str:
    return "; ".join(
        f"{pivot.role}: {pivot.name} ({pivot.party}), P(yea) {pivot.p_yea:.2f}"
        for pivot in p.pivots
    )


def vote_distribution(
    result: RatificationResult, names: Mapping[str, str] | None = None
) -> go.Figure:
    """P(yeas = k) for every proposal that needs a vote, with the required count and pivots.

    One line per proposal and chamber (line style, not colour, tells proposals apart: colours
    belong to actors). The shaded band is where the proposal passes; the vertical line is the
    number of yeas required; the dotted line each proposal's expected yeas. Hover over the
    marker on the threshold for the pivotal members.
    """
    names = names or {}
    fig = go.Figure()
    voting = [(p, v) for p in result.proposals for v in p.votes if v.yea_distribution]
    if not voting:
        return styled(fig, height=200)
    lo, hi = None, 0
    for _, vote in voting:
        dist = np.asarray(vote.yea_distribution)
        nz = np.flatnonzero(dist > 1e-4)
        first, last = (int(nz[0]), int(nz[-1])) if nz.size else (0, len(dist) - 1)
        first, last = min(first, vote.required_yeas), max(last, vote.required_yeas)
        lo = first if lo is None else min(lo, first)
        hi = max(hi, last)
    lo, hi = max(0, (lo or 0) - 3), hi + 3
    thresholds: dict[tuple[str, int], list[ProposalAssessment]] = {}
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    peak = 0.0
    for i, (p, vote) in enumerate(voting):
        dist = np.asarray(vote.yea_distribution)
        peak = max(peak, float(dist.max()))
        k = np.arange(len(dist))
        name = plot_text(names.get(p.proposal_id, p.proposal_id))
        label = name if len({v.chamber for _, v in voting}) == 1 else f"{name} ({vote.chamber})"
        fig.add_trace(
            go.Scatter(
                x=k[lo : hi + 1],
                y=dist[lo : hi + 1],
                mode="lines+markers",
                name=label,
                line={
                    "color": INK,
                    "width": 2,
                    "dash": DASHES[i % len(DASHES)],
                    "shape": "spline",
                    "smoothing": 0.3,
                },
                marker={"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 5, "color": INK},
                hovertemplate=f"{label}<br>%{{x}} yeas: P = %{{y:.3f}}<extra></extra>",
                legendgroup=f"proposal-{i}",
            )
        )
        shapes.append(vline(vote.expected_yeas, {"color": INK, "width": 1, "dash": "dot"}))
        thresholds.setdefault((vote.chamber, vote.required_yeas), []).append(p)
    for (chamber, required), proposals in thresholds.items():
        shapes.append(vrect(required - 0.5, hi + 0.5, PASS_FILL))
        shapes.append(vline(required - 0.5, {"color": "#1b7f4c", "width": 2}))
        annotations.append(
            text_label(
                required - 0.5,
                1.0,
                f" {required} yeas needed ({plot_text(chamber)}): passes →",
                yref="paper",
                xanchor="left",
                font={"size": 12, "color": "#1b7f4c"},
            )
        )
        pivots = "<br>".join(
            f"{plot_text(names.get(p.proposal_id, p.proposal_id))}: {plot_text(_pivot_text(p)) or 'none'}"
            for p in proposals
        )
        fig.add_trace(
            go.Scatter(
                x=[required - 0.5],
                y=[peak * 0.5],
                mode="markers",
                name="pivots (hover)",
                marker={
                    "symbol": "star",
                    "size": 14,
                    "color": "#1b7f4c",
                    "line": {"color": "#ffffff", "width": 1},
                },
                hovertemplate=f"<b>Pivotal members at {required} yeas</b><br>{pivots}<extra></extra>",
                showlegend=False,
            )
        )
    styled(
        fig,
        height=420,
        xaxis={
            "range": [lo - 0.5, hi + 0.5],
            "title": {"text": "number of yeas"},
            "dtick": 5 if hi - lo > 30 else 1,
        },
        yaxis={"title": {"text": "probability"}, "rangemode": "tozero"},
        margin={"l": 70, "r": 20, "t": 50, "b": 55},
        shapes=shapes,
        annotations=annotations,
    )
    return fig


def proposal_table(
    result: RatificationResult,
    names: Mapping[str, str] | None = None,
    uncertainty: Mapping[str, Any] | None = None,
) -> TableBlock:
    """One row per proposal: legal form, P(ratify) (explained), yeas expected vs required,
    pivots, and the smallest change of the text that would carry it."""
    names = names or {}
    cloture = bool(result.model["cloture"])
    rows = []
    for p in result.proposals:
        why = " ".join(proposal_explanation(p, cloture)) or None
        if not p.vote_required:
            rows.append(
                (
                    Cell(names.get(p.proposal_id, p.proposal_id)),
                    Cell(_legal_form(p)),
                    Cell("no vote needed", why, "neutral"),
                    *((Cell(""),) if uncertainty else ()),
                    Cell(""),
                    Cell(""),
                    Cell(""),
                )
            )
            continue
        tone = "good" if p.p_ratify >= 0.5 else "bad"
        yeas = (
            f"{p.expected_yeas:.1f} of {p.required_yeas}"
            if p.expected_yeas is not None and p.required_yeas is not None
            else ""
        )
        change = p.position_change
        rows.append(
            (
                Cell(names.get(p.proposal_id, p.proposal_id)),
                Cell(_legal_form(p)),
                Cell(f"{p.p_ratify:.2f}", why, tone),
                *(
                    (Cell(spread_cell(uncertainty.get(f"p_ratify.{p.proposal_id}"))),)
                    if uncertainty
                    else ()
                ),
                Cell(yeas),
                Cell(", ".join(f"{v.name} ({v.party})" for v in p.pivots), _pivot_text(p) or None),
                Cell(
                    position_change_text(p, change) if change is not None else "",
                    change.basis if change is not None else None,
                ),
            )
        )
    return TableBlock(
        key="ratification-proposals",
        title="Would it be ratified?",
        caption=f"Voting body: {result.body}. Members: {result.senate_source}. Click a probability for the reasoning.",
        columns=(
            "proposal",
            "legal form",
            "P(ratify)",
            *(("P(ratify) 5-95 % over draws",) if uncertainty else ()),
            "expected yeas of required",
            "pivots",
            "what would carry it",
        ),
        rows=tuple(rows),
    )


def blocks(
    scenario: Scenario,
    result: RatificationResult,
    palette: ActorPalette,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Block]:
    """The ratification section: the vote distribution and the proposal table (with each
    proposal's P(ratify) range over a sweep's draws when one ran)."""
    del palette  # senators and proposals are not scenario actors
    names = proposal_names(scenario, result)
    out: list[Block] = []
    if any(v.yea_distribution for p in result.proposals for v in p.votes):
        out.append(
            FigureBlock(
                "ratification-vote-distribution",
                "How many yeas?",
                "Probability of each possible yea count for every proposal that needs a vote. "
                "The green line is the number required (passes to its right); dotted lines are "
                "the expected yeas; hover over the star for the pivotal members.",
                vote_distribution(result, names),
            )
        )
    out.append(proposal_table(result, names, uncertainty))
    return out


def headlines(
    scenario: Scenario,
    result: RatificationResult,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Headline]:
    """P(ratify) of each proposal that needs a vote (at most three, with its spread over a
    sweep's draws when one ran; a range beyond three)."""
    names = proposal_names(scenario, result)
    voting = [p for p in result.proposals if p.vote_required]
    if not voting:
        return []
    if len(voting) > 3:
        low = min(voting, key=lambda p: p.p_ratify)
        high = max(voting, key=lambda p: p.p_ratify)
        return [
            Headline(
                "P(ratify)",
                f"{low.p_ratify:.2f} – {high.p_ratify:.2f}",
                f"lowest: {names[low.proposal_id]}; highest: {names[high.proposal_id]}",
            )
        ]
    out = []
    for p in voting:
        detail = names[p.proposal_id]
        if p.expected_yeas is not None and p.required_yeas is not None:
            detail += f": {p.expected_yeas:.1f} yeas expected, {p.required_yeas} needed"
        spread = spread_text((uncertainty or {}).get(f"p_ratify.{p.proposal_id}"))
        if spread:
            detail += f"; {spread}"
        tone = "good" if p.p_ratify >= 0.5 else "bad"
        out.append(Headline("P(ratify)", f"{p.p_ratify:.2f}", detail, tone))
    return out


def sensitive_keys(result: RatificationResult) -> list[str]:
    """``p_ratify.<proposal>`` for every proposal that needs a vote (the lens's summary keys)."""
    return [f"p_ratify.{p.proposal_id}" for p in result.proposals if p.vote_required]
