"""Votes, coalition strengths and victory probabilities of the KTAB family.

Source: KAPSARC Toolkit for Behavioral Analysis (KTAB), ``kutils`` ``Model::vote``,
``Model::coalitions`` and ``Model::vProb``; detente's reference document, bargaining §2.4.
All functions are vectorised over arbitrary leading axes.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.options import VictoryProb, VotingRule
from detente.bargaining.sums import lane_sum

__all__ = ["coalition_strengths", "victory_probabilities", "vote"]

_BINARY_TOLERANCE = 1e-8
COALITION_FLOOR = 1e-8
_COALITION_FLOOR = COALITION_FLOOR
_VICTORY_POWER = {
    VictoryProb.LINEAR: 1.0,
    VictoryProb.SQUARE: 2.0,
    VictoryProb.QUARTIC: 4.0,
    VictoryProb.OCTIC: 8.0,
}
_BINARY_RATIO = 1.1
_BINARY_FLOOR = 1e-6

Array = NDArray[np.float64]


def vote(rule: VotingRule, weight: Array | float, delta: Array | float) -> Array:
    """Vote of a voter with ``weight`` whose utility difference between a and b is ``delta``.

    Positive votes support a, negative ones b (KTAB ``Model::vote``).
    """
    w = np.asarray(weight, dtype=float)
    du = np.asarray(delta, dtype=float)
    if rule is VotingRule.PROPORTIONAL:
        return np.asarray(w * du, dtype=np.float64)
    if rule is VotingRule.CUBIC:
        return np.asarray(w * du**3, dtype=np.float64)
    if rule is VotingRule.PROP_CBC:
        return np.asarray(w * (du + du**3) / 2.0, dtype=np.float64)
    binary = np.clip(du / _BINARY_TOLERANCE, -1.0, 1.0)
    if rule is VotingRule.BINARY:
        return np.asarray(w * binary, dtype=np.float64)
    if rule is VotingRule.PROP_BIN:
        return np.asarray(w * (0.8 * du + 0.2 * binary), dtype=np.float64)
    if rule is VotingRule.ASYM_PROSP:
        return np.asarray(np.where(du < 0, w * du, (2.0 / 3.0) * w * du), dtype=np.float64)
    raise ValueError(f"unknown voting rule {rule!r}")


def coalition_strengths(rule: VotingRule, weights: Array, utilities: Array) -> Array:
    """C[a, b] = 1e-8 + sum over voters k of max(0, vote_k(a : b)).

    ``weights``: (voters,); ``utilities``: (voters, options) utility of each option to each
    voter. Returns an (options, options) matrix with 1e-8 on the diagonal.
    """
    u = np.asarray(utilities, dtype=float)
    delta = u[:, :, None] - u[:, None, :]
    votes = vote(rule, np.asarray(weights, float)[:, None, None], delta)
    return np.asarray(_COALITION_FLOOR + lane_sum(np.maximum(votes, 0.0), axis=0), dtype=np.float64)


def victory_probabilities(model: VictoryProb, strengths: Array) -> Array:
    """P[a, b] = probability that option a beats b given coalition strengths C (KTAB vProb).

    P[a, b] + P[b, a] = 1 and P[a, a] = 1/2.
    """
    c = np.asarray(strengths, dtype=float)
    ct = np.swapaxes(c, -1, -2)
    if model is VictoryProb.BINARY:
        ratio = c / (c + ct)
        ramp = (ratio * (_BINARY_RATIO + 1.0) - 1.0) / (_BINARY_RATIO - 1.0)
        high = 1.0 / (1.0 + _BINARY_FLOOR)
        p = np.where(
            c >= _BINARY_RATIO * ct,
            high,
            np.where(ct >= _BINARY_RATIO * c, 1.0 - high, ramp),
        )
        return np.asarray(p, dtype=np.float64)
    power = _VICTORY_POWER[model]
    # 1 / (1 + (C_ba / C_ab)^p) avoids overflow of C^p for the high powers.
    return np.asarray(1.0 / (1.0 + (ct / c) ** power), dtype=np.float64)
