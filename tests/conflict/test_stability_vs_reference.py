"""The vectorised engine equals the plain per-state definitions (reference_solver).

Theorem checked: the fast paths of the detente GMCR reference section 4 (composition lemma,
hub graphs, SCC + condensation DP, product graph for explicit moves, vectorised SIM) compute
exactly the legal-sequence definitions of section 2, on random models with ties, infeasible
patterns, irreversible options and explicit moves.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from detente.conflict.result import SimVariant
from detente.conflict.stability import analyze_stability

from . import reference_solver
from .strategies import conflicts


def _assert_same(conflict, sim_variant=SimVariant.ANY_SUBSET):
    result = analyze_stability(conflict, sim_variant=sim_variant)
    expected = reference_solver.solve(conflict, sim_pairwise=sim_variant == SimVariant.PAIRWISE)
    assert set(result.concepts) == set(expected)
    for concept, table in expected.items():
        np.testing.assert_array_equal(
            result.stable[concept], np.array(table, dtype=bool), err_msg=concept
        )


@settings(max_examples=150, deadline=None)
@given(conflicts(max_options=6))
def test_option_form_matches_definitions(conflict):
    _assert_same(conflict)


@settings(max_examples=60, deadline=None)
@given(conflicts(min_dms=3, max_dms=4, max_options=6))
def test_pairwise_sim_matches_definitions(conflict):
    _assert_same(conflict, SimVariant.PAIRWISE)


@settings(max_examples=100, deadline=None)
@given(conflicts(max_options=5, explicit=True))
def test_explicit_moves_match_definitions(conflict):
    _assert_same(conflict)


@settings(max_examples=25, deadline=None)
@given(conflicts(min_options=7, max_options=7, max_dms=3))
def test_seven_options_match_definitions(conflict):
    _assert_same(conflict)
