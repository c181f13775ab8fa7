"""Second methods for the numbers of the conflict golden files (see test_golden_independent.py).

- stability and equilibria: the plain per-state definitions of ``tests/conflict/reference_solver``
  (Fang, Hipel & Kilgour 1993, ch. 4), not the vectorised engine;
- preferences: each state scored by evaluating the scenario's prioritization statements with
  the small evaluator below (written from the grammar, not detente's parser), statement k of K
  weighing 2^(K-1-k) (Fang, Hipel, Kilgour & Peng 2003);
- status-quo paths: breadth-first search with networkx over the reference solver's unilateral
  improvements.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
from conflict import reference_solver

from detente.conflict.compile import compile_conflict
from detente.conflict.model import Conflict
from detente.scenario import load

COVERS = [
    r"/stability/\w+/\w+\[\d+\]",
    r"/equilibria/\w+\[\d+\]",
    r"/preferences/\w+\[\d+\]\[\d+\]",
    r"/states\[\d+\]/id",
    r"/status_quo",
    r"/status_quo_paths/\w+/paths\[\d+\]/(target|steps\[\d+\]/(from|to))",
    r"/status_quo_paths/\w+/unreachable\[\d+\]",
]
"""The numeric paths of a conflict golden file that :func:`check` verifies."""

_TOKEN = re.compile(r"\s*(IFF|IF|[A-Za-z][A-Za-z0-9_]*|[-&|()])")


def _tokens(text: str) -> list[str]:
    out, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        assert match, f"cannot read {text!r} at {position}"
        out.append(match.group(1))
        position = match.end()
    return out


def truth(statement: str, taken: dict[str, bool]) -> bool:
    """Whether ``statement`` holds in the state whose options are ``taken``.

    Precedence ``-`` > ``&`` > ``|`` > ``IF``/``IFF``; ``P IF Q`` is "Q implies P".
    """
    tokens = _tokens(statement)
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def unary() -> bool:
        token = take()
        if token == "-":
            return not unary()
        if token == "(":
            value = conditional()
            assert take() == ")"
            return value
        return taken[token]

    def conjunction() -> bool:
        value = unary()
        while peek() == "&":
            take()
            value = unary() and value
        return value

    def disjunction() -> bool:
        value = conjunction()
        while peek() == "|":
            take()
            value = conjunction() or value
        return value

    def conditional() -> bool:
        left = disjunction()
        if peek() in ("IF", "IFF"):
            keyword = take()
            right = disjunction()
            return (not right or left) if keyword == "IF" else left == right
        return left

    value = conditional()
    assert position == len(tokens), statement
    return value


def _nominal_preference(preferences: dict[str, Any]) -> dict[str, Any]:
    alternatives = preferences.get("alternatives")
    if not alternatives:
        return preferences
    best = max(range(len(alternatives)), key=lambda i: (alternatives[i]["weight"], -i))
    return alternatives[best]


def _expected_ranking(conflict: Conflict, preference: dict[str, Any]) -> list[list[int]]:
    if preference.get("statements"):
        statements = [s["statement"] for s in preference["statements"]]
        count = len(statements)
        scores = []
        for index in range(conflict.n_states):
            code = int(conflict.codes[index])
            taken = {o: bool(code >> k & 1) for k, o in enumerate(conflict.options)}
            scores.append(
                sum(1 << (count - 1 - k) for k, s in enumerate(statements) if truth(s, taken))
            )
        levels = sorted(set(scores), reverse=True)
        return [[i + 1 for i, v in enumerate(scores) if v == level] for level in levels]
    ranking = []
    for entry in preference["ranking"]:
        group = entry if isinstance(entry, list | tuple) else [entry]
        ranking.append([int(x) for x in group])
    return ranking


def _improvement_graph(conflict: Conflict) -> nx.DiGraph:
    """Every unilateral improvement as an edge whose ``movers`` are the DMs who have it."""
    graph = nx.DiGraph()
    graph.add_nodes_from(range(conflict.n_states))
    for dm in range(conflict.n_decision_makers):
        relation = reference_solver.moves(conflict, dm)
        for source, targets in enumerate(reference_solver.improvements(conflict, dm, relation)):
            for target in targets:
                if graph.has_edge(source, target):
                    graph.edges[source, target]["movers"].add(dm)
                else:
                    graph.add_edge(source, target, movers={dm})
    return graph


def check(name: str, golden: dict[str, Any]) -> None:
    """Assert that the stored numbers of ``<name>.conflict.json`` equal the second methods."""
    scenario = load(name)
    assert scenario.conflict is not None
    conflict = compile_conflict(scenario.conflict.nominal())
    dms = list(conflict.decision_makers)

    assert [s["id"] for s in golden["states"]] == list(range(1, conflict.n_states + 1))
    assert [s["options"] for s in golden["states"]] == list(conflict.patterns)
    assert golden["status_quo"] == (
        None if conflict.status_quo is None else conflict.status_quo + 1
    )

    expected = reference_solver.solve(conflict)
    assert set(golden["stability"]) <= set(expected), "a concept with no second method"
    for concept, per_dm in golden["stability"].items():
        table = expected[concept]
        for d, dm in enumerate(dms):
            stable = [s + 1 for s in range(conflict.n_states) if table[d][s]]
            assert per_dm[dm] == stable, (name, concept, dm)
        everyone = [
            s + 1 for s in range(conflict.n_states) if all(table[d][s] for d in range(len(dms)))
        ]
        assert golden["equilibria"][concept] == everyone, (name, concept)

    raw = {dm["id"]: dm for dm in scenario.conflict.model_dump(mode="json")["decision_makers"]}
    for dm in dms:
        preference = _nominal_preference(raw[dm]["preferences"])
        assert golden["preferences"][dm] == _expected_ranking(conflict, preference), (name, dm)

    graph = _improvement_graph(conflict)
    start = conflict.status_quo
    for concept, traced in golden["status_quo_paths"].items():
        assert start is not None
        distance = nx.single_source_shortest_path_length(graph, start)
        reached = {path["target"] for path in traced["paths"]}
        assert reached | set(traced["unreachable"]) == set(golden["equilibria"][concept])
        for target in traced["unreachable"]:
            assert target - 1 not in distance, (name, concept, target)
        for path in traced["paths"]:
            steps = path["steps"]
            assert len(steps) == distance[path["target"] - 1], (name, concept, path)
            position = start + 1
            for step in steps:
                assert step["from"] == position
                edge = graph.get_edge_data(step["from"] - 1, step["to"] - 1)
                assert edge is not None and dms.index(step["dm"]) in edge["movers"], (
                    f"{name}: {step} is not a unilateral improvement of {step['dm']}"
                )
                position = step["to"]
            assert position == path["target"]
