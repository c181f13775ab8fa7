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


def _trace_colours(trace) -> set[str]:
    colours = set()
    for part in ("line", "marker"):
        obj = getattr(trace, part, None)
        colour = getattr(obj, "color", None) if obj is not None else None
        if isinstance(colour, str):
            colours.add(colour)
    return colours


def test_each_actor_has_one_colour_across_all_figures():
    """Every trace that belongs to an actor (its legend group is the actor's id) is drawn in
    that actor's palette colour, in every figure of every lens."""
    from detente.report.palette import ActorPalette

    scenario = load_scenario(shipped_scenarios()[0].path)
    palette = ActorPalette.from_scenario(scenario)
    lenses = available_lenses()
    seen: dict[str, set[str]] = {}
    figures_with_actors = 0
    for name, result in run_lenses(scenario).items():
        for block in lens_blocks(lenses[name], scenario, result, palette):
            if not isinstance(block, FigureBlock):
                continue
            found = False
            for trace in block.figure.data:
                if trace.legendgroup in palette.order:
                    seen.setdefault(trace.legendgroup, set()).update(_trace_colours(trace))
                    found = True
            figures_with_actors += found
    assert figures_with_actors >= 2
    for actor, colours in seen.items():
        assert colours == {palette.colour(actor)}, actor


def test_sensitive_keys_are_summary_keys_of_each_lens():
    from detente.report.figures import lens_sensitive_keys

    scenario = load_scenario(shipped_scenarios()[0].path)
    lenses = available_lenses()
    for name, result in run_lenses(scenario).items():
        keys = lens_sensitive_keys(lenses[name], result)
        assert set(keys) <= set(lenses[name].summary(result)), name
