"""Second methods for the numbers of the deterrence golden file (see test_golden_independent.py).

- credibility: the latent-margin form pDef = Φ(Φ⁻¹(b) + a/σ) with the standard library's
  :class:`statistics.NormalDist` (the engine uses scipy's ndtr/ndtri), then
  q = ρ + (1 - ρ) pDef;
- thresholds θH, θS and μ*: the indifference conditions of the Unilateral Deterrence Game
  written from its payoffs (Zagare & Kilgour 1993): a Hard challenger is indifferent between
  the status quo and challenging at pDef = θH, a Soft one at θS, a Soft defender between
  conceding and resisting at the belief μ*;
- outcome probabilities: the limit of the agent logit quantal-response equilibrium of the
  explicit game tree (McKelvey & Palfrey 1998), a numerical solver unrelated to the closed form;
- reneging cost needed: plugged back into the credibility formula;
- base rates: the published figures (Leeds, Long & Mitchell 2000; Berkemeier & Fuhrmann 2018).
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import pytest

from detente.deterrence.design_mapping import resolve_rules
from detente.deterrence.extensive import trace_logit_qre
from detente.deterrence.games import udg_game
from detente.deterrence.udg import REGIONS, UDGParameters
from detente.scenario import load
from detente.scenario.quantity import nominal

COVERS = [
    r"/designs\[\d+\]/credibility/(prior|after_commitments|effective)",
    r"/designs\[\d+\]/credibility_needed/(deterrence|separating|mu_star)",
    r"/designs\[\d+\]/mapping/(credibility|credibility_prior|effective_credibility|margin_sd)",
    r"/designs\[\d+\]/mapping/(reneging_cost|trigger_probability|denial_shift)",
    r"/designs\[\d+\]/mapping/reneging_costs\[\d+\]/cost",
    r"/designs\[\d+\]/mapping/udg_parameters/\w+",
    r"/designs\[\d+\]/outcome/(SQ|DC|CD|DD)",
    r"/designs\[\d+\]/(p_failure|p_war|regime_code)",
    r"/designs\[\d+\]/reneging_cost_needed/(deterrence|separating)",
    r"/reference_base_rates/\w+/rate",
]
"""The numeric paths of the deterrence golden file that :func:`check` verifies."""

PUBLISHED_RATES = {
    # Leeds, Long & Mitchell (2000), JCR 44(5): honoured 74.5 % coding specific obligations;
    # earlier studies of any involvement about 25 %.
    "leeds_1816_1944_specific": 0.745,
    "earlier_studies_any_involvement": 0.25,
    # Berkemeier & Fuhrmann (2018), Research & Politics 5(2).
    "berkemeier_fuhrmann_1816_2003": 0.50,
    "berkemeier_fuhrmann_pre_1945": 0.66,
    "berkemeier_fuhrmann_1945_2003": 0.22,
    "berkemeier_fuhrmann_defense_pacts": 0.41,
}

PHI = NormalDist()
QRE_LAMBDA = 30_000.0
"""Large enough that the logit QRE has reached its limit on the shipped designs (at the
default 3000 a design 0.002 above θH still shows P(SQ) = 0.989)."""


def _credibility(prior: float, cost: float, sd: float, rho: float) -> float:
    p_def = PHI.cdf(PHI.inv_cdf(prior) + cost / sd)
    return rho + (1 - rho) * p_def


def check_design(section: Any, design: Any, stored: dict[str, Any]) -> None:
    """One design's stored numbers against the hand calculations and the tree solver."""
    approx = pytest.approx
    assumptions = section.resolved_assumptions(design)
    rules = resolve_rules(section.rules, design.rules)
    mapping = stored["mapping"]
    prior = nominal(assumptions.credibility_base_rate.value)
    sd = nominal(assumptions.margin_sd.value)
    assert stored["credibility"]["prior"] == mapping["credibility_prior"] == approx(prior)
    assert mapping["margin_sd"] == approx(sd)

    costs = {c["feature"]: c["cost"] for c in mapping["reneging_costs"]}
    assert costs[f"legal form: {design.legal_form.value}"] == approx(
        rules.reneging_cost_legal_form[design.legal_form]
    )
    assert costs[f"obligation: {design.obligation.kind.value}"] == approx(
        rules.reneging_cost_obligation[design.obligation.kind]
    )
    cost = max(0.0, sum(costs.values()))
    assert mapping["reneging_cost"] == approx(cost)

    rho = shift = 0.0
    others = {k: v for k, v in costs.items() if not k.startswith(("legal form:", "obligation:"))}
    if design.obligation.automatic:
        assert others.pop("automatic casus foederis") == approx(rules.reneging_cost_automatic)
    if design.forces is not None:
        size = nominal(design.forces.size)
        share = min(1.0, size / rules.trigger_full_size)
        rho = rules.trigger_probability[design.forces.posture] * share
        tripwire = [k for k in others if k.startswith("forces on the ground")]
        if tripwire:
            assert others.pop(tripwire[0]) == approx(rules.reneging_cost_tripwire * share)
        if design.forces.posture.value == "denial":
            shift = rules.denial_payoff_shift * min(1.0, size / rules.denial_full_size)
    exit_label = "exit at will (notice under a year)"
    if exit_label in others:
        assert others.pop(exit_label) == approx(rules.reneging_cost_exit_at_will)
    assert not others, f"reneging costs without a hand calculation: {others}"
    assert mapping["trigger_probability"] == approx(rho)
    assert mapping["denial_shift"] == approx(shift)

    p_def = _credibility(prior, cost, sd, 0.0)
    q = _credibility(prior, cost, sd, rho)
    assert stored["credibility"]["after_commitments"] == mapping["credibility"] == approx(p_def)
    assert stored["credibility"]["effective"] == mapping["effective_credibility"] == approx(q)

    c, d = assumptions.challenger_payoffs, assumptions.defender_payoffs
    drop = shift * (nominal(c.DD_hard) - nominal(c.CD))
    expected_udg = {
        "pCh": nominal(assumptions.challenger_hard.value),
        "pDef": q,
        "cSQ": nominal(c.SQ),
        "cDC": nominal(c.DC),
        "cCD": nominal(c.CD),
        "cDD_hard": nominal(c.DD_hard) - drop,
        "cDD_soft": nominal(c.DD_soft) - drop,
        "dSQ": nominal(d.SQ),
        "dDC": nominal(d.DC),
        "dCD": nominal(d.CD),
        "dDD_hard": nominal(d.DD_hard),
        "dDD_soft": nominal(d.DD_soft),
    }
    assert mapping["udg_parameters"] == approx(expected_udg)
    u = expected_udg

    needed = stored["credibility_needed"]
    theta_h, theta_s, mu = needed["deterrence"], needed["separating"], needed["mu_star"]
    # A Hard challenger facing resistance with probability θH is indifferent to challenging.
    assert (1 - theta_h) * u["cDC"] + theta_h * u["cDD_hard"] == approx(u["cSQ"])
    # A Soft challenger (who backs down when resisted) is indifferent at θS.
    assert (1 - theta_s) * u["cDC"] + theta_s * u["cCD"] == approx(u["cSQ"])
    # A Soft defender believing the challenger Hard with probability μ* is indifferent.
    assert mu * u["dDD_soft"] + (1 - mu) * u["dCD"] == approx(u["dDC"])

    if q >= theta_h:
        regime = "deterrence"
    elif q >= theta_s:
        regime = "separating"
    else:
        regime = "attack" if u["pCh"] > mu else "bluff"
    assert stored["regime_code"] == REGIONS.index(regime)

    limit = trace_logit_qre(udg_game(UDGParameters(**u)), lam_max=QRE_LAMBDA)
    assert limit.converged
    outcome = {k: limit.terminal_probabilities.get(k, 0.0) for k in ("SQ", "DC", "CD", "DD")}
    assert stored["outcome"] == approx(outcome, abs=2e-3)
    assert stored["p_failure"] == approx(1 - outcome["SQ"], abs=2e-3)
    assert stored["p_war"] == approx(outcome["DD"], abs=2e-3)

    for key, theta in (("deterrence", theta_h), ("separating", theta_s)):
        a = stored["reneging_cost_needed"][key]
        if a is None:
            assert (theta - rho) / (1 - rho) >= 1, "a reachable threshold reported unreachable"
        elif a == 0:
            assert q >= theta - 1e-12
        else:
            assert _credibility(prior, a, sd, rho) == approx(theta)


def check(golden: dict[str, Any]) -> None:
    """Assert that the stored numbers of ``ukraine-2025.deterrence.json`` hold."""
    section = load("ukraine-2025").guarantees
    assert section is not None
    assert [d["id"] for d in golden["designs"]] == [d.id for d in section.designs]
    for design, stored in zip(section.designs, golden["designs"], strict=True):
        check_design(section, design, stored)
    rates = {k: v["rate"] for k, v in golden["reference_base_rates"].items()}
    assert rates == PUBLISHED_RATES
