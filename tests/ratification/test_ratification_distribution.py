"""Exact vote-count distributions against brute-force enumeration; the party shock."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.stats import norm

from detente.ratification.distribution import (
    Bloc,
    chamber_distribution,
    margin_distribution,
    shocked,
    yea_count_distribution,
    yea_nay_distribution,
)

prob = st.floats(0.0, 1.0, allow_nan=False)


def brute_yea_nay(qy: np.ndarray, qn: np.ndarray) -> np.ndarray:
    """Enumerate all 3^n outcomes (yea, nay, neither)."""
    n = len(qy)
    out = np.zeros((n + 1, n + 1))
    for votes in itertools.product((0, 1, 2), repeat=n):
        pr = 1.0
        for i, v in enumerate(votes):
            pr *= qy[i] if v == 0 else qn[i] if v == 1 else 1.0 - qy[i] - qn[i]
        out[votes.count(0), votes.count(1)] += pr
    return out


@st.composite
def members(draw: st.DrawFn, max_n: int = 6) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(1, max_n))
    p = np.array(draw(st.lists(prob, min_size=n, max_size=n)))
    a = np.array(draw(st.lists(prob, min_size=n, max_size=n)))
    return a * p, a * (1.0 - p)


@settings(max_examples=60, deadline=None)
@given(members())
def test_joint_distribution_equals_enumeration(m: tuple[np.ndarray, np.ndarray]) -> None:
    qy, qn = m
    np.testing.assert_allclose(yea_nay_distribution(qy, qn), brute_yea_nay(qy, qn), atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(prob, min_size=1, max_size=8))
def test_poisson_binomial_equals_enumeration(ps: list[float]) -> None:
    p = np.array(ps)
    brute = np.zeros(len(p) + 1)
    for votes in itertools.product((0, 1), repeat=len(p)):
        brute[sum(votes)] += np.prod([pi if v else 1 - pi for pi, v in zip(p, votes)])
    np.testing.assert_allclose(yea_count_distribution(p), brute, atol=1e-12)
    # With full attendance the joint distribution sits on Y + N = n and agrees.
    joint = yea_nay_distribution(p, 1 - p)
    np.testing.assert_allclose(
        joint[np.arange(len(p) + 1), len(p) - np.arange(len(p) + 1)], brute, atol=1e-12
    )


@settings(max_examples=40, deadline=None)
@given(members(), st.integers(1, 3), st.integers(1, 3))
def test_margin_distribution_equals_enumeration(
    m: tuple[np.ndarray, np.ndarray], wy: int, wn: int
) -> None:
    qy, qn = m
    brute = brute_yea_nay(qy, qn)
    support, probs = margin_distribution(qy, qn, wy, wn)
    expected = np.zeros_like(probs)
    for y in range(len(qy) + 1):
        for k in range(len(qy) + 1):
            expected[wy * y - wn * k - support[0]] += brute[y, k]
    np.testing.assert_allclose(probs, expected, atol=1e-12)


def test_batch_dimension() -> None:
    rng = np.random.default_rng(1)
    p = rng.random((5, 7))
    batch = yea_count_distribution(p)
    for b in range(5):
        np.testing.assert_allclose(batch[b], yea_count_distribution(p[b]), atol=1e-14)


@settings(max_examples=30, deadline=None)
@given(prob, st.floats(0.01, 3.0))
def test_shock_preserves_each_members_marginal(p: float, sd: float) -> None:
    # E_z Φ(Φ⁻¹(p)√(1+σ²) + σz) = p for z ~ N(0, 1).
    value, _ = integrate.quad(
        lambda z: float(shocked(np.array([p]), sd, np.array(z))[0]) * norm.pdf(z), -12, 12
    )
    assert abs(value - np.clip(p, 1e-15, 1 - 1e-15)) < 1e-7


def _moments(joint: np.ndarray) -> tuple[float, float]:
    y = np.arange(joint.shape[0])
    marginal = joint.sum(axis=1)
    mean = float(marginal @ y)
    return mean, float(marginal @ (y - mean) ** 2)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0.05, 0.95), min_size=3, max_size=12), st.floats(0.2, 2.0))
def test_party_shock_keeps_mean_and_widens_spread(ps: list[float], sd: float) -> None:
    p = np.array(ps)
    vote = np.full(p.size, 0.9)
    zero = np.zeros(p.size)
    independent = chamber_distribution([Bloc(p, vote, zero, 0.0)])
    correlated = chamber_distribution([Bloc(p, vote, zero, sd)], nodes=40)
    m0, v0 = _moments(independent)
    m1, v1 = _moments(correlated)
    assert abs(m0 - float(np.sum(0.9 * p))) < 1e-9
    assert abs(m1 - m0) < 1e-6
    assert v1 > v0 + 1e-6


def test_shocked_bloc_matches_numerical_integration() -> None:
    p = np.array([0.2, 0.5, 0.7, 0.9])
    vote = np.array([1.0, 0.8, 0.9, 1.0])
    zero = np.zeros(4)
    sd = 0.8
    got = chamber_distribution([Bloc(p, vote, zero, sd)], nodes=48)
    expected = np.zeros((5, 5))
    for y in range(5):
        for k in range(5):

            def integrand(z: float, y: int = y, k: int = k) -> float:
                c = shocked(p, sd, np.array(z))
                return float(brute_yea_nay(c * vote, (1 - c) * vote)[y, k] * norm.pdf(z))

            expected[y, k] = integrate.quad(integrand, -10, 10, epsabs=1e-12)[0]
    np.testing.assert_allclose(got, expected, atol=1e-9)


def test_independent_blocs_convolve() -> None:
    rng = np.random.default_rng(3)
    p1, p2 = rng.random(3), rng.random(4)
    v1, v2 = rng.random(3), rng.random(4)
    got = chamber_distribution([Bloc(p1, v1, np.zeros(3), 0.0), Bloc(p2, v2, np.zeros(4), 0.0)])
    p, v = np.concatenate([p1, p2]), np.concatenate([v1, v2])
    np.testing.assert_allclose(got, brute_yea_nay(p * v, (1 - p) * v), atol=1e-12)
