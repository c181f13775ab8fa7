"""Theorems of the joint probability, asserted over random packages and draws (hypothesis).

* P(joint) never exceeds any of its factors, draw by draw and on average.
* With every input fixed, each party accepts or not (0 or 1) and P(joint) is the AND of the
  acceptances times P(in force) times P(deter).
* More sanctions relief never lowers Russia's surplus (its ideal point is full relief, and
  relief only raises its status-quo payoff).
* A stronger guarantee never raises P(ratified) where senators vote on the side of the
  cutting line (Krehbiel's deterministic model: a higher treaty position moves the cutpoint
  away from them).
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.deals.evaluate import evaluate_packages
from detente.deals.inputs import compile_inputs
from detente.scenario import load_scenario_text
from detente.uncertainty.variants import nominal_scenario

from .helpers import drawn, nominal_inputs, packages, shipped, shipped_text

SCALES = [(0, 100), (0, 100), (0, 100), (0, 1000), (0, 100)]
DESIGNS = 6


def term_vectors(n: int) -> st.SearchStrategy[list[list[float]]]:
    one = st.tuples(*(st.floats(lo, hi, allow_nan=False) for lo, hi in SCALES)).map(list)
    return st.lists(one, min_size=n, max_size=n)


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    terms=term_vectors(4),
    designs=st.lists(st.integers(0, DESIGNS - 1), min_size=4, max_size=4),
    seed=st.integers(0, 2**16),
)
def test_joint_never_exceeds_a_factor(
    terms: list[list[float]], designs: list[int], seed: int
) -> None:
    inputs = compile_inputs(drawn(shipped(), 12, seed))
    result = evaluate_packages(inputs, packages(np.array(terms), designs))
    joint = result.p_joint
    tolerance = 1e-12
    for factor in (result.p_ratify, result.p_deter, *np.moveaxis(result.accept, -1, 0)):
        assert np.all(joint <= factor + tolerance)
        assert joint.mean() <= factor.mean() + tolerance


@SETTINGS
@given(
    terms=term_vectors(5),
    designs=st.lists(st.integers(0, DESIGNS - 1), min_size=5, max_size=5),
    fallback=st.lists(st.integers(-1, DESIGNS - 1), min_size=5, max_size=5),
)
def test_fixed_inputs_give_the_and_of_the_acceptances(
    terms: list[list[float]], designs: list[int], fallback: list[int]
) -> None:
    fallback = [f if f != d else -1 for f, d in zip(fallback, designs, strict=True)]
    result = evaluate_packages(nominal_inputs(), packages(np.array(terms), designs, fallback))
    accept = result.accept[0]
    assert set(np.unique(accept.astype(float))) <= {0.0, 1.0}
    expected = np.all(accept, axis=1) * result.p_ratify[0] * result.p_deter[0]
    np.testing.assert_allclose(result.p_joint[0], expected, rtol=0, atol=1e-15)


@SETTINGS
@given(
    base=term_vectors(1),
    relief=st.tuples(st.floats(0, 100), st.floats(0, 100)).map(sorted),
    design=st.integers(0, DESIGNS - 1),
    seed=st.integers(0, 2**16),
)
def test_more_sanctions_relief_never_lowers_russias_acceptance(
    base: list[list[float]], relief: list[float], design: int, seed: int
) -> None:
    low, high = np.array(base * 2, dtype=float)
    low[4], high[4] = relief
    inputs = compile_inputs(drawn(shipped(), 12, seed))
    result = evaluate_packages(inputs, packages(np.stack([low, high]), [design, design]))
    russia = result.party_ids.index("RUS")
    surplus = result.surplus[:, :, russia]
    assert np.all(surplus[:, 1] >= surplus[:, 0] - 1e-12)
    assert np.all(result.accept[:, 1, russia] >= result.accept[:, 0, russia])


def _deterministic_senate() -> object:
    text = shipped_text().replace(
        "    kind: probit\n    beta:", "    kind: deterministic\n    beta:", 1
    )
    return load_scenario_text(text)


@SETTINGS
@given(
    base=term_vectors(1),
    strength=st.tuples(st.floats(0, 100), st.floats(0, 100)).map(sorted),
    design=st.sampled_from([4, 5]),  # the two Article II treaty designs
)
def test_a_stronger_guarantee_never_raises_ratification(
    base: list[list[float]], strength: list[float], design: int
) -> None:
    scenario = _deterministic_senate()
    inputs = compile_inputs([nominal_scenario(scenario)])  # type: ignore[arg-type]
    weak, strong = np.array(base * 2, dtype=float)
    weak[1], strong[1] = strength
    result = evaluate_packages(inputs, packages(np.stack([weak, strong]), [design, design]))
    assert result.p_ratify[0, 1] <= result.p_ratify[0, 0] + 1e-12
