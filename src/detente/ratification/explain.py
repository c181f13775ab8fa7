"""Sentences that explain the ratification engine's results (the engine returns numbers only).

Each function reads a frozen result of :func:`detente.ratification.engine.assess_ratification`
and says why the proposal would or would not pass: the rule that applies (Art. II §2, Senate
Rule XXII, Art. I §7), the expected vote against the yeas it needs, the binding pivot (Krehbiel
1998, *Pivotal Politics*), the party blocs, the persuadable members, and the smallest change of
the text that carries it. Presenters (CLI, report, JSON documents) show these lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detente.ratification.results import (
    BlocSummary,
    PivotMember,
    PositionChange,
    ProposalAssessment,
    RatificationResult,
)
from detente.scenario.legal_form import LegalForm

__all__ = [
    "describe_shift",
    "ordinal",
    "position_change_text",
    "proposal_explanation",
    "result_explanation",
]


def ordinal(k: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ..., ``11th``, ``21st``."""
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def describe_shift(original: Mapping[str, Any], shifted: Mapping[str, Any]) -> str:
    """The move from one position (as in :attr:`ProposalAssessment.position`) to another."""
    if original["kind"] == "one_dimensional":
        q = float(original["status_quo"])
        return (
            f"treaty position {float(original['treaty']):+.3f} → "
            f"{float(shifted['treaty']):+.3f} (status quo {q:+.3f})"
        )
    m0, m1 = original["midpoint"], shifted["midpoint"]
    return (
        f"roll-call midpoint ({float(m0[0]):+.3f}, {float(m0[1]):+.3f}) → "
        f"({float(m1[0]):+.3f}, {float(m1[1]):+.3f})"
    )


def _binding(assessment: ProposalAssessment) -> PivotMember:
    """The Senate pivot with the largest threshold: the one that decides the proposal."""
    return max(
        (pm for pm in assessment.pivots if pm.chamber == "senate"), key=lambda pm: pm.required
    )


def _deterministic_text(assessment: ProposalAssessment, change: PositionChange) -> str:
    binding = _binding(assessment)
    if change.shift is None or change.position is None:
        if assessment.position is not None and assessment.position["kind"] == "one_dimensional":
            return (
                "Every member voting by position, no text on the treaty's side of the status quo "
                f"carries it: the {binding.role} ({binding.name}) prefers the status quo to any "
                "such text (the ratifiable set is empty)."
            )
        return (
            "Every member voting by position, no move of the cutting line up to "
            f"{change.limit} towards the status quo carries it past the {binding.role} "
            f"({binding.name})."
        )
    needed = change.shift
    if needed > 0:
        assert assessment.position is not None
        text = (
            f"Every member voting by position, the proposal is {-binding.margin_members} "
            f"vote(s) short of the {binding.required} the {binding.role} sets; moving the "
            f"cutting line {needed:.3f} towards the status quo carries it: "
            f"{describe_shift(assessment.position, change.position)}."
        )
    else:
        text = (
            f"Every member voting by position, the proposal carries with "
            f"{binding.margin_members} vote(s) to spare; its cutting line could move "
            f"{-needed:.3f} away from the status quo before the {binding.role} "
            f"({binding.name}) turns against it."
        )
    if change.house_binds:
        text += " The House pivot binds before the Senate's."
    return text


def _even_odds_text(assessment: ProposalAssessment, change: PositionChange) -> str:
    if change.shift is None or change.position is None:
        return "No move of the cutting line towards the status quo brings P(ratify) to 0.5."
    if change.shift == 0.0:
        return f"P(ratify) is already {assessment.p_ratify:.2f} ≥ 0.5; no change is needed."
    assert assessment.position is not None
    return (
        f"Moving the cutting line {change.shift:.3f} towards the status quo raises P(ratify) "
        f"to 0.5: {describe_shift(assessment.position, change.position)}."
    )


def position_change_text(assessment: ProposalAssessment, change: PositionChange) -> str:
    """What ``change`` (the assessment's deterministic or even-odds position change) means."""
    if change.basis == "deterministic":
        return _deterministic_text(assessment, change)
    return _even_odds_text(assessment, change)


def _rule_text(assessment: ProposalAssessment, cloture: bool) -> str:
    if assessment.legal_form is LegalForm.ARTICLE_II_TREATY:
        text = "an Article II treaty: two thirds of the senators present and voting (Art. II §2)"
        if cloture:
            text += ", after cloture at three fifths of the senators sworn (Rule XXII)"
        return text
    text = "a congressional-executive agreement, passed as a bill: majorities of both Houses"
    if cloture:
        text += ", Senate cloture at three fifths"
    if not assessment.president_signs:
        text += ", and two thirds of both Houses to override the veto"
    return text


