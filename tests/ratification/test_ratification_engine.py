"""assess_ratification on synthetic chambers: consistency with the pivots and the rules."""

from __future__ import annotations

import json

import numpy as np
import pytest
from ratification_fixtures import TREATY, members_csv, scenario_yaml, senate_rows

from detente.errors import InputError, ScenarioError
from detente.lens import available_lenses
from detente.ratification.engine import assess_ratification
from detente.ratification.explain import position_change_text, proposal_explanation
from detente.ratification.lens import RatificationLens
from detente.ratification.members import parse_voteview_members
from detente.scenario import load_scenario_text

ONE_DIM = """\
    - id: treaty
      legal_form: article_ii_treaty
      position: {{kind: one_dimensional, treaty: {t}, status_quo: 0.6}}
"""


def test_deterministic_model_agrees_with_the_pivot() -> None:
    text = scenario_yaml(ONE_DIM.format(t=-0.5), vote_model="{kind: deterministic}")
    result = assess_ratification(load_scenario_text(text))
    (p,) = result.proposals
    treaty_pivot = next(pv for pv in p.pivots if pv.role == "treaty pivot")
    assert treaty_pivot.required == 67
    assert p.p_ratify == pytest.approx(1.0 if treaty_pivot.margin_members >= 0 else 0.0, abs=1e-9)
    # The proposed change carries it exactly: applied, it passes; a little less, it fails.
    change = p.position_change
    assert change is not None and change.shift is not None and change.position is not None
    t_new = change.position["treaty"]
    passing = assess_ratification(
        load_scenario_text(
            scenario_yaml(
                ONE_DIM.format(t=t_new + 1e-4 * np.sign(0.6 - t_new)),
                vote_model="{kind: deterministic}",
            )
        )
    )
    failing = assess_ratification(
        load_scenario_text(
            scenario_yaml(
                ONE_DIM.format(t=t_new - 1e-3 * np.sign(0.6 - t_new)),
                vote_model="{kind: deterministic}",
            )
        )
    )
    assert change.shift > 0
    if change.shift > 0:
        assert p.p_ratify == pytest.approx(0.0, abs=1e-9)
        assert passing.proposals[0].p_ratify == pytest.approx(1.0, abs=1e-9)
        assert failing.proposals[0].p_ratify == pytest.approx(0.0, abs=1e-9)


def test_probit_expectations_and_distribution_agree() -> None:
    text = scenario_yaml(
        TREATY, vote_model="{kind: probit, beta: 8.8, w: 0.4, party_shock_sd: 0.5}"
    )
    (p,) = assess_ratification(load_scenario_text(text)).proposals
    dist = np.array(p.votes[0].yea_distribution)
    assert abs(dist.sum() - 1) < 1e-9
    assert abs(float(dist @ np.arange(dist.size)) - p.expected_yeas) < 1e-6
    assert 0.0 <= p.p_ratify <= 1.0
    assert p.required_yeas == 67  # full attendance: two thirds of 100


def test_large_beta_tends_to_the_deterministic_count() -> None:
    det = assess_ratification(
        load_scenario_text(scenario_yaml(TREATY, vote_model="{kind: deterministic}"))
    )
    sharp = assess_ratification(
        load_scenario_text(scenario_yaml(TREATY, vote_model="{kind: probit, beta: 100, w: 0.4}"))
    )
    assert (
        abs(sharp.proposals[0].expected_yeas - det.proposals[0].votes[0].deterministic_yeas) < 1.5
    )


def test_party_shock_keeps_expected_yeas_and_moves_p_ratify_towards_half() -> None:
    base = assess_ratification(load_scenario_text(scenario_yaml(TREATY))).proposals[0]
    shock = assess_ratification(
        load_scenario_text(
            scenario_yaml(
                TREATY, vote_model="{kind: probit, beta: 8.8, w: 0.4, party_shock_sd: 1.0}"
            )
        )
    ).proposals[0]
    assert abs(base.expected_yeas - shock.expected_yeas) < 1e-6
    assert abs(shock.p_ratify - 0.5) <= abs(base.p_ratify - 0.5) + 1e-9


