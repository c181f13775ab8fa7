"""Compile D draws of a scenario into the arrays the deals engine evaluates.

The deals lens judges every package in every draw of the scenario's uncertain inputs. Reading
the scenario tree is the only per-draw Python work; everything after it is vectorised over
draws and packages. A *draw* is a scenario whose uncertain inputs hold one drawn value each
(the uncertainty layer's variants; a single analysis uses the nominal scenario, one draw).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.deterrence.design_mapping import exit_cost, resolve_rules, text_costs
from detente.errors import InputError
from detente.ratification.chamber_vote import VoteSetting
from detente.ratification.curve import ChamberDraws
from detente.scenario.deals_section import DealsSection, LinkTarget, LossShape
from detente.scenario.guarantees_section import ForcePosture, GuaranteeDesign
from detente.scenario.legal_form import LegalForm
from detente.scenario.model import Scenario
from detente.scenario.quantity import nominal
from detente.scenario.ratification_section import OneDimensionalPosition, Proposal

__all__ = [
    "CHALLENGER_PAYOFFS",
    "DEFENDER_PAYOFFS",
    "DealInputs",
    "DesignDraws",
    "LinkDraws",
    "PackageSet",
    "PartyDraws",
    "TermSpace",
    "VoteDraws",
    "compile_inputs",
    "proposal_for",
]

Array = NDArray[np.float64]

CHALLENGER_PAYOFFS = ("SQ", "DC", "CD", "DD_hard", "DD_soft")
DEFENDER_PAYOFFS = ("SQ", "DC", "CD", "DD_hard", "DD_soft")


@dataclass(frozen=True)
class TermSpace:
    """The package dimensions: issue ids and their scales."""

    ids: tuple[str, ...]
    low: Array
    high: Array
    units: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def width(self) -> Array:
        return self.high - self.low

    def index(self, term: str) -> int:
        return self.ids.index(term)


@dataclass(frozen=True)
class PartyDraws:
    """One veto player, every number per draw: ideal points and saliences (D, K), the loss
    shape, the expected war outcome (D, K), the cost of war (D,) and a utility per design
    (D, M)."""

    actor: str
    ideal: Array
    salience: Array
    loss: LossShape
    war_outcome: Array
    cost_of_war: Array
    design_utility: Array


@dataclass(frozen=True)
class LinkDraws:
    """One link: the term it reads (index), what it moves, its coefficient per draw (D,), its
    reference value and the designs it applies to (mask over designs)."""

    term: int
    target: LinkTarget
    per_scale: Array
    reference: float
    designs: NDArray[np.bool_]


@dataclass(frozen=True)
class VoteDraws:
    """What a design's ratification vote needs per draw (one-dimensional proposals)."""

    proposal_id: str
    form: LegalForm
    cloture: bool
    veto: bool
    treaty: Array
    status_quo: Array
    chambers: ChamberDraws | None
    scenarios: tuple[Scenario, ...]

    def rows(self, selected: NDArray[np.int64]) -> VoteDraws:
        """The same vote for the draws ``selected`` only."""
        return VoteDraws(
            proposal_id=self.proposal_id,
            form=self.form,
            cloture=self.cloture,
            veto=self.veto,
            treaty=self.treaty[selected],
            status_quo=self.status_quo[selected],
            chambers=None if self.chambers is None else self.chambers.rows(selected),
            scenarios=tuple(self.scenarios[i] for i in selected) if self.scenarios else (),
        )


@dataclass(frozen=True)
class DesignDraws:
    """A guarantee design's deterrence inputs per draw (D,) and its ratification vote."""

    id: str
    name: str
    legal_form: LegalForm
    posture: ForcePosture | None
    base_rate: Array
    margin_sd: Array
    text_cost: Array
    force_size: Array
    trigger_probability: Array
    trigger_full_size: Array
    tripwire_cost: Array
    denial_shift: Array
    denial_full_size: Array
    challenger_hard: Array
    challenger: dict[str, Array]
    defender: dict[str, Array]
    vote: VoteDraws | None

    @property
    def needs_vote(self) -> bool:
        return self.vote is not None


@dataclass(frozen=True)
class DealInputs:
    """Everything the deals engine needs, for D draws."""

    scenario_id: str
    draws: int
    terms: TermSpace
    parties: tuple[PartyDraws, ...]
    designs: tuple[DesignDraws, ...]
    links: tuple[LinkDraws, ...]

    def design_index(self, design_id: str) -> int:
        for m, design in enumerate(self.designs):
            if design.id == design_id:
                return m
        raise KeyError(design_id)


