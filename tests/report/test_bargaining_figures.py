"""Bargaining figures against the lens's own numbers on the shipped scenario."""

from __future__ import annotations

import numpy as np
import pytest

from detente.bargaining.lens import BargainingLens
from detente.report.figures import bargaining as figures
from detente.report.palette import ActorPalette
from detente.scenario import load_scenario, shipped_path


@pytest.fixture(scope="module")
def case():
    scenario = load_scenario(shipped_path("ukraine-2025"))
    return scenario, BargainingLens().run(scenario), ActorPalette.from_scenario(scenario)


def test_positions_figure_plots_every_actor_on_every_issue_from_the_run(case):
    _scenario, result, palette = case
    fig = figures.positions_figure(result, palette)
    inputs = result.inputs
    positions, _forecast = figures.trajectory(result)
    assert positions.shape == (result.smp.n_states, inputs.n_actors, inputs.n_dimensions)
    for i, actor in enumerate(inputs.actors):
        traces = [t for t in fig.data if t.legendgroup == actor]
        assert len(traces) == inputs.n_dimensions
        for k, trace in enumerate(traces):
            np.testing.assert_allclose(trace.y, positions[:, i, k])
            assert trace.line.color == palette.colour(actor)
    final = [t for t in fig.data if t.legendgroup == "forecast"]
    np.testing.assert_allclose([t.y[-1] for t in final], result.forecast)
    np.testing.assert_allclose(positions[0], inputs.position)


def test_forecast_figure_places_each_model_and_the_spread(case):
    _scenario, result, palette = case
    inputs = result.inputs
    spread = {
        d: (inputs.low[k], (inputs.low[k] + inputs.high[k]) / 2, inputs.high[k])
        for k, d in enumerate(inputs.dimensions)
    }
    fig = figures.forecast_figure(result, palette, spread)
    headline = next(t for t in fig.data if t.name.endswith("(headline)"))
    np.testing.assert_allclose(headline.customdata, result.forecast)
    band = next(t for t in fig.data if t.name.startswith("forecast 5-95"))
    np.testing.assert_allclose(band.x, [50.0] * inputs.n_dimensions)
    np.testing.assert_allclose(band.error_x.array, [50.0] * inputs.n_dimensions)
    for _i, actor in enumerate(inputs.actors):
        (tick,) = [t for t in fig.data if t.legendgroup == actor]
        assert tick.marker.color == palette.colour(actor)


def test_forecast_table_and_headlines(case):
    scenario, result, _palette = case
    table = figures.forecast_table(result)
    assert [row[0].text for row in table.rows] == list(result.inputs.dimension_labels)
    assert [float(row[1].text) for row in table.rows] == pytest.approx(result.forecast, rel=1e-2)
    assert all(row[1].explanation for row in table.rows)  # the narrative
    assert len(figures.headlines(scenario, result)) == result.inputs.n_dimensions


def test_sweep_quantiles_become_the_forecast_spread(case):
    from types import SimpleNamespace

    from detente.report.figures import lens_blocks

    scenario, result, palette = case
    dims = result.inputs.dimensions
    summaries = {
        f"forecast.{d}": SimpleNamespace(quantiles={"q05": 1.0 + k, "q50": 2.0 + k, "q95": 3.0 + k})
        for k, d in enumerate(dims)
    }
    assert figures.spread_from(summaries, result) == {
        d: (1.0 + k, 2.0 + k, 3.0 + k) for k, d in enumerate(dims)
    }
    assert figures.spread_from({}, result) is None
    blocks = lens_blocks(BargainingLensStub(), scenario, result, palette, uncertainty=summaries)
    table = next(b for b in blocks if b.key == "bargaining-forecast-table")
    assert "5-95 % over draws" in table.columns
    assert table.rows[0][table.columns.index("5-95 % over draws")].text.startswith("1 to 3")


class BargainingLensStub:
    name = "bargaining"
    title = "Bargaining"
