"""docs/deals.md's JSON table names the keys `detente deals --json` prints (its examples run in
tests/docs/test_docs_examples.py)."""

from __future__ import annotations

import re
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
