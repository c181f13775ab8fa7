"""Theorems the bargaining engines must satisfy (reference document, bargaining §6)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.bargaining.bdm import run_bdm
from detente.bargaining.inputs import SpatialInputs
from detente.bargaining.options import (
    PCEModel,
    SMPParameters,
    StateTransition,
    VictoryProb,
    VotingRule,
)
from detente.bargaining.pce import condorcet_probabilities, scalar_pce
from detente.bargaining.smp import run_smp
from detente.bargaining.stokman import run_stokman
from detente.bargaining.voting import coalition_strengths, victory_probabilities
from detente.bargaining.weighted_mean import weighted_mean

from .strategies import spatial_inputs

SETTINGS = settings(max_examples=25, deadline=None)


@SETTINGS
@given(
    st.integers(2, 12),
    st.integers(0, 2**32 - 1),
    st.sampled_from(list(PCEModel)),
    st.sampled_from(list(VictoryProb)),
    st.sampled_from(list(VotingRule)),
)
def test_pce_is_a_probability_distribution(
    m: int, seed: int, pce: PCEModel, vp: VictoryProb, rule: VotingRule
) -> None:
    rng = np.random.default_rng(seed)
    weights = rng.uniform(0.1, 10, 6)
    utilities = rng.uniform(0, 1, (6, m))
    p = scalar_pce(weights, utilities, rule, vp, pce)
    assert p.shape == (m,)
    assert np.all(p >= 0)
    assert abs(p.sum() - 1) < 1e-9


@SETTINGS
@given(st.integers(2, 10), st.integers(0, 2**32 - 1), st.sampled_from(list(VictoryProb)))
def test_victory_probabilities_are_complementary(m: int, seed: int, vp: VictoryProb) -> None:
    rng = np.random.default_rng(seed)
    c = coalition_strengths(
        VotingRule.PROPORTIONAL, rng.uniform(0, 5, 5), rng.uniform(0, 1, (5, m))
    )
    p = victory_probabilities(vp, c)
    np.testing.assert_allclose(p + p.T, 1.0, atol=1e-12)
    np.testing.assert_allclose(np.diag(p), 0.5)


def test_conditional_pce_favours_a_condorcet_winner() -> None:
    """An option preferred by every voter to every other gets the highest probability."""
    utilities = np.array([[1.0, 0.5, 0.2], [0.9, 0.1, 0.4], [0.8, 0.7, 0.3]])
    for model in PCEModel:
        p = scalar_pce(np.ones(3), utilities, VotingRule.PROPORTIONAL, VictoryProb.LINEAR, model)
        assert int(np.argmax(p)) == 0


@SETTINGS
@given(spatial_inputs())
def test_weighted_mean_is_capability_salience_average_and_stokman_start(
    inputs: SpatialInputs,
) -> None:
    w = inputs.capability[:, None] * inputs.salience
    expected = (w * inputs.position).sum(0) / w.sum(0)
    np.testing.assert_allclose(weighted_mean(inputs).values, expected, rtol=1e-12)
    np.testing.assert_allclose(run_stokman(inputs).nbs[0], expected, rtol=1e-12)


def _affine(inputs: SpatialInputs, k: int, a: float, b: float) -> SpatialInputs:
    position = inputs.position.copy()
    position[:, k] = a * position[:, k] + b
    low, high = inputs.low.copy(), inputs.high.copy()
    low[k], high[k] = a * low[k] + b, a * high[k] + b
    return SpatialInputs(
        inputs.actors,
        inputs.actor_names,
        inputs.dimensions,
        inputs.dimension_labels,
        inputs.capability,
        position,
        inputs.salience,
        low,
        high,
    )


@SETTINGS
@given(spatial_inputs(), st.floats(0.1, 50), st.floats(-1000, 1000))
def test_weighted_mean_and_bdm_are_affine_equivariant(
    inputs: SpatialInputs, a: float, b: float
) -> None:
    k = 0
    moved = _affine(inputs, k, a, b)
    np.testing.assert_allclose(
        weighted_mean(moved).values[k],
        a * weighted_mean(inputs).values[k] + b,
        rtol=1e-9,
        atol=1e-9 * (abs(b) + 1),
    )
    before = run_bdm(inputs).positions[:, :, k]
    after = run_bdm(moved).positions[:, :, k]
    np.testing.assert_allclose(after, a * before + b, rtol=1e-7, atol=1e-7 * (abs(b) + a * 100))


@SETTINGS
@given(spatial_inputs())
def test_smp_is_invariant_to_the_issue_scale(inputs: SpatialInputs) -> None:
    """SMP is defined on [0, 1]: an issue's scale changes the report, not the dynamics."""
    moved = _affine(inputs, 0, 10.0, -300.0)
    a, b = run_smp(inputs), run_smp(moved)
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_allclose(
        b.positions_on_scale()[..., 0], 10 * a.positions_on_scale()[..., 0] - 300
    )


def _tie_free(inputs: SpatialInputs) -> bool:
    x = inputs.position
    n = x.shape[0]
    return all(np.any(x[i] != x[j]) for i in range(n) for j in range(i))


