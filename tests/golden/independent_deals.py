"""Second methods for the numbers of the deals golden file (see test_golden_independent.py).

- utilities, disagreement and surpluses: the spatial utility and Fearon's reservation written
  out term by term in plain Python from the scenario's stances;
- deterrence: the design's credibility by the latent-margin formula with the standard
  library's NormalDist, then the Unilateral Deterrence Game's regions and status-quo
  probability from their defining inequalities (Zagare & Kilgour 1993), scalar;
- ratification: the ratification lens's own assessment (the full joint vote distribution by
  the O(n³) recursion) of a scenario whose treaty position is moved by the links by hand,
  not the batched curve the deals engine uses;
- the joint probability as the product of its factors; the fair division's points from the
  saliences and its allocation checked by exhaustive search for an equitable split.
"""

from __future__ import annotations

import itertools
from statistics import NormalDist
from typing import Any

import pytest

from detente.deterrence.design_mapping import exit_cost, resolve_rules, text_costs
from detente.ratification import assess_ratification
from detente.scenario import load
from detente.scenario.quantity import nominal

COVERS = [
    r"/terms\[\d+\]/(low|high)",
    r"/packages\[\d+\]/terms/\w+",
    r"/packages\[\d+\]/surplus/\w+",
    r"/disagreement/\w+",
    r"/packages\[\d+\]/(p_deter|p_ratify|p_joint|credibility_margin)",
    r"/fair_division/points/\w+",
    r"/fair_division/points_given/\w+/\w+",
    r"/fair_division/allocation/\w+/\w+",
]

N = NormalDist()


def _stance(scenario: Any, actor: str, term: str) -> tuple[float, float]:
    for entry in scenario.bargaining.actors:
        if entry.actor == actor:
            for stance in entry.stances:
                if stance.issue == term:
                    return nominal(stance.position), nominal(stance.salience)
    raise KeyError((actor, term))


def _utility(scenario: Any, actor: str, values: dict[str, float], design: str | None) -> float:
    party = scenario.deals.party(actor)
    issues = {i.id: i for i in scenario.bargaining.issues}
    total = 1.0
    for term in scenario.deals.terms:
        ideal, salience = _stance(scenario, actor, term)
        width = issues[term].scale.high - issues[term].scale.low
        distance = abs(values[term] - ideal) / width
        total -= salience * (distance if party.loss.value == "linear" else distance**2)
    if design is not None and design in party.design_utility:
        total += nominal(party.design_utility[design])
    return total


def _disagreement(scenario: Any, actor: str) -> float:
    party = scenario.deals.party(actor)
    war = {t: nominal(v) for t, v in party.reservation.war_outcome.items()}
    return _utility(scenario, actor, war, None) - nominal(party.reservation.cost_of_war)


def _shift(scenario: Any, target: str, design: str, values: dict[str, float]) -> float:
    issues = {i.id: i for i in scenario.bargaining.issues}
    total = 0.0
    for link in scenario.deals.links:
        if link.target.value == target and (not link.designs or design in link.designs):
            width = issues[link.term].scale.high - issues[link.term].scale.low
            total += (
                nominal(link.per_scale)
                * (values[link.term] - scenario.deals.reference(link))
                / width
            )
    return total


def _deterrence(scenario: Any, design_id: str, values: dict[str, float]) -> tuple[float, float]:
    """(P(status quo), effective credibility − θH) by hand."""
    g = scenario.guarantees
    design = g.design(design_id)
    rules = resolve_rules(g.rules, design.rules)
    a = g.resolved_assumptions(design)
    cost = sum(c.cost for c in text_costs(rules, design))
    item = exit_cost(rules, design)
    cost += item.cost if item else 0.0
    rho = shift = 0.0
    if design.forces is not None:
        size = nominal(design.forces.size) + _shift(scenario, "force_size", design_id, values)
        scale = min(1.0, size / rules.trigger_full_size)
        rho = rules.trigger_probability[design.forces.posture] * scale
        cost += rules.reneging_cost_tripwire * scale
        if design.forces.posture.value == "denial":
            shift = rules.denial_payoff_shift * min(1.0, size / rules.denial_full_size)
    cost = max(0.0, cost + _shift(scenario, "reneging_cost", design_id, values))
    base, sd = nominal(a.credibility_base_rate.value), nominal(a.margin_sd.value)
    q = rho + (1 - rho) * N.cdf(N.inv_cdf(base) + cost / sd)
    c = {
        k: nominal(getattr(a.challenger_payoffs, k)) + _shift(scenario, f"c{k}", design_id, values)
        for k in ("SQ", "DC", "CD", "DD_hard", "DD_soft")
    }
    d = {
        k: nominal(getattr(a.defender_payoffs, k)) + _shift(scenario, f"d{k}", design_id, values)
        for k in ("SQ", "DC", "CD", "DD_hard", "DD_soft")
    }
    c["DD_hard"] -= shift * (c["DD_hard"] - c["CD"])
    p_ch = nominal(a.challenger_hard.value) + _shift(scenario, "pCh", design_id, values)
    theta_h = (c["DC"] - c["SQ"]) / (c["DC"] - c["DD_hard"])
    theta_s = (c["DC"] - c["SQ"]) / (c["DC"] - c["CD"])
    mu = (d["CD"] - d["DC"]) / (d["CD"] - d["DD_soft"])
    if q >= theta_h:
        sq = 1.0
    elif q >= theta_s:
        sq = 1 - p_ch
    elif p_ch > mu:
        sq = 0.0
    else:
        soft_challenge = p_ch * (1 - mu) / (mu * (1 - p_ch))
        sq = (1 - p_ch) * (1 - min(1.0, soft_challenge))
    return sq, q - theta_h