def _caucus_text(blocs: tuple[BlocSummary, ...], binding: PivotMember) -> str | None:
    caucuses: dict[str, list[BlocSummary]] = {}
    for b in blocs:
        caucuses.setdefault(b.caucus, []).append(b)
    if not caucuses:
        return None
    _root, group = max(caucuses.items(), key=lambda kv: sum(b.expected_yeas for b in kv[1]))
    size = sum(b.members for b in group)
    label = " and ".join(b.name for b in group)
    others = sum(b.expected_yeas for b in blocs) - sum(b.expected_yeas for b in group)
    return (
        f"Even if all {size} senators of the {label} caucus voted yea, "
        f"{max(0, binding.required - size)} more yeas would have to come from the other "
        f"parties (expected there: {others:.1f})."
    )


def _no_vote_text(form: LegalForm) -> str:
    what = (
        "a political commitment is not legally binding"
        if form is LegalForm.POLITICAL_COMMITMENT
        else "a sole executive agreement rests on the President's own powers"
    )
    return (
        f"No vote: {what}, so neither chamber votes on it (it is only reported to Congress "
        "under the Case-Zablocki Act, 1 U.S.C. §112b). It also does not bind a later "
        "President the way a ratified treaty does; the deterrence lens prices that."
    )


def proposal_explanation(assessment: ProposalAssessment, cloture: bool) -> tuple[str, ...]:
    """Why ``assessment``'s proposal would or would not pass (``cloture``: the vote model's)."""
    if not assessment.vote_required:
        return (_no_vote_text(assessment.legal_form),)
    senate = next(v for v in assessment.votes if v.chamber == "senate")
    binding = _binding(assessment)
    names = {b.party: b.name for b in assessment.blocs}
    party_name = names.get(binding.party, binding.party)
    who = binding.name if party_name in binding.name else f"{binding.name} ({party_name})"
    side = "on the yea side" if binding.support_score > 0 else "on the nay side"
    notes = [
        f"Proposal {assessment.proposal_id!r} is {_rule_text(assessment, cloture)}.",
        (
            f"Expected yeas {senate.expected_yeas:.1f} of "
            f"{senate.expected_yeas + senate.expected_nays:.1f} expected to vote; at that turnout it "
            f"needs {assessment.required_yeas}. P(ratify) = {assessment.p_ratify:.3f}."
        ),
        (
            f"The {binding.role} is {who}: the {ordinal(binding.required)} most supportive senator, "
            f"{side} of the cutting line (support score {binding.support_score:+.3f}, "
            f"Pr(yea) {binding.p_yea:.2f})."
        ),
        "Expected yeas by party: "
        + "; ".join(f"{b.name} {b.expected_yeas:.1f} of {b.members}" for b in assessment.blocs)
        + ".",
    ]
    caucus = _caucus_text(assessment.blocs, binding)
    if caucus is not None:
        notes.append(caucus)
    if assessment.persuadable:
        notes.append(
            "Persuadable senators (nearest the cutting line on the nay side): "
            + ", ".join(
                f"{m.name} ({m.party}, Pr(yea) {m.p_yea:.2f})" for m in assessment.persuadable[:5]
            )
            + "."
        )
    for change in (assessment.position_change, assessment.position_change_even_odds):
        if change is not None:
            notes.append(position_change_text(assessment, change))
    house = next((v for v in assessment.votes if v.chamber == "house"), None)
    if assessment.legal_form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT and house is not None:
        notes.append(
            f"P(House passes) = {house.p_pass:.3f}; the chambers are independent given positions."
        )
    return tuple(notes)


def result_explanation(result: RatificationResult) -> tuple[str, ...]:
    """The chamber and the vote model behind every proposal's assessment."""
    m = result.model
    if m["kind"] == "probit":
        model = (
            f"Vote model: DW-NOMINATE probit (Poole & Rosenthal 1997), β = {m['beta']:g}, "
            f"w = {m['w']:g}"
            + (f", party shock sd {m['party_shock_sd']:g}" if m["party_shock_sd"] else "")
            + (f", common shock sd {m['common_shock_sd']:g}" if m["common_shock_sd"] else "")
            + "."
        )
    else:
        model = (
            "Vote model: deterministic spatial voting (Krehbiel 1998): each senator votes "
            "for the side of the cutting line it is on."
        )
    return (
        f"Senate: {result.senate_members} senators from {result.senate_source}.",
        model,
        "Cloture and passage are treated as one vote: each senator votes alike on both."
        if m["cloture"]
        else "No cloture vote is modelled.",
        "A 'present' vote "
        + (
            "counts in the two-thirds base (like a nay)."
            if m["present_rule"] == "counted"
            else "is left out of the two-thirds base (Senate practice)."
        ),
    )
