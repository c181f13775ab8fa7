"""Evaluation and search give identical answers for a seed on every executor: in-process,
local processes and a Dask cluster (the deals lens runs on the sweep runner; the search maps
fixed chunks in order)."""

from __future__ import annotations

import numpy as np
import pytest

from detente.uncertainty.deal_search import run_search
from detente.uncertainty.deals import deal_sweep
from detente.uncertainty.executors import open_backend

from .helpers import shipped


def _search(executor=None, workers=1):  # type: ignore[no-untyped-def]
    return run_search(
        shipped(),
        candidates=90,
        draws=12,
        seed=4,
        top=3,
        confirm_draws=30,
        executor=executor,
        workers=workers,
        chunk=40,
    )


def test_search_is_the_same_in_process_and_on_local_processes() -> None:
    reference = _search()
    with open_backend("processes", 2) as backend:
        other = _search(backend.executor, backend.workers)
    assert reference.top == other.top and reference.frontier == other.frontier
    np.testing.assert_array_equal(reference.scores.p_joint, other.scores.p_joint)
    for index, summary in reference.confirmed.items():
        assert other.confirmed[index] == summary


def test_deal_sweep_is_the_same_on_a_dask_cluster() -> None:
    distributed = pytest.importorskip("distributed")
    reference = deal_sweep(shipped(), 60, seed=9)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        other = deal_sweep(shipped(), 60, seed=9, executor=client.get_executor(), workers=2)
    assert other.packages == reference.packages
