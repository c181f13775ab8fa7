"""Terminal rendering of a :class:`RatificationResult` (used by ``ratify`` and ``analyze``)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from detente.ratification.engine import RatificationResult

__all__ = ["render"]

_FORM = {
    "article_ii_treaty": "Art. II treaty",
    "congressional_executive_agreement": "cong.-exec. agreement",
    "sole_executive_agreement": "sole exec. agreement",
    "political_commitment": "political commitment",
}


def render(result: RatificationResult, console: Console, explain: bool = False) -> None:
    """Print the proposals side by side, then (with ``explain``) each proposal's reasons."""
    table = Table(title="Ratification", title_justify="left")
    for column in ("proposal", "legal form", "P(ratify)", "expected yeas", "required", "binding pivot", "change needed"):
        table.add_column(column)
    for p in result.proposals:
        if not p.vote_required:
            table.add_row(p.proposal_id, _FORM[p.legal_form.value], "no vote needed", "", "", "", "")
            continue
        binding = max((pv for pv in p.pivots if pv.chamber == "senate"), key=lambda pv: pv.required)
        change = p.position_change
        if change is None or change.shift is None:
            change_text = "none carries it"
        elif change.shift > 0:
            change_text = f"move {change.shift:.3f} towards SQ"
        else:
            change_text = f"slack {-change.shift:.3f}"
        table.add_row(
            p.proposal_id,
            _FORM[p.legal_form.value],
            f"{p.p_ratify:.3f}",
            f"{p.expected_yeas:.1f}" if p.expected_yeas is not None else "",
            str(p.required_yeas) if p.required_yeas is not None else "",
            escape(f"{binding.role}: {binding.name} ({binding.margin_members:+d})"),
            change_text,
        )
    console.print(table)
    console.print(f"[dim]{escape(result.senate_source)}[/dim]")
    if not explain:
        return
    for line in result.explanations:
        console.print(escape(line))
    for p in result.proposals:
        console.print(f"\n[bold]{escape(p.proposal_id)}[/bold]")
        for line in p.explanations:
            console.print(f"  {escape(line)}")
