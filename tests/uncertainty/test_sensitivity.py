"""Sensitivity analyses recover planted and published answers."""

from __future__ import annotations

import numpy as np
import pytest
from uncertainty_probe import IshigamiLens, ProbeLens, probe_scenario

from detente.errors import InputError
from detente.uncertainty.present import sensitivity_to_json
from detente.uncertainty.sensitivity import (
    flip_points,
    morris_screening,
    sobol_indices,
    tornado,
)

X1, X2, X3 = (f"probe.factors[x{i}].value" for i in (1, 2, 3))
WEIGHTS = np.array([10.0, 1.0, 0.1])


def test_sobol_recovers_the_planted_dominant_input_of_a_linear_model() -> None:
    """For y = sum w_i x_i with independent uniforms, S_i = ST_i = w_i^2 / sum w_j^2."""
    result = sobol_indices(probe_scenario(), 512, lenses=[ProbeLens()], seed=1)
    item = result.indices["probe:linear"]
    expected = WEIGHTS**2 / (WEIGHTS**2).sum()
    assert item.inputs == (X1, X2, X3)
    assert np.allclose(item.first, expected, atol=0.05)
    assert np.allclose(item.total, expected, atol=0.02)
    assert [name for name, _, _ in item.ranking()] == [X1, X2, X3]
    assert item.total_ci[0][0] <= expected[0] <= item.total_ci[0][1]
    assert result.runs == 512 * 5
    assert "probe:picked_b" in result.constant
    # The lens's own randomness is not attributed to any input.
    assert np.all(np.abs(result.indices["probe:noise"].total) < 1e-12)


def test_sobol_reproduces_the_ishigami_indices() -> None:
    """Ishigami (a=7, b=0.1): S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)
    (Saltelli et al. 2010, section 5; tolerance 0.05 at 4096 base draws)."""
    result = sobol_indices(probe_scenario(), 4096, lenses=[IshigamiLens()], seed=3, bootstrap=0)
    item = result.indices["ishigami:y"]
    assert np.allclose(item.first, [0.3139, 0.4424, 0.0], atol=0.05)
    assert np.allclose(item.total, [0.5576, 0.4424, 0.2437], atol=0.05)


def test_tornado_swings_follow_the_weights() -> None:
    result = tornado(probe_scenario(), lenses=[ProbeLens()], seed=2)
    bars = result.bars["probe:linear"]
    assert [bar.input for bar in bars] == [X1, X2, X3]
    for bar, weight in zip(bars, WEIGHTS, strict=True):
        assert bar.low_value == pytest.approx(0.05, abs=0.01)
        assert bar.high_value == pytest.approx(0.95, abs=0.01)
        assert bar.swing == pytest.approx(weight * (bar.high_value - bar.low_value))
    assert result.nominal["probe:linear"] == pytest.approx(5.55)


def test_morris_ranks_inputs_by_their_effect() -> None:
    result = morris_screening(probe_scenario(), 30, lenses=[ProbeLens()], seed=4)
    item = result.indices["probe:linear"]
    assert [name for name, _, _ in item.ranking()] == [X1, X2, X3]
    # Linear model: every elementary effect is w_i times the value step per quantile step.
    assert np.allclose(item.mu_star, 0.98 * WEIGHTS, rtol=0.03)
    assert np.all(item.sigma < 0.05 * WEIGHTS)
    assert result.runs == 30 * 4


def test_flip_finds_the_threshold_of_a_binary_answer() -> None:
    scenario = probe_scenario(label={"alternatives": ["a", "b", "c"], "weights": [1, 2, 1]})
    result = flip_points(scenario, lenses=[ProbeLens()], seed=5)
    (point,) = result.flips["probe:above"]
    assert point.input == X1 and point.direction == "up"
    assert point.value == pytest.approx(0.7, abs=1e-3)
    assert point.nominal_answer == 0 and point.answer == 1
    assert point.plausibility == pytest.approx(0.3, abs=0.01)
    # The nominal label is "b"; choosing "a" or "c" flips picked_b.
    alternatives = result.flips["probe:picked_b"]
    assert {(p.direction, p.value) for p in alternatives} == {
        ("alternative", 0.0),
        ("alternative", 2.0),
    }


def test_flip_with_a_threshold_on_a_continuous_answer() -> None:
    """linear = 5.55 at nominal; reaching 6 needs x1 + 0.045 or x2 + 0.45; x3 cannot."""
    result = flip_points(
        probe_scenario(), lenses=[ProbeLens()], seed=6, thresholds={"probe:linear": 6.0}
    )
    points = result.flips["probe:linear"]
    assert [p.input for p in points] == [X1, X2]
    assert points[0].value == pytest.approx(0.545, abs=1e-3)
    assert points[1].value == pytest.approx(0.95, abs=1e-3)
    document = sensitivity_to_json(result)
    assert document["outputs"]["probe:linear"][0]["input"] == X1


def test_no_uncertain_inputs_is_a_clear_error() -> None:
    scenario = probe_scenario(factors=[{"id": "x1", "value": 0.3}])
    with pytest.raises(InputError, match="no uncertain inputs"):
        sobol_indices(scenario, 10, lenses=[ProbeLens()], seed=0)


def test_json_documents_are_strict_json() -> None:
    import json

    scenario = probe_scenario()
    for result in (
        sobol_indices(scenario, 64, lenses=[ProbeLens()], seed=0),
        morris_screening(scenario, 5, lenses=[ProbeLens()], seed=0),
        tornado(scenario, lenses=[ProbeLens()], seed=0),
    ):
        document = sensitivity_to_json(result)
        json.dumps(document, allow_nan=False)
        assert document["outputs"]["probe:linear"]
