"""The conflict lens: registration, summary keys, JSON round trip, determinism."""

from __future__ import annotations

import json

import numpy as np

from detente.conflict.lens import ConflictAnalysis, ConflictLens, conflict_json
from detente.lens import available_lenses
from detente.scenario import load_scenario, load_scenario_text, shipped_path


def test_registered_as_entry_point() -> None:
    assert isinstance(available_lenses()["conflict"], ConflictLens)


def test_summary_keys_cover_every_state_and_concept() -> None:
    lens = ConflictLens()
    result = lens.run(load_scenario(shipped_path("elmira")))
    summary = lens.summary(result)
    concepts = result.stability.concepts
    assert len(summary) == 2 * len(concepts) * 9
    assert summary["equilibrium.seq.5"] == 1.0 and summary["equilibrium.seq.1"] == 0.0
    assert summary["sq_reaches.seq.5"] == 1.0 and summary["sq_reaches.seq.8"] == 0.0
    assert summary["equilibrium.gmr.1"] == 1.0 and summary["sq_reaches.gmr.1"] == 1.0


def test_json_round_trip_and_determinism() -> None:
    lens = ConflictLens()
    scenario = load_scenario(shipped_path("ukraine-2025"))
    first, second = lens.run(scenario), lens.run(scenario)
    text = json.dumps(lens.to_json(first), allow_nan=False)
    assert json.loads(text) == lens.to_json(second)
    assert lens.summary(first) == lens.summary(second)


def test_result_is_frozen() -> None:
    result = ConflictLens().run(load_scenario(shipped_path("chicken")))
    assert isinstance(result, ConflictAnalysis)
    try:
        result.notes = ("x",)  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("result must be immutable")
    assert not result.conflict.payoff.flags.writeable


def test_alternatives_nominal_in_the_lens_drawn_by_the_uncertainty_layer() -> None:
    from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs, variants

    text = """\
format: detente/1
id: alt
title: Alternatives
actors: [{id: A, name: A}, {id: B, name: B}]
conflict:
  decision_makers:
    - {id: A, options: [{id: X}], preferences: [X]}
    - id: B
      options: [{id: Y}]
      preferences:
        alternatives:
          - {weight: 0.5, statements: [Y]}
          - {weight: 0.5, statements: [-Y]}
  status_quo: NN
"""
    lens = ConflictLens()
    scenario = load_scenario_text(text)
    nominal = lens.run(scenario)
    assert nominal.stability.equilibria("nash") == [4]  # tie on weight: the first (Y) wins
    # A single analysis never draws: the same answer whatever generator is passed.
    for seed in range(5):
        assert lens.run(scenario, np.random.default_rng(seed)).stability.equilibria("nash") == [4]
    # The uncertainty layer draws the alternative per variant.
    inputs = find_inputs(scenario)
    assert [i.name for i in inputs] == ["conflict.decision_makers[B].preferences"]
    columns = draw_columns(inputs, 40, seed=3)
    drawn = {
        tuple(lens.run(v).stability.equilibria("nash"))
        for v in variants(scenario, VariantPlan(inputs), columns)
    }
    assert drawn == {(4,), (2,)}


def test_json_explanations() -> None:
    result = ConflictLens().run(load_scenario(shipped_path("prisoners-dilemma")))
    document = conflict_json(result, explain=True)
    assert {e["state"] for e in document["explanations"]} == {1, 4}
    assert all(e["text"] for e in document["explanations"])
