"""docs/deals.md stays accurate: its commands run, its Python example runs, its YAML parses,
and its JSON table names the keys `detente deals --json` prints."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from detente.cli.app import main

PAGE = Path(__file__).resolve().parents[2] / "docs" / "deals.md"
SMALL = {
    "deals": ["--draws", "20"],
    "search": ["--candidates", "60", "--draws", "10", "--confirm-draws", "20"],
}


def blocks(kind: str = "") -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)


COMMANDS = [
    line.split("#")[0].strip() for line in blocks()[0].splitlines() if line.startswith("detente ")
]


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_runs(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = shlex.split(command)[1:]
    kind = "search" if "search" in argv else "deals"
    # the page's draw counts are what an analyst would use; the test keeps its own small ones
    argv = [
        a
        for i, a in enumerate(argv)
        if not (a.startswith("--") and a in {"--draws", "--candidates", "--seed"})
        and not (i and argv[i - 1] in {"--draws", "--candidates", "--seed"})
    ]
    with pytest.raises(SystemExit) as info:
        main([*argv, *SMALL[kind], "--backend", "inprocess"])
    assert info.value.code == 0, capsys.readouterr().err


def test_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    (example,) = blocks("python")
    exec(compile(example, str(PAGE), "exec"), {})
    out = capsys.readouterr().out
    assert "(0.5, 0.8)" in out and "0.769" in out


def test_documented_json_keys_are_printed(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    text = PAGE.read_text(encoding="utf-8")
    section = text.split("## `detente deals`", 1)[1].split("##", 1)[0]
    documented = set()
    for cell in re.findall(r"^\| ([^|]+) \|", section, flags=re.MULTILINE):
        documented |= set(re.findall(r"`([a-z_]+)`", cell))
    with pytest.raises(SystemExit):
        main(["deals", "--draws", "10", "--backend", "inprocess", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert documented and documented <= set(doc)
