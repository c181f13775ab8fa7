"""Whole analyses of every shipped scenario equal their golden files (see golden.py).

The numbers are compared within round-off; the explanations exactly, in their own test, so a
rewording fails only ``test_explanations_match_snapshot`` and never reads as a result change.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

import pytest

from .golden import DIRECTORY, EXPLANATIONS, golden_files, path_of, shipped_keys, split_prose

ABSOLUTE = 1e-12
"""Differences below this are round-off, not results: a vote distribution's far tail (1e-17)
changes in its last digits with the summation order of an FFT or a BLAS build."""
RELATIVE = 1e-8


@cache
def current() -> dict[str, Any]:
    """Computed on first use, not at collection, so that `pytest --collect-only` stays quick."""
    from .golden import analyses

    return golden_files(analyses())


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


def _stored(stem: str) -> Any:
    path = path_of(stem)
    if not path.exists():
        pytest.fail(f"{path.name} missing: run `python scripts/regenerate_golden.py`")
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_analysis_has_golden_files_and_no_file_is_stale() -> None:
    stored = {p.stem for p in DIRECTORY.glob("*.json")}
    assert stored == set(current()), (
        "golden files out of date: run `python scripts/regenerate_golden.py` and review the diff"
    )


def test_no_test_lens_leaked_into_the_registry() -> None:
    """Golden files cover detente's own lenses only: a test plugin must not linger."""
    from importlib.metadata import distribution

    own = {p.name for p in distribution("detente").entry_points if p.group == "detente.lenses"}
    assert {key.split(".")[1] for key in shipped_keys()} <= own


def test_round_off_is_tolerated_and_results_are_not() -> None:
    assert differences({"p": [1e-17, 0.5]}, {"p": [2e-17, 0.5]}) == []
    assert differences({"p": [0.5000001]}, {"p": [0.5]}) == ["/p[0]: 0.5000001 != 0.5"]
    assert differences({"a": 1}, {"b": 1}) == ["/a: only one side", "/b: only one side"]
    assert differences({"x": True}, {"x": 1}) == ["/x: True != 1"]


def test_prose_is_split_off_by_key_and_path() -> None:
    document = {"p": 0.5, "designs": [{"id": "a", "explanation": ["why"], "x": {"text": "t"}}]}
    numbers, prose = split_prose(document)
    assert numbers == {"p": 0.5, "designs": [{"id": "a", "x": {}}]}
    assert prose == {"/designs[0]/explanation": ["why"], "/designs[0]/x/text": "t"}


@pytest.mark.parametrize("key", shipped_keys())
def test_analysis_matches_golden_file(key: str) -> None:
    found = differences(current()[key], _stored(key))
    assert not found, (
        f"{key} changed ({len(found)} values; first: {found[:5]}): if intended, run "
        "`python scripts/regenerate_golden.py` and review the diff"
    )


@pytest.mark.parametrize("key", shipped_keys())
def test_explanations_match_snapshot(key: str) -> None:
    stem = key + EXPLANATIONS
    actual = current().get(stem, {})
    expected = _stored(stem) if path_of(stem).exists() or actual else {}
    changed = sorted(set(actual) ^ set(expected)) + sorted(
        p for p in set(actual) & set(expected) if actual[p] != expected[p]
    )
    assert not changed, (
        f"{key}: the wording changed at {changed[:5]} (numbers are checked separately); if "
        "intended, run `python scripts/regenerate_golden.py` and review the diff"
    )
