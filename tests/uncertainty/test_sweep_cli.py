"""`detente sweep` and `detente sensitivity`: output, files, and bad input (exit 2, no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from uncertainty_probe import ProbeLens, probe_scenario

from detente.cli.app import main

MINIMAL = """\
format: detente/1
id: minimal
title: Minimal scenario
actors:
  - id: A
    name: Alpha
"""


@pytest.fixture
def probe_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the commands at the synthetic probe scenario and lens."""
    import detente.cli.uncertainty_commands as commands
    from detente.uncertainty import runner

    monkeypatch.setattr(runner, "available_lenses", lambda: {"probe": ProbeLens()})
    monkeypatch.setattr(commands, "load_arg", lambda file: probe_scenario())


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


def test_sweep_prints_probabilities_and_writes_parquet(
    probe_cli: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.parquet"
    code, stdout, stderr = _run(
        ["sweep", "--draws", "400", "--backend", "inprocess", "--seed", "3", "--out", str(out)],
        capsys,
    )
    assert code == 0, stderr
    assert "400 of 400 draws" in stdout and "P = " in stdout
    assert "probe.factors[x1].value" in stdout  # the top sensitivity
    assert pq.read_table(out).num_rows == 400
    code, stdout, _ = _run(
        ["sweep", "--draws", "400", "--backend", "inprocess", "--seed", "3", "--json"], capsys
    )
    document = json.loads(stdout)
    assert document["seed"] == 3 and document["complete"] is True
    above = next(o for o in document["outputs"] if o["column"] == "probe:above")
    assert above["kind"] == "probability" and 0.2 < above["probability"] < 0.4


def test_sweep_same_seed_same_json_on_one_and_two_processes(
    probe_cli: None, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = []
    for backend in (["--backend", "inprocess"], ["--backend", "processes", "--workers", "2"]):
        code, stdout, stderr = _run(["sweep", "-n", "300", "--json", *backend], capsys)
        assert code == 0, stderr
        document = json.loads(stdout)
        documents.append({k: document[k] for k in ("outputs", "sensitivity", "inputs")})
    assert documents[0] == documents[1]


@pytest.mark.parametrize("method", ["sobol", "morris", "tornado"])
def test_sensitivity_methods(
    probe_cli: None, method: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, stderr = _run(
        ["sensitivity", "--method", method, "--draws", "32", "--backend", "inprocess", "--json"],
        capsys,
    )
    assert code == 0, stderr
    document = json.loads(stdout)
    assert document["ranking"]["method"] == method
    flips = document["flips"]["outputs"]["probe:above"]
    assert flips[0]["input"] == "probe.factors[x1].value"
    code, stdout, stderr = _run(
        ["sensitivity", "--method", method, "--draws", "32", "--backend", "inprocess"], capsys
    )
    assert code == 0, stderr
    assert "What would flip it" in stdout and "probe.factors[x1].value" in stdout


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sweep", "--draws", "0"], "--draws must be a positive integer"),
        (["sweep", "--draws", "-3"], "--draws must be a positive integer"),
        (["sweep", "--backend", "warp-drive"], "unknown backend 'warp-drive'"),
        (["sweep", "--workers", "0"], "number of workers must be positive"),
        (["sweep", "--lens", "nope"], "unknown lens 'nope'"),
        (["sensitivity", "--method", "guess"], "unknown --method 'guess'"),
        (["sweep", "--out", "results.csv"], "written as Parquet"),
        (
            ["sweep", "--backend", "dask://127.0.0.1:9", "--connect-timeout", "1"],
            "cannot reach the Dask scheduler at tcp://127.0.0.1:9",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message(
    probe_cli: None, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, stderr = _run(argv, capsys)
    assert code == 2
    assert message in stderr and "Traceback" not in stderr


def test_console_script_reports_bad_draws_without_traceback(tmp_path: Path) -> None:
    scenario = tmp_path / "minimal.yaml"
    scenario.write_text(MINIMAL)
    done = subprocess.run(
        [sys.executable, "-m", "detente", "sweep", str(scenario), "--draws", "0"],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "--draws must be a positive integer" in done.stderr
    assert "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "detente", "sweep", str(scenario), "-n", "5"],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "no lens applies" in done.stderr
    assert "Traceback" not in done.stderr


def test_render_headline_shows_probabilities_only_when_there_are_distributions(
    probe_cli: None,
) -> None:
    from rich.console import Console

    from detente.analysis import analyze
    from detente.cli.render_uncertainty import render_headline

    console = Console(record=True, width=120)
    analysis = analyze(probe_scenario(), draws=100)
    assert analysis.uncertainty is not None
    render_headline(analysis.uncertainty, console)
    text = console.export_text()
    assert "Uncertainty: 100 draws of 3 uncertain inputs" in text
    assert "probe:above" in text and "P = " in text
    assert analyze(probe_scenario(factors=[{"id": "x1", "value": 0.2}])).uncertainty is None


def test_a_failing_backend_keeps_partial_results_and_exits_2(
    probe_cli: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from contextlib import contextmanager

    from test_runner import _DyingExecutor

    from detente.uncertainty import executors

    @contextmanager
    def dying(spec: str, workers: int | None = None, **_: object):  # type: ignore[no-untyped-def]
        yield executors.Backend(_DyingExecutor(), 1, "dying test executor")

    monkeypatch.setattr(executors, "open_backend", dying)
    out = tmp_path / "partial.parquet"
    code, _, stderr = _run(
        ["sweep", "-n", "1000", "--batch-size", "100", "--out", str(out)], capsys
    )
    assert code == 2 and "Traceback" not in stderr
    assert "stopped after 300 of 1,000 draws: OSError: worker lost" in stderr
    assert f"completed draws were written to {out}" in stderr
    assert pq.read_table(out).num_rows == 300
