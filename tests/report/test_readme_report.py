"""docs/reports.md's report section stays accurate: its commands and its Python example run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from detente.cli.app import main

PAGE = Path(__file__).resolve().parents[2] / "docs" / "reports.md"


def _section() -> str:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index("## Reports: `detente report`")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", _section(), flags=re.DOTALL)


COMMANDS = [
    line.split("#")[0].strip()
    for line in _blocks("")[0].splitlines()
    if line.startswith("detente report") and "--draws" not in line  # sweeps: test_cli*
]


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_writes_a_report(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = shlex.split(command)[1:]
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 0
    written = args[args.index("-o") + 1] if "-o" in args else "report.html"
    assert (tmp_path / written).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_documented_python_example_runs():
    (example,) = _blocks("python")
    namespace: dict[str, object] = {}
    exec(compile(example, "docs/reports.md", "exec"), namespace)
    assert str(namespace["html"]).startswith("<!DOCTYPE html>")
