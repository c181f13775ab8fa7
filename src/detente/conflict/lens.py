"""The conflict-stability lens: a scenario's ``conflict`` section analysed with GMCR.

``ConflictLens.run`` compiles the section (:func:`detente.conflict.compile.compile_conflict`),
computes Nash, GMR, SMR, SEQ, SIM and SEQ+SIM stability for every state and decision maker
(:func:`detente.conflict.stability.analyze_stability`; Fang, Hipel & Kilgour 1993) and traces
the evolution from the status quo to each concept's equilibria
(:func:`detente.conflict.status_quo.status_quo_analysis`). :func:`analyze_conflict` does the
same for an already compiled :class:`~detente.conflict.model.Conflict` (e.g. an imported
``.gmcr`` file). The result is frozen; :func:`conflict_json` is the documented JSON document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.conflict.compile import compile_conflict
from detente.conflict.explain import explain_state
from detente.conflict.model import Conflict
from detente.conflict.result import CONCEPTS, DEFAULT_SIM_VARIANT, SimVariant, StabilityResult
from detente.conflict.stability import analyze_stability
from detente.conflict.status_quo import StatusQuoAnalysis, status_quo_analysis
from detente.errors import InputError
from detente.scenario.conflict_section import ConflictSection
from detente.scenario.model import Scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Assumption",
    "ConflictAnalysis",
    "ConflictLens",
    "analyze_conflict",
    "assumptions_of",
    "conflict_json",
]

ALL_PATHS_LIMIT = 1 << 16
"""Up to this many states the status-quo paths are traced for every concept; above it only for
the primary concept (each trace materialises every unilateral improvement: ~30 s at 2^20)."""

PRIMARY_CONCEPT = "seq"
"""The concept whose status-quo paths presenters tell first: sequential stability counts
only credible sanctions (Fraser & Hipel 1979)."""


@dataclass(frozen=True)
class Assumption:
    """One documented judgement of the model (a preference statement, a ranking, the status
    quo), carried into the result so that presenters can show why the answer is what it is."""

    dm: str | None
    kind: str  # "statement", "ranking", "status_quo"
    text: str
    rationale: str | None
    sources: tuple[str, ...]


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def assumptions_of(section: ConflictSection) -> tuple[Assumption, ...]:
    """The preference statements/rankings (in priority order) and the status quo of a section."""
    out: list[Assumption] = []
    for dm in section.decision_makers:
        chosen = dm.preferences.nominal()
        if chosen.statements is not None:
            out += [
                Assumption(dm.id, "statement", s.statement, _clean(s.rationale), tuple(s.sources))
                for s in chosen.statements
            ]
        else:
            text = " > ".join(
                f"({' ~ '.join(map(str, e))})" if isinstance(e, tuple) else str(e)
                for e in chosen.ranking or ()
            )
            out.append(
                Assumption(dm.id, "ranking", text, _clean(chosen.rationale), tuple(chosen.sources))
            )
    sq = section.status_quo
    if sq is not None:
        text = sq.state or (
            f"state {sq.id}" if sq.id else "taken: " + (", ".join(sq.taken or ()) or "none")
        )
        out.append(Assumption(None, "status_quo", text, _clean(sq.rationale), tuple(sq.sources)))
    return tuple(out)


@dataclass(frozen=True)
class ConflictAnalysis:
    """A compiled conflict, its stability under each concept and its status-quo evolution.

    ``status_quo`` maps each analysed concept to its :class:`StatusQuoAnalysis` (empty when the
    model has no status quo); ``notes`` records what an importer adapted or ignored.
    """

    conflict: Conflict
    stability: StabilityResult
    status_quo: Mapping[str, StatusQuoAnalysis] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    title: str = ""
    assumptions: tuple[Assumption, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "status_quo", MappingProxyType(dict(self.status_quo)))

    @property
    def primary_concept(self) -> str:
        """The concept presenters lead with: SEQ when analysed, else the first analysed."""
        concepts = self.stability.concepts
        return PRIMARY_CONCEPT if PRIMARY_CONCEPT in concepts else concepts[0]

    def to_frame(self) -> pd.DataFrame:
        """One row per state (indexed by 1-based state id): its option pattern and name, then
        per concept whether it is an equilibrium (column ``<concept>``), whether it is stable
        for each decision maker (``<concept>:<dm>``) and, where the status-quo paths were
        traced, whether the status quo reaches it (``sq_reaches:<concept>``)."""
        import pandas as pd

        conflict, stability = self.conflict, self.stability
        table: dict[str, Any] = {
            "state": np.arange(1, conflict.n_states + 1),
            "pattern": list(conflict.patterns),
            "name": [
                (conflict.names[k] if conflict.names is not None else None) or ""
                for k in range(conflict.n_states)
            ],
        }
        for concept in stability.concepts:
            stable = stability.stable[concept]
            table[concept] = stable.all(axis=0)
            for d, dm in enumerate(conflict.decision_makers):
                table[f"{concept}:{dm}"] = stable[d]
        for concept, analysis in self.status_quo.items():
            reached = np.zeros(conflict.n_states, dtype=bool)
            reached[[p.target - 1 for p in analysis.paths]] = True
            table[f"sq_reaches:{concept}"] = reached
        return pd.DataFrame(table).set_index("state")


def analyze_conflict(
    conflict: Conflict,
    concepts: Sequence[str] = CONCEPTS,
    *,
    sim_variant: SimVariant = DEFAULT_SIM_VARIANT,
    notes: Sequence[str] = (),
    title: str = "",
    assumptions: Sequence[Assumption] = (),
) -> ConflictAnalysis:
    """Stability and status-quo analysis of a compiled conflict."""
    if not concepts:
        raise InputError("no solution concept requested", hint=f"choose from {', '.join(CONCEPTS)}")
    stability = analyze_stability(conflict, concepts, sim_variant=sim_variant)
    paths: dict[str, StatusQuoAnalysis] = {}
    if conflict.status_quo is not None:
        traced = stability.concepts
        if conflict.n_states > ALL_PATHS_LIMIT:
            primary = PRIMARY_CONCEPT if PRIMARY_CONCEPT in traced else traced[0]
            traced = (primary,)
        for concept in traced:
            paths[concept] = status_quo_analysis(conflict, stability, concept)
    return ConflictAnalysis(conflict, stability, paths, tuple(notes), title, tuple(assumptions))


class ConflictLens:
    """GMCR stability of the scenario's ``conflict`` section (see module docstring)."""

    name = "conflict"
    title = "Conflict stability (Graph Model for Conflict Resolution)"
    depends_on = ("conflict",)
    """The result depends only on the ``conflict`` section and never on ``rng`` (the
    uncertainty runner lets identical draws of that section share one run)."""

    def applies(self, scenario: Scenario) -> bool:
        return scenario.conflict is not None

    def run(self, scenario: Scenario, rng: np.random.Generator | None = None) -> ConflictAnalysis:
        """Analyse the section with each decision maker's nominal preference.

        GMCR stability is deterministic, so ``rng`` is unused. Weighted preference
        alternatives are uncertain inputs like any distribution: the uncertainty layer draws
        one per variant (:mod:`detente.uncertainty.variants`) before calling the lens, so a
        single analysis (CLI, report, web) always shows the analyst's nominal preferences."""
        section = scenario.conflict
        if section is None:
            raise InputError(
                f"scenario {scenario.id!r} has no `conflict` section",
                hint="add one (see docs/conflict.md) to use the conflict lens",
            )
        section = section.nominal()
        return analyze_conflict(
            compile_conflict(section), title=scenario.title, assumptions=assumptions_of(section)
        )

    def summary(self, result: ConflictAnalysis) -> dict[str, float]:
        """``equilibrium.<concept>.<state id>`` (1 if an equilibrium) and
        ``sq_reaches.<concept>.<state id>`` (1 if that equilibrium is reachable from the status
        quo by unilateral improvements) for every state and concept (``sq_reaches`` only for the
        concepts whose paths were traced: all of them up to :data:`ALL_PATHS_LIMIT` states)."""
        out: dict[str, float] = {}
        n = result.conflict.n_states
        for concept in result.stability.concepts:
            equilibria = set(result.stability.equilibria(concept))
            analysis = result.status_quo.get(concept)
            reached = {p.target for p in analysis.paths} if analysis is not None else set()
            for state in range(1, n + 1):
                out[f"equilibrium.{concept}.{state}"] = float(state in equilibria)
            if analysis is None:
                continue
            for state in range(1, n + 1):
                out[f"sq_reaches.{concept}.{state}"] = float(state in reached)
        return out

    def to_json(self, result: ConflictAnalysis) -> dict[str, Any]:
        return conflict_json(result)


