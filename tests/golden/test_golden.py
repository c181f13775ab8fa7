"""Whole analyses of every shipped scenario equal their golden files (see golden.py)."""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

import pytest

from .golden import DIRECTORY, analyses, path_of, shipped_keys

ABSOLUTE = 1e-12
"""Differences below this are round-off, not results: a vote distribution's far tail (1e-17)
changes in its last digits with the summation order of an FFT or a BLAS build."""
RELATIVE = 1e-8


@cache
def current() -> dict[str, dict[str, Any]]:
    """Computed on first use, not at collection, so that `pytest --collect-only` stays quick."""
    return analyses()


def differences(actual: Any, expected: Any, path: str = "") -> list[str]:
    """Where two JSON documents differ, numbers compared within round-off."""
    if isinstance(actual, bool) or isinstance(expected, bool):
        same = type(actual) is type(expected) and actual == expected
        return [] if same else [f"{path}: {actual!r} != {expected!r}"]
    if isinstance(actual, (int, float)) and isinstance(expected, (int, float)):
        if math.isclose(actual, expected, rel_tol=RELATIVE, abs_tol=ABSOLUTE):
            return []
        return [f"{path}: {actual!r} != {expected!r}"]
    if isinstance(actual, dict) and isinstance(expected, dict):
        found = [f"{path}/{k}: only one side" for k in sorted(set(actual) ^ set(expected))]
        for key in sorted(set(actual) & set(expected)):
            found += differences(actual[key], expected[key], f"{path}/{key}")
        return found
    if isinstance(actual, list) and isinstance(expected, list):
        if len(actual) != len(expected):
            return [f"{path}: length {len(actual)} != {len(expected)}"]
        found = []
        for index, (a, b) in enumerate(zip(actual, expected, strict=True)):
            found += differences(a, b, f"{path}[{index}]")
        return found
    return [] if actual == expected else [f"{path}: {actual!r} != {expected!r}"]


def test_every_analysis_has_a_golden_file_and_no_file_is_stale() -> None:
    stored = {p.stem for p in DIRECTORY.glob("*.json")}
    assert stored == set(current()), (
        "golden files out of date: run `python scripts/regenerate_golden.py` and review the diff"
    )


def test_round_off_is_tolerated_and_results_are_not() -> None:
    assert differences({"p": [1e-17, 0.5]}, {"p": [2e-17, 0.5]}) == []
    assert differences({"p": [0.5000001]}, {"p": [0.5]}) == ["/p[0]: 0.5000001 != 0.5"]
    assert differences({"a": 1}, {"b": 1}) == ["/a: only one side", "/b: only one side"]
    assert differences({"x": True}, {"x": 1}) == ["/x: True != 1"]


@pytest.mark.parametrize("key", shipped_keys())
def test_analysis_matches_golden_file(key: str) -> None:
    path = path_of(key)
    if not path.exists():
        pytest.fail(f"{path.name} missing: run `python scripts/regenerate_golden.py`")
    expected = json.loads(path.read_text(encoding="utf-8"))
    found = differences(current()[key], expected)
    assert not found, (
        f"{key} changed ({len(found)} values; first: {found[:5]}): if intended, run "
        "`python scripts/regenerate_golden.py` and review the diff"
    )
