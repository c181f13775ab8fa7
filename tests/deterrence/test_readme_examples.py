"""The `detente deter` examples in docs/deterrence.md run and exit 0."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from detente.cli.app import main

PAGE = Path(__file__).resolve().parents[2] / "docs" / "deterrence.md"


def _examples() -> list[str]:
    lines = PAGE.read_text().splitlines()
    return [l.split("#")[0].strip() for l in lines if l.startswith("detente deter")]


@pytest.mark.parametrize("command", _examples())
def test_readme_example_runs(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = shlex.split(command)[1:]
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    assert info.value.code == 0, err
    if "--json" in argv:
        doc = json.loads(out)
        assert "outcome" in doc or "designs" in doc


def test_readme_has_examples() -> None:
    assert len(_examples()) >= 5
