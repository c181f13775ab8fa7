"""The ``bargaining`` section of a scenario: contested issues and where each actor stands.

Each issue is a dimension with a scale (``low`` .. ``high`` in stated units) and labelled
points; each actor has a capability and, per issue, a position on that scale and a salience
(the share of its attention the issue gets, 0..1, at most 1 in total). Every number may be a
distribution (:func:`detente.scenario.quantity.bounded`) and can carry a rationale and
sources. ``model`` picks the forecasting model; every option of the models is a named enum
with the reference code's default (see :mod:`detente.scenario.bargaining_options`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from detente.scenario.bargaining_options import (
    BargainModel,
    BigRAdjust,
    BigRRange,
    CapitulationRule,
    ExchangeRate,
    InterVecBargain,
    OfferSelection,
    PCEModel,
    ProbabilityNormalisation,
    StateTransition,
    ThirdPartyCommit,
    VictoryProb,
    VotingRule,
)
from detente.scenario.common import Documented, Frozen, Identifier, Integer, Number
from detente.scenario.quantity import Quantity, Range, is_uncertain, nominal, support

if TYPE_CHECKING:
    from detente.scenario.model import Scenario

__all__ = [
    "BargainingActor",
    "BargainingModelName",
    "BargainingSection",
    "Bloc",
    "Issue",
    "IssuePoint",
    "IssueScale",
    "SMPOptions",
    "Stance",
]

SMP_MIN_ACTORS = 3
SMP_MAX_ACTORS = 250


class BargainingModelName(str, Enum):
    SMP = "smp"
    BDM = "bdm"
    STOKMAN = "stokman"
    MEAN = "mean"


class IssueScale(Frozen):
    low: Number = 0.0
    high: Number = 100.0
    units: str = ""

    @model_validator(mode="after")
    def _order(self) -> IssueScale:
        if not self.high > self.low:
            raise ValueError(f"scale needs high > low (got low={self.low}, high={self.high})")
        return self


class IssuePoint(Frozen):
    """A labelled point of an issue's scale (e.g. 66: 'Article-5-like guarantee')."""

    value: Number
    label: str = Field(min_length=1)


class Issue(Documented):
    """A contested issue: one dimension of the bargaining space."""

    id: Identifier
    label: str = Field(min_length=1)
    description: str = ""
    scale: IssueScale = IssueScale()
    points: tuple[IssuePoint, ...] = ()


class Stance(Documented):
    """An actor's position on one issue and how much the issue matters to it."""

    issue: Identifier
    position: Quantity
    salience: Annotated[Quantity, Range(ge=0, le=1)]


class BargainingActor(Documented):
    """A scenario actor's capability (power it brings to bear) and its stances."""

    actor: Identifier
    capability: Annotated[Quantity, Range(ge=0)]
    stances: tuple[Stance, ...] = Field(min_length=1)


class Bloc(Documented):
    """A named group of actors, reported together (e.g. the European coalition)."""

    id: Identifier
    name: str = Field(min_length=1)
    members: tuple[Identifier, ...] = Field(min_length=1)


class SMPOptions(Frozen):
    """KTAB SMP options (defaults = KTAB's; reference document §2.2)."""

    victory_prob: VictoryProb = VictoryProb.LINEAR
    pce: PCEModel = PCEModel.CONDITIONAL
    state_transition: StateTransition = StateTransition.DETERMINISTIC
    voting_rule: VotingRule = VotingRule.PROPORTIONAL
    big_r_adjust: BigRAdjust = BigRAdjust.ONE_THIRD
    big_r_range: BigRRange = BigRRange.MID
    third_party_commit: ThirdPartyCommit = ThirdPartyCommit.SEMI_COMMIT
    inter_vec_bargain: InterVecBargain = InterVecBargain.S2P2
    bargain_model: BargainModel = BargainModel.INIT_ONLY_INTERP
    max_rounds: Integer = Field(default=100, ge=2, le=10_000)


class BDMOptions(Frozen):
    normalisation: ProbabilityNormalisation = ProbabilityNormalisation.ALL_TRIPLES
    capitulation: CapitulationRule = CapitulationRule.FIXED
    offer_selection: OfferSelection = OfferSelection.CLOSEST
    rounds: Integer = Field(default=10, ge=1, le=1000)


class StokmanOptions(Frozen):
    rate: ExchangeRate = ExchangeRate.EQUAL_GAIN
    randomness: Number = Field(default=0.0, ge=0.0, le=1.0)
    rounds: Integer = Field(default=10, ge=1, le=1000)


