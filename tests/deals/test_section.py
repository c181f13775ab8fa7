"""The deals section: every bad input is refused at its line, with what would be valid."""

from __future__ import annotations

from .helpers import line_of, problems, shipped, shipped_text


def test_shipped_section_loads_with_five_dated_sourced_packages() -> None:
    section = shipped().deals
    assert section is not None
    assert [p.id for p in section.packages] == [
        "us_28_point",
        "geneva_framework",
        "e3_counter_proposal",
        "berlin_framework",
        "freeze_line",
    ]
    known = {s.id for s in shipped().sources}
    for package in section.packages:
        assert package.proposed is not None and package.rationale
        assert package.sources and all(s in known for s in package.sources)
    assert {p.actor for p in section.parties} == {"RUS", "UKR", "EU"}


def test_unknown_issue_in_a_package_is_located() -> None:
    text = shipped_text().replace(
        "terms: {donbas: 0, guarantee: 45,", "terms: {donbas: 0, crimea: 5, guarantee: 45,", 1
    )
    (p,) = problems(text)
    assert "'crimea' is not a term" in p.message and "donbas" in (p.hint or "")
    assert p.line == line_of(text, "crimea: 5")


def test_unknown_design_and_fallback() -> None:
    text = shipped_text().replace(
        "design: art5_executive\n      terms: {donbas: 0",
        "design: nato\n      terms: {donbas: 0",
        1,
    )
    text = text.replace("fallback_design: art5_executive_force", "fallback_design: handshake", 1)
    found = problems(text)
    messages = [p.message for p in found]
    assert "unknown design 'nato'" in messages and "unknown design 'handshake'" in messages
    assert all("art5_treaty" in (p.hint or "") for p in found)


def test_term_outside_its_scale_names_the_scale_and_units() -> None:
    text = shipped_text().replace(
        "army_ceiling: 600, sanctions: 70}", "army_ceiling: 1600, sanctions: 70}", 1
    )
    (p,) = problems(text)
    assert (
        "1600" in p.message and "[0, 1000]" in p.message and "thousand personnel" in (p.hint or "")
    )


def test_a_distribution_whose_support_leaves_the_scale_is_refused() -> None:
    text = shipped_text().replace(
        "donbas: {dist: triangular, low: 0, mode: 8, high: 18}",
        "donbas: {dist: triangular, low: -5, mode: 8, high: 18}",
        1,
    )
    (p,) = problems(text)
    assert "support [-5, 18]" in p.message and p.field.endswith("war_outcome.donbas")


def test_unknown_party() -> None:
    text = shipped_text().replace(
        "    - actor: RUS\n      rationale: >\n        Russia must accept",
        "    - actor: RUSSIA\n      rationale: >\n        Russia must accept",
        1,
    )
    found = problems(text)
    assert "unknown actor 'RUSSIA'" in found[0].message and "RUS" in (found[0].hint or "")
    # and, being unknown, it has no bargaining stances to take its utility from
    assert any("no stance on donbas" in p.message for p in found[1:])


def test_party_without_reservation_is_a_located_missing_field() -> None:
    text = shipped_text()
    start = text.index(
        "      reservation:\n        rationale: >\n          ASSUMPTION. Continued war over a year"
    )
    end = text.index(
        "        cost_of_war: {dist: triangular, low: 0.05, mode: 0.15, high: 0.3}\n"
    ) + len("        cost_of_war: {dist: triangular, low: 0.05, mode: 0.15, high: 0.3}\n")
    (p,) = problems(text[:start] + text[end:])
    assert "reservation" in (p.field or "") and "required" in p.message.lower()


def test_war_outcome_must_cover_every_term() -> None:
    text = shipped_text().replace(
        "          army_ceiling: 1000\n          sanctions: 0\n        cost_of_war: {dist: triangular, low: 0.05, mode: 0.15",
        "          army_ceiling: 1000\n        cost_of_war: {dist: triangular, low: 0.05, mode: 0.15",
        1,
    )
    (p,) = problems(text)
    assert "no value for sanctions" in p.message


def test_unknown_link_target_lists_the_valid_ones() -> None:
    text = shipped_text().replace("      target: reneging_cost\n", "      target: morale\n", 1)
    (p,) = problems(text)
    assert "morale" in p.message or "target" in (p.field or "")
    assert "treaty_position" in p.message + (p.hint or "")


def test_a_link_that_breaks_the_games_orderings_somewhere_on_the_scale_is_refused() -> None:
    # donbas -> cSQ at -0.2 per scale: at donbas 100 Russia's SQ payoff falls below its war
    # payoff (0.55 - 0.2 * 0.78 < 0.5), a game in which deterrence cannot work.
    text = shipped_text().replace(
        "      target: cSQ\n      per_scale: -0.04\n",
        "      target: cSQ\n      per_scale: -0.2\n",
        1,
    )
    found = problems(text)
    assert found and all(p.field == "deals.links" for p in found)
    assert any("SQ > DD_hard" in p.message for p in found)
    assert "both ends of every term's scale" in (found[0].hint or "")


def test_the_ordering_check_is_exact_at_the_boundary() -> None:
    # Worst case: cSQ at its lowest 0.55 with donbas at 100 (0.78 of the scale above the
    # reference 22) against cDD_hard at its highest 0.5 raised by the army link at a ceiling of
    # 0 (+0.02 * 0.8 = 0.016). -0.043 per scale leaves 0.55 - 0.03354 - 0.516 = +0.00046;
    # -0.045 gives -0.0011. The check must tell them apart, not refuse both.
    ok = shipped_text().replace(
        "      target: cSQ\n      per_scale: -0.04\n",
        "      target: cSQ\n      per_scale: -0.043\n",
        1,
    )
    bad = shipped_text().replace(
        "      target: cSQ\n      per_scale: -0.04\n",
        "      target: cSQ\n      per_scale: -0.045\n",
        1,
    )
    from detente.scenario import load_scenario_text

    load_scenario_text(ok)
    assert problems(bad)


def test_treaty_position_link_that_crosses_the_status_quo() -> None:
    text = shipped_text().replace(
        "      target: treaty_position\n      per_scale: 0.45\n",
        "      target: treaty_position\n      per_scale: 3.5\n",
        1,
    )
    found = problems(text)
    assert any("status quo" in p.message for p in found)


def test_fair_division_parties_and_points() -> None:
    text = shipped_text().replace(
        "  search:\n    rationale:",
        "  fair_division:\n    parties: [RUS, USA]\n    points: {RUS: {donbas: 90, sanctions: 5}}\n  search:\n    rationale:",
        1,
    )
    messages = " | ".join(p.message for p in problems(text))
    assert "'USA' is not a party" in messages and "sum to 100" in messages


def test_no_bargaining_section() -> None:
    text = shipped_text()
    start, end = text.index("\nbargaining:\n"), text.index("\ndeals:\n")
    found = problems(text[:start] + text[end:])
    assert any("needs a `bargaining` section" in p.message for p in found)
