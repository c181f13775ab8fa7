"""``detente report --draws``: the uncertainty section end to end, and its bad input."""

from __future__ import annotations

import pytest

from detente.cli.app import main


def test_report_with_a_small_sweep(tmp_path, monkeypatch, capsys, parse_html):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as done:
        main(
            [
                "report",
                "--lens",
                "deterrence",
                "--draws",
                "20",
                "--seed",
                "3",
                "--backend",
                "inprocess",
                "-o",
                "r.html",
            ]
        )
    assert done.value.code == 0, capsys.readouterr().err
    parsed = parse_html((tmp_path / "r.html").read_text())
    assert parsed.problems == [] and parsed.external == []
    assert {"lens-uncertainty", "uncertainty-outputs", "uncertainty-tornado-1"} <= parsed.ids


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--draws", "0"),
        ("report", "--seed", "3"),
        ("report", "--draws", "5", "--backend", "nowhere"),
    ],
)
def test_bad_sweep_options_exit_2(args, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as done:
        main([*args, "--lens", "deterrence", "-o", "r.html"])
    err = capsys.readouterr().err
    assert done.value.code == 2, err
    assert err.strip().startswith("error:") and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()
