"""Tidy tables, Parquet export and per-answer summaries of a sweep."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from uncertainty_probe import ProbeLens, probe_scenario

from detente.uncertainty.aggregate import (
    summarize,
    summary_frame,
    to_frame,
    wilson_interval,
    write_parquet,
)
from detente.uncertainty.present import summary_json, sweep_to_json
from detente.uncertainty.runner import run_sweep


def test_wilson_interval_matches_published_values() -> None:
    """Brown, Cai & DasGupta (2001), and Wilson's closed form: 0 of 10 gives [0, 0.2775]."""
    low, high = wilson_interval(0, 10)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)
    # Newcombe (1998), Table I, example (81/263): Wilson interval 0.2553 to 0.3662.
    low, high = wilson_interval(81, 263)
    assert (low, high) == (pytest.approx(0.2553, abs=1e-4), pytest.approx(0.3662, abs=1e-4))
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


@pytest.mark.parametrize("trials", [1, 10, 30, 1000, 10**6])
def test_wilson_interval_contains_the_estimate_at_the_ends(trials: int) -> None:
    """At 0 and n successes the closed form's round-off used to leave p just outside."""
    assert wilson_interval(0, trials)[0] == 0.0
    assert wilson_interval(trials, trials)[1] == 1.0
    for successes in range(0, trials + 1, max(1, trials // 7)):
        low, high = wilson_interval(successes, trials)
        assert low <= successes / trials <= high


def test_frame_has_one_row_per_draw_inputs_then_outputs() -> None:
    result = run_sweep(probe_scenario(), 50, lenses=[ProbeLens()], seed=3)
    frame = to_frame(result)
    assert len(frame) == 50
    assert list(frame.columns) == [
        "draw",
        "probe.factors[x1].value",
        "probe.factors[x2].value",
        "probe.factors[x3].value",
        "probe:linear",
        "probe:above",
        "probe:noise",
        "probe:picked_b",
    ]
    assert frame.attrs["detente"]["seed"] == 3
    expected = (
        10 * frame["probe.factors[x1].value"]
        + frame["probe.factors[x2].value"]
        + 0.1 * frame["probe.factors[x3].value"]
    )
    assert np.allclose(frame["probe:linear"], expected)


def test_parquet_round_trip_keeps_values_and_metadata(tmp_path: Path) -> None:
    result = run_sweep(probe_scenario(), 40, lenses=[ProbeLens()], seed=9)
    path = write_parquet(result, tmp_path / "sweep.parquet")
    table = pq.read_table(path)
    frame = table.to_pandas()
    assert frame.equals(to_frame(result))
    meta = json.loads(table.schema.metadata[b"detente"])
    assert meta["seed"] == 9 and meta["draws_completed"] == 40 and meta["lenses"] == ["probe"]
    assert meta["inputs"][0]["distribution"] == {"dist": "uniform", "low": 0.0, "high": 1.0}


def test_summaries_distinguish_probabilities_from_values() -> None:
    result = run_sweep(probe_scenario(), 2000, lenses=[ProbeLens()], seed=1)
    by_column = {s.column: s for s in summarize(result)}
    above = by_column["probe:above"]
    assert above.kind == "probability" and above.probability == pytest.approx(0.3, abs=0.04)
    linear = by_column["probe:linear"]
    assert linear.kind == "value" and linear.probability is None
    # Sum of uniforms: mean 5.55, variance (100 + 1 + 0.01) / 12.
    assert linear.mean == pytest.approx(5.55, abs=0.15)
    assert linear.sd == pytest.approx(math.sqrt(101.01 / 12), rel=0.05)
    assert linear.quantiles["q05"] < linear.quantiles["q50"] < linear.quantiles["q95"]
    assert linear.nominal == pytest.approx(5.55)
    frame = summary_frame(result)
    assert set(frame["column"]) == set(by_column) and "q50" in frame.columns
    document = sweep_to_json(result)
    json.dumps(document, allow_nan=False)
    assert document["draws"] == {"requested": 2000, "completed": 2000}
    top = document["sensitivity"]["probe:linear"][0]
    assert top["input"] == "probe.factors[x1].value" and top["rank_correlation"] > 0.9


def test_integer_answers_with_few_values_are_reported_as_shares() -> None:
    from detente.uncertainty.aggregate import _summarize_column

    regime = _summarize_column("lens:regime", np.array([0.0, 1, 3, 3, np.nan]), 3.0)
    assert regime.kind == "levels" and regime.missing == 1
    assert regime.levels == {"0": 0.25, "1": 0.25, "3": 0.5}
    assert "levels" in summary_json(regime)
    many = _summarize_column("lens:count", np.arange(20.0), 0.0)
    assert many.kind == "value" and "levels" not in summary_json(many)
