"""The ``guarantees`` section: candidate security-guarantee designs and their assumptions.

Each design says who guarantees whom against whom (challenger, strategic and tactical
guarantors, protege), what it obliges (consultation / assistance / collective defence, and
whether the casus foederis is automatic), its legal form (:class:`LegalForm`), the forces on
the ground (size, posture, whose), its duration and exit clause, and the assumptions the
deterrence lens needs (payoffs and priors). Every number may be a distribution
(:func:`detente.scenario.quantity.bounded`) and every item can carry ``rationale`` and
``sources``.

Assumptions shared by all designs go under ``guarantees.assumptions``; a design may override
any of them in its own ``assumptions``. The rules mapping design features to model parameters
(``detente.deterrence.design_mapping``) can be overridden for the whole section
(``guarantees.rules``) or for one design (``designs[i].rules``).

The payoff orderings are those of Zagare & Kilgour's Unilateral Deterrence Game (Zagare &
Kilgour 1993, *International Studies Quarterly* 37(1):1-27; *Perfect Deterrence*, 2000, ch. 5):
challenger ``DC > SQ > DD_hard > CD > DD_soft`` and defender
``SQ >= CD > DD_hard > DC > DD_soft``. The loader checks them for every possible draw.

The names ``designs[i].id``, ``.name`` and ``.legal_form`` are read by the ratification lens
and must stay stable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

from pydantic import BaseModel, Field, model_validator

from detente.scenario.base_rates import BASE_RATES, BaseRatePreset
from detente.scenario.common import Documented, Frozen, Identifier, Number
from detente.scenario.legal_form import LegalForm
from detente.scenario.quantity import (
    NonNegative,
    Probability,
    Quantity,
    Range,
    nominal,
    support,
)

if TYPE_CHECKING:
    from detente.scenario.model import Scenario

__all__ = [
    "CHALLENGER_ORDER",
    "DEFENDER_ORDER",
    "BaseRateAssumption",
    "ChallengerPayoffs",
    "DefenderPayoffs",
    "DesignAssumptions",
    "Duration",
    "EscalationAssumptions",
    "ForcePosture",
    "Forces",
    "GuaranteeDesign",
    "GuaranteesSection",
    "Guarantor",
    "GuarantorRole",
    "MappingRules",
    "Obligation",
    "ObligationKind",
    "Probability",
    "ResolvedAssumptions",
]

Utility: TypeAlias = Quantity
"""A payoff on the game's utility scale (any finite number, plain or uncertain)."""


class GuarantorRole(StrEnum):
    """Strategic guarantors escalate (e.g. the US); tactical ones meet a limited attack in kind
    (e.g. a European force on the ground). Zagare & Kilgour 2000, ch. 6-9 (AEG)."""

    STRATEGIC = "strategic"
    TACTICAL = "tactical"


class ObligationKind(StrEnum):
    """What the guarantor promises, after ATOP's obligation codes (Leeds et al. 2002)."""

    CONSULTATION = "consultation"
    ASSISTANCE = "assistance"
    COLLECTIVE_DEFENCE = "collective_defence"


class ForcePosture(StrEnum):
    """A tripwire raises the chance that an attack triggers entry (Schelling 1966); a
    denial-capable force changes the local balance (Reiter & Poast 2021)."""

    TRIPWIRE = "tripwire"
    DENIAL = "denial"


class Guarantor(Documented):
    actor: Identifier
    role: GuarantorRole


class Obligation(Documented):
    kind: ObligationKind
    automatic: bool = Field(
        default=False,
        description="Whether an attack triggers the obligation without a further decision "
        "(automaticity of the casus foederis).",
    )


class Forces(Documented):
    """Forces on the ground in the protege's territory."""

    size: Annotated[Quantity, Range(ge=0.0)] = Field(description="Troops deployed (personnel).")
    posture: ForcePosture
    contributors: tuple[Identifier, ...] = Field(min_length=1, description="Whose forces.")


