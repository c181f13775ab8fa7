"""The code base stays linted and formatted (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import detente

ROOT = Path(detente.__file__).resolve().parents[2]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [("check", "--no-cache", "."), ("format", "--check", "--no-cache", ".")],
    ids=["lint", "format"],
)
def test_ruff_passes(args: tuple[str, ...]) -> None:
    done = _ruff(*args)
    assert done.returncode == 0, (
        f"ruff {' '.join(args)} failed (fix with `ruff check --fix .` / `ruff format .`):\n"
        + done.stdout[-4000:]
        + done.stderr[-2000:]
    )
