"""P(a package's guarantee deters a renewed attack), per draw and package.

For package x with design d, the deterrence lens's own mapping is applied with the links'
shifts (:mod:`detente.deals.links`): the challenger's and guarantor's payoffs and pCh move;
the design's reneging cost a (its text's cost, a tripwire's and the links') gives the
guarantor's credibility pDef = Φ(Φ⁻¹(b) + a/σ) (latent-margin form; Fearon 1997 on tying
hands); a force of size n draws the guarantor in with probability ρ (Schelling 1966) and, if
denial-capable, lowers the challenger's war payoffs
(:func:`detente.deterrence.design_mapping.force_effects`); the effective credibility is
q = ρ + (1 − ρ)·pDef. The Unilateral Deterrence Game (Zagare & Kilgour 1993) is then solved in
closed form at every (draw, package) point at once
(:func:`detente.deterrence.udg.udg_region_map`): P(deter) = P(SQ), the probability that the
status quo survives, and the credibility margin is q − θH (θH, the credibility that deters
every challenger type).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr, ndtri

from detente.deals.inputs import DealInputs, DesignDraws
from detente.deals.links import target_shift
from detente.deterrence.design_mapping import force_effects
from detente.deterrence.udg import udg_region_map
from detente.scenario.deals_section import CHALLENGER_TARGETS, DEFENDER_TARGETS, LinkTarget

__all__ = ["DeterrenceDraws", "deterrence_draws"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class DeterrenceDraws:
    """Per (draw, package): P(the status quo survives), the effective credibility q, the
    credibility that deters every challenger θH, and the UDG region code."""

    p_deter: Array
    credibility: Array
    needed: Array
    region: NDArray[np.int8]

    @property
    def margin(self) -> Array:
        """q − θH: positive when the guarantee is credible enough to deter every type."""
        return np.asarray(self.credibility - self.needed, dtype=float)


def _gather(per_design: list[Array], design: NDArray[np.int64]) -> Array:
    """(D, P) from one (D,) array per design, picked by each package's design."""
    stacked = np.stack(per_design, axis=1)  # (D, M)
    return np.asarray(stacked[:, design], dtype=float)


def _force_terms(d: DesignDraws, size: Array) -> tuple[Array, Array, Array]:
    if d.posture is None:
        zero = np.zeros_like(size)
        return zero, zero, zero
    return force_effects(
        d.posture,
        size,
        trigger_probability=d.trigger_probability[:, None],
        trigger_full_size=d.trigger_full_size[:, None],
        tripwire_cost=d.tripwire_cost[:, None],
        denial_shift=d.denial_shift[:, None],
        denial_full_size=d.denial_full_size[:, None],
    )


def deterrence_draws(inputs: DealInputs, x: Array, design: NDArray[np.int64]) -> DeterrenceDraws:
    """Solve the UDG for packages ``x`` (D | 1, P, K) with designs ``design`` (P,)."""
    designs = inputs.designs
    draws = max(inputs.draws, x.shape[0])
    shape = (draws, x.shape[1])

    def shift(target: LinkTarget) -> Array:
        return target_shift(inputs, target, x, design)

    c = {
        name: _gather([d.challenger[name] for d in designs], design) + shift(t)
        for t, name in CHALLENGER_TARGETS.items()
    }
    g = {
        name: _gather([d.defender[name] for d in designs], design) + shift(t)
        for t, name in DEFENDER_TARGETS.items()
    }
    p_ch = np.clip(
        _gather([d.challenger_hard for d in designs], design) + shift(LinkTarget.P_CH), 0, 1
    )
    size = _gather([d.force_size for d in designs], design) + shift(LinkTarget.FORCE_SIZE)
    rho = np.zeros(shape)
    tripwire = np.zeros(shape)
    denial = np.zeros(shape)
    for m, d in enumerate(designs):
        cols = design == m
        if d.posture is None or not cols.any():
            continue
        r, t, s = _force_terms(d, np.broadcast_to(size, shape)[:, cols])
        rho[:, cols], tripwire[:, cols], denial[:, cols] = r, t, s
    text = _gather([d.text_cost for d in designs], design)
    cost = np.maximum(0.0, text + tripwire + shift(LinkTarget.RENEGING_COST))
    base = _gather([d.base_rate for d in designs], design)
    sd = _gather([d.margin_sd for d in designs], design)
    p_def = ndtr(ndtri(base) + cost / sd)
    q = rho + (1.0 - rho) * p_def
    drop = denial * (c["DD_hard"] - c["CD"])
    solved = udg_region_map(
        pCh=p_ch,
        pDef=q,
        cSQ=c["SQ"],
        cDC=c["DC"],
        cCD=c["CD"],
        cDD_hard=c["DD_hard"] - drop,
        dDC=g["DC"],
        dCD=g["CD"],
        dDD_soft=g["DD_soft"],
    )
    return DeterrenceDraws(
        p_deter=np.asarray(solved.SQ, dtype=float),
        credibility=np.asarray(q, dtype=float),
        needed=np.asarray(solved.theta_hard, dtype=float),
        region=np.asarray(solved.region, dtype=np.int8),
    )
