"""Exact distributions of vote counts, with attendance and correlated party shocks.

Each member votes yea with probability q_yea, nay with q_nay and neither (absent, or "present"
where that is excluded from the base) with 1 − q_yea − q_nay, independently given the shocks.

- With full attendance the yea count is Poisson-binomial; its distribution is computed by the
  O(n²) recursion P_i(y) = P_{i−1}(y)(1 − p_i) + P_{i−1}(y − 1)p_i (Hong 2013, "On computing
  the distribution function for the Poisson binomial distribution", *Computational Statistics
  & Data Analysis* 59:41–51, the direct convolution method).
- With attendance the joint distribution of (yeas, nays) follows from the same recursion in two
  dimensions, O(n³) (≈10^6 steps for the Senate).
- When every member of a bloc turns out with the same probability v and no one is counted
  against without voting (the usual case: one attendance per party, "present" excluded), the
  O(n³) recursion is not needed. Let X_i ~ Bernoulli(p_i) be how member i would vote and V_i ~
  Bernoulli(v) whether it votes, independent of X. Given T = ΣX_i = t, Y = Σ V_i X_i ~ Bin(t, v)
  and N = Σ V_i (1 − X_i) ~ Bin(n − t, v), independently (the V_i are i.i.d. and independent of
  X), so P(Y = y, N = m) = Σ_t P(T = t)·Bin(y; t, v)·Bin(m; n − t, v): an O(n²) Poisson-binomial
  and one matrix product with only non-negative terms (same accuracy as the recursion). The
  result is linear in the distribution of T, so it is averaged over the shock first.
- Independent votes give over-confident tails. A party (bloc) shock z_b ~ N(0, 1) shared by the
  members of bloc b makes their votes correlated: conditional on z_b the members are independent
  with Pr(yea | z_b) = Φ(Φ⁻¹(p_i)·√(1 + σ_b²) + σ_b·z_b). This form keeps every member's marginal
  Pr(yea) equal to p_i (E_z Φ(a + σz) = Φ(a/√(1 + σ²))), so the shock widens the distribution
  without moving its mean. Blocs are independent given their own shocks: the chamber's
  distribution is the convolution over blocs of each bloc's distribution integrated over its
  shock by Gauss–Hermite quadrature. An optional common shock shared by all members is
  integrated the same way in an outer quadrature. Blocs are combined by FFT convolution
  (absolute error ~1e-16; negative round-off is clipped and the result renormalised).

All functions accept a leading batch dimension so that many distributions are computed at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import fftconvolve
from scipy.special import ndtr, ndtri
from scipy.stats import binom

__all__ = [
    "Bloc",
    "chamber_distribution",
    "gauss_hermite",
    "margin_distribution",
    "shocked",
    "thinned_yea_nay",
    "yea_count_distribution",
    "yea_nay_distribution",
]

_EPS = 1e-15

Method = Literal["recursion", "thinning"]


def yea_count_distribution(p: ArrayLike) -> NDArray[np.float64]:
    """P(Y = y), y = 0..n, for independent members with Pr(yea) = p (last axis), O(n²)."""
    probs = np.asarray(p, dtype=float)
    n = probs.shape[-1]
    # Work with the batch axes last so that every update touches contiguous memory.
    pt = np.ascontiguousarray(np.moveaxis(probs, -1, 0))
    out = np.zeros((n + 1,) + pt.shape[1:])
    out[0] = 1.0
    moved = np.empty_like(out)
    for i in range(n):
        np.multiply(out[: i + 1], pt[i], out=moved[: i + 1])
        out[: i + 1] *= 1.0 - pt[i]
        out[1 : i + 2] += moved[: i + 1]
    return np.moveaxis(out, 0, -1)


def yea_nay_distribution(q_yea: ArrayLike, q_nay: ArrayLike) -> NDArray[np.float64]:
    """P(Y = y, N = m) (array indexed [..., y, m]) for independent members, O(n³).

    ``q_yea`` and ``q_nay`` are each member's probabilities of voting yea and nay (last axis);
    the rest is the probability of neither. The table is kept flat, index y·(n + 1) + m, so a
    yea is a shift by n + 1 and a nay a shift by 1 (m never exceeds the members seen so far, so
    no nay spills into the next row) and every update is one contiguous vector operation.
    """
    qy = np.asarray(q_yea, dtype=float)
    qn = np.asarray(q_nay, dtype=float)
    qy, qn = np.broadcast_arrays(qy, qn)
    n = qy.shape[-1]
    width = n + 1
    yt = np.ascontiguousarray(np.moveaxis(qy, -1, 0))
    nt = np.ascontiguousarray(np.moveaxis(qn, -1, 0))
    out = np.zeros((width * width,) + yt.shape[1:])
    out[0] = 1.0
    moved = np.empty_like(out)
    for i in range(n):
        lim = (i + 1) * width
        head = out[:lim]
        rest = 1.0 - yt[i] - nt[i]
        np.multiply(head, yt[i], out=moved[:lim])
        tail = head * nt[i]
        head *= rest
        out[width : lim + width] += moved[:lim]
        out[1 : lim + 1] += tail
    table = out.reshape((width, width) + yt.shape[1:])
    return np.moveaxis(np.moveaxis(table, 0, -1), 0, -1)


def margin_distribution(
    q_yea: ArrayLike, q_nay: ArrayLike, yea_weight: int = 1, nay_weight: int = 1
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Distribution of S = yea_weight·Y − nay_weight·N, O(n²) (e.g. S = Y − N for a majority).

    Returns the support (every integer from −nay_weight·n to yea_weight·n) and the
    probabilities (last axis).
    """
    qy = np.asarray(q_yea, dtype=float)
    qn = np.asarray(q_nay, dtype=float)
    qy, qn = np.broadcast_arrays(qy, qn)
    n = qy.shape[-1]
    yt = np.ascontiguousarray(np.moveaxis(qy, -1, 0))
    nt = np.ascontiguousarray(np.moveaxis(qn, -1, 0))
    low = -nay_weight * n
    size = (yea_weight + nay_weight) * n + 1
    out = np.zeros((size,) + yt.shape[1:])
    out[-low] = 1.0
    for i in range(n):
        prev = out.copy()
        out *= 1.0 - yt[i] - nt[i]
        out[yea_weight:] += prev[:-yea_weight] * yt[i]
        out[:-nay_weight] += prev[nay_weight:] * nt[i]
    return np.arange(low, low + size), np.moveaxis(out, 0, -1)


