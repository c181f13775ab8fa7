"""Move relations of a graph model, in option form and in explicit form.

Option form (Kilgour, Hipel & Fang 1987, *Automatica* 23(1):41-55; Fang, Hipel & Kilgour 1993,
*Interactive Decision Making*, Wiley, ch. 2): DM j may move from s to t iff t is a state, t != s,
t agrees with s on every option j does not control, and every option that changes does so in a
direction its reversibility allows (gmcr-py: ``both`` / ``fwd`` / ``back``). A move may change
several of j's options at once.

Such moves stay inside s's *j-block* (the states agreeing with s outside j's options). Within a
block, after flipping backward-only bits, a move is legal iff the irreversible bits of t are a
superset of those of s ("pattern" order); reversible bits are free. Listing all legal pairs is
quadratic in the block size, so :func:`move_graph` builds a *reach-preserving* graph with virtual
hub nodes instead: one node per (block, pattern[, preference tier]), chained upward by pattern
bits (and by tiers), so that a state's reach in the hub graph is exactly its move set (reflexive)
or its set of unilateral improvements. Edges stay linear in the number of states (detente GMCR
reference, section 4, "Blocks").

Explicit form: the model lists every (from, to) pair per DM; nothing else is a move.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.conflict.model import Conflict, Reversibility
from detente.errors import InputError

__all__ = [
    "MoveGraph",
    "code_lookup",
    "dm_masks",
    "explicit_pairs",
    "move_graph",
    "move_pairs",
    "moves_from",
]


def dm_masks(conflict: Conflict) -> np.ndarray:
    """``uint64`` bit mask of the options each decision maker controls."""
    masks = np.zeros(conflict.n_decision_makers, dtype=np.uint64)
    for k, owner in enumerate(conflict.owner):
        masks[owner] |= np.uint64(1 << k)
    return masks


def _codes(conflict: Conflict) -> np.ndarray:
    return np.asarray(conflict.codes, dtype=np.uint64)


def code_lookup(conflict: Conflict, codes: np.ndarray) -> np.ndarray:
    """State index of each code in ``codes``, or -1 where no state has that code.

    Raises :class:`~detente.errors.InputError` when two states share a code (option-form moves
    are undefined then: aggregated states need explicit moves).
    """
    own = _codes(conflict)
    order = np.argsort(own, kind="stable")
    ordered = own[order]
    if len(ordered) > 1 and bool((ordered[1:] == ordered[:-1]).any()):
        raise InputError(
            "two states share the same option values, so moves cannot be derived from options",
            hint="give explicit moves for models with aggregated (merged) states",
        )
    query = np.asarray(codes, dtype=np.uint64)
    pos = np.searchsorted(ordered, query)
    pos_clipped = np.minimum(pos, len(ordered) - 1)
    found = ordered[pos_clipped] == query
    return np.where(found, order[pos_clipped], -1).astype(np.int64)


def _require_option_form(conflict: Conflict) -> None:
    if conflict.explicit_moves is not None:
        raise ValueError("this function is for option-form models; use explicit_pairs")
    code_lookup(conflict, np.zeros(0, dtype=np.uint64))  # checks codes are distinct


def _blocks_and_patterns(conflict: Conflict, dm: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Per state: dense j-block id and irreversible-bit pattern; and the number of such bits."""
    codes = _codes(conflict)
    mask = dm_masks(conflict)[dm]
    _, block = np.unique(codes & ~mask, return_inverse=True)
    pattern = np.zeros(len(codes), dtype=np.int64)
    bit = 0
    for k in conflict.options_of(dm):
        rev = conflict.reversibility[k]
        if rev == Reversibility.BOTH:
            continue
        value = ((codes >> np.uint64(k)) & np.uint64(1)).astype(np.int64)
        if rev == Reversibility.BACKWARD_ONLY:
            value = 1 - value
        pattern |= value << bit
        bit += 1
    return block.astype(np.int64).reshape(-1), pattern, bit


