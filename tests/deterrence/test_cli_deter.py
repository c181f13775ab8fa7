"""`detente deter` end to end: design comparison, named games, and bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli.app import main
from detente.scenario import shipped_path

UDG = [
    "pCh=0.5",
    "pDef=0.6",
    "cSQ=0.5",
    "cDC=1",
    "cCD=0.2",
    "cDD_hard=0.35",
    "cDD_soft=0",
    "dSQ=1",
    "dDC=0.3",
    "dCD=0.8",
    "dDD_hard=0.5",
    "dDD_soft=0",
]
RADG = ["pB=0.3", "aSQ=0.5", "aDC=1", "aDD=0", "bSQ=1", "bDC=0.4", "bDD_hard=0.6", "bDD_soft=0.1"]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def params(values: list[str]) -> list[str]:
    return [a for v in values for a in ("--param", v)]


def test_udg_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["deter", "--game", "udg", *params(UDG), "--json"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["region"] == "bluff"
    assert doc["outcome"] == pytest.approx({"SQ": 0.2, "DC": 0.3, "CD": 0.1875, "DD": 0.3125})


def test_radg_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["deter", "--game", "radg", *params(RADG), "--json"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["region"] == "attack"
    assert doc["outcome"] == pytest.approx({"SQ": 0.0, "DC": 0.7, "CD": 0.0, "DD": 0.3})
    assert doc["thresholds"]["alpha_a"] == pytest.approx(0.5)


def test_design_comparison_on_the_shipped_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["deter", "--explain"], capsys)
    assert code == 0
    for ident in ("budapest", "art5_executive_force", "art5_treaty"):
        assert ident in out
    assert "Credibility needed" in out
    code, out, _ = run(["deter", "ukraine-2025", "--design", "art5_treaty", "--json"], capsys)
    doc = json.loads(out)
    assert [d["id"] for d in doc["designs"]] == ["art5_treaty"]
    d = doc["designs"][0]
    assert {"p_failure", "regime", "credibility", "credibility_needed", "outcome"} <= set(d)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["deter", "--game", "udg", *params([*UDG[2:], "pCh=1.4", "pDef=0.5"])],
            "pCh = 1.4 is not a probability",
        ),
        (
            ["deter", "--game", "udg", *params([*UDG[:2], "cSQ=1.2", *UDG[3:]])],
            "cDC > cSQ violated",
        ),
        (
            ["deter", "--game", "radg", *params([*RADG[:3], "aDD=0.7", *RADG[4:]])],
            "aSQ > aDD violated",
        ),
        (["deter", "--game", "udg", "--param", "pCh"], "not NAME=VALUE"),
        (["deter", "--game", "udg", "--param", "pCh=abc"], "not a number"),
        (["deter", "--game", "udg", *params([*UDG, "pX=1"])], "unknown UDG parameter"),
        (["deter", "--design", "nope"], "unknown design 'nope'"),
        (["deter", "--param", "pCh=0.5"], "--param needs --game"),
    ],
)
def test_bad_input_exits_2_without_traceback(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_bad_scenario_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = shipped_path("ukraine-2025").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("legal_form: article_ii_treaty", "legal_form: handshake", 1))
    code, _out, err = run(["deter", str(bad)], capsys)
    assert code == 2 and "legal_form" in err and "Traceback" not in err
    bad.write_text(text.replace("      DD_hard: 0.5\n", "      DD_hard: 0.2\n", 1))
    code, _out, err = run(["deter", str(bad)], capsys)
    assert code == 2 and "defender payoff ordering DD_hard > DC violated" in err
    assert "prefers fighting to conceding" in err


def test_explain_lists_nash_versus_sequential(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["deter", "--game", "udg", *params(UDG), "--json", "--explain"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["nash_equilibria"]
    classes = {e["classification"] for e in doc["nash_equilibria"]}
    assert "nash_only" in classes
    no_challenge = [e for e in doc["nash_equilibria"] if e["outcome"].get("SQ", 0) > 0.999]
    assert no_challenge and all(e["classification"] != "sequential" for e in no_challenge)


def test_unknown_game_and_missing_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(["deter", "--game", "aeg2"], capsys)
    assert code == 2 and "unknown game 'aeg2'" in err and "Traceback" not in err
    path = tmp_path / "s.yaml"
    path.write_text("format: detente/1\nid: x\ntitle: X\nactors:\n  - {id: A, name: A}\n")
    code, _out, err = run(["deter", str(path)], capsys)
    assert code == 2 and "no guarantees section" in err
