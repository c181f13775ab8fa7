"""Human-readable explanations of single stability verdicts.

For one decision maker i and state s, :func:`explain` lists i's unilateral improvements (UIs)
and, for each, the sanction that blocks it under the concept (or records that none exists),
using the same definitions as the engine (Fang, Hipel & Kilgour 1993, *Interactive Decision
Making*, Wiley, ch. 4; Xu, Hipel & Kilgour 2009, *IEEE Trans. SMC-A* 39(1):96-108):

- GMR: a legal sequence of the opponents' moves (no DM twice in a row) from the UI's target to
  a state i likes no better than s;
- SMR: the same, ending where i has no move back above s;
- SEQ: the same with every step a UI for its mover;
- SIM: opponents' UIs from s, played at the same time as i's, whose combination is a feasible
  state i likes no better than s (steps then read "mover, from s, to its own UI target");
- SEQ+SIM: SEQ's sanction where there is one, else SIM's.

The sanction shown is a shortest one (breadth-first search over (state, last mover) pairs).
Searches run per state, on demand; the verdict's ``stable`` comes from the analysed result.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import product
from types import MappingProxyType

import numpy as np

from detente.conflict.model import Conflict
from detente.conflict.moves import code_lookup, dm_masks, moves_from
from detente.conflict.result import CONCEPT_TITLES, SimVariant, StabilityResult
from detente.errors import InputError

__all__ = ["SanctionStep", "Verdict", "describe_state", "explain", "explain_state"]

#: One move of a sanction: (mover id, from state id, to state id), ids 1-based.
SanctionStep = tuple[str, int, int]


@dataclass(frozen=True)
class Verdict:
    """Why a state is or is not stable for a decision maker under a concept.

    Attributes
    ----------
    concept, dm:
        The solution concept and the decision maker's id.
    state:
        1-based state id.
    stable:
        The engine's verdict.
    text:
        One or two sentences a person can follow.
    improvements:
        1-based ids of the DM's unilateral improvements from the state.
    blocked_by:
        For each improvement, the sanction that blocks it (a tuple of steps), or None.
    """

    concept: str
    dm: str
    state: int
    stable: bool
    text: str
    improvements: tuple[int, ...]
    blocked_by: Mapping[int, tuple[SanctionStep, ...] | None]


def describe_state(conflict: Conflict, index: int) -> str:
    """``state 5 (NYNNY)``, with the state's name when it has one."""
    label = f"state {index + 1} ({conflict.patterns[index]}"
    if conflict.names is not None and conflict.names[index]:
        label += f", {conflict.names[index]}"
    return label + ")"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class _Searcher:
    """Per-state sanction searches for one focal DM at one state."""

    def __init__(self, conflict: Conflict, dm: int, state: int, variant: SimVariant) -> None:
        self.c = conflict
        self.i = dm
        self.s = state
        self.variant = variant
        self.pay = conflict.payoff
        self.others = [j for j in range(conflict.n_decision_makers) if j != dm]
        self._moves: dict[tuple[int, int], np.ndarray] = {}

    def moves(self, j: int, x: int, improving: bool = False) -> np.ndarray:
        key = (j, x)
        if key not in self._moves:
            self._moves[key] = moves_from(self.c, j, x)
        targets = self._moves[key]
        if improving:
            targets = targets[self.pay[j][targets] > self.pay[j][x]]
        return targets

    def not_better(self, x: int) -> bool:
        return bool(self.pay[self.i][x] <= self.pay[self.i][self.s])

    def no_escape(self, x: int) -> bool:
        return bool((self.pay[self.i][self.moves(self.i, x)] <= self.pay[self.i][self.s]).all())

    def sequence(self, s1: int, *, credible: bool, smr: bool) -> tuple[SanctionStep, ...] | None:
        """Shortest legal sequence of opponents' moves from s1 to a sanctioning state."""
        start = (s1, -1)
        parent: dict[tuple[int, int], tuple[int, int]] = {}
        queue = deque([start])
        seen = {start}
        while queue:
            x, last = queue.popleft()
            for j in self.others:
                if j == last:
                    continue
                for y in self.moves(j, x, improving=credible).tolist():
                    node = (y, j)
                    if node in seen:
                        continue
                    seen.add(node)
                    parent[node] = (x, last)
                    if self.not_better(y) and (not smr or self.no_escape(y)):
                        return self._path(node, parent)
                    queue.append(node)
        return None

    def _path(
        self, node: tuple[int, int], parent: dict[tuple[int, int], tuple[int, int]]
    ) -> tuple[SanctionStep, ...]:
        steps: list[SanctionStep] = []
        while node in parent:
            prev = parent[node]
            steps.append((self.c.decision_makers[node[1]], prev[0] + 1, node[0] + 1))
            node = prev
        return tuple(reversed(steps))

    def simultaneous(self, s1: int) -> tuple[tuple[SanctionStep, ...], int] | None:
        """Opponents' UIs from s played with i's move to s1 that land on a sanction."""
        codes = np.asarray(self.c.codes, dtype=np.uint64)
        masks = dm_masks(self.c)
        options = [[-1, *self.moves(j, self.s, improving=True).tolist()] for j in self.others]
        best: tuple[tuple[SanctionStep, ...], int] | None = None
        for choice in product(*options):
            movers = [(j, t) for j, t in zip(self.others, choice, strict=True) if t >= 0]
            if not movers or (self.variant == SimVariant.PAIRWISE and len(movers) > 1):
                continue
            if best is not None and len(movers) >= len(best[0]):
                continue
            code = codes[s1]
            for j, t in movers:
                code = (code & ~masks[j]) | (codes[t] & masks[j])
            x = int(code_lookup(self.c, np.array([code], dtype=np.uint64))[0])
            if x >= 0 and self.not_better(x):
                steps = tuple((self.c.decision_makers[j], self.s + 1, t + 1) for j, t in movers)
                best = (steps, x)
        return best


