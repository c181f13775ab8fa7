"""The scenario's ``ratification`` section: who must approve a guarantee and how they vote.

Example::

    ratification:
      body: us_senate
      senate:
        congress: 119
        seats: 100
        parties:
          - id: R
            name: Republican
            seats: 53
            voteview_party_code: 200
            dim1: {mean: 0.3, sd: 0.3}
            attendance: 0.97
            rationale: ...
      vote_model: {kind: probit, beta: 8.8, w: 0.4, party_shock_sd: 0.3}
      proposals:
        - id: treaty
          design: article5_treaty          # a design id of `guarantees.designs`
          position: {kind: one_dimensional, treaty: 0.9, status_quo: 0.0}

Ideal points live on the scale the proposal positions use: the DW-NOMINATE dimensions (Poole &
Rosenthal 1997) for ``kind: roll_call`` positions (a midpoint and spread as in Voteview's
roll-call files), or any one-dimensional support scale (the Krehbiel 1998 setting) for
``kind: one_dimensional`` positions, where dimension 1 is that scale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import Field

from detente.scenario.common import Documented, Identifier, Integer
from detente.scenario.legal_form import LegalForm
from detente.scenario.quantity import Quantity, Range, nominal

if TYPE_CHECKING:
    from detente.scenario.model import Scenario

__all__ = [
    "ChamberSpec",
    "IdealPointDistribution",
    "OneDimensionalPosition",
    "PartySpec",
    "Proposal",
    "RatificationSection",
    "RollCallPosition",
    "VoteModel",
    "design_legal_forms",
]

Problems = Iterable[tuple[tuple[str | int, ...], str, str | None]]

Coordinate: TypeAlias = Annotated[Quantity, Range(ge=-3, le=3)]
"""A position on a NOMINATE-style ideological dimension, plain or uncertain."""


class IdealPointDistribution(Documented):
    """A party's ideal points on one dimension: normal with this mean and standard deviation.

    Without a members file the chamber is built from these: the party's j-th of s members sits
    at the (j − ½)/s quantile (a deterministic, representative chamber).
    """

    mean: Coordinate
    sd: Annotated[Quantity, Range(ge=0, le=3)] = 0.0


class PartySpec(Documented):
    """A party (or caucus) in a chamber: its size, ideal points and attendance."""

    id: Identifier
    name: str = Field(min_length=1)
    seats: Integer = Field(ge=0, le=1000)
    voteview_party_code: Integer | None = Field(
        default=None, description="Voteview party_code of its members (100 D, 200 R, 328 I)."
    )
    caucus: Identifier | None = Field(
        default=None, description="Party it caucuses with: members share that bloc's shock."
    )
    dim1: IdealPointDistribution
    dim2: IdealPointDistribution | None = None
    attendance: Annotated[Quantity, Range(ge=0, le=1)] = 1.0


class ChamberSpec(Documented):
    """A chamber's composition (seats not held by any party are vacant)."""

    congress: Integer | None = Field(default=None, ge=1, le=200)
    seats: Integer = Field(ge=1, le=1000)
    parties: tuple[PartySpec, ...] = Field(min_length=1)


class VoteModel(Documented):
    """How members vote (Poole & Rosenthal 1997 probit; Krehbiel 1998 deterministic pivots)."""

    kind: Literal["probit", "deterministic"] = "probit"
    beta: Annotated[Quantity, Range(gt=0, le=100)] = 8.8
    w: Annotated[Quantity, Range(ge=0, le=2)] = 0.4
    party_shock_sd: Annotated[Quantity, Range(ge=0, le=5)] = 0.0
    common_shock_sd: Annotated[Quantity, Range(ge=0, le=5)] = 0.0
    quadrature_nodes: Integer = Field(default=16, ge=2, le=64)
    present_rule: Literal["excluded", "counted"] = Field(
        default="excluded",
        description="`excluded`: two thirds of those voting yea or nay (Senate practice); "
        "`counted`: a 'present' vote enlarges the base.",
    )
    present_probability: Annotated[Quantity, Range(ge=0, le=1)] = 0.0
    cloture: bool = Field(
        default=True, description="Whether consideration needs cloture (three fifths, Rule XXII)."
    )


class RollCallPosition(Documented):
    """A roll call in DW-NOMINATE space: midpoint m and spread d (o_yea = m − d, o_nay = m + d)."""

    kind: Literal["roll_call"]
    midpoint: tuple[Coordinate, Coordinate]
    spread: tuple[Coordinate, Coordinate]


class OneDimensionalPosition(Documented):
    """The treaty T and the status quo q on dimension 1 (a support scale or NOMINATE dim. 1)."""

    kind: Literal["one_dimensional"]
    treaty: Coordinate
    status_quo: Coordinate


Position = Annotated[RollCallPosition | OneDimensionalPosition, Field(discriminator="kind")]


class Proposal(Documented):
    """One text put to a vote: which guarantee design it ratifies and where it sits."""

    id: Identifier
    design: Identifier | None = Field(
        default=None, description="Id of the design in `guarantees.designs` it would ratify."
    )
    legal_form: LegalForm | None = Field(
        default=None, description="Only when the scenario has no `guarantees` section."
    )
    president_signs: bool = True
    position: Position | None = Field(
        default=None, description="Needed when the legal form is put to a vote."
    )


def design_legal_forms(scenario: Any) -> dict[str, LegalForm] | None:
    """Design id → legal form from the scenario's ``guarantees`` section (None if it has none)."""
    guarantees = getattr(scenario, "guarantees", None)
    if guarantees is None:
        return None
    forms: dict[str, LegalForm] = {}
    for design in getattr(guarantees, "designs", ()) or ():
        form = getattr(design, "legal_form", None)
        if form is not None:
            forms[str(design.id)] = LegalForm(form)
    return forms