def _ranking(payoff: np.ndarray) -> list[list[int]]:
    """Tie classes of state ids, most preferred first (ids increasing within a class).

    One stable sort and one split: O(n log n) in the states whatever the number of levels
    (comparing every level with every state was quadratic: 47.7 s at 2^17 strict ranks)."""
    values = np.asarray(payoff)
    if values.size == 0:
        return []
    order = np.lexsort((np.arange(values.size), -values.astype(np.int64)))
    ids = (order + 1).tolist()
    ordered = values[order]
    cuts = (np.flatnonzero(ordered[1:] != ordered[:-1]) + 1).tolist()
    if not cuts or len(cuts) == values.size - 1:  # one class, or a strict ranking
        return [ids] if not cuts else [[i] for i in ids]
    bounds = [0, *cuts, values.size]
    return [ids[a:b] for a, b in pairwise(bounds)]


def conflict_json(result: ConflictAnalysis, *, explain: bool = False) -> dict[str, Any]:
    """The JSON document of ``detente conflict --json`` (documented in docs/conflict.md)."""
    conflict, stability = result.conflict, result.stability
    states = []
    for index, pattern in enumerate(conflict.patterns):
        entry: dict[str, Any] = {"id": index + 1, "options": pattern}
        if conflict.names is not None and conflict.names[index]:
            entry["name"] = conflict.names[index]
        states.append(entry)
    document: dict[str, Any] = {
        "title": result.title,
        "decision_makers": list(conflict.decision_makers),
        "options": list(conflict.options),
        "option_owner": {
            o: conflict.decision_makers[d]
            for o, d in zip(conflict.options, conflict.owner, strict=True)
        },
        "reversibility": {
            o: str(r) for o, r in zip(conflict.options, conflict.reversibility, strict=True)
        },
        "states": states,
        "preferences": {
            dm: _ranking(conflict.payoff[d]) for d, dm in enumerate(conflict.decision_makers)
        },
        "concepts": list(stability.concepts),
        "sim_variant": str(stability.sim_variant),
        "stability": {
            concept: {dm: stability.stable_states(concept, dm) for dm in conflict.decision_makers}
            for concept in stability.concepts
        },
        "equilibria": {concept: stability.equilibria(concept) for concept in stability.concepts},
        "status_quo": None if conflict.status_quo is None else conflict.status_quo + 1,
        "status_quo_paths": {
            concept: {
                "paths": [
                    {
                        "target": path.target,
                        "steps": [
                            {"dm": s.dm, "from": s.source, "to": s.target} for s in path.steps
                        ],
                    }
                    for path in analysis.paths
                ],
                "unreachable": list(analysis.unreachable),
                "text": analysis.text,
            }
            for concept, analysis in result.status_quo.items()
        },
        "notes": list(result.notes),
        "assumptions": [
            {
                "dm": a.dm,
                "kind": a.kind,
                "text": a.text,
                "rationale": a.rationale,
                "sources": list(a.sources),
            }
            for a in result.assumptions
        ],
    }
    if explain:
        document["explanations"] = [
            {
                "state": verdict.state,
                "dm": verdict.dm,
                "concept": verdict.concept,
                "stable": verdict.stable,
                "text": verdict.text,
            }
            for index in explained_states(result)
            for verdict in explain_state(conflict, stability, index)
        ]
    return document


def explained_states(result: ConflictAnalysis, limit: int = 12) -> list[int]:
    """State indices whose verdicts ``--explain`` shows: the status quo, then the equilibria of
    each concept (in concept order), at most ``limit``."""
    chosen: list[int] = []
    if result.conflict.status_quo is not None:
        chosen.append(result.conflict.status_quo)
    for concept in result.stability.concepts:
        for state in result.stability.equilibria(concept):
            if state - 1 not in chosen:
                chosen.append(state - 1)
    return chosen[:limit]
