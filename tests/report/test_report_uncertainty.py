"""The uncertainty section: tornado charts and distributions from a real (small) sweep."""

from __future__ import annotations

import numpy as np
import pytest

from detente.deterrence.lens import DeterrenceLens
from detente.report.uncertainty import run_uncertainty, tornado_figure, uncertainty_blocks
from detente.scenario import load_scenario, shipped_path


@pytest.fixture(scope="module")
def swept():
    scenario = load_scenario(shipped_path("ukraine-2025"))
    lens = DeterrenceLens()
    return scenario, lens, run_uncertainty(scenario, [lens], draws=40, seed=7, backend="inprocess")


def test_tornado_bars_are_the_one_at_a_time_outputs(swept):
    scenario, lens, results = swept
    column = f"deterrence:p_failure.{lens.run(scenario).designs[0].design_id}"
    fig = tornado_figure(results.tornado, column, scenario=scenario)
    nominal = results.tornado.nominal[column]
    low, high = fig.data
    bars = [b for b in results.tornado.bars[column] if b.swing > 0]
    np.testing.assert_allclose(np.asarray(low.x) + nominal, [b.output_low for b in bars])
    np.testing.assert_allclose(np.asarray(high.x) + nominal, [b.output_high for b in bars])
    assert low.base == high.base == nominal


def test_blocks_prefer_headline_keys_and_are_reproducible(swept):
    scenario, lens, results = swept
    keys = {"deterrence": [f"p_failure.{d.design_id}" for d in lens.run(scenario).designs]}
    blocks = uncertainty_blocks(
        results, {"deterrence": lens.title}, scenario=scenario, preferred=keys
    )
    tornados = [b for b in blocks if b.key.startswith("uncertainty-tornado-")]
    assert tornados and all("p_failure." in b.title for b in tornados)
    again = run_uncertainty(scenario, [lens], draws=40, seed=7, backend="inprocess")
    for column, summary in results.summaries.items():
        assert summary.mean == pytest.approx(again.summaries[column].mean, nan_ok=True)
