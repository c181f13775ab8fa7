"""The scenario `conflict` section: statement grammar, validation, located errors."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.errors import ScenarioError
from detente.scenario import load_scenario_text
from detente.scenario.statements import (
    StatementSyntaxError,
    evaluate,
    parse_statement,
    prioritization_scores,
)

BITS = {"A": 0, "B": 1, "C": 2}
CODES = np.arange(8, dtype=np.uint64)


def truth(text: str) -> list[bool]:
    return evaluate(parse_statement(text), CODES, BITS).tolist()


def table(fn) -> list[bool]:  # type: ignore[no-untyped-def]
    return [bool(fn(bool(c & 1), bool(c & 2), bool(c & 4))) for c in range(8)]


# ----- grammar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fn"),
    [
        ("A", lambda a, b, c: a),
        ("-A", lambda a, b, c: not a),
        ("A & B", lambda a, b, c: a and b),
        ("A | B", lambda a, b, c: a or b),
        # P IF Q is true iff Q implies P: true wherever Q is false (Fang et al. 2003).
        ("A IF B", lambda a, b, c: (not b) or a),
        ("A IFF B", lambda a, b, c: a == b),
        ("-A IF -B", lambda a, b, c: b or not a),
    ],
)
def test_truth_tables(text: str, fn) -> None:  # type: ignore[no-untyped-def]
    assert truth(text) == table(fn)


@pytest.mark.parametrize(
    ("text", "fn"),
    [
        ("A | B & C", lambda a, b, c: a or (b and c)),  # & binds tighter than |
        ("-A & B", lambda a, b, c: (not a) and b),  # - binds tighter than &
        ("-(A & B)", lambda a, b, c: not (a and b)),
        ("A IF B | C", lambda a, b, c: (not (b or c)) or a),  # IF binds loosest
        ("A & B IFF C", lambda a, b, c: (a and b) == c),
        ("(A IF B) & C", lambda a, b, c: ((not b) or a) and c),
        ("A IF (B IF C)", lambda a, b, c: (not ((not c) or b)) or a),
        ("--A", lambda a, b, c: a),
    ],
)
def test_precedence(text: str, fn) -> None:  # type: ignore[no-untyped-def]
    assert truth(text) == table(fn)


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("A &", 4, "expected an option id"),
        ("(A | B", 7, "')' to close"),
        ("A B", 3, "expected '&', '|', IF, IFF"),
        ("A IF B IF C", 8, "cannot follow another IF"),
        ("A + B", 3, "unexpected character '+'"),
        ("", 1, "empty"),
        ("& A", 1, "expected an option id"),
    ],
)
def test_syntax_errors_say_where_and_what(text: str, column: int, fragment: str) -> None:
    with pytest.raises(StatementSyntaxError) as info:
        parse_statement(text)
    assert info.value.column == column
    assert fragment in info.value.describe()


def test_weights_are_lexicographic() -> None:
    first = np.array([True, False, False])
    second = np.array([False, True, True])
    third = np.array([False, True, False])
    scores = prioritization_scores([first, second, third])
    assert scores.tolist() == [4, 3, 2]


literals = st.sampled_from(["A", "B", "C", "-A", "-B", "-C"])
statements = st.recursive(
    literals,
    lambda inner: st.tuples(inner, st.sampled_from([" & ", " | ", " IF ", " IFF "]), inner).map(
        lambda t: f"({t[0]}{t[1]}{t[2]})"
    ),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(statements, min_size=1, max_size=5), st.integers(0, 5))
def test_constant_true_statement_changes_no_ranking(texts: list[str], at: int) -> None:
    """Property (Fang et al. 2003): a statement every state satisfies adds the same weight to
    every score, so the preorder is unchanged."""
    truths = [evaluate(parse_statement(t), CODES, BITS) for t in texts]
    always = evaluate(parse_statement("A | -A"), CODES, BITS)
    before = prioritization_scores(truths)
    after = prioritization_scores([*truths[:at], always, *truths[at:]])
    for x, y in itertools.product(range(8), repeat=2):
        assert (before[x] >= before[y]) == (after[x] >= after[y])


@settings(max_examples=60, deadline=None)
@given(st.lists(statements, min_size=1, max_size=5))
def test_states_satisfying_the_same_statements_tie(texts: list[str]) -> None:
    truths = np.stack([evaluate(parse_statement(t), CODES, BITS) for t in texts])
    scores = prioritization_scores(list(truths))
    for x, y in itertools.product(range(8), repeat=2):
        same = bool((truths[:, x] == truths[:, y]).all())
        assert same == (scores[x] == scores[y])


# ----- the section in a scenario file ----------------------------------------------------------

BASE = """\
format: detente/1
id: t
title: Test
actors:
  - {id: A, name: Alpha}
  - {id: B, name: Beta}
conflict:
  decision_makers:
    - id: A
      options:
        - {id: X, rationale: "why", sources: [somewhere]}
        - {id: Y, reversibility: forward_only}
      preferences:
        statements:
          - {statement: "X IF Z", rationale: "r", sources: [s]}
          - -Y
    - id: B
      options:
        - {id: Z}
      preferences:
        ranking: [[1, 2], 3, 4, 5, 6, 7, 8]
  infeasible:
    - {pattern: "---"}
  status_quo: NNN
