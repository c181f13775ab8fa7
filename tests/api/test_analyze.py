"""``detente.load`` / ``detente.analyze``: the public API every presenter is built on."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

import detente
from detente.errors import InputError
from detente.lens import available_lenses
from detente.scenario import shipped_path


@pytest.fixture(scope="module")
def ukraine() -> detente.Analysis:
    return detente.analyze("ukraine-2025", draws=30, seed=7)


def test_every_applicable_lens_runs_as_its_own_command_would(ukraine: detente.Analysis) -> None:
    scenario = ukraine.scenario
    expected = [name for name, lens in available_lenses().items() if lens.applies(scenario)]
    assert list(ukraine) == expected and len(ukraine) == len(expected)
    for name in ukraine:
        lens = available_lenses()[name]
        assert dict(ukraine[name].summary) == dict(lens.summary(lens.run(scenario)))
        assert ukraine[name].to_json() == lens.to_json(ukraine.results[name])


def test_the_quick_sweep_is_seeded_and_its_nominal_is_the_analysis(
    ukraine: detente.Analysis,
) -> None:
    summary = ukraine.uncertainty
    assert summary is not None and summary.completed == 30 and summary.seed == 7
    for column, value in ukraine.headline().items():
        assert summary.sweep.nominal[column] == pytest.approx(value, abs=1e-9)
    again = detente.analyze("ukraine-2025", draws=30, seed=7)
    assert again.uncertainty is not None
    assert again.uncertainty.outputs == summary.outputs


def test_headline_table_carries_each_answer_with_its_interval(ukraine: detente.Analysis) -> None:
    table = ukraine.to_frame()
    assert len(table) == len(ukraine.headline())
    probabilities = table[table["kind"] == "probability"]
    assert len(probabilities) > 0
    assert (
        (probabilities["low"] <= probabilities["probability"])
        & (probabilities["probability"] <= probabilities["high"])
    ).all()
    assert ukraine.uncertainty is not None
    varying = ukraine.uncertainty.varying()
    assert varying and all(0 < (v.probability or 0.5) < 1 or (v.sd or 0) > 0 for v in varying)
    column = varying[0].column
    assert ukraine.uncertainty.output(column) is varying[0]
    with pytest.raises(InputError, match="no answer"):
        ukraine.uncertainty.output("nope:nothing")


def test_the_document_is_json_and_names_the_scenario(ukraine: detente.Analysis) -> None:
    document = json.loads(json.dumps(ukraine.to_json(), allow_nan=False))
    assert document["scenario"]["id"] == ukraine.scenario.id
    assert set(document["lenses"]) == set(ukraine)
    assert document["uncertainty"]["draws"] == {"requested": 30, "completed": 30}


def test_each_tabular_result_has_a_frame(ukraine: detente.Analysis) -> None:
    deterrence = ukraine["deterrence"].to_frame()
    designs = [d.id for d in ukraine.scenario.guarantees.designs]  # type: ignore[union-attr]
    assert list(deterrence.index) == designs
    assert deterrence["p_failure"].between(0, 1).all()
    ratification = ukraine["ratification"].to_frame()
    assert ratification["p_ratify"].between(0, 1).all()
    bargaining = ukraine["bargaining"].to_frame()
    assert (bargaining["low"] <= bargaining["forecast"]).all()
    assert (bargaining["forecast"] <= bargaining["high"]).all()
    conflict = ukraine["conflict"].to_frame()
    n_states = ukraine.results["conflict"].conflict.n_states
    assert len(conflict) == n_states
    equilibria = ukraine.results["conflict"].stability.equilibria("nash")
    assert list(conflict.index[conflict["nash"]]) == equilibria


def test_results_are_frozen(ukraine: detente.Analysis) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ukraine.scenario = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        ukraine.lenses["x"] = ukraine["conflict"]  # type: ignore[index]
    with pytest.raises(TypeError):
        ukraine["conflict"].summary["x"] = 1.0  # type: ignore[index]


def test_no_sweep_without_draws_or_distributions() -> None:
    assert detente.analyze("ukraine-2025", lenses=["deterrence"], draws=0).uncertainty is None
    elmira = detente.analyze(shipped_path("elmira"))
    assert elmira.uncertainty is None and list(elmira) == ["conflict"]
    assert elmira["conflict"].summary["equilibrium.nash.5"] == 1.0


def test_any_way_of_naming_a_scenario_gives_the_same_analysis() -> None:
    scenario = detente.load("chicken")
    documents = [
        detente.analyze(source, draws=0).to_json()
        for source in (
            scenario,
            "chicken",
            shipped_path("chicken"),
            str(shipped_path("chicken")),
            shipped_path("chicken").read_text(encoding="utf-8"),
            scenario.model_dump(mode="json"),
        )
    ]
    assert all(d == documents[0] for d in documents)


def test_bad_requests_are_input_errors() -> None:
    with pytest.raises(InputError, match="unknown lens"):
        detente.analyze("elmira", lenses=["nope"])
    with pytest.raises(InputError, match="does not apply"):
        detente.analyze("elmira", lenses=["deterrence"])
    with pytest.raises(InputError, match="non-negative"):
        detente.analyze("elmira", draws=-1)
    with pytest.raises(InputError, match="not part of this analysis"):
        detente.analyze("elmira", draws=0)["deterrence"]


def test_a_time_budget_stops_the_sweep_early_but_keeps_the_draws_done() -> None:
    analysis = detente.analyze("ukraine-2025", lenses=["deterrence"], draws=5000, time_budget=0)
    assert analysis.uncertainty is not None
    done = analysis.uncertainty.completed
    assert 0 < done < 5000 and analysis.uncertainty.sweep.stopped == "time budget"
    assert all(math.isfinite(o.nominal) for o in analysis.uncertainty.outputs)


def test_the_package_lists_its_public_names() -> None:
    for name in detente.__all__:
        assert getattr(detente, name) is not None
    with pytest.raises(AttributeError):
        detente.no_such_name  # noqa: B018
