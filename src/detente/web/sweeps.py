"""Sweeps (many draws of an uncertain scenario) through :mod:`detente.uncertainty`.

The web app only adapts the uncertainty runner: it passes the run's lenses, draws and seed,
turns its progress callback into the run's progress, and stores the runner's JSON document
plus a bounded histogram of each output (never the raw draws, which can be large).
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from detente.errors import DetenteError
from detente.scenario.model import Scenario
from detente.store import RunRecord
from detente.web.results import lens_entry

__all__ = ["HISTOGRAM_BINS", "MAX_SWEEP_DRAWS", "histogram", "run_sweep", "sweeps_available"]

MAX_SWEEP_DRAWS = 5_000
"""Largest number of draws one web sweep may request (bounds CPU time per request)."""

HISTOGRAM_BINS = 30
FEW_VALUES = 12
"""Outputs with at most this many distinct values get one bar per value instead of bins."""


def sweeps_available() -> bool:
    return importlib.util.find_spec("detente.uncertainty") is not None


def histogram(values: np.ndarray, bins: int = HISTOGRAM_BINS) -> dict[str, Any]:
    """Counts of the finite ``values`` in at most ``bins`` equal bins (edges included)."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return {"edges": [], "counts": []}
    distinct = np.unique(finite)
    if distinct.size <= FEW_VALUES:  # a yes/no answer, a choice: one bar per value
        counts = [int(np.count_nonzero(finite == v)) for v in distinct]
        return {"values": distinct.tolist(), "counts": counts}
    # Square-root rule, capped: enough bins to show a shape, never one bar per draw.
    binned, edges = np.histogram(finite, bins=min(bins, max(5, int(np.sqrt(finite.size)))))
    return {"edges": edges.tolist(), "counts": binned.astype(int).tolist()}


def run_sweep(
    scenario: Scenario, record: RunRecord, progress: Callable[[float, str], None]
) -> dict[str, Any]:
    """Run the sweep that ``record`` asks for through :func:`detente.analyze`.

    Returns ``{"sweep": document, "lenses": {...}, "skipped": {}}``: the sweep's JSON document
    with a bounded histogram per output, and each lens's nominal analysis whose figures show
    the sweep's spreads.
    """
    if not sweeps_available():
        raise DetenteError("sweeps need detente's uncertainty module, which is not installed")
    from detente.analysis import analyze
    from detente.uncertainty.present import sweep_to_json

    draws = int(record.parameters.get("draws", 200))
    if not 1 <= draws <= MAX_SWEEP_DRAWS:
        raise DetenteError(f"a web sweep takes 1..{MAX_SWEEP_DRAWS} draws, not {draws}")

    def report(done: int, total: int) -> None:
        progress(done / total if total else 1.0, f"{done:,} of {total:,} draws")

    analysis = analyze(
        scenario, lenses=list(record.lenses), draws=draws, seed=record.seed or 0, progress=report
    )
    if analysis.uncertainty is None:
        raise DetenteError(
            "this scenario has no uncertain inputs, so every draw would give the same answer"
        )
    result = analysis.uncertainty.sweep
    document = sweep_to_json(result)
    document["histograms"] = {
        column: histogram(np.asarray(values)) for column, values in result.outputs.items()
    }
    for summary in document.get("outputs", []):
        for name, value in list(summary.items()):
            if isinstance(value, float) and not math.isfinite(value):
                summary[name] = None
    spreads: dict[str, dict[str, Any]] = {}
    for output in analysis.uncertainty.outputs:
        spreads.setdefault(output.lens, {})[output.key] = output
    lenses = {name: lens_entry(analysis[name], scenario, spreads.get(name)) for name in analysis}
    return {"sweep": document, "lenses": lenses, "skipped": {}}
