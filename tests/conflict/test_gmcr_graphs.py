"""Unit properties of the building blocks: reach DP and reach-preserving move graphs."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.conflict.moves import _pair_graph, move_graph, move_pairs
from detente.conflict.reach import reach_max, reach_min

from . import reference_solver
from .strategies import conflicts


def _reachable(n, edges, start):
    seen, stack = {start}, [start]
    while stack:
        x = stack.pop()
        for a, b in edges:
            if a == x and b not in seen:
                seen.add(b)
                stack.append(b)
    return seen


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30),
            st.lists(st.integers(-5, 5), min_size=n, max_size=n),
        )
    )
)
def test_reach_min_is_min_over_reachable_set(case):
    """SCC + condensation DP equals brute force on random digraphs (cycles, self-loops)."""
    n, edges, values = case
    src = np.array([a for a, _ in edges], dtype=np.int64)
    dst = np.array([b for _, b in edges], dtype=np.int64)
    got = reach_min(n, src, dst, np.array(values))
    got_max = reach_max(n, src, dst, np.array(values))
    for u in range(n):
        reach = _reachable(n, edges, u)
        assert got[u] == min(values[v] for v in reach)
        assert got_max[u] == max(values[v] for v in reach)


def _graph_reach(graph, n):
    edges = list(zip(graph.src.tolist(), graph.dst.tolist(), strict=True))
    return [
        set() if graph.entry[s] < 0 else {t for t in _reachable(0, edges, graph.entry[s]) if t < n}
        for s in range(n)
    ]


@settings(max_examples=60, deadline=None)
@given(conflicts(max_options=5), st.data())
def test_move_graphs_preserve_move_sets(conflict, data):
    """From a state's entry node, a hub graph (and the pair fallback) reaches exactly its
    moves plus itself, or exactly its unilateral improvements."""
    dm = data.draw(st.integers(0, conflict.n_decision_makers - 1))
    n = conflict.n_states
    moves = reference_solver.moves(conflict, dm)
    pay = conflict.payoff[dm]
    improving = [{t for t in moves[s] if pay[t] > pay[s]} for s in range(n)]
    score = np.asarray(pay)
    for build in (move_graph, _pair_graph):
        assert _graph_reach(build(conflict, dm, improving=False, score=score), n) == [
            moves[s] | {s} for s in range(n)
        ]
        assert _graph_reach(build(conflict, dm, improving=True, score=score), n) == improving
    src, dst = move_pairs(conflict, dm)
    assert sorted(zip(src.tolist(), dst.tolist(), strict=True)) == sorted(
        (s, t) for s in range(n) for t in moves[s]
    )