def _ratification(scenario: Any, design_id: str, values: dict[str, float]) -> float:
    proposals = [p for p in scenario.ratification.proposals if p.design == design_id]
    form = scenario.guarantees.design(design_id).legal_form.value
    if form in ("political_commitment", "sole_executive_agreement") or not proposals:
        return 1.0
    proposal = proposals[0]
    moved = nominal(proposal.position.treaty) + _shift(
        scenario, "treaty_position", design_id, values
    )
    position = proposal.position.model_copy(update={"treaty": moved})
    ratification = scenario.ratification.model_copy(
        update={"proposals": (proposal.model_copy(update={"position": position}),)}
    )
    return (
        assess_ratification(scenario.model_copy(update={"ratification": ratification}))
        .proposals[0]
        .p_ratify
    )


def check(document: dict[str, Any]) -> None:
    scenario = load("ukraine-2025")
    from detente.uncertainty.variants import nominal_scenario

    scenario = nominal_scenario(scenario)
    issues = {i.id: i for i in scenario.bargaining.issues}
    for term in document["terms"]:
        assert (term["low"], term["high"]) == (
            issues[term["id"]].scale.low,
            issues[term["id"]].scale.high,
        )
    for actor, value in document["disagreement"].items():
        assert value == pytest.approx(_disagreement(scenario, actor), abs=1e-8)
    named = {p.id: p for p in scenario.deals.packages}
    for package in document["packages"]:
        values = package["terms"]
        if package["id"] in named:
            assert values == {
                t: pytest.approx(nominal(v)) for t, v in named[package["id"]].terms.items()
            }
        sq, margin = _deterrence(scenario, package["design"], values)
        r = _ratification(scenario, package["design"], values)
        own = 1.0  # the share of "in force" that is the package's own design
        if package["fallback_design"]:
            r_fb = _ratification(scenario, package["fallback_design"], values)
            sq_fb, _ = _deterrence(scenario, package["fallback_design"], values)
            in_force = r + (1 - r) * r_fb
            sq = (r * sq + (1 - r) * r_fb * sq_fb) / in_force
            own, r = r / in_force, in_force
        for actor, surplus in package["surplus"].items():
            utility = own * _utility(scenario, actor, values, package["design"])
            if package["fallback_design"]:
                utility += (1 - own) * _utility(scenario, actor, values, package["fallback_design"])
            expected = utility - _disagreement(scenario, actor)
            assert surplus == pytest.approx(expected, abs=1e-8), (package["id"], actor)
        accepted = all(s >= 0 for s in package["surplus"].values())
        assert package["p_ratify"] == pytest.approx(r, abs=1e-7), package["id"]
        assert package["p_deter"] == pytest.approx(sq, abs=1e-7), package["id"]
        assert package["credibility_margin"] == pytest.approx(margin, abs=1e-7), package["id"]
        assert package["p_joint"] == pytest.approx(float(accepted) * r * sq, abs=1e-7)
    fair = document["fair_division"]
    given = fair["points_given"]
    for actor in fair["parties"]:
        weights = {t: _stance(scenario, actor, t)[1] for t in scenario.deals.terms}
        total = sum(weights.values())
        for term, points in given[actor].items():
            assert points == pytest.approx(100 * weights[term] / total)
    a, b = fair["parties"]
    # An equitable, efficient division exists with these totals: search every whole-issue
    # allocation (and the split of one issue) for the equal total the file states.
    terms = list(given[a])
    best = 0.0
    for mask in itertools.product((0, 1), repeat=len(terms)):
        ta = sum(given[a][t] for t, m in zip(terms, mask, strict=True) if m)
        tb = sum(given[b][t] for t, m in zip(terms, mask, strict=True) if not m)
        if abs(ta - tb) < 1e-9:
            best = max(best, ta)
    assert fair["points"][a] == pytest.approx(fair["points"][b])
    assert fair["points"][a] == pytest.approx(best) or fair["split_issue"] is not None
    for term, shares in fair["allocation"].items():
        assert shares[a] + shares[b] == pytest.approx(1.0)
        assert shares[a] in (0.0, 1.0) or term == fair["split_issue"]
