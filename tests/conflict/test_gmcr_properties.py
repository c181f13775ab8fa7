"""Theorems of the graph model checked on random models (detente GMCR reference, section 3).

Lattice (Fang, Hipel & Kilgour 1993, ch. 4; Fang, Hipel & Kilgour 1989, *EJOR* 41:86-100),
per DM: Nash <= SEQ <= GMR, Nash <= SMR <= GMR, Nash <= SIM (SEQ and SMR are not nested, so no
inclusion between them is asserted). Invariance under strictly increasing payoff transforms,
relabelling of decision makers and reordering of options (with the state renumbering that
implies). 2x2 strict ordinal games: Nash equilibria are the pure Nash equilibria of the normal
form (Nash 1951, *Annals of Mathematics* 54(2):286-295).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.conflict import Conflict, Reversibility, SimVariant, analyze_stability
from detente.conflict.moves import move_pairs

from .builders import pattern_of
from .strategies import conflicts


def _subset(a: np.ndarray, b: np.ndarray) -> bool:
    return bool((~a | b).all())


@settings(max_examples=80, deadline=None)
@given(conflicts(explicit=None))
def test_lattice(conflict):
    r = analyze_stability(conflict)
    s = r.stable
    assert _subset(s["nash"], s["seq"]) and _subset(s["seq"], s["gmr"])
    assert _subset(s["nash"], s["smr"]) and _subset(s["smr"], s["gmr"])
    if "sim" in s:
        assert _subset(s["nash"], s["sim"])
        np.testing.assert_array_equal(s["seqsim"], s["seq"] | s["sim"])
        pairwise = analyze_stability(conflict, ("sim",), sim_variant=SimVariant.PAIRWISE)
        assert _subset(s["nash"], pairwise.stable["sim"])
        assert _subset(pairwise.stable["sim"], s["sim"])
    # states without a unilateral improvement are stable under every concept
    for i in range(conflict.n_decision_makers):
        src, _ = move_pairs(conflict, i, improving=True)
        quiet = np.ones(conflict.n_states, dtype=bool)
        quiet[src] = False
        for concept in r.concepts:
            assert s[concept][i][quiet].all()
            assert r.equilibria(concept) == [
                k + 1 for k in range(conflict.n_states) if s[concept][:, k].all()
            ]


def _with(conflict: Conflict, **changes) -> Conflict:
    fields = {
        name: getattr(conflict, name)
        for name in (
            "decision_makers",
            "options",
            "owner",
            "reversibility",
            "codes",
            "patterns",
            "payoff",
            "status_quo",
            "explicit_moves",
            "names",
        )
    }
    fields.update(changes)
    return Conflict(**fields)


@settings(max_examples=40, deadline=None)
@given(conflicts(explicit=None), st.randoms(use_true_random=False))
def test_invariant_under_increasing_payoff_transform(conflict, rnd):
    # a random strictly increasing map of each DM's scores
    payoff = np.empty_like(conflict.payoff)
    for i, row in enumerate(conflict.payoff):
        values = np.unique(row)
        steps = np.array([rnd.randint(1, 1000) for _ in values], dtype=np.int64)
        image = np.cumsum(steps) - 10**6
        payoff[i] = image[np.searchsorted(values, row)]
    before = analyze_stability(conflict)
    after = analyze_stability(_with(conflict, payoff=payoff))
    for concept in before.concepts:
        np.testing.assert_array_equal(before.stable[concept], after.stable[concept])


@settings(max_examples=40, deadline=None)
@given(conflicts(explicit=None), st.randoms(use_true_random=False))
def test_invariant_under_dm_relabelling(conflict, rnd):
    n_dm = conflict.n_decision_makers
    new_of_old = list(range(n_dm))
    rnd.shuffle(new_of_old)
    old_of_new = np.argsort(new_of_old)
    relabelled = _with(
        conflict,
        decision_makers=tuple(conflict.decision_makers[o] for o in old_of_new),
        owner=tuple(new_of_old[o] for o in conflict.owner),
        payoff=conflict.payoff[old_of_new],
        explicit_moves=None
        if conflict.explicit_moves is None
        else tuple(conflict.explicit_moves[o] for o in old_of_new),
    )
    before = analyze_stability(conflict)
    after = analyze_stability(relabelled)
    for concept in before.concepts:
        np.testing.assert_array_equal(before.stable[concept][old_of_new], after.stable[concept])
        assert before.equilibria(concept) == after.equilibria(concept)


@settings(max_examples=40, deadline=None)
@given(conflicts(explicit=None), st.randoms(use_true_random=False))
def test_invariant_under_option_reordering(conflict, rnd):
    n_opt = len(conflict.options)
    position = list(range(n_opt))  # new position of old option k
    rnd.shuffle(position)
    old = np.asarray(conflict.codes, dtype=np.uint64)
    moved = np.zeros_like(old)
    for k, p in enumerate(position):
        moved |= ((old >> np.uint64(k)) & np.uint64(1)) << np.uint64(p)
    order = np.argsort(moved, kind="stable")  # new state j is old state order[j]
    new_index = np.empty(len(order), dtype=np.int64)
    new_index[order] = np.arange(len(order))
    old_of_position = np.argsort(position)
    reordered = _with(
        conflict,
        options=tuple(conflict.options[k] for k in old_of_position),
        owner=tuple(conflict.owner[k] for k in old_of_position),
        reversibility=tuple(conflict.reversibility[k] for k in old_of_position),
        codes=moved[order],
        patterns=tuple(pattern_of(c, n_opt) for c in moved[order]),
        payoff=conflict.payoff[:, order],
        explicit_moves=None
        if conflict.explicit_moves is None
        else tuple(new_index[m] for m in conflict.explicit_moves),
    )
    before = analyze_stability(conflict)
    after = analyze_stability(reordered)
    for concept in before.concepts:
        np.testing.assert_array_equal(before.stable[concept][:, order], after.stable[concept])


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(4)), st.permutations(range(4)))
def test_two_by_two_nash_is_pure_nash_equilibrium(pay0, pay1):
    codes = np.arange(4, dtype=np.uint64)  # bit 0: DM 0's option, bit 1: DM 1's option
    conflict = Conflict(
        decision_makers=("row", "column"),
        options=("r", "c"),
        owner=(0, 1),
        reversibility=(Reversibility.BOTH, Reversibility.BOTH),
        codes=codes,
        patterns=tuple(pattern_of(c, 2) for c in codes),
        payoff=np.array([pay0, pay1], dtype=np.int64),
    )
    result = analyze_stability(conflict, ("nash",))
    pure = [
        state + 1
        for state in range(4)
        if pay0[state] >= pay0[state ^ 1] and pay1[state] >= pay1[state ^ 2]
    ]
    assert result.equilibria("nash") == pure
