"""The scenario's ``deals`` section: candidate packages judged against continued war.

A *package* fixes a value on each *term* (issues of the ``bargaining`` section, on their scales)
and a guarantee *design* (an id of ``guarantees.designs``). Each *party* that must accept holds a
veto: it accepts a package when its utility of the package is at least its utility of its
*reservation*, the expected outcome of continued war on every term, minus its cost of war
(Fearon 1995, "Rationalist explanations for war", *International Organization* 49(3):379-414,
whose bargaining range is the one-issue case). *Links* say how a package's terms move the other
lenses: the challenger's and guarantor's payoffs in the deterrence game, the guarantee's
reneging cost, the size of a force, and the treaty's position in the ratification vote. Each
link is affine in the term and every coefficient may be a distribution::

    deals:
      terms: [donbas, guarantee, force, army_ceiling, sanctions]
      baseline: {donbas: 22, guarantee: 67, force: 50, army_ceiling: 800, sanctions: 0}
      parties:
        - actor: RUS
          reservation:
            war_outcome: {donbas: 10, guarantee: 0, force: 0, army_ceiling: 1000, sanctions: 0}
            cost_of_war: {dist: triangular, low: 0.05, mode: 0.15, high: 0.3}
      links:
        - {term: sanctions, target: cSQ, per_scale: 0.1}
      packages:
        - id: freeze
          design: art5_executive_force
          terms: {donbas: 22, guarantee: 67, force: 50, army_ceiling: 800, sanctions: 20}

The loader checks every reference, that every term value of every package (and of every draw)
lies on its issue's scale, and that for every design, every term value on the scale and every
draw of every input, the links keep the deterrence game's payoff orderings, a probability in
[0, 1], a force size non-negative and a treaty on its side of the status quo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from detente.scenario.common import Documented, Frozen, Identifier
from detente.scenario.guarantees_section import (
    CHALLENGER_ORDER,
    DEFENDER_ORDER,
    GuaranteesSection,
)
from detente.scenario.quantity import bounded, support
from detente.scenario.ratification_section import OneDimensionalPosition

if TYPE_CHECKING:
    from detente.scenario.bargaining_section import BargainingSection, Issue
    from detente.scenario.model import Scenario

__all__ = [
    "CHALLENGER_TARGETS",
    "DEFENDER_TARGETS",
    "DealLink",
    "DealParty",
    "DealsSection",
    "FairDivision",
    "LinkTarget",
    "LossShape",
    "Package",
    "Reservation",
    "SearchSpace",
    "TermRange",
]

Problem = tuple[tuple[str | int, ...], str, str | None]


class LossShape(StrEnum):
    """How utility falls with distance from the ideal point: φ(z) = z or z²."""

    LINEAR = "linear"
    QUADRATIC = "quadratic"


class LinkTarget(StrEnum):
    """What a term can move in another lens (deterrence game or ratification vote)."""

    C_SQ = "cSQ"
    C_DC = "cDC"
    C_CD = "cCD"
    C_DD_HARD = "cDD_hard"
    C_DD_SOFT = "cDD_soft"
    D_SQ = "dSQ"
    D_DC = "dDC"
    D_CD = "dCD"
    D_DD_HARD = "dDD_hard"
    D_DD_SOFT = "dDD_soft"
    P_CH = "pCh"
    RENEGING_COST = "reneging_cost"
    FORCE_SIZE = "force_size"
    TREATY_POSITION = "treaty_position"


CHALLENGER_TARGETS: Mapping[LinkTarget, str] = {
    LinkTarget.C_SQ: "SQ",
    LinkTarget.C_DC: "DC",
    LinkTarget.C_CD: "CD",
    LinkTarget.C_DD_HARD: "DD_hard",
    LinkTarget.C_DD_SOFT: "DD_soft",
}
"""Link targets on the challenger's UDG payoffs, by payoff name."""
DEFENDER_TARGETS: Mapping[LinkTarget, str] = {
    LinkTarget.D_SQ: "SQ",
    LinkTarget.D_DC: "DC",
    LinkTarget.D_CD: "CD",
    LinkTarget.D_DD_HARD: "DD_hard",
    LinkTarget.D_DD_SOFT: "DD_soft",
}
"""Link targets on the guarantor's UDG payoffs, by payoff name."""


