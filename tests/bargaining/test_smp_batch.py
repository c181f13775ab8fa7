"""Lockstep SMP runs (the sweep's fast path) give exactly ``run_smp``'s forecasts.

Exact, not approximate: SMP's choices (best target, winning bargain) can turn on the last bit
when two options tie, so any round-off difference between the two paths would sometimes send a
run down another trajectory. The same exactness makes a sweep independent of its batching.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.bargaining.inputs import SpatialInputs
from detente.bargaining.lens import BargainingLens
from detente.bargaining.options import (
    BargainModel,
    BigRAdjust,
    BigRRange,
    InterVecBargain,
    PCEModel,
    SMPParameters,
    StateTransition,
    ThirdPartyCommit,
    VictoryProb,
    VotingRule,
)
from detente.bargaining.smp import run_smp
from detente.bargaining.smp_batch import batchable, run_smp_batch
from detente.bargaining.sums import lane_sum, running_sum
from detente.scenario import load_scenario, shipped_path
from detente.uncertainty.runner import _lens_generator
from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs

from .strategies import spatial_inputs

batchable_parameters = st.builds(
    SMPParameters,
    victory_prob=st.sampled_from(list(VictoryProb)),
    pce=st.just(PCEModel.CONDITIONAL),
    state_transition=st.just(StateTransition.DETERMINISTIC),
    voting_rule=st.sampled_from(list(VotingRule)),
    big_r_adjust=st.sampled_from(list(BigRAdjust)),
    big_r_range=st.sampled_from(list(BigRRange)),
    third_party_commit=st.sampled_from(list(ThirdPartyCommit)),
    inter_vec_bargain=st.sampled_from(list(InterVecBargain)),
    bargain_model=st.sampled_from(list(BargainModel)),
    max_rounds=st.integers(2, 40),
)


def _expected(runs: list[SpatialInputs], params: SMPParameters) -> tuple[np.ndarray, list[int]]:
    results = [run_smp(r, params) for r in runs]
    return np.stack([r.forecast_unit() for r in results]), [len(r.rounds) for r in results]


def _with_accommodation(inputs: SpatialInputs, seed: int) -> SpatialInputs:
    """KTAB's accommodation matrix: rows non-negative, each summing to at most 1."""
    rng = np.random.default_rng(seed)
    n = inputs.n_actors
    raw = rng.uniform(0, 1, (n, n))
    matrix = raw / raw.sum(axis=1, keepdims=True) * rng.uniform(0.2, 1.0, (n, 1))
    return dataclasses.replace(inputs, accommodation=matrix)


@settings(max_examples=40, deadline=None)
@given(
    runs=st.lists(spatial_inputs(max_actors=6, max_dims=2), min_size=1, max_size=4),
    params=batchable_parameters,
    accommodate=st.booleans(),
)
def test_lockstep_forecasts_equal_single_runs_exactly(
    runs: list[SpatialInputs], params: SMPParameters, accommodate: bool
) -> None:
    dims = runs[0].n_dimensions
    runs = [r for r in runs if r.n_dimensions == dims]
    if accommodate:
        runs = [_with_accommodation(r, k) for k, r in enumerate(runs)]
    assert batchable(params)
    batch = run_smp_batch(runs, params)
    forecast, rounds = _expected(runs, params)
    np.testing.assert_array_equal(batch.forecast_unit, forecast)
    assert batch.rounds.tolist() == rounds


def _shipped_inputs(count: int, seed: int) -> list[SpatialInputs]:
    from detente.bargaining.inputs import inputs_from_section

    scenario = load_scenario(shipped_path())
    inputs = find_inputs(scenario)
    plan = VariantPlan(inputs)
    columns = draw_columns(inputs, count, seed)
    out = []
    for row in range(count):
        variant = plan.apply(scenario, [c[row] for c in columns])
        assert variant.bargaining is not None
        out.append(inputs_from_section(variant.bargaining, variant))
    return out


@pytest.mark.parametrize("model", list(BargainModel))
def test_shipped_variants_match_single_runs(model: BargainModel) -> None:
    params = SMPParameters(bargain_model=model)
    runs = _shipped_inputs(40, seed=8)
    batch = run_smp_batch(runs, params)
    forecast, rounds = _expected(runs, params)
    np.testing.assert_array_equal(batch.forecast_unit, forecast)
    assert batch.rounds.tolist() == rounds
    assert len(set(rounds)) > 3  # the runs really leave the lockstep at different rounds


