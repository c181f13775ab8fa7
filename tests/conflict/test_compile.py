"""Compiling a scenario's conflict section into the engine's Conflict."""

from __future__ import annotations

import numpy as np
import pytest

from detente.conflict.compile import compile_conflict, ranking_scores
from detente.conflict.model import Reversibility
from detente.scenario import load_scenario, load_scenario_text, shipped_path
from detente.scenario.state_space import yn_strings

HEAD = """\
format: detente/1
id: t
title: T
actors: [{id: A, name: A}, {id: B, name: B}]
"""


def compile_text(body: str):  # type: ignore[no-untyped-def]
    section = load_scenario_text(HEAD + body, "t.yaml").conflict
    assert section is not None
    return compile_conflict(section)


def test_numbering_is_binary_order_with_first_option_least_significant() -> None:
    conflict = compile_text(
        """\
conflict:
  decision_makers:
    - {id: A, options: [{id: X}, {id: Y}], preferences: [X]}
    - {id: B, options: [{id: Z}], preferences: [Z]}
  infeasible: [{mutually_exclusive: [X, Y]}]
  status_quo: {taken: [Y, Z]}
"""
    )
    # codes 0..7 minus X&Y (3 and 7)
    assert conflict.codes.tolist() == [0, 1, 2, 4, 5, 6]
    assert conflict.patterns == ("NNN", "YNN", "NYN", "NNY", "YNY", "NYY")
    assert conflict.status_quo == 5
    assert conflict.explicit_moves is None
    assert conflict.owner == (0, 0, 1)


def test_statement_payoffs_are_lexicographic_dense_ranks() -> None:
    conflict = compile_text(
        """\
conflict:
  decision_makers:
    - {id: A, options: [{id: X, reversibility: forward_only}], preferences: [Z, X IF Z]}
    - {id: B, options: [{id: Z}], preferences: {ranking: [4, [1, 2], 3]}}
"""
    )
    # A: Z (weight 2) then X IF Z (weight 1): NN=1, YN=1, NY=2, YY=3 -> dense ranks 0,0,1,2
    assert conflict.payoff[0].tolist() == [0, 0, 1, 2]
    assert conflict.payoff[1].tolist() == [1, 1, 0, 2]
    assert conflict.reversibility == (Reversibility.FORWARD_ONLY, Reversibility.BOTH)


def test_merged_state_is_appended_and_moves_become_explicit() -> None:
    conflict = compile_elmira()
    assert conflict.n_states == 9
    assert conflict.patterns[-1] == "-NNY-"
    assert conflict.names is not None and conflict.names[-1] == "UR abandons"
    assert conflict.codes[-1] == 0b01000  # NNNYN: smallest member
    assert conflict.explicit_moves is not None


def compile_elmira(without_moves: bool = False):  # type: ignore[no-untyped-def]
    text = shipped_path("elmira").read_text()
    if without_moves:
        text = text[: text.index("  moves:")] + text[text.index("  status_quo:") :]
    return compile_conflict(load_scenario_text(text).conflict)


def test_derived_moves_with_merge_equal_published_elmira_moves() -> None:
    """Hipel et al. (1997): deriving option-form moves over the 12 feasible states and mapping
    them onto the 9 published states gives exactly the published move lists."""
    published = compile_elmira()
    derived = compile_elmira(without_moves=True)
    for a, b in zip(published.explicit_moves, derived.explicit_moves, strict=True):
        assert sorted(map(tuple, a.tolist())) == sorted(map(tuple, b.tolist()))


def test_ranking_scores_ties() -> None:
    assert ranking_scores([3, (1, 4), 2], 4).tolist() == [1, 0, 2, 1]
    with pytest.raises(ValueError, match="omits"):
        ranking_scores([1, 2], 3)


def test_nominal_alternative_is_used() -> None:
    conflict = compile_text(
        """\
conflict:
  decision_makers:
    - {id: A, options: [{id: X}], preferences: [X]}
    - id: B
      options: [{id: Z}]
      preferences:
        alternatives:
          - {weight: 1, statements: [Z]}
          - {weight: 3, statements: [-Z]}
"""
    )
    assert conflict.payoff[1].tolist() == [1, 1, 0, 0]


def test_twenty_options_compile_vectorised() -> None:
    """2^20 candidate states with statements: compiled without per-state Python loops."""
    options = ", ".join(f"{{id: O{k}}}" for k in range(10))
    options_b = ", ".join(f"{{id: P{k}}}" for k in range(10))
    conflict = compile_text(
        f"""\
conflict:
  decision_makers:
    - {{id: A, options: [{options}], preferences: [O1 & -P2, O3 IF P4, -O5 | P6]}}
    - {{id: B, options: [{options_b}], preferences: [P1 IFF O2, -P9]}}
  infeasible: [{{mutually_exclusive: [O0, O1, O2]}}]
"""
    )
    assert conflict.n_states == (1 << 20) // 2  # 4 of 8 combinations of O0..O2
    assert conflict.patterns[3] == yn_strings(conflict.codes[3:4], 20)[0]


@pytest.mark.parametrize("name", ["prisoners-dilemma", "chicken", "elmira", "ukraine-2025"])
def test_shipped_scenarios_compile(name: str) -> None:
    conflict = compile_conflict(load_scenario(shipped_path(name)).conflict)
    assert conflict.status_quo is not None
    assert np.all(conflict.payoff >= 0)
