"""The scenario's ``bargaining`` section: loading, conversion and located semantic problems."""

from __future__ import annotations

import numpy as np
import pytest

from detente.bargaining.inputs import inputs_from_section
from detente.bargaining.lens import BargainingLens
from detente.errors import ScenarioError
from detente.lens import available_lenses
from detente.scenario import load_scenario, load_scenario_text, shipped_path

FIXTURE = """\
format: detente/1
id: toy
title: Toy bargaining
actors:
  - {id: A, name: Alpha}
  - {id: B, name: Beta}
  - {id: C, name: Gamma}
bargaining:
  issues:
    - id: land
      label: Share of land kept
      scale: {low: 0, high: 100, units: "%"}
      points: [{value: 0, label: none}, {value: 100, label: all}]
    - id: money
      label: Aid
      scale: {low: 0, high: 10, units: bn}
  actors:
    - actor: A
      capability: 1.0
      stances:
        - {issue: land, position: 10, salience: 0.6}
        - {issue: money, position: 2, salience: 0.3}
    - actor: B
      capability: {dist: triangular, low: 0.4, mode: 0.5, high: 0.8}
      stances:
        - {issue: land, position: 80, salience: 0.5}
        - {issue: money, position: 9, salience: 0.5}
    - actor: C
      capability: 0.3
      stances:
        - {issue: land, position: 50, salience: 0.2}
        - {issue: money, position: 5, salience: 0.7}
"""


def test_fixture_loads_and_converts() -> None:
    scenario = load_scenario_text(FIXTURE, "toy.yaml")
    inputs = inputs_from_section(scenario.bargaining, scenario)
    assert inputs.actors == ("A", "B", "C")
    assert inputs.capability[1] == 0.5  # the triangular's mode is the nominal value
    np.testing.assert_allclose(inputs.unit_positions()[:, 1], [0.2, 0.9, 0.5])


def _problem(text: str) -> tuple[int | None, str | None, str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "toy.yaml")
    p = info.value.problems[0]
    return p.line, p.field, p.message + " " + (p.hint or "")


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("- actor: C", "- actor: Z", 28, "unknown actor 'Z'"),
        (
            "{issue: land, position: 80,",
            "{issue: land, position: 180,",
            26,
            "outside the issue's scale",
        ),
        (
            "{issue: money, position: 9, salience: 0.5}",
            "{issue: money, position: 9, salience: 0.9}",
            25,
            "sum to 1.4",
        ),
        ("salience: 0.7}", "salience: 1.7}", 32, "out of range"),
        ("capability: 0.3", "capability: -1", 29, "out of range"),
        ("  issues:\n", "  model: smq\n  issues:\n", 9, "smp"),
        (
            "- {issue: money, position: 5, salience: 0.7}",
            "- {issue: monee, position: 5, salience: 0.7}",
            32,
            "unknown issue 'monee'",
        ),
    ],
)
def test_semantic_problems_are_located(old: str, new: str, line: int, fragment: str) -> None:
    assert old in FIXTURE
    got_line, _field, message = _problem(FIXTURE.replace(old, new))
    assert fragment in message
    assert got_line == line


def test_missing_capability_is_reported() -> None:
    _line, field, message = _problem(FIXTURE.replace("      capability: 0.3\n", ""))
    assert "missing" in message and field is not None and field.endswith("capability")


def test_issue_nobody_cares_about() -> None:
    text = (
        FIXTURE.replace("salience: 0.6}", "salience: 0}")
        .replace(
            "{issue: land, position: 80, salience: 0.5}", "{issue: land, position: 80, salience: 0}"
        )
        .replace("salience: 0.2}", "salience: 0}")
    )
    line, _, message = _problem(text)
    assert "no weight" in message and line == 10


def test_fewer_than_three_actors_for_smp() -> None:
    text = FIXTURE.split("    - actor: C")[0]
    _, field, message = _problem(text)
    assert "at least 3 actors" in message and field == "bargaining.actors"


def test_shipped_scenario_has_the_required_issues_and_actors() -> None:
    scenario = load_scenario(shipped_path("ukraine-2025"))
    section = scenario.bargaining
    assert section is not None
    assert {"donbas", "guarantee", "force", "army_ceiling", "sanctions"} <= {
        i.id for i in section.issues
    }
    assert {"RUS", "UKR", "USA", "GBR", "FRA", "DEU", "POL", "EU", "TUR"} <= {
        a.actor for a in section.actors
    }
    for entry in section.actors:
        assert entry.rationale and entry.sources
        for stance in entry.stances:
            assert stance.rationale and stance.sources


def test_lens_registered_and_summary_keys_follow_structure() -> None:
    lens = available_lenses()["bargaining"]
    assert isinstance(lens, BargainingLens)
    scenario = load_scenario_text(FIXTURE)
    result = lens.run(scenario)
    summary = lens.summary(result)
    assert set(summary) == {
        "forecast.land",
        "forecast.money",
        "weighted_mean.land",
        "weighted_mean.money",
    }
    w = np.array([1.0 * 0.6, 0.5 * 0.5, 0.3 * 0.2])
    assert summary["weighted_mean.land"] == pytest.approx((w * [10, 80, 50]).sum() / w.sum())
    doc = lens.to_json(result)
    assert doc["narrative"]["land"]
    assert lens.run(scenario).forecast == result.forecast  # deterministic


@pytest.mark.parametrize("model", ["bdm", "stokman", "mean"])
def test_other_models_via_section(model: str) -> None:
    scenario = load_scenario_text(FIXTURE.replace("  issues:\n", f"  model: {model}\n  issues:\n"))
    result = BargainingLens().run(scenario)
    assert result.model == model
    assert len(result.forecast) == 2


def test_salience_sum_checks_every_draw_not_just_the_nominal() -> None:
    """Nominal saliences of B sum to 0.5 + 0.4 = 0.9, but the uniform's upper end 0.6 allows
    draws summing to 1.1: invalid, reported at B's stances, naming B and every draw."""
    text = FIXTURE.replace(
        "{issue: money, position: 9, salience: 0.5}",
        "{issue: money, position: 9, salience: {dist: uniform, low: 0.2, high: 0.6}}",
    )
    line, field, message = _problem(text)
    assert line == 25 and field is not None and field.endswith("stances")
    assert message.startswith("B: saliences can sum to 1.1 in a draw")
    assert "every draw" in message and "nominal sum 0.9" in message


def test_salience_upper_ends_summing_to_one_are_valid() -> None:
    text = FIXTURE.replace(
        "{issue: money, position: 9, salience: 0.5}",
        "{issue: money, position: 9, salience: {dist: triangular, low: 0.1, mode: 0.3, high: 0.5}}",
    )
    scenario = load_scenario_text(text, "toy.yaml")
    assert scenario.bargaining is not None