class RatificationSection(Documented):
    """Who must approve each proposal, the chambers' composition and the vote model."""

    body: Literal["us_senate"] = "us_senate"
    scale: Literal["dw_nominate", "support"] = Field(
        default="dw_nominate",
        description="The scale of ideal points and positions: `dw_nominate` (Voteview's "
        "coordinates, Poole & Rosenthal 1997; a Voteview members file can replace the "
        "chamber) or `support` (an assumed one-dimensional support scale, Krehbiel 1998; "
        "DW-NOMINATE coordinates are refused with it).",
    )
    senate: ChamberSpec
    house: ChamberSpec | None = Field(
        default=None, description="Needed for congressional-executive agreements."
    )
    vote_model: VoteModel = VoteModel()
    proposals: tuple[Proposal, ...] = Field(min_length=1)

    def legal_form(self, proposal: Proposal, scenario: Any) -> LegalForm:
        forms = design_legal_forms(scenario)
        if proposal.design is not None and forms is not None and proposal.design in forms:
            return forms[proposal.design]
        if proposal.legal_form is None:
            raise KeyError(proposal.id)
        return proposal.legal_form

    def semantic_problems(self, scenario: Scenario) -> Problems:
        yield from _chamber_problems(self.senate, ("senate",))
        if self.house is not None:
            yield from _chamber_problems(self.house, ("house",))
        seen: set[str] = set()
        forms = design_legal_forms(scenario)
        for i, proposal in enumerate(self.proposals):
            here: tuple[str | int, ...] = ("proposals", i)
            if proposal.id in seen:
                yield (*here, "id"), f"proposal id {proposal.id!r} is used twice", None
            seen.add(proposal.id)
            form: LegalForm | None = proposal.legal_form
            if forms is None:
                if proposal.design is not None and proposal.legal_form is None:
                    yield (
                        (*here, "design"),
                        (
                            f"design {proposal.design!r} cannot be looked up: the scenario "
                            "has no `guarantees` section"
                        ),
                        "state `legal_form` on the proposal, or add the design to `guarantees`",
                    )
                if proposal.legal_form is None and proposal.design is None:
                    yield (
                        here,
                        "the proposal names neither a guarantee design nor a legal form",
                        "add `legal_form: article_ii_treaty` (or another legal form)",
                    )
            else:
                if proposal.design is None:
                    yield (
                        here,
                        "the proposal does not name the guarantee design it ratifies",
                        f"add `design:` with one of: {', '.join(forms) or '(no designs)'}",
                    )
                elif proposal.design not in forms:
                    yield (
                        (*here, "design"),
                        f"unknown guarantee design {proposal.design!r}",
                        f"designs: {', '.join(forms) or '(none)'}",
                    )
                else:
                    if (
                        proposal.legal_form is not None
                        and proposal.legal_form != forms[proposal.design]
                    ):
                        yield (
                            (*here, "legal_form"),
                            (
                                f"legal form {proposal.legal_form.value!r} contradicts design "
                                f"{proposal.design!r}, which is {forms[proposal.design].value!r}"
                            ),
                            "drop `legal_form`: it is read from the design",
                        )
                    form = forms[proposal.design]
            if form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT and self.house is None:
                yield (
                    here,
                    "a congressional-executive agreement needs the House: no `house` chamber",
                    "add a `house:` chamber (seats and parties)",
                )
            position = proposal.position
            needs_vote = form in (
                LegalForm.ARTICLE_II_TREATY,
                LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT,
            )
            if position is None:
                if needs_vote:
                    yield (
                        here,
                        f"a {form.value if form else 'voted'} proposal needs a `position`",
                        (
                            "add `position: {kind: one_dimensional, treaty: ..., status_quo: "
                            "...}` or a roll-call midpoint and spread"
                        ),
                    )
            elif isinstance(position, RollCallPosition):
                if nominal(position.spread[0]) == 0 and nominal(position.spread[1]) == 0:
                    yield (*here, "position", "spread"), "a roll call needs a non-zero spread", None
            elif nominal(position.treaty) == nominal(position.status_quo):
                yield (
                    (*here, "position", "treaty"),
                    "the treaty's position equals the status quo: no one has a reason to vote",
                    None,
                )


def _chamber_problems(chamber: ChamberSpec, here: tuple[str | int, ...]) -> Problems:
    ids = [p.id for p in chamber.parties]
    for j, party in enumerate(chamber.parties):
        if ids.index(party.id) != j:
            yield (*here, "parties", j, "id"), f"party id {party.id!r} is used twice", None
        if party.caucus is not None and party.caucus not in ids:
            yield (
                (*here, "parties", j, "caucus"),
                f"unknown party {party.caucus!r}",
                f"parties: {', '.join(ids)}",
            )
        if party.caucus == party.id:
            yield (*here, "parties", j, "caucus"), "a party cannot caucus with itself", None
    total = sum(p.seats for p in chamber.parties)
    if total > chamber.seats:
        yield (
            (*here, "parties"),
            f"the parties hold {total} seats but the chamber has {chamber.seats}",
            "seats not held by a party are vacant; the parties cannot hold more",
        )
    elif total < chamber.seats // 2 + 1:
        yield (
            (*here, "parties"),
            (
                f"the parties hold {total} seats, fewer than a quorum "
                f"({chamber.seats // 2 + 1} of {chamber.seats})"
            ),
            "a chamber needs a majority of its members present to vote (Art. I §5)",
        )
