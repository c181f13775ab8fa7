"""JSON documents of the deterrence results (``detente deter --json``, the lens's document).

The engines return frozen numbers-only results; this module shapes them into the documented
JSON (see the deterrence page of the documentation), adding each result's explanation from
:mod:`detente.deterrence.explain` under ``"explanation"``. Infinite reneging costs (no cost
reaches the threshold) become ``null``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from detente.deterrence.aeg import PARAMETERS as AEG_PARAMETERS
from detente.deterrence.aeg import AEGSolution
from detente.deterrence.assessment import DesignAssessment, GuaranteeAssessment
from detente.deterrence.design_mapping import DesignParameters
from detente.deterrence.escalation import EscalationAssessment
from detente.deterrence.explain import (
    aeg_explanation,
    design_explanation,
    prior_source,
    radg_explanation,
    udg_explanation,
)
from detente.deterrence.extensive import PureEquilibrium
from detente.deterrence.radg import RADGSolution
from detente.deterrence.tripartite import TripartiteSolution
from detente.deterrence.udg import REGIONS, UDGSolution
from detente.scenario.base_rates import BASE_RATES

__all__ = [
    "aeg_json",
    "assessment_json",
    "design_json",
    "equilibrium_json",
    "escalation_json",
    "mapping_json",
    "radg_json",
    "tripartite_json",
    "udg_json",
]


def _finite(x: float) -> float | None:
    return None if x == float("inf") else x


def udg_json(solution: UDGSolution) -> dict[str, Any]:
    """The UDG's equilibrium: region, outcome, thresholds, strategies, explanation."""
    s = solution
    return {
        "game": "udg",
        "parameters": s.parameters.as_dict(),
        "region": s.region,
        "knife_edge": s.knife_edge,
        "alternative_region": s.alternative_region,
        "outcome": dict(s.outcome),
        "p_failure": s.p_failure,
        "thresholds": {
            "theta_hard": s.theta_hard,
            "theta_soft": s.theta_soft,
            "mu_star": s.mu_star,
        },
        "strategies": {
            "hard_challenger_challenges": 0.0 if s.region == "deterrence" else 1.0,
            "soft_challenger_challenges": s.soft_challenger_challenges,
            "hard_defender_resists": 1.0,
            "soft_defender_resists": s.soft_defender_resists,
        },
        "belief_dependent_no_challenge": s.belief_dependent_no_challenge,
        "explanation": list(udg_explanation(s)),
    }


def radg_json(solution: RADGSolution) -> dict[str, Any]:
    """The RADG's Bayesian equilibrium: region, outcome, threshold α_A, explanation."""
    s = solution
    return {
        "game": "radg",
        "parameters": s.parameters.as_dict(),
        "region": s.region,
        "knife_edge": s.knife_edge,
        "outcome": dict(s.outcome),
        "p_failure": s.p_failure,
        "thresholds": {"alpha_a": s.alpha_a},
        "strategies": {
            "a_challenges": s.challenge_probability,
            "hard_b_resists": 1.0,
            "soft_b_resists": 0.0,
        },
        "explanation": list(radg_explanation(s)),
    }


def aeg_json(solution: AEGSolution) -> dict[str, Any]:
    """The AEG's selected equilibrium: outcome, both credibilities, strategies, selection."""
    s = solution
    return {
        "game": "aeg",
        "parameters": {k: getattr(s.parameters, k) for k in AEG_PARAMETERS},
        "outcome": dict(s.outcome),
        "p_failure": s.p_failure,
        "tactical_credibility": s.parameters.tactical_credibility,
        "strategic_credibility": s.parameters.strategic_credibility,
        "strategies": s.strategies,
        "selection": {
            "method": "agent logit QRE limit",
            "lambda": s.qre.lam,
            "converged": s.qre.converged,
            "residual": s.qre.residual,
        },
        "explanation": list(aeg_explanation(s)),
    }