def test_no_vote_forms_and_cea() -> None:
    proposals = """\
    - id: memo
      legal_form: political_commitment
      position: {kind: one_dimensional, treaty: -0.5, status_quo: 0.6}
    - id: exec
      legal_form: sole_executive_agreement
      position: {kind: one_dimensional, treaty: -0.5, status_quo: 0.6}
    - id: cea
      legal_form: congressional_executive_agreement
      president_signs: false
      position: {kind: one_dimensional, treaty: -0.5, status_quo: 0.6}
"""
    result = assess_ratification(load_scenario_text(scenario_yaml(proposals, house=True)))
    memo, exe, cea = result.proposals
    assert (
        not memo.vote_required
        and memo.p_ratify == 1.0
        and "No vote" in proposal_explanation(memo, cloture=True)[0]
    )
    assert not exe.vote_required
    assert cea.vote_required and {v.chamber for v in cea.votes} == {"senate", "house"}
    roles = {pv.role for pv in cea.pivots}
    assert {
        "Senate median",
        "Senate veto pivot",
        "filibuster pivot",
        "House median",
        "House veto pivot",
    } <= roles


def test_members_file_replaces_party_chamber() -> None:
    scenario = load_scenario_text(scenario_yaml(TREATY))
    chamber = parse_voteview_members(
        members_csv(senate_rows(56, 42, 2)), scenario.ratification.senate
    )
    result = assess_ratification(scenario, senate=chamber)
    assert result.proposals[0].pivots[0].name.startswith("MEMBER, Number")


def test_unknown_proposal_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown proposal 'nope'"):
        assess_ratification(load_scenario_text(scenario_yaml(TREATY)), proposals=["nope"])


def test_lens_summary_and_json() -> None:
    lens = available_lenses()["ratification"]
    assert isinstance(lens, RatificationLens)
    scenario = load_scenario_text(scenario_yaml(TREATY))
    assert lens.applies(scenario)
    result = lens.run(scenario)
    summary = lens.summary(result)
    assert set(summary) == {"p_ratify.treaty", "expected_yeas.treaty", "required_yeas.treaty"}
    doc = json.loads(json.dumps(lens.to_json(result)))
    assert doc["p_ratify"] == summary["p_ratify.treaty"]
    assert doc["proposals"]["treaty"]["pivots"][0]["role"] == "treaty pivot"
    assert lens.run(scenario) == result  # deterministic