def test_a_runs_answer_does_not_depend_on_its_batch() -> None:
    """Alone, reversed, or beside runs of another size: the same bits (sweep reproducibility)."""
    runs = _shipped_inputs(12, seed=21)
    whole = run_smp_batch(runs).forecast_unit
    alone = np.stack([run_smp_batch([r]).forecast_unit[0] for r in runs])
    backwards = run_smp_batch(runs[::-1]).forecast_unit[::-1]
    small = SpatialInputs(
        actors=("A", "B", "C"),
        actor_names=("A", "B", "C"),
        dimensions=runs[0].dimensions,
        dimension_labels=runs[0].dimension_labels,
        capability=[1.0, 0.5, 0.2],
        position=runs[0].position[:3],
        salience=runs[0].salience[:3],
        low=runs[0].low,
        high=runs[0].high,
    )
    mixed = run_smp_batch([small, *runs, small]).forecast_unit[1:-1]
    for other in (alone, backwards, mixed):
        np.testing.assert_array_equal(other, whole)


@pytest.mark.parametrize(
    "params",
    [
        SMPParameters(state_transition=StateTransition.STOCHASTIC),
        SMPParameters(pce=PCEModel.MARKOV_UNIFORM),
        SMPParameters(pce=PCEModel.MARKOV_INCENTIVE),
    ],
)
def test_other_options_run_one_at_a_time(params: SMPParameters) -> None:
    runs = _shipped_inputs(3, seed=2)
    assert not batchable(params)
    forecast, rounds = _expected(runs, params)
    batch = run_smp_batch(runs, params)
    np.testing.assert_array_equal(batch.forecast_unit, forecast)
    assert batch.rounds.tolist() == rounds


def test_bad_batches_are_refused() -> None:
    runs = _shipped_inputs(2, seed=3)
    fewer = dataclasses.replace(
        runs[1],
        dimensions=runs[1].dimensions[:2],
        dimension_labels=runs[1].dimension_labels[:2],
        position=runs[1].position[:, :2],
        salience=runs[1].salience[:, :2],
        low=runs[1].low[:2],
        high=runs[1].high[:2],
        units=runs[1].units[:2],
    )
    with pytest.raises(ValueError, match="same issues"):
        run_smp_batch([runs[0], fewer])
    assert run_smp_batch([]).forecast_unit.shape == (0, 0)


def test_lens_sweep_summaries_equal_draw_by_draw() -> None:
    lens = BargainingLens()
    scenario = load_scenario(shipped_path())
    inputs = find_inputs(scenario)
    plan = VariantPlan(inputs)
    columns = draw_columns(inputs, 6, 5)
    variants = [plan.apply(scenario, [c[row] for c in columns]) for row in range(6)]
    rngs = [_lens_generator(5, d, "bargaining") for d in range(6)]
    many = lens.sweep_summaries(variants, rngs)
    one_by_one = [
        dict(lens.sweep_summary(v, _lens_generator(5, d, "bargaining")))
        for d, v in enumerate(variants)
    ]
    assert [dict(m) for m in many] == one_by_one


def test_sums_ignore_layout() -> None:
    rng = np.random.default_rng(0)
    values = rng.standard_normal((7, 9, 11)) * 10.0 ** rng.integers(-3, 3, (7, 9, 11))
    by_row = np.array([[values[a, :, c].sum() for c in range(11)] for a in range(7)])
    np.testing.assert_array_equal(lane_sum(values, 1), by_row)
    np.testing.assert_array_equal(lane_sum(np.asfortranarray(values), 1), by_row)
    left_to_right = values[:, :, 0]
    for k in range(1, 11):
        left_to_right = left_to_right + values[:, :, k]
    np.testing.assert_array_equal(running_sum(values, 2), left_to_right)
    mask = rng.random((7, 9, 11)) < 0.5
    np.testing.assert_array_equal(
        running_sum(values, 2, mask), running_sum(np.where(mask, values, 0.0), 2)
    )


def test_large_chambers_run_one_at_a_time_with_the_same_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above 100 actors the lockstep's n^3 temporaries would not fit a chunk: run_smp is used."""
    from detente.bargaining import smp_batch

    def no_lockstep(*args: object) -> None:
        raise AssertionError("a 101-actor run must not go through the lockstep")

    monkeypatch.setattr(smp_batch, "_lockstep", no_lockstep)
    rng = np.random.default_rng(4)
    n = 101
    inputs = SpatialInputs(
        actors=tuple(f"A{i}" for i in range(n)),
        actor_names=tuple(f"A{i}" for i in range(n)),
        dimensions=("D0",),
        dimension_labels=("D0",),
        capability=rng.uniform(1, 100, n),
        position=rng.integers(0, 101, (n, 1)).astype(float),
        salience=rng.uniform(0.3, 1.0, (n, 1)),
        low=np.zeros(1),
        high=np.full(1, 100.0),
    )
    params = SMPParameters(max_rounds=2)
    batch = run_smp_batch([inputs], params)
    forecast, rounds = _expected([inputs], params)
    np.testing.assert_array_equal(batch.forecast_unit, forecast)
    assert batch.rounds.tolist() == rounds == [2]
