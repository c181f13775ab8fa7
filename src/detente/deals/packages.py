"""The packages a deals section judges: its named packages and, when it asks for one, the
package its fair division gives.

An Adjusted Winner division (Brams & Taylor 1996) allocates whole issues; on a spatial issue,
giving party a the share f of issue k means the term value θ_bk + f·(θ_ak − θ_bk), on the line
between the two parties' ideal points (0 and 1 being each party's own position). Points
default to 100 × each party's saliences on the terms, rescaled to sum to 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.deals.fair_division import AdjustedWinner, adjusted_winner
from detente.deals.inputs import DealInputs, PackageSet, PartyDraws
from detente.scenario.deals_section import DealsSection, FairDivision
from detente.scenario.model import Scenario
from detente.scenario.quantity import nominal

__all__ = [
    "FAIR_DIVISION_ID",
    "FairDivisionDraws",
    "division_points",
    "fair_division_draws",
    "named_packages",
]

FAIR_DIVISION_ID = "adjusted_winner"
"""The id under which the fair-division package is judged next to the named packages."""

Array = NDArray[np.float64]


@dataclass(frozen=True)
class FairDivisionDraws:
    """The Adjusted Winner division in each draw and the package it gives (D, K)."""

    method: str
    parties: tuple[str, str]
    divisions: tuple[AdjustedWinner, ...]
    terms: Array
    design: int


def _party(inputs: DealInputs, actor: str) -> PartyDraws:
    for party in inputs.parties:
        if party.actor == actor:
            return party
    raise KeyError(actor)


def division_points(
    division: FairDivision, party: PartyDraws, terms: Sequence[str], draw: int
) -> dict[str, float]:
    """A party's 100 points over the terms: given, or its saliences rescaled to 100."""
    if party.actor in division.points:
        return {t: float(division.points[party.actor].get(t, 0.0)) for t in terms}
    weights = party.salience[draw]
    total = float(weights.sum())
    if total <= 0:
        return dict.fromkeys(terms, 100.0 / len(terms))
    return {t: 100.0 * float(w) / total for t, w in zip(terms, weights, strict=True)}


def fair_division_draws(
    inputs: DealInputs, section: DealsSection, default_design: int
) -> FairDivisionDraws | None:
    """Adjusted Winner between the section's two fair-division parties, draw by draw."""
    division = section.fair_division
    if division is None:
        return None
    a, b = (_party(inputs, division.parties[0]), _party(inputs, division.parties[1]))
    terms = inputs.terms.ids
    results, rows = [], []
    for d in range(inputs.draws):
        result = adjusted_winner(
            a.actor,
            b.actor,
            division_points(division, a, terms, d),
            division_points(division, b, terms, d),
        )
        results.append(result)
        share = np.array([result.shares[t] for t in terms])
        rows.append(b.ideal[d] + share * (a.ideal[d] - b.ideal[d]))
    design = inputs.design_index(division.design) if division.design else default_design
    return FairDivisionDraws(
        method=division.method,
        parties=(a.actor, b.actor),
        divisions=tuple(results),
        terms=np.asarray(rows, dtype=float),
        design=design,
    )


def named_packages(draws: Sequence[Scenario], inputs: DealInputs) -> PackageSet:
    """The section's named packages (terms per draw, (D, P, K)), then the fair-division
    package when the section asks for one."""
    sections = [_section(s) for s in draws]
    first = sections[0]
    ids = [p.id for p in first.packages]
    names = [p.name for p in first.packages]
    terms = np.array(
        [
            [[nominal(p.terms[t]) for t in inputs.terms.ids] for p in section.packages]
            for section in sections
        ],
        dtype=float,
    ).reshape(len(draws), len(ids), len(inputs.terms.ids))
    design = [inputs.design_index(p.design) for p in first.packages]
    fallback = [
        inputs.design_index(p.fallback_design) if p.fallback_design else -1 for p in first.packages
    ]
    fair = fair_division_draws(inputs, first, design[0] if design else 0)
    if fair is not None:
        ids.append(FAIR_DIVISION_ID)
        names.append(f"Adjusted Winner division between {fair.parties[0]} and {fair.parties[1]}")
        terms = np.concatenate([terms, fair.terms[:, None, :]], axis=1)
        design.append(fair.design)
        fallback.append(-1)
    return PackageSet(
        ids=tuple(ids),
        names=tuple(names),
        terms=terms,
        design=np.asarray(design, dtype=np.int64),
        fallback=np.asarray(fallback, dtype=np.int64),
    )


def _section(scenario: Scenario) -> DealsSection:
    assert scenario.deals is not None
    return scenario.deals