class Reservation(Documented):
    """A party's alternative to agreement: the expected outcome of continued war.

    ``war_outcome`` gives, for every term, what the party expects to hold or obtain on it if
    fighting goes on over the horizon it considers; ``cost_of_war`` the cost of fighting on the
    same utility scale (>= 0). The party's disagreement utility is U(war_outcome) − cost_of_war.
    """

    war_outcome: dict[Identifier, bounded()] = Field(  # type: ignore[valid-type]
        description="Expected value of every term if the war continues."
    )
    cost_of_war: bounded(ge=0, le=10) = Field(  # type: ignore[valid-type]
        description="Cost of continued war on the utility scale (U is 1 at the ideal package)."
    )


class DealParty(Documented):
    """A party whose acceptance the deal needs (a veto player).

    Utility of a package ``x`` with design ``d`` (reference: the spatial form of the
    bargaining lens): U(x) = 1 − Σ_k s_k φ(|x_k − θ_k| / (hi_k − lo_k)) + u(d), summed over the
    terms, with ideal points θ and saliences s from the party's stances in the ``bargaining``
    section unless given here, φ the loss shape and u(d) an optional utility per design.
    Issues that are not terms take the same value in a package and in war, so they cancel.
    """

    actor: Identifier
    ideal: dict[Identifier, bounded()] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Ideal point per term (default: bargaining stance)."
    )
    salience: dict[Identifier, bounded(ge=0, le=1)] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Salience per term (default: bargaining stance)."
    )
    loss: LossShape = LossShape.LINEAR
    design_utility: dict[Identifier, bounded(ge=-1, le=1)] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Utility added for a design (default 0)."
    )
    reservation: Reservation


class DealLink(Documented):
    """An affine rule: ``target += per_scale · (x_term − reference) / (hi − lo)``.

    ``per_scale`` is the change of the target when the term moves across its whole scale;
    ``reference`` (default: the section's ``baseline`` value of the term) is the term's value
    at which the other sections' numbers hold. ``designs`` limits the rule to some designs.
    Payoff targets move the deterrence game's utilities (before the design's own mapping),
    ``pCh`` the challenger's resolve, ``reneging_cost`` the guarantor's cost of reneging (in σ,
    added to the design's), ``force_size`` the design's force (personnel, added), and
    ``treaty_position`` the proposal's position on the ratification scale (added).
    """

    term: Identifier
    target: LinkTarget
    per_scale: bounded(ge=-1e9, le=1e9)  # type: ignore[valid-type]
    reference: float | None = None
    designs: tuple[Identifier, ...] = ()

    def applies_to(self, design_id: str) -> bool:
        return not self.designs or design_id in self.designs


class Package(Documented):
    """A candidate agreement: a value on every term and a guarantee design."""

    id: Identifier
    name: str = Field(min_length=1)
    proposed: dt.date | None = Field(default=None, description="When it was on the table.")
    proposed_by: str | None = None
    design: Identifier
    fallback_design: Identifier | None = Field(
        default=None,
        description="Design that applies if the package's design fails ratification.",
    )
    terms: dict[Identifier, bounded()]  # type: ignore[valid-type]


class TermRange(Frozen):
    """The part of a term's scale a search explores."""

    low: float
    high: float

    @model_validator(mode="after")
    def _order(self) -> TermRange:
        if not self.low <= self.high:
            raise ValueError(f"range needs low <= high (got low={self.low}, high={self.high})")
        return self


class SearchSpace(Documented):
    """Where ``detente deals search`` looks: term ranges (default: whole scales) and designs."""

    terms: dict[Identifier, TermRange] = Field(default_factory=dict)
    designs: tuple[Identifier, ...] = ()


class FairDivision(Documented):
    """Two-party fair division of the terms (Brams & Taylor 1996, *Fair Division*).

    ``points`` gives each party's 100 points over the issues (default: 100 × its saliences on
    the terms, rescaled to sum to 100). Adjusted Winner gives each term to the party that values
    it more, then transfers and splits one term so the point totals are equal.
    """

    method: Literal["adjusted_winner"] = "adjusted_winner"
    parties: tuple[Identifier, Identifier]
    points: dict[Identifier, dict[Identifier, float]] = Field(default_factory=dict)
    design: Identifier | None = Field(
        default=None, description="Design of the package the division gives (default: first)."
    )


