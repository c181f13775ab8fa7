"""Scale limits: an oversized model is refused before allocation, with a useful message."""

from __future__ import annotations

import tracemalloc

import pytest

from detente.conflict import analyze_stability, ensure_fits, estimate_memory
from detente.conflict.limits import memory_budget
from detente.errors import ScaleError

from .builders import option_conflict


def test_estimate_grows_with_states_and_dms():
    assert estimate_memory(2**20, 4) > estimate_memory(2**16, 4) > 0
    assert estimate_memory(2**16, 6) > estimate_memory(2**16, 3)


def test_oversized_model_is_refused_with_sizes_and_what_fits():
    with pytest.raises(ScaleError) as info:
        ensure_fits(2**40, 4, what="conflict 'huge'", budget=4 * 2**30)
    text = str(info.value)
    assert "conflict 'huge'" in text
    assert "1,099,511,627,776 states" in text and "2^40.0" in text
    assert "GB" in text and "at most" in text and "options" in text
    ensure_fits(2**12, 4, what="small", budget=4 * 2**30)  # fits: no error


def test_budget_from_environment(monkeypatch):
    monkeypatch.setenv("DETENTE_MEMORY_BUDGET", "3G")
    assert memory_budget() == 3 * 2**30
    monkeypatch.setenv("DETENTE_MEMORY_BUDGET", "lots")
    with pytest.raises(ScaleError, match="DETENTE_MEMORY_BUDGET"):
        memory_budget()


def test_analysis_refuses_before_allocating(monkeypatch):
    import numpy as np

    n_options = 10
    conflict = option_conflict(
        ["A", "B"],
        [f"o{k}" for k in range(n_options)],
        [k % 2 for k in range(n_options)],
        np.tile(np.arange(2**n_options), (2, 1)),
    )
    monkeypatch.setenv("DETENTE_MEMORY_BUDGET", "1M")
    tracemalloc.start()
    try:
        with pytest.raises(ScaleError, match="1,024 states"):
            analyze_stability(conflict)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200_000  # refused before building any move graph


def test_sim_has_its_own_check(monkeypatch):
    import numpy as np

    from detente.conflict.simultaneous import ensure_sim_fits

    n_options = 8
    conflict = option_conflict(
        ["A", "B"],
        [f"o{k}" for k in range(n_options)],
        [0] * 4 + [1] * 4,
        np.tile(np.arange(2**n_options), (2, 1)),
    )
    with pytest.raises(ScaleError, match="without sim"):
        ensure_sim_fits(conflict, budget=10_000)
    ensure_sim_fits(conflict, budget=2**30)