def _tiers(block: np.ndarray, score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dense rank of ``score`` within each block (0 = worst) and the number of tiers per block."""
    n = len(block)
    order = np.lexsort((score, block))
    sb, ss = block[order], score[order]
    new_block = np.ones(n, dtype=bool)
    new_block[1:] = sb[1:] != sb[:-1]
    new_tier = new_block.copy()
    new_tier[1:] |= ss[1:] != ss[:-1]
    counter = np.cumsum(new_tier) - 1
    first_of_block = counter[new_block]  # blocks appear in order 0..B-1
    tier = np.empty(n, dtype=np.int64)
    tier[order] = counter - first_of_block[sb]
    n_tiers = np.zeros(int(block.max()) + 1, dtype=np.int64)
    np.maximum.at(n_tiers, block, tier + 1)
    return tier, n_tiers


def move_pairs(
    conflict: Conflict, dm: int, *, improving: bool = False, score: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Every move (or unilateral improvement) of ``dm`` as index arrays ``(source, target)``.

    Option form: enumerated block by block (quadratic in block size; use :func:`move_graph`
    for reachability at scale). Explicit form: the listed moves. ``score`` defaults to the
    DM's payoff; a UI is a move to a state with a strictly higher score.
    """
    if score is None:
        score = np.asarray(conflict.payoff[dm])
    if conflict.explicit_moves is not None:
        return explicit_pairs(conflict, dm, improving=improving, score=score)
    _require_option_form(conflict)
    block, pattern, _ = _blocks_and_patterns(conflict, dm)
    order = np.argsort(block, kind="stable")
    size = np.bincount(block)
    start = np.concatenate(([0], np.cumsum(size)[:-1]))
    per_state = size[block[order]]
    total = int(per_state.sum())
    src = np.repeat(order, per_state)
    run_start = np.cumsum(per_state) - per_state
    offset = np.arange(total) - np.repeat(run_start, per_state)
    dst = order[np.repeat(start[block[order]], per_state) + offset]
    keep = (src != dst) & ((pattern[src] & ~pattern[dst]) == 0)
    if improving:
        keep &= score[dst] > score[src]
    return src[keep], dst[keep]


def explicit_pairs(
    conflict: Conflict, dm: int, *, improving: bool = False, score: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The listed moves of ``dm`` (self-loops dropped), optionally only its improvements."""
    if conflict.explicit_moves is None:
        raise ValueError("the model has no explicit moves")
    moves = np.asarray(conflict.explicit_moves[dm], dtype=np.int64).reshape(-1, 2)
    src, dst = moves[:, 0], moves[:, 1]
    keep = src != dst
    if improving:
        if score is None:
            score = np.asarray(conflict.payoff[dm])
        keep &= score[dst] > score[src]
    return src[keep], dst[keep]


def moves_from(conflict: Conflict, dm: int, state: int) -> np.ndarray:
    """Sorted target indices of ``dm``'s moves from one state (for explanations)."""
    if conflict.explicit_moves is not None:
        src, dst = explicit_pairs(conflict, dm)
        return np.unique(dst[src == state])
    codes = _codes(conflict)
    mask = dm_masks(conflict)[dm]
    here = codes[state]
    same_block = (codes & ~mask) == (here & ~mask)
    ok = same_block.copy()
    for k in conflict.options_of(dm):
        bit = np.uint64(1 << k)
        rev = conflict.reversibility[k]
        mine = bool(here & bit)
        theirs = (codes & bit) != 0
        if rev == Reversibility.FORWARD_ONLY and mine:
            ok &= theirs
        elif rev == Reversibility.BACKWARD_ONLY and not mine:
            ok &= ~theirs
    ok[state] = False
    return np.flatnonzero(ok)


@dataclass(frozen=True)
class MoveGraph:
    """A reach-preserving graph of one DM's moves (or unilateral improvements).

    Nodes ``0 .. n_states-1`` are states; ``n_states .. n_states+n_virtual-1`` are virtual hub
    nodes. From ``entry[s]`` the reachable states are exactly ``R_j(s) | {s}`` (moves) or
    ``R_j^+(s)`` (improvements; ``entry[s] = -1`` when s has none for certain). Every state
    also has an edge to its entry, so reachability in a union of such graphs is reachability in
    the union of the move relations (the composition lemma makes that the legal-sequence
    reach; reference section 4).
    """

    n_states: int
    n_virtual: int
    src: np.ndarray
    dst: np.ndarray
    entry: np.ndarray

    @property
    def n_nodes(self) -> int:
        return self.n_states + self.n_virtual


def move_graph(
    conflict: Conflict, dm: int, *, improving: bool, score: np.ndarray | None = None
) -> MoveGraph:
    """Reach-preserving graph of ``dm``'s moves (``improving=False``) or UIs (``True``).

    Hub construction per j-block: node V(p, tau) for every irreversible-bit pattern p and
    preference tier tau of the block (one tier when ``improving`` is false); V(p, tau) links
    to V(p + one bit, tau), to V(p, tau + 1) and to the states of pattern p and tier tau. A
    state s links to V(p(s), tier(s) + 1) (improvements) or V(p(s), 0) (moves). When the hub
    graph would be larger than the explicit pair list (many irreversible options in sparse
    blocks), the pairs are used instead through one virtual node per state.
    """
    _require_option_form(conflict)
    n = conflict.n_states
    if score is None:
        score = np.asarray(conflict.payoff[dm])
    block, pattern, r = _blocks_and_patterns(conflict, dm)
    if improving:
        tier, n_tiers = _tiers(block, np.asarray(score))
    else:
        tier = np.zeros(n, dtype=np.int64)
        n_tiers = np.ones(int(block.max()) + 1, dtype=np.int64)
    n_patterns = 1 << r
    size = n_patterns * n_tiers
    hub_cost = int(size.sum()) * (2 + r) + 2 * n
    pair_cost = int((np.bincount(block).astype(np.int64) ** 2).sum()) + 2 * n
    if pair_cost < hub_cost:
        return _pair_graph(conflict, dm, improving=improving, score=np.asarray(score))

    offset = np.concatenate(([0], np.cumsum(size)[:-1])) + n
    total = int(size.sum())
    node = np.arange(n, n + total, dtype=np.int64)
    vblock = np.repeat(np.arange(len(size)), size)
    local = node - offset[vblock]
    vtiers = n_tiers[vblock]
    vpattern = local // vtiers
    vtier = local % vtiers
    srcs: list[np.ndarray] = []
    dsts: list[np.ndarray] = []
    up = vtier + 1 < vtiers
    srcs.append(node[up])
    dsts.append(node[up] + 1)
    for b in range(r):
        free = ((vpattern >> b) & 1) == 0
        srcs.append(node[free])
        dsts.append(node[free] + (1 << b) * vtiers[free])
    del vblock, local, vpattern, vtier, up
    home = offset[block] + pattern * n_tiers[block] + tier
    states = np.arange(n, dtype=np.int64)
    srcs.append(home)
    dsts.append(states)
    if improving:
        has_next = tier + 1 < n_tiers[block]
        entry = np.where(has_next, home + 1, -1)
    else:
        entry = home
    valid = entry >= 0
    srcs.append(states[valid])
    dsts.append(entry[valid])
    return MoveGraph(n, total, np.concatenate(srcs), np.concatenate(dsts), entry)


def _pair_graph(conflict: Conflict, dm: int, *, improving: bool, score: np.ndarray) -> MoveGraph:
    """Explicit pairs routed through one virtual node per state (same interface)."""
    n = conflict.n_states
    src, dst = move_pairs(conflict, dm, improving=improving, score=score)
    states = np.arange(n, dtype=np.int64)
    entry = states + n
    if improving:
        has = np.zeros(n, dtype=bool)
        has[src] = True
        entry = np.where(has, entry, -1)
        edge_src = np.concatenate((states[has], src + n))
        edge_dst = np.concatenate((entry[has], dst))
    else:
        # reach from the entry must include s itself (reflexive move set)
        edge_src = np.concatenate((states, src + n, states + n))
        edge_dst = np.concatenate((entry, dst, states))
    return MoveGraph(n, n, edge_src, edge_dst, entry)