@SETTINGS
@given(spatial_inputs(), st.randoms(use_true_random=False))
def test_permuting_actors_permutes_outputs(inputs: SpatialInputs, random) -> None:  # type: ignore[no-untyped-def]
    order = list(range(inputs.n_actors))
    random.shuffle(order)
    a = run_smp(inputs)
    b = run_smp(inputs.permuted(order))
    if not _tie_free(inputs) or a.n_states != b.n_states:
        # Exact ties (e.g. equal ΔEU) are broken by the lowest index, which a permutation
        # changes; the reference document claims invariance only for tie-free actors.
        return
    np.testing.assert_allclose(b.risk_attitude[0], a.risk_attitude[0][order], atol=1e-12)
    np.testing.assert_allclose(b.win_probability[0], a.win_probability[0][order], atol=1e-12)
    np.testing.assert_allclose(b.positions[:, :], a.positions[:, order], atol=1e-9)
    np.testing.assert_allclose(
        weighted_mean(inputs.permuted(order)).values, weighted_mean(inputs).values, rtol=1e-12
    )


@SETTINGS
@given(spatial_inputs(max_actors=6), st.integers(0, 1000))
def test_stochastic_smp_is_reproducible_for_a_seed(inputs: SpatialInputs, seed: int) -> None:
    params = SMPParameters(state_transition=StateTransition.STOCHASTIC, max_rounds=8)
    a = run_smp(inputs, params, seed)
    b = run_smp(inputs, params, np.random.default_rng(seed))
    np.testing.assert_array_equal(a.positions, b.positions)


@SETTINGS
@given(spatial_inputs(max_actors=6), st.integers(0, 1000), st.integers(0, 1000))
def test_deterministic_smp_ignores_the_seed(inputs: SpatialInputs, s1: int, s2: int) -> None:
    a = run_smp(inputs, None, s1)
    b = run_smp(inputs, None, s2)
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_array_equal(a.win_probability, b.win_probability)


@SETTINGS
@given(spatial_inputs())
def test_duplicate_positions_share_one_pce_option(inputs: SpatialInputs) -> None:
    position = inputs.position.copy()
    position[1] = position[0]
    twin = SpatialInputs(
        inputs.actors,
        inputs.actor_names,
        inputs.dimensions,
        inputs.dimension_labels,
        inputs.capability,
        position,
        inputs.salience,
        inputs.low,
        inputs.high,
    )
    result = run_smp(twin)
    assert result.win_probability[0, 0] == result.win_probability[0, 1]


def test_markov_pce_models_converge_to_distribution() -> None:
    victory = np.array([[0.5, 0.7, 0.6], [0.3, 0.5, 0.8], [0.4, 0.2, 0.5]])
    strengths = victory * 3
    for model in PCEModel:
        p = condorcet_probabilities(model, victory, strengths)
        assert abs(p.sum() - 1) < 1e-9 and np.all(p > 0)


def _dummy() -> SpatialInputs:
    from pathlib import Path

    from detente.bargaining.ktab_csv import read_ktab_csv

    return read_ktab_csv(Path(__file__).parent / "data" / "dummyData_3Dim.csv")


def test_stochastic_runs_depend_on_the_seed() -> None:
    params = SMPParameters(state_transition=StateTransition.STOCHASTIC, max_rounds=10)
    runs = {run_smp(_dummy(), params, seed).positions.tobytes() for seed in range(6)}
    assert len(runs) > 1


def _option_variants() -> list[SMPParameters]:
    from dataclasses import fields, replace
    from enum import Enum

    variants = []
    for f in fields(SMPParameters):
        default = getattr(SMPParameters(), f.name)
        if isinstance(default, Enum):
            for value in type(default):
                if value is not default:
                    variants.append(replace(SMPParameters(max_rounds=12), **{f.name: value}))
    return variants


import pytest  # noqa: E402


@pytest.mark.parametrize("params", _option_variants(), ids=lambda p: repr(p)[:60])
def test_every_option_gives_valid_convex_bargains(params: SMPParameters) -> None:
    """Bargains interpolate between the two sides, so positions stay in the inputs' hull."""
    inputs = _dummy()
    result = run_smp(inputs, params, 3)
    x0 = inputs.unit_positions()
    assert np.all(result.positions >= x0.min(axis=0) - 1e-4)
    assert np.all(result.positions <= x0.max(axis=0) + 1e-4)
    assert np.all((result.win_probability >= 0) & (result.win_probability <= 1 + 1e-12))
    for rnd in result.rounds:
        for b in rnd.bargains:
            lo = np.minimum(
                result.positions[rnd.turn, b.initiator], result.positions[rnd.turn, b.receiver]
            )
            hi = np.maximum(
                result.positions[rnd.turn, b.initiator], result.positions[rnd.turn, b.receiver]
            )
            for point in (b.initiator_position, b.receiver_position):
                assert np.all(np.asarray(point) >= lo - 1e-4) and np.all(
                    np.asarray(point) <= hi + 1e-4
                )
