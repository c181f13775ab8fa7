"""Assess every guarantee design of a scenario: mapped parameters, UDG equilibrium, thresholds.

Pure function of the scenario: :func:`assess_designs` maps each design to the Unilateral
Deterrence Game (:mod:`detente.deterrence.design_mapping`), solves it in closed form
(:mod:`detente.deterrence.udg`, Zagare & Kilgour 1993) and records prior, result and the
credibility each regime needs, with the reneging cost that would reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.deterrence.design_mapping import DesignParameters, map_design, reneging_cost_needed
from detente.deterrence.udg import UDGSolution, solve_udg
from detente.errors import InputError
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

    @property
    def p_failure(self) -> float:
        return self.solution.p_failure

    @property
    def regime(self) -> str:
        return self.solution.region


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
            )
        )
    return GuaranteeAssessment(scenario.id, tuple(out))
