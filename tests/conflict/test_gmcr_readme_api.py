"""docs/conflict.md's Python API example for the conflict engine runs and prints what it claims."""

from __future__ import annotations

import re
from pathlib import Path

PAGE = Path(__file__).parents[2] / "docs" / "conflict.md"


def test_python_api_example_runs(capsys):
    text = PAGE.read_text(encoding="utf-8")
    start = text.index("### Python API and scale")
    code = re.search(r"```python\n(.*?)```", text[start:], flags=re.DOTALL).group(1)
    exec(compile(code, "docs/conflict.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[5, 8, 9]"
    assert out[1] == "[1, 2, 3, 4, 5, 6, 7, 8, 9]"
    assert out[2].startswith("Unstable (SEQ) for LG at state 1")
    assert out[3].startswith("From the status quo, state 1")
