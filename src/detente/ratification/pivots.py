"""Krehbiel's pivots in one dimension.

Krehbiel (1998), *Pivotal Politics: A Theory of U.S. Lawmaking*, University of Chicago Press.
Order the ideal points x(1) ≤ … ≤ x(n). With symmetric single-peaked utility, member i prefers a
treaty T to the status quo q iff x_i lies on T's side of the cutpoint c = (T + q)/2. A measure
needing k yeas moving policy to the right (T > q) passes iff the k-th member from the right,
x(n − k + 1), lies right of c: that member is the *pivot* (the treaty pivot x(34) from the right,
i.e. x(n − k + 1) = x(34) of 100 with k = 67; the filibuster pivot x(41) with k = 60; the median
with a simple majority). The treaty passes iff T lies in the *ratifiable set*
(q, 2·x(n − k + 1) − q); mirror everything for T < q.

The same arithmetic applies to any one-dimensional ordering of members by support, such as the
signed distance from a two-dimensional cutting line
(:func:`detente.ratification.nominate.support_scores`):
the pivot is the k-th most supportive member and the margin is how far the line must move.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "OneDimensionalPivot",
    "kth_most_supportive",
    "one_dimensional_pivot",
    "pivot_order",
    "ratifiable_set",
    "yea_side_count",
]


def kth_most_supportive(scores: ArrayLike, k: int) -> int:
    """Index of the member with the k-th highest support score (1-based k; ties by index)."""
    s = np.asarray(scores, dtype=float)
    if not 1 <= k <= s.size:
        raise ValueError(f"k must be between 1 and {s.size}, got {k}")
    order = np.argsort(-s, kind="stable")
    return int(order[k - 1])


def yea_side_count(scores: ArrayLike) -> int:
    """Members strictly on the yea side of the cutpoint (score > 0)."""
    return int(np.count_nonzero(np.asarray(scores, dtype=float) > 0))


@dataclass(frozen=True)
class OneDimensionalPivot:
    """The pivot for one threshold: who it is, where, and whether the treaty passes."""

    required: int
    index: int
    ideal_point: float
    cutpoint: float
    passes: bool
    ratifiable_set: tuple[float, float]
    margin_members: int
    """Members on the treaty's side of the cutpoint minus the number required."""


def ratifiable_set(
    pivot_ideal_point: float, status_quo: float, treaty_right: bool
) -> tuple[float, float]:
    """Treaties the pivot prefers to q: (q, 2·x_p − q) to the right, (2·x_p − q, q) to the left.

    Empty (lower ≥ upper) when the pivot lies on the wrong side of q.
    """
    edge = 2.0 * pivot_ideal_point - status_quo
    return (status_quo, edge) if treaty_right else (edge, status_quo)


def one_dimensional_pivot(
    ideal_points: ArrayLike, required: int, treaty: float, status_quo: float
) -> OneDimensionalPivot:
    """Krehbiel's pivot for a measure needing ``required`` yeas (every member voting)."""
    x = np.asarray(ideal_points, dtype=float)
    if treaty == status_quo:
        raise ValueError("treaty and status quo coincide: no one has a reason to vote")
    right = treaty > status_quo
    cut = (treaty + status_quo) / 2.0
    scores = (x - cut) if right else (cut - x)
    index = kth_most_supportive(scores, required)
    low, high = ratifiable_set(float(x[index]), status_quo, right)
    passes = bool(low < treaty < high)
    return OneDimensionalPivot(
        required=required,
        index=index,
        ideal_point=float(x[index]),
        cutpoint=cut,
        passes=passes,
        ratifiable_set=(low, high),
        margin_members=yea_side_count(scores) - required,
    )


def pivot_order(scores: ArrayLike) -> NDArray[np.int64]:
    """Members from most to least supportive."""
    return np.argsort(-np.asarray(scores, dtype=float), kind="stable")
