"""Minimum of per-node values over everything a node can reach, for all nodes at once.

Every GMCR stability concept in option form reduces to "the minimum (or maximum) of a per-state
value over a reachable set" (detente GMCR reference, section 4). For a directed graph this is
computed exactly in O(V + E): strongly connected components (Tarjan 1972, *SIAM J. Computing*
1(2):146-160; here scipy's iterative Pearce variant, no recursion) collapse cycles, and a dynamic
programme over the condensation DAG takes ``best[C] = min(own[C], best[C'] for successors C')``.
The DAG is processed sink-first in vectorised rounds (Kahn 1962, *CACM* 5(11):558-562): each
round finalises every component whose successors are all final, so the Python overhead is one
round per level of the DAG, not one per node.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

__all__ = ["NEG", "POS", "csr_row_edges", "reach_max", "reach_min"]

#: Sentinels for nodes that carry no value (virtual hub nodes). Values must lie strictly between.
POS = np.int64(2**62)
NEG = np.int64(-(2**62))


def csr_row_edges(pointer: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in a CSR index array of every entry of ``rows``, row by row, and each row's
    entry count: ``range(pointer[r], pointer[r + 1])`` for each ``r``, vectorised."""
    first = pointer[rows]
    lengths = pointer[rows + 1] - first
    total = int(lengths.sum())
    run_start = np.cumsum(lengths) - lengths
    return np.repeat(first - run_start, lengths) + np.arange(total), lengths


def _index_dtype(n: int) -> type[np.signedinteger]:
    return np.int32 if n < 2**31 - 1 else np.int64


def reach_min(n_nodes: int, src: np.ndarray, dst: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For every node u, the column-wise minimum of ``values`` over all nodes reachable from u.

    Reachability is reflexive (u reaches itself) and transitive along edges ``src[e] -> dst[e]``.

    Parameters
    ----------
    n_nodes:
        Number of nodes; node ids are ``0 .. n_nodes - 1``.
    src, dst:
        Edge endpoints (equal length, integer).
    values:
        ``int64`` array of shape (n_nodes,) or (n_nodes, k); use :data:`POS` for nodes without
        a value.

    Returns
    -------
    numpy.ndarray
        Same shape as ``values``.
    """
    vals = np.asarray(values, dtype=np.int64)
    squeeze = vals.ndim == 1
    if squeeze:
        vals = vals[:, None]
    if len(src) == 0:
        return vals[:, 0].copy() if squeeze else vals.copy()
    itype = _index_dtype(n_nodes)
    src = np.asarray(src, dtype=itype)
    dst = np.asarray(dst, dtype=itype)
    # float64 data: the dtype csgraph works in, so it does not copy the matrix again
    graph = sp.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n_nodes, n_nodes))
    n_comp, label = connected_components(graph, directed=True, connection="strong")
    del graph
    label = label.astype(itype, copy=False)

    # Own minimum of each component, one contiguous column at a time (1-D ufunc.at is fast).
    best = [np.full(n_comp, POS, dtype=np.int64) for _ in range(vals.shape[1])]
    for column, own in zip(best, vals.T, strict=True):
        if n_comp == n_nodes:  # acyclic: components are the nodes, relabelled
            column[label] = own
        else:
            np.minimum.at(column, label, own)

    csrc = label[src]
    cdst = label[dst]
    keep = csrc != cdst
    csrc, cdst = csrc[keep], cdst[keep]
    _condensation_min(n_comp, csrc, cdst, best)
    result: np.ndarray = np.stack([column[label] for column in best], axis=1)
    return result[:, 0] if squeeze else result


def _condensation_min(
    n_comp: int, csrc: np.ndarray, cdst: np.ndarray, best: list[np.ndarray]
) -> None:
    """In place: ``best[c] = min(best[c], best over successors)`` on a DAG, sinks first."""
    if len(csrc) == 0:
        return
    out_degree = np.bincount(csrc, minlength=n_comp).astype(np.int64)
    # predecessors grouped by target (CSR of the reversed DAG, built in linear time)
    reverse = sp.csr_matrix(
        (np.ones(len(csrc), dtype=np.int32), (cdst, csrc)), shape=(n_comp, n_comp)
    )
    pointer = reverse.indptr.astype(np.int64)
    pred = reverse.indices
    count = reverse.data.astype(np.int64)  # parallel edges were merged: keep multiplicity
    del reverse
    frontier = np.flatnonzero(out_degree == 0)
    slot = np.empty(n_comp, dtype=np.int64)  # scratch for de-duplicating without sorting
    while frontier.size:
        edge, lengths = csr_row_edges(pointer, frontier)
        if edge.size == 0:
            break
        preds = pred[edge]
        for column in best:
            np.minimum.at(column, preds, np.repeat(column[frontier], lengths))
        np.subtract.at(out_degree, preds, count[edge])
        ready = preds[out_degree[preds] == 0]
        position = np.arange(len(ready))
        slot[ready] = position  # the last write per component wins: keep that occurrence
        frontier = ready[slot[ready] == position]


def reach_max(n_nodes: int, src: np.ndarray, dst: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Like :func:`reach_min` with maximum; use :data:`NEG` for nodes without a value."""
    result: np.ndarray = -reach_min(n_nodes, src, dst, -np.asarray(values, dtype=np.int64))
    return result
