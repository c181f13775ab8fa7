"""Utility of distance, and risk attitudes inferred from who is likely to win (KTAB SMP).

Sources: KTAB ``SMPModel::bsUtil``, ``Model::bigRfromProb`` and ``Model::estNRA``; detente's
reference document, bargaining §2.3 and §2.6. Likely winners are inferred to be risk averse
and likely losers risk acceptant (Bueno de Mesquita's argument, as operationalised in KTAB).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.options import BigRAdjust, BigRRange
from detente.bargaining.sums import lane_sum

__all__ = ["estimated_risk", "risk_from_probabilities", "salience_distance", "utility"]

Array = NDArray[np.float64]


def salience_distance(ideals: Array, positions: Array, salience: Array) -> Array:
    """d[i, j]: distance from i's ideal to j's position weighted by i's saliences.

    d_ij = sqrt( sum_k (s_ik (ideal_ik - x_jk))^2 / sum_k s_ik^2 ), on the [0, 1] scale.
    """
    diff = ideals[:, None, :] - positions[None, :, :]
    s2 = salience**2
    return np.asarray(
        np.sqrt(lane_sum(s2[:, None, :] * diff**2, axis=2) / lane_sum(s2, axis=1)[:, None]),
        dtype=np.float64,
    )


def utility(distance: Array, risk: Array | float) -> Array:
    """u(d, R) = (1 - d)(1 + d R) for d <= 1, (1 - d)(1 + R) beyond (round-off only).

    R = 1 gives 1 - d^2 (risk averse), R = 0 linear, R = -1 (1 - d)^2 (risk acceptant).
    """
    d = np.asarray(distance, dtype=float)
    r = np.asarray(risk, dtype=float)
    return np.asarray((1.0 - d) * (1.0 + np.minimum(d, 1.0) * r), dtype=np.float64)


def risk_from_probabilities(p: Array, scale: BigRRange) -> Array:
    """Risk attitude R_i of each actor from the probability p_i that its position wins.

    If every position is equally likely the actors are taken to be risk neutral (R = 0);
    KTAB divides by zero there. ``p`` may carry leading axes (one row per run).
    """
    p_min = p.min(axis=-1, keepdims=True)
    p_max = p.max(axis=-1, keepdims=True)
    spread = p_max - p_min
    flat = spread <= 1e-15
    safe = np.where(flat, 1.0, spread)
    if scale is BigRRange.MID:
        r = (3.0 * p - p_max - 2.0 * p_min) / (2.0 * safe)
    elif scale is BigRRange.MIN:
        r = (p - p_min) / safe
    elif scale is BigRRange.MAX:
        r = (2.0 * p - p_max - p_min) / safe
    else:
        raise ValueError(f"unknown risk range {scale!r}")
    return np.asarray(np.where(flat, 0.0, r), dtype=np.float64)


def estimated_risk(risk: Array, adjust: BigRAdjust) -> Array:
    """R[h, i]: perspective h's estimate of actor i's risk attitude; R[i, i] = R_i.

    ``risk`` may carry leading axes (one row per run): the result is then R[..., h, i].
    """
    rh = risk[..., :, None]
    ri = risk[..., None, :]
    shape = risk.shape + risk.shape[-1:]
    if adjust is BigRAdjust.ONE_THIRD:
        return (2.0 * rh + ri) / 3.0
    if adjust is BigRAdjust.HALF:
        return (rh + ri) / 2.0
    if adjust is BigRAdjust.TWO_THIRDS:
        return (rh + 2.0 * ri) / 3.0
    if adjust is BigRAdjust.FULL:
        return np.broadcast_to(ri, shape).copy()
    if adjust is BigRAdjust.NONE:
        return np.broadcast_to(rh, shape).copy()
    raise ValueError(f"unknown risk adjustment {adjust!r}")