def tripartite_json(solution: TripartiteSolution) -> dict[str, Any]:
    """The tripartite game's outcome at the logit-QRE limit (a sketch: move order to verify)."""
    return {
        "game": "tripartite",
        "status": "sketch after Zagare & Kilgour (2003); move order to verify",
        "parameters": asdict(solution.parameters),
        "outcome": dict(solution.outcome),
        "selection": {"method": "agent logit QRE limit", "converged": solution.qre.converged},
    }


def equilibrium_json(equilibrium: PureEquilibrium) -> dict[str, Any]:
    """A pure agent-form Nash equilibrium with its sequential-rationality classification."""
    e = equilibrium
    return {
        "actions": dict(e.actions),
        "outcome": dict(e.terminal_probabilities),
        "classification": e.classification,
        "off_path_information_sets": list(e.off_path_sets),
        "belief_dependent_information_sets": list(e.belief_dependent_sets),
        "incredible_information_sets": list(e.incredible_sets),
    }


def mapping_json(mapping: DesignParameters) -> dict[str, Any]:
    """A design's mapping to the UDG: prior, reneging costs, credibility, trigger, shift."""
    m = mapping
    return {
        "credibility_prior": m.credibility_prior,
        "prior_source": prior_source(m),
        "margin_sd": m.margin_sd,
        "reneging_costs": [
            {"feature": c.feature, "cost": c.cost, "rule": c.rule} for c in m.reneging_costs
        ],
        "reneging_cost": m.reneging_cost,
        "credibility": m.credibility,
        "trigger_probability": m.trigger_probability,
        "effective_credibility": m.effective_credibility,
        "denial_shift": m.denial_shift,
        "udg_parameters": m.udg.as_dict(),
    }


def design_json(design: DesignAssessment) -> dict[str, Any]:
    """One design: probabilities, regime, credibility, what is needed, mapping, explanation."""
    d, s = design, design.solution
    return {
        "id": d.design_id,
        "name": d.name,
        "legal_form": d.legal_form,
        "p_failure": d.p_failure,
        "p_war": s.outcome["DD"],
        "regime": s.region,
        "regime_code": REGIONS.index(s.region),
        "knife_edge": s.knife_edge,
        "alternative_regime": s.alternative_region,
        "outcome": dict(s.outcome),
        "credibility": {
            "prior": d.mapping.credibility_prior,
            "after_commitments": d.mapping.credibility,
            "effective": d.mapping.effective_credibility,
        },
        "credibility_needed": {
            "deterrence": s.theta_hard,
            "separating": s.theta_soft,
            "mu_star": s.mu_star,
        },
        "reneging_cost_needed": {
            "deterrence": _finite(d.cost_needed_for_deterrence),
            "separating": _finite(d.cost_needed_for_separating),
        },
        "belief_dependent_no_challenge": s.belief_dependent_no_challenge,
        "mapping": mapping_json(d.mapping),
        "explanation": list(design_explanation(d)),
    }


def assessment_json(assessment: GuaranteeAssessment) -> dict[str, Any]:
    """Every design of a scenario, with the published base rates a prior can be set from."""
    return {
        "scenario": assessment.scenario_id,
        "model": "udg",
        "designs": [design_json(d) for d in assessment.designs],
        "reference_base_rates": {
            preset.value: {"rate": r.rate, "finding": r.finding, "source": r.source}
            for preset, r in BASE_RATES.items()
        },
    }


def escalation_json(escalation: EscalationAssessment) -> dict[str, Any]:
    """One design's Asymmetric Escalation Game view (its AEG document, without parameters)."""
    e = escalation
    return {
        "id": e.design_id,
        "name": e.name,
        "tactical_credibility": e.tactical_credibility,
        "strategic_credibility": e.strategic_credibility,
        **{k: v for k, v in aeg_json(e.solution).items() if k != "parameters"},
    }
