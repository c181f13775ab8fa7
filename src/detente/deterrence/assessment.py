"""Assess every guarantee design of a scenario: mapped parameters, UDG equilibrium, thresholds.

Pure function of the scenario: :func:`assess_designs` maps each design to the Unilateral
Deterrence Game (:mod:`detente.deterrence.design_mapping`), solves it in closed form
(:mod:`detente.deterrence.udg`, Zagare & Kilgour 1993) and records prior, result and the
credibility each regime needs, with the reneging cost that would reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from detente.deterrence.design_mapping import DesignParameters, map_design, reneging_cost_needed
from detente.deterrence.udg import REGIONS, UDGSolution, solve_udg
from detente.errors import InputError
from detente.scenario.base_rates import BASE_RATES
from detente.scenario.model import Scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DesignAssessment", "GuaranteeAssessment", "assess_designs"]


@dataclass(frozen=True)
class DesignAssessment:
    design_id: str
    name: str
    legal_form: str
    mapping: DesignParameters
    solution: UDGSolution
    cost_needed_for_deterrence: float
    cost_needed_for_separating: float
    explanation: tuple[str, ...]

    @property
    def p_failure(self) -> float:
        return self.solution.p_failure

    @property
    def regime(self) -> str:
        return self.solution.region

    def to_json(self) -> dict[str, Any]:
        s = self.solution
        return {
            "id": self.design_id,
            "name": self.name,
            "legal_form": self.legal_form,
            "p_failure": self.p_failure,
            "p_war": s.outcome["DD"],
            "regime": s.region,
            "regime_code": REGIONS.index(s.region),
            "knife_edge": s.knife_edge,
            "alternative_regime": s.alternative_region,
            "outcome": dict(s.outcome),
            "credibility": {
                "prior": self.mapping.credibility_prior,
                "after_commitments": self.mapping.credibility,
                "effective": self.mapping.effective_credibility,
            },
            "credibility_needed": {
                "deterrence": s.theta_hard,
                "separating": s.theta_soft,
                "mu_star": s.mu_star,
            },
            "reneging_cost_needed": {
                "deterrence": _finite(self.cost_needed_for_deterrence),
                "separating": _finite(self.cost_needed_for_separating),
            },
            "belief_dependent_no_challenge": s.belief_dependent_no_challenge,
            "mapping": self.mapping.to_json(),
            "explanation": list(self.explanation),
        }


def _finite(x: float) -> float | None:
    return None if x == float("inf") else x


@dataclass(frozen=True)
class GuaranteeAssessment:
    scenario_id: str
    designs: tuple[DesignAssessment, ...]

    def design(self, design_id: str) -> DesignAssessment:
        for d in self.designs:
            if d.design_id == design_id:
                return d
        raise InputError(
            f"unknown design {design_id!r}",
            hint=f"designs in {self.scenario_id}: {', '.join(d.design_id for d in self.designs)}",
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per design (indexed by design id): the probabilities, the regime, the
        credibility from prior to effective, the thresholds and the reneging cost each needs."""
        import pandas as pd

        rows = [
            {
                "design": d.design_id,
                "name": d.name,
                "legal_form": d.legal_form,
                "p_failure": d.p_failure,
                "p_war": d.solution.outcome["DD"],
                "regime": d.regime,
                "knife_edge": d.solution.knife_edge,
                "credibility_prior": d.mapping.credibility_prior,
                "reneging_cost": d.mapping.reneging_cost,
                "credibility": d.mapping.credibility,
                "trigger_probability": d.mapping.trigger_probability,
                "effective_credibility": d.mapping.effective_credibility,
                "theta_hard": d.solution.theta_hard,
                "theta_soft": d.solution.theta_soft,
                "mu_star": d.solution.mu_star,
                "cost_needed_for_deterrence": d.cost_needed_for_deterrence,
                "cost_needed_for_separating": d.cost_needed_for_separating,
            }
            for d in self.designs
        ]
        return pd.DataFrame(rows).set_index("design")

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id,
            "model": "udg",
            "designs": [d.to_json() for d in self.designs],
            "reference_base_rates": {
                preset.value: {"rate": r.rate, "finding": r.finding, "source": r.source}
                for preset, r in BASE_RATES.items()
            },
        }


def _explain(m: DesignParameters, s: UDGSolution, need_h: float, need_s: float) -> tuple[str, ...]:
    costs = ", ".join(f"{c.feature} {c.cost:+.2f}" for c in m.reneging_costs)
    lines = []
    if m.prior_source:
        lines.append(f"Prior centred on a published base rate: {m.prior_source}.")
    lines.append(
        f"Credibility prior (base rate) {m.credibility_prior:.2f}; reneging cost "
        f"{m.reneging_cost:.2f}σ ({costs}) gives pDef = Φ(Φ⁻¹({m.credibility_prior:.2f}) + "
        f"{m.reneging_cost:.2f}/{m.margin_sd:g}) = {m.credibility:.3f}."
    )
    if m.trigger_probability > 0:
        lines.append(
            f"Forces on the ground draw the guarantor in with probability ρ = "
            f"{m.trigger_probability:.3f} whatever it would choose: effective credibility "
            f"ρ + (1-ρ)pDef = {m.effective_credibility:.3f}."
        )
    if m.denial_shift > 0:
        lines.append(
            f"A denial-capable force lowers the challenger's war payoffs by {m.denial_shift:.0%} "
            "of the gap to backing down, lowering the credibility deterrence needs."
        )
    lines.extend(s.explanation)
    if s.region != "deterrence":
        if need_h == float("inf"):
            lines.append("No reneging cost alone reaches θH under these assumptions.")
        else:
            lines.append(
                f"What would change it: a total reneging cost of {need_h:.2f}σ "
                f"(now {m.reneging_cost:.2f}σ) would reach θH and deter every challenger type."
            )
    return tuple(lines)


def assess_designs(scenario: Scenario) -> GuaranteeAssessment:
    """Solve the UDG for every design of ``scenario.guarantees`` (nominal values)."""
    section = scenario.guarantees
    if section is None:
        raise InputError(
            f"scenario {scenario.id!r} has no guarantees section",
            hint="add `guarantees: {designs: [...]}`; see docs/deterrence.md",
        )
    out = []
    for design in section.designs:
        m = map_design(section, design)
        s = solve_udg(m.udg)
        need_h = reneging_cost_needed(
            s.theta_hard, m.credibility_prior, m.margin_sd, m.trigger_probability
        )
        need_s = reneging_cost_needed(
            s.theta_soft, m.credibility_prior, m.margin_sd, m.trigger_probability
        )
        out.append(
            DesignAssessment(
                design_id=design.id,
                name=design.name,
                legal_form=design.legal_form.value,
                mapping=m,
                solution=s,
                cost_needed_for_deterrence=need_h,
                cost_needed_for_separating=need_s,
                explanation=_explain(m, s, need_h, need_s),
            )
        )
    return GuaranteeAssessment(scenario.id, tuple(out))
