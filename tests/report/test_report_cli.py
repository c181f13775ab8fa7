"""``detente report`` end to end: a file is written; bad input exits 2 without a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCENARIO = """\
format: detente/1
id: tiny
title: Tiny
actors:
  - {id: a, name: Alpha}
  - {id: b, name: Beta}
"""


def _detente(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "detente", *args],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_report_writes_one_file(tmp_path, parse_html):
    (tmp_path / "tiny.yaml").write_text(SCENARIO)
    done = _detente("report", "tiny.yaml", "-o", "out.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out.html").read_text()
    assert parse_html(text).problems == []
    assert "<h1>Tiny</h1>" in text


def test_bad_scenario_file_exits_2_at_its_line(tmp_path):
    (tmp_path / "bad.yaml").write_text(SCENARIO.replace("name: Beta", "name: 3\n    colour: red"))
    done = _detente("report", "bad.yaml", "-o", "out.html", cwd=tmp_path)
    assert done.returncode == 2
    assert "bad.yaml:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out.html").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("report", "missing.yaml"),
        ("report", "tiny.yaml", "--lens", "no_such_lens", "-o", "x.html"),
        ("report", "tiny.yaml", "--lens", "conflict", "-o", "x.html"),  # installed, not applicable
        ("report", "tiny.yaml", "-o", "no/such/dir/x.html"),
    ],
)
def test_bad_input_exits_2_with_one_message(args, tmp_path, monkeypatch, capsys):
    from detente.cli.app import main

    (tmp_path / "tiny.yaml").write_text(SCENARIO)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    err = capsys.readouterr().err
    assert exit_info.value.code == 2, err
    assert err.startswith("error:") and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()
