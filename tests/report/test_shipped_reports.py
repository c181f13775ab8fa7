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
    "bargaining": ("bargaining-forecast", "bargaining-forecast-table", "bargaining-positions"),
    "deterrence": ("deterrence-region-map", "deterrence-outcomes", "deterrence-designs"),
    "ratification": ("ratification-proposals",),
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


def test_sections_follow_the_four_questions_and_unknown_lenses_come_last():
    """Conflict, bargaining, deterrence, ratification (DESIGN.md), then lenses without ORDER."""
    from detente.report.figures import lens_order

    names = ["ratification", "zz_new", "bargaining", "conflict", "aa_new", "deterrence"]
    assert sorted(names, key=lens_order) == [
        "conflict",
        "bargaining",
        "deterrence",
        "ratification",
        "aa_new",
        "zz_new",
    ]
    scenario = load_scenario(shipped_scenarios()[0].path)
    text = build_report(scenario, run_lenses(scenario))
    positions = [
        text.index(f'id="lens-{name}"') for name in sorted(run_lenses(scenario), key=lens_order)
    ]
    assert positions == sorted(positions)


def test_headlines_show_the_spread_of_a_sweep():
    """Given per-lens sweep summaries, the headline cards say the 5-95 % range."""
    from types import SimpleNamespace

    from detente.report.figures import lens_headlines

    scenario = load_scenario(shipped_scenarios()[0].path)
    lenses = available_lenses()
    results = run_lenses(scenario)
    summary = SimpleNamespace(quantiles={"q05": 0.125, "q95": 0.875})
    shown = 0
    for name, result in results.items():
        keys = lenses[name].summary(result)
        spreads = dict.fromkeys(keys, summary)
        for headline in lens_headlines(lenses[name], scenario, result, spreads):
            shown += "5-95 % over draws: 0.125 to 0.875" in headline.detail or (
                "5-95 % over draws: 0.12 to 0.88" in headline.detail
            )
    assert shown >= 3  # forecasts, P(ratify) (and P(failure) for a single design)
