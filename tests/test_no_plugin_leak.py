"""Tests outside tests/web see detente's own lenses only, whatever ran before them.

xdist sends test files to workers in any order; the web tests' lens plugin used to stay
registered for the rest of a worker's session. Collected last in most orders, and asserted
in every order: the registry holds exactly the lenses of detente's own entry points.
"""

from __future__ import annotations

from importlib.metadata import distribution

from detente.lens import available_lenses


def test_only_detentes_own_lenses_are_registered() -> None:
    own = {p.name for p in distribution("detente").entry_points if p.group == "detente.lenses"}
    available_lenses.cache_clear()
    assert set(available_lenses()) == own