class DealsSection(Documented):
    """Packages, the parties that must accept them, their reservations and the links."""

    terms: tuple[Identifier, ...] = Field(min_length=1)
    baseline: dict[Identifier, float] = Field(
        default_factory=dict,
        description="Term values the other sections' numbers assume (links' default reference).",
    )
    parties: tuple[DealParty, ...] = Field(min_length=1)
    links: tuple[DealLink, ...] = ()
    packages: tuple[Package, ...] = ()
    search: SearchSpace = SearchSpace()
    fair_division: FairDivision | None = None

    def package(self, package_id: str) -> Package:
        for package in self.packages:
            if package.id == package_id:
                return package
        raise KeyError(package_id)

    def party(self, actor_id: str) -> DealParty:
        for party in self.parties:
            if party.actor == actor_id:
                return party
        raise KeyError(actor_id)

    def reference(self, link: DealLink) -> float:
        """The term value at which ``link`` has no effect."""
        if link.reference is not None:
            return link.reference
        return self.baseline[link.term]

    # ----- semantic checks (reported at their line by the loader) ----------------------------

    def semantic_problems(self, scenario: Scenario) -> Iterator[Problem]:
        bargaining = scenario.bargaining
        if bargaining is None:
            yield (
                ("terms",),
                "the deals section needs a `bargaining` section: its issues are the terms",
                "add a bargaining section with the issues the packages settle",
            )
            return
        issues = {issue.id: issue for issue in bargaining.issues}
        yield from self._term_problems(issues)
        terms = [t for t in self.terms if t in issues]
        designs = _design_ids(scenario.guarantees)
        yield from self._party_problems(scenario, bargaining, issues, terms, designs)
        yield from self._package_problems(issues, terms, designs)
        yield from self._search_problems(issues, designs)
        yield from self._fair_division_problems(terms)
        yield from self._link_problems(scenario, issues, terms, designs)

    def _term_problems(self, issues: Mapping[str, Issue]) -> Iterator[Problem]:
        seen: set[str] = set()
        for k, term in enumerate(self.terms):
            if term not in issues:
                yield (("terms", k), f"unknown issue {term!r}", _one_of("issues", issues))
            if term in seen:
                yield (("terms", k), f"term {term!r} is listed twice", None)
            seen.add(term)
        for term, value in self.baseline.items():
            if term not in self.terms:
                yield (("baseline", term), f"{term!r} is not a term", _one_of("terms", self.terms))
            elif term in issues:
                yield from _on_scale(("baseline", term), value, issues[term], "baseline")

    def _party_problems(
        self,
        scenario: Scenario,
        bargaining: BargainingSection,
        issues: Mapping[str, Issue],
        terms: list[str],
        designs: list[str],
    ) -> Iterator[Problem]:
        actors = [a.id for a in scenario.actors]
        stances = {entry.actor: {s.issue for s in entry.stances} for entry in bargaining.actors}
        seen: set[str] = set()
        for p, party in enumerate(self.parties):
            base: tuple[str | int, ...] = ("parties", p)
            if party.actor not in actors:
                yield (
                    (*base, "actor"),
                    f"unknown actor {party.actor!r}",
                    _one_of("actors", actors),
                )
            if party.actor in seen:
                yield ((*base, "actor"), f"party {party.actor!r} is listed twice", None)
            seen.add(party.actor)
            for field in ("ideal", "salience"):
                for term in getattr(party, field):
                    if term not in terms:
                        yield (
                            (*base, field, term),
                            f"{term!r} is not a term",
                            _one_of("terms", terms),
                        )
            for term, value in party.ideal.items():
                if term in issues:
                    yield from _on_scale((*base, "ideal", term), value, issues[term], "ideal point")
            own = stances.get(party.actor, set())
            lacking = [
                t for t in terms if t not in own and not (t in party.ideal and t in party.salience)
            ]
            if lacking:
                yield (
                    (*base,),
                    f"{party.actor} has no stance on {', '.join(lacking)} in the bargaining section",
                    "give its `ideal` and `salience` for these terms here",
                )
            for design in party.design_utility:
                if design not in designs:
                    yield (
                        (*base, "design_utility", design),
                        f"unknown design {design!r}",
                        _one_of("designs", designs),
                    )
            outcome = party.reservation.war_outcome
            missing = [t for t in terms if t not in outcome]
            if missing:
                yield (
                    (*base, "reservation", "war_outcome"),
                    f"{party.actor}'s war outcome gives no value for {', '.join(missing)}",
                    "give the value the party expects on every term if the war continues",
                )
            for term, value in outcome.items():
                if term not in terms:
                    yield (
                        (*base, "reservation", "war_outcome", term),
                        f"{term!r} is not a term",
                        _one_of("terms", terms),
                    )
                else:
                    yield from _on_scale(
                        (*base, "reservation", "war_outcome", term),
                        value,
                        issues[term],
                        "war outcome",
                    )

    def _package_problems(
        self, issues: Mapping[str, Issue], terms: list[str], designs: list[str]
    ) -> Iterator[Problem]:
        seen: set[str] = set()
        for i, package in enumerate(self.packages):
            base: tuple[str | int, ...] = ("packages", i)
            if package.id in seen:
                yield ((*base, "id"), f"package id {package.id!r} is used twice", None)
            seen.add(package.id)
            for field in ("design", "fallback_design"):
                ident = getattr(package, field)
                if ident is not None and ident not in designs:
                    yield ((*base, field), f"unknown design {ident!r}", _one_of("designs", designs))
            if package.fallback_design is not None and package.fallback_design == package.design:
                yield ((*base, "fallback_design"), "the fallback is the package's own design", None)
            missing = [t for t in terms if t not in package.terms]
            if missing:
                yield (
                    (*base, "terms"),
                    f"package {package.id!r} gives no value for {', '.join(missing)}",
                    "every package settles every term",
                )
            for term, value in package.terms.items():
                if term not in terms:
                    yield (
                        (*base, "terms", term),
                        f"{term!r} is not a term",
                        _one_of("terms", terms),
                    )
                else:
                    yield from _on_scale((*base, "terms", term), value, issues[term], "term")

    def _search_problems(
        self, issues: Mapping[str, Issue], designs: list[str]
    ) -> Iterator[Problem]:
        for term, span in self.search.terms.items():
            path: tuple[str | int, ...] = ("search", "terms", term)
            if term not in self.terms:
                yield (path, f"{term!r} is not a term", _one_of("terms", self.terms))
            elif term in issues:
                scale = issues[term].scale
                if span.low < scale.low or span.high > scale.high:
                    yield (
                        path,
                        (
                            f"search range [{span.low:g}, {span.high:g}] leaves the scale "
                            f"[{scale.low:g}, {scale.high:g}]"
                        ),
                        None,
                    )
        for k, design in enumerate(self.search.designs):
            if design not in designs:
                yield (
                    ("search", "designs", k),
                    f"unknown design {design!r}",
                    _one_of("designs", designs),
                )

    def _fair_division_problems(self, terms: list[str]) -> Iterator[Problem]:
        division = self.fair_division
        if division is None:
            return
        parties = [p.actor for p in self.parties]
        for k, ident in enumerate(division.parties):
            if ident not in parties:
                yield (
                    ("fair_division", "parties", k),
                    f"{ident!r} is not a party",
                    _one_of("parties", parties),
                )
        if division.parties[0] == division.parties[1]:
            yield (("fair_division", "parties"), "fair division needs two different parties", None)
        for who, points in division.points.items():
            path: tuple[str | int, ...] = ("fair_division", "points", who)
            if who not in division.parties:
                yield (path, f"{who!r} is not one of the two parties", None)
            unknown = [t for t in points if t not in terms]
            if unknown:
                yield (path, f"not terms: {', '.join(unknown)}", _one_of("terms", terms))
            if any(v < 0 for v in points.values()) or abs(sum(points.values()) - 100) > 1e-6:
                yield (path, "points must be non-negative and sum to 100", None)

    # ----- links: references, then the orderings over every term value and draw ---------------

    def _link_problems(
        self,
        scenario: Scenario,
        issues: Mapping[str, Issue],
        terms: list[str],
        designs: list[str],
    ) -> Iterator[Problem]:
        deterrence_targets = (
            set(CHALLENGER_TARGETS)
            | set(DEFENDER_TARGETS)
            | {
                LinkTarget.P_CH,
                LinkTarget.RENEGING_COST,
                LinkTarget.FORCE_SIZE,
            }
        )
        usable = True
        for k, link in enumerate(self.links):
            base: tuple[str | int, ...] = ("links", k)
            if link.term not in terms:
                yield ((*base, "term"), f"{link.term!r} is not a term", _one_of("terms", terms))
                usable = False
                continue
            if link.reference is None and link.term not in self.baseline:
                yield (
                    (*base, "reference"),
                    f"no reference value for {link.term!r}",
                    "give `reference:` here or the term's value under `baseline:`",
                )
                usable = False
            elif link.reference is not None:
                yield from _on_scale(
                    (*base, "reference"), link.reference, issues[link.term], "reference"
                )
            for j, design in enumerate(link.designs):
                if design not in designs:
                    yield (
                        (*base, "designs", j),
                        f"unknown design {design!r}",
                        _one_of("designs", designs),
                    )
                    usable = False
            if link.target in deterrence_targets and scenario.guarantees is None:
                yield ((*base, "target"), f"{link.target.value} needs a guarantees section", None)
                usable = False
            if link.target is LinkTarget.TREATY_POSITION and scenario.ratification is None:
                yield ((*base, "target"), "treaty_position needs a ratification section", None)
                usable = False
        if usable and scenario.guarantees is not None:
            yield from _ordering_problems(self, scenario, issues)