class BargainingSection(Documented):
    """Issues, actors' stances and the model that forecasts the settlement."""

    model: BargainingModelName = BargainingModelName.SMP
    seed: Integer = Field(default=0, ge=0, le=2**63 - 1)
    issues: tuple[Issue, ...] = Field(min_length=1)
    actors: tuple[BargainingActor, ...] = Field(min_length=1)
    blocs: tuple[Bloc, ...] = ()
    smp: SMPOptions = SMPOptions()
    bdm: BDMOptions = BDMOptions()
    stokman: StokmanOptions = StokmanOptions()

    def semantic_problems(
        self, scenario: Scenario
    ) -> Iterable[tuple[tuple[str | int, ...], str, str | None]]:
        """Cross-references and ranges that need the whole scenario (reported at their line)."""
        known = [a.id for a in scenario.actors]
        issues = {issue.id: issue for issue in self.issues}
        seen_issues: set[str] = set()
        for k, issue in enumerate(self.issues):
            if issue.id in seen_issues:
                yield ("issues", k, "id"), f"issue id {issue.id!r} is used twice", None
            seen_issues.add(issue.id)
            for m, point in enumerate(issue.points):
                if not issue.scale.low <= point.value <= issue.scale.high:
                    yield (
                        ("issues", k, "points", m, "value"),
                        (
                            f"point {point.value:g} lies outside the scale "
                            f"[{issue.scale.low:g}, {issue.scale.high:g}]"
                        ),
                        None,
                    )
        seen_actors: set[str] = set()
        for a, entry in enumerate(self.actors):
            if entry.actor not in known:
                yield (
                    ("actors", a, "actor"),
                    f"unknown actor {entry.actor!r}",
                    f"must be one of the scenario's actors: {', '.join(known)}",
                )
            if entry.actor in seen_actors:
                yield ("actors", a, "actor"), f"actor {entry.actor!r} appears twice", None
            seen_actors.add(entry.actor)
            if self.model is BargainingModelName.SMP and support(entry.capability)[0] <= 0:
                yield (
                    ("actors", a, "capability"),
                    f"{entry.actor}: capability must be > 0 for the SMP (actors vote with it)",
                    "give a small positive capability, or drop the actor",
                )
            covered: set[str] = set()
            total = 0.0
            highest = 0.0  # the largest sum any draw can give: upper ends of the supports
            uncertain = False
            for b, stance in enumerate(entry.stances):
                stance_issue = issues.get(stance.issue)
                if stance_issue is None:
                    yield (
                        ("actors", a, "stances", b, "issue"),
                        f"unknown issue {stance.issue!r}",
                        f"issues: {', '.join(issues)}",
                    )
                    continue
                if stance.issue in covered:
                    yield (
                        ("actors", a, "stances", b, "issue"),
                        f"{entry.actor} has two stances on {stance.issue!r}",
                        None,
                    )
                covered.add(stance.issue)
                lo, hi = support(stance.position)
                if lo < stance_issue.scale.low or hi > stance_issue.scale.high:
                    yield (
                        ("actors", a, "stances", b, "position"),
                        f"{entry.actor} on {stance_issue.id}: position "
                        + (f"{lo:g}" if lo == hi else f"support [{lo:g}, {hi:g}]")
                        + f" lies outside the issue's scale [{stance_issue.scale.low:g}, "
                        f"{stance_issue.scale.high:g}]",
                        None,
                    )
                total += nominal(stance.salience)
                highest += support(stance.salience)[1]
                uncertain = uncertain or is_uncertain(stance.salience)
            missing = [i for i in issues if i not in covered]
            if missing:
                yield (
                    ("actors", a, "stances"),
                    f"{entry.actor} has no stance on {', '.join(missing)}",
                    (
                        "every actor needs a position and salience on every issue "
                        "(salience 0 if it does not care)"
                    ),
                )
            if highest > 1 + 1e-9 and self.model is not BargainingModelName.MEAN:
                if not uncertain:
                    yield (
                        ("actors", a, "stances"),
                        (
                            f"{entry.actor}: saliences sum to {total:g}; they must sum to at most 1 "
                            "(shares of the actor's attention)"
                        ),
                        "scale them down so they sum to 1 or less",
                    )
                else:
                    yield (
                        ("actors", a, "stances"),
                        (
                            f"{entry.actor}: saliences can sum to {highest:g} in a draw (the upper "
                            f"ends of their ranges; nominal sum {total:g}); they must sum to at most "
                            "1 in every draw (shares of the actor's attention)"
                        ),
                        (
                            "lower the saliences or the upper ends (high) of their distributions so "
                            "that the upper ends sum to 1 or less"
                        ),
                    )
            if total <= 0:
                yield (
                    ("actors", a, "stances"),
                    f"{entry.actor}: saliences sum to 0; at least one issue must matter",
                    None,
                )
        for k, issue in enumerate(self.issues):
            weight = sum(
                nominal(e.capability) * nominal(s.salience)
                for e in self.actors
                for s in e.stances
                if s.issue == issue.id
            )
            if weight <= 0:
                yield (
                    ("issues", k),
                    (
                        f"issue {issue.id!r} has no weight: every actor's capability x salience on it "
                        "is 0"
                    ),
                    "give at least one actor with positive capability a positive salience",
                )
        if self.model is BargainingModelName.SMP and len(self.actors) < SMP_MIN_ACTORS:
            yield (
                ("actors",),
                (
                    f"the SMP needs at least {SMP_MIN_ACTORS} actors, this section has "
                    f"{len(self.actors)}"
                ),
                "add actors or choose model: mean",
            )
        if len(self.actors) > SMP_MAX_ACTORS:
            yield (("actors",), f"at most {SMP_MAX_ACTORS} actors are supported", None)
        for g, bloc in enumerate(self.blocs):
            for m, member in enumerate(bloc.members):
                if member not in seen_actors:
                    yield (
                        ("blocs", g, "members", m),
                        f"bloc {bloc.id}: {member!r} is not an actor of this section",
                        f"actors: {', '.join(e.actor for e in self.actors)}",
                    )
