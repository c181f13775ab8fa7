"""Probabilistic Condorcet elections: the probability that each option wins a multi-way contest.

Source: KTAB ``Model::condPCE``, ``Model::markovUniformPCE`` and ``Model::markovIncentivePCE``
(KAPSARC/KTAB, MIT licence; the Markov-incentive model follows the KTAB note "Markov Voting
with Incentives in KTAB" cited in that code);
detente's reference document, bargaining §2.5.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.options import PCEModel, VictoryProb, VotingRule
from detente.bargaining.sums import lane_sum, running_sum
from detente.bargaining.voting import (
    COALITION_FLOOR as _COALITION_FLOOR,
)
from detente.bargaining.voting import (
    coalition_strengths,
    victory_probabilities,
    vote,
)

__all__ = ["condorcet_probabilities", "scalar_pce", "stacked_scalar_pce"]

Array = NDArray[np.float64]

_UNIFORM_TOLERANCE = 1e-6
_INCENTIVE_TOLERANCE = 1e-8
_INCENTIVE_SELF = 1e-10
_MAX_ITERATIONS = 100_000


def _conditional(victory: Array) -> Array:
    # p_a proportional to prod_b P(a > b); summed in logs so that 250 options do not underflow.
    # Sums over options run left to right (see detente.bargaining.sums).
    logs = running_sum(np.log(victory), axis=1)
    logs -= logs.max()
    p = np.exp(logs)
    return np.asarray(p / running_sum(p, axis=0), dtype=np.float64)


def _markov_uniform(victory: Array) -> Array:
    m = victory.shape[0]
    p = np.full(m, 1.0 / m)
    for _ in range(_MAX_ITERATIONS):
        q = (victory * (p[:, None] + p[None, :])).sum(axis=1) / m
        change = np.abs(q - p).max()
        p = (p + q) / 2.0
        if change <= _UNIFORM_TOLERANCE:
            break
    return np.asarray(p / p.sum(), dtype=np.float64)


def _markov_incentive(victory: Array, strengths: Array) -> Array:
    m = victory.shape[0]
    incentive = strengths * victory + np.eye(m) * _INCENTIVE_SELF
    challenge = incentive / incentive.sum(axis=0, keepdims=True)  # rho[a, b]: a challenges b
    p = np.full(m, 1.0 / m)
    for _ in range(_MAX_ITERATIONS):
        # q_a = sum_b P(a > b) (p_a rho(b -> a) + p_b rho(a -> b))
        q = (victory * (p[:, None] * challenge.T + p[None, :] * challenge)).sum(axis=1)
        change = np.abs(q - p).max()
        p = (p + q) / 2.0
        if change <= _INCENTIVE_TOLERANCE:
            break
    return np.asarray(p / p.sum(), dtype=np.float64)


def condorcet_probabilities(model: PCEModel, victory: Array, strengths: Array) -> Array:
    """Probability that each option wins, from pairwise victory probabilities ``victory``.

    ``strengths`` (the coalition matrix) is needed by the Markov-incentive model only.
    The result is non-negative and sums to 1.
    """
    if model is PCEModel.CONDITIONAL:
        return _conditional(victory)
    if model is PCEModel.MARKOV_UNIFORM:
        return _markov_uniform(victory)
    if model is PCEModel.MARKOV_INCENTIVE:
        return _markov_incentive(victory, strengths)
    raise ValueError(f"unknown PCE model {model!r}")


def scalar_pce(
    weights: Array,
    utilities: Array,
    rule: VotingRule,
    victory_model: VictoryProb,
    pce_model: PCEModel,
) -> Array:
    """PCE over options valued by voters with scalar ``weights`` (KTAB ``Model::scalarPCE``).

    ``utilities``: (voters, options). Returns the (options,) win probabilities.
    """
    strengths = coalition_strengths(rule, weights, utilities)
    victory = victory_probabilities(victory_model, strengths)
    return condorcet_probabilities(pce_model, victory, strengths)


def stacked_scalar_pce(
    weights: Array,
    utilities: Array,
    rule: VotingRule,
    victory_model: VictoryProb,
    pce_model: PCEModel,
) -> Array:
    """:func:`scalar_pce` of each of several elections with the same voters at once.

    ``utilities``: (elections, voters, options); ``weights``: (voters,) shared by every
    election, or (elections, voters). Returns (elections, options). Conditional PCE
    is computed for all elections in a few array operations, with the same arithmetic in the
    same order as one election at a time (so the results are identical); the iterative
    Markov models run one election at a time.
    """
    u = np.asarray(utilities, dtype=float)
    if pce_model is not PCEModel.CONDITIONAL:
        w = np.broadcast_to(np.asarray(weights, float), u.shape[:2])
        return np.stack(
            [scalar_pce(we, e, rule, victory_model, pce_model) for we, e in zip(w, u, strict=True)]
        ).reshape(u.shape[0], u.shape[2])
    delta = u[:, :, :, None] - u[:, :, None, :]
    w = np.asarray(weights, float)
    votes = vote(rule, (w if w.ndim == 2 else w[None, :])[:, :, None, None], delta)
    strengths = _COALITION_FLOOR + lane_sum(np.maximum(votes, 0.0), axis=1)
    victory = victory_probabilities(victory_model, strengths)
    logs = running_sum(np.log(victory), axis=2)
    logs -= logs.max(axis=1, keepdims=True)
    p = np.exp(logs)
    return np.asarray(p / running_sum(p, axis=1)[:, None], dtype=np.float64)
