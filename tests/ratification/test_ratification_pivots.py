"""Krehbiel (1998) pivots in one dimension."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from detente.ratification import pivots


def test_treaty_pivot_is_34th_from_the_right_of_100() -> None:
    x = np.arange(1, 101, dtype=float)  # x(i) = i
    rng = np.random.default_rng(0)
    shuffled = rng.permutation(x)
    piv = pivots.one_dimensional_pivot(shuffled, 67, treaty=80.0, status_quo=10.0)
    # x(n - k + 1) = x(34) = 34: the 67th member counting from the right.
    assert piv.ideal_point == 34.0
    assert piv.cutpoint == 45.0
    assert not piv.passes  # 34 < 45
    assert piv.ratifiable_set == (10.0, 58.0)  # (q, 2·34 − q)
    assert piv.margin_members == 55 - 67
    modest = pivots.one_dimensional_pivot(shuffled, 67, treaty=50.0, status_quo=10.0)
    assert modest.passes and modest.margin_members == 70 - 67


def test_filibuster_pivot_is_x41_and_mirror_case() -> None:
    x = np.arange(1, 101, dtype=float)
    assert pivots.one_dimensional_pivot(x, 60, treaty=90.0, status_quo=0.0).ideal_point == 41.0
    # Treaty left of the status quo: the pivot is the k-th from the left, x(67).
    left = pivots.one_dimensional_pivot(x, 67, treaty=20.0, status_quo=90.0)
    assert left.ideal_point == 67.0
    assert left.ratifiable_set == (44.0, 90.0)
    assert not left.passes  # T = 20 lies outside (44, 90)


@given(
    st.lists(st.floats(-1, 1, allow_nan=False), min_size=5, max_size=40, unique=True),
    st.floats(-1, 1, allow_nan=False),
    st.floats(-1, 1, allow_nan=False),
    st.data(),
)
def test_passes_iff_k_members_prefer_the_treaty(
    xs: list[float], t: float, q: float, data: st.DataObject
) -> None:
    # Theorem (Krehbiel 1998): passage iff the pivot prefers T to q iff ≥ k members do.
    if abs(t - q) < 1e-6:
        return
    k = data.draw(st.integers(1, len(xs)))
    piv = pivots.one_dimensional_pivot(xs, k, t, q)
    x = np.asarray(xs)
    prefer = np.abs(x - t) < np.abs(x - q)
    if not np.any(np.isclose(np.abs(x - t), np.abs(x - q))):
        assert piv.passes == (int(prefer.sum()) >= k)
        assert piv.margin_members == int(prefer.sum()) - k


def test_kth_most_supportive() -> None:
    scores = [0.3, -0.1, 0.9, 0.0]
    assert pivots.kth_most_supportive(scores, 1) == 2
    assert pivots.kth_most_supportive(scores, 3) == 3
    assert pivots.yea_side_count(scores) == 2