def gauss_hermite(nodes: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Nodes and weights integrating against the standard normal density (weights sum to 1)."""
    z, weights = _gauss_hermite(int(nodes))
    return z.copy(), weights.copy()


@lru_cache(maxsize=64)
def _gauss_hermite(nodes: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    z, weights = np.polynomial.hermite_e.hermegauss(nodes)
    return z, weights / weights.sum()


@lru_cache(maxsize=256)
def _thinning(n: int, v: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(A, B) with A[t, y] = Bin(y; t, v) and B[t, m] = Bin(m; n − t, v), t, y, m = 0..n."""
    t = np.arange(n + 1)[:, None]
    k = np.arange(n + 1)[None, :]
    a = np.asarray(binom.pmf(k, t, v), dtype=float)
    b = np.asarray(binom.pmf(k, n - t, v), dtype=float)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def thinned_yea_nay(total: ArrayLike, v: float) -> NDArray[np.float64]:
    """P(Y = y, N = m) [y, m] when every member votes with probability v, given the distribution
    ``total`` of the number T who would vote yea if voting: Σ_t P(T = t)·Bin(y; t, v)·Bin(m; n − t,
    v) (see the module docstring)."""
    pt = np.asarray(total, dtype=float)
    a, b = _thinning(pt.shape[-1] - 1, float(v))
    return np.asarray((a.T * pt) @ b, dtype=float)


def shocked(p: ArrayLike, sd: float, z: ArrayLike) -> NDArray[np.float64]:
    """Pr(yea | shock z) = Φ(Φ⁻¹(p)·√(1 + sd²) + sd·z), whose average over z ~ N(0,1) is p."""
    probs = np.clip(np.asarray(p, dtype=float), _EPS, 1.0 - _EPS)
    zz = np.asarray(z, dtype=float)
    return np.asarray(ndtr(ndtri(probs) * np.sqrt(1.0 + sd * sd) + sd * zz[..., None]), dtype=float)


@dataclass(frozen=True)
class Bloc:
    """Members sharing one shock: Pr(yea | voting), Pr(voting yea or nay), Pr(counted as nay
    without voting nay) (a "present" under the counted rule), and the shock's sd."""

    p: NDArray[np.float64]
    vote: NDArray[np.float64]
    against: NDArray[np.float64]
    shock_sd: float


def _bloc_distribution(
    bloc: Bloc, p: NDArray[np.float64], nodes: int, method: Method
) -> NDArray[np.float64]:
    """The bloc's (Y, N) distribution for yea probabilities ``p`` (batch over leading axes),
    integrated over the bloc shock."""
    if (
        method == "thinning"
        and bloc.p.size
        and not np.any(bloc.against)
        and np.all(bloc.vote == bloc.vote.flat[0])
    ):
        # One turnout probability for the whole bloc: the O(n²) thinning identity.
        if bloc.shock_sd > 0:
            z, weights = gauss_hermite(nodes)
            total = weights @ yea_count_distribution(shocked(p, bloc.shock_sd, z))
        else:
            total = yea_count_distribution(p)
        return thinned_yea_nay(total, float(bloc.vote.flat[0]))
    if bloc.shock_sd > 0 and bloc.p.size:
        z, weights = gauss_hermite(nodes)
        cond = shocked(p, bloc.shock_sd, z)  # (nodes, n)
        joint = yea_nay_distribution(cond * bloc.vote, (1.0 - cond) * bloc.vote + bloc.against)
        return np.asarray(np.tensordot(weights, joint, axes=(0, 0)), dtype=float)
    return yea_nay_distribution(p * bloc.vote, (1.0 - p) * bloc.vote + bloc.against)


def _shared_turnout(blocs: Sequence[Bloc]) -> float | None:
    """The one turnout probability of every member when all share it and none is counted
    against without voting (then the whole chamber is one thinning), else None."""
    if not blocs or not all(b.p.size for b in blocs):
        return None
    v = float(blocs[0].vote.flat[0])
    if any(np.any(b.against) or np.any(b.vote != v) for b in blocs):
        return None
    return v


def _padded_yea_counts(ps: Sequence[NDArray[np.float64]]) -> NDArray[np.float64]:
    """:func:`yea_count_distribution` of several groups at once, (..., groups, n_max + 1).

    Each group's probabilities (last axis; leading axes shared) are padded with members who
    never vote yea (p = 0), which leave the recursion exactly unchanged (×1, +0).
    """
    width = max(p.shape[-1] for p in ps)
    lead = np.broadcast_shapes(*(p.shape[:-1] for p in ps))
    stacked = np.zeros(lead + (len(ps), width))
    for g, p in enumerate(ps):
        stacked[..., g, : p.shape[-1]] = p
    return yea_count_distribution(stacked)


def _thinned_chamber(
    blocs: Sequence[Bloc], v: float, common_shock_sd: float, nodes: int
) -> NDArray[np.float64]:
    """The chamber's (Y, N) when every member turns out with probability v: the number T who
    would vote yea is the sum over independent blocs, so its distribution is the convolution
    of the blocs' (each integrated over its own shock), and Y | T ~ Bin(T, v), N | T ~ Bin(n −
    T, v) (module docstring) for the chamber as a whole: one thinning instead of one per bloc
    and a two-dimensional convolution. The common shock is integrated over T, which the
    result is linear in."""
    z, weights = gauss_hermite(nodes)
    zc: NDArray[np.float64] = z if common_shock_sd > 0 else np.zeros(1)
    wc: NDArray[np.float64] = weights if common_shock_sd > 0 else np.ones(1)
    ps = []
    for b in blocs:
        p = b.p[None, :] if common_shock_sd <= 0 else shocked(b.p, common_shock_sd, zc)
        p = p[None]  # (1, C, n_b): C common-shock nodes (1 without)
        if b.shock_sd > 0:
            p = shocked(p, b.shock_sd, z[:, None])  # (nodes, C, n_b)
        ps.append(np.asarray(p, dtype=float))
    counts = _padded_yea_counts(ps)  # (nodes | 1, C, blocs, n_max + 1)
    total = np.ones((zc.size, 1))
    for g, b in enumerate(blocs):
        inner = weights if b.shock_sd > 0 else np.ones(1)
        part = np.tensordot(inner, counts[: inner.size, :, g, : b.p.size + 1], axes=(0, 0))
        total = np.stack([np.convolve(t, q) for t, q in zip(total, part, strict=True)])
    return thinned_yea_nay(wc @ total, v)


def chamber_distribution(
    blocs: Sequence[Bloc],
    *,
    common_shock_sd: float = 0.0,
    nodes: int = 16,
    method: Method = "recursion",
) -> NDArray[np.float64]:
    """P(Y = y, N = m) for the whole chamber, indexed [y, m], exact up to the quadrature.

    ``method="thinning"`` computes each bloc with one turnout probability and no "present"
    counted against by the O(n²) thinning identity (other blocs by the recursion), and a
    chamber whose members all share one turnout by a single thinning; it agrees with
    ``"recursion"`` to round-off (~1e-15 relative where the probability is not itself at the
    ~1e-17 level of the FFT's absolute error) and is ~20 times faster for the Senate.
    """
    turnout = _shared_turnout(blocs) if method == "thinning" else None
    result = (
        _thinned_chamber(blocs, turnout, common_shock_sd, nodes)
        if turnout is not None
        else _convolved_chamber(blocs, common_shock_sd, nodes, method)
    )
    result = np.clip(result, 0.0, None)
    return np.asarray(result / result.sum(), dtype=float)


def _convolved_chamber(
    blocs: Sequence[Bloc], common_shock_sd: float, nodes: int, method: Method
) -> NDArray[np.float64]:
    """Each bloc's (Y, N) distribution, convolved across blocs, integrated over the common
    shock (unnormalised)."""

    def given(common_z: float | None) -> NDArray[np.float64]:
        total = np.ones((1, 1))
        for bloc in blocs:
            p = (
                bloc.p
                if common_z is None
                else shocked(bloc.p, common_shock_sd, np.asarray(common_z))
            )
            part = _bloc_distribution(bloc, np.asarray(p, dtype=float), nodes, method)
            total = fftconvolve(total, part) if total.size > 1 else total * part
        return total

    if common_shock_sd > 0:
        z, weights = gauss_hermite(nodes)
        out = sum(w * given(float(zz)) for zz, w in zip(z, weights, strict=True))
        return np.asarray(out, dtype=float)
    return given(None)
