"""Terminal rendering of the deterrence lens (used by ``detente deter`` and ``detente analyze``)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from detente.deterrence.assessment import GuaranteeAssessment
from detente.deterrence.escalation import EscalationAssessment
from detente.deterrence.explain import aeg_explanation, design_explanation

__all__ = ["render", "render_escalation"]

_FORM = {
    "political_commitment": "PC",
    "sole_executive_agreement": "SEA",
    "congressional_executive_agreement": "CEA",
    "article_ii_treaty": "treaty",
}


def render(result: GuaranteeAssessment, console: Console, explain: bool = False) -> None:
    """A table comparing the designs; with ``explain``, each design's reasoning."""
    table = Table(
        title=f"Deterrence (Unilateral Deterrence Game): {result.scenario_id}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        show_edge=False,
        pad_edge=False,
    )
    for col, kw in (
        ("design", {"style": "bold", "no_wrap": True}),
        ("form", {"no_wrap": True}),
        ("fail", {"justify": "right", "no_wrap": True}),
        ("war", {"justify": "right", "no_wrap": True}),
        ("regime", {"no_wrap": True}),
        ("cred.", {"justify": "right", "no_wrap": True}),
        ("θH/θS", {"justify": "right", "no_wrap": True}),
    ):
        table.add_column(col, **kw)
    for d in result.designs:
        s, m = d.solution, d.mapping
        regime = s.region + (f"|{s.alternative_region}*" if s.knife_edge else "")
        table.add_row(
            escape(d.design_id),
            _FORM.get(d.legal_form, d.legal_form),
            f"{d.p_failure:.2f}",
            f"{s.outcome['DD']:.2f}",
            regime,
            f"{m.credibility_prior:.2f}→{m.effective_credibility:.2f}",
            f"{s.theta_hard:.2f}/{s.theta_soft:.2f}",
        )
    console.print(table)
    console.print(
        "fail: P(deterrence fails) = 1 - P(SQ); war: P(DD). "
        "form: PC political commitment, SEA sole executive agreement, CEA congressional-"
        "executive agreement, treaty Article II treaty. cred.: base-rate prior → effective "
        "(after legal form, obligation and the forces' trigger; details with --explain). θH: credibility that deters "
        "every challenger, θS: a Soft one. "
        "A 'no challenge' profile that rests on off-path beliefs is never counted as deterrence."
    )
    if explain:
        for d in result.designs:
            console.print(f"\n[bold]{escape(d.design_id)}[/bold] — {escape(d.name)}")
            for line in design_explanation(d):
                console.print(f"  • {escape(line)}")


def render_escalation(
    results: tuple[EscalationAssessment, ...], console: Console, explain: bool = False
) -> None:
    """The Asymmetric Escalation Game view of each design."""
    table = Table(
        title="Escalation (Asymmetric Escalation Game, Zagare & Kilgour 2000)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        show_edge=False,
        pad_edge=False,
    )
    for col in ("design", "tactical", "strategic", "fail", "limited war", "all-out"):
        table.add_column(col, no_wrap=True, justify="left" if col == "design" else "right")
    for e in results:
        o = e.solution.outcome
        table.add_row(
            escape(e.design_id),
            f"{e.tactical_credibility:.2f}",
            f"{e.strategic_credibility:.2f}",
            f"{e.solution.p_failure:.2f}",
            f"{o['DD'] + o['ED'] + o['DE']:.2f}",
            f"{o['EE']:.2f}" + ("" if e.solution.qre.converged else " (not converged)"),
        )
    console.print(table)
    console.print(
        "tactical: P(forces on the ground meet a limited attack in kind); strategic: "
        "P(the strategic guarantor escalates). fail: 1 - P(SQ); limited war: DD, ED or DE; "
        "all-out: EE. Equilibrium: logit-QRE limit (a sequential equilibrium)."
    )
    if explain:
        for e in results:
            console.print(f"\n[bold]{escape(e.design_id)}[/bold] (escalation)")
            for line in aeg_explanation(e.solution):
                console.print(f"  • {escape(line)}")
