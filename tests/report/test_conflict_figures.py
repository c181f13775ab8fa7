"""Conflict figures against the engine's own answers on shipped scenarios."""

from __future__ import annotations

import json

import pytest

from detente.conflict.lens import ConflictLens
from detente.report.blocks import FigureBlock, TableBlock, figure_json
from detente.report.figures import conflict as figures
from detente.report.palette import ActorPalette
from detente.scenario import load_scenario, shipped_path


@pytest.fixture(scope="module", params=["ukraine-2025", "elmira", "prisoners-dilemma"])
def case(request):
    scenario = load_scenario(shipped_path(request.param))
    return scenario, ConflictLens().run(scenario), ActorPalette.from_scenario(scenario)


def _node_trace(fig):
    return next(t for t in fig.data if t.name == "states")


def test_state_graph_has_every_state_and_highlights_the_primary_equilibria(case):
    _scenario, result, palette = case
    fig = figures.state_graph(result, palette)
    nodes = _node_trace(fig)
    assert sorted(int(t) for t in nodes.text) == list(range(1, result.conflict.n_states + 1))
    gold = {int(t) for t, c in zip(nodes.text, nodes.marker.color) if c == figures.EQUILIBRIUM_FILL}
    assert gold == set(result.stability.equilibria(result.primary_concept))
    sq = result.conflict.status_quo
    symbols = dict(zip((int(t) for t in nodes.text), nodes.marker.symbol))
    assert [s for s, sym in symbols.items() if sym == "diamond"] == (
        [sq + 1] if sq is not None else []
    )


def test_state_graph_arrows_are_the_improvements_in_each_movers_colour(case):
    from detente.conflict.moves import move_pairs

    _scenario, result, palette = case
    fig = figures.state_graph(result, palette)
    for d, dm in enumerate(result.conflict.decision_makers):
        src, _ = move_pairs(result.conflict, d, improving=True)
        traces = [t for t in fig.data if t.name == f"{palette.name(dm)} improves"]
        if len(src) == 0:
            assert traces == []
            continue
        (trace,) = traces
        assert trace.line.color == palette.colour(dm)
        assert sum(1 for size in trace.marker.size if size) == len(src)  # one arrowhead per UI


def test_state_graph_is_deterministic(case):
    _scenario, result, palette = case
    one = figure_json(FigureBlock("g", "", "", figures.state_graph(result, palette)))
    two = figure_json(FigureBlock("g", "", "", figures.state_graph(result, palette)))
    assert one == two


def test_stability_table_marks_exactly_the_equilibria_and_explains_every_verdict(case):
    _scenario, result, palette = case
    table = figures.stability_table(result, palette)
    concepts = result.stability.concepts
    assert len(table.rows) == result.conflict.n_states
    for index, row in enumerate(table.rows):
        for concept, cell in zip(concepts, row[2:], strict=True):
            is_eq = index + 1 in result.stability.equilibria(concept)
            assert (cell.text == "equilibrium") == is_eq
            assert cell.explanation and all(
                palette.name(dm) + ":" in cell.explanation for dm in result.conflict.decision_makers
            )
            for d, dm in enumerate(result.conflict.decision_makers):
                unstable = not result.stability.stable[concept][d, index]
                assert (dm in cell.text.removeprefix("unstable for ").split(", ")) == unstable


def test_blocks_and_headlines(case):
    scenario, result, palette = case
    blocks = figures.blocks(scenario, result, palette)
    keys = [b.key for b in blocks]
    assert keys[:3] == ["conflict-state-graph", "conflict-options", "conflict-stability"]
    assert isinstance(blocks[0], FigureBlock) and all(isinstance(b, TableBlock) for b in blocks[1:])
    (eq, *_rest) = figures.headlines(scenario, result)
    expected = result.stability.equilibria(result.primary_concept)
    assert eq.value == (", ".join(map(str, expected)) or "none")
    json.loads(figure_json(blocks[0]))


def test_large_models_show_only_states_of_interest():
    scenario = load_scenario(shipped_path("ukraine-2025"))
    result = ConflictLens().run(scenario)
    palette = ActorPalette.from_scenario(scenario)
    table = figures.stability_table(result, palette, max_states=5)
    interest = figures._states_of_interest(result)
    assert [row[0].text.split(" ")[0] for row in table.rows] == [str(i + 1) for i in interest]
    fig = figures.state_graph(result, palette, max_states=8)
    assert len(_node_trace(fig).text) == 8


def test_sweep_probabilities_add_a_column(case):
    from types import SimpleNamespace

    _scenario, result, palette = case
    concept = result.primary_concept
    summaries = {
        f"equilibrium.{concept}.1": SimpleNamespace(mean=0.75),
        f"sq_reaches.{concept}.1": SimpleNamespace(mean=0.1),
    }
    probabilities = figures.equilibrium_probabilities(summaries, concept)
    assert probabilities == {1: 0.75}
    table = figures.stability_table(result, palette, probabilities=probabilities)
    assert table.columns[2].startswith("P(")
    assert table.rows[0][2].text == "0.75" and table.rows[1][2].text == ""
    assert figures.equilibrium_probabilities(None, concept) is None


def test_layout_keeps_states_apart_even_when_the_move_graph_is_disconnected():
    """Components are laid out separately, so no two states are drawn on top of each other."""
    import itertools

    import numpy as np

    states = list(range(9))
    moves = [(np.array([0, 1, 2, 5]), np.array([1, 2, 0, 6]))]  # a triangle, an edge, 4 loners
    pos = figures._layout(states, moves)
    assert set(pos) == set(states)
    gaps = [
        np.hypot(pos[a][0] - pos[b][0], pos[a][1] - pos[b][1])
        for a, b in itertools.combinations(states, 2)
    ]
    assert min(gaps) > 0.1
    assert figures._layout(states, moves) == pos  # deterministic
