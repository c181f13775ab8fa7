"""Every way of building a scenario runs the same complete validation, cross-references included.

A file, YAML text, a dict (``Scenario.model_validate`` or :func:`detente.load`) and Python
objects (``Scenario(...)``) must all refuse a preference statement that names an option the
conflict does not have, with the same field path and message; before, only the file loader ran
the cross-reference checks and an engine later failed with a bare ``KeyError``.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from detente.errors import ScenarioError
from detente.scenario import Scenario, load, shipped_path, shipped_scenarios
from detente.scenario.model import CROSS_REFERENCE_ERROR

FIELD = "conflict.decision_makers[0].preferences.statements[0].statement"


def _broken_data() -> dict[str, Any]:
    data = copy.deepcopy(load("elmira").model_dump(mode="json"))
    data["conflict"]["decision_makers"][0]["preferences"]["statements"][0]["statement"] = "NOPE"
    return data


def _broken_text() -> str:
    text = shipped_path("elmira").read_text(encoding="utf-8")
    return text.replace("{statement: ACC, rationale", "{statement: NOPE, rationale", 1)


@pytest.mark.parametrize("name", [s.name for s in shipped_scenarios()])
def test_every_shipped_scenario_round_trips_through_its_dump(name: str) -> None:
    """A dumped scenario loads back equal (a base-rate preset dumps with the value it implied,
    which once read as "give either value or preset")."""
    scenario = load(name)
    assert load(scenario.model_dump(mode="json")) == scenario


def test_a_valid_scenario_round_trips_through_its_dump() -> None:
    scenario = load("elmira")
    assert Scenario.model_validate(scenario.model_dump(mode="json")) == scenario
    assert load(scenario.model_dump(mode="json")) == scenario
    assert load(scenario) is scenario


def test_model_validate_runs_the_cross_reference_checks() -> None:
    with pytest.raises(ValidationError) as info:
        Scenario.model_validate(_broken_data())
    (error,) = info.value.errors()
    assert error["type"] == CROSS_REFERENCE_ERROR
    paths = [path for path, _, _ in error["ctx"]["problems"]]
    assert ("conflict", "decision_makers", 0, "preferences", "statements", 0, "statement") in paths
    assert "NOPE" in error["msg"]


def test_python_objects_run_the_cross_reference_checks() -> None:
    scenario = load("elmira")
    assert scenario.conflict is not None
    dm = scenario.conflict.decision_makers[0]
    prefs = dm.preferences.model_dump()
    prefs["statements"][0]["statement"] = "NOPE"
    bad_dm = type(dm).model_validate({**dm.model_dump(), "preferences": prefs})
    section = scenario.conflict.model_dump()
    section["decision_makers"] = [bad_dm, *scenario.conflict.decision_makers[1:]]
    with pytest.raises(ValidationError, match="NOPE"):
        Scenario(**{**dict(scenario), "conflict": type(scenario.conflict)(**section)})


def _problems(error: ScenarioError) -> set[tuple[str | None, str]]:
    return {(p.field, p.message) for p in error.problems}


def test_file_text_and_dict_report_the_same_problems(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(_broken_text(), encoding="utf-8")
    found = []
    for source in (path, str(path), _broken_text(), _broken_data()):
        with pytest.raises(ScenarioError) as info:
            load(source)
        found.append(info.value)
    assert FIELD in {p.field for p in found[0].problems}
    assert all(_problems(e) == _problems(found[0]) for e in found)
    from_file = next(p for p in found[0].problems if p.field == FIELD)
    assert from_file.file == str(path) and from_file.line == 36
    from_dict = next(p for p in found[3].problems if p.field == FIELD)
    assert from_dict.file == "<dict>" and from_dict.line is None


def test_load_names_what_it_accepts() -> None:
    with pytest.raises(ScenarioError, match="shipped scenarios: ukraine-2025"):
        load("no-such-scenario")
    with pytest.raises(ScenarioError, match="cannot load a scenario from a int"):
        load(3)  # type: ignore[arg-type]
    assert load().id == load("ukraine-2025").id
    assert load(shipped_path("chicken")).id == "chicken"
