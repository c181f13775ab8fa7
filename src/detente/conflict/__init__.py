"""Conflict-stability lens: the Graph Model for Conflict Resolution (GMCR).

Public API: :func:`analyze_stability` (Nash, GMR, SMR, SEQ, SIM, SEQ+SIM for every state and
decision maker), :class:`StabilityResult`, explanations of single verdicts (:func:`explain`,
:func:`explain_state`), status-quo analysis (:func:`status_quo_analysis`) and the scale check
(:func:`ensure_fits`, :func:`estimate_memory`).
"""

from __future__ import annotations

from detente.conflict.explain import Verdict, describe_state, explain, explain_state
from detente.conflict.limits import ensure_fits, estimate_memory
from detente.conflict.model import Conflict, Reversibility
from detente.conflict.result import CONCEPT_TITLES, CONCEPTS, SimVariant, StabilityResult
from detente.conflict.stability import analyze_stability, applicable_concepts
from detente.conflict.status_quo import (
    EvolutionPath,
    StatusQuoAnalysis,
    Step,
    status_quo_analysis,
)

__all__ = [
    "CONCEPTS",
    "CONCEPT_TITLES",
    "Conflict",
    "EvolutionPath",
    "Reversibility",
    "SimVariant",
    "StabilityResult",
    "StatusQuoAnalysis",
    "Step",
    "Verdict",
    "analyze_stability",
    "applicable_concepts",
    "describe_state",
    "ensure_fits",
    "estimate_memory",
    "explain",
    "explain_state",
    "status_quo_analysis",
]
