"""The guarantees section: semantic checks at the right line, with the reason."""

from __future__ import annotations

import pytest

from detente.errors import ScenarioError
from detente.scenario import load_scenario_text, shipped_path


@pytest.fixture(scope="module")
def text() -> str:
    return shipped_path("ukraine-2025").read_text()


def _problems(text: str) -> list:  # type: ignore[type-arg]
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    return list(info.value.problems)


def _line(text: str, needle: str) -> int:
    return text.splitlines().index(next(l for l in text.splitlines() if needle in l)) + 1


def test_shipped_section_has_the_six_designs(text: str) -> None:
    s = load_scenario_text(text)
    ids = [d.id for d in s.guarantees.designs]
    assert ids == [
        "budapest",
        "budapest_force",
        "art5_executive",
        "art5_executive_force",
        "art5_treaty",
        "art5_treaty_force",
    ]
    assert {d.legal_form.value for d in s.guarantees.designs} == {
        "political_commitment",
        "sole_executive_agreement",
        "article_ii_treaty",
    }


def test_unknown_actor_is_reported_at_its_line(text: str) -> None:
    bad = text.replace("      challenger: RUS\n", "      challenger: RUSSIA\n", 1)
    (p,) = _problems(bad)
    assert "unknown actor 'RUSSIA'" in p.message and p.field == "guarantees.designs[0].challenger"
    assert p.line == _line(bad, "challenger: RUSSIA")
    assert "RUS" in (p.hint or "")


def test_probability_outside_unit_interval(text: str) -> None:
    bad = text.replace("      value: {dist: beta, a: 4, b: 6}", "      value: 1.3", 1)
    (p,) = _problems(bad)
    assert p.field == "guarantees.assumptions.challenger_hard.value"
    assert "<= 1.0" in p.message and p.line == _line(bad, "value: 1.3")


def test_payoff_ordering_violation_says_which_and_why(text: str) -> None:
    bad = text.replace("      CD: 0.2\n", "      CD: 0.7\n", 1)
    problems = _problems(bad)
    messages = " | ".join(p.message for p in problems)
    assert "challenger payoff ordering" in messages and "CD" in messages
    assert "backs down" in messages or "status quo" in messages
    assert all("cDC > cSQ > cDD_hard > cCD > cDD_soft" in (p.hint or "") for p in problems)


def test_distribution_support_must_respect_ordering(text: str) -> None:
    bad = text.replace(
        "DD_hard: {dist: triangular, low: 0.4, mode: 0.45, high: 0.5}",
        "DD_hard: {dist: triangular, low: 0.4, mode: 0.45, high: 0.62}",
    )
    (p,) = _problems(bad)
    assert "SQ > DD_hard" in p.message and "lowest SQ" in p.message


def test_unknown_legal_form(text: str) -> None:
    bad = text.replace("legal_form: article_ii_treaty", "legal_form: handshake", 1)
    (p,) = _problems(bad)
    assert p.field.endswith("legal_form") and "article_ii_treaty" in p.message


def test_duplicate_design_ids(text: str) -> None:
    bad = text.replace("- id: budapest_force", "- id: budapest", 1)
    (p,) = _problems(bad)
    assert "used twice" in p.message


def test_unknown_guarantor_and_contributor(text: str) -> None:
    bad = text.replace(
        "        - {actor: GBR, role: tactical}\n", "        - {actor: UK, role: tactical}\n", 1
    )
    bad = bad.replace("contributors: [GBR, FRA, DEU, POL]", "contributors: [GBR, FRA, GER, POL]")
    fields = {p.field: p.message for p in _problems(bad)}
    assert "unknown actor 'UK'" in fields["guarantees.designs[0].guarantors[1].actor"]
    assert any("GER" in m for f, m in fields.items() if "contributors" in (f or ""))


def test_a_design_needs_a_strategic_guarantor(text: str) -> None:
    bad = text.replace(
        "        - {actor: USA, role: strategic}\n        - {actor: GBR, role: tactical}\n      protege: UKR\n      obligation:\n        kind: consultation",
        "        - {actor: USA, role: tactical}\n        - {actor: GBR, role: tactical}\n      protege: UKR\n      obligation:\n        kind: consultation",
        1,
    )
    assert bad != text
    (p,) = _problems(bad)
    assert "strategic guarantor" in p.message


def test_base_rate_preset_becomes_a_beta_prior(text: str) -> None:
    from detente.scenario.quantity import nominal

    s = load_scenario_text(text)
    prior = s.guarantees.assumptions.credibility_base_rate
    assert prior.preset is not None and nominal(prior.value) == pytest.approx(0.41)
    bad = text.replace("preset: berkemeier_fuhrmann_defense_pacts", "preset: folklore", 1)
    (p,) = _problems(bad)
    assert p.field.endswith("preset") and "berkemeier_fuhrmann_1945_2003" in p.message
    both = text.replace(
        "      preset: berkemeier_fuhrmann_defense_pacts\n",
        "      preset: berkemeier_fuhrmann_defense_pacts\n      value: 0.5\n",
        1,
    )
    (p,) = _problems(both)
    assert "either `value` or `preset`" in p.message
