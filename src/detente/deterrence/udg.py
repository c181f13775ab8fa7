"""Unilateral Deterrence Game (UDG): perfect Bayesian equilibria in closed form, vectorised.

Zagare & Kilgour (1993), "Asymmetric deterrence", *International Studies Quarterly*
37(1):1-27; Zagare & Kilgour (2000), *Perfect Deterrence*, Cambridge UP, ch. 5 and app. 5.

Nature draws the challenger's type (Hard w.p. ``pCh``) and the defender's (Hard w.p. ``pDef``,
the credibility of the defender's threat) independently; each knows only its own. The
challenger (Ch) keeps the status quo (SQ) or challenges; the defender (Def) concedes (DC) or
resists; a resisted challenger backs down (CD) or fights (DD).

Orderings (reference §3, to verify against ZK00 ch. 5): ``cDC > cSQ > cDD_hard > cCD > cDD_soft``
and ``dSQ >= dCD > dDD_hard > dDC > dDD_soft``. Thresholds
``θH = (cDC-cSQ)/(cDC-cDD_hard)``, ``θS = (cDC-cSQ)/(cDC-cCD)`` (θS < θH) and
``μ* = (dCD-dDC)/(dCD-dDD_soft)``. The PBE families (derived by backward induction with
Bayesian beliefs; checked against the general solver in the tests):

* **deterrence** (pDef >= θH): nobody challenges;
* **separating** (θS <= pDef < θH): only a Hard challenger challenges, Soft Def concedes;
* **attack** (pDef < θS, pCh > μ*): both types challenge, Soft Def concedes;
* **bluff** (pDef < θS, pCh < μ*): Soft Ch challenges w.p. ``xS`` so that the posterior is μ*,
  Soft Def resists w.p. ``y`` so that the total resistance probability is θS.

In the separating, attack and bluff regions a further "no challenge" profile is a PBE only
because Def is assumed to believe, off the path, that a challenger is Hard with probability at
most μ*; it fails D1-type refinements (Banks & Sobel 1987; Cho & Kreps 1987) and is reported
as ``belief_dependent_no_challenge``, never as deterrence success. Knife edges (pDef = θS or θH,
pCh = μ*) are reported with both neighbouring families, not silently resolved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from detente.deterrence.parameters import named_parameters
from detente.errors import InputError

__all__ = [
    "CHALLENGER_ORDER",
    "DEFENDER_ORDER",
    "PARAMETERS",
    "REGIONS",
    "UDGParameters",
    "UDGRegionMap",
    "UDGSolution",
    "check_udg_parameters",
    "solve_udg",
    "udg_region_map",
]

REGIONS = ("deterrence", "separating", "attack", "bluff")
"""Region names in code order: ``REGIONS[code]``."""
DETERRENCE, SEPARATING, ATTACK, BLUFF = range(4)

PARAMETERS = (
    "pCh",
    "pDef",
    "cSQ",
    "cDC",
    "cCD",
    "cDD_hard",
    "cDD_soft",
    "dSQ",
    "dDC",
    "dCD",
    "dDD_hard",
    "dDD_soft",
)

CHALLENGER_ORDER = (
    (
        "cDC",
        "cSQ",
        True,
        "the challenger must want what it demands, else there is nothing to deter",
    ),
    ("cSQ", "cDD_hard", True, "a challenger preferring war to the status quo cannot be deterred"),
    ("cDD_hard", "cCD", True, "a Hard challenger is one that fights rather than backs down"),
    ("cCD", "cDD_soft", True, "a Soft challenger is one that backs down rather than fights"),
)
DEFENDER_ORDER = (
    ("dSQ", "dCD", False, "the defender must not gain from being challenged"),
    ("dCD", "dDD_hard", True, "the defender prefers a challenger backing down to war"),
    ("dDD_hard", "dDC", True, "a Hard (credible) defender prefers fighting to conceding"),
    ("dDC", "dDD_soft", True, "a Soft defender prefers conceding to fighting"),
)


@dataclass(frozen=True)
class UDGParameters:
    """The 12 UDG parameters, named as in the reference (§1)."""

    pCh: float
    pDef: float
    cSQ: float
    cDC: float
    cCD: float
    cDD_hard: float
    cDD_soft: float
    dSQ: float
    dDC: float
    dCD: float
    dDD_hard: float
    dDD_soft: float

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> UDGParameters:
        return cls(**named_parameters("UDG", PARAMETERS, values))

    def as_dict(self) -> dict[str, float]:
        return {p: getattr(self, p) for p in PARAMETERS}

    @property
    def theta_hard(self) -> float:
        return (self.cDC - self.cSQ) / (self.cDC - self.cDD_hard)

    @property
    def theta_soft(self) -> float:
        return (self.cDC - self.cSQ) / (self.cDC - self.cCD)

    @property
    def mu_star(self) -> float:
        return (self.dCD - self.dDC) / (self.dCD - self.dDD_soft)


def check_udg_parameters(params: UDGParameters) -> None:
    """Raise :class:`InputError` naming the violated probability range or ordering."""
    for name in ("pCh", "pDef"):
        value = getattr(params, name)
        if not 0.0 <= value <= 1.0 or np.isnan(value):
            raise InputError(
                f"{name} = {value:g} is not a probability", hint="use a value in [0, 1]"
            )
    for name in PARAMETERS[2:]:
        if not np.isfinite(getattr(params, name)):
            raise InputError(f"{name} must be a finite number")
    for order, who in ((CHALLENGER_ORDER, "challenger"), (DEFENDER_ORDER, "defender")):
        for high, low, strict, why in order:
            hv, lv = getattr(params, high), getattr(params, low)
            if not (hv > lv if strict else hv >= lv):
                raise InputError(
                    f"UDG {who} ordering {high} {'>' if strict else '>='} {low} violated "
                    f"({high} = {hv:g}, {low} = {lv:g}): {why}",
                    hint="the UDG (Zagare & Kilgour 1993) assumes cDC > cSQ > cDD_hard > cCD > "
                    "cDD_soft and dSQ >= dCD > dDD_hard > dDC > dDD_soft",
                )


@dataclass(frozen=True)
class UDGRegionMap:
    """Vectorised solution: one entry per parameter point (arrays broadcast together).

    ``region`` holds codes into :data:`REGIONS` (the family selected by the closed form away
    from knife edges); ``knife_edge`` marks points on a boundary, where the neighbouring family
    ``region_alt`` is an equilibrium too. ``belief_dependent_no_challenge`` marks points where
    a "no challenge" PBE also exists but only because of pessimistic off-path beliefs.
    """

    region: NDArray[np.int8]
    region_alt: NDArray[np.int8]
    knife_edge: NDArray[np.bool_]
    belief_dependent_no_challenge: NDArray[np.bool_]
    SQ: NDArray[np.float64]
    DC: NDArray[np.float64]
    CD: NDArray[np.float64]
    DD: NDArray[np.float64]
    soft_challenge: NDArray[np.float64]
    soft_resist: NDArray[np.float64]
    theta_hard: NDArray[np.float64]
    theta_soft: NDArray[np.float64]
    mu_star: NDArray[np.float64]


def udg_region_map(
    pCh: ArrayLike,
    pDef: ArrayLike,
    cSQ: ArrayLike,
    cDC: ArrayLike,
    cCD: ArrayLike,
    cDD_hard: ArrayLike,
    dDC: ArrayLike,
    dCD: ArrayLike,
    dDD_soft: ArrayLike,
) -> UDGRegionMap:
    """Closed-form PBE of the UDG at every point of broadcast arrays (no Python loop).

    Only the parameters that enter the thresholds are needed (cDD_soft, dSQ and dDD_hard fix
    types' last moves through the orderings but do not move any boundary). Orderings are the
    caller's responsibility (see :func:`check_udg_parameters`).
    """
    pch = np.asarray(pCh, dtype=float)
    pdef = np.asarray(pDef, dtype=float)
    gain = np.asarray(cDC, float) - np.asarray(cSQ, float)
    th = gain / (np.asarray(cDC, float) - np.asarray(cDD_hard, float))
    ts = gain / (np.asarray(cDC, float) - np.asarray(cCD, float))
    num = np.asarray(dCD, float) - np.asarray(dDC, float)
    mu = num / (np.asarray(dCD, float) - np.asarray(dDD_soft, float))
    pch, pdef, th, ts, mu = np.broadcast_arrays(pch, pdef, th, ts, mu)

    deter = pdef >= th
    sep = (pdef >= ts) & ~deter
    low = pdef < ts
    attack = low & (pch > mu)
    bluff = low & (pch <= mu)
    region = np.where(deter, DETERRENCE, np.where(sep, SEPARATING, np.where(attack, ATTACK, BLUFF)))
    region = region.astype(np.int8)
    edge_h = pdef == th
    edge_s = pdef == ts
    edge_mu = low & (pch == mu)
    knife = edge_h | edge_s | edge_mu
    alt = np.where(
        edge_h,
        SEPARATING,
        np.where(edge_s, np.where(pch > mu, ATTACK, BLUFF), np.where(edge_mu, ATTACK, region)),
    ).astype(np.int8)

    one_minus_pch = 1.0 - pch
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = np.where(bluff & (mu > 0), pch * (1.0 - mu) / (mu * one_minus_pch), 0.0)
        y = np.where(bluff & (pdef < 1.0), (ts - pdef) / (1.0 - pdef), 0.0)
    xs = np.where(bluff, np.clip(xs, 0.0, 1.0), np.where(attack, 1.0, 0.0))

    sq = np.where(deter, 1.0, np.where(sep, one_minus_pch, np.where(attack, 0.0, 0.0)))
    dc = np.where(sep, pch * (1.0 - pdef), np.where(attack, 1.0 - pdef, 0.0))
    dd = np.where(sep | attack, pch * pdef, 0.0)
    cd = np.where(attack, one_minus_pch * pdef, 0.0)
    challenged = pch + one_minus_pch * xs
    sq = np.where(bluff, one_minus_pch * (1.0 - xs), sq)
    dc = np.where(bluff, challenged * (1.0 - ts), dc)
    dd = np.where(bluff, pch * ts, dd)
    cd = np.where(bluff, one_minus_pch * xs * ts, cd)
    return UDGRegionMap(
        region=region,
        region_alt=alt,
        knife_edge=knife,
        belief_dependent_no_challenge=~deter,
        SQ=sq,
        DC=dc,
        CD=cd,
        DD=dd,
        soft_challenge=xs,
        soft_resist=np.where(bluff, y, np.where(deter | sep | attack, 0.0, 0.0)),
        theta_hard=th,
        theta_soft=ts,
        mu_star=mu,
    )


@dataclass(frozen=True)
class UDGSolution:
    """The UDG's selected PBE at one parameter point (explained by
    :func:`detente.deterrence.explain.udg_explanation`)."""

    parameters: UDGParameters
    region: str
    knife_edge: bool
    alternative_region: str | None
    outcome: dict[str, float]
    theta_hard: float
    theta_soft: float
    mu_star: float
    soft_challenger_challenges: float
    soft_defender_resists: float
    belief_dependent_no_challenge: bool

    @property
    def p_failure(self) -> float:
        """Probability that deterrence fails (any challenge): 1 - P(SQ)."""
        return 1.0 - self.outcome["SQ"]


def solve_udg(params: UDGParameters | Mapping[str, float]) -> UDGSolution:
    """The UDG's PBE at one point (Zagare & Kilgour 1993; ZK00 ch. 5), after checking inputs."""
    p = params if isinstance(params, UDGParameters) else UDGParameters.from_mapping(params)
    check_udg_parameters(p)
    m = udg_region_map(p.pCh, p.pDef, p.cSQ, p.cDC, p.cCD, p.cDD_hard, p.dDC, p.dCD, p.dDD_soft)
    region = REGIONS[int(m.region)]
    knife = bool(m.knife_edge)
    alt = REGIONS[int(m.region_alt)] if knife else None
    outcome = {k: float(getattr(m, k)) for k in ("SQ", "DC", "CD", "DD")}
    return UDGSolution(
        parameters=p,
        region=region,
        knife_edge=knife,
        alternative_region=alt,
        outcome=outcome,
        theta_hard=float(m.theta_hard),
        theta_soft=float(m.theta_soft),
        mu_star=float(m.mu_star),
        soft_challenger_challenges=float(m.soft_challenge),
        soft_defender_resists=float(m.soft_resist),
        belief_dependent_no_challenge=bool(m.belief_dependent_no_challenge),
    )
