"""Shared helpers of the deals tests: the shipped scenario, drawn variants, package sets."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from detente.deals.inputs import DealInputs, PackageSet, compile_inputs
from detente.errors import ScenarioError
from detente.scenario import Scenario, load_scenario_text, shipped_path
from detente.uncertainty.variants import (
    VariantPlan,
    draw_columns,
    find_inputs,
    nominal_scenario,
    variants,
)


@cache
def shipped_text() -> str:
    return shipped_path("ukraine-2025").read_text(encoding="utf-8")


@cache
def shipped() -> Scenario:
    return load_scenario_text(shipped_text(), "ukraine-2025.yaml")


def problems(text: str) -> list:  # type: ignore[type-arg]
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    return list(info.value.problems)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def drawn(scenario: Scenario, count: int, seed: int) -> list[Scenario]:
    inputs = find_inputs(scenario)
    return list(variants(scenario, VariantPlan(inputs), draw_columns(inputs, count, seed)))


@cache
def nominal_inputs() -> DealInputs:
    return compile_inputs([nominal_scenario(shipped())])


def packages(
    terms: np.ndarray, designs: list[int], fallback: list[int] | None = None
) -> PackageSet:
    """A package set with terms (P, K) (same in every draw)."""
    n = len(designs)
    ids = tuple(f"p{i}" for i in range(n))
    return PackageSet(
        ids=ids,
        names=ids,
        terms=np.asarray(terms, dtype=float).reshape(1, n, -1),
        design=np.asarray(designs, dtype=np.int64),
        fallback=np.asarray(fallback if fallback is not None else [-1] * n, dtype=np.int64),
    )
