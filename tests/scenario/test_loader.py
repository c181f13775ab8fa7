"""Scenario loading: valid files load, every problem is reported at file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import ScenarioError
from detente.scenario import load_scenario, load_scenario_text

MINIMAL = """\
format: detente/1
id: minimal
title: Minimal scenario
actors:
  - id: A
    name: Alpha
  - id: B
    name: Beta
"""


def test_minimal_scenario_loads() -> None:
    scenario = load_scenario_text(MINIMAL, "min.yaml")
    assert [a.id for a in scenario.actors] == ["A", "B"]
    assert scenario.actor("B").name == "Beta"


def test_scenario_is_immutable() -> None:
    scenario = load_scenario_text(MINIMAL)
    with pytest.raises((TypeError, ValueError)):
        scenario.title = "changed"  # type: ignore[misc]


def test_unknown_field_is_located_with_valid_fields() -> None:
    text = MINIMAL.replace("    name: Beta\n", "    name: Beta\n    colour: red\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("s.yaml", 9, 5)
    assert problem.field == "actors[1].colour"
    assert problem.hint is not None and "name" in problem.hint


def test_bad_id_reports_line_and_rule() -> None:
    text = MINIMAL.replace("id: B", "id: 9B")
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    (problem,) = info.value.problems
    assert problem.line == 7 and problem.field == "actors[1].id"
    assert "letter" in (problem.hint or "")


def test_duplicate_actor_ids_rejected() -> None:
    text = MINIMAL.replace("id: B", "id: A")
    with pytest.raises(ScenarioError, match="used twice"):
        load_scenario_text(text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("format: detente/1\nid: [x\n", "malformed YAML"),
        ("- just\n- a list\n", "must be a YAML mapping"),
        ("id: x\n", "`format` key is missing"),
        ("format: detente/99\nid: x\n", "unsupported scenario format"),
        ("format: detente/1\nformat: detente/1\n", "malformed YAML"),
    ],
)
def test_malformed_documents(text: str, fragment: str) -> None:
    with pytest.raises(ScenarioError, match=fragment):
        load_scenario_text(text, "bad.yaml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(tmp_path / "absent.yaml")


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"format: detente/1\ntitle: caf\xe9\n")
    with pytest.raises(ScenarioError, match="UTF-8"):
        load_scenario(path)


def test_yaml_tags_do_not_construct_objects() -> None:
    text = MINIMAL.replace("title: Minimal scenario", "title: !!python/object:os.system echo")
    # Safe loading: the tag never runs code; the value is at most a string.
    try:
        scenario = load_scenario_text(text)
    except ScenarioError:
        return
    assert isinstance(scenario.title, str)


def _quantity_problems(value: str) -> list[str]:
    from pydantic import BaseModel

    from detente.scenario.loader import _pydantic_problems
    from detente.scenario.quantity import Probability
    from detente.scenario.yaml_source import parse_yaml

    class Probe(BaseModel):
        beta: Probability

    document = parse_yaml(f"beta: {value}\n", "q.yaml")
    try:
        Probe.model_validate(document.data)
    except Exception as exc:
        return [str(p) for p in _pydantic_problems(exc, document.source, document.data)]  # type: ignore[arg-type]
    return []


def test_field_named_like_a_distribution_keeps_its_name() -> None:
    (problem,) = _quantity_problems("2.5")
    assert problem.startswith("q.yaml:1:1: beta: value is out of range")


def test_number_or_distribution_errors_report_only_the_intended_branch() -> None:
    (text,) = _quantity_problems("high")
    assert "expected a number or a distribution" in text and "triangular" in text
    (text,) = _quantity_problems("{dist: beta, a: -1, b: 2}")
    assert "beta.a" in text and "greater than 0" in text
    (text,) = _quantity_problems("{dist: lognormal, mean: 1}")
    assert "unknown or missing distribution" in text