def explain(
    conflict: Conflict, result: StabilityResult, concept: str, dm: str | int, state_index: int
) -> Verdict:
    """Explain whether state ``state_index`` (0-based) is ``concept``-stable for ``dm``."""
    stable = result.is_stable(concept, dm, state_index)
    i = result._dm(dm)
    name = conflict.decision_makers[i]
    title = CONCEPT_TITLES[concept]
    search = _Searcher(conflict, i, state_index, result.sim_variant)
    here = describe_state(conflict, state_index)
    uis = search.moves(i, state_index, improving=True).tolist()
    blocked: dict[int, tuple[SanctionStep, ...] | None] = {}
    combined: dict[int, int] = {}
    open_under: dict[str, int] = {}  # first unsanctioned UI per sub-concept (for the text)
    kinds = {"seqsim": ("seq", "sim")}.get(concept, (concept,))
    for kind in kinds if uis and concept != "nash" else ():
        paths: dict[int, tuple[SanctionStep, ...] | None] = {}
        joint: dict[int, int] = {}
        for s1 in uis:
            if kind == "sim":
                found = search.simultaneous(s1)
                paths[s1 + 1] = None if found is None else found[0]
                if found is not None:
                    joint[s1] = found[1]
            else:
                paths[s1 + 1] = search.sequence(s1, credible=kind == "seq", smr=kind == "smr")
        open_uis = [s1 for s1 in uis if paths[s1 + 1] is None]
        if not open_uis or not blocked:
            blocked, combined = paths, joint
        if not open_uis:
            break
        open_under[kind] = open_uis[0]
    if concept == "nash":
        blocked = {t + 1: None for t in uis}
    others = _join([conflict.decision_makers[j] for j in search.others])
    if not uis:
        text = f"Stable ({title}) for {name} at {here}: {name} has no unilateral improvement."
    elif concept == "nash":
        targets = _join([describe_state(conflict, t) for t in uis])
        text = (
            f"Unstable (Nash) for {name} at {here}: {name} can move to {targets}, which it prefers."
        )
    elif all(blocked[s1 + 1] is not None for s1 in uis):
        parts = [
            _sanction_sentence(conflict, s1, blocked[s1 + 1] or (), combined.get(s1)) for s1 in uis
        ]
        lead = (
            "its only unilateral improvement"
            if len(uis) == 1
            else ("each of its unilateral improvements")
        )
        text = (
            f"Stable ({title}) for {name} at {here}: {lead}, "
            + "; ".join(parts)
            + f", which {name} likes no better than state {state_index + 1}."
        )
    else:
        clauses = [
            f"{name} can move to {describe_state(conflict, s1)}, which it prefers, and "
            + _no_sanction_clause(kind, others, name, state_index)
            for kind, s1 in open_under.items()
        ]
        text = f"Unstable ({title}) for {name} at {here}: " + "; and ".join(clauses) + "."
    return Verdict(
        concept=concept,
        dm=name,
        state=state_index + 1,
        stable=stable,
        text=text,
        improvements=tuple(t + 1 for t in uis),
        blocked_by=MappingProxyType(blocked),
    )


def _sanction_sentence(
    conflict: Conflict, s1: int, path: tuple[SanctionStep, ...], combined: int | None
) -> str:
    target = f"to {describe_state(conflict, s1)}"
    if combined is not None:
        movers = _join([f"{m} moving to state {t}" for m, _, t in path])
        return (
            f"{target}, is sanctioned by {movers} at the same time, which together give "
            f"{describe_state(conflict, combined)}"
        )
    moves = " then ".join(f"{m} moving to state {t}" for m, _, t in path)
    return f"{target}, is sanctioned by {moves}"


def _no_sanction_clause(concept: str, others: str, name: str, state_index: int) -> str:
    sid = state_index + 1
    if concept == "gmr":
        return f"no sequence of moves by {others} leads to a state it likes no better than {sid}"
    if concept == "smr":
        return (
            f"no sequence of moves by {others} leads to a state it likes no better than {sid} "
            f"from which {name} cannot escape to a state it prefers to {sid}"
        )
    if concept == "seq":
        return (
            f"no sequence of unilateral improvements by {others} leads to a state it likes "
            f"no better than {sid}"
        )
    return (
        f"no unilateral improvement by {others} made at the same time turns that move into a "
        f"state it likes no better than {sid}"
    )


def explain_state(
    conflict: Conflict, result: StabilityResult, state_index: int
) -> tuple[Verdict, ...]:
    """Verdicts for every decision maker under every analysed concept at one state."""
    if not 0 <= state_index < conflict.n_states:
        raise InputError(f"state index {state_index} out of range")
    return tuple(
        explain(conflict, result, concept, dm, state_index)
        for dm in conflict.decision_makers
        for concept in result.concepts
    )
