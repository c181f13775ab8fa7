"""Finding uncertain inputs, naming them, and building scenario variants without re-validation."""

from __future__ import annotations

import numpy as np
import pytest
from uncertainty_probe import probe_scenario

from detente.scenario.quantity import Uniform, nominal
from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs, nominal_scenario

LABELS = {"alternatives": ["a", "b", "c"], "weights": [1, 2, 1]}


def test_inputs_are_found_and_named_by_path_with_ids() -> None:
    scenario = probe_scenario(label=LABELS)
    names = [i.name for i in find_inputs(scenario)]
    assert names == [
        "probe.factors[x1].value",
        "probe.factors[x2].value",
        "probe.factors[x3].value",
        "probe.label",
    ]
    inputs = find_inputs(scenario)
    assert [i.is_numeric for i in inputs] == [True, True, True, False]
    assert inputs[0].support() == (0.0, 1.0) and inputs[3].support() is None
    assert inputs[3].nominal() == "b"


def test_plain_numbers_are_not_inputs() -> None:
    scenario = probe_scenario(factors=[{"id": "x1", "value": 0.4}], label="a")
    assert find_inputs(scenario) == ()
    assert nominal_scenario(scenario) is scenario


def test_variant_replaces_only_the_drawn_leaves_and_shares_the_rest() -> None:
    scenario = probe_scenario(label=LABELS)
    inputs = find_inputs(scenario)
    variant = VariantPlan(inputs).apply(scenario, [0.1, 0.2, 0.3, "c"])
    assert [f.value for f in variant.probe.factors] == [0.1, 0.2, 0.3]
    assert variant.probe.label == "c"
    # The original is untouched; untouched sub-models are shared, not copied.
    assert isinstance(scenario.probe.factors[0].value, Uniform)
    assert variant.actors is scenario.actors
    assert variant.probe.factors[0].id == "x1" and variant.probe.threshold == 0.7
    with pytest.raises(ValueError, match="expected 4 values"):
        VariantPlan(inputs).apply(scenario, [0.1])


def test_nominal_scenario_uses_each_nominal_value() -> None:
    scenario = probe_scenario(
        factors=[{"id": "x1", "value": {"dist": "triangular", "low": 0, "mode": 0.2, "high": 1}}],
        label=LABELS,
    )
    base = nominal_scenario(scenario)
    assert base.probe.factors[0].value == pytest.approx(0.2) and base.probe.label == "b"
    assert nominal(base.probe.factors[0].value) == pytest.approx(0.2)


def test_draws_are_vectorised_reproducible_and_independent_per_input() -> None:
    scenario = probe_scenario(label=LABELS)
    inputs = find_inputs(scenario)
    first = draw_columns(inputs, 500, seed=7)
    again = draw_columns(inputs, 500, seed=7)
    other = draw_columns(inputs, 500, seed=8)
    for a, b in zip(first, again, strict=True):
        assert np.array_equal(a, b)
    assert not np.array_equal(first[0], other[0])
    # Each input has its own stream: dropping an input leaves the others' draws unchanged.
    assert np.array_equal(draw_columns(inputs[1:], 500, seed=7)[0], first[1])
    # Draws respect the support; alternatives follow their weights (b has weight 1/2).
    assert first[0].min() >= 0 and first[0].max() <= 1
    codes = inputs[3].encode(first[3])
    assert set(np.unique(codes)) <= {0.0, 1.0, 2.0}
    assert abs(np.mean(codes == 1.0) - 0.5) < 4 * np.sqrt(0.25 / 500)


def test_variants_skip_validation_but_values_stay_in_range() -> None:
    # Draws come from distributions whose whole support was checked at load, so every
    # variant is valid even though model_copy does not re-validate.
    scenario = probe_scenario()
    inputs = find_inputs(scenario)
    columns = draw_columns(inputs, 200, seed=3)
    plan = VariantPlan(inputs)
    for row in range(200):
        variant = plan.apply(scenario, [c[row] for c in columns])
        type(variant).model_validate(variant.model_dump())
