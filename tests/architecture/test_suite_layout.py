"""Test modules outside packages share one import namespace, so their names must be unique.

pytest's default import mode imports a test file in a directory without ``__init__.py`` under
its bare file name; two ``test_cli.py`` in such directories collide ("import file mismatch").
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent


def test_bare_module_names_are_unique() -> None:
    bare = [
        path.stem
        for path in TESTS.rglob("*.py")
        if path.name != "conftest.py"
        and not (path.parent / "__init__.py").exists()
        and "__pycache__" not in path.parts
    ]
    duplicates = sorted(name for name, count in Counter(bare).items() if count > 1)
    assert not duplicates, f"rename these test modules so each is unique: {duplicates}"
