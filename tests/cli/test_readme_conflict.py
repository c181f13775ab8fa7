"""docs/conflict.md's conflict sections stay accurate: their commands run and their example loads."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from detente.cli.app import main
from detente.conflict.compile import compile_conflict
from detente.scenario import load_scenario_text

PAGE = Path(__file__).parents[2] / "docs" / "conflict.md"


def section(title: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def blocks(text: str) -> list[str]:
    return re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.DOTALL)


COMMANDS = [
    line
    for line in blocks(section("Conflict stability"))[0].splitlines()
    if line.startswith("detente ")
]


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_runs(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(shlex.split(command)[1:])
    out, err = capsys.readouterr()
    assert info.value.code == 0, err
    assert out.strip()


def test_documented_json_keys_are_present(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    with pytest.raises(SystemExit):
        main(["conflict", "elmira", "--json", "--explain"])
    document = json.loads(capsys.readouterr().out)
    table = section("Conflict stability").split("| key | value |")[1]
    documented = re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)?", table, flags=re.MULTILINE)
    keys = {k for pair in documented for k in pair if k}
    assert keys == set(document), keys ^ set(document)


def test_documented_example_section_loads() -> None:
    example = blocks(section("The conflict section"))[0]
    text = (
        "format: detente/1\nid: readme\ntitle: README example\n"
        "actors: [{id: MoE, name: MoE}, {id: UR, name: UR}, {id: LG, name: LG}]\n" + example
    )
    scenario = load_scenario_text(text, "docs/conflict.md")
    conflict = compile_conflict(scenario.conflict)
    assert conflict.n_states == 9 and conflict.status_quo == 0
