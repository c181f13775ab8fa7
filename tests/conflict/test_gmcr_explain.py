"""Explanations and status-quo paths: on the published cases, and consistent with the engine."""

from __future__ import annotations

from collections import deque

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reproduction.gmcr_cases import chicken, double_move_sanction, elmira, prisoners_dilemma

from detente.conflict import (
    analyze_stability,
    explain,
    explain_state,
    status_quo_analysis,
)
from detente.errors import InputError

from . import reference_solver
from .strategies import conflicts


def test_elmira_lg_at_status_quo():
    """Elmira, state 1: LG's move to 5 is sanctioned (GMR) by MoE modifying (5 -> 6), but MoE
    gains nothing by it, so under SEQ the move is unsanctioned (Hipel et al. 1997)."""
    conflict = elmira()
    result = analyze_stability(conflict)
    gmr = explain(conflict, result, "gmr", "LG", 0)
    assert gmr.stable and gmr.improvements == (5,)
    assert gmr.blocked_by[5] == (("MoE", 5, 6),)
    assert "sanctioned by MoE moving to state 6" in gmr.text
    seq = explain(conflict, result, "seq", "LG", 0)
    assert not seq.stable and seq.blocked_by[5] is None
    assert seq.text.startswith("Unstable (SEQ) for LG at state 1 (NYNNN): LG can move to state 5")
    assert "no sequence of unilateral improvements by MoE and UR" in seq.text
    nash_ur = explain(conflict, result, "nash", "UR", 0)
    assert nash_ur.stable and "has no unilateral improvement" in nash_ur.text
    assert len(explain_state(conflict, result, 0)) == 3 * len(result.concepts)


def test_chicken_sim_explanation():
    conflict = chicken()
    result = analyze_stability(conflict)
    verdict = explain(conflict, result, "sim", "A", 0)
    assert verdict.stable
    assert verdict.blocked_by[2] == (("B", 1, 3),)
    assert "at the same time" in verdict.text and "state 4 (YY)" in verdict.text
    seq = explain(conflict, result, "seq", "A", 0)
    assert not seq.stable


def test_double_move_sanction_path():
    conflict = double_move_sanction()
    result = analyze_stability(conflict)
    verdict = explain(conflict, result, "gmr", "I", 0)
    assert verdict.stable
    assert verdict.blocked_by[2] == (("J", 2, 3), ("K", 3, 4), ("J", 4, 5))


def test_elmira_status_quo_paths():
    """From the status quo (state 1) only LG's move to 5 is a unilateral improvement that
    leads anywhere; 8 and 9 need moves some DM does not prefer (the historical 5 -> 8 is the
    joint MoE-UR move of Kilgour, Hipel, Fang & Peng 2001)."""
    conflict = elmira()
    result = analyze_stability(conflict)
    analysis = status_quo_analysis(conflict, result, "seq")
    assert analysis.status_quo == 1
    assert [(p.target, [(s.dm, s.source, s.target) for s in p.steps]) for p in analysis.paths] == [
        (5, [("LG", 1, 5)])
    ]
    assert analysis.unreachable == (8, 9)
    assert "LG moves 1 -> 5" in analysis.text and "8, 9" in analysis.text
    gmr = status_quo_analysis(conflict, result, "gmr")
    assert [p.target for p in gmr.paths] == [1, 5]  # the status quo is itself a GMR equilibrium


def test_status_quo_requires_one():
    conflict = prisoners_dilemma()
    from dataclasses import replace

    no_sq = replace(conflict, status_quo=None)
    with pytest.raises(InputError):
        status_quo_analysis(no_sq, analyze_stability(no_sq))


def _valid_sanction(conflict, concept, i, s, s1, path, relations):
    pay = conflict.payoff
    x = s1
    last = None
    for mover_name, a, b in path:
        j = conflict.dm_index(mover_name)
        assert j != i and j != last
        assert a - 1 == x and (b - 1) in relations[j][x]
        if concept == "seq":
            assert pay[j][b - 1] > pay[j][a - 1]
        x, last = b - 1, j
    assert pay[i][x] <= pay[i][s]
    if concept == "smr":
        assert all(pay[i][y] <= pay[i][s] for y in relations[i][x])


@settings(max_examples=25, deadline=None)
@given(conflicts(max_options=5, explicit=None), st.data())
def test_explanations_agree_with_engine(conflict, data):
    result = analyze_stability(conflict)
    relations = [reference_solver.moves(conflict, j) for j in range(conflict.n_decision_makers)]
    state = data.draw(st.integers(0, conflict.n_states - 1))
    for verdict in explain_state(conflict, result, state):
        i = conflict.dm_index(verdict.dm)
        assert verdict.stable == result.is_stable(verdict.concept, i, state)
        assert set(verdict.blocked_by) == set(verdict.improvements)
        all_blocked = all(p is not None for p in verdict.blocked_by.values())
        if verdict.concept != "nash":
            assert all_blocked == verdict.stable, verdict.text
        assert verdict.text.startswith("Stable" if verdict.stable else "Unstable")
        if verdict.concept in ("gmr", "smr", "seq"):
            for s1, path in verdict.blocked_by.items():
                if path is not None:
                    _valid_sanction(conflict, verdict.concept, i, state, s1 - 1, path, relations)


@settings(max_examples=25, deadline=None)
@given(conflicts(max_options=5, explicit=None), st.data())
def test_status_quo_paths_are_shortest_improvement_paths(conflict, data):
    from dataclasses import replace

    start = data.draw(st.integers(0, conflict.n_states - 1))
    conflict = replace(conflict, status_quo=start)
    result = analyze_stability(conflict, ("nash", "gmr"))
    relations = [reference_solver.moves(conflict, j) for j in range(conflict.n_decision_makers)]
    pay = conflict.payoff
    # plain BFS distances over all DMs' unilateral improvements
    dist = {start: 0}
    queue = deque([start])
    while queue:
        x = queue.popleft()
        for j, rel in enumerate(relations):
            for y in rel[x]:
                if pay[j][y] > pay[j][x] and y not in dist:
                    dist[y] = dist[x] + 1
                    queue.append(y)
    analysis = status_quo_analysis(conflict, result, "gmr")
    for path in analysis.paths:
        assert path.length == dist[path.target - 1]
        x = start
        for step in path.steps:
            j = conflict.dm_index(step.dm)
            assert step.source - 1 == x and step.target - 1 in relations[j][x]
            assert pay[j][step.target - 1] > pay[j][x]
            x = step.target - 1
        assert x == path.target - 1
    assert [p.length for p in analysis.paths] == sorted(p.length for p in analysis.paths)
    assert {p.target for p in analysis.paths} | set(analysis.unreachable) == set(
        result.equilibria("gmr")
    )
    assert all(u - 1 not in dist for u in analysis.unreachable)
    assert isinstance(analysis.text, str) and analysis.text
    np.testing.assert_equal(analysis.status_quo, start + 1)
