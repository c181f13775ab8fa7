"""The Monte Carlo runner: reproducible on any executor, known answers, partial results."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from uncertainty_probe import FailingLens, InterruptingLens, ProbeLens, probe_scenario

from detente.errors import InputError
from detente.uncertainty.aggregate import summarize
from detente.uncertainty.executors import InProcessExecutor, open_backend
from detente.uncertainty.runner import run_sweep

LABELS = {"alternatives": ["a", "b", "c"], "weights": [1, 2, 1]}


def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    assert np.array_equal(a.draw, b.draw)
    assert a.input_values.keys() == b.input_values.keys()
    for name in a.input_values:
        assert np.array_equal(a.input_values[name], b.input_values[name])
    assert list(a.outputs) == list(b.outputs)
    for column in a.outputs:
        assert np.array_equal(a.outputs[column], b.outputs[column], equal_nan=True), column


def test_same_seed_same_results_in_process_on_a_pool_and_any_batch_size() -> None:
    scenario = probe_scenario(label=LABELS)
    lens = [ProbeLens()]
    reference = run_sweep(scenario, 600, lenses=lens, seed=11)
    small_batches = run_sweep(scenario, 600, lenses=lens, seed=11, batch_size=37)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = run_sweep(
            scenario, 600, lenses=lens, seed=11, executor=pool, workers=2, batch_size=100
        )
    with open_backend("processes", 2) as backend:
        via_backend = run_sweep(
            scenario, 600, lenses=lens, seed=11, executor=backend.executor, workers=backend.workers
        )
    for other in (small_batches, pooled, via_backend):
        _same(reference, other)
    assert reference.complete and reference.completed == 600
    # A different seed gives different draws (and different per-draw lens streams).
    different = run_sweep(scenario, 600, lenses=lens, seed=12)
    assert not np.array_equal(reference.outputs["probe:noise"], different.outputs["probe:noise"])


def test_threshold_probability_matches_the_analytic_tail() -> None:
    """x ~ Triangular(0, 0.5, 1): P(x > 0.7) = (1 - 0.7)^2 / ((1 - 0)(1 - 0.5)) = 0.18."""
    scenario = probe_scenario(
        factors=[{"id": "x", "value": {"dist": "triangular", "low": 0, "mode": 0.5, "high": 1}}]
    )
    result = run_sweep(scenario, 4000, lenses=[ProbeLens()], seed=5)
    above = next(s for s in summarize(result) if s.column == "probe:above")
    assert above.kind == "probability"
    standard_error = np.sqrt(0.18 * 0.82 / 4000)
    assert abs(above.probability - 0.18) < 4 * standard_error
    assert above.low < 0.18 < above.high
    assert above.nominal == 0.0  # nominal x = 0.5 is below the threshold
    # The inputs recorded per draw are the ones the lens saw.
    x = result.input_values["probe.factors[x].value"]
    assert np.array_equal(result.outputs["probe:above"], (x > 0.7).astype(float))
    assert np.allclose(result.outputs["probe:linear"], x)


def test_alternatives_are_drawn_with_their_weights_and_encoded() -> None:
    result = run_sweep(probe_scenario(label=LABELS), 2000, lenses=[ProbeLens()], seed=2)
    codes = result.input_values["probe.label"]
    assert np.array_equal(result.outputs["probe:picked_b"], (codes == 1).astype(float))
    assert abs(result.outputs["probe:picked_b"].mean() - 0.5) < 4 * np.sqrt(0.25 / 2000)


def test_a_lens_failing_on_some_draws_is_reported_not_fatal() -> None:
    scenario = probe_scenario()
    result = run_sweep(scenario, 300, lenses=[ProbeLens(), FailingLens()], seed=1)
    x1 = result.input_values["probe.factors[x1].value"]
    failing = result.outputs["failing:linear"]
    assert np.all(np.isnan(failing[x1 > 0.9])) and np.all(np.isfinite(failing[x1 <= 0.9]))
    (failure,) = result.failures
    assert failure.lens == "failing" and failure.count == int((x1 > 0.9).sum())
    assert "first factor too large" in failure.message
    assert np.all(np.isfinite(result.outputs["probe:linear"]))


def test_ctrl_c_keeps_completed_batches() -> None:
    scenario = probe_scenario()
    full = run_sweep(scenario, 2000, lenses=[ProbeLens()], seed=6)
    first_bad = int(np.argmax(full.input_values["probe.factors[x1].value"] > 0.995))
    assert 100 < first_bad < 2000
    result = run_sweep(scenario, 2000, lenses=[InterruptingLens()], seed=6, batch_size=100)
    assert result.stopped == "interrupted" and not result.complete
    # Every batch before the one that was interrupted is kept, and nothing after it.
    assert result.completed == (first_bad // 100) * 100
    assert np.array_equal(result.draw, np.arange(result.completed))
    assert np.array_equal(
        result.outputs["interrupting:linear"], full.outputs["probe:linear"][: result.completed]
    )


def test_progress_reports_every_batch() -> None:
    seen: list[tuple[int, int]] = []
    run_sweep(
        probe_scenario(),
        250,
        lenses=[ProbeLens()],
        seed=0,
        batch_size=100,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(0, 250), (100, 250), (200, 250), (250, 250)]


@pytest.mark.parametrize("draws", [0, -5])
def test_draws_must_be_positive(draws: int) -> None:
    with pytest.raises(InputError, match="positive"):
        run_sweep(probe_scenario(), draws, lenses=[ProbeLens()], seed=0)


def test_unknown_or_inapplicable_lens_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown lens"):
        run_sweep(probe_scenario(), 10, lenses=["no-such-lens"], seed=0)
    plain = probe_scenario().model_copy(update={"probe": None})
    with pytest.raises(InputError, match="does not apply"):
        run_sweep(plain, 10, lenses=[ProbeLens()], seed=0)


def test_time_budget_stops_starting_batches_and_keeps_the_first_draws() -> None:
    result = run_sweep(
        probe_scenario(), 5000, lenses=[ProbeLens()], seed=0, batch_size=10, time_budget=0.0
    )
    assert result.stopped == "time budget"
    assert np.array_equal(result.draw, np.arange(result.completed)) and result.completed >= 10


class _DyingExecutor(InProcessExecutor):
    """Runs three tasks, then fails every later one as a lost worker would."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.submitted += 1
        if self.submitted > 3:
            from concurrent.futures import Future

            future: Future[object] = Future()
            future.set_exception(OSError("worker lost"))
            return future
        return super().submit(fn, *args, **kwargs)


