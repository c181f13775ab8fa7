"""Design-to-parameter rules: directions from the literature, exact latent-margin algebra."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from detente.deterrence.assessment import assess_designs
from detente.deterrence.design_mapping import (
    DEFAULT_RULES,
    credibility_from_cost,
    map_design,
    reneging_cost_needed,
)
from detente.deterrence.present import design_json
from detente.scenario import load_scenario, shipped_path
from detente.scenario.legal_form import LegalForm


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(shipped_path("ukraine-2025"))


def test_legal_forms_order_reneging_costs() -> None:
    """Binding treaty >= executive agreement >= political commitment (Abbott et al. 2000)."""
    c = DEFAULT_RULES.reneging_cost_legal_form
    assert (
        c[LegalForm.ARTICLE_II_TREATY]
        >= c[LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT]
        >= c[LegalForm.SOLE_EXECUTIVE_AGREEMENT]
        >= c[LegalForm.POLITICAL_COMMITMENT]
        == 0.0
    )


def test_shipped_designs_rank_by_legal_form_and_force(scenario) -> None:  # type: ignore[no-untyped-def]
    g = scenario.guarantees
    m = {d.id: map_design(g, d) for d in g.designs}
    assert m["art5_treaty"].reneging_cost >= m["art5_executive"].reneging_cost
    assert m["art5_executive"].reneging_cost >= m["budapest"].reneging_cost
    for base in ("budapest", "art5_executive", "art5_treaty"):
        with_force = m[f"{base}_force"]
        assert with_force.trigger_probability > 0 == m[base].trigger_probability
        assert with_force.effective_credibility > m[base].effective_credibility
        assert with_force.credibility_prior == m[base].credibility_prior


def test_tripwire_enters_as_q_eff(scenario) -> None:  # type: ignore[no-untyped-def]
    g = scenario.guarantees
    m = map_design(g, g.design("art5_treaty_force"))
    rho = m.trigger_probability
    assert m.effective_credibility == pytest.approx(rho + (1 - rho) * m.credibility)
    assert m.udg.pDef == m.effective_credibility


@settings(max_examples=100, deadline=None)
@given(st.floats(0.01, 0.99), st.floats(0, 3), st.floats(0, 3), st.floats(0.2, 3))
def test_credibility_is_monotone_in_reneging_cost(
    b: float, a1: float, a2: float, sd: float
) -> None:
    lo, hi = sorted((a1, a2))
    assert credibility_from_cost(b, 0.0, sd) == pytest.approx(b)
    assert credibility_from_cost(b, hi, sd) >= credibility_from_cost(b, lo, sd)


@settings(max_examples=100, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.05, 0.95), st.floats(0, 0.5), st.floats(0.3, 2))
def test_cost_needed_inverts_the_mapping(target: float, b: float, rho: float, sd: float) -> None:
    a = reneging_cost_needed(target, b, sd, rho)
    q = rho + (1 - rho) * credibility_from_cost(b, a, sd)
    if a > 0:
        assert q == pytest.approx(target, abs=1e-9)
    else:
        assert q >= target - 1e-12


def test_rule_overrides_apply_per_design() -> None:
    from detente.scenario import load_scenario_text

    text = shipped_path("ukraine-2025").read_text()
    text = text.replace(
        "      legal_form: article_ii_treaty\n      duration: {exit_notice_years: 1}\n",
        "      legal_form: article_ii_treaty\n      duration: {exit_notice_years: 1}\n"
        "      rules: {reneging_cost_legal_form: {article_ii_treaty: 2.0}}\n",
        1,
    )
    s = load_scenario_text(text, "x.yaml")
    m = map_design(s.guarantees, s.guarantees.design("art5_treaty"))
    assert m.reneging_cost == pytest.approx(
        2.0
        + DEFAULT_RULES.reneging_cost_obligation[s.guarantees.design("art5_treaty").obligation.kind]
    )
    assert m.credibility == pytest.approx(norm.cdf(norm.ppf(m.credibility_prior) + m.reneging_cost))


def test_assessment_shows_prior_result_and_thresholds(scenario) -> None:  # type: ignore[no-untyped-def]
    result = assess_designs(scenario)
    assert [d.design_id for d in result.designs] == [d.id for d in scenario.guarantees.designs]
    for d in result.designs:
        j = design_json(d)
        assert set(j["credibility"]) == {"prior", "after_commitments", "effective"}
        assert set(j["credibility_needed"]) >= {"deterrence", "separating"}
        assert j["explanation"]
        assert sum(j["outcome"].values()) == pytest.approx(1.0)
    # the non-binding assurances deter least
    fails = {d.design_id: d.p_failure for d in result.designs}
    assert fails["budapest"] == max(fails.values())
