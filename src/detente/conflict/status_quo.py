"""Status-quo analysis: how the conflict can evolve from today's state to each equilibrium.

Following Li, Hipel, Kilgour & Noakes (2005), *Group Decision and Negotiation* 14:461-479
**[recheck reference]**, the conflict evolves from the status quo by unilateral improvements:
at each step some decision maker moves to a state it strictly prefers to the current one (any
DM may move at any step, including twice in a row; in option form two consecutive UIs of one
DM compose into a single UI, so shortest paths are unaffected). An equilibrium is reachable
when such a path leads to it; the path reported is a shortest one (breadth-first search over
the union of all DMs' UIs), and the status quo itself, if an equilibrium, is reached in zero
steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import breadth_first_order

from detente.conflict.explain import describe_state
from detente.conflict.model import Conflict
from detente.conflict.moves import move_pairs
from detente.conflict.result import CONCEPT_TITLES, StabilityResult
from detente.errors import InputError

__all__ = ["EvolutionPath", "StatusQuoAnalysis", "Step", "status_quo_analysis"]


@dataclass(frozen=True)
class Step:
    """One unilateral improvement: ``dm`` moves from state ``source`` to ``target`` (1-based)."""

    dm: str
    source: int
    target: int


@dataclass(frozen=True)
class EvolutionPath:
    """A shortest path of unilateral improvements from the status quo to ``target``."""

    target: int
    steps: tuple[Step, ...]

    @property
    def length(self) -> int:
        return len(self.steps)

    def describe(self) -> str:
        if not self.steps:
            return f"state {self.target} is the status quo itself"
        moves = ", then ".join(f"{s.dm} moves {s.source} -> {s.target}" for s in self.steps)
        plural = "s" if len(self.steps) != 1 else ""
        return f"state {self.target} in {len(self.steps)} step{plural}: {moves}"


@dataclass(frozen=True)
class StatusQuoAnalysis:
    """Evolution from the status quo to the equilibria of one concept.

    Attributes
    ----------
    concept:
        The concept whose equilibria are the targets.
    status_quo:
        1-based id of the status quo.
    paths:
        One shortest path per reachable equilibrium, shortest first (ties by state id).
    unreachable:
        Equilibria no sequence of unilateral improvements reaches from the status quo.
    status_quo_label:
        The status quo described with its options (for the narrative).
    """

    concept: str
    status_quo: int
    paths: tuple[EvolutionPath, ...]
    unreachable: tuple[int, ...]
    status_quo_label: str = ""

    @property
    def text(self) -> str:
        title = CONCEPT_TITLES.get(self.concept, self.concept)
        start = self.status_quo_label or f"state {self.status_quo}"
        if not self.paths and not self.unreachable:
            return f"There is no {title} equilibrium, so no evolution from the status quo, {start}."
        lines = [f"From the status quo, {start}, by unilateral improvements:"]
        lines += [f"- {path.describe()}." for path in self.paths]
        if self.unreachable:
            ids = ", ".join(map(str, self.unreachable))
            lines.append(
                f"- {title} equilibria that no sequence of unilateral improvements reaches: {ids}."
            )
        return "\n".join(lines)


def status_quo_analysis(
    conflict: Conflict, result: StabilityResult, concept: str = "seq"
) -> StatusQuoAnalysis:
    """Shortest unilateral-improvement paths from the status quo to each ``concept`` equilibrium."""
    if conflict.status_quo is None:
        raise InputError(
            "the conflict has no status quo", hint="set the status quo state to trace evolution"
        )
    equilibria = result.equilibria(concept)
    n, n_dm = conflict.n_states, conflict.n_decision_makers
    sources, targets, movers = [], [], []
    for j in range(n_dm):
        src, dst = move_pairs(conflict, j, improving=True)
        sources.append(src)
        targets.append(dst)
        movers.append(np.full(len(src), j, dtype=np.int64))
    src = np.concatenate(sources)
    dst = np.concatenate(targets)
    mover = np.concatenate(movers)
    graph = sp.csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    start = conflict.status_quo
    _, predecessor = breadth_first_order(graph, start, directed=True, return_predecessors=True)
    # mover of each edge: the first DM (in model order) with that improvement
    order = np.lexsort((mover, dst, src))
    edge_key = src[order] * n + dst[order]
    first = np.r_[True, edge_key[1:] != edge_key[:-1]][: len(edge_key)]
    keys, key_mover = edge_key[first], mover[order][first]

    paths: list[EvolutionPath] = []
    unreachable: list[int] = []
    for target_id in equilibria:
        node = target_id - 1
        if node != start and predecessor[node] < 0:
            unreachable.append(target_id)
            continue
        steps: list[Step] = []
        while node != start:
            prev = int(predecessor[node])
            j = int(key_mover[np.searchsorted(keys, prev * n + node)])
            steps.append(Step(conflict.decision_makers[j], prev + 1, node + 1))
            node = prev
        paths.append(EvolutionPath(target_id, tuple(reversed(steps))))
    paths.sort(key=lambda p: (p.length, p.target))
    return StatusQuoAnalysis(
        concept=concept,
        status_quo=start + 1,
        paths=tuple(paths),
        unreachable=tuple(unreachable),
        status_quo_label=describe_state(conflict, start),
    )
