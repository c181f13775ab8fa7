"""The DW-NOMINATE probit (Poole & Rosenthal 1997; voteview/WebVoteView#25) and its cutting line."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import norm

from detente.ratification import nominate

coord = st.floats(-1.5, 1.5, allow_nan=False)


def test_probability_matches_the_published_formula() -> None:
    x = np.array([[0.2, -0.3]])
    m, d, beta, w = (0.328, 0.096), (0.965, 0.362), 8.8, 0.4
    yea = np.array(m) - np.array(d)
    nay = np.array(m) + np.array(d)
    u_y = beta * np.exp(-0.5 * ((0.2 - yea[0]) ** 2 + w**2 * (-0.3 - yea[1]) ** 2))
    u_n = beta * np.exp(-0.5 * ((0.2 - nay[0]) ** 2 + w**2 * (-0.3 - nay[1]) ** 2))
    assert nominate.yea_probabilities(x, m, d, beta, w)[0] == norm.cdf(u_y - u_n)


def test_new_start_direction_liberals_vote_yea() -> None:
    # New START (m, d) from Voteview: a liberal senator votes yea, a conservative nay.
    m, d = (0.328, 0.096), (0.965, 0.362)
    p = nominate.yea_probabilities(np.array([[-0.4, 0.0], [0.8, 0.3]]), m, d, 8.8, 0.4)
    assert p[0] > 0.9 and p[1] < 0.1


@given(coord, coord, coord, coord, coord, coord, st.floats(0.1, 20), st.floats(0.0, 1.5))
def test_yea_side_of_cutting_line_iff_probability_above_half(
    x1: float, x2: float, m1: float, m2: float, d1: float, d2: float, beta: float, w: float
) -> None:
    # u_y > u_n  ⟺  weighted distance to o_yea < to o_nay  ⟺  d1(x1−m1) + w²d2(x2−m2) < 0.
    if abs(d1) + w * w * abs(d2) < 1e-3:
        return
    score = nominate.support_scores(np.array([[x1, x2]]), (m1, m2), (d1, d2), w)[0]
    p = nominate.yea_probabilities(np.array([[x1, x2]]), (m1, m2), (d1, d2), beta, w)[0]
    if abs(score) > 1e-6 and abs(p - 0.5) > 1e-9:
        assert (score > 0) == (p > 0.5)


@given(coord, coord, coord, st.floats(0.1, 1.0), st.floats(-1, 1), st.floats(-0.5, 0.5))
def test_moving_the_midpoint_along_the_normal_shifts_every_score(
    x1: float, x2: float, m1: float, d1: float, d2: float, delta: float
) -> None:
    x = np.array([[x1, x2], [0.0, 0.0]])
    w = 0.4
    m = np.array([m1, 0.1])
    before = nominate.support_scores(x, m, (d1, d2), w)
    after = nominate.support_scores(
        x, m + delta * nominate.cutline_normal((d1, d2), w), (d1, d2), w
    )
    np.testing.assert_allclose(after - before, delta, atol=1e-12)
