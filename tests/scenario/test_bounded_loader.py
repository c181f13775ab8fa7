"""The loader's bounds: alias expansion, nesting, size, special files, finite strict numbers,
calendar dates, statement nesting, and the JSON and CSV readers that share them.

Each refusal is a located ScenarioError (file, line, field where there is one). The heavy
inputs here are refused by counting, never by running into a resource: the hostile-input
suite (``tests/hostile``) runs such inputs again under CPU and memory limits.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from detente.errors import ScenarioError
from detente.scenario import Scenario, load_scenario, load_scenario_text
from detente.scenario.input_file import parse_json_text, read_input_bytes, read_input_text
from detente.scenario.limits import MAX_NESTING, MAX_STATEMENT_DEPTH, MAX_VALUES
from detente.scenario.statements import StatementSyntaxError, parse_statement
from detente.scenario.yaml_source import parse_yaml

MINIMAL = """\
format: detente/1
id: minimal
title: Minimal scenario
as_of: 2025-12-15
actors:
  - id: A
    name: Alpha
  - id: B
    name: Beta
"""

BARGAINING = """\
format: detente/1
id: b
title: Bargaining probe
actors:
  - {id: A, name: Alpha}
  - {id: B, name: Beta}
  - {id: C, name: Gamma}
bargaining:
  model: mean
  issues:
    - {id: land, label: Land}
  actors:
    - {actor: A, capability: CAP, stances: [{issue: land, position: 10, salience: 0.5}]}
    - {actor: B, capability: 1.0, stances: [{issue: land, position: 90, salience: 0.5}]}
    - {actor: C, capability: 0.5, stances: [{issue: land, position: 50, salience: 0.5}]}
