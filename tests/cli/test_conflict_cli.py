"""End-to-end tests of `detente conflict` and `detente analyze` (run in a subprocess-free way
through `detente.cli.app.main`, capturing stdout/stderr and the exit code)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from detente.cli.app import main

DATA = Path(__file__).parents[1] / "conflict" / "data"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_analyze_default_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", "--explain")
    assert code == 0, err
    assert "Ukraine peace talks" in out
    assert "Equilibria" in out and "Status quo" in out
    assert "unilateral improvement" in out  # explanations


def test_conflict_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "conflict", "elmira", "--json")
    assert code == 0
    document = json.loads(out)
    for key in (
        "decision_makers",
        "options",
        "states",
        "stability",
        "equilibria",
        "status_quo",
        "status_quo_paths",
    ):
        assert key in document
    assert document["decision_makers"] == ["MoE", "UR", "LG"]
    assert document["options"] == ["MOD", "DEL", "ACC", "ABA", "INS"]
    assert document["states"][0] == {"id": 1, "options": "NYNNN"}
    assert document["equilibria"]["seq"] == [5, 8, 9]
    assert document["stability"]["nash"]["LG"] == [5, 6, 7, 8, 9]
    assert document["status_quo"] == 1
    assert document["status_quo_paths"]["seq"]["paths"][0]["steps"] == [
        {"dm": "LG", "from": 1, "to": 5}
    ]


def test_conflict_concepts_and_gmcr_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "conflict",
        str(DATA / "prisoners-legacy.gmcr"),
        "--concepts",
        "nash,seq",
        "--json",
        "--explain",
    )
    assert code == 0
    document = json.loads(out)
    assert document["concepts"] == ["nash", "seq"]
    assert document["equilibria"] == {"nash": [1], "seq": [1, 4]}
    assert document["status_quo"] is None
    assert {e["concept"] for e in document["explanations"]} == {"nash", "seq"}


def test_conflict_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "conflict", "chicken", "--sim-variant", "pairwise")
    assert code == 0
    assert "Stability per decision maker" in out


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


BAD_SCENARIO = """\
format: detente/1
id: bad
title: Bad
actors: [{id: A, name: A}, {id: B, name: B}]
conflict:
  decision_makers:
    - {id: A, options: [{id: X}], preferences: [X & ]}
    - {id: B, options: [{id: Y}], preferences: [Q]}
"""


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (("conflict", "{bad}"), r"bad\.yaml:7:.*does not parse"),
        (("conflict", "{bad}"), r"bad\.yaml:8:.*unknown option 'Q'"),
        (("conflict", "{broken}"), r"broken\.gmcr:2:.*malformed"),
        (("conflict", "{missing}"), r"file not found"),
        (("conflict", "elmira", "--concepts", "nash,foo"), r"unknown solution concept"),
        (("conflict", "elmira", "--concepts", "sim"), r"SIM .*explicit move"),
        (("conflict", "elmira", "--sim-variant", "odd"), r"unknown SIM variant"),
        (("analyze", "{yaml_error}"), r"yaml_error\.yaml:3:.*malformed YAML"),
        (("conflict", "{no_conflict}"), r"no `conflict` section"),
    ],
)
def test_bad_input_exits_2_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], expect: str
) -> None:
    files = {
        "bad": write(tmp_path, "bad.yaml", BAD_SCENARIO),
        "broken": write(tmp_path, "broken.gmcr", '{"options": [\n  }'),
        "missing": str(tmp_path / "absent.yaml"),
        "yaml_error": write(tmp_path, "yaml_error.yaml", "format: detente/1\nid: [x\n"),
        "no_conflict": write(
            tmp_path,
            "plain.yaml",
            "format: detente/1\nid: p\ntitle: P\nactors: [{id: A, name: A}]\n",
        ),
    }
    code, out, err = run(capsys, *(a.format(**files) for a in args))
    assert code == 2
    assert re.search(expect, err), err
    assert "Traceback" not in out + err


def test_every_shipped_scenario_validates(capsys: pytest.CaptureFixture[str]) -> None:
    from detente.scenario import load_scenario, shipped_scenarios

    names = [s.name for s in shipped_scenarios()]
    assert {"ukraine-2025", "prisoners-dilemma", "chicken", "elmira"} <= set(names)
    for entry in shipped_scenarios():
        scenario = load_scenario(entry.path)
        assert scenario.conflict is not None or entry.name not in {
            "ukraine-2025",
            "prisoners-dilemma",
            "chicken",
            "elmira",
        }
        code, _, err = run(capsys, "validate", str(entry.path))
        assert code == 0, err


def test_too_large_model_is_refused_before_allocation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    options = ", ".join(f"{{id: O{k}}}" for k in range(24))
    options_b = ", ".join(f"{{id: P{k}}}" for k in range(24))
    text = (
        "format: detente/1\nid: big\ntitle: Big\nactors: [{id: A, name: A}, {id: B, name: B}]\n"
        "conflict:\n  decision_makers:\n"
        f"    - {{id: A, options: [{options}], preferences: [O1]}}\n"
        f"    - {{id: B, options: [{options_b}], preferences: [P1]}}\n"
        "  status_quo: {taken: [O1]}\n"
    )
    code, out, err = run(capsys, "conflict", write(tmp_path, "big.yaml", text))
    assert code == 2
    assert "states" in err and "GB" in err
    assert "Traceback" not in out + err


def test_infeasible_status_quo_of_a_large_model_is_located(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    options = ", ".join(f"{{id: O{k}}}" for k in range(12))
    options_b = ", ".join(f"{{id: P{k}}}" for k in range(12))
    text = (
        "format: detente/1\nid: big\ntitle: Big\nactors: [{id: A, name: A}, {id: B, name: B}]\n"
        "conflict:\n  decision_makers:\n"
        f"    - {{id: A, options: [{options}], preferences: [O1]}}\n"
        f"    - {{id: B, options: [{options_b}], preferences: [P1]}}\n"
        "  infeasible: [{condition: O1 & P1}]\n"
        "  status_quo: {taken: [O1, P1]}\n"
    )
    code, _, err = run(capsys, "validate", write(tmp_path, "big.yaml", text))
    assert code == 2
    assert re.search(r"big\.yaml:10:.*status quo .* is infeasible", err), err
