"""The report of every shipped scenario: self-contained, well formed, every figure present."""

from __future__ import annotations

import json

import pytest

from detente.lens import available_lenses
from detente.report.blocks import FigureBlock
from detente.report.figures import lens_blocks
from detente.report.html import build_report
from detente.report.run import run_lenses
from detente.scenario import load_scenario, shipped_scenarios

# Figures each lens's section must contain (checked when the lens is installed and applies).
EXPECTED = {
    "conflict": ("conflict-state-graph", "conflict-stability", "conflict-options"),
}


@pytest.mark.parametrize("shipped", shipped_scenarios(), ids=lambda s: s.name)
def test_shipped_scenario_report(shipped, parse_html):
    scenario = load_scenario(shipped.path)
    lenses = available_lenses()
    results = run_lenses(scenario)
    text = build_report(scenario, results)
    parsed = parse_html(text)
    assert parsed.problems == []
    assert parsed.external == []  # nothing loaded from the network
    for name, result in results.items():
        assert f"lens-{name.replace('_', '-')}" in parsed.ids
        for key in EXPECTED.get(name, ()):
            assert key in parsed.ids, (name, key)
        for block in lens_blocks(lenses[name], scenario, result):
            assert block.key in parsed.ids
            if isinstance(block, FigureBlock):
                figure = json.loads(parsed.json_scripts[f"fig-{block.key}"])
                assert figure["data"], block.key
    assert "assumptions" in parsed.ids and "sources" in parsed.ids
