"""Nash, GMR, SMR, SEQ, SIM and SEQ+SIM stability for every state and decision maker.

Definitions (Fang, Hipel & Kilgour 1993, *Interactive Decision Making: The Graph Model for
Conflict Resolution*, Wiley, ch. 4; Xu, Hipel, Kilgour & Fang 2018, *Conflict Resolution Using
the Graph Model*, Springer, ch. 4), for focal DM i at state s, with R_i^+(s) its unilateral
improvements (UIs) and Phi_i(s) the states i likes no better than s:

- Nash (Nash 1951; Kilgour, Hipel & Fang 1987): R_i^+(s) is empty.
- GMR (Howard 1971): every UI s1 has R_{N-i}(s1) & Phi_i(s) non-empty.
- SMR (Fraser & Hipel 1979): every UI s1 has some s2 in R_{N-i}(s1) & Phi_i(s) with
  R_i(s2) inside Phi_i(s).
- SEQ (Fraser & Hipel 1979): every UI s1 has R^+_{N-i}(s1) & Phi_i(s) non-empty.
- SIM and SEQ+SIM: see :mod:`detente.conflict.simultaneous`.

R_{N-i} is reach by *legal sequences* of the opponents' moves (no DM twice in a row, any DM
again later; Xu, Hipel & Kilgour 2009, *IEEE Trans. SMC-A* 39(1):96-108), not gmcr-py's
one-move-per-opponent shortcut.

Computation (detente GMCR reference, section 4). Each concept is "max over UIs s1 of
m_i(s1) <= pay_i(s)" where m_i(s1) is a minimum over a reachable set: GMR of pay_i over
R*_{N-i}(s1); SMR of v_i(x) = max(pay_i over {x} | R_i(x)) over the same set; SEQ of pay_i over
R^+*_{N-i}(s1). In option form the composition lemma makes legal-sequence reach equal to plain
reach in the union of the opponents' move graphs, built with linear-size hub graphs
(:mod:`detente.conflict.moves`) and solved for all states at once by SCC + condensation DP
(:mod:`detente.conflict.reach`). With explicit moves the lemma fails, and reach runs on the
(state, last mover) product graph instead. No per-state Python loops.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from detente.conflict.limits import ensure_fits
from detente.conflict.model import Conflict
from detente.conflict.moves import MoveGraph, explicit_pairs, move_graph
from detente.conflict.reach import NEG, POS, reach_max, reach_min
from detente.conflict.result import CONCEPTS, DEFAULT_SIM_VARIANT, SimVariant, StabilityResult
from detente.conflict.simultaneous import ensure_sim_fits, sim_stable
from detente.errors import InputError

__all__ = ["analyze_stability", "applicable_concepts", "preference_ranks"]


def preference_ranks(conflict: Conflict) -> np.ndarray:
    """Dense rank of each state in each DM's preference (0 = least preferred; ties equal).

    Stability depends on preferences only through these ranks, so scores of any size work.
    """
    ranks = np.empty(conflict.payoff.shape, dtype=np.int64)
    for dm in range(conflict.n_decision_makers):
        _, ranks[dm] = np.unique(conflict.payoff[dm], return_inverse=True)
    return ranks


def applicable_concepts(conflict: Conflict) -> tuple[str, ...]:
    """Concepts defined for this model: all of them, except SIM for explicit-move models."""
    if conflict.explicit_moves is not None:
        return tuple(c for c in CONCEPTS if c not in ("sim", "seqsim"))
    return CONCEPTS


def analyze_stability(
    conflict: Conflict,
    concepts: Sequence[str] = CONCEPTS,
    *,
    sim_variant: SimVariant = DEFAULT_SIM_VARIANT,
) -> StabilityResult:
    """Stability of every state for every decision maker under each requested concept.

    Parameters
    ----------
    conflict:
        The graph model.
    concepts:
        Any of :data:`~detente.conflict.result.CONCEPTS`. Asking for all of them (the default)
        means all that apply: SIM and SEQ+SIM are dropped for explicit-move models, where
        "taking i's options from s1 and j's from s2" is undefined (aggregated states, hand-made
        moves). Asking for ``sim`` or ``seqsim`` explicitly on such a model is an error.
    sim_variant:
        The n-DM reading of SIM (:class:`~detente.conflict.result.SimVariant`).

    Raises
    ------
    detente.errors.InputError
        Unknown concept, or SIM requested for an explicit-move model.
    detente.errors.ScaleError
        The model would not fit in the memory budget (checked before allocation).
    """
    requested = tuple(concepts)
    unknown = [c for c in requested if c not in CONCEPTS]
    if unknown:
        raise InputError(
            f"unknown solution concept(s): {', '.join(map(str, unknown))}",
            hint=f"choose from {', '.join(CONCEPTS)}",
        )
    if conflict.explicit_moves is not None:
        if set(requested) == set(CONCEPTS):
            requested = applicable_concepts(conflict)
        elif {"sim", "seqsim"} & set(requested):
            raise InputError(
                "SIM (and SEQ+SIM) is not defined for a model with explicit move lists",
                hint="SIM combines each DM's options from different states, which needs "
                "option-form moves; request nash, gmr, smr or seq",
            )
    chosen = tuple(c for c in CONCEPTS if c in requested)
    ensure_fits(conflict.n_states, conflict.n_decision_makers, what="stability analysis")
    if "sim" in chosen or "seqsim" in chosen:
        ensure_sim_fits(conflict)
    ranks = preference_ranks(conflict)
    core: list[str] = [c for c in ("nash", "gmr", "smr", "seq") if c in chosen]
    if "seqsim" in chosen and "seq" not in core:
        core.append("seq")
    if conflict.explicit_moves is None:
        tables = _option_form(conflict, ranks, core)
    else:
        tables = _explicit_form(conflict, ranks, core)
    if "sim" in chosen or "seqsim" in chosen:
        tables["sim"] = sim_stable(conflict, ranks, sim_variant)
    if "seqsim" in chosen:
        tables["seqsim"] = tables["seq"] | tables["sim"]
    return StabilityResult(
        conflict=conflict,
        concepts=chosen,
        stable={c: tables[c] for c in chosen},
        sim_variant=sim_variant,
    )


class _Family:
    """The move graphs of all DMs laid out in one node space (disjoint virtual nodes).

    Unions over any set of DMs are then plain concatenations of edge lists.
    """

    def __init__(self, graphs: Sequence[MoveGraph]) -> None:
        n = graphs[0].n_states
        self.n_nodes = n + sum(g.n_virtual for g in graphs)
        self.src: list[np.ndarray] = []
        self.dst: list[np.ndarray] = []
        self.entry: list[np.ndarray] = []
        shift = 0
        for g in graphs:
            self.src.append(g.src + shift * (g.src >= n))
            self.dst.append(g.dst + shift * (g.dst >= n))
            self.entry.append(np.where(g.entry >= n, g.entry + shift, g.entry))
            shift += g.n_virtual

    def union(self, members: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        return (
            np.concatenate([self.src[j] for j in members]),
            np.concatenate([self.dst[j] for j in members]),
        )


def _padded(values: np.ndarray, n_nodes: int, fill: np.int64) -> np.ndarray:
    out = np.full((n_nodes, *values.shape[1:]), fill, dtype=np.int64)
    out[: len(values)] = values
    return out


def _option_form(conflict: Conflict, ranks: np.ndarray, core: list[str]) -> dict[str, np.ndarray]:
    n_dm, n = ranks.shape
    need_moves = bool({"gmr", "smr"} & set(core))
    need_uis = "seq" in core
    moves = (
        _Family([move_graph(conflict, j, improving=False) for j in range(n_dm)])
        if need_moves
        else None
    )
    uis = _Family([move_graph(conflict, j, improving=True, score=ranks[j]) for j in range(n_dm)])
    tables = {c: np.zeros((n_dm, n), dtype=bool) for c in core}
    for i in range(n_dm):
        columns = [ranks[i]]  # Nash: the best UI's own rank
        names = ["nash"]
        others = [j for j in range(n_dm) if j != i]
        if moves is not None:
            escape = reach_max(
                moves.n_nodes, moves.src[i], moves.dst[i], _padded(ranks[i], moves.n_nodes, NEG)
            )
            src, dst = moves.union(others)
            values = _padded(np.stack([ranks[i], escape[:n]], axis=1), moves.n_nodes, POS)
            sanction = reach_min(moves.n_nodes, src, dst, values)[:n]
            del src, dst, values, escape
            columns += [sanction[:, 0], sanction[:, 1]]
            names += ["gmr", "smr"]
        if need_uis:
            src, dst = uis.union(others)
            values = _padded(ranks[i], uis.n_nodes, POS)
            columns.append(reach_min(uis.n_nodes, src, dst, values)[:n])
            names.append("seq")
            del src, dst, values
        best = reach_max(
            uis.n_nodes,
            uis.src[i],
            uis.dst[i],
            _padded(np.stack(columns, axis=1), uis.n_nodes, NEG),
        )
        entry = uis.entry[i]
        worst_ui = np.full((n, len(columns)), NEG, dtype=np.int64)
        has = entry >= 0
        worst_ui[has] = best[entry[has]]
        for col, name in enumerate(names):
            if name in tables:
                tables[name][i] = worst_ui[:, col] <= ranks[i]
    return tables


def _explicit_form(conflict: Conflict, ranks: np.ndarray, core: list[str]) -> dict[str, np.ndarray]:
    """Stability with listed moves: opponents' reach on the (state, last mover) product graph."""
    n_dm, n = ranks.shape
    moves = [explicit_pairs(conflict, j) for j in range(n_dm)]
    uis = [explicit_pairs(conflict, j, improving=True, score=ranks[j]) for j in range(n_dm)]
    tables = {c: np.zeros((n_dm, n), dtype=bool) for c in core}
    for i in range(n_dm):
        others = [j for j in range(n_dm) if j != i]
        columns = [ranks[i]]
        names = ["nash"]
        if {"gmr", "smr"} & set(core):
            msrc, mdst = moves[i]
            escape = ranks[i].copy()
            np.maximum.at(escape, msrc, ranks[i][mdst])
            columns += list(
                _legal_sequence_min(
                    n, [moves[j] for j in others], np.stack([ranks[i], escape], axis=1)
                ).T
            )
            names += ["gmr", "smr"]
        if "seq" in core:
            columns.append(_legal_sequence_min(n, [uis[j] for j in others], ranks[i]))
            names.append("seq")
        usrc, udst = uis[i]
        worst_ui = np.full((n, len(columns)), NEG, dtype=np.int64)
        np.maximum.at(worst_ui, usrc, np.stack(columns, axis=1)[udst])
        for col, name in enumerate(names):
            if name in tables:
                tables[name][i] = worst_ui[:, col] <= ranks[i]
    return tables


def _legal_sequence_min(
    n: int, relations: Sequence[tuple[np.ndarray, np.ndarray]], values: np.ndarray
) -> np.ndarray:
    """min of ``values`` over s and every state reachable from s by a legal sequence.

    Product graph node (x, slot): slot 0 = nobody has moved yet, slot k = DM number k of
    ``relations`` moved last. Mover k's move x -> y leads from every slot except k to (y, k),
    so no DM moves twice in a row but may move again after another has.
    """
    q = len(relations)
    srcs, dsts = [], []
    for k, (src, dst) in enumerate(relations, start=1):
        for slot in range(q + 1):
            if slot != k:
                srcs.append(slot * n + src)
                dsts.append(k * n + dst)
    vals = np.asarray(values, dtype=np.int64)
    tiled = np.concatenate([vals] * (q + 1), axis=0)
    src_all = np.concatenate(srcs) if srcs else np.zeros(0, dtype=np.int64)
    dst_all = np.concatenate(dsts) if dsts else np.zeros(0, dtype=np.int64)
    return reach_min((q + 1) * n, src_all, dst_all, tiled)[:n]