def _design_ids(guarantees: GuaranteesSection | None) -> list[str]:
    return [] if guarantees is None else [d.id for d in guarantees.designs]


def _one_of(what: str, ids: Iterable[str]) -> str:
    listed = list(ids)
    return f"{what}: {', '.join(listed)}" if listed else f"there are no {what}"


def _on_scale(
    path: tuple[str | int, ...], value: Any, issue: Issue, what: str
) -> Iterator[Problem]:
    lo, hi = support(value)
    scale = issue.scale
    if lo < scale.low or hi > scale.high:
        shown = f"{lo:g}" if lo == hi else f"support [{lo:g}, {hi:g}]"
        yield (
            path,
            f"{what} {shown} lies outside {issue.id}'s scale [{scale.low:g}, {scale.high:g}]",
            f"{issue.id} is measured in {scale.units or 'its scale units'}",
        )


# Interval arithmetic over every term value on its scale and every draw of every coefficient. A
# target's shift from one term is Σ_l c_l (x − ref_l)/(hi − lo) over the term's links l; for a
# fixed x its bounds are the sum of each product's bounds (the c_l are independent), the upper
# bound is convex and the lower concave in x, so both extremes sit at an end of the scale. The
# terms are independent, so the bounds of the total are the sums: exact, not conservative.


