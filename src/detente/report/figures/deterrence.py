"""Figures of the deterrence lens: the region map over (pCh, pDef) and the design comparison.

Reads a :class:`detente.deterrence.assessment.GuaranteeAssessment`. The regions are the perfect
Bayesian equilibrium families of Zagare & Kilgour's Unilateral Deterrence Game (Zagare &
Kilgour 1993, *International Studies Quarterly* 37(1):1-27; *Perfect Deterrence*, 2000, ch. 5),
computed in closed form by :func:`detente.deterrence.udg.udg_region_map`: Deterrence when the
guarantor's credibility pDef reaches θH, Separating between θS and θH, and below θS Attack or
Bluff depending on whether the challenger's resolve pCh exceeds μ*.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

from detente.deterrence.assessment import DesignAssessment, GuaranteeAssessment
from detente.deterrence.explain import design_explanation
from detente.deterrence.udg import REGIONS, udg_region_map
from detente.report.blocks import Block, Cell, FigureBlock, Headline, TableBlock
from detente.report.figures import spread_text
from detente.report.figures._style import (
    INK,
    MUTED,
    hline,
    plot_text,
    spread_cell,
    styled,
    text_label,
)
from detente.report.palette import ActorPalette
from detente.scenario.model import Scenario

ORDER = 30
"""Reading position in the report (DESIGN.md's four questions, in order)."""

__all__ = [
    "REGION_COLOURS",
    "blocks",
    "design_table",
    "headlines",
    "legal_form_text",
    "outcome_figure",
    "region_map",
    "sensitive_keys",
]

REGION_COLOURS = {
    "deterrence": "#CFE8D8",
    "separating": "#D8E6F4",
    "bluff": "#FBE3C0",
    "attack": "#F4CFCB",
}
"""Pale fills per equilibrium family (text stays readable on them; also in grey print)."""

REGION_TITLES = {
    "deterrence": "Deterrence (no challenge)",
    "separating": "Separating (only a resolved challenger attacks)",
    "attack": "Attack (every challenger attacks)",
    "bluff": "Bluff (irresolute challengers sometimes bluff)",
}

OUTCOMES = (
    ("SQ", "status quo holds", "#7FB08E"),
    ("CD", "challenger backs down", "#88B3DA"),
    ("DC", "guarantor concedes", "#E3A857"),
    ("DD", "war with the guarantor", "#C8574C"),
)

GRID_POINTS = 121


def legal_form_text(value: str) -> str:
    """``article_ii_treaty`` -> ``Article II treaty`` (the other forms: words, lower case)."""
    words = value.replace("_", " ")
    return words.replace("article ii", "Article II")


def _udg_grid(design: DesignAssessment, n: int = GRID_POINTS):  # type: ignore[no-untyped-def]
    p = design.mapping.udg
    axis = np.linspace(0.0, 1.0, n)
    pch, pdef = np.meshgrid(axis, axis)  # rows: pDef, columns: pCh
    return axis, udg_region_map(
        pch, pdef, p.cSQ, p.cDC, p.cCD, p.cDD_hard, p.dDC, p.dCD, p.dDD_soft
    )


def _thresholds(design: DesignAssessment) -> tuple[float, float, float]:
    s = design.solution
    return (round(s.theta_hard, 9), round(s.theta_soft, 9), round(s.mu_star, 9))


def region_map(assessment: GuaranteeAssessment, reference: int = 0) -> go.Figure:
    """The UDG's equilibrium regions over (pCh, pDef), with every design placed on it.

    The background uses the payoffs of design ``reference`` (the first by default); a design
    whose payoffs move the boundaries (e.g. a denial-capable force) gets its own dashed
    boundaries. Each design is a numbered marker at (its pCh, its effective credibility), with
    a thin stem down to its credibility prior so the effect of the design's commitments shows.
    """
    designs = assessment.designs
    fig = go.Figure()
    if not designs:
        return styled(fig)
    base = designs[reference]
    axis, grid = _udg_grid(base)
    codes = grid.region.astype(int)
    failure = 1.0 - grid.SQ
    names = np.array([REGION_TITLES[r] for r in REGIONS], dtype=object)[codes]
    colourscale = []
    k = len(REGIONS)
    for code, region in enumerate(REGIONS):
        colourscale += [
            [code / k, REGION_COLOURS[region]],
            [(code + 1) / k, REGION_COLOURS[region]],
        ]
    fig.add_trace(
        go.Heatmap(
            x=axis,
            y=axis,
            z=codes + 0.5,
            zmin=0,
            zmax=k,
            colorscale=colourscale,
            showscale=False,
            customdata=np.dstack([names, np.round(failure, 3)]),
            hovertemplate="pCh %{x:.2f}, pDef %{y:.2f}<br>%{customdata[0]}<br>"
            "P(deterrence fails) %{customdata[1]}<extra></extra>",
            name="regions",
        )
    )
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for code, region in enumerate(REGIONS):  # label each region at its centre
        mask = codes == code
        if mask.sum() < 0.01 * codes.size:
            continue
        rows, cols = np.nonzero(mask)
        annotations.append(
            text_label(
                float(axis[cols].mean()),
                float(axis[rows].mean()),
                f"<b>{region.capitalize()}</b>",
                font={"size": 15, "color": MUTED},
            )
        )
    s = base.solution
    for value, text in ((s.theta_hard, "θH: credibility that deters"), (s.theta_soft, "θS")):
        shapes.append(hline(value, {"color": MUTED, "width": 1}))
        annotations.append(
            text_label(
                0,
                value,
                f"{text} = {value:.2f}",
                xref="x domain",
                xanchor="left",
                yanchor="top",
                font={"size": 11, "color": MUTED},
            )
        )
    reference_thresholds = _thresholds(base)
    for number, design in enumerate(designs, start=1):
        if _thresholds(design) == reference_thresholds:
            continue
        th = design.solution.theta_hard
        shapes.append(hline(th, {"color": INK, "width": 1, "dash": "dash"}))
        annotations.append(
            text_label(
                1,
                th,
                f"θH of design {number} = {th:.2f}",
                xref="x domain",
                xanchor="right",
                yanchor="bottom",
                font={"size": 10, "color": INK},
            )
        )
    for number, design in enumerate(designs, start=1):
        m = design.mapping
        x = m.udg.pCh
        name = plot_text(design.name)
        fig.add_trace(
            go.Scatter(
                x=[x, x],
                y=[m.credibility_prior, m.effective_credibility],
                mode="lines",
                line={"color": INK, "width": 1, "dash": "dot"},
                showlegend=False,
                hoverinfo="skip",
                legendgroup=f"design-{number}",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[m.credibility_prior],
                mode="markers",
                showlegend=False,
                marker={"symbol": "circle-open", "size": 9, "color": INK},
                legendgroup=f"design-{number}",
                hovertemplate=f"{name}<br>credibility prior {m.credibility_prior:.2f}<extra></extra>",
            )
        )
        side = "middle right" if number % 2 else "middle left"
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[m.effective_credibility],
                mode="markers+text",
                text=[str(number)],
                textposition=side,
                textfont={"size": 12, "color": INK},
                marker={"size": 13, "color": INK, "line": {"color": "#ffffff", "width": 1.5}},
                name=f"{number} · {name}",
                legendgroup=f"design-{number}",
                hovertemplate=(
                    f"<b>{number} · {name}</b><br>{plot_text(legal_form_text(design.legal_form))}<br>"
                    f"pCh {x:.2f}, credibility {m.credibility_prior:.2f} → {m.effective_credibility:.2f}<br>"
                    f"{design.regime}: P(deterrence fails) {design.p_failure:.2f}<extra></extra>"
                ),
            )
        )
    styled(
        fig,
        height=560,
        xaxis={
            "range": [0, 1],
            "title": {"text": "pCh: probability the challenger is resolved (Hard)"},
            "showgrid": False,
            "constrain": "domain",
        },
        yaxis={
            "range": [0, 1],
            "title": {"text": "pDef: credibility of the guarantee"},
            "showgrid": False,
        },
        legend={"orientation": "v", "x": 1.02, "y": 1, "xanchor": "left", "yanchor": "top"},
        margin={"l": 70, "r": 20, "t": 20, "b": 60},
        shapes=shapes,
        annotations=annotations,
    )
    return fig


