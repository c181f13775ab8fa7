"""Fair division and bargaining solutions for two or more parties, as named methods.

* :func:`adjusted_winner`: Brams & Taylor (1996), *Fair Division: From Cake-Cutting to Dispute
  Resolution*, Cambridge UP, ch. 4; applied to Camp David by Brams & Togman (1996),
  "Camp David: Was the agreement fair?", *Conflict Management and Peace Science*
  15(1):99-112. Each of two parties spreads 100 points over the issues; each issue goes to the
  party that gives it more points; then issues pass from the richer to the poorer party in
  increasing order of the ratio richer/poorer points until one more transfer would reverse
  the inequality, and that issue is split so that both totals are equal. The result is
  envy-free, equitable and efficient for two parties.
* :func:`nash_solution`: Nash (1950), "The bargaining problem", *Econometrica* 18(2):155-162:
  the feasible point maximising the product of the parties' gains over their disagreement
  utilities.
* :func:`kalai_smorodinsky`: Kalai & Smorodinsky (1975), "Other solutions to Nash's bargaining
  problem", *Econometrica* 43(3):513-518: the Pareto-optimal point on the line from the
  disagreement point to the ideal point (each party's largest feasible gain).
* :func:`bargaining_range`: Fearon (1995), "Rationalist explanations for war",
  *International Organization* 49(3):379-414: with war giving side A the share p at cost c_A
  and side B 1 − p at cost c_B, every division x (A's share) with p − c_A ≤ x ≤ p + c_B is
  preferred by both to war.

Utilities are cardinal only up to the assumptions that produced them; these solutions compare
gains across parties, so their answers move with those assumptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "AdjustedWinner",
    "adjusted_winner",
    "bargaining_range",
    "kalai_smorodinsky",
    "nash_solution",
    "pareto_front",
]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class AdjustedWinner:
    """An Adjusted Winner division between parties ``a`` and ``b``.

    ``shares[issue]`` is the fraction of the issue that goes to ``a`` (0, 1, or the split
    fraction); ``points`` each party's total of its own points; ``split_issue`` the issue that
    was split (None when the first allocation was already equitable or a whole transfer made
    it so); ``order`` the issues in the order they were transferred.
    """

    a: str
    b: str
    shares: dict[str, float]
    points: dict[str, float]
    split_issue: str | None
    split_fraction: float | None
    transfers: tuple[str, ...]

    def allocation(self) -> dict[str, dict[str, float]]:
        """``{issue: {party: share}}``."""
        return {k: {self.a: v, self.b: 1.0 - v} for k, v in self.shares.items()}


def _validate_points(points: Mapping[str, float], who: str) -> None:
    values = list(points.values())
    if any(v < 0 for v in values) or abs(sum(values) - 100.0) > 1e-6:
        raise ValueError(
            f"{who}'s points must be non-negative and sum to 100 (got {sum(values):g})"
        )


def adjusted_winner(
    a: str, b: str, points_a: Mapping[str, float], points_b: Mapping[str, float]
) -> AdjustedWinner:
    """Brams & Taylor's Adjusted Winner between parties ``a`` and ``b`` (see module doc).

    Ties in the first allocation are resolved one issue at a time, in the order given, in
    favour of the party whose running total is lower (``a`` when both are equal); the
    transfer order breaks equal ratios by the order given.
    """
    if set(points_a) != set(points_b):
        raise ValueError("both parties must give points to the same issues")
    _validate_points(points_a, a)
    _validate_points(points_b, b)
    issues = list(points_a)
    share = {k: 1.0 if points_a[k] > points_b[k] else 0.0 for k in issues}
    total_a = sum(points_a[k] for k in issues if points_a[k] > points_b[k])
    total_b = sum(points_b[k] for k in issues if points_b[k] > points_a[k])
    for k in issues:
        if points_a[k] == points_b[k]:
            to_a = total_a <= total_b
            share[k] = 1.0 if to_a else 0.0
            total_a += points_a[k] if to_a else 0.0
            total_b += 0.0 if to_a else points_b[k]
    richer_is_a = total_a > total_b
    rich_points, poor_points = (points_a, points_b) if richer_is_a else (points_b, points_a)
    held = [k for k in issues if (share[k] == 1.0) == richer_is_a]
    # Increasing ratio richer/poorer; a zero for the poorer party is an infinite ratio.
    held.sort(key=lambda k: rich_points[k] / poor_points[k] if poor_points[k] > 0 else np.inf)
    rich, poor = (total_a, total_b) if richer_is_a else (total_b, total_a)
    transfers: list[str] = []
    split_issue, split_fraction = None, None
    for k in held:
        if rich <= poor + 1e-12:
            break
        whole_rich, whole_poor = rich - rich_points[k], poor + poor_points[k]
        if whole_rich >= whole_poor - 1e-12:
            rich, poor = whole_rich, whole_poor
            share[k] = 0.0 if richer_is_a else 1.0
            transfers.append(k)
            continue
        # Keep the fraction f of issue k with the richer party so the totals are equal:
        # rich − (1 − f)·R_k = poor + (1 − f)·P_k.
        kept = 1.0 - (rich - poor) / (rich_points[k] + poor_points[k])
        share[k] = kept if richer_is_a else 1.0 - kept
        rich -= (1.0 - kept) * rich_points[k]
        poor += (1.0 - kept) * poor_points[k]
        transfers.append(k)
        split_issue, split_fraction = k, kept
        break
    totals = (rich, poor) if richer_is_a else (poor, rich)
    return AdjustedWinner(
        a=a,
        b=b,
        shares=share,
        points={a: float(totals[0]), b: float(totals[1])},
        split_issue=split_issue,
        split_fraction=None if split_fraction is None else float(split_fraction),
        transfers=tuple(transfers),
    )


def pareto_front(points: ArrayLike) -> NDArray[np.bool_]:
    """Which rows of ``points`` (N, I) no other row dominates (at least as good for every
    party, better for one); exact duplicates are all kept.

    Rows are visited in decreasing lexicographic order, so a row can only be dominated by a
    row visited before it, and only the front found so far needs checking (Kung, Luccio &
    Preparata 1975, in its simplest form); two columns take one sorted sweep.
    """
    p = np.asarray(points, dtype=float)
    n = p.shape[0]
    keep = np.zeros(n, dtype=bool)
    if n == 0:
        return keep
    order = np.lexsort(p.T[::-1])[::-1]
    if p.shape[1] == 2:
        best = -np.inf
        previous: Array | None = None
        for i in order:
            row = p[i]
            if row[1] > best or (previous is not None and np.array_equal(row, previous)):
                keep[i] = True
                best = max(best, row[1])
                previous = row
        return keep
    front = np.empty_like(p)
    size = 0
    for i in order:
        row = p[i]
        head = front[:size]
        if not np.any(np.all(head >= row, axis=1) & np.any(head > row, axis=1)):
            keep[i] = True
            front[size] = row
            size += 1
    return keep


def _segment_nash(a: Array, b: Array, d: Array) -> tuple[float, Array]:
    """Max of (u1 − d1)(u2 − d2) on the segment a→b (a quadratic in the position t)."""
    da, db = a - d, b - d
    # f(t) = (da1 + t g1)(da2 + t g2), g = db − da.
    g = db - da
    qa = g[0] * g[1]
    qb = da[0] * g[1] + da[1] * g[0]
    candidates = [0.0, 1.0]
    if qa < 0:
        candidates.append(min(1.0, max(0.0, -qb / (2 * qa))))
    best_t = max(candidates, key=lambda t: (da[0] + t * g[0]) * (da[1] + t * g[1]))
    point = a + best_t * (b - a)
    return float((point[0] - d[0]) * (point[1] - d[1])), point


def _upper_hull(points: Array) -> Array:
    """The Pareto (north-east) boundary of the convex hull of 2-D points, left to right."""
    pts = np.unique(points, axis=0)
    pts = pts[np.lexsort((-pts[:, 1], pts[:, 0]))]
    hull: list[Array] = []
    for p in pts:
        while len(hull) >= 2:
            o, q = hull[-2], hull[-1]
            cross = (q[0] - o[0]) * (p[1] - o[1]) - (q[1] - o[1]) * (p[0] - o[0])
            if cross >= 0:
                hull.pop()
            else:
                break
        hull.append(p)
    arr = np.array(hull)
    # keep only the decreasing (Pareto) part: from the highest u2 to the highest u1
    top = int(np.argmax(arr[:, 1]))
    return arr[top:]


def nash_solution(
    points: ArrayLike, disagreement: ArrayLike, *, convex: bool = False
) -> tuple[int | None, Array]:
    """The Nash bargaining solution (Nash 1950) among ``points`` (N, I).

    Only points giving every party at least its disagreement utility count. With
    ``convex=False`` it is the point of the set maximising Π_i (u_i − d_i) (its index is
    returned); with ``convex=True`` (two parties) it is the maximiser over the convex hull of
    the set (mixtures of packages), exact by the quadratic on each boundary segment, and the
    index is None unless the solution is a point of the set.
    """
    p = np.asarray(points, dtype=float)
    d = np.asarray(disagreement, dtype=float)
    inside = np.all(p >= d, axis=1)
    if not inside.any():
        raise ValueError("no point gives every party at least its disagreement utility")
    if not convex:
        gains = np.prod(p[inside] - d, axis=1)
        index = int(np.flatnonzero(inside)[int(np.argmax(gains))])
        return index, p[index]
    if p.shape[1] != 2:
        raise ValueError("the convex Nash solution is computed for two parties")
    hull = _upper_hull(p[inside])
    if len(hull) == 1:
        best = hull[0]
    else:
        best = max(
            (_segment_nash(hull[i], hull[i + 1], d) for i in range(len(hull) - 1)),
            key=lambda item: item[0],
        )[1]
    match = np.flatnonzero(np.all(np.isclose(p, best), axis=1))
    return (int(match[0]) if match.size else None), np.asarray(best, dtype=float)


def kalai_smorodinsky(
    points: ArrayLike, disagreement: ArrayLike, *, convex: bool = False
) -> tuple[int | None, Array]:
    """The Kalai-Smorodinsky solution (Kalai & Smorodinsky 1975) among ``points`` (N, I).

    The ideal point gives each party its largest utility among the points that give every
    party at least its disagreement utility. With ``convex=False`` the solution is the Pareto
    point of the set maximising min_i (u_i − d_i)/(ideal_i − d_i) (the discrete analogue);
    with ``convex=True`` (two parties) it is where the line from d to the ideal point leaves
    the convex hull, exact.
    """
    p = np.asarray(points, dtype=float)
    d = np.asarray(disagreement, dtype=float)
    inside = np.all(p >= d, axis=1)
    if not inside.any():
        raise ValueError("no point gives every party at least its disagreement utility")
    ideal = p[inside].max(axis=0)
    span = np.where(ideal > d, ideal - d, 1.0)
    if not convex:
        scores = np.min((p[inside] - d) / span, axis=1)
        front = pareto_front(p[inside])
        scores = np.where(front, scores, -np.inf)
        index = int(np.flatnonzero(inside)[int(np.argmax(scores))])
        return index, p[index]
    if p.shape[1] != 2:
        raise ValueError("the convex Kalai-Smorodinsky solution is computed for two parties")
    hull = _upper_hull(p[inside])
    direction = ideal - d
    best_lambda, best = 0.0, d.copy()
    for i in range(max(1, len(hull) - 1)):
        a = hull[i]
        b = hull[i + 1] if len(hull) > 1 else hull[i]
        # Solve d + λ·direction = a + t (b − a) for λ, t with t in [0, 1].
        m = np.column_stack([direction, a - b])
        if abs(np.linalg.det(m)) < 1e-15:
            continue
        lam, t = np.linalg.solve(m, a - d)
        if -1e-12 <= t <= 1 + 1e-12 and lam > best_lambda:
            best_lambda, best = float(lam), d + lam * direction
    match = np.flatnonzero(np.all(np.isclose(p, best), axis=1))
    return (int(match[0]) if match.size else None), np.asarray(best, dtype=float)


def bargaining_range(p: float, cost_a: float, cost_b: float) -> tuple[float, float]:
    """Fearon's bargaining range [p − c_A, p + c_B] of A's share, clipped to [0, 1].

    ``p`` is A's expected share of the good from war, ``cost_a`` and ``cost_b`` the sides'
    costs of war in shares of the good. Every division in the range is preferred by both
    sides to war; it is never empty when both costs are positive (Fearon 1995).
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must lie in [0, 1] (got {p})")
    if cost_a < 0 or cost_b < 0:
        raise ValueError("costs of war must be non-negative")
    return (max(0.0, p - cost_a), min(1.0, p + cost_b))
