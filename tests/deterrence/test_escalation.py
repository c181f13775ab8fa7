"""Escalation view: design -> AEG mapping, section checks, CLI."""

from __future__ import annotations

import json

import pytest

from detente.cli.app import main
from detente.deterrence.design_mapping import map_design
from detente.deterrence.escalation import escalation_parameters
from detente.errors import ScenarioError
from detente.scenario import load_scenario, load_scenario_text, shipped_path


@pytest.fixture(scope="module")
def text() -> str:
    return shipped_path("ukraine-2025").read_text()


def test_mapping_uses_commitment_credibility_and_force(text: str) -> None:
    s = load_scenario_text(text)
    g = s.guarantees
    for ident in ("art5_treaty", "art5_treaty_force"):
        design = g.design(ident)
        p = escalation_parameters(g, design)
        assert p is not None
        assert p.pHH + p.pHS + p.pSH + p.pSS == pytest.approx(1.0, abs=1e-12)
        assert p.strategic_credibility == pytest.approx(map_design(g, design).credibility, abs=1e-3)
    with_force = escalation_parameters(g, g.design("art5_treaty_force"))
    without = escalation_parameters(g, g.design("art5_treaty"))
    assert with_force is not None and without is not None
    assert with_force.tactical_credibility > without.tactical_credibility


def test_escalation_ordering_violation_is_located(text: str) -> None:
    bad = text.replace("        ED: 0.5\n", "        ED: 0.35\n", 1)
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(bad, "s.yaml")
    (p,) = info.value.problems
    assert "escalation challenger payoff ordering ED > DD violated" in p.message
    assert "Asymmetric Escalation Game" in (p.hint or "")
    assert p.line == bad.splitlines().index("        ED: 0.35") + 1


def test_cli_escalation_json(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["deter", "--design", "art5_treaty_force", "--escalation", "--json"])
    out, _ = capsys.readouterr()
    assert info.value.code == 0
    doc = json.loads(out)
    (e,) = doc["escalation"]
    assert e["id"] == "art5_treaty_force" and e["selection"]["converged"]
    assert sum(e["outcome"].values()) == pytest.approx(1.0)
    assert set(e["outcome"]) == {"SQ", "DC", "DD", "ED", "DE", "EE"}


def test_cli_escalation_without_assumptions_exits_2(
    text: str,
    tmp_path,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    start = text.index("    escalation:\n")
    end = text.index("  designs:\n")
    path = tmp_path / "s.yaml"
    path.write_text(text[:start] + text[end:])
    assert load_scenario(path).guarantees is not None
    with pytest.raises(SystemExit) as info:
        main(["deter", str(path), "--escalation"])
    _, err = capsys.readouterr()
    assert info.value.code == 2 and "no escalation assumptions" in err and "Traceback" not in err
