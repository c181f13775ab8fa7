"""The Dask backend: a LocalCluster started here gives the same results as one process."""

from __future__ import annotations

import time

import numpy as np
import pytest
from uncertainty_probe import ProbeLens, probe_scenario

from detente.errors import InputError
from detente.uncertainty.executors import open_backend
from detente.uncertainty.runner import run_sweep

distributed = pytest.importorskip("distributed")

LABELS = {"alternatives": ["a", "b", "c"], "weights": [1, 2, 1]}


def test_dask_local_cluster_end_to_end_matches_in_process() -> None:
    scenario = probe_scenario(label=LABELS)
    reference = run_sweep(scenario, 400, lenses=[ProbeLens()], seed=21)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = run_sweep(
            scenario,
            400,
            lenses=[ProbeLens()],
            seed=21,
            executor=client.get_executor(),
            workers=2,
            batch_size=50,
        )
    assert result.complete
    assert np.array_equal(result.draw, reference.draw)
    for column in reference.outputs:
        assert np.array_equal(result.outputs[column], reference.outputs[column]), column


def test_unreachable_scheduler_fails_fast_with_the_address_and_a_hint() -> None:
    started = time.monotonic()
    with (
        pytest.raises(InputError) as caught,
        open_backend("dask://127.0.0.1:9", connect_timeout=1.0),
    ):
        pass
    assert time.monotonic() - started < 15
    text = str(caught.value)
    assert "tcp://127.0.0.1:9" in text and "hint" in text and "--backend processes" in text


def test_dask_local_backend_starts_and_closes_its_own_cluster() -> None:
    import cloudpickle
    import uncertainty_probe

    # Worker processes are spawned and cannot import this test-only module by name.
    cloudpickle.register_pickle_by_value(uncertainty_probe)
    try:
        scenario = probe_scenario()
        reference = run_sweep(scenario, 120, lenses=[ProbeLens()], seed=8)
        with open_backend("dask-local", 1) as backend:
            assert backend.workers == 1 and "LocalCluster" in backend.description
            result = run_sweep(
                scenario,
                120,
                lenses=[ProbeLens()],
                seed=8,
                executor=backend.executor,
                workers=backend.workers,
            )
        assert np.array_equal(result.outputs["probe:noise"], reference.outputs["probe:noise"])
    finally:
        cloudpickle.unregister_pickle_by_value(uncertainty_probe)
