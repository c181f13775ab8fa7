"""The shipped ukraine-2025 scenario's ratification section: designs, legal forms, answers."""

from __future__ import annotations

import pytest

from detente.ratification.engine import assess_ratification
from detente.ratification.explain import proposal_explanation
from detente.scenario import load_scenario, load_scenario_text, shipped_path
from detente.scenario.legal_form import LegalForm


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return assess_ratification(load_scenario(shipped_path("ukraine-2025")))


def test_every_design_has_a_proposal_with_the_designs_legal_form(result) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(shipped_path("ukraine-2025"))
    designs = {d.id: d.legal_form for d in scenario.guarantees.designs}
    assert {p.design for p in result.proposals} == set(designs)
    for p in result.proposals:
        assert p.legal_form == designs[p.design]
        assert p.vote_required == (p.legal_form is LegalForm.ARTICLE_II_TREATY)


def test_treaties_are_assessed_against_two_thirds_of_the_119th_senate(result) -> None:  # type: ignore[no-untyped-def]
    treaty = result.proposal("art5_treaty")
    assert 0.0 < treaty.p_ratify < 1.0
    assert treaty.required_yeas == 66  # two thirds of the ≈98 expected to vote
    assert next(pv for pv in treaty.pivots if pv.role == "treaty pivot").required == 67
    assert sum(b.members for b in treaty.blocs) == 100
    assert {b.party: b.members for b in treaty.blocs} == {"R": 53, "D": 45, "I": 2}
    assert any("treaty pivot" in line for line in proposal_explanation(treaty, cloture=True))


def test_voted_proposal_without_position_is_located() -> None:
    import re

    from detente.errors import ScenarioError

    text = shipped_path("ukraine-2025").read_text()
    text = re.sub(
        r"(    - id: art5_treaty\n      design: art5_treaty\n)      position:\n(        .*\n)+",
        r"\1",
        text,
        count=1,
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "u.yaml")
    (problem,) = info.value.problems
    assert "needs a `position`" in problem.message
    assert text.splitlines()[problem.line - 1].strip() == "- id: art5_treaty"


def test_unknown_design_is_reported_at_its_line() -> None:
    from detente.errors import ScenarioError

    text = (
        shipped_path("ukraine-2025")
        .read_text()
        .replace("      design: art5_treaty_force\n", "      design: art5_treaty_forces\n", 1)
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "u.yaml")
    (problem,) = info.value.problems
    assert "unknown guarantee design 'art5_treaty_forces'" in problem.message
    assert text.splitlines()[problem.line - 1].strip() == "design: art5_treaty_forces"
    assert "art5_treaty_force" in (problem.hint or "")