@dataclass(frozen=True)
class PackageSet:
    """P packages: term values (D | 1, P, K), design and fallback indices (P,; −1: none)."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    terms: Array
    design: NDArray[np.int64]
    fallback: NDArray[np.int64]

    @property
    def size(self) -> int:
        return len(self.ids)


def _section(scenario: Scenario) -> DealsSection:
    if scenario.deals is None:
        raise InputError(
            f"scenario {scenario.id!r} has no `deals` section",
            hint="add one (see docs/deals.md) or choose another scenario",
        )
    return scenario.deals


def _term_space(scenario: Scenario, section: DealsSection) -> TermSpace:
    assert scenario.bargaining is not None  # the section's validation guarantees it
    issues = {issue.id: issue for issue in scenario.bargaining.issues}
    chosen = [issues[t] for t in section.terms]
    return TermSpace(
        ids=tuple(section.terms),
        low=np.array([i.scale.low for i in chosen], dtype=float),
        high=np.array([i.scale.high for i in chosen], dtype=float),
        units=tuple(i.scale.units for i in chosen),
        labels=tuple(i.label for i in chosen),
    )


def _party_row(
    scenario: Scenario, section: DealsSection, actor: str, designs: Sequence[str]
) -> tuple[list[float], list[float], list[float], float, list[float]]:
    party = section.party(actor)
    assert scenario.bargaining is not None
    stances = {}
    for entry in scenario.bargaining.actors:
        if entry.actor == actor:
            stances = {s.issue: s for s in entry.stances}
    ideal, salience = [], []
    for term in section.terms:
        stance = stances.get(term)
        ideal.append(
            nominal(party.ideal[term]) if term in party.ideal else nominal(stance.position)  # type: ignore[union-attr]
        )
        salience.append(
            nominal(party.salience[term]) if term in party.salience else nominal(stance.salience)  # type: ignore[union-attr]
        )
    war = [nominal(party.reservation.war_outcome[t]) for t in section.terms]
    du = [nominal(party.design_utility[d]) if d in party.design_utility else 0.0 for d in designs]
    return ideal, salience, war, nominal(party.reservation.cost_of_war), du


def _design_row(scenario: Scenario, design: GuaranteeDesign) -> dict[str, float]:
    section = scenario.guarantees
    assert section is not None
    rules = resolve_rules(section.rules, design.rules)
    a = section.resolved_assumptions(design)
    assert a.credibility_base_rate.value is not None
    exit_item = exit_cost(rules, design)
    row = {
        "base_rate": nominal(a.credibility_base_rate.value),
        "margin_sd": nominal(a.margin_sd.value),
        "text_cost": sum(c.cost for c in text_costs(rules, design))
        + (exit_item.cost if exit_item is not None else 0.0),
        "force_size": nominal(design.forces.size) if design.forces is not None else 0.0,
        "trigger_probability": (
            rules.trigger_probability[design.forces.posture] if design.forces is not None else 0.0
        ),
        "trigger_full_size": rules.trigger_full_size,
        "tripwire_cost": rules.reneging_cost_tripwire,
        "denial_shift": rules.denial_payoff_shift,
        "denial_full_size": rules.denial_full_size,
        "challenger_hard": nominal(a.challenger_hard.value),
    }
    for name in CHALLENGER_PAYOFFS:
        row[f"c{name}"] = nominal(getattr(a.challenger_payoffs, name))
    for name in DEFENDER_PAYOFFS:
        row[f"d{name}"] = nominal(getattr(a.defender_payoffs, name))
    return row


def proposal_for(scenario: Scenario, design_id: str) -> Proposal | None:
    """The ratification proposal that puts ``design_id`` to a vote, if any."""
    if scenario.ratification is None:
        return None
    for proposal in scenario.ratification.proposals:
        if proposal.design == design_id:
            return proposal
    return None


def _vote_draws(draws: Sequence[Scenario], design: GuaranteeDesign) -> VoteDraws | None:
    form = design.legal_form
    if form in (LegalForm.POLITICAL_COMMITMENT, LegalForm.SOLE_EXECUTIVE_AGREEMENT):
        return None
    first = draws[0]
    proposal = proposal_for(first, design.id)
    if proposal is None or first.ratification is None:
        raise InputError(
            f"design {design.id!r} is {form.value} but the ratification section has no proposal "
            "for it",
            hint="add a ratification proposal with this design, or choose a design needing no vote",
        )
    if not isinstance(proposal.position, OneDimensionalPosition):
        raise InputError(
            f"the deals lens needs a one-dimensional position for proposal {proposal.id!r}",
            hint="give `position: {kind: one_dimensional, treaty: ..., status_quo: ...}`",
        )
    treaty, quo, settings, specs = [], [], [], []
    for scenario in draws:
        assert scenario.ratification is not None
        p = _proposal_by_id(scenario, proposal.id)
        assert isinstance(p.position, OneDimensionalPosition)
        treaty.append(nominal(p.position.treaty))
        quo.append(nominal(p.position.status_quo))
        settings.append(VoteSetting.of(scenario.ratification.vote_model))
        specs.append(scenario.ratification.senate)
    section = first.ratification
    if form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT and section.house is None:
        raise InputError(
            f"design {design.id!r} is a congressional-executive agreement but the ratification "
            "section has no `house`",
            hint="add a `house:` chamber",
        )
    return VoteDraws(
        proposal_id=proposal.id,
        form=form,
        cloture=section.vote_model.cloture,
        veto=not proposal.president_signs,
        treaty=np.asarray(treaty, dtype=float),
        status_quo=np.asarray(quo, dtype=float),
        chambers=ChamberDraws.from_parties(specs, settings),
        scenarios=tuple(draws),
    )


def _proposal_by_id(scenario: Scenario, proposal_id: str) -> Proposal:
    assert scenario.ratification is not None
    for proposal in scenario.ratification.proposals:
        if proposal.id == proposal_id:
            return proposal
    raise KeyError(proposal_id)


def _designs(draws: Sequence[Scenario]) -> tuple[DesignDraws, ...]:
    first = draws[0]
    if first.guarantees is None:
        return ()
    out = []
    for k, design in enumerate(first.guarantees.designs):
        rows = []
        for scenario in draws:
            assert scenario.guarantees is not None
            rows.append(_design_row(scenario, scenario.guarantees.designs[k]))
        column = {key: np.array([r[key] for r in rows], dtype=float) for key in rows[0]}
        out.append(
            DesignDraws(
                id=design.id,
                name=design.name,
                legal_form=design.legal_form,
                posture=design.forces.posture if design.forces is not None else None,
                base_rate=column["base_rate"],
                margin_sd=column["margin_sd"],
                text_cost=column["text_cost"],
                force_size=column["force_size"],
                trigger_probability=column["trigger_probability"],
                trigger_full_size=column["trigger_full_size"],
                tripwire_cost=column["tripwire_cost"],
                denial_shift=column["denial_shift"],
                denial_full_size=column["denial_full_size"],
                challenger_hard=column["challenger_hard"],
                challenger={n: column[f"c{n}"] for n in CHALLENGER_PAYOFFS},
                defender={n: column[f"d{n}"] for n in DEFENDER_PAYOFFS},
                vote=_vote_draws(draws, design),
            )
        )
    return tuple(out)


def compile_inputs(draws: Sequence[Scenario]) -> DealInputs:
    """The deals engine's inputs for ``draws`` (variants of one scenario; one for nominal)."""
    if not draws:
        raise ValueError("compile_inputs needs at least one draw")
    first = draws[0]
    section = _section(first)
    terms = _term_space(first, section)
    designs = _designs(draws)
    design_ids = [d.id for d in designs]
    parties = []
    for party in section.parties:
        rows = [_party_row(s, _section(s), party.actor, design_ids) for s in draws]
        parties.append(
            PartyDraws(
                actor=party.actor,
                ideal=np.array([r[0] for r in rows], dtype=float),
                salience=np.array([r[1] for r in rows], dtype=float),
                loss=party.loss,
                war_outcome=np.array([r[2] for r in rows], dtype=float),
                cost_of_war=np.array([r[3] for r in rows], dtype=float),
                design_utility=np.array([r[4] for r in rows], dtype=float).reshape(
                    len(draws), len(design_ids)
                ),
            )
        )
    links = []
    for k, link in enumerate(section.links):
        links.append(
            LinkDraws(
                term=terms.index(link.term),
                target=link.target,
                per_scale=np.array(
                    [nominal(_section(s).links[k].per_scale) for s in draws], dtype=float
                ),
                reference=section.reference(link),
                designs=np.array([link.applies_to(d) for d in design_ids], dtype=bool),
            )
        )
    return DealInputs(
        scenario_id=first.id,
        draws=len(draws),
        terms=terms,
        parties=tuple(parties),
        designs=designs,
        links=tuple(links),
    )
