"""Rudimentary Asymmetric Deterrence Game (RADG): Bayesian equilibria in closed form.

Zagare & Kilgour (2000), *Perfect Deterrence*, Cambridge UP, ch. 3 and app. 3. Nature draws
B's type (Hard w.p. ``pB``); A, not seeing it, keeps the status quo (SQ) or defects; after a
defection B concedes (DC) or resists (DD). Orderings ``aDD < aSQ < aDC`` and
``bDD_soft < bDC < bDD_hard < bSQ``. At every Bayesian equilibrium a Hard B resists and a Soft
B concedes; A challenges iff ``pB < α_A = (aDC - aSQ)/(aDC - aDD)``. At ``pB = α_A`` every
challenge probability in [0, 1] is an equilibrium: that knife edge is reported, not resolved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from detente.deterrence.parameters import named_parameters
from detente.errors import InputError

__all__ = ["PARAMETERS", "RADGParameters", "RADGSolution", "radg_region_map", "solve_radg"]

PARAMETERS = ("pB", "aSQ", "aDC", "aDD", "bSQ", "bDC", "bDD_hard", "bDD_soft")
REGIONS = ("deterrence", "attack")

_ORDER = (
    ("aDC", "aSQ", "A must want what it would take, else there is nothing to deter"),
    ("aSQ", "aDD", "an A preferring conflict to the status quo cannot be deterred"),
    ("bSQ", "bDD_hard", "B must prefer the status quo to conflict"),
    ("bDD_hard", "bDC", "a Hard B is one that prefers resisting to conceding"),
    ("bDC", "bDD_soft", "a Soft B is one that prefers conceding to resisting"),
)


@dataclass(frozen=True)
class RADGParameters:
    pB: float
    aSQ: float
    aDC: float
    aDD: float
    bSQ: float
    bDC: float
    bDD_hard: float
    bDD_soft: float

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> RADGParameters:
        return cls(**named_parameters("RADG", PARAMETERS, values))

    def as_dict(self) -> dict[str, float]:
        return {p: getattr(self, p) for p in PARAMETERS}

    @property
    def alpha_a(self) -> float:
        return (self.aDC - self.aSQ) / (self.aDC - self.aDD)


def check_radg_parameters(p: RADGParameters) -> None:
    if not 0.0 <= p.pB <= 1.0 or np.isnan(p.pB):
        raise InputError(f"pB = {p.pB:g} is not a probability", hint="use a value in [0, 1]")
    for high, low, why in _ORDER:
        hv, lv = getattr(p, high), getattr(p, low)
        if not hv > lv:
            raise InputError(
                f"RADG ordering {high} > {low} violated ({high} = {hv:g}, {low} = {lv:g}): {why}",
                hint="the RADG (Zagare & Kilgour 2000, ch. 3) assumes aDD < aSQ < aDC and "
                "bDD_soft < bDC < bDD_hard < bSQ",
            )


def radg_region_map(
    pB: ArrayLike, aSQ: ArrayLike, aDC: ArrayLike, aDD: ArrayLike
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.float64]]:
    """(challenge, knife_edge, α_A) at every point of broadcast arrays."""
    alpha = (np.asarray(aDC, float) - np.asarray(aSQ, float)) / (
        np.asarray(aDC, float) - np.asarray(aDD, float)
    )
    pb = np.asarray(pB, float)
    pb, alpha = np.broadcast_arrays(pb, alpha)
    return pb < alpha, pb == alpha, alpha


@dataclass(frozen=True)
class RADGSolution:
    parameters: RADGParameters
    region: str
    knife_edge: bool
    alpha_a: float
    challenge_probability: float
    outcome: dict[str, float]

    @property
    def p_failure(self) -> float:
        """Probability that deterrence fails (A challenges): 1 - P(SQ)."""
        return 1.0 - self.outcome["SQ"]


def solve_radg(params: RADGParameters | Mapping[str, float]) -> RADGSolution:
    """Bayesian equilibrium of the RADG (Zagare & Kilgour 2000, app. 3)."""
    p = params if isinstance(params, RADGParameters) else RADGParameters.from_mapping(params)
    check_radg_parameters(p)
    challenge, knife, alpha = radg_region_map(p.pB, p.aSQ, p.aDC, p.aDD)
    x = 1.0 if bool(challenge) else 0.0
    region = "attack" if x else "deterrence"
    outcome = {"SQ": 1.0 - x, "DC": x * (1.0 - p.pB), "CD": 0.0, "DD": x * p.pB}
    return RADGSolution(
        parameters=p,
        region=region,
        knife_edge=bool(knife),
        alpha_a=float(alpha),
        challenge_probability=x,
        outcome=outcome,
    )
