"""Terminal tables and JSON documents for ``detente deals`` and ``detente deals search``."""

from __future__ import annotations

import math
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from detente.deals.explain import (
    binding_text,
    bottom_line,
    change_text,
    interval_text,
    package_sentence,
)
from detente.deals.result import DealsResult
from detente.deals.summary import Margin, PackageSummary
from detente.scenario.model import Scenario
from detente.uncertainty.deal_search import SearchResult
from detente.uncertainty.deals import DealsBottomLine, DealSweep

__all__ = [
    "bottom_line_json",
    "bottom_line_text",
    "deals_json",
    "render",
    "render_bottom_line",
    "render_deals",
    "render_search",
    "search_json",
    "summary_json",
]

ASSUMPTION = (
    "Within a draw, the renewed attack and the ratification vote are treated as independent "
    "events; every uncertain input is drawn from its distribution."
)


def _names(scenario: Scenario) -> dict[str, str]:
    return {a.id: a.name for a in scenario.actors}


def _margin_json(m: Margin) -> dict[str, Any]:
    return {"mean": m.mean, "p5": m.p5, "p95": m.p95, "near_threshold": m.near_threshold}


def summary_json(p: PackageSummary) -> dict[str, Any]:
    """One package's answers over the draws (the documented ``packages[]`` element)."""
    return {
        "id": p.id,
        "name": p.name,
        "draws": p.draws,
        "p_accept": dict(p.p_accept),
        "p_deter": p.p_deter,
        "p_ratify": p.p_ratify,
        "p_joint": p.p_joint,
        "intervals": {k: [v[0], v[1]] for k, v in p.intervals.items()},
        "interval_kind": dict(p.interval_kind),
        "surplus": {party: _margin_json(m) for party, m in p.surplus.items()},
        "credibility_margin": _margin_json(p.credibility_margin),
        "binding": None
        if p.binding is None
        else {
            "condition": p.binding.condition,
            "share_of_failures": p.binding.share_of_failures,
            "shares": dict(p.binding.shares),
        },
    }


def deals_json(scenario: Scenario, result: DealSweep) -> dict[str, Any]:
    """``detente deals --json`` (documented in docs/deals.md)."""
    nominal = {p.id: p for p in result.nominal.packages}
    packages = []
    for p in result.packages:
        document = summary_json(p)
        n = nominal[p.id]
        document.update(
            design=n.design,
            fallback_design=n.fallback_design,
            proposed=n.proposed.isoformat() if n.proposed else None,
            terms=dict(n.terms),
            nominal=n.to_json(),
        )
        packages.append(document)
    sweep = result.sweep
    return {
        "scenario": scenario.id,
        "seed": sweep.seed,
        "draws": {"requested": sweep.requested, "completed": sweep.completed},
        "parties": list(result.nominal.parties),
        "terms": [t.__dict__ for t in result.nominal.terms],
        "disagreement_nominal": dict(result.nominal.disagreement),
        "packages": packages,
        "fair_division": None
        if result.nominal.fair_division is None
        else result.nominal.fair_division.to_json(),
        "bottom_line": bottom_line(result.packages, _names(scenario)),
        "assumptions": [ASSUMPTION],
    }


def _p(value: float, interval: tuple[float, float] | None = None) -> str:
    if interval is None or not all(math.isfinite(v) for v in interval):
        return f"{value:.2f}"
    return f"{value:.2f} [{interval_text(interval)}]"


