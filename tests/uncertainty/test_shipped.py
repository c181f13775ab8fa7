"""End to end on real lenses: the shipped scenario's distributions and bad distributions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from detente.cli.app import main
from detente.scenario import load_scenario, shipped_path
from detente.uncertainty.variants import find_inputs, nominal_scenario

SMALL = """\
format: detente/1
id: small
title: Three parties, one issue
actors: [{id: A, name: Alpha}, {id: B, name: Beta}, {id: C, name: Gamma}]
bargaining:
  model: mean
  issues:
    - {id: border, label: Border line, scale: {low: 0, high: 100}}
  actors:
    - actor: A
      capability: CAPABILITY
      stances: [{issue: border, position: 10, salience: 0.5}]
    - actor: B
      capability: 1.0
      stances: [{issue: border, position: 60, salience: 0.5}]
    - actor: C
      capability: 0.5
      stances: [{issue: border, position: 90, salience: 0.5}]
"""


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


def test_shipped_scenario_has_uncertain_judgements_and_unchanged_nominal() -> None:
    scenario = load_scenario(shipped_path())
    names = [item.name for item in find_inputs(scenario)]
    assert any(n.startswith("conflict.decision_makers[") for n in names)
    assert any(n.startswith("bargaining.actors[") for n in names)
    # Every nominal value is a plain value a single analysis would use.
    assert find_inputs(nominal_scenario(scenario)) == ()


def test_shipped_sweep_gives_probabilities_reproducibly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    documents = []
    for backend in (["-b", "inprocess"], ["-b", "processes", "-w", "2"]):
        code, out, err = _run(
            ["sweep", "--lens", "conflict", "-n", "40", "--seed", "7", "--json", *backend], capsys
        )
        assert code == 0, err
        documents.append(json.loads(out))
    assert documents[0]["outputs"] == documents[1]["outputs"]
    varying = [
        o
        for o in documents[0]["outputs"]
        if o["kind"] == "probability" and 0 < o["probability"] < 1
    ]
    assert varying, "the shipped distributions should make some equilibrium uncertain"


def test_bargaining_lens_swept_on_a_small_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each draw's weighted mean is sum c s x / sum c s of that draw's capability (Achen
    2006), and it falls as A (at position 10) gains capability."""
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.replace("CAPABILITY", "{dist: uniform, low: 0.01, high: 2}"))
    out = tmp_path / "small.parquet"
    code, stdout, err = _run(
        ["sweep", str(path), "-n", "200", "-b", "inprocess", "--out", str(out), "--json"], capsys
    )
    assert code == 0, err
    import pandas as pd

    frame = pd.read_parquet(out)
    c = frame["bargaining.actors[A].capability"]
    expected = (c * 10 + 60 + 0.5 * 90) / (c + 1.5)
    assert (frame["bargaining:weighted_mean.border"] - expected).abs().max() < 1e-9
    top = json.loads(stdout)["sensitivity"]["bargaining:weighted_mean.border"][0]
    assert top["input"] == "bargaining.actors[A].capability" and top["rank_correlation"] < -0.99


@pytest.mark.parametrize(
    ("capability", "message"),
    [
        ("{dist: uniform, low: -0.5, high: 1}", "for every draw"),
        ("{dist: normal, mean: 0.5, sd: 0.1, low: -1}", "for every draw"),
        ("{dist: choice, values: [0.5, 1], weights: [0, 0]}", "sum to a positive number"),
        ("{dist: triangular, low: 0.5, mode: 0.2, high: 1}", "low <= mode <= high"),
    ],
)
def test_bad_distribution_is_rejected_at_load_with_its_line(
    tmp_path: Path, capability: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(SMALL.replace("CAPABILITY", capability))
    done = subprocess.run(
        [sys.executable, "-m", "detente", "sweep", str(path), "-n", "10", "-b", "inprocess"],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert f"{path}:11" in done.stderr and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
