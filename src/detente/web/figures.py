"""Plotly figures of the web pages, and their safe embedding as JSON in HTML.

Lens-specific figures come from :mod:`detente.report.figures` (shared with the HTML report)
when it provides them; the figures here show what every lens has: its headline answers
(``Lens.summary``), compared between runs and followed across revisions.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go  # type: ignore[import-untyped]

__all__ = [
    "comparison_figure",
    "embed",
    "summary_figure",
    "timeline_figures",
]

_LAYOUT: dict[str, Any] = {
    "template": "plotly_white",
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    "height": 320,
}


def embed(figure: go.Figure) -> str:
    """The figure as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are escaped as JSON unicode escapes, so a label such as
    ``</script><script>...`` cannot end the element: user strings stay data.
    """
    text = str(figure.to_json())
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _numeric(summary: Mapping[str, Any]) -> dict[str, float]:
    return {k: float(v) for k, v in summary.items() if isinstance(v, int | float)}


def summary_figure(title: str, summary: Mapping[str, Any]) -> go.Figure | None:
    """Horizontal bars of one lens's headline answers (None when it has none)."""
    values = _numeric(summary)
    if not values:
        return None
    keys = list(values)
    figure = go.Figure(
        go.Bar(
            x=[values[k] for k in keys],
            y=keys,
            orientation="h",
            marker_color="#2b6cb0",
            hovertemplate="%{y}: %{x:.4g}<extra></extra>",
        )
    )
    figure.update_layout(
        title=f"{title}: headline answers",
        height=max(220, 40 + 28 * len(keys)),
        yaxis={"autorange": "reversed", "automargin": True},
        **{k: v for k, v in _LAYOUT.items() if k != "height"},
    )
    return figure


MAX_COMPARISON_BARS = 40


def comparison_figure(rows: Sequence[Mapping[str, Any]], a_label: str, b_label: str) -> go.Figure:
    """Grouped bars of the headline answers of two runs: those that differ first, then other
    non-zero ones, at most 40 (answers that are zero in both runs are left out)."""
    numeric = [
        r
        for r in rows
        if (isinstance(r["a"], int | float) or isinstance(r["b"], int | float))
        and (r["a"] or r["b"])
    ]
    numeric.sort(key=lambda r: r["difference"] == 0)  # stable: differing answers first
    numeric = numeric[:MAX_COMPARISON_BARS]
    labels = [f"{r['lens']}: {r['key']}" for r in numeric]
    figure = go.Figure(
        [
            go.Bar(name=a_label, y=labels, x=[r["a"] for r in numeric], orientation="h"),
            go.Bar(name=b_label, y=labels, x=[r["b"] for r in numeric], orientation="h"),
        ]
    )
    figure.update_layout(
        title="Headline answers side by side",
        barmode="group",
        height=max(260, 60 + 40 * len(labels)),
        yaxis={"autorange": "reversed", "automargin": True},
        **{k: v for k, v in _LAYOUT.items() if k != "height"},
    )
    return figure


def timeline_figures(points: Sequence[Mapping[str, Any]]) -> list[go.Figure]:
    """One line chart per lens: each headline answer across the dated revisions."""
    by_lens: dict[str, dict[str, list[tuple[str, float, str]]]] = {}
    for point in points:
        revision = point["revision"]
        when = (revision.as_of or revision.created_at.date()).isoformat()
        label = f"revision {revision.number}: {revision.note or revision.title}"
        for lens_name, summary in point["summary"].items():
            for key, value in _numeric(summary).items():
                by_lens.setdefault(lens_name, {}).setdefault(key, []).append((when, value, label))
    figures = []
    for lens_name, series in by_lens.items():
        figure = go.Figure()
        for key, values in series.items():
            if not any(v[1] for v in values):
                continue  # zero at every revision (e.g. a state never stable): no line to follow
            figure.add_trace(
                go.Scatter(
                    x=[v[0] for v in values],
                    y=[v[1] for v in values],
                    text=[v[2] for v in values],
                    name=key,
                    mode="lines+markers",
                    # a yes/no answer changes at a revision; it does not slide between dates
                    line_shape="hv" if all(v[1] in (0.0, 1.0) for v in values) else "linear",
                    hovertemplate="%{x}<br>%{text}<br>" + key + ": %{y:.4g}<extra></extra>",
                )
            )
        figure.update_layout(
            title=f"{lens_name}: headline answers by revision date",
            xaxis={"title": "scenario date (as_of) of the revision", "type": "date"},
            **_LAYOUT,
        )
        figures.append(figure)
    return figures


MAX_SWEEP_FIGURES = 24


def varies(hist: Mapping[str, Any]) -> bool:
    """Whether a stored histogram holds more than one distinct value."""
    return len(hist.get("counts", [])) > 1


def sweep_figures(document: Mapping[str, Any]) -> list[go.Figure]:
    """A histogram per swept output that varies over the draws (at most 24, in order).

    Outputs that take one value in every draw are listed in the table, not drawn.
    """
    found: list[go.Figure] = []
    for column, hist in document.get("histograms", {}).items():
        if not varies(hist) or len(found) >= MAX_SWEEP_FIGURES:
            continue
        if "values" in hist:
            x = [str(v) if len(hist["values"]) <= 2 else v for v in hist["values"]]
            bar = go.Bar(x=x, y=hist["counts"], marker_color="#2b6cb0")
        else:
            edges = hist["edges"]
            centres = [(a + b) / 2 for a, b in itertools.pairwise(edges)]
            widths = [b - a for a, b in itertools.pairwise(edges)]
            bar = go.Bar(x=centres, y=hist["counts"], width=widths, marker_color="#2b6cb0")
        figure = go.Figure(bar)
        figure.update_layout(
            title=f"{column} over the draws",
            xaxis={"title": column},
            yaxis={"title": "draws"},
            bargap=0.05,
            **_LAYOUT,
        )
        found.append(figure)
    return found