def render_deals(scenario: Scenario, result: DealSweep, console: Console) -> None:
    """The package table (probabilities with intervals, binding constraint), the parties'
    margins over war, and the bottom line."""
    names = _names(scenario)
    parties = result.nominal.parties
    sweep = result.sweep
    console.print(
        f"[bold]Deals[/bold]: {escape(scenario.title)} — {sweep.completed:,} draws, "
        f"seed {sweep.seed} ({len(sweep.inputs)} uncertain inputs)"
    )
    width = max([len(p.id) for p in result.packages] + [7])
    table = Table(
        title="Which package would work (mean over draws, interval below)",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("package", min_width=width, no_wrap=True)
    for header in ("P(joint)", *(f"{party} acc." for party in parties), "ratified", "deters"):
        table.add_column(header, justify="right", min_width=9, no_wrap=True)
    ranked = sorted(result.packages, key=lambda q: -q.p_joint)
    for p in ranked:
        table.add_row(
            escape(p.id),
            _cell(p.p_joint, p.intervals["joint"]),
            *[_cell(p.p_accept[party], p.intervals[f"accept.{party}"]) for party in parties],
            _cell(p.p_ratify, p.intervals["ratify"]),
            _cell(p.p_deter, p.intervals["deter"]),
        )
    console.print(table)
    console.print(
        "[dim]P(joint): accepted by every party, in force (ratified, or its fallback) and "
        "deterring, all in the same draw. accept: share of draws in which the party prefers the "
        "package to continued war (Wilson 90 % interval); ratified, deters, P(joint): 5–95 % of "
        "the per-draw probability over the inputs.[/dim]"
    )
    console.print("[bold]What breaks each package most often[/bold]")
    for p in ranked:
        console.print(f"  {escape(p.id)}: {escape(binding_text(p.binding, names))}")
    margins = Table(
        title="Surplus over continued war (utility; mean, 5–95 % below)",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    margins.add_column("package", min_width=width, no_wrap=True)
    for party in parties:
        margins.add_column(party, justify="right", min_width=14, no_wrap=True)
    margins.add_column("credibility\n− needed", justify="right", min_width=14, no_wrap=True)
    for p in result.packages:
        margins.add_row(
            escape(p.id),
            *[_margin_cell(p.surplus[party]) for party in parties],
            _margin_cell(p.credibility_margin),
        )
    console.print(margins)
    console.print(
        "[dim]Surplus: the party's utility of the package minus that of continued war plus its "
        "cost of war; it accepts when it is not negative. ⚠ near threshold: the 5–95 % interval "
        "contains 0. Credibility − needed: the design's effective credibility minus the "
        "credibility that deters every challenger type (θH).[/dim]"
    )
    fair = result.nominal.fair_division
    if fair is not None:
        cells = ", ".join(
            f"{k}: {fair.allocation[k][fair.parties[0]]:.0%} to {fair.parties[0]}"
            for k in fair.allocation
        )
        console.print(
            f"Adjusted Winner ({fair.parties[0]} vs {fair.parties[1]}): {cells}; "
            f"points {fair.totals[fair.parties[0]]:.1f} each"
            + (f"; split issue {fair.split_issue}" if fair.split_issue else "")
        )
    console.print(f"[bold]Bottom line[/bold]: {escape(bottom_line(result.packages, names))}")
    console.print(f"[dim]{ASSUMPTION}[/dim]")


def _margin_cell(m: Margin) -> str:
    flag = " ⚠" if m.near_threshold else ""
    return f"{m.mean:+.3f}{flag}\n{m.p5:+.2f} to {m.p95:+.2f}"


def _cell(value: float, interval: tuple[float, float]) -> str:
    """A probability over its interval, on two lines (narrow columns at 80 characters)."""
    if not all(math.isfinite(v) for v in interval):
        return f"{value:.2f}"
    return f"{value:.2f}\n{interval_text(interval)}"


def _terms_text(result: SearchResult, index: int) -> str:
    """A package's term values in the terms' order (named packages by their id as well)."""
    values = "/".join(f"{v:.0f}" for v in result.scores.terms[index])
    label = result.label(index)
    return values if label.startswith("candidate") else f"{label} ({values})"


def _candidate_json(result: SearchResult, index: int) -> dict[str, Any]:
    s = result.scores
    document: dict[str, Any] = {
        "index": index,
        "label": result.label(index),
        "terms": dict(zip(result.term_ids, map(float, s.terms[index]), strict=True)),
        "design": result.design_ids[int(s.design[index])],
        "search": {
            "p_joint": float(s.p_joint[index]),
            "p_deter": float(s.p_deter[index]),
            "p_ratify": float(s.p_ratify[index]),
            "p_accept": dict(zip(s.party_ids, map(float, s.p_accept[index]), strict=True)),
            "surplus_mean": dict(zip(s.party_ids, map(float, s.surplus[index]), strict=True)),
        },
    }
    confirmed = result.confirmed.get(index)
    if confirmed is not None:
        document["confirmed"] = summary_json(confirmed)
    return document


def search_json(scenario: Scenario, result: SearchResult) -> dict[str, Any]:
    """``detente deals search --json`` (documented in docs/deals.md)."""
    return {
        "scenario": scenario.id,
        "seed": result.seed,
        "draws": result.draws,
        "confirm_draws": result.confirm_draws,
        "candidates": result.scores.size,
        "box": {
            t: [float(lo), float(hi)]
            for t, lo, hi in zip(result.term_ids, result.box.low, result.box.high, strict=True)
        },
        "designs": [result.design_ids[m] for m in result.box.designs],
        "zone_of_agreement": int(result.scores.in_zone.sum()),
        "top": [_candidate_json(result, i) for i in result.top],
        "most_robust": _candidate_json(result, result.top[0]) if result.top else None,
        "frontier": [_candidate_json(result, i) for i in result.frontier],
        "nash": None if result.nash is None else _candidate_json(result, result.nash),
        "kalai_smorodinsky": None
        if result.kalai_smorodinsky is None
        else _candidate_json(result, result.kalai_smorodinsky),
        "named": [summary_json(p) for p in result.named],
        "vote_interpolation_error": result.curve_error,
        "nearest_acceptable": [
            {
                "package": n.package_id,
                "party": n.party,
                "nominal": None
                if n.nominal_terms is None
                else {
                    "terms": dict(zip(result.term_ids, n.nominal_terms, strict=True)),
                    "distance": n.nominal_distance,
                    "p_accept": n.nominal_p_accept,
                },
                "robust_90": None
                if n.robust_terms is None
                else {
                    "terms": dict(zip(result.term_ids, n.robust_terms, strict=True)),
                    "distance": n.robust_distance,
                    "p_accept": n.robust_p_accept,
                },
            }
            for n in result.nearest
        ],
        "assumptions": [ASSUMPTION],
    }


def _short_binding(summary: PackageSummary) -> str:
    b = summary.binding
    if b is None:
        return "never fails"
    return f"{b.condition.replace('accept.', 'accept ')} ({b.share_of_failures:.0%})"


def _table(title: str) -> Table:
    return Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)


def render_search(scenario: Scenario, result: SearchResult, console: Console) -> None:
    """The most robust packages (re-judged exactly), the frontier, the bargaining solutions."""
    names = _names(scenario)
    s = result.scores
    console.print(
        f"[bold]Deal search[/bold]: {escape(scenario.title)} — {s.size:,} packages judged on "
        f"{result.draws:,} common draws (seed {result.seed}); the best re-judged on "
        f"{result.confirm_draws:,} draws. Zone of agreement (every party's mean surplus ≥ 0): "
        f"{int(s.in_zone.sum()):,} packages. Terms are listed as {'/'.join(result.term_ids)}."
    )
    table = _table(f"Most robust packages (top {len(result.top)}; P(joint), 5–95 % below)")
    table.add_column("#", justify="right")
    table.add_column("terms", overflow="fold")
    table.add_column("design", no_wrap=True)
    table.add_column("P(joint)", justify="right", min_width=9, no_wrap=True)
    table.add_column("breaks most often (share of failures)", overflow="fold")
    for rank, i in enumerate(result.top, start=1):
        c = result.confirmed[i]
        table.add_row(
            str(rank),
            escape(_terms_text(result, i)),
            escape(result.design_ids[int(s.design[i])]),
            _cell(c.p_joint, c.intervals["joint"]),
            escape(_short_binding(c)),
        )
    console.print(table)
    front = _table(f"Frontier inside the zone of agreement ({len(result.frontier)} packages)")
    front.add_column("terms", overflow="fold")
    front.add_column("design", no_wrap=True)
    for party in result.party_ids:
        front.add_column(f"{party} surplus", justify="right")
    front.add_column("deter", justify="right")
    front.add_column("ratify", justify="right")
    for i in result.frontier[:10]:
        front.add_row(
            escape(_terms_text(result, i)),
            escape(result.design_ids[int(s.design[i])]),
            *[f"{v:+.3f}" for v in s.surplus[i]],
            f"{s.p_deter[i]:.2f}",
            f"{s.p_ratify[i]:.2f}",
        )
    console.print(front)
    if len(result.frontier) > 10:
        console.print(
            f"[dim]The best 10 by P(joint) are shown; {len(result.frontier) - 10} more: "
            "--json lists all.[/dim]"
        )
    for label, index in (
        ("Nash bargaining solution", result.nash),
        ("Kalai–Smorodinsky", result.kalai_smorodinsky),
    ):
        if index is None:
            console.print(f"{label}: no package is inside the zone of agreement.")
            continue
        c = result.confirmed[index]
        console.print(
            f"{label}: {escape(_terms_text(result, index))}, "
            f"{escape(result.design_ids[int(s.design[index])])} — P(joint) "
            f"{_p(c.p_joint, c.intervals['joint'])}"
        )
    named = _table("The named packages on the same draws")
    named.add_column("package", no_wrap=True)
    named.add_column("P(joint)", justify="right", min_width=9, no_wrap=True)
    named.add_column("breaks most often (share of failures)", overflow="fold")
    for c in result.named:
        named.add_row(
            escape(c.id), _cell(c.p_joint, c.intervals["joint"]), escape(_short_binding(c))
        )
    console.print(named)
    for n in result.nearest:
        who = escape(names.get(n.party, n.party))
        if n.nominal_terms is None:
            console.print(
                f"No package in the search box that {who} accepts is near {escape(n.package_id)}."
            )
            continue
        before = result.scores.terms[result.named_index(n.package_id)]
        moved = ", ".join(
            f"{t} {a:.0f}→{b:.0f}"
            for t, a, b in zip(result.term_ids, before, n.nominal_terms, strict=True)
            if abs(a - b) > 0.5
        )
        robust = (
            f"; accepted in ≥90 % of draws after moving distance {n.robust_distance:.3f}"
            if n.robust_distance is not None
            else "; no package in the box is accepted in 90 % of draws"
        )
        console.print(
            f"Nearest to {escape(n.package_id)} that {who} accepts at the nominal values: "
            f"{escape(moved) or 'no change'} (distance {n.nominal_distance:.3f}, accepted in "
            f"{n.nominal_p_accept:.0%} of draws){robust}."
        )
    console.print(
        f"[dim]Votes were interpolated on a grid during the search (largest error "
        f"{result.curve_error:.1e} on the re-judged packages); the re-judged numbers are exact. "
        f"{ASSUMPTION}[/dim]"
    )


def render(result: DealsResult, console: Console, explain: bool = False) -> None:
    """The deals lens in ``detente analyze``: every package at the nominal values (each
    acceptance yes or no); the intervals are in the bottom line and ``detente deals``."""
    table = _table("Deals at the nominal values (each party accepts or not)")
    table.add_column("package", no_wrap=True)
    for party in result.parties:
        table.add_column(f"{party}", justify="right")
    table.add_column("ratified", justify="right")
    table.add_column("deters", justify="right")
    table.add_column("P(joint)", justify="right")
    for p in result.packages:
        table.add_row(
            escape(p.id),
            *[
                f"{'yes' if p.accept[party] else 'no'} {p.surplus[party]:+.2f}"
                for party in result.parties
            ],
            f"{p.p_ratify:.2f}",
            f"{p.p_deter:.2f}",
            f"{p.p_joint:.2f}",
        )
    console.print(table)
    console.print(
        "[dim]Each party: accepts (yes/no) and its surplus over continued war. Over the "
        "uncertain inputs: `detente deals`.[/dim]"
    )
    if explain:
        for p in result.packages:
            console.print(f"- {escape(package_sentence(p))}")


def render_bottom_line(scenario: Scenario, line: DealsBottomLine, console: Console) -> None:
    """The paragraph ``detente analyze`` opens with."""
    console.print(f"[bold]Bottom line[/bold]: {escape(bottom_line_text(scenario, line))}")


def bottom_line_text(scenario: Scenario, line: DealsBottomLine) -> str:
    labels = {}
    if scenario.bargaining is not None:
        labels = {i.id: i.label.lower() for i in scenario.bargaining.issues}
    change = None
    if line.change is not None:
        c = line.change
        change = change_text(
            c.term,
            c.before,
            c.after,
            c.design_before,
            c.design_after,
            c.p_joint_before,
            c.p_joint_after,
            c.draws,
            labels,
        )
    return bottom_line(line.packages, _names(scenario), change)


def bottom_line_json(scenario: Scenario, line: DealsBottomLine) -> dict[str, Any]:
    best = line.best
    c = line.change
    return {
        "text": bottom_line_text(scenario, line),
        "best": summary_json(best),
        "change": None
        if c is None
        else {
            "package": c.package_id,
            "term": c.term,
            "from": c.before,
            "to": c.after,
            "design_from": c.design_before,
            "design_to": c.design_after,
            "p_joint_before": c.p_joint_before,
            "p_joint_after": c.p_joint_after,
            "draws": c.draws,
        },
        "packages": [summary_json(p) for p in line.packages],
    }