"""


def _problem(text: str, file: str = "s.yaml") -> str:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, file)
    return str(info.value.problems[0])


def alias_bomb(levels: int = 9, fan: int = 9) -> str:
    lines = ["format: detente/1", "id: bomb", "title: t", "a0: &a0 [" + ", ".join("x" * fan) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * fan) + "]")
    lines.append(f"actors: [*a{levels - 1}]")
    return "\n".join(lines) + "\n"


def test_the_bounded_loader_reads_the_shipped_scenario_as_before() -> None:
    from detente.scenario import DEFAULT_SCENARIO, shipped_path

    scenario = load_scenario(shipped_path(DEFAULT_SCENARIO))
    assert scenario.as_of is not None and len(scenario.actors) >= 3


def test_an_alias_bomb_is_refused_at_the_alias_that_crosses_the_limit() -> None:
    text = _problem(alias_bomb())
    assert f"more than {MAX_VALUES:,} values through YAML aliases" in text
    assert text.startswith("s.yaml:")


def test_aliases_within_the_limit_are_shared_and_located_at_their_use() -> None:
    document = parse_yaml("base: &b {x: 1}\nuse: *b\nmore: [*b, *b]\n", "a.yaml")
    assert document.data["use"] is document.data["base"]
    assert document.source.locate(("more", 1, "x")) == (3, 12)


@pytest.mark.parametrize(
    "nested",
    [
        "title: " + "[" * 10_000 + "]" * 10_000,
        "title: " + "{a: " * 5_000 + "1" + "}" * 5_000,
        "title:\n" + "- " * 3_000 + "x",
        "title:\n" + "".join("  " * k + f"k{k}:\n" for k in range(200)) + "  " * 200 + "v",
    ],
    ids=["flow-lists", "flow-maps", "block-lists", "block-maps"],
)
def test_deep_nesting_is_refused_before_any_recursion(nested: str) -> None:
    text = _problem("format: detente/1\nid: x\n" + nested + "\n")
    assert f"nested more than {MAX_NESTING} levels deep" in text
    line = int(text.split(":")[1])
    assert 3 <= line <= 3 + MAX_NESTING + 1  # where the limit is crossed


def test_nesting_up_to_the_limit_parses() -> None:
    depth = MAX_NESTING - 1  # the document's own mapping is the first level
    document = parse_yaml("k: " + "[" * depth + "1" + "]" * depth + "\n")
    value = document.data["k"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == [1]


def test_recursive_and_undefined_aliases() -> None:
    assert "contains it" in _problem("format: detente/1\nid: x\ntitle: &t [*t]\n")
    assert "no anchor &nowhere" in _problem("format: detente/1\nid: x\ntitle: *nowhere\n")


def test_merge_keys_merge_and_explicit_keys_win() -> None:
    document = parse_yaml("b: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n")
    assert document.data["m"] == {"x": 1, "y": 3}


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (".nan", "'.nan' is not a finite number"),
        (".inf", "'.inf' is not a finite number"),
        ("-.Inf", "'-.Inf' is not a finite number"),
        ("1e400", "'1e400' is not a finite number"),
        ("1e308", "too large"),
        ("true", "expected a number or a distribution, not true"),
        ("'0.5'", "expected a number or a distribution, not '0.5'"),
        ("9" * 5000, "5,000 digits is too long"),
        ("{dist: uniform, low: .nan, high: 1}", "'.nan' is not a finite number"),
        ("{dist: uniform, low: false, high: 1}", "expected a number, not false"),
        ("{dist: choice, values: [1, 1e300]}", "too large"),
    ],
)
def test_numbers_are_finite_bounded_and_strict(value: str, fragment: str) -> None:
    text = _problem(BARGAINING.replace("CAP", value), "b.yaml")
    assert fragment in text
    assert text.startswith("b.yaml:13:")
    assert "bargaining.actors[0].capability" in text


def test_a_strict_integer_refuses_booleans_and_fractions() -> None:
    base = BARGAINING.replace("CAP", "1").replace(
        "model: mean", "model: smp\n  smp: {max_rounds: R}"
    )
    for value, fragment in (("true", "not true"), ("2.5", "not 2.5"), ("'3'", "not '3'")):
        text = _problem(base.replace("R", value))
        assert "whole number" in text and fragment in text, text


@pytest.mark.parametrize(
    ("date", "detail"),
    [("2020-13-45", "month"), ("2020-02-30", "day"), ("2021-02-29", "day")],
)
def test_impossible_dates_are_located_errors(date: str, detail: str) -> None:
    text = _problem(MINIMAL.replace("2025-12-15", date))
    assert text.startswith("s.yaml:4:1: as_of: ")
    assert f"'{date}' is not a calendar date" in text and detail in text


def test_a_leap_day_is_a_date() -> None:
    assert str(load_scenario_text(MINIMAL.replace("2025-12-15", "2024-02-29")).as_of) == (
        "2024-02-29"
    )


@pytest.mark.parametrize(
    ("snippet", "fragment"),
    [
        ("title: !!python/object:os.system echo", "tag"),
        ("title: !custom x", "tag"),
        ("title: !!binary aGVsbG8=", "!!binary is not supported"),
        ("title: a\ntitle: b", "duplicate key 'title' (first at line 3)"),
        ("title: x\n---\nid: y", "one YAML document"),
        ("title: {[a]: 1}", "mapping key must be plain text"),
    ],
)
def test_yaml_features_a_scenario_never_needs_are_refused(snippet: str, fragment: str) -> None:
    text = _problem("format: detente/1\nid: x\n" + snippet + "\n")
    assert fragment in text and text.startswith("s.yaml:")


def test_text_over_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(ScenarioError, match="at most 100 are allowed"):
        parse_yaml("x: " + "y" * 200, max_bytes=100)


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioError, match="is a named pipe, not a regular file"):
        load_scenario(fifo)  # opened without blocking: a FIFO with no writer cannot hang it
    with pytest.raises(ScenarioError, match="is a character device, not a regular file"):
        load_scenario("/dev/zero")
    with pytest.raises(ScenarioError, match="is a directory"):
        load_scenario(tmp_path)


def test_size_is_counted_while_reading_not_taken_from_stat() -> None:
    proc = Path("/proc/self/maps")
    if not proc.exists() or not stat.S_ISREG(proc.stat().st_mode) or proc.stat().st_size:
        pytest.skip("needs a /proc file that reports size 0")
    with pytest.raises(ScenarioError, match="larger than the 64 bytes allowed"):
        read_input_bytes(proc, limit=64)


def test_a_sparse_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(6_000_000)
    with pytest.raises(ScenarioError, match="larger than the 5,000,000 bytes allowed"):
        load_scenario(big)


def test_non_utf8_is_located_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"a,b\nc,caf\xe9\n")
    with pytest.raises(ScenarioError) as info:
        read_input_text(path, limit=1000)
    assert info.value.problems[0].line == 2


def test_statement_nesting_is_bounded() -> None:
    parse_statement("(" * MAX_STATEMENT_DEPTH + "A" + ")" * MAX_STATEMENT_DEPTH)
    for text in ("(" * 400 + "A" + ")" * 400, "-" * 400 + "A"):
        with pytest.raises(StatementSyntaxError, match="nested more than 32 levels"):
            parse_statement(text)


def test_the_model_itself_is_strict_when_built_from_python() -> None:
    """Whatever builds the scenario (file, dict, objects), numbers are finite and strict."""
    from detente.scenario.bargaining_section import BargainingActor

    stance = {"issue": "land", "position": 1.0, "salience": 0.5}
    for bad in (float("nan"), float("inf"), True, "0.5", 1e300):
        with pytest.raises(ValidationError):
            BargainingActor.model_validate({"actor": "A", "capability": bad, "stances": [stance]})
    assert Scenario.model_fields["as_of"] is not None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"a": NaN}', "NaN is not a finite number"),
        ('{"a": -Infinity}', "-Infinity is not a finite number"),
        ("[" * 100_000 + "]" * 100_000, "nested more than 64 levels"),
        ("[" * 100 + "]" * 100, "nested more than 64 levels"),
        ('{"a": ' + "9" * 5000 + "}", "malformed JSON file"),
        ('{"a": 1,}', "malformed JSON file"),
    ],
)
def test_json_inputs_share_the_bounds(text: str, fragment: str) -> None:
    with pytest.raises(ScenarioError, match=fragment):
        parse_json_text(text, "x.json")
