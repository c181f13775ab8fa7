"""The ratification lens's sweep fast path equals ``summary(run(...))`` (to round-off)."""

from __future__ import annotations

import numpy as np
import pytest

from detente.ratification.distribution import (
    Bloc,
    chamber_distribution,
    thinned_yea_nay,
    yea_count_distribution,
    yea_nay_distribution,
)
from detente.ratification.lens import RatificationLens
from detente.scenario import load_scenario
from detente.scenario.catalog import shipped_path
from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs


def _close(a: dict[str, float], b: dict[str, float]) -> None:
    assert list(a) == list(b)
    for key, value in a.items():
        assert value == pytest.approx(b[key], rel=1e-9, abs=1e-300), key


def test_sweep_summary_equals_summary_of_run_on_drawn_variants() -> None:
    scenario = load_scenario(shipped_path("ukraine-2025"))
    inputs = find_inputs(scenario)
    plan = VariantPlan(inputs)
    draws = 6
    columns = draw_columns(inputs, draws, seed=11)
    lens = RatificationLens()
    seen_vote = set()
    for row in range(draws):
        variant = plan.apply(scenario, [column[row] for column in columns])
        fast = dict(lens.sweep_summary(variant, np.random.default_rng(row)))
        slow = dict(lens.summary(lens.run(variant, np.random.default_rng(row))))
        _close(fast, slow)
        seen_vote |= {k for k in fast if k.startswith("expected_yeas.")}
    # The draws exercise the vote path, not only the no-vote legal forms.
    assert seen_vote


def test_depends_on_names_the_sections_read() -> None:
    assert RatificationLens.depends_on == ("ratification", "guarantees")


@pytest.mark.parametrize("n", [1, 2, 7, 40])
def test_thinning_identity_equals_the_two_dimensional_recursion(n: int) -> None:
    """P(Y=y, N=m) = Σ_t P(T=t) Bin(y; t, v) Bin(m; n−t, v) (engine docstring) against the
    O(n³) recursion of Hong (2013) in two dimensions."""
    rng = np.random.default_rng(n)
    p = rng.random(n)
    v = float(rng.uniform(0.5, 1.0))
    exact = yea_nay_distribution(p * v, (1 - p) * v)
    fast = thinned_yea_nay(yea_count_distribution(p), v)
    assert fast.shape == exact.shape
    np.testing.assert_allclose(fast, exact, rtol=1e-12, atol=1e-17)


def test_thinning_method_matches_recursion_for_a_shocked_chamber() -> None:
    rng = np.random.default_rng(3)
    blocs = [
        Bloc(rng.random(30), np.full(30, 0.97), np.zeros(30), 0.6),
        Bloc(rng.random(25), np.full(25, 0.9), np.zeros(25), 0.3),
        # Unequal turnout: falls back to the recursion inside the thinning method.
        Bloc(rng.random(5), rng.uniform(0.8, 1.0, 5), np.zeros(5), 0.4),
    ]
    slow = chamber_distribution(blocs, common_shock_sd=0.3, nodes=8)
    fast = chamber_distribution(blocs, common_shock_sd=0.3, nodes=8, method="thinning")
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-15)
    big = slow > 1e-8
    np.testing.assert_allclose(fast[big], slow[big], rtol=1e-9)


@pytest.mark.parametrize("common_sd", [0.0, 0.4])
@pytest.mark.parametrize("bloc_sds", [(0.0, 0.0), (0.6, 0.0), (0.5, 0.3)])
def test_one_thinning_for_a_chamber_with_one_turnout(
    common_sd: float, bloc_sds: tuple[float, float]
) -> None:
    """Every member turns out with the same v: the whole chamber is thinned once, from the
    convolution of the blocs' yea counts; equal to the O(n³) recursion to round-off."""
    rng = np.random.default_rng(int(10 * common_sd + 100 * sum(bloc_sds)))
    sizes = (23, 17)
    blocs = [
        Bloc(rng.random(k), np.full(k, 0.93), np.zeros(k), sd)
        for k, sd in zip(sizes, bloc_sds, strict=True)
    ]
    slow = chamber_distribution(blocs, common_shock_sd=common_sd, nodes=8)
    fast = chamber_distribution(blocs, common_shock_sd=common_sd, nodes=8, method="thinning")
    assert fast.shape == slow.shape == (41, 41)
    np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-15)
    big = slow > 1e-8
    np.testing.assert_allclose(fast[big], slow[big], rtol=1e-9)
