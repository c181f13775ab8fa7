"""The deals lens: which package both sides accept over war, deters and is ratified."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from detente.deals.engine import assess_deals, draw_summaries, evaluate_draws
from detente.deals.explain import package_sentence
from detente.deals.result import DealsResult
from detente.scenario.model import Scenario

__all__ = ["DealsLens"]


class DealsLens:
    """Packages of terms judged against each party's alternative of continued war, joined
    with the deterrence and ratification lenses draw by draw (:mod:`detente.deals`).

    Summary keys per package ``<p>`` and party ``<i>``: ``p_joint.<p>``, ``p_deter.<p>``,
    ``p_ratify.<p>``, ``credibility_margin.<p>``, ``accept.<p>.<i>`` (0/1) and
    ``surplus.<p>.<i>``. Over a sweep, the mean of ``p_joint.<p>`` is P(joint).
    """

    name = "deals"
    title = "Deals: which package would work"

    def applies(self, scenario: Scenario) -> bool:
        return scenario.deals is not None

    def run(self, scenario: Scenario, rng: np.random.Generator | None = None) -> DealsResult:
        return assess_deals(scenario)

    def summary(self, result: DealsResult) -> Mapping[str, float]:
        out: dict[str, float] = {}
        for p in result.packages:
            out[f"p_joint.{p.id}"] = p.p_joint
            out[f"p_deter.{p.id}"] = p.p_deter
            out[f"p_ratify.{p.id}"] = p.p_ratify
            out[f"credibility_margin.{p.id}"] = p.credibility_margin
            for party in result.parties:
                out[f"accept.{p.id}.{party}"] = float(p.accept[party])
                out[f"surplus.{p.id}.{party}"] = p.surplus[party]
        return out

    def sweep_summary(
        self, scenario: Scenario, rng: np.random.Generator | None = None
    ) -> Mapping[str, float]:
        return self.sweep_summaries([scenario], [rng])[0]

    def sweep_summaries(
        self, scenarios: Sequence[Scenario], rngs: Sequence[np.random.Generator | None]
    ) -> list[Mapping[str, float]]:
        """Every draw of a batch at once: one vectorised evaluation (identical numbers)."""
        _, evaluated = evaluate_draws(scenarios)
        return list(draw_summaries(evaluated))

    def to_json(self, result: DealsResult) -> dict[str, Any]:
        document = result.to_json()
        for entry, outcome in zip(document["packages"], result.packages, strict=True):
            entry["explanation"] = package_sentence(outcome)
        return document
