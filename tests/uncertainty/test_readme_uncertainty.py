"""docs/uncertainty.md's Python example for sweeps runs as written (with fewer draws, in-process)."""

from __future__ import annotations

import re
from pathlib import Path

PAGE = Path(__file__).resolve().parents[2] / "docs" / "uncertainty.md"


def test_readme_sweep_example_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    text = PAGE.read_text()
    section = text[text.index("## Uncertainty: sweeps and sensitivity") :]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None
    source = code.group(1)
    assert "run_sweep(scenario, 10_000" in source and 'open_backend("processes")' in source
    source = source.replace("10_000", "6").replace(
        'open_backend("processes")', 'open_backend("inprocess")'
    )
    exec(compile(source, "docs/uncertainty.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "conflict:equilibrium" in printed and "ratification:p_ratify" in printed