class Duration(Documented):
    years: Annotated[Quantity, Range(gt=0.0)] | None = Field(
        default=None, description="Term of the commitment in years (None: indefinite)."
    )
    exit_notice_years: Annotated[Quantity, Range(ge=0.0)] | None = Field(
        default=None,
        description="Notice a party must give to withdraw (None: no exit clause).",
    )


class ChallengerPayoffs(Documented):
    """Challenger's utilities of the UDG outcomes (Zagare & Kilgour 1993)."""

    SQ: Utility
    DC: Utility
    CD: Utility
    DD_hard: Utility
    DD_soft: Utility


class DefenderPayoffs(Documented):
    """Guarantor's (defender's) utilities of the UDG outcomes (Zagare & Kilgour 1993)."""

    SQ: Utility
    DC: Utility
    CD: Utility
    DD_hard: Utility
    DD_soft: Utility


class DocumentedProbability(Documented):
    value: Probability


class DocumentedPositive(Documented):
    value: Annotated[Quantity, Range(gt=0.0)]


class EscalationChallengerPayoffs(Documented):
    """Challenger's utilities in the Asymmetric Escalation Game (Zagare & Kilgour 2000, ch. 6)."""

    SQ: Utility
    DC: Utility
    DD: Utility
    ED: Utility
    DE: Utility
    EE_hard: Utility
    EE_soft: Utility


class EscalationDefenderPayoffs(Documented):
    """Defender's utilities in the Asymmetric Escalation Game (Zagare & Kilgour 2000, ch. 6)."""

    SQ: Utility
    DC: Utility
    DD_hard: Utility
    DD_soft: Utility
    DE: Utility
    ED: Utility
    EE_hard: Utility
    EE_soft: Utility


class EscalationAssumptions(Documented):
    """Optional inputs of the escalation view (AEG): tactical level = forces on the ground
    meeting a limited attack in kind, strategic level = the strategic guarantor escalating."""

    challenger_payoffs: EscalationChallengerPayoffs
    defender_payoffs: EscalationDefenderPayoffs
    tactical_credibility_without_force: DocumentedProbability
    tactical_credibility_with_force: DocumentedProbability


def _same_beta(given: Any, implied: dict[str, Any]) -> bool:
    """Whether ``given`` (as parsed or dumped) is the Beta distribution ``implied``."""
    if isinstance(given, BaseModel):
        given = given.model_dump()
    if not isinstance(given, dict) or given.get("dist") != "beta":
        return False
    if given.get("low") not in (None, 0, 0.0) or given.get("high") not in (None, 1, 1.0):
        return False
    return all(
        isinstance(given.get(k), int | float) and abs(given[k] - implied[k]) <= 1e-12 * implied[k]
        for k in ("a", "b")
    )