def _link_shift_bounds(
    section: DealsSection,
    issues: Mapping[str, Any],
    design_id: str,
    weights: Mapping[LinkTarget, float],
) -> tuple[float, float]:
    """Bounds of Σ_target weight · shift(target) for one design over all terms and draws."""
    by_term: dict[str, list[tuple[tuple[float, float], float]]] = {}
    for link in section.links:
        weight = weights.get(link.target, 0.0)
        if weight == 0.0 or not link.applies_to(design_id):
            continue
        lo, hi = support(link.per_scale)
        c = (min(weight * lo, weight * hi), max(weight * lo, weight * hi))
        by_term.setdefault(link.term, []).append((c, section.reference(link)))
    low = high = 0.0
    for term, items in by_term.items():
        scale = issues[term].scale
        width = scale.high - scale.low
        ends = []
        for x in (scale.low, scale.high):
            parts = [(c[0] * (x - ref) / width, c[1] * (x - ref) / width) for c, ref in items]
            ends.append((sum(min(a, b) for a, b in parts), sum(max(a, b) for a, b in parts)))
        low += min(e[0] for e in ends)
        high += max(e[1] for e in ends)
    return (low, high)


def _ordering_problems(
    section: DealsSection, scenario: Scenario, issues: Mapping[str, Any]
) -> Iterator[Problem]:
    guarantees = scenario.guarantees
    assert guarantees is not None
    reported: set[tuple[str, str, str]] = set()
    for design in guarantees.designs:
        assumptions = guarantees.resolved_assumptions(design)
        groups = (
            ("challenger", assumptions.challenger_payoffs, CHALLENGER_ORDER, CHALLENGER_TARGETS),
            ("guarantor", assumptions.defender_payoffs, DEFENDER_ORDER, DEFENDER_TARGETS),
        )
        for who, payoffs, order, targets in groups:
            if payoffs is None:
                continue
            by_name = {name: target for target, name in targets.items()}
            for item in order:
                upper, lower, why = item[0], item[1], item[2]
                strict = item[3] if len(item) > 3 else True
                weights = {by_name[upper]: 1.0, by_name[lower]: -1.0}
                shift_low, _ = _link_shift_bounds(section, issues, design.id, weights)
                if shift_low == 0.0:
                    continue
                gap = support(getattr(payoffs, upper))[0] - support(getattr(payoffs, lower))[1]
                worst = gap + shift_low
                holds = worst > 0 or (not strict and worst >= 0)
                # an ordering the guarantees section already breaks is reported there
                broken_anyway = gap < 0 or (strict and gap == 0)
                if holds or broken_anyway:
                    continue
                key = (who, upper, lower)
                if key in reported:
                    continue
                reported.add(key)
                yield (
                    ("links",),
                    (
                        f"with design {design.id!r}, some term values on their scales (or some draws) "
                        f"make the {who}'s {upper} {'>' if strict else '>='} {lower} fail "
                        f"(worst case {upper} − {lower} = {worst:.3g}): {why}"
                    ),
                    (
                        "make the links' per_scale smaller, or narrow the distributions, so the "
                        "deterrence game's orderings hold at both ends of every term's scale"
                    ),
                )
        if assumptions.challenger_hard is not None:
            low, high = _link_shift_bounds(section, issues, design.id, {LinkTarget.P_CH: 1.0})
            p_lo, p_hi = support(assumptions.challenger_hard.value)
            if (low or high) and (p_lo + low < 0 or p_hi + high > 1):
                yield (
                    ("links",),
                    (
                        f"with design {design.id!r} the links move pCh outside [0, 1] "
                        f"(range [{p_lo + low:.3g}, {p_hi + high:.3g}])"
                    ),
                    "pCh is a probability: make the links on it smaller",
                )
        if design.forces is not None:
            low, _ = _link_shift_bounds(section, issues, design.id, {LinkTarget.FORCE_SIZE: 1.0})
            if low and support(design.forces.size)[0] + low < 0:
                yield (
                    ("links",),
                    (
                        f"with design {design.id!r} the links can make the force size negative "
                        f"(smallest {support(design.forces.size)[0] + low:,.0f})"
                    ),
                    "a force size is a number of personnel: make the link smaller",
                )
    yield from _treaty_problems(section, scenario, issues)