def outcome_figure(assessment: GuaranteeAssessment) -> go.Figure:
    """Each design's equilibrium outcome probabilities as a stacked bar (SQ, CD, DC, DD)."""
    designs = assessment.designs
    labels = [f"{n} · {plot_text(d.name)}" for n, d in enumerate(designs, start=1)]
    fig = go.Figure()
    for key, title, colour in OUTCOMES:
        values = [float(d.solution.outcome.get(key, 0.0)) for d in designs]
        fig.add_trace(
            go.Bar(
                x=values,
                y=labels,
                orientation="h",
                name=f"{key}: {title}",
                marker={"color": colour},
                text=[f"{v:.2f}" if v >= 0.06 else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=f"%{{y}}<br>{title}: %{{x:.3f}}<extra></extra>",
            )
        )
    styled(
        fig,
        barmode="stack",
        height=70 * len(designs) + 150,
        xaxis={"range": [0, 1], "title": {"text": "probability of each outcome in equilibrium"}},
        yaxis={"autorange": "reversed", "automargin": True},
        margin={"l": 20, "r": 20, "t": 50, "b": 50},
    )
    return fig


def design_table(
    assessment: GuaranteeAssessment, uncertainty: Mapping[str, Any] | None = None
) -> TableBlock:
    """One row per design: regime, P(failure), P(war), credibility prior and result, and what
    credibility (and reneging cost) deterrence would need; the regime cell explains itself."""
    rows = []
    for number, d in enumerate(assessment.designs, start=1):
        m, s = d.mapping, d.solution
        regime = d.regime + (
            f" / {s.alternative_region}" if s.knife_edge and s.alternative_region else ""
        )
        tone = "good" if d.regime == "deterrence" else ("bad" if d.p_failure >= 0.5 else None)
        cost = d.cost_needed_for_deterrence
        rows.append(
            (
                Cell(f"{number} · {d.name}"),
                Cell(legal_form_text(d.legal_form)),
                Cell(regime, " ".join(design_explanation(d)), tone),
                Cell(f"{d.p_failure:.2f}", tone=tone),
                *(
                    (Cell(spread_cell(uncertainty.get(f"p_failure.{d.design_id}"))),)
                    if uncertainty
                    else ()
                ),
                Cell(f"{s.outcome.get('DD', 0.0):.2f}"),
                Cell(f"{m.credibility_prior:.2f}\u00a0→\u00a0{m.effective_credibility:.2f}"),
                Cell(f"{s.theta_hard:.2f}"),
                Cell("∞" if cost == float("inf") else f"{cost:.2f}σ"),
            )
        )
    return TableBlock(
        key="deterrence-designs",
        title="Guarantee designs compared",
        caption=(
            "P(failure) = 1 − P(status quo holds). Credibility is the guarantor's probability of "
            "fighting rather than conceding: prior base rate → after the design's commitments and "
            "forces. Click a regime for the full reasoning."
        ),
        columns=(
            "design",
            "legal form",
            "regime",
            "P(failure)",
            *(("P(failure) 5-95 % over draws",) if uncertainty else ()),
            "P(war)",
            "credibility",
            "needed to deter (θH)",
            "reneging cost needed",
        ),
        rows=tuple(rows),
    )


def blocks(
    scenario: Scenario,
    result: GuaranteeAssessment,
    palette: ActorPalette,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Block]:
    """The deterrence section: region map with designs, outcomes per design, design table
    (with each design's P(failure) range over a sweep's draws when one ran)."""
    del palette  # designs are not actors; they are numbered instead
    return [
        FigureBlock(
            "deterrence-region-map",
            "Where each design lands: the deterrence region map",
            "Equilibrium regions of the Unilateral Deterrence Game over the challenger's resolve "
            "(pCh) and the guarantee's credibility (pDef). Numbered dots: each design at its "
            "effective credibility; open circles below them: the credibility prior before the "
            "design's commitments. Above θH every challenger is deterred.",
            region_map(result),
        ),
        FigureBlock(
            "deterrence-outcomes",
            "What happens under each design",
            "Equilibrium probabilities of the four outcomes: the status quo holds, the challenger "
            "backs down after resistance, the guarantor concedes, or war.",
            outcome_figure(result),
        ),
        design_table(result, uncertainty),
    ]


def headlines(
    scenario: Scenario,
    result: GuaranteeAssessment,
    uncertainty: Mapping[str, Any] | None = None,
) -> list[Headline]:
    """P(deterrence failure): the value for one design, the range across several (with the
    single design's spread over a sweep's draws when one ran)."""
    designs = result.designs
    if not designs:
        return []
    if len(designs) == 1:
        d = designs[0]
        spread = spread_text((uncertainty or {}).get(f"p_failure.{d.design_id}"))
        return [
            Headline(
                "P(deterrence failure)",
                f"{d.p_failure:.2f}",
                f"{d.name}: {d.regime}" + (f"; {spread}" if spread else ""),
                "good" if d.regime == "deterrence" else "bad",
            )
        ]
    best = min(designs, key=lambda d: d.p_failure)
    worst = max(designs, key=lambda d: d.p_failure)
    return [
        Headline(
            "P(deterrence failure)",
            f"{best.p_failure:.2f} – {worst.p_failure:.2f}",
            f"lowest: {best.name} ({best.regime}); highest: {worst.name} ({worst.regime})",
            "neutral",
        )
    ]


def sensitive_keys(result: GuaranteeAssessment) -> list[str]:
    """``p_failure.<design>`` for every design (the lens's summary keys)."""
    return [f"p_failure.{d.design_id}" for d in result.designs]