def _problem(text: str) -> tuple[int | None, str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    problem = info.value.problems[0]
    return problem.line, problem.message


def test_semantic_errors_are_located() -> None:
    text = scenario_yaml(TREATY.replace("legal_form: article_ii_treaty", "design: treaty_design"))
    line, message = _problem(text)
    assert "no `guarantees` section" in message
    assert text.splitlines()[line - 1].strip() == "design: treaty_design"

    text = scenario_yaml(TREATY.replace("article_ii_treaty", "congressional_executive_agreement"))
    line, message = _problem(text)
    assert "needs the House" in message

    text = scenario_yaml(TREATY).replace("caucus: D", "caucus: Q")
    line, message = _problem(text)
    assert "unknown party 'Q'" in message and text.splitlines()[line - 1].strip() == "caucus: Q"

    text = scenario_yaml(TREATY).replace("seats: 56", "seats: 60")
    assert "hold 104 seats" in _problem(text)[1]

    text = scenario_yaml(TREATY).replace("seats: 56", "seats: 5")
    assert "fewer than a quorum" in _problem(text)[1]

    text = scenario_yaml(TREATY.replace("article_ii_treaty", "treaty_of_friendship"))
    line, message = _problem(text)
    assert text.splitlines()[line - 1].strip().startswith("legal_form:")

    text = scenario_yaml(TREATY + TREATY)
    assert "used twice" in _problem(text)[1]


def test_guarantees_designs_supply_the_legal_form() -> None:
    # A stand-in for the guarantees section: any object with designs carrying id and legal_form.
    from types import SimpleNamespace

    from detente.scenario.legal_form import LegalForm
    from detente.scenario.ratification_section import design_legal_forms

    scenario = SimpleNamespace(
        guarantees=SimpleNamespace(
            designs=(
                SimpleNamespace(id="budapest", legal_form=LegalForm.POLITICAL_COMMITMENT),
                SimpleNamespace(id="treaty", legal_form="article_ii_treaty"),
            )
        )
    )
    assert design_legal_forms(scenario) == {
        "budapest": LegalForm.POLITICAL_COMMITMENT,
        "treaty": LegalForm.ARTICLE_II_TREATY,
    }
    assert design_legal_forms(SimpleNamespace()) is None


def test_voted_form_needs_a_position() -> None:
    proposals = "    - id: treaty\n      legal_form: article_ii_treaty\n"
    text = scenario_yaml(proposals)
    line, message = _problem(text)
    assert "needs a `position`" in message
    assert text.splitlines()[line - 1].strip() == "- id: treaty"
    ok = scenario_yaml("    - id: memo\n      legal_form: political_commitment\n")
    assert not assess_ratification(load_scenario_text(ok)).proposals[0].vote_required


SMALL = """\
format: detente/1
id: small
title: Seven-seat chamber
actors: [{{id: A, name: A}}]
ratification:
  senate:
    seats: 7
    parties:
      - {{id: D, name: D, seats: 4, dim1: {{mean: -0.4, sd: 0.2}}}}
      - {{id: R, name: R, seats: 3, dim1: {{mean: 0.4, sd: 0.2}}}}
  vote_model: {{kind: probit, beta: 3, w: 0.4, present_rule: {rule}, present_probability: 0.1,
                cloture: {cloture}}}
  proposals:
    - id: t
      legal_form: {form}
      position: {{kind: one_dimensional, treaty: -0.2, status_quo: 0.5}}
"""


def _brute_p_ratify(p, a, present, counted, seated, form, cloture):  # type: ignore[no-untyped-def]
    import itertools

    from detente.ratification import rules

    total = 0.0
    for outcome in itertools.product(("Y", "N", "P", "A"), repeat=len(p)):
        pr = 1.0
        for pi, ai, o in zip(p, a, outcome, strict=True):
            pr *= {
                "Y": ai * (1 - present) * pi,
                "N": ai * (1 - present) * (1 - pi),
                "P": ai * present,
                "A": 1 - ai,
            }[o]
        y, n, pres = outcome.count("Y"), outcome.count("N"), outcome.count("P")
        base_n = n + (pres if counted else 0)
        ok = y + base_n >= rules.quorum(seated)
        if cloture:
            ok &= y >= rules.cloture_required_yeas(seated)
        if form == "article_ii_treaty":
            ok &= y >= rules.two_thirds_of(y + base_n)
        else:
            ok &= y > base_n
        total += pr * ok
    return total


@pytest.mark.parametrize("rule", ["excluded", "counted"])
@pytest.mark.parametrize("form", ["article_ii_treaty", "congressional_executive_agreement"])
@pytest.mark.parametrize("cloture", ["true", "false"])
def test_p_ratify_equals_enumeration_of_every_vote(rule: str, form: str, cloture: str) -> None:
    from detente.ratification.members import Chamber, Member
    from detente.ratification.nominate import yea_probabilities

    text = SMALL.format(rule=rule, form=form, cloture=cloture)
    if form != "article_ii_treaty":
        text = text.replace(
            "  vote_model:",
            "  house:\n    seats: 3\n    parties: [{id: D, name: D, seats: 2, dim1: {mean: -1, sd: 0}}]\n"
            "  vote_model:",
        )
    scenario = load_scenario_text(text)
    xs = [-0.6, -0.3, -0.1, 0.0, 0.2, 0.35, 0.6]
    att = [1.0, 0.9, 0.8, 1.0, 0.95, 0.7, 1.0]
    senate = Chamber(
        "senate",
        7,
        tuple(
            Member(f"m{i}", "D" if i < 4 else "R", x, 0.0, a)
            for i, (x, a) in enumerate(zip(xs, att, strict=True))
        ),
        "test",
    )
    result = assess_ratification(scenario, senate=senate).proposals[0]
    p = yea_probabilities(np.array([[x, 0.0] for x in xs]), (0.15, 0.0), (0.35, 0.0), 3.0, 0.4)
    senate_p = _brute_p_ratify(p, att, 0.1, rule == "counted", 7, form, cloture == "true")
    senate_vote = next(v for v in result.votes if v.chamber == "senate")
    assert senate_vote.p_pass == pytest.approx(senate_p, abs=1e-10)


def test_empty_ratifiable_set_is_reported() -> None:
    # Moving policy left of q = -0.3 needs 67 senators left of the cutpoint; the 67th from the
    # left sits right of q, so no text left of q passes (Krehbiel's ratifiable set is empty).
    proposals = """\
    - id: treaty
      legal_form: article_ii_treaty
      position: {kind: one_dimensional, treaty: -0.9, status_quo: -0.3}
"""
    text = scenario_yaml(proposals, vote_model="{kind: deterministic}")
    (p,) = assess_ratification(load_scenario_text(text)).proposals
    assert p.position_change is not None and p.position_change.shift is None
    assert "ratifiable set is empty" in position_change_text(p, p.position_change)
    assert p.p_ratify == pytest.approx(0.0, abs=1e-9)
