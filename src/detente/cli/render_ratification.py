"""Terminal rendering of a :class:`RatificationResult` (used by ``ratify`` and ``analyze``)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from detente.ratification.engine import RatificationResult
from detente.ratification.explain import proposal_explanation, result_explanation

__all__ = ["render"]

_FORM = {
    "article_ii_treaty": "treaty",
    "congressional_executive_agreement": "CEA",
    "sole_executive_agreement": "executive",
    "political_commitment": "political",
}


def render(result: RatificationResult, console: Console, explain: bool = False) -> None:
    """Print the proposals side by side, then (with ``explain``) each proposal's reasons."""
    table = Table(title="Ratification", title_justify="left")
    table.add_column("proposal", overflow="fold")
    table.add_column("form")
    table.add_column("P(ratify)", justify="right")
    table.add_column("yeas exp./req.", justify="right")
    table.add_column("binding pivot (margin)")
    table.add_column("change of position")
    for p in result.proposals:
        if not p.vote_required:
            table.add_row(p.proposal_id, _FORM[p.legal_form.value], "no vote", "", "", "")
            continue
        binding = max((pv for pv in p.pivots if pv.chamber == "senate"), key=lambda pv: pv.required)
        change = p.position_change
        if change is None or change.shift is None:
            change_text = "none carries it"
        elif change.shift > 0:
            change_text = f"+{change.shift:.3f} needed"
        else:
            change_text = f"slack {-change.shift:.3f}"
        table.add_row(
            p.proposal_id,
            _FORM[p.legal_form.value],
            f"{p.p_ratify:.3f}",
            f"{p.expected_yeas:.1f} / {p.required_yeas}",
            escape(f"{binding.name} ({binding.margin_members:+d})"),
            change_text,
        )
    console.print(table)
    console.print(
        "[dim]form: treaty = Art. II (two thirds of those voting, cloture), CEA = congressional-"
        "executive agreement, executive/political = no vote. Margin: senators on the yea side of "
        "the cutting line minus those needed. Change: move of the cutting line towards (+) the "
        f"status quo needed, or slack. Senate: {escape(result.senate_source)}.[/dim]"
    )
    if not explain:
        return
    for line in result_explanation(result):
        console.print(escape(line))
    cloture = bool(result.model["cloture"])
    for p in result.proposals:
        console.print(f"\n[bold]{escape(p.proposal_id)}[/bold]")
        for line in proposal_explanation(p, cloture):
            console.print(f"  {escape(line)}")
