"""The ratification lens: :class:`detente.lens.Lens` over :func:`assess_ratification`."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

import numpy as np

from detente.ratification.engine import (
    ProposalAssessment,
    RatificationResult,
    assess_ratification,
    headline_summary,
)
from detente.ratification.explain import (
    position_change_text,
    proposal_explanation,
    result_explanation,
)
from detente.scenario.model import Scenario

__all__ = ["RatificationLens", "proposal_json", "result_json"]


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def proposal_json(assessment: ProposalAssessment, cloture: bool) -> dict[str, Any]:
    """The JSON document of one proposal (see docs/ratification.md), with its explanation
    (``cloture``: whether the vote model has a cloture vote)."""
    doc = asdict(assessment)
    doc["legal_form"] = assessment.legal_form.value
    for key in ("president_signs", "position"):
        doc.pop(key)
    for bloc in doc["blocs"]:
        bloc.pop("caucus")
    for key in ("position_change", "position_change_even_odds"):
        change = getattr(assessment, key)
        if change is not None:
            doc[key] = {
                "shift": doc[key]["shift"],
                "position": doc[key]["position"],
                "basis": change.basis,
                "description": position_change_text(assessment, change),
            }
    doc["explanations"] = list(proposal_explanation(assessment, cloture))
    senate = next((v for v in assessment.votes if v.chamber == "senate"), None)
    doc["yea_distribution"] = list(senate.yea_distribution) if senate else []
    for vote in doc["votes"]:
        vote.pop("yea_distribution", None)
    return _clean(doc)  # type: ignore[no-any-return]


def result_json(result: RatificationResult) -> dict[str, Any]:
    """``p_ratify``, ``expected_yeas``, ``required_yeas``, ``pivots`` keyed by proposal id, the
    full per-proposal documents under ``proposals``; for a single proposal also the same four
    keys at top level as plain values."""
    cloture = bool(result.model["cloture"])
    per = {p.proposal_id: proposal_json(p, cloture) for p in result.proposals}
    doc: dict[str, Any] = {
        "scenario": result.scenario_id,
        "version": result.version,
        "body": result.body,
        "senate_source": result.senate_source,
        "house_source": result.house_source,
        "model": dict(result.model),
        "p_ratify": {k: v["p_ratify"] for k, v in per.items()},
        "expected_yeas": {k: v["expected_yeas"] for k, v in per.items()},
        "required_yeas": {k: v["required_yeas"] for k, v in per.items()},
        "pivots": {k: v["pivots"] for k, v in per.items()},
        "proposals": per,
        "explanations": list(result_explanation(result)),
    }
    if len(per) == 1:
        (only,) = per.values()
        doc["proposal"] = only["proposal_id"]
        for key in ("p_ratify", "expected_yeas", "required_yeas", "pivots"):
            doc[key] = only[key]
    return doc


class RatificationLens:
    """Would the body that must approve each guarantee approve it, and who is pivotal."""

    name = "ratification"
    title = "Ratification"
    # The result is a function of these sections alone and does not use ``rng`` (the chamber
    # is built from party quantiles and the distributions are exact): the proposals, chambers
    # and vote model in ``ratification``, and each design's legal form in ``guarantees``.
    depends_on = ("ratification", "guarantees")

    def applies(self, scenario: Scenario) -> bool:
        return getattr(scenario, "ratification", None) is not None

    def run(self, scenario: Scenario, rng: np.random.Generator | None = None) -> RatificationResult:
        # Deterministic: the chamber is built from party quantiles and the distributions are
        # exact, so ``rng`` is not used.
        return assess_ratification(scenario)

    def summary(self, result: RatificationResult) -> Mapping[str, float]:
        out: dict[str, float] = {}
        for p in result.proposals:
            out[f"p_ratify.{p.proposal_id}"] = float(p.p_ratify)
            if p.vote_required and p.expected_yeas is not None and p.required_yeas is not None:
                out[f"expected_yeas.{p.proposal_id}"] = float(p.expected_yeas)
                out[f"required_yeas.{p.proposal_id}"] = float(p.required_yeas)
        return out

    def sweep_summary(
        self, scenario: Scenario, rng: np.random.Generator | None = None
    ) -> Mapping[str, float]:
        """``summary(run(scenario, rng))`` to round-off, without pivots, persuadable senators,
        position-change searches or explanations (see :func:`headline_summary`)."""
        return headline_summary(scenario)

    def to_json(self, result: RatificationResult) -> dict[str, Any]:
        return result_json(result)
