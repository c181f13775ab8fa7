"""``detente forecast`` end to end: outputs, JSON contract, and bad input (exit 2, no traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli.app import main

from .test_section import FIXTURE

DATA = Path(__file__).parent / "data" / "dummyData_3Dim.csv"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_forecast_shipped_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "forecast")
    assert code == 0
    assert "weighted mean" in out and "donbas" in out and "Dynamics" in out


def test_forecast_ktab_csv_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "forecast", str(DATA), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["actors"][0] == "SActor-00" and doc["dimensions"] == ["Pstn1", "Pstn2", "Pstn3"]
    positions = doc["positions"]["SActor-00"]
    assert len(positions) == 3 and len(positions[0]) == 11
    assert positions[0][0] == pytest.approx(75.79)  # state 0 = input, on the input's scale
    assert doc["win_probability"]["SActor-04"][0] == pytest.approx(0.6001, abs=6e-5)
    assert doc["risk_attitude"]["SActor-04"] == pytest.approx(1.0, abs=6e-4)
    assert doc["weighted_mean"]["Pstn1"] == pytest.approx(78.78, abs=6e-3)
    assert doc["smp"]["rounds"][0]["challenges"][0]["target"] == "SActor-06"


def test_forecast_explain_lists_challenges(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "forecast", str(DATA), "--explain")
    assert code == 0
    assert "Round 0 → 1" in out and "ΔEU" in out and "adopted" in out


@pytest.mark.parametrize("model", ["bdm", "stokman", "mean"])
def test_forecast_other_models(capsys: pytest.CaptureFixture[str], model: str) -> None:
    code, out, _ = _run(capsys, "forecast", str(DATA), "--model", model, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["model"] == model and set(doc["forecast"]) == {"Pstn1", "Pstn2", "Pstn3"}


def _bad(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


GOOD_CSV = DATA.read_text()


@pytest.mark.parametrize(
    ("name", "text", "fragments"),
    [
        (
            "neg.csv",
            GOOD_CSV.replace("SActor-03,,75.920", "SActor-03,,-1"),
            [":6:", "Power", "SActor-03", "capability"],
        ),
        (
            "nocap.csv",
            GOOD_CSV.replace("SActor-03,,75.920", "SActor-03,,"),
            [":6:", "Power", "SActor-03"],
        ),
        (
            "sal.csv",
            GOOD_CSV.replace("SActor-05,,120.048,84.48,22.92", "SActor-05,,120.048,84.48,92.92"),
            [":8:", "SActor-05", "saliences sum"],
        ),
        (
            "pos.csv",
            GOOD_CSV.replace("SActor-04,,63.224,82.34", "SActor-04,,63.224,-3"),
            [":7:", "Pstn1", "SActor-04"],
        ),
        (
            "two.csv",
            "x,y,2,1\nActor,Description,Power,Pstn1,Sal1\nA,,1,2,3\nB,,1,2,3\n",
            [":1:", "3 to 250"],
        ),
        ("garbage.csv", "this is not,a ktab file\n", [":1:", "needs 4"]),
        (
            "unknown.yaml",
            FIXTURE.replace("- actor: C", "- actor: Z"),
            [":28:", "unknown actor 'Z'"],
        ),
        (
            "scale.yaml",
            FIXTURE.replace("position: 80,", "position: 180,"),
            [":26:", "outside the issue's scale"],
        ),
        (
            "salsum.yaml",
            FIXTURE.replace("position: 9, salience: 0.5", "position: 9, salience: 0.9"),
            [":25:", "sum to 1.4"],
        ),
        (
            "negcap.yaml",
            FIXTURE.replace("capability: 0.3", "capability: -0.3"),
            [":29:", "capability"],
        ),
        ("nocap.yaml", FIXTURE.replace("      capability: 0.3\n", ""), ["capability", "missing"]),
        ("few.yaml", FIXTURE.split("    - actor: C")[0], ["at least 3 actors"]),
        (
            "option.yaml",
            FIXTURE.replace("  issues:\n", "  smp: {pce: markov}\n  issues:\n"),
            [":9:", "pce", "conditional"],
        ),
    ],
)
def test_bad_input_exits_2_with_location(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str, fragments: list[str]
) -> None:
    code, out, err = _run(capsys, "forecast", _bad(tmp_path, name, text))
    assert code == 2
    assert "Traceback" not in err and "Traceback" not in out
    flat = " ".join(err.split())
    for fragment in fragments:
        assert fragment in flat, (fragment, err)


def test_unknown_model_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "forecast", str(DATA), "--model", "nash")
    assert code == 2 and "Traceback" not in err


def test_scenario_without_bargaining_section(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = FIXTURE.split("bargaining:")[0]
    code, _, err = _run(capsys, "forecast", _bad(tmp_path, "none.yaml", text))
    assert code == 2 and "no bargaining section" in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "forecast", str(tmp_path / "absent.csv"))
    assert code == 2 and "file not found" in err