class BaseRateAssumption(Documented):
    """The credibility prior: a ``value`` (number or distribution), or a published ``preset``
    (:mod:`detente.scenario.base_rates`) turned into a Beta distribution centred on it with
    the given ``concentration`` (a + b; larger = tighter)."""

    value: Probability | None = None
    preset: BaseRatePreset | None = None
    concentration: Number = Field(default=10.0, gt=0.0)

    @model_validator(mode="before")
    @classmethod
    def _from_preset(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("preset") is not None:
            try:
                rate = BASE_RATES[BaseRatePreset(data["preset"])].rate
            except ValueError:
                return data  # the field validator reports the unknown preset
            k = data.get("concentration", 10.0)
            implied = (
                {"dist": "beta", "a": rate * k, "b": (1 - rate) * k}
                if isinstance(k, int | float) and k > 0
                else None
            )
            given = data.get("value")
            if given is not None:
                # A dumped scenario carries the value its preset implied: that round-trips.
                if implied is None or not _same_beta(given, implied):
                    raise ValueError("give either `value` or `preset`, not both")
                return data
            if implied is not None:
                data = {**data, "value": implied}
        return data

    @model_validator(mode="after")
    def _given(self) -> BaseRateAssumption:
        if self.value is None:
            raise ValueError("give `value` (a probability or distribution) or a `preset`")
        return self


class DesignAssumptions(Documented):
    """Payoffs and priors; at section level they are defaults, at design level overrides."""

    challenger_hard: DocumentedProbability | None = Field(
        default=None, description="pCh: probability the challenger prefers war to backing down."
    )
    credibility_base_rate: BaseRateAssumption | None = Field(
        default=None,
        description="Prior probability the guarantor honours a commitment of no special "
        "design (alliance-reliability base rate), before design features.",
    )
    margin_sd: DocumentedPositive | None = Field(
        default=None,
        description="sigma of the guarantor's latent fight-versus-concede margin; reneging "
        "costs are measured in the same units.",
    )
    challenger_payoffs: ChallengerPayoffs | None = None
    defender_payoffs: DefenderPayoffs | None = None
    escalation: EscalationAssumptions | None = Field(
        default=None, description="Optional: payoffs and tactical credibility for the AEG view."
    )


class MappingRules(Documented):
    """Overrides of the default design-to-parameter rules (all optional).

    Defaults and their sources: :data:`detente.deterrence.design_mapping.DEFAULT_RULES`.
    Reneging costs are in units of the latent margin's standard deviation.
    """

    reneging_cost_legal_form: dict[LegalForm, NonNegative] | None = None
    reneging_cost_obligation: dict[ObligationKind, NonNegative] | None = None
    reneging_cost_automatic: NonNegative | None = None
    reneging_cost_tripwire: NonNegative | None = None
    reneging_cost_exit_at_will: Annotated[Quantity, Range(le=0.0)] | None = None
    trigger_probability: dict[ForcePosture, Probability] | None = None
    trigger_full_size: Annotated[Quantity, Range(gt=0.0)] | None = None
    denial_payoff_shift: Annotated[Quantity, Range(ge=0.0, lt=1.0)] | None = None
    denial_full_size: Annotated[Quantity, Range(gt=0.0)] | None = None


class GuaranteeDesign(Documented):
    """One candidate guarantee."""

    id: Identifier
    name: str = Field(min_length=1)
    description: str = ""
    challenger: Identifier
    guarantors: tuple[Guarantor, ...] = Field(min_length=1)
    protege: Identifier
    obligation: Obligation
    legal_form: LegalForm
    forces: Forces | None = None
    duration: Duration | None = None
    assumptions: DesignAssumptions | None = None
    rules: MappingRules | None = None

    @property
    def strategic_guarantors(self) -> tuple[str, ...]:
        return tuple(g.actor for g in self.guarantors if g.role is GuarantorRole.STRATEGIC)

    @property
    def tactical_guarantors(self) -> tuple[str, ...]:
        return tuple(g.actor for g in self.guarantors if g.role is GuarantorRole.TACTICAL)


class ResolvedAssumptions(Frozen):
    """A design's assumptions after applying the section defaults (all present)."""

    challenger_hard: DocumentedProbability
    credibility_base_rate: BaseRateAssumption
    margin_sd: DocumentedPositive
    challenger_payoffs: ChallengerPayoffs
    defender_payoffs: DefenderPayoffs
    escalation: EscalationAssumptions | None = None


_ASSUMPTION_FIELDS = (
    "challenger_hard",
    "credibility_base_rate",
    "margin_sd",
    "challenger_payoffs",
    "defender_payoffs",
)

# (higher, lower, strict, why it matters) for the UDG's assumed orderings.
_CHALLENGER_ORDER = (
    ("DC", "SQ", "the challenger must want what it demands, else there is nothing to deter"),
    ("SQ", "DD_hard", "a challenger preferring war to the status quo cannot be deterred"),
    (
        "DD_hard",
        "CD",
        "a Hard challenger is one that fights rather than backs down when resisted",
    ),
    ("CD", "DD_soft", "a Soft challenger is one that backs down rather than fights"),
)
_DEFENDER_ORDER = (
    ("SQ", "CD", "the guarantor must not gain from being challenged", False),
    ("CD", "DD_hard", "the guarantor prefers a challenger backing down to war", True),
    (
        "DD_hard",
        "DC",
        "a Hard (credible) guarantor is one that prefers fighting to conceding",
        True,
    ),
    ("DC", "DD_soft", "a Soft guarantor is one that prefers conceding to fighting", True),
)


_ESCALATION_CHALLENGER_ORDER = (
    ("DC", "SQ", "the challenger must want what a limited attack would take"),
    (
        "SQ",
        "ED",
        (
            "a challenger preferring to escalate past a limited response to the status "
            "quo cannot be deterred"
        ),
    ),
    ("ED", "DD", "escalating against a defender that stays limited must pay"),
    (
        "DD",
        "EE_hard",
        ("all-out war is worse than limited war even for a strategically Hard challenger"),
    ),
    ("EE_hard", "DE", "a strategically Hard challenger answers escalation with escalation"),
    ("DE", "EE_soft", "a strategically Soft challenger stops when the defender escalates"),
)
_ESCALATION_DEFENDER_ORDER = (
    ("SQ", "DE", "the defender must not gain from being attacked"),
    ("DE", "DD_hard", "the defender prefers escalation dominance to limited war"),
    ("DD_hard", "DC", "a tactically Hard defender responds in kind rather than concede"),
    ("DC", "DD_soft", "a tactically Soft defender concedes rather than fight a limited war"),
    ("DD_soft", "EE_hard", "limited war is better than all-out war"),
    ("EE_hard", "ED", "a strategically Hard defender answers escalation with escalation"),
    ("ED", "EE_soft", "a strategically Soft defender does not escalate to all-out war"),
)


CHALLENGER_ORDER = _CHALLENGER_ORDER
"""(higher, lower, why) for the UDG's challenger payoffs (strict)."""
DEFENDER_ORDER = _DEFENDER_ORDER
"""(higher, lower, why, strict) for the UDG's defender payoffs."""


def _order_problems(
    payoffs: Any, base: tuple[str | int, ...], order: Iterable[tuple[Any, ...]], who: str
) -> Iterator[tuple[tuple[str | int, ...], str, str | None]]:
    for item in order:
        high, low, why = item[0], item[1], item[2]
        strict = item[3] if len(item) > 3 else True
        hv, lv = getattr(payoffs, high), getattr(payoffs, low)
        hmin, _ = support(hv)
        _, lmax = support(lv)
        ok = hmin > lmax if strict else hmin >= lmax
        if not ok:
            rel = ">" if strict else ">="
            shown = (
                f"{nominal(hv):g} vs {nominal(lv):g}"
                if hmin == nominal(hv) and lmax == nominal(lv)
                else f"lowest {high} {hmin:g} vs highest {low} {lmax:g}"
            )
            yield (
                (*base, high),
                f"{who} payoff ordering {high} {rel} {low} violated ({shown}): {why}",
                _ORDER_HINTS[who] + "; every draw of a distribution must respect it",
            )


_ORDER_HINTS = {
    "challenger": "the Unilateral Deterrence Game (Zagare & Kilgour 1993) assumes "
    "cDC > cSQ > cDD_hard > cCD > cDD_soft",
    "defender": "the Unilateral Deterrence Game (Zagare & Kilgour 1993) assumes "
    "dSQ >= dCD > dDD_hard > dDC > dDD_soft",
    "escalation challenger": "the Asymmetric Escalation Game (Zagare & Kilgour 2000, ch. 6) "
    "assumes DC > SQ > ED > DD > EE_hard > DE > EE_soft",
    "escalation defender": "the Asymmetric Escalation Game (Zagare & Kilgour 2000, ch. 6) "
    "assumes SQ > DE > DD_hard > DC > DD_soft > EE_hard > ED > EE_soft",
}


class GuaranteesSection(Documented):
    """Candidate guarantee designs for the deterrence and ratification lenses."""

    assumptions: DesignAssumptions | None = None
    rules: MappingRules | None = None
    designs: tuple[GuaranteeDesign, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_design_ids(self) -> GuaranteesSection:
        seen: set[str] = set()
        for design in self.designs:
            if design.id in seen:
                raise ValueError(f"design id {design.id!r} is used twice; ids must be unique")
            seen.add(design.id)
        return self

    def design(self, design_id: str) -> GuaranteeDesign:
        for design in self.designs:
            if design.id == design_id:
                return design
        raise KeyError(design_id)

    def resolved_assumptions(self, design: GuaranteeDesign) -> ResolvedAssumptions:
        """The design's assumptions, each taken from the design or else from the section."""
        return ResolvedAssumptions(
            **{name: self._assumption(design, name) for name in _ASSUMPTION_FIELDS},
            escalation=self._assumption(design, "escalation"),
        )

    def _assumption(self, design: GuaranteeDesign, name: str) -> Any:
        value = getattr(design.assumptions, name, None) if design.assumptions else None
        if value is None and self.assumptions is not None:
            value = getattr(self.assumptions, name)
        return value

    def _assumption_origin(self, index: int, name: str) -> tuple[str | int, ...]:
        design = self.designs[index]
        if design.assumptions is not None and getattr(design.assumptions, name) is not None:
            return ("designs", index, "assumptions", name)
        return ("assumptions", name)

    def semantic_problems(
        self, scenario: Scenario
    ) -> Iterator[tuple[tuple[str | int, ...], str, str | None]]:
        actor_ids = [a.id for a in scenario.actors]
        known = set(actor_ids)
        hint = f"actors in this scenario: {', '.join(actor_ids)}"
        reported: set[tuple[str | int, ...]] = set()
        for i, design in enumerate(self.designs):
            base: tuple[str | int, ...] = ("designs", i)
            for field in ("challenger", "protege"):
                ident = getattr(design, field)
                if ident not in known:
                    yield (*base, field), f"unknown actor {ident!r}", hint
            for j, guarantor in enumerate(design.guarantors):
                if guarantor.actor not in known:
                    yield (
                        (*base, "guarantors", j, "actor"),
                        (f"unknown actor {guarantor.actor!r}"),
                        hint,
                    )
                if guarantor.actor in (design.challenger, design.protege):
                    yield (
                        (*base, "guarantors", j, "actor"),
                        (f"{guarantor.actor!r} cannot guarantee a deal as challenger or protege"),
                        None,
                    )
            if not design.strategic_guarantors:
                yield (
                    (*base, "guarantors"),
                    ("a design needs at least one strategic guarantor"),
                    "give the guarantor that decides on war (e.g. USA) role: strategic",
                )
            if design.challenger == design.protege:
                yield (*base, "protege"), "the protege cannot be the challenger", None
            if design.forces is not None:
                for j, ident in enumerate(design.forces.contributors):
                    if ident not in known:
                        yield (
                            (*base, "forces", "contributors", j),
                            (f"unknown actor {ident!r}"),
                            hint,
                        )
            for name in _ASSUMPTION_FIELDS:
                origin = self._assumption_origin(i, name)
                value = self._assumption(design, name)
                if value is None:
                    yield (
                        (*base,),
                        (f"design {design.id!r} has no {name} and the section gives no default"),
                        f"add {name} under guarantees.assumptions or this design's assumptions",
                    )
                    continue
                if origin in reported:
                    continue
                reported.add(origin)
                if name == "challenger_payoffs":
                    yield from _order_problems(value, origin, _CHALLENGER_ORDER, "challenger")
                elif name == "defender_payoffs":
                    yield from _order_problems(value, origin, _DEFENDER_ORDER, "defender")
            escalation = self._assumption(design, "escalation")
            origin = self._assumption_origin(i, "escalation")
            if escalation is not None and origin not in reported:
                reported.add(origin)
                yield from _order_problems(
                    escalation.challenger_payoffs,
                    (*origin, "challenger_payoffs"),
                    _ESCALATION_CHALLENGER_ORDER,
                    "escalation challenger",
                )
                yield from _order_problems(
                    escalation.defender_payoffs,
                    (*origin, "defender_payoffs"),
                    _ESCALATION_DEFENDER_ORDER,
                    "escalation defender",
                )
