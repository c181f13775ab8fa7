"""``detente deals`` and ``detente deals search`` end to end, and their bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli.app import main

from .helpers import shipped_text


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_deals_json_has_every_documented_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        ["deals", "ukraine-2025", "--draws", "60", "--backend", "inprocess", "--json"], capsys
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["draws"] == {"requested": 60, "completed": 60}
    assert [p["id"] for p in doc["packages"]][:2] == ["us_28_point", "geneva_framework"]
    for p in doc["packages"]:
        assert set(p["p_accept"]) == {"RUS", "UKR", "EU"}
        for key in ("p_deter", "p_ratify", "p_joint"):
            assert 0.0 <= p[key] <= 1.0
        assert set(p["intervals"]) == {
            "accept.RUS",
            "accept.UKR",
            "accept.EU",
            "ratify",
            "deter",
            "joint",
        }
        for low, high in p["intervals"].values():
            assert 0.0 <= low <= high <= 1.0
        assert p["intervals"]["joint"][0] <= p["p_joint"] <= p["intervals"]["joint"][1]
        assert set(p["surplus"]["RUS"]) == {"mean", "p5", "p95", "near_threshold"}
        assert p["binding"] is None or p["binding"]["condition"] in p["binding"]["shares"]
        assert p["p_joint"] <= min(p["p_deter"], p["p_ratify"], *p["p_accept"].values()) + 1e-12
    assert doc["bottom_line"].startswith("Most likely to work:")


def test_the_same_seed_gives_the_same_answer_on_any_backend(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["deals", "ukraine-2025", "--draws", "40", "--seed", "5", "--json"]
    code, one, _ = run([*args, "--backend", "inprocess"], capsys)
    code2, two, _ = run([*args, "--backend", "processes", "--workers", "2"], capsys)
    assert code == code2 == 0
    first, second = json.loads(one), json.loads(two)
    assert first["packages"] == second["packages"]


def test_deals_table_names_packages_and_binding(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["deals", "--draws", "30", "--backend", "inprocess"], capsys)
    assert code == 0
    assert "berlin_framework" in out and "What breaks each package most often" in out
    assert "Bottom line" in out and "Traceback" not in out


def test_search_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        [
            "deals",
            "search",
            "ukraine-2025",
            "--candidates",
            "120",
            "--draws",
            "20",
            "--confirm-draws",
            "40",
            "--top",
            "3",
            "--acceptable-to",
            "RUS",
            "--backend",
            "inprocess",
            "--json",
        ],
        capsys,
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["candidates"] >= 120 + 5
    assert len(doc["top"]) == 3 and doc["most_robust"] == doc["top"][0]
    tops = [t["search"]["p_joint"] for t in doc["top"]]
    assert tops == sorted(tops, reverse=True)
    assert all("confirmed" in t for t in doc["top"])
    assert {n["package"] for n in doc["nearest_acceptable"]} <= {
        "e3_counter_proposal",
        "berlin_framework",
        "freeze_line",
        "us_28_point",
        "geneva_framework",
    }
    for n in doc["nearest_acceptable"]:
        assert n["party"] == "RUS"
    assert 0 <= doc["vote_interpolation_error"] < 0.01


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["deals", "--draws", "0"], "--draws must be a positive integer"),
        (["deals", "--seed", "-1"], "--seed must be a non-negative integer"),
        (["deals", "elmira"], "has no `deals` section"),
        (["deals", "search", "ukraine-2025", "--acceptable-to", "USA"], "is not a party"),
        (
            ["deals", "search", "ukraine-2025", "--candidates", "0"],
            "--candidates must be a positive",
        ),
        (["deals", "no-such-scenario"], "not found"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_bad_scenario_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        shipped_text().replace(
            "design: art5_executive\n      terms: {donbas: 0",
            "design: nato\n      terms: {donbas: 0",
            1,
        )
    )
    code, _, err = run(["deals", str(bad), "--draws", "5"], capsys)
    assert code == 2 and "bad.yaml:" in err and "unknown design 'nato'" in err


def test_analyze_opens_with_the_deals_bottom_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze"], capsys)
    assert code == 0
    first = out.split("Bargaining forecast", 1)[0]
    assert "Bottom line: Most likely to work:" in first
    assert "The single change that would help most" in first or "No single change" in first
    code, out, _ = run(["analyze", "--json"], capsys)
    doc = json.loads(out)
    assert doc["bottom_line"]["text"].startswith("Most likely to work:")
    assert doc["bottom_line"]["best"]["id"] in {p["id"] for p in doc["bottom_line"]["packages"]}
