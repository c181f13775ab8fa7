"""Simultaneous stability (SIM) in option form.

Definition for two DMs (Fang, Hipel & Kilgour 1993, *Interactive Decision Making*, Wiley,
ch. 4 [recheck]): s is SIM-stable for i iff for every UI s1 of i from s there is a UI s2 of the
opponent j from s such that s1 (+) s2 -- i's options as in s1, j's options as in s2, everything
else as in s -- is a feasible state that i likes no better than s. An infeasible combination is
no sanction. For n DMs see :class:`~detente.conflict.result.SimVariant`: PAIRWISE lets one
opponent respond; ANY_SUBSET lets any non-empty set of opponents each play one of its UIs from s
(gmcr-py's extension, without its shared-iterator bug).

SIM is not a minimum over a reachable set, so it is computed over (UI of i) x (responses)
combinations with vectorised bit operations on state codes (detente GMCR reference, section 4),
in chunks so memory stays bounded.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from detente.conflict.limits import memory_budget
from detente.conflict.model import Conflict
from detente.conflict.moves import code_lookup, dm_masks, move_pairs
from detente.conflict.reach import csr_row_edges
from detente.conflict.result import SimVariant
from detente.errors import ScaleError

__all__ = ["ensure_sim_fits", "sim_stable"]

#: Peak bytes per candidate (state, target) pair inside one DM's blocks (index arrays and
#: temporaries of :func:`detente.conflict.moves.move_pairs`), with margin.
_BYTES_PER_PAIR = 64


def ensure_sim_fits(conflict: Conflict, budget: int | None = None) -> None:
    """Refuse SIM before allocation when listing the UI pairs would exceed the budget.

    SIM enumerates unilateral improvements pairwise within blocks (quadratic in block size),
    unlike the other concepts, so it has its own check.
    """
    codes = np.asarray(conflict.codes, dtype=np.uint64)
    pairs = 0
    for mask in dm_masks(conflict):
        _, sizes = np.unique(codes & ~mask, return_counts=True)
        pairs += int((sizes.astype(np.int64) ** 2).sum())
    need = pairs * _BYTES_PER_PAIR * 2  # all DMs' UI lists are held at once, plus temporaries
    limit = memory_budget() if budget is None else budget
    if need > limit:
        raise ScaleError(
            f"SIM for this model ({conflict.n_states:,} states) would list about {pairs:,} "
            f"candidate moves, needing about {need / 2**30:.1f} GB; the budget is "
            f"{limit / 2**30:.1f} GB",
            hint="analyse nash, gmr, smr and seq without sim and seqsim, or give each decision "
            "maker fewer options",
        )


_CHUNK_ROWS = 1 << 21


def sim_stable(conflict: Conflict, ranks: np.ndarray, variant: SimVariant) -> np.ndarray:
    """``bool`` array (decision makers, states): SIM stability of each state for each DM."""
    n_dm, n = ranks.shape
    codes = np.asarray(conflict.codes, dtype=np.uint64)
    masks = dm_masks(conflict)
    uis = [move_pairs(conflict, j, improving=True, score=ranks[j]) for j in range(n_dm)]
    tables: list[tuple[np.ndarray, np.ndarray]] = []  # per DM: CSR pointer by source, targets
    for src, dst in uis:
        order = np.argsort(src, kind="stable")
        pointer = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=pointer[1:])
        tables.append((pointer, dst[order]))
    stable = np.ones((n_dm, n), dtype=bool)
    for i in range(n_dm):
        usrc, udst = uis[i]
        if len(usrc) == 0:
            continue
        others = [j for j in range(n_dm) if j != i]
        counts = [np.diff(tables[j][0])[usrc] for j in others]
        if variant == SimVariant.PAIRWISE:
            per_ui = 1 + np.sum(counts, axis=0)
        else:
            per_ui = np.prod([1 + c for c in counts], axis=0)
        sanctioned = np.zeros(len(usrc), dtype=bool)
        bounds = np.searchsorted(np.cumsum(per_ui), np.arange(0, per_ui.sum(), _CHUNK_ROWS))
        edges = np.unique(np.r_[bounds, len(usrc)])
        for lo, hi in pairwise(edges.tolist()):
            rows = np.arange(lo, hi)
            code = codes[udst[rows]]
            used = np.zeros(len(rows), dtype=bool)
            for j in others:
                pointer, targets = tables[j]
                eligible = ~used if variant == SimVariant.PAIRWISE else np.ones_like(used)
                base = np.flatnonzero(eligible)
                state = usrc[rows[base]]
                pick, lengths = csr_row_edges(pointer, state)
                total = pick.size
                if total == 0:
                    continue
                parent = np.repeat(base, lengths)
                new_code = (code[parent] & ~masks[j]) | (codes[targets[pick]] & masks[j])
                rows = np.concatenate((rows, rows[parent]))
                code = np.concatenate((code, new_code))
                used = np.concatenate((used, np.ones(total, dtype=bool)))
            final_rows, final_code = rows[used], code[used]
            target = code_lookup(conflict, final_code)
            source = usrc[final_rows]
            ok = target >= 0
            hit = np.zeros(len(final_rows), dtype=bool)
            hit[ok] = ranks[i][target[ok]] <= ranks[i][source[ok]]
            sanctioned[final_rows[hit]] = True
        open_ui = np.bincount(usrc[~sanctioned], minlength=n)
        stable[i] = open_ui == 0
    return stable