def test_executor_failure_keeps_completed_batches() -> None:
    result = run_sweep(
        probe_scenario(),
        1000,
        lenses=[ProbeLens()],
        seed=0,
        batch_size=100,
        executor=_DyingExecutor(),
    )
    assert result.stopped == "OSError: worker lost"
    assert result.completed == 300 and np.array_equal(result.draw, np.arange(300))


def test_a_lens_declaring_its_sections_runs_once_per_distinct_input_values() -> None:
    from uncertainty_probe import CountingLens

    labels = {"alternatives": ["a", "b", "c"], "weights": [1, 2, 1]}
    only_labels = probe_scenario(factors=[{"id": "x1", "value": 0.2}], label=labels)
    CountingLens.runs = 0
    result = run_sweep(only_labels, 500, lenses=[CountingLens()], seed=3, batch_size=250)
    assert CountingLens.runs <= 2 * 3 + 1  # per batch at most one run per alternative; nominal
    reference = run_sweep(only_labels, 500, lenses=[ProbeLens()], seed=3)
    assert np.array_equal(result.outputs["counting:picked_b"], reference.outputs["probe:picked_b"])


def test_a_lens_fast_path_is_used_and_gives_the_same_columns() -> None:
    from uncertainty_probe import FastPathLens

    FastPathLens.full_runs = 0
    fast = run_sweep(probe_scenario(), 200, lenses=[FastPathLens()], seed=4)
    assert FastPathLens.full_runs == 0
    slow = run_sweep(probe_scenario(), 200, lenses=[ProbeLens()], seed=4)
    for key in ("linear", "above", "picked_b"):
        assert np.array_equal(fast.outputs[f"fastpath:{key}"], slow.outputs[f"probe:{key}"])


def test_a_lens_batch_path_gets_whole_batches_and_gives_the_same_columns() -> None:
    from uncertainty_probe import BatchingLens

    BatchingLens.calls = BatchingLens.draws = 0
    batched = run_sweep(probe_scenario(), 300, lenses=[BatchingLens()], seed=4, batch_size=100)
    assert BatchingLens.calls == 3 and BatchingLens.draws == 300  # one call per batch
    plain = run_sweep(probe_scenario(), 300, lenses=[ProbeLens()], seed=4)
    for key in ("linear", "above", "picked_b"):
        assert np.array_equal(batched.outputs[f"batching:{key}"], plain.outputs[f"probe:{key}"])
    # Each draw's generator is the lens's own stream for that draw, whatever the batching.
    other = run_sweep(probe_scenario(), 300, lenses=[BatchingLens()], seed=4, batch_size=7)
    assert np.array_equal(batched.outputs["batching:noise"], other.outputs["batching:noise"])
    assert len(np.unique(batched.outputs["batching:noise"])) == 300


def test_a_failing_batch_falls_back_to_draw_by_draw_and_keeps_the_good_draws() -> None:
    from uncertainty_probe import FailingBatchLens

    scenario = probe_scenario()
    batched = run_sweep(scenario, 300, lenses=[FailingBatchLens()], seed=1, batch_size=50)
    plain = run_sweep(scenario, 300, lenses=[FailingLens()], seed=1, batch_size=50)
    assert np.array_equal(
        batched.outputs["failing_batch:linear"], plain.outputs["failing:linear"], equal_nan=True
    )
    (failure,) = batched.failures
    assert failure.count == plain.failures[0].count > 0
    assert failure.first_draw == plain.failures[0].first_draw
    assert "first factor too large" in failure.message
