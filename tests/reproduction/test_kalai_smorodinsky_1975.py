"""Kalai & Smorodinsky (1975), "Other solutions to Nash's bargaining problem", Econometrica
43(3):513-518: the example that motivates their solution.

S = conv{(0,0), (0,1), (3/4,3/4), (1,0)} and T = conv{(0,0), (0,1), (1,0.7), (1,0)}, both with
disagreement (0,0) and the same ideal point (1,1). T gives player 2 more than S for every
utility of player 1, yet the Nash solution moves from (3/4, 3/4) in S to (1, 0.7) in T: player
2 loses. Their solution (the Pareto point on the line to the ideal point) is (3/4, 3/4) in S
and (10/13, 10/13) in T, where u2 = 1 − 0.3·u1 meets u1 = u2: both gain (monotonicity).
"""

from __future__ import annotations

import numpy as np
import pytest

from detente.deals.fair_division import kalai_smorodinsky, nash_solution

S = np.array([[0, 0], [0, 1], [0.75, 0.75], [1, 0]], dtype=float)
T = np.array([[0, 0], [0, 1], [1, 0.7], [1, 0]], dtype=float)
D = np.zeros(2)


def test_nash_solutions_of_the_two_sets() -> None:
    assert nash_solution(S, D, convex=True)[1] == pytest.approx([0.75, 0.75])
    assert nash_solution(T, D, convex=True)[1] == pytest.approx([1.0, 0.7])


def test_kalai_smorodinsky_solutions_and_monotonicity() -> None:
    s = kalai_smorodinsky(S, D, convex=True)[1]
    t = kalai_smorodinsky(T, D, convex=True)[1]
    assert s == pytest.approx([0.75, 0.75])
    assert t == pytest.approx([10 / 13, 10 / 13])
    assert np.all(t >= s)  # every player gains when the set grows this way
    assert nash_solution(T, D, convex=True)[1][1] < nash_solution(S, D, convex=True)[1][1]