"""


def scenario(text: str):  # type: ignore[no-untyped-def]
    return load_scenario_text(text, "c.yaml")


def valid() -> str:
    return BASE.replace('    - {pattern: "---"}\n', '    - {pattern: "YYY"}\n').replace(
        "ranking: [[1, 2], 3, 4, 5, 6, 7, 8]", "ranking: [[1, 2], 3, 4, 5, 6, 7]"
    )


def test_valid_section_loads() -> None:
    loaded = scenario(valid())
    section = loaded.conflict
    assert section is not None
    assert section.option_ids() == ["X", "Y", "Z"]
    assert section.decision_makers[0].options[0].sources == ("somewhere",)
    assert section.decision_makers[0].preferences.statements[1].statement == "-Y"


def problem_of(text: str):  # type: ignore[no-untyped-def]
    with pytest.raises(ScenarioError) as info:
        scenario(text)
    return info.value.problems


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("    - id: B\n      options", "    - id: Q\n      options", 17, "not an actor"),
        ('"X IF Z"', '"X IF W"', 15, "unknown option 'W'"),
        ('"X IF Z"', '"X IF (Z"', 15, "does not parse"),
        ('{pattern: "YYY"}', '{pattern: "YY"}', 23, "has 2 characters"),
        ('{pattern: "YYY"}', '{pattern: "YYx"}', 23, "contains 'x'"),
        ("status_quo: NNN", "status_quo: YYY", 24, "infeasible"),
        (
            "ranking: [[1, 2], 3, 4, 5, 6, 7]",
            "ranking: [[1, 2], 3, 4, 5, 6]",
            21,
            "omits state(s) 7",
        ),
        (
            "ranking: [[1, 2], 3, 4, 5, 6, 7]",
            "ranking: [[1, 2], 3, 4, 5, 6, 7, 3]",
            21,
            "ranked twice",
        ),
        (
            "ranking: [[1, 2], 3, 4, 5, 6, 7]",
            "ranking: [[1, 2], 3, 4, 5, 6, 7, 9]",
            21,
            "does not exist",
        ),
        (
            '    - {pattern: "YYY"}\n',
            (
                "    - {exactly_one: [X, Y]}\n    - {mutually_exclusive: [X, Y]}\n"
                '    - {at_least_one: [Z]}\n    - {pattern: "--Y"}\n'
            ),
            22,
            "no feasible state",
        ),
        ("status_quo: NNN", "status_quo: {taken: [W]}", 24, "unknown option 'W'"),
        ('{pattern: "YYY"}', "{requires: {option: X, needs: W}}", 23, "unknown option 'W'"),
    ],
)
def test_bad_input_is_reported_at_its_line(old: str, new: str, line: int, fragment: str) -> None:
    text = valid().replace(old, new)
    assert text != valid()
    problems = problem_of(text)
    assert any(fragment in p.message and p.line == line for p in problems), problems
    assert all(p.file == "c.yaml" for p in problems)


def test_unknown_option_lists_valid_ids() -> None:
    (problem,) = problem_of(valid().replace('"X IF Z"', '"X IF W"'))
    assert problem.hint is not None and "X, Y, Z" in problem.hint
    assert problem.field == "conflict.decision_makers[0].preferences.statements[0].statement"


def test_explicit_move_of_another_dm_is_rejected() -> None:
    text = valid().replace("  status_quo: NNN", "  moves:\n    B: [[1, 2]]\n  status_quo: NNN")
    (problem,) = problem_of(text)
    assert problem.line == 25 and "not a move of B" in problem.message and "X" in problem.message


def test_non_positive_weight_is_rejected_at_its_line() -> None:
    text = valid().replace(
        "        ranking: [[1, 2], 3, 4, 5, 6, 7]",
        "        alternatives:\n          - {weight: 1, ranking: [[1, 2], 3, 4, 5, 6, 7]}\n"
        "          - {weight: 0, statements: [Z]}",
    )
    (problem,) = problem_of(text)
    assert problem.line == 23 and "greater than 0" in problem.message


def test_two_preference_forms_rejected() -> None:
    text = valid().replace(
        "        ranking: [[1, 2], 3, 4, 5, 6, 7]", "        ranking: [1]\n        statements: [Z]"
    )
    (problem,) = problem_of(text)
    assert "only one of" in problem.message


def test_alternatives_nominal_and_sample() -> None:
    text = valid().replace(
        "        ranking: [[1, 2], 3, 4, 5, 6, 7]",
        "        alternatives:\n          - {weight: 0.3, statements: [Z]}\n"
        "          - {weight: 0.7, statements: [-Z], rationale: likely}\n"
        "          - {weight: 0.7, statements: [X]}",
    )
    prefs = scenario(text).conflict.decision_makers[1].preferences
    nominal = prefs.nominal()
    assert nominal.alternatives is None and nominal.statements[0].statement == "-Z"
    assert nominal.rationale == "likely"
    rng = np.random.default_rng(7)
    draws = [prefs.sample(rng).statements[0].statement for _ in range(400)]
    share = draws.count("Z") / len(draws)
    assert 0.1 < share < 0.25  # weight 0.3 of 1.7
    assert set(draws) == {"Z", "-Z", "X"}


def test_statement_list_shorthand_and_status_quo_forms() -> None:
    text = (
        valid()
        .replace(
            "        statements:\n"
            '          - {statement: "X IF Z", rationale: "r", sources: [s]}\n          - -Y\n',
            "        [X, -Y]\n",
        )
        .replace("status_quo: NNN", "status_quo: {taken: [Z], rationale: today}")
    )
    text = text.replace("      preferences:\n        [X, -Y]", "      preferences: [X, -Y]")
    loaded = scenario(text)
    section = loaded.conflict
    assert [s.statement for s in section.decision_makers[0].preferences.statements] == ["X", "-Y"]
    assert section.status_quo_index(section.state_space()) == 4  # NNY is the fifth state


def test_option_named_like_a_keyword_is_rejected() -> None:
    text = valid().replace("- {id: Z}", "- {id: IF}")
    problems = problem_of(text)
    assert any("keyword" in p.message for p in problems)
