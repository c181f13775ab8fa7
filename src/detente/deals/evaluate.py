"""Join the lenses per draw: does each package get accepted, ratified and deter?

For package x and draw j of every uncertain input (deals reference, after Fearon 1995 and
Zagare & Kilgour 2000):

    J_j(x) = Π_i 1[surplus_i(x; j) ≥ 0] × P_in_force(x; j) × P_deter(x; j),

with P_in_force the probability that a design is in force (its ratification, or the fallback
design's when it fails) and P_deter the probability that the design in force deters
(:mod:`detente.deals.deterrence_terms`). Within a draw the attack and the vote are treated as
independent events: the vote's outcome and the challenger's decision share no input beyond the
draw's. P(joint) = mean_j J_j, which differs from the product of the marginals whenever the
same inputs drive several factors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.deals.deterrence_terms import deterrence_draws
from detente.deals.inputs import DealInputs, PackageSet
from detente.deals.ratification_terms import VoteCurve, ratification_draws
from detente.deals.utility import surplus

__all__ = ["PackageDraws", "evaluate_packages"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class PackageDraws:
    """Every factor of every package in every draw.

    ``surplus`` (D, P, I) per party; ``p_ratify`` (D, P): P(a design is in force);
    ``p_deter`` (D, P): P(the design in force deters); ``p_joint`` (D, P): J_j;
    ``credibility_margin`` (D, P): the package's design's effective credibility minus the
    credibility that deters every challenger type (θH).
    """

    package_ids: tuple[str, ...]
    package_names: tuple[str, ...]
    party_ids: tuple[str, ...]
    surplus: Array
    p_ratify: Array
    p_deter: Array
    p_joint: Array
    credibility_margin: Array

    @property
    def accept(self) -> NDArray[np.bool_]:
        """(D, P, I): each party accepts (its surplus is not negative)."""
        return np.asarray(self.surplus >= 0.0)

    @property
    def draws(self) -> int:
        return int(self.p_joint.shape[0])


def evaluate_packages(
    inputs: DealInputs, packages: PackageSet, curves: Mapping[int, VoteCurve] | None = None
) -> PackageDraws:
    """Every factor of ``packages`` in every draw of ``inputs`` (votes exactly at each
    position, or from tabulated ``curves`` by design index, as the search does)."""
    x = packages.terms
    draws = max(inputs.draws, x.shape[0])
    r = ratification_draws(inputs, x, packages.design, curves)
    deter = deterrence_draws(inputs, x, packages.design)
    a = deter.p_deter
    in_force, works = r, r * a
    weight_own = np.ones_like(r)
    has_fallback = packages.fallback >= 0
    fallback = np.where(has_fallback, packages.fallback, packages.design)
    if has_fallback.any():
        r_fb = np.where(has_fallback, ratification_draws(inputs, x, fallback, curves), 0.0)
        a_fb = deterrence_draws(inputs, x, fallback).p_deter
        in_force = r + (1.0 - r) * r_fb
        works = r * a + (1.0 - r) * r_fb * a_fb
        with np.errstate(invalid="ignore", divide="ignore"):
            weight_own = np.where(in_force > 0, r / in_force, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p_deter = np.where(in_force > 0, works / in_force, a)
    surpluses = []
    accepted = np.ones((draws, packages.size), dtype=bool)
    for party in inputs.parties:
        du = (
            weight_own * party.design_utility[:, packages.design]
            + (1.0 - weight_own) * party.design_utility[:, fallback]
        )
        s = surplus(party, inputs.terms, x, du)
        surpluses.append(s)
        accepted &= s >= 0.0
    return PackageDraws(
        package_ids=packages.ids,
        package_names=packages.names,
        party_ids=tuple(p.actor for p in inputs.parties),
        surplus=np.stack(surpluses, axis=-1),
        p_ratify=np.asarray(in_force, dtype=float),
        p_deter=np.asarray(np.clip(p_deter, 0.0, 1.0), dtype=float),
        p_joint=np.asarray(accepted * works, dtype=float),
        credibility_margin=deter.margin,
    )
