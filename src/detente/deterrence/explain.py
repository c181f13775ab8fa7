"""Sentences that explain the deterrence engines' results (the engines return numbers only).

Each function reads a frozen result of :mod:`detente.deterrence` and says, in a few lines a
person can follow, why the equilibrium is what it is and what would change it. The reasoning
follows Zagare & Kilgour (1993, *International Studies Quarterly* 37(1):1-27; 2000, *Perfect
Deterrence*, Cambridge UP): the thresholds θH and θS of the Unilateral Deterrence Game, the
threshold α_A of the Rational Asymmetric Deterrence Game, the two credibilities of the
Asymmetric Escalation Game. Presenters (CLI, report, JSON documents) show these lines.
"""

from __future__ import annotations

from detente.deterrence.aeg import AEGSolution
from detente.deterrence.assessment import DesignAssessment
from detente.deterrence.design_mapping import DesignParameters
from detente.deterrence.radg import RADGSolution
from detente.deterrence.udg import UDGSolution
from detente.scenario.base_rates import BASE_RATES, BaseRatePreset

__all__ = [
    "aeg_explanation",
    "design_explanation",
    "prior_source",
    "radg_explanation",
    "udg_explanation",
]


def udg_explanation(solution: UDGSolution) -> tuple[str, ...]:
    """Why the UDG's selected equilibrium is in its regime: thresholds, beliefs, knife edges."""
    p, region = solution.parameters, solution.region
    th, ts, mu = solution.theta_hard, solution.theta_soft, solution.mu_star
    lines = [
        (
            f"Credibility needed: pDef >= θH = {th:.3f} deters every challenger; pDef >= θS = "
            f"{ts:.3f} deters a Soft one (thresholds from the challenger's payoffs, "
            "Zagare & Kilgour 1993)."
        ),
        (
            f"A Soft defender resists a challenge only if it believes the challenger is Hard with "
            f"probability at most μ* = {mu:.3f}."
        ),
    ]
    if region == "deterrence":
        lines.append(
            f"pDef = {p.pDef:.3f} >= θH: even a Hard challenger expects resistance often enough "
            "that the status quo beats challenging; deterrence holds whatever the defender "
            "would believe after a challenge."
        )
    elif region == "separating":
        lines.append(
            f"θS <= pDef = {p.pDef:.3f} < θH: only a Hard challenger (pCh = {p.pCh:.3f}) "
            "challenges; a Soft defender, knowing it faces a Hard one, concedes."
        )
    elif region == "attack":
        lines.append(
            f"pDef = {p.pDef:.3f} < θS and pCh = {p.pCh:.3f} > μ*: both challenger types "
            "challenge; a challenge is so likely to come from a Hard type that a Soft defender "
            "concedes."
        )
    else:
        lines.append(
            f"pDef = {p.pDef:.3f} < θS and pCh = {p.pCh:.3f} < μ*: a Hard challenger "
            "challenges and a Soft one bluffs part of the time; a Soft defender resists just "
            "often enough (total resistance θS) to keep the bluff indifferent. Here raising "
            "pDef below θS does not change the outcome: the Soft defender's resistance adjusts."
        )
    if region != "deterrence":
        lines.append(
            "A 'no challenge' profile is also a perfect Bayesian equilibrium here, but only "
            f"if the defender would believe a challenger Hard with probability <= μ* = {mu:.3f} "
            "after a challenge that never happens; it fails the D1 refinement (Banks & Sobel "
            "1987; Cho & Kreps 1987) and is not counted as deterrence success."
        )
    if solution.knife_edge and solution.alternative_region is not None:
        lines.append(
            f"Knife edge: the parameters sit exactly on a boundary, so the "
            f"'{solution.alternative_region}' family is an equilibrium too; the figures shown "
            f"are for '{region}'."
        )
    return tuple(lines)


