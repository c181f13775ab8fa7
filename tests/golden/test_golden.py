"""Whole analyses of every shipped scenario equal their golden files (see golden.py)."""

from __future__ import annotations

import json

import pytest

from .golden import DIRECTORY, analyses, path_of

CURRENT = analyses()


def test_every_analysis_has_a_golden_file_and_no_file_is_stale() -> None:
    stored = {p.stem for p in DIRECTORY.glob("*.json")}
    assert stored == set(CURRENT), (
        "golden files out of date: run `python scripts/regenerate_golden.py` and review the diff"
    )


@pytest.mark.parametrize("key", sorted(CURRENT))
def test_analysis_matches_golden_file(key: str) -> None:
    path = path_of(key)
    if not path.exists():
        pytest.fail(f"{path.name} missing: run `python scripts/regenerate_golden.py`")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert CURRENT[key] == expected, (
        f"{key} changed: if intended, run `python scripts/regenerate_golden.py` and review the diff"
    )
