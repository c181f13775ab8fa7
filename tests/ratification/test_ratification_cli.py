"""``detente ratify`` end to end: output, JSON, and bad input (exit 2, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from ratification_fixtures import TREATY, members_csv, scenario_yaml, senate_rows

from detente.cli.app import main


@pytest.fixture(autouse=True)
def _capture(capsys: pytest.CaptureFixture[str]) -> None:
    global _CAPSYS  # noqa: PLW0603
    _CAPSYS = capsys


_CAPSYS: pytest.CaptureFixture[str]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``detente ratify ARGS`` in-process (the console script's own ``main``)."""
    _CAPSYS.readouterr()
    try:
        main(["ratify", *args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = _CAPSYS.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "detente", "ratify", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_json_single_proposal_and_table(tmp_path: Path) -> None:
    scenario = write(tmp_path, "s.yaml", scenario_yaml(TREATY))
    done = run(scenario, "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["proposal"] == "treaty"
    assert 0 <= doc["p_ratify"] <= 1
    assert doc["required_yeas"] == 67
    assert doc["pivots"][0]["role"] == "treaty pivot"
    assert set(doc["proposals"]["treaty"]) >= {
        "p_ratify",
        "expected_yeas",
        "required_yeas",
        "pivots",
        "yea_distribution",
        "explanations",
    }
    table = run(scenario, "--explain")
    assert table.returncode == 0 and "treaty pivot" in table.stdout and "P(ratify)" in table.stdout


def test_members_file(tmp_path: Path) -> None:
    scenario = write(tmp_path, "s.yaml", scenario_yaml(TREATY))
    members = write(tmp_path, "m.csv", members_csv(senate_rows(56, 42, 2)))
    done = run(scenario, "--members", members, "--json")
    assert done.returncode == 0, done.stderr
    assert "MEMBER, Number" in done.stdout


def _fails(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in done.stderr, done.stderr


def test_members_file_with_missing_columns(tmp_path: Path) -> None:
    scenario = write(tmp_path, "s.yaml", scenario_yaml(TREATY))
    members = write(tmp_path, "m.csv", "congress,chamber,icpsr,bioname\n111,Senate,1,X\n")
    _fails(
        run_process(scenario, "--members", members), "m.csv:1", "missing column(s)", "nominate_dim1"
    )


def test_members_file_with_fewer_senators_than_a_quorum(tmp_path: Path) -> None:
    scenario = write(tmp_path, "s.yaml", scenario_yaml(TREATY))
    members = write(tmp_path, "m.csv", members_csv(senate_rows(20, 20)))
    _fails(run(scenario, "--members", members), "fewer than a quorum", "51 of 100")


def test_unknown_proposal_and_bad_scenario(tmp_path: Path) -> None:
    scenario = write(tmp_path, "s.yaml", scenario_yaml(TREATY))
    _fails(run(scenario, "--proposal", "nope"), "unknown proposal 'nope'", "proposals: treaty")
    bad = write(tmp_path, "b.yaml", scenario_yaml(TREATY).replace("beta: 8.8", "beta: -1"))
    _fails(run(bad), "b.yaml:", "vote_model", "out of range")
    _fails(run(scenario, "--members", str(tmp_path / "missing.csv")), "members file not found")


def test_scenario_without_ratification_section(tmp_path: Path) -> None:
    text = "format: detente/1\nid: x\ntitle: X\nactors: [{id: A, name: A}]\n"
    _fails(run(write(tmp_path, "x.yaml", text)), "no `ratification` section")


def test_readme_example_and_documented_json_keys() -> None:
    readme = (Path(__file__).resolve().parents[2] / "docs" / "ratification.md").read_text()
    command = "detente ratify ukraine-2025 --proposal art5_treaty --json"
    assert command in readme
    done = run(*command.split()[2:])
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    for key in (
        "p_ratify",
        "expected_yeas",
        "required_yeas",
        "pivots",
        "proposal",
        "model",
        "proposals",
    ):
        assert f"`{key}`" in readme and key in doc
    proposal = doc["proposals"]["art5_treaty"]
    for key in (
        "legal_form",
        "vote_required",
        "votes",
        "blocs",
        "persuadable",
        "position_change",
        "position_change_even_odds",
        "yea_distribution",
        "explanations",
    ):
        assert (f"`{key}`" in readme or f"`{key}[]`" in readme) and key in proposal
    everything = run("ukraine-2025", "--json")
    assert everything.returncode == 0
    doc = json.loads(everything.stdout)
    assert doc["p_ratify"]["budapest"] == 1.0 and doc["expected_yeas"]["budapest"] is None
    assert doc["proposals"]["budapest"]["vote_required"] is False