def _treaty_problems(
    section: DealsSection, scenario: Scenario, issues: Mapping[str, Any]
) -> Iterator[Problem]:
    ratification = scenario.ratification
    if ratification is None or not any(
        link.target is LinkTarget.TREATY_POSITION for link in section.links
    ):
        return
    for proposal in ratification.proposals:
        position = proposal.position
        if proposal.design is None or position is None:
            continue  # a missing position is the ratification section's to report
        if not isinstance(position, OneDimensionalPosition):
            if any(
                link.target is LinkTarget.TREATY_POSITION and link.applies_to(proposal.design)
                for link in section.links
            ):
                yield (
                    ("links",),
                    (
                        f"treaty_position links need a one-dimensional position; proposal "
                        f"{proposal.id!r} has {getattr(position, 'kind', 'none')}"
                    ),
                    "limit the link to designs with one-dimensional proposals (`designs:`)",
                )
            continue
        low, high = _link_shift_bounds(
            section, issues, proposal.design, {LinkTarget.TREATY_POSITION: 1.0}
        )
        t_lo, t_hi = support(position.treaty)
        q_lo, q_hi = support(position.status_quo)
        above = t_lo > q_hi
        if above and t_lo + low <= q_hi:
            yield (
                ("links",),
                (
                    f"the links can move proposal {proposal.id!r}'s treaty to its status quo or past "
                    f"it (lowest treaty {t_lo + low:.3g}, status quo up to {q_hi:.3g})"
                ),
                "a treaty must stay on its side of the status quo: make the link smaller",
            )
        if not above and t_hi + high >= q_lo:
            yield (
                ("links",),
                f"the links can move proposal {proposal.id!r}'s treaty to its status quo or past it",
                "a treaty must stay on its side of the status quo: make the link smaller",
            )
