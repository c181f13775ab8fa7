"""Deterrence figures against the lens's own answers on the shipped scenario."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from detente.deterrence.lens import DeterrenceLens
from detente.deterrence.udg import REGIONS, solve_udg
from detente.report.figures import deterrence as figures
from detente.report.figures import lens_blocks
from detente.report.palette import ActorPalette
from detente.scenario import load_scenario, shipped_path


@pytest.fixture(scope="module")
def case():
    scenario = load_scenario(shipped_path("ukraine-2025"))
    return scenario, DeterrenceLens().run(scenario), ActorPalette.from_scenario(scenario)


def test_region_map_cells_agree_with_the_closed_form_solution(case):
    """Each heat-map cell's region is the UDG solution at that (pCh, pDef) (Zagare & Kilgour 1993)."""
    _scenario, result, _palette = case
    fig = figures.region_map(result)
    heat = next(t for t in fig.data if t.type == "heatmap")
    z = np.asarray(heat.z)
    base = result.designs[0].mapping.udg
    for i, j in [(5, 100), (60, 20), (100, 100), (30, 90), (119, 3)]:
        params = base.as_dict() | {"pCh": float(heat.x[j]), "pDef": float(heat.y[i])}
        expected = solve_udg(params).region
        assert REGIONS[int(z[i, j])] == expected, (i, j)


def test_every_design_is_placed_at_its_pch_and_effective_credibility(case):
    _scenario, result, _palette = case
    fig = figures.region_map(result)
    for number, design in enumerate(result.designs, start=1):
        (marker,) = [t for t in fig.data if t.name == f"{number} · {design.name}"]
        assert marker.x[0] == pytest.approx(design.mapping.udg.pCh)
        assert marker.y[0] == pytest.approx(design.mapping.effective_credibility)


def test_outcome_bars_sum_to_one_per_design(case):
    _scenario, result, _palette = case
    fig = figures.outcome_figure(result)
    totals = np.sum([np.asarray(t.x, dtype=float) for t in fig.data], axis=0)
    np.testing.assert_allclose(totals, 1.0, atol=1e-9)
    dd = next(t for t in fig.data if t.name.startswith("DD"))
    np.testing.assert_allclose(dd.x, [d.solution.outcome["DD"] for d in result.designs])


def test_design_table_and_headline(case):
    scenario, result, _palette = case
    table = figures.design_table(result)
    assert [float(r[3].text) for r in table.rows] == pytest.approx(
        [d.p_failure for d in result.designs], abs=0.005
    )
    assert all(r[2].explanation for r in table.rows)
    (headline,) = figures.headlines(scenario, result)
    low = min(d.p_failure for d in result.designs)
    assert headline.value.startswith(f"{low:.2f}")
    assert set(figures.sensitive_keys(result)) <= set(DeterrenceLens().summary(result))


def test_sweep_ranges_add_a_column(case):
    scenario, result, palette = case
    spreads = {
        f"p_failure.{d.design_id}": SimpleNamespace(quantiles={"q05": 0.1, "q95": 0.9})
        for d in result.designs
    }
    blocks = lens_blocks(DeterrenceLens(), scenario, result, palette, spreads)
    table = next(b for b in blocks if b.key == "deterrence-designs")
    column = table.columns.index("P(failure) 5-95 % over draws")
    assert all(r[column].text == "0.10 to 0.90" for r in table.rows)
