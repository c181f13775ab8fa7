"""Adjusted Winner's properties, the bargaining solutions and Fearon's range."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.deals.fair_division import (
    adjusted_winner,
    bargaining_range,
    kalai_smorodinsky,
    nash_solution,
    pareto_front,
)


def points(n: int) -> st.SearchStrategy[list[float]]:
    """n non-negative integer points summing to 100."""
    return st.lists(st.integers(0, 100), min_size=n - 1, max_size=n - 1).map(
        lambda cuts: np.diff([0, *sorted(cuts), 100]).astype(float).tolist()
    )


@settings(max_examples=200, deadline=None)
@given(n=st.integers(2, 7), data=st.data())
def test_adjusted_winner_is_equitable_envy_free_and_efficient(n: int, data: st.DataObject) -> None:
    """Brams & Taylor (1996), ch. 4: equal point totals, each at least 50 of its own points
    (so neither envies the other), and at most one issue split."""
    issues = [f"i{k}" for k in range(n)]
    a = dict(zip(issues, data.draw(points(n)), strict=True))
    b = dict(zip(issues, data.draw(points(n)), strict=True))
    result = adjusted_winner("A", "B", a, b)
    assert result.points["A"] == pytest.approx(result.points["B"], abs=1e-9)
    assert result.points["A"] >= 50 - 1e-9
    split = [k for k, v in result.shares.items() if 0 < v < 1]
    assert len(split) <= 1 and (not split or split[0] == result.split_issue)
    assert result.points["A"] == pytest.approx(sum(a[k] * v for k, v in result.shares.items()))
    assert result.points["B"] == pytest.approx(
        sum(b[k] * (1 - v) for k, v in result.shares.items())
    )
    # Efficient: no other allocation with a single split issue gives both more. Check every
    # whole-issue allocation: none beats both totals.
    for mask in range(2**n):
        give = [(mask >> k) & 1 for k in range(n)]
        ta = sum(a[k] for k, g in zip(issues, give, strict=True) if g)
        tb = sum(b[k] for k, g in zip(issues, give, strict=True) if not g)
        assert not (ta > result.points["A"] + 1e-9 and tb > result.points["B"] + 1e-9)


def test_adjusted_winner_worked_example() -> None:
    # A: x 50, y 30, z 20; B: x 20, y 30, z 50. x to A, z to B (50 each), y tied: to A (behind
    # or equal goes first to A), so A has 80, B 50; transfer y (ratio 1): A keeps 1 - 30/60.
    result = adjusted_winner("A", "B", {"x": 50, "y": 30, "z": 20}, {"x": 20, "y": 30, "z": 50})
    assert result.shares == {"x": 1.0, "y": 0.5, "z": 0.0}
    assert result.points == {"A": 65.0, "B": 65.0}
    assert result.split_issue == "y" and result.split_fraction == pytest.approx(0.5)


def test_points_must_sum_to_100() -> None:
    with pytest.raises(ValueError, match="sum to 100"):
        adjusted_winner("A", "B", {"x": 60, "y": 30}, {"x": 50, "y": 50})


def test_nash_split_of_a_dollar_with_a_risk_averse_partner() -> None:
    # u1 = x, u2 = sqrt(1 - x), d = (0, 0): max x sqrt(1 - x) at x = 2/3 (derived; the
    # textbook result that risk aversion costs a bargainer, Kihlstrom, Roth & Schmeidler 1981).
    x = np.linspace(0, 1, 30001)
    _index, point = nash_solution(np.column_stack([x, np.sqrt(1 - x)]), [0, 0])
    assert point[0] == pytest.approx(2 / 3, abs=1e-4)
    # KS: x = sqrt(1 - x), the golden section.
    _, ks = kalai_smorodinsky(np.column_stack([x, np.sqrt(1 - x)]), [0, 0])
    assert ks[0] == pytest.approx((np.sqrt(5) - 1) / 2, abs=1e-4)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=60)
)
def test_pareto_front_matches_the_definition(rows: list[tuple[float, float, float]]) -> None:
    p = np.array(rows)
    brute = [
        not any(np.all(p[j] >= p[i]) and np.any(p[j] > p[i]) for j in range(len(p)))
        for i in range(len(p))
    ]
    assert pareto_front(p).tolist() == brute
    assert pareto_front(p[:, :2]).tolist() == [
        not any(np.all(p[j, :2] >= p[i, :2]) and np.any(p[j, :2] > p[i, :2]) for j in range(len(p)))
        for i in range(len(p))
    ]


@settings(max_examples=200, deadline=None)
@given(p=st.floats(0, 1), ca=st.floats(1e-6, 1), cb=st.floats(1e-6, 1))
def test_fearon_range_is_never_empty_and_every_division_in_it_beats_war(
    p: float, ca: float, cb: float
) -> None:
    """Fearon (1995): A's war value p − c_A, B's (1 − p) − c_B; any x in [p − c_A, p + c_B]
    gives A x ≥ p − c_A and B 1 − x ≥ 1 − p − c_B."""
    low, high = bargaining_range(p, ca, cb)
    assert low <= high
    for x in np.linspace(low, high, 7):
        assert x >= p - ca - 1e-12 and 1 - x >= 1 - p - cb - 1e-12


def test_fearon_range_closed_form() -> None:
    assert bargaining_range(0.6, 0.1, 0.2) == pytest.approx((0.5, 0.8))
    assert bargaining_range(0.9, 0.05, 0.3) == pytest.approx((0.85, 1.0))  # clipped at 1
    with pytest.raises(ValueError):
        bargaining_range(1.2, 0.1, 0.1)
