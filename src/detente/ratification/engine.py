"""``assess_ratification``: would each proposal pass, who is pivotal, what would carry it.

The engine combines the vote thresholds of :mod:`detente.ratification.rules` (Art. II two thirds
of senators present and voting, Rule XXII cloture, a congressional-executive agreement's
majorities and veto override), a vote model (the DW-NOMINATE probit of Poole & Rosenthal 1997,
or the deterministic spatial model of Krehbiel 1998), and the exact distribution of the vote
counts of :mod:`detente.ratification.distribution`.

Modelling choices (each stated in :func:`detente.ratification.explain.result_explanation`):

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

from collections.abc import Callable, Sequence
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


def _no_vote(proposal: Proposal, form: LegalForm) -> ProposalAssessment:
    """A political commitment or sole executive agreement: no chamber votes, it stands."""
    return ProposalAssessment(
        proposal_id=proposal.id,
        design=proposal.design,
        legal_form=form,
        vote_required=False,
        p_ratify=1.0,
        expected_yeas=None,
        required_yeas=None,
        votes=(),
        pivots=(),
        blocs=(),
        persuadable=(),
        position_change=None,
        position_change_even_odds=None,
        president_signs=proposal.president_signs,
        position=None
        if proposal.position is None
        else position_dict(proposal, RollCall.of(proposal)),
    )


def _senate_thresholds(form: LegalForm, n: int, veto: bool, cloture: bool) -> list[tuple[str, int]]:
    """The Senate's pivotal thresholds (Krehbiel 1998), every senator voting."""
    thresholds: list[tuple[str, int]] = []
    if form is LegalForm.ARTICLE_II_TREATY:
        thresholds.append(("treaty pivot", rules.two_thirds_of(n)))
    else:
        thresholds.append(("Senate median", n // 2 + 1))
        if veto:
            thresholds.append(("Senate veto pivot", rules.two_thirds_of(n)))
    if cloture:
        thresholds.append(("filibuster pivot", rules.cloture_required_yeas(n)))
    return thresholds


def _house_vote(
    house: Chamber, s: VoteSetting, roll: RollCall, veto: bool, p_house: float
) -> tuple[ChamberVote, list[PivotMember]]:
    """The House's vote on a congressional-executive agreement, and its pivots."""
    hp = yea_probabilities(house, roll, s)
    hscores = nominate.support_scores(house.ideal_points(), roll.midpoint, roll.spread, s.w)
    hdet = pivots.yea_side_count(hscores)
    hn = len(house.members)
    h_att = np.array([m.attendance for m in house.members]) * (1 - s.present_p)
    h_exp_y = float(np.sum(h_att * hp))
    h_exp_n = float(np.sum(h_att * (1 - hp)))
    h_turnout = round(h_exp_y + h_exp_n)
    h_required = rules.two_thirds_of(h_turnout) if veto else h_turnout // 2 + 1
    vote = ChamberVote(
        "house",
        ("two thirds of those present and voting",) if veto else ("majority of those voting",),
        hn,
        p_house,
        h_exp_y,
        h_exp_n,
        h_required,
        hdet,
        (),
    )
    thresholds = [("House median", hn // 2 + 1)] + (
        [("House veto pivot", rules.two_thirds_of(hn))] if veto else []
    )
    return vote, _pivot_members("house", house, thresholds, hscores, hp, hdet)


def _blocs(
    section: RatificationSection,
    senate: Chamber,
    yeas: NDArray[np.float64],
    scores: NDArray[np.float64],
) -> tuple[BlocSummary, ...]:
    """Each party's seats, expected yeas (``yeas`` per senator) and members on the yea side."""
    blocs: list[BlocSummary] = []
    for party in section.senate.parties:
        rows = [i for i, m in enumerate(senate.members) if m.party == party.id]
        if rows:
            blocs.append(
                BlocSummary(
                    party.id,
                    party.name,
                    len(rows),
                    float(np.sum(yeas[rows])),
                    int(np.count_nonzero(scores[rows] > 0)),
                    party.caucus or party.id,
                )
            )
    return tuple(blocs)


def _persuadable(
    senate: Chamber, p: NDArray[np.float64], scores: NDArray[np.float64], count: int = 10
) -> tuple[PersuadableMember, ...]:
    """The senators on the nay side of the cutting line, nearest first."""
    order = np.argsort(-scores, kind="stable")
    nay_side = [int(i) for i in order if scores[i] <= 0][:count]
    return tuple(
        PersuadableMember(
            senate.members[i].name,
            senate.members[i].party,
            senate.members[i].state,
            float(p[i]),
            float(scores[i]),
        )
        for i in nay_side
    )


def _deterministic_change(
    proposal: Proposal, roll: RollCall, w: float, pivot_members: Sequence[PivotMember]
) -> PositionChange:
    """The smallest move of the cutting line past the binding pivot (every member by position).

    Positive: towards the status quo, needed; negative: slack. ``shift`` is None when no move
    up to :func:`move_limit` carries it.
    """
    tiny = 1e-6
    limit = move_limit(proposal)
    senate_binding = max(
        (pm for pm in pivot_members if pm.chamber == "senate"), key=lambda pm: pm.required
    )
    needed = -senate_binding.support_score + tiny
    house_binds = False
    house_pivots = [pm for pm in pivot_members if pm.chamber == "house"]
    if house_pivots:
        hb = max(house_pivots, key=lambda pm: pm.required)
        if -hb.support_score + tiny > needed:
            needed, house_binds = -hb.support_score + tiny, True
    if needed > limit:
        return PositionChange(None, None, "deterministic", limit, house_binds)
    shifted = move(proposal, roll, needed, w)
    return PositionChange(
        needed, position_dict(proposal, shifted), "deterministic", limit, house_binds
    )


def _even_odds_change(
    proposal: Proposal,
    roll: RollCall,
    w: float,
    p_total: float,
    p_ratify_at: Callable[[RollCall], float],
) -> PositionChange:
    """The smallest move reaching P(ratify) = 0.5 under the probabilistic model: scan, then
    bisect (the probit is not monotone in the position: a text close to the status quo leaves
    members nearly indifferent, so their votes tend to coin flips)."""
    basis = "p_ratify >= 0.5"
    limit = move_limit(proposal)
    if p_total >= 0.5:
        return PositionChange(0.0, position_dict(proposal, roll), basis, limit)

    def f(delta: float) -> float:
        return p_ratify_at(move(proposal, roll, delta, w))

    previous = 0.0
    for delta in np.linspace(0.0, limit * 0.999, 25)[1:]:
        if f(float(delta)) >= 0.5:
            found = bisect(f, 0.5, previous, float(delta), iterations=12)
            moved = move(proposal, roll, found, w)
            return PositionChange(found, position_dict(proposal, moved), basis, limit)
        previous = float(delta)
    return PositionChange(None, None, basis, limit)


def _assess(
    proposal: Proposal,
    form: LegalForm,
    section: RatificationSection,
    senate: Chamber,
    house: Chamber | None,
    s: VoteSetting,
) -> ProposalAssessment:
    """One proposal: the vote in each chamber, pivots, blocs, persuadable members, changes."""
    if form in (LegalForm.POLITICAL_COMMITMENT, LegalForm.SOLE_EXECUTIVE_AGREEMENT):
        return _no_vote(proposal, form)
    veto = not proposal.president_signs
    cloture = section.vote_model.cloture
    roll = RollCall.of(proposal)
    n = len(senate.members)
    head = _headline(proposal, form, section, senate, house, s, roll, "recursion")
    scores = nominate.support_scores(senate.ideal_points(), roll.midpoint, roll.spread, s.w)
    det_yeas = pivots.yea_side_count(scores)
    votes = [
        ChamberVote(
            "senate",
            head.senate_rules,
            n,
            float(head.joint[head.mask].sum()),
            head.expected_yeas,
            head.expected_nays,
            head.required,
            det_yeas,
            tuple(float(v) for v in head.joint.sum(axis=1)),
        )
    ]
    thresholds = _senate_thresholds(form, n, veto, cloture)
    pivot_members = _pivot_members("senate", senate, thresholds, scores, head.p, det_yeas)
    if form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT and house is not None:
        house_vote, house_pivots = _house_vote(house, s, roll, veto, head.p_house)
        votes.append(house_vote)
        pivot_members += house_pivots

    def p_ratify_at(r: RollCall) -> float:
        # The even-odds search needs P(ratify) to bisection accuracy only, so the O(n²)
        # thinning identity (equal to the recursion to round-off) is used; the reported
        # distribution above keeps the recursion.
        return _p_ratify_at(proposal, form, section, senate, house, s, r, head.mask, "thinning")[0]

    return ProposalAssessment(
        proposal_id=proposal.id,
        design=proposal.design,
        legal_form=form,
        vote_required=True,
        p_ratify=head.p_total,
        expected_yeas=head.expected_yeas,
        required_yeas=head.required,
        votes=tuple(votes),
        pivots=tuple(pivot_members),
        blocs=_blocs(section, senate, head.vote_prob * head.p, scores),
        persuadable=_persuadable(senate, head.p, scores),
        position_change=_deterministic_change(proposal, roll, s.w, pivot_members),
        position_change_even_odds=(
            _even_odds_change(proposal, roll, s.w, head.p_total, p_ratify_at) if s.probit else None
        ),
        president_signs=proposal.president_signs,
        position=position_dict(proposal, roll),
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
    return RatificationResult(
        scenario_id=str(scenario.id),
        version=__version__,
        body=section.body,
        senate_source=senate_chamber.source,
        house_source=house_chamber.source if house_chamber is not None else None,
        model=model,
        proposals=assessments,
        senate_members=len(senate_chamber.members),
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
