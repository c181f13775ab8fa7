"""The deterrence lens: how credible is each guarantee design and does it deter?"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from detente.deterrence.assessment import GuaranteeAssessment, assess_designs
from detente.deterrence.present import assessment_json
from detente.deterrence.udg import REGIONS
from detente.scenario.model import Scenario

__all__ = ["DeterrenceLens"]


class DeterrenceLens:
    """Zagare & Kilgour's Unilateral Deterrence Game applied to each guarantee design.

    Summary keys per design id: ``p_failure.<id>`` (1 - P(SQ)), ``p_war.<id>`` (P(DD)),
    ``regime.<id>`` (code into ``deterrence, separating, attack, bluff``),
    ``credibility.<id>`` (effective credibility) and ``credibility_prior.<id>``.
    """

    name = "deterrence"
    title = "Deterrence: credibility of the guarantee"

    def applies(self, scenario: Scenario) -> bool:
        return scenario.guarantees is not None

    def run(
        self, scenario: Scenario, rng: np.random.Generator | None = None
    ) -> GuaranteeAssessment:
        return assess_designs(scenario)

    def summary(self, result: GuaranteeAssessment) -> Mapping[str, float]:
        out: dict[str, float] = {}
        for d in result.designs:
            out[f"p_failure.{d.design_id}"] = d.p_failure
            out[f"p_war.{d.design_id}"] = d.solution.outcome["DD"]
            out[f"regime.{d.design_id}"] = float(REGIONS.index(d.regime))
            out[f"credibility.{d.design_id}"] = d.mapping.effective_credibility
            out[f"credibility_prior.{d.design_id}"] = d.mapping.credibility_prior
        return out

    def to_json(self, result: GuaranteeAssessment) -> dict[str, Any]:
        """The documented JSON of every design, with its explanation."""
        return assessment_json(result)