def radg_explanation(solution: RADGSolution) -> tuple[str, ...]:
    """Why A challenges or is deterred in the RADG (Zagare & Kilgour 2000, app. 3)."""
    p = solution.parameters
    lines = [
        (
            f"Credibility needed: A is deterred iff pB > α_A = (aDC - aSQ)/(aDC - aDD) = "
            f"{solution.alpha_a:.3f} (Zagare & Kilgour 2000, app. 3)."
        ),
        "A Hard B resists and a Soft B concedes at every Bayesian equilibrium.",
    ]
    if solution.knife_edge:
        lines.append(
            "Knife edge: pB = α_A, so A is indifferent and any challenge probability in "
            "[0, 1] is an equilibrium; shown: no challenge. P(war) = x·pB for challenge "
            "probability x."
        )
    elif solution.challenge_probability:
        lines.append(f"pB = {p.pB:.3f} < α_A: A challenges; war follows iff B is Hard.")
    else:
        lines.append(f"pB = {p.pB:.3f} > α_A: A is deterred.")
    return tuple(lines)


def aeg_explanation(solution: AEGSolution) -> tuple[str, ...]:
    """The AEG's two credibilities, its outcome and how the equilibrium was selected."""
    p, outcome, q = solution.parameters, solution.outcome, solution.qre
    return (
        (
            f"Tactical credibility (Def meets a limited attack in kind) = pHH + pHS = "
            f"{p.tactical_credibility:.3f}; strategic credibility (Def escalates) = pHH + pSH = "
            f"{p.strategic_credibility:.3f} (Zagare & Kilgour 2000, ch. 6-9)."
        ),
        (
            f"P(challenge) = {1 - outcome['SQ']:.3f}; P(limited war) = {outcome['DD']:.3f}; "
            f"P(all-out war) = {outcome['EE']:.3f}."
        ),
        (
            "Equilibrium selected as the limit of the agent logit quantal-response equilibrium "
            f"(λ = {q.lam:g}{'' if q.converged else ', NOT converged: treat with caution'})."
        ),
    )


def prior_source(mapping: DesignParameters) -> str | None:
    """The published base rate a design's credibility prior is centred on, as a citation."""
    if mapping.prior_preset is None:
        return None
    ref = BASE_RATES[BaseRatePreset(mapping.prior_preset)]
    return f"{ref.finding}: {ref.rate:.1%} ({ref.source})"


def design_explanation(design: DesignAssessment) -> tuple[str, ...]:
    """From the design's base rate to its regime, and the reneging cost that would deter."""
    m, s = design.mapping, design.solution
    need_h = design.cost_needed_for_deterrence
    costs = ", ".join(f"{c.feature} {c.cost:+.2f}" for c in m.reneging_costs)
    lines = []
    source = prior_source(m)
    if source:
        lines.append(f"Prior centred on a published base rate: {source}.")
    lines.append(
        f"Credibility prior (base rate) {m.credibility_prior:.2f}; reneging cost "
        f"{m.reneging_cost:.2f}σ ({costs}) gives pDef = Φ(Φ⁻¹({m.credibility_prior:.2f}) + "
        f"{m.reneging_cost:.2f}/{m.margin_sd:g}) = {m.credibility:.3f}."
    )
    if m.trigger_probability > 0:
        lines.append(
            f"Forces on the ground draw the guarantor in with probability ρ = "
            f"{m.trigger_probability:.3f} whatever it would choose: effective credibility "
            f"ρ + (1-ρ)pDef = {m.effective_credibility:.3f}."
        )
    if m.denial_shift > 0:
        lines.append(
            f"A denial-capable force lowers the challenger's war payoffs by {m.denial_shift:.0%} "
            "of the gap to backing down, lowering the credibility deterrence needs."
        )
    lines.extend(udg_explanation(s))
    if s.region != "deterrence":
        if need_h == float("inf"):
            lines.append("No reneging cost alone reaches θH under these assumptions.")
        else:
            lines.append(
                f"What would change it: a total reneging cost of {need_h:.2f}σ "
                f"(now {m.reneging_cost:.2f}σ) would reach θH and deter every challenger type."
            )
    return tuple(lines)
