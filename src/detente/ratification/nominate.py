"""The DW-NOMINATE vote probability and the geometry of a roll call's cutting line.

Poole & Rosenthal (1997), *Congress: A Political-Economic History of Roll Call Voting*, Oxford
UP; the formula as stated by the Voteview maintainers (voteview/WebVoteView issue #25, 2016):

    Pr_i(yea) = Φ(u_iy − u_in),  u_io = β·exp(−½[(x_i1 − o_1)² + w²(x_i2 − o_2)²]),

with the yea and nay outcome points o_yea = m − d and o_nay = m + d of a roll call with midpoint
m and spread d. Without noise member i votes yea iff d_1(x_1 − m_1) + w²·d_2(x_2 − m_2) < 0: the
cutting line passes through m with normal g = (d_1, w²·d_2). ``support_scores`` is the signed
distance from that line, positive on the yea side, in the same (first-dimension) units; it
orders members for the pivot analysis (:mod:`detente.ratification.pivots`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr

__all__ = ["cutline_normal", "outcome_points", "support_scores", "yea_probabilities"]


def outcome_points(
    midpoint: ArrayLike, spread: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(o_yea, o_nay) = (m − d, m + d), the Voteview convention (sign checked on New START)."""
    m = np.asarray(midpoint, dtype=float)
    d = np.asarray(spread, dtype=float)
    return m - d, m + d


def yea_probabilities(
    ideal_points: ArrayLike, midpoint: ArrayLike, spread: ArrayLike, beta: float, w: float
) -> NDArray[np.float64]:
    """Pr(yea) of each member (rows of ``ideal_points``, shape (n, 2)) under the NOMINATE probit."""
    x = np.asarray(ideal_points, dtype=float)
    yea, nay = outcome_points(midpoint, spread)
    weights = np.array([1.0, w * w])
    u_yea = beta * np.exp(-0.5 * ((x - yea) ** 2 @ weights))
    u_nay = beta * np.exp(-0.5 * ((x - nay) ** 2 @ weights))
    return np.asarray(ndtr(u_yea - u_nay), dtype=float)


def cutline_normal(spread: ArrayLike, w: float) -> NDArray[np.float64]:
    """Unit normal of the cutting line, pointing to the nay side: g/|g| with g = (d_1, w²·d_2)."""
    d = np.asarray(spread, dtype=float)
    g = np.array([d[0], w * w * d[1]])
    norm = float(np.hypot(g[0], g[1]))
    if norm == 0.0:
        raise ValueError("a roll call with zero spread has no cutting line")
    return g / norm


def support_scores(
    ideal_points: ArrayLike, midpoint: ArrayLike, spread: ArrayLike, w: float
) -> NDArray[np.float64]:
    """Signed distance of each member from the cutting line, positive on the yea side.

    Moving the midpoint by δ along :func:`cutline_normal` raises every score by exactly δ, so
    the shift that brings the k-th most supportive member to the line is minus its score.
    """
    x = np.asarray(ideal_points, dtype=float)
    normal = cutline_normal(spread, w)
    return np.asarray(-(x - np.asarray(midpoint, dtype=float)) @ normal, dtype=float)
