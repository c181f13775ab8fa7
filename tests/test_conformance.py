"""One conformance suite over every registered lens and every shipped scenario.

After open_spiel's ``integration_tests/api_test.py`` and scikit-learn's ``check_estimator``:
every lens, on every shipped scenario it applies to, must give a JSON document that survives a
round trip, the same answer twice under one seed, numeric summaries with stable keys, and an
explanation a person can read. A new lens is checked here without editing this file.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest

from detente.lens import Lens, available_lenses
from detente.scenario import load_scenario, shipped_scenarios

EXPLANATION_KEYS = {"text", "narrative", "explanation", "explanations", "verdict", "reason"}

LENSES = available_lenses()
SCENARIOS = {entry.name: load_scenario(entry.path) for entry in shipped_scenarios()}
CASES = [
    pytest.param(lens_name, scenario_name, id=f"{lens_name}-{scenario_name}")
    for lens_name, lens in LENSES.items()
    for scenario_name, scenario in SCENARIOS.items()
    if lens.applies(scenario)
]


def _has_explanation(document: Any) -> bool:
    if isinstance(document, dict):
        for key, value in document.items():
            if key in EXPLANATION_KEYS and _non_empty_text(value):
                return True
            if _has_explanation(value):
                return True
    elif isinstance(document, list):
        return any(_has_explanation(item) for item in document)
    return False


def _non_empty_text(value: Any) -> bool:
    if isinstance(value, str):
        return len(value.strip()) > 20
    if isinstance(value, dict):
        return any(_non_empty_text(v) for v in value.values())
    if isinstance(value, list):
        return any(_non_empty_text(v) for v in value)
    return False


def test_the_expected_lenses_are_registered() -> None:
    assert {"conflict", "bargaining", "deterrence", "ratification"} <= set(LENSES)
    for lens in LENSES.values():
        assert isinstance(lens, Lens)


def test_every_lens_applies_to_the_default_scenario() -> None:
    default = SCENARIOS["ukraine-2025"]
    assert [n for n, lens in LENSES.items() if not lens.applies(default)] == []


@pytest.mark.parametrize(("lens_name", "scenario_name"), CASES)
def test_lens_conformance(lens_name: str, scenario_name: str) -> None:
    lens, scenario = LENSES[lens_name], SCENARIOS[scenario_name]
    first = lens.run(scenario, np.random.default_rng(20251215))
    second = lens.run(scenario, np.random.default_rng(20251215))

    document = lens.to_json(first)
    text = json.dumps(document, allow_nan=False)
    assert json.loads(text) == document, "to_json must survive a JSON round trip unchanged"
    assert json.dumps(lens.to_json(second), allow_nan=False) == text, "not deterministic"

    summary, again = dict(lens.summary(first)), dict(lens.summary(second))
    assert summary and summary == again
    assert all(isinstance(k, str) for k in summary)
    assert all(isinstance(v, float) and math.isfinite(v) for v in summary.values())

    assert _has_explanation(document), "the result must carry a readable explanation"
