"""The package is typed and strict (DESIGN.md: py.typed, mypy strict, explicit __all__)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import detente

ROOT = Path(detente.__file__).resolve().parents[2]


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is a test extra")
def test_mypy_strict_passes_on_the_package(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "src"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_package_ships_its_type_marker() -> None:
    assert (Path(detente.__file__).parent / "py.typed").exists()
