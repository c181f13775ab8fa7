"""The SMP challenge: how perspective h sees initiator i challenging target j.

Source: KTAB ``Actor::vProbLittle`` and ``Actor::thirdPartyVoteSU``
(KAPSARC/KTAB, MIT licence); detente's reference document, bargaining §2.7.

All quantities are vectorised over a batch of (h, i, j) triples (axis 0) and the third
parties n (axis 1), so the O(n^3) work of one round is a few NumPy array operations rather
than KTAB's O(n^4) loop over perspectives nobody reads.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.options import ThirdPartyCommit, VotingRule
from detente.bargaining.risk import utility
from detente.bargaining.sums import lane_sum
from detente.bargaining.voting import vote

__all__ = ["ChallengeEstimate", "challenges_per_run", "estimate_challenges"]

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]

_PRINCIPAL_FLOOR = 1e-10


@dataclass(frozen=True)
class ChallengeEstimate:
    """Per triple (h, i, j): P(i beats j) and the gain in expected utility to k (default h)
    of i -> j, both as estimated by h."""

    win_probability: Array
    delta_eu: Array


def estimate_challenges(
    distance: Array,
    perspective_risk: Array,
    weight: Array,
    total_salience: Array,
    h: IntArray,
    i: IntArray,
    j: IntArray,
    rule: VotingRule,
    commit: ThirdPartyCommit,
    k: IntArray | None = None,
) -> ChallengeEstimate:
    """Perspective h's estimate of the contest i -> j, and ΔEU_hk(i -> j).

    Parameters
    ----------
    distance:
        (n, n) d[a, b], distance from a's ideal to b's position (a's saliences).
    perspective_risk:
        (n, n) R[h, a], h's estimate of a's risk attitude.
    weight:
        (n,) voting weight c_a * S_a of each actor.
    total_salience:
        (n,) S_a = sum of a's saliences, read as the probability that a resists.
    h, i, j:
        (m,) index arrays of the triples to evaluate.
    k:
        (m,) whose gain to estimate (default: h's own, the only one the dynamics use; other
        actors' gains are diagnostics).

    Notes
    -----
    Principals i and j vote with weight c S on u(i) - u(j); each third party n first estimates
    the little contest (i, j, n) from the principals' strengths only, then votes on the expected
    values of joining either side (SemiCommit: the side it joins replaces its own position only
    if that side loses). ΔEU is h's expected gain: with probability 1 - S_j the target yields,
    otherwise the contest is fought, compared with the status quo u(i) + u(j).
    """
    p, delta = challenges_per_run(
        distance[None],
        perspective_risk[None],
        weight[None],
        total_salience[None],
        h,
        i,
        j,
        rule,
        commit,
        k,
    )
    return ChallengeEstimate(win_probability=p[0], delta_eu=delta[0])


def _rows(values: Array, index: IntArray) -> Array:
    """out[b, t, ...] = values[b, index[t], ...], or values[b, index[b, t], ...] for a 2-D
    index (rows picked per run)."""
    if index.ndim == 1:
        return values[:, index]
    shaped = index.reshape(index.shape + (1,) * (values.ndim - 2))
    return np.take_along_axis(values, shaped, axis=1)


def _entries(values: Array, index: IntArray) -> Array:
    """out[b, t] = values[b, t, index[t]] (or index[b, t] for a 2-D index)."""
    if index.ndim == 1:
        return values[:, np.arange(index.size), index]
    return np.take_along_axis(values, index[:, :, None], axis=2)[:, :, 0]


def challenges_per_run(
    distance: Array,
    perspective_risk: Array,
    weight: Array,
    total_salience: Array,
    h: IntArray,
    i: IntArray,
    j: IntArray,
    rule: VotingRule,
    commit: ThirdPartyCommit,
    k: IntArray | None = None,
) -> tuple[Array, Array]:
    """:func:`estimate_challenges` for a batch of runs (leading axis of every array).

    ``h``, ``i``, ``j`` (and ``k``) are (m,) triples shared by every run or (runs, m) triples
    of each run's own. Returns (win probability, ΔEU), each (runs, m). Every operation is
    element-wise along the runs, so each run's numbers do not depend on the others.
    """
    n = distance.shape[1]
    to_position = np.swapaxes(distance, 1, 2)  # [b, a, c] = d[b, c, a]: c's distance to a
    risk_h = _rows(perspective_risk, h)  # (runs, m, n): h's estimate of every actor's attitude
    to_i = utility(_rows(to_position, i), risk_h)  # u_ni
    to_j = utility(_rows(to_position, j), risk_h)  # u_nj
    to_self = utility(np.diagonal(distance, axis1=1, axis2=2)[:, None, :], risk_h)  # u_nn

    v_i = vote(rule, _rows(weight, i), _entries(to_i, i) - _entries(to_j, i))
    v_j = vote(rule, _rows(weight, j), _entries(to_i, j) - _entries(to_j, j))
    strength_i = _PRINCIPAL_FLOOR + np.maximum(v_i, 0) + np.maximum(v_j, 0)
    strength_j = _PRINCIPAL_FLOOR + np.maximum(-v_i, 0) + np.maximum(-v_j, 0)

    w = weight[:, None, :]
    v_little = vote(rule, w, to_i - to_j)
    side_i = strength_i[:, :, None] + np.maximum(v_little, 0)
    side_j = strength_j[:, :, None] + np.maximum(-v_little, 0)
    p_little = side_i / (side_i + side_j)

    if commit is ThirdPartyCommit.SEMI_COMMIT:
        eu_join_i = p_little * (2 * to_i + to_self) + (1 - p_little) * 3 * to_j
        eu_join_j = p_little * 3 * to_i + (1 - p_little) * (2 * to_j + to_self)
    elif commit is ThirdPartyCommit.FULL_COMMIT:
        eu_join_i = eu_join_j = p_little * 3 * to_i + (1 - p_little) * 3 * to_j
    elif commit is ThirdPartyCommit.NO_COMMIT:
        eu_join_i = eu_join_j = p_little * (2 * to_i + to_self) + (1 - p_little) * (
            2 * to_j + to_self
        )
    else:
        raise ValueError(f"unknown third-party commitment {commit!r}")
    v_third = vote(rule, w, eu_join_i - eu_join_j)
    actors = np.arange(n)
    third = (actors != i[..., None]) & (actors != j[..., None])
    total_i = strength_i + lane_sum(np.where(third, np.maximum(v_third, 0), 0), axis=2)
    total_j = strength_j + lane_sum(np.where(third, np.maximum(-v_third, 0), 0), axis=2)
    p = total_i / (total_i + total_j)

    gainer = h if k is None else k
    u_hi = _entries(to_i, gainer)
    u_hj = _entries(to_j, gainer)
    s_j = _rows(total_salience, j)
    delta = (1 - s_j) * 2 * u_hi + s_j * (p * 2 * u_hi + (1 - p) * 2 * u_hj) - (u_hi + u_hj)
    return p, delta
