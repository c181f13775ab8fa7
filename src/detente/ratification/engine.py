"""``assess_ratification``: would each proposal pass, who is pivotal, what would carry it.

The engine combines the vote thresholds of :mod:`detente.ratification.rules` (Art. II two thirds
of senators present and voting, Rule XXII cloture, a congressional-executive agreement's
majorities and veto override), a vote model (the DW-NOMINATE probit of Poole & Rosenthal 1997,
or the deterministic spatial model of Krehbiel 1998), and the exact distribution of the vote
counts of :mod:`detente.ratification.distribution`.

Modelling choices (each stated in the result's explanations):

- cloture and final passage are taken to be the same vote (every senator votes alike on both),
  so a treaty needs Y ≥ max(⌈2(Y+N)/3⌉, ⌈3n/5⌉) with n the senators seated;
- a "present" vote is an absence from the base under ``present_rule: excluded`` and a nay under
  ``counted``; the quorum is checked on yeas + nays (+ presents when counted);
- the House and Senate votes of a congressional-executive agreement are independent given the
  members' positions (no shock spans both chambers);
- the "smallest change of position" moves the roll call's cutting line (the treaty's position
  with the status quo held) perpendicular to itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente import __version__
from detente.errors import InputError
from detente.ratification import nominate, pivots, rules
from detente.ratification.chamber_vote import (
    VoteSetting,
    house_p_pass,
    senate_distribution,
    senate_pass_mask,
    yea_probabilities,
)
from detente.ratification.distribution import Method
from detente.ratification.members import Chamber, members_from_parties
from detente.ratification.position import (
    RollCall,
    bisect,
    describe_shift,
    move,
    move_limit,
    position_dict,
)
from detente.ratification.results import (
    BlocSummary,
    ChamberVote,
    PersuadableMember,
    PivotMember,
    PositionChange,
    ProposalAssessment,
    RatificationResult,
)
from detente.scenario.legal_form import LegalForm
from detente.scenario.ratification_section import (
    OneDimensionalPosition,
    Proposal,
    RatificationSection,
)

__all__ = [
    "BlocSummary",
    "ChamberVote",
    "PersuadableMember",
    "PivotMember",
    "PositionChange",
    "ProposalAssessment",
    "RatificationResult",
    "RollCall",
    "assess_ratification",
    "headline_summary",
]


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


@dataclass(frozen=True)
class _Headline:
    """The headline numbers of one proposal put to a vote (what the lens summary reports)."""

    p_total: float
    joint: NDArray[np.float64]
    p_house: float
    p: NDArray[np.float64]
    vote_prob: NDArray[np.float64]
    expected_yeas: float
    expected_nays: float
    required: int
    senate_rules: tuple[str, ...]
    mask: NDArray[np.bool_]


def _p_ratify_at(
    proposal: Proposal,
    form: LegalForm,
    section: RatificationSection,
    senate: Chamber,
    house: Chamber | None,
    s: VoteSetting,
    r: RollCall,
    mask: NDArray[np.bool_],
    method: Method,
) -> tuple[float, NDArray[np.float64], float]:
    """(P(ratify), the Senate's joint (Y, N) distribution, P(House passes)) at roll call ``r``."""
    joint = senate_distribution(senate, section.senate, yea_probabilities(senate, r, s), s, method)
    p_senate = float(joint[mask].sum())
    p_house = 1.0
    if form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT:
        if house is None or section.house is None:
            raise InputError(
                f"proposal {proposal.id!r} is a congressional-executive agreement but the "
                "ratification section has no `house`",
                hint="add a `house:` chamber",
            )
        veto = not proposal.president_signs
        p_house = house_p_pass(house, section.house, yea_probabilities(house, r, s), s, veto)
    return p_senate * p_house, joint, p_house


def _headline(
    proposal: Proposal,
    form: LegalForm,
    section: RatificationSection,
    senate: Chamber,
    house: Chamber | None,
    s: VoteSetting,
    roll: RollCall,
    method: Method,
) -> _Headline:
    """P(ratify), expected yeas and nays, and the yeas required at the expected turnout."""
    veto = not proposal.president_signs
    cloture = section.vote_model.cloture
    n = len(senate.members)
    seated = n
    mask = senate_pass_mask(n, seated, form, cloture, veto)
    p_total, joint, p_house = _p_ratify_at(
        proposal, form, section, senate, house, s, roll, mask, method
    )
    p = yea_probabilities(senate, roll, s)
    attendance = np.array([m.attendance for m in senate.members])
    vote_prob = attendance * (1 - s.present_p)
    against = attendance * s.present_p if s.counted else 0.0
    exp_yeas = float(np.sum(vote_prob * p))
    exp_nays = float(np.sum(vote_prob * (1 - p) + against))
    turnout = round(exp_yeas + exp_nays)
    senate_rules: list[str] = []
    if cloture:
        senate_rules.append(f"cloture {rules.cloture_required_yeas(seated)} of {seated} sworn")
    if form is LegalForm.ARTICLE_II_TREATY or veto:
        senate_rules.append("two thirds of those present and voting")
        required = rules.two_thirds_of(turnout)
    else:
        senate_rules.append("majority of those voting")
        required = turnout // 2 + 1
    if cloture:
        required = max(required, rules.cloture_required_yeas(seated))
    return _Headline(
        p_total,
        joint,
        p_house,
        p,
        vote_prob,
        exp_yeas,
        exp_nays,
        required,
        tuple(senate_rules),
        mask,
    )


def _pivot_members(
    chamber_name: str,
    chamber: Chamber,
    thresholds: Sequence[tuple[str, int]],
    scores: NDArray[np.float64],
    p_yea: NDArray[np.float64],
    yea_side: int,
) -> list[PivotMember]:
    """The pivotal member for each ``(role, k)`` threshold: the k-th most supportive member.

    Krehbiel (1998), *Pivotal Politics*: the member whose vote carries a k-vote threshold on
    the support ordering; ``margin_members`` is the yea side of the cutting line minus k.
    """
    found: list[PivotMember] = []
    for role, k in thresholds:
        idx = pivots.kth_most_supportive(scores, k)
        member = chamber.members[idx]
        found.append(
            PivotMember(
                role,
                chamber_name,
                k,
                member.name,
                member.party,
                float(scores[idx]),
                float(p_yea[idx]),
                yea_side - k,
            )
        )
    return found


def _assess(
    proposal: Proposal,
    form: LegalForm,
    section: RatificationSection,
    senate: Chamber,
    house: Chamber | None,
    s: VoteSetting,
) -> ProposalAssessment:
    notes: list[str] = []
    if form in (LegalForm.POLITICAL_COMMITMENT, LegalForm.SOLE_EXECUTIVE_AGREEMENT):
        what = (
            "a political commitment is not legally binding"
            if form is LegalForm.POLITICAL_COMMITMENT
            else "a sole executive agreement rests on the President's own powers"
        )
        notes.append(
            f"No vote: {what}, so neither chamber votes on it (it is only reported to Congress "
            "under the Case-Zablocki Act, 1 U.S.C. §112b). It also does not bind a later "
            "President the way a ratified treaty does; the deterrence lens prices that."
        )
        return ProposalAssessment(
            proposal.id,
            proposal.design,
            form,
            False,
            1.0,
            None,
            None,
            (),
            (),
            (),
            (),
            None,
            None,
            tuple(notes),
        )
    veto = not proposal.president_signs
    cloture = section.vote_model.cloture
    roll = RollCall.of(proposal)
    n = len(senate.members)
    seated = n
    head = _headline(proposal, form, section, senate, house, s, roll, "recursion")
    mask = head.mask

    def p_ratify_at(r: RollCall) -> tuple[float, NDArray[np.float64], float]:
        # Only the even-odds search below calls this: it needs P(ratify) to bisection
        # accuracy, so the O(n²) thinning identity (equal to the recursion to round-off) is
        # used; the reported distribution above keeps the recursion.
        return _p_ratify_at(proposal, form, section, senate, house, s, r, mask, "thinning")

    p_total, joint, p_house = head.p_total, head.joint, head.p_house
    p, vote_prob = head.p, head.vote_prob
    exp_yeas, exp_nays, required = head.expected_yeas, head.expected_nays, head.required
    senate_rules = list(head.senate_rules)
    yea_marginal = joint.sum(axis=1)
    scores = nominate.support_scores(senate.ideal_points(), roll.midpoint, roll.spread, s.w)
    det_yeas = pivots.yea_side_count(scores)
    votes = [
        ChamberVote(
            "senate",
            tuple(senate_rules),
            n,
            float(joint[mask].sum()),
            exp_yeas,
            exp_nays,
            required,
            det_yeas,
            tuple(float(v) for v in yea_marginal),
        )
    ]

    # Pivots (Krehbiel 1998) on the support ordering, every senator voting.
    thresholds: list[tuple[str, int]] = []
    if form is LegalForm.ARTICLE_II_TREATY:
        thresholds.append(("treaty pivot", rules.two_thirds_of(n)))
    else:
        thresholds.append(("Senate median", n // 2 + 1))
        if veto:
            thresholds.append(("Senate veto pivot", rules.two_thirds_of(n)))
    if cloture:
        thresholds.append(("filibuster pivot", rules.cloture_required_yeas(seated)))
    pivot_members = _pivot_members("senate", senate, thresholds, scores, p, det_yeas)
    binding = max(pivot_members, key=lambda pm: pm.required)

    if form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT and house is not None:
        hp = yea_probabilities(house, roll, s)
        hscores = nominate.support_scores(house.ideal_points(), roll.midpoint, roll.spread, s.w)
        hdet = pivots.yea_side_count(hscores)
        hn = len(house.members)
        h_att = np.array([m.attendance for m in house.members]) * (1 - s.present_p)
        h_exp_y = float(np.sum(h_att * hp))
        h_exp_n = float(np.sum(h_att * (1 - hp)))
        h_turnout = round(h_exp_y + h_exp_n)
        h_required = rules.two_thirds_of(h_turnout) if veto else h_turnout // 2 + 1
        votes.append(
            ChamberVote(
                "house",
                ("two thirds of those present and voting",)
                if veto
                else ("majority of those voting",),
                hn,
                p_house,
                h_exp_y,
                h_exp_n,
                h_required,
                hdet,
                (),
            )
        )
        house_thresholds = [("House median", hn // 2 + 1)] + (
            [("House veto pivot", rules.two_thirds_of(hn))] if veto else []
        )
        pivot_members += _pivot_members("house", house, house_thresholds, hscores, hp, hdet)

    # Party blocs.
    names = {party.id: party.name for party in section.senate.parties}
    blocs: list[BlocSummary] = []
    for party in section.senate.parties:
        rows = [i for i, m in enumerate(senate.members) if m.party == party.id]
        if not rows:
            continue
        blocs.append(
            BlocSummary(
                party.id,
                party.name,
                len(rows),
                float(np.sum((vote_prob * p)[rows])),
                int(np.count_nonzero(scores[rows] > 0)),
            )
        )

    # Persuadable senators: the nay side of the cutting line, nearest first.
    order = np.argsort(-scores, kind="stable")
    nay_side = [int(i) for i in order if scores[i] <= 0][:10]
    persuadable = tuple(
        PersuadableMember(
            senate.members[i].name,
            senate.members[i].party,
            senate.members[i].state,
            float(p[i]),
            float(scores[i]),
        )
        for i in nay_side
    )

    # Smallest change of position: deterministic (move the line past the binding pivot).
    tiny = 1e-6
    limit = move_limit(proposal)
    needed = -binding.support_score + tiny
    house_binds = False
    if form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT and house is not None:
        hb = max((pm for pm in pivot_members if pm.chamber == "house"), key=lambda pm: pm.required)
        if -hb.support_score + tiny > needed:
            needed, house_binds = -hb.support_score + tiny, True
    if needed > limit and isinstance(proposal.position, OneDimensionalPosition):
        det_text = (
            f"Every member voting by position, no text on the treaty's side of the status quo "
            f"carries it: the {binding.role} ({binding.name}) prefers the status quo to any such "
            "text (the ratifiable set is empty)."
        )
        change = PositionChange(None, None, "deterministic", det_text)
    elif needed > limit:
        det_text = (
            f"Every member voting by position, no move of the cutting line up to {limit} towards "
            f"the status quo carries it past the {binding.role} ({binding.name})."
        )
        change = PositionChange(None, None, "deterministic", det_text)
    else:
        shifted = move(proposal, roll, needed, s.w)
        if needed > 0:
            det_text = (
                f"Every member voting by position, the proposal is {-binding.margin_members} "
                f"vote(s) short of the {binding.required} the {binding.role} sets; moving the "
                f"cutting line {needed:.3f} towards the status quo carries it: "
                f"{describe_shift(proposal, roll, shifted)}."
            )
        else:
            det_text = (
                f"Every member voting by position, the proposal carries with "
                f"{binding.margin_members} vote(s) to spare; its cutting line could move "
                f"{-needed:.3f} away from the status quo before the {binding.role} "
                f"({binding.name}) turns against it."
            )
        if house_binds:
            det_text += " The House pivot binds before the Senate's."
        change = PositionChange(needed, position_dict(proposal, shifted), "deterministic", det_text)

    # Smallest change reaching even odds under the probabilistic model: scan, then bisect
    # (the probit is not monotone in the position: a text close to the status quo leaves
    # members nearly indifferent, so their votes tend to coin flips).
    even: PositionChange | None = None
    if s.probit:
        if p_total >= 0.5:
            even = PositionChange(
                0.0,
                position_dict(proposal, roll),
                "p_ratify >= 0.5",
                f"P(ratify) is already {p_total:.2f} ≥ 0.5; no change is needed.",
            )
        else:

            def f(delta: float) -> float:
                return p_ratify_at(move(proposal, roll, delta, s.w))[0]

            grid = np.linspace(0.0, limit * 0.999, 25)[1:]
            previous, found = 0.0, None
            for delta in grid:
                if f(float(delta)) >= 0.5:
                    found = bisect(f, 0.5, previous, float(delta), iterations=12)
                    break
                previous = float(delta)
            if found is None:
                even = PositionChange(
                    None,
                    None,
                    "p_ratify >= 0.5",
                    "No move of the cutting line towards the status quo brings P(ratify) to 0.5.",
                )
            else:
                moved = move(proposal, roll, found, s.w)
                even = PositionChange(
                    found,
                    position_dict(proposal, moved),
                    "p_ratify >= 0.5",
                    f"Moving the cutting line {found:.3f} towards the status quo raises P(ratify) "
                    f"to 0.5: {describe_shift(proposal, roll, moved)}.",
                )

    # Explanations a person can read.
    if form is LegalForm.ARTICLE_II_TREATY:
        rule_text = (
            "an Article II treaty: two thirds of the senators present and voting (Art. II §2)"
        )
        if cloture:
            rule_text += ", after cloture at three fifths of the senators sworn (Rule XXII)"
    else:
        rule_text = (
            "a congressional-executive agreement, passed as a bill: majorities of both Houses"
        )
        if cloture:
            rule_text += ", Senate cloture at three fifths"
        if not proposal.president_signs:
            rule_text += ", and two thirds of both Houses to override the veto"
    notes.append(f"Proposal {proposal.id!r} is {rule_text}.")
    notes.append(
        f"Expected yeas {exp_yeas:.1f} of {exp_yeas + exp_nays:.1f} expected to vote; at that "
        f"turnout it needs {required}. P(ratify) = {p_total:.3f}."
    )
    party_name = names.get(binding.party, binding.party)
    who = binding.name if party_name in binding.name else f"{binding.name} ({party_name})"
    side = "on the yea side" if binding.support_score > 0 else "on the nay side"
    notes.append(
        f"The {binding.role} is {who}: the {_ordinal(binding.required)} most supportive senator, "
        f"{side} of the cutting line (support score {binding.support_score:+.3f}, "
        f"Pr(yea) {binding.p_yea:.2f})."
    )
    bloc_text = "; ".join(f"{b.name} {b.expected_yeas:.1f} of {b.members}" for b in blocs)
    notes.append(f"Expected yeas by party: {bloc_text}.")
    caucus_of = {party.id: party.caucus or party.id for party in section.senate.parties}
    caucuses: dict[str, list[BlocSummary]] = {}
    for b in blocs:
        caucuses.setdefault(caucus_of[b.party], []).append(b)
    if caucuses:
        _root, group = max(caucuses.items(), key=lambda kv: sum(b.expected_yeas for b in kv[1]))
        size = sum(b.members for b in group)
        label = " and ".join(b.name for b in group)
        others = sum(b.expected_yeas for b in blocs) - sum(b.expected_yeas for b in group)
        notes.append(
            f"Even if all {size} senators of the {label} caucus voted yea, "
            f"{max(0, binding.required - size)} more yeas would have to come from the other "
            f"parties (expected there: {others:.1f})."
        )
    if persuadable:
        notes.append(
            "Persuadable senators (nearest the cutting line on the nay side): "
            + ", ".join(f"{m.name} ({m.party}, Pr(yea) {m.p_yea:.2f})" for m in persuadable[:5])
            + "."
        )
    notes.append(det_text)
    if even is not None:
        notes.append(even.description)
    if form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT:
        notes.append(
            f"P(House passes) = {p_house:.3f}; the chambers are independent given positions."
        )
    return ProposalAssessment(
        proposal_id=proposal.id,
        design=proposal.design,
        legal_form=form,
        vote_required=True,
        p_ratify=p_total,
        expected_yeas=exp_yeas,
        required_yeas=required,
        votes=tuple(votes),
        pivots=tuple(pivot_members),
        blocs=tuple(blocs),
        persuadable=persuadable,
        position_change=change,
        position_change_even_odds=even,
        explanations=tuple(notes),
    )


def assess_ratification(
    scenario: Any,
    *,
    senate: Chamber | None = None,
    house: Chamber | None = None,
    proposals: Sequence[str] | None = None,
) -> RatificationResult:
    """Assess every proposal of the scenario's ``ratification`` section (or those named).

    ``senate``/``house`` replace the chambers built from the party-level assumptions (e.g. with
    :func:`detente.ratification.members.read_voteview_members`).

    References: Art. II §2 and Senate Rule XXII (thresholds); Krehbiel (1998), *Pivotal
    Politics* (pivots); Poole & Rosenthal (1997) (the NOMINATE probit); Hong (2013) (exact
    vote-count distribution).
    """
    section: RatificationSection | None = getattr(scenario, "ratification", None)
    if section is None:
        raise InputError(
            f"scenario {scenario.id!r} has no `ratification` section",
            hint="add one (see docs/ratification.md) or choose another scenario",
        )
    chosen = list(section.proposals)
    if proposals:
        known = {p.id: p for p in section.proposals}
        unknown = [pid for pid in proposals if pid not in known]
        if unknown:
            raise InputError(
                f"unknown proposal {unknown[0]!r}",
                hint=f"proposals: {', '.join(known)}",
            )
        chosen = [known[pid] for pid in proposals]
    s = VoteSetting.of(section.vote_model)
    senate_chamber = senate or members_from_parties(section.senate, "senate")
    house_chamber = house
    if house_chamber is None and section.house is not None:
        house_chamber = members_from_parties(section.house, "house")
    assessments = tuple(
        _assess(p, section.legal_form(p, scenario), section, senate_chamber, house_chamber, s)
        for p in chosen
    )
    model = {
        "kind": section.vote_model.kind,
        "beta": s.beta,
        "w": s.w,
        "party_shock_sd": s.party_sd,
        "common_shock_sd": s.common_sd,
        "quadrature_nodes": section.vote_model.quadrature_nodes,
        "present_rule": section.vote_model.present_rule,
        "present_probability": s.present_p,
        "cloture": section.vote_model.cloture,
    }
    notes = [
        f"Senate: {len(senate_chamber.members)} senators from {senate_chamber.source}.",
        (
            f"Vote model: DW-NOMINATE probit (Poole & Rosenthal 1997), β = {s.beta:g}, w = {s.w:g}"
            + (f", party shock sd {s.party_sd:g}" if s.party_sd else "")
            + (f", common shock sd {s.common_sd:g}" if s.common_sd else "")
            + "."
            if s.probit
            else "Vote model: deterministic spatial voting (Krehbiel 1998): each senator votes "
            "for the side of the cutting line it is on."
        ),
        "Cloture and passage are treated as one vote: each senator votes alike on both."
        if section.vote_model.cloture
        else "No cloture vote is modelled.",
        "A 'present' vote "
        + (
            "counts in the two-thirds base (like a nay)."
            if s.counted
            else "is left out of the two-thirds base (Senate practice)."
        ),
    ]
    return RatificationResult(
        scenario_id=str(scenario.id),
        version=__version__,
        body=section.body,
        senate_source=senate_chamber.source,
        house_source=house_chamber.source if house_chamber is not None else None,
        model=model,
        proposals=assessments,
        explanations=tuple(notes),
    )


def headline_summary(scenario: Any) -> dict[str, float]:
    """The lens summary of :func:`assess_ratification` without the rest of the assessment.

    ``p_ratify.<proposal>`` for every proposal and, for those put to a vote,
    ``expected_yeas.<proposal>`` and ``required_yeas.<proposal>``: the same numbers as
    ``RatificationLens().summary(assess_ratification(scenario))`` (to round-off: blocs with
    one turnout probability use the O(n²) thinning identity of
    :mod:`detente.ratification.distribution` instead of the O(n³) recursion), skipping pivots,
    persuadable senators, the position-change searches and the explanations. For sweeps.
    """
    section: RatificationSection | None = getattr(scenario, "ratification", None)
    if section is None:
        raise InputError(
            f"scenario {scenario.id!r} has no `ratification` section",
            hint="add one (see docs/ratification.md) or choose another scenario",
        )
    s = VoteSetting.of(section.vote_model)
    senate = members_from_parties(section.senate, "senate")
    house = members_from_parties(section.house, "house") if section.house is not None else None
    out: dict[str, float] = {}
    for proposal in section.proposals:
        form = section.legal_form(proposal, scenario)
        if form in (LegalForm.POLITICAL_COMMITMENT, LegalForm.SOLE_EXECUTIVE_AGREEMENT):
            out[f"p_ratify.{proposal.id}"] = 1.0
            continue
        head = _headline(
            proposal, form, section, senate, house, s, RollCall.of(proposal), "thinning"
        )
        out[f"p_ratify.{proposal.id}"] = float(head.p_total)
        out[f"expected_yeas.{proposal.id}"] = float(head.expected_yeas)
        out[f"required_yeas.{proposal.id}"] = float(head.required)
    return out
