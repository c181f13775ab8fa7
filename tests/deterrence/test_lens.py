"""The deterrence lens honours the Lens contract: registry, JSON, determinism, summary keys."""

from __future__ import annotations

import json

import numpy as np

from detente.lens import Lens, available_lenses
from detente.scenario import load_scenario, shipped_path


def test_registered_and_contract() -> None:
    lens = available_lenses()["deterrence"]
    assert isinstance(lens, Lens)
    scenario = load_scenario(shipped_path("ukraine-2025"))
    assert lens.applies(scenario)
    a = lens.run(scenario, np.random.default_rng(1))
    b = lens.run(scenario, np.random.default_rng(2))
    assert lens.to_json(a) == lens.to_json(b)
    doc = json.loads(json.dumps(lens.to_json(a), allow_nan=False))
    assert all(d["explanation"] for d in doc["designs"])
    summary = lens.summary(a)
    ids = [d.id for d in scenario.guarantees.designs]
    for ident in ids:
        for key in ("p_failure", "p_war", "regime", "credibility", "credibility_prior"):
            assert isinstance(summary[f"{key}.{ident}"], float)
    assert len(summary) == 5 * len(ids)


def test_summary_keys_do_not_depend_on_numbers() -> None:
    lens = available_lenses()["deterrence"]
    from detente.scenario import load_scenario_text

    text = shipped_path("ukraine-2025").read_text()
    other = load_scenario_text(
        text.replace("      value: {dist: beta, a: 4, b: 6}", "      value: 0.9", 1)
    )
    base = load_scenario(shipped_path("ukraine-2025"))
    assert set(lens.summary(lens.run(other))) == set(lens.summary(lens.run(base)))


def test_does_not_apply_without_guarantees() -> None:
    from detente.scenario import load_scenario_text

    s = load_scenario_text("format: detente/1\nid: x\ntitle: X\nactors:\n  - {id: A, name: A}\n")
    assert not available_lenses()["deterrence"].applies(s)
