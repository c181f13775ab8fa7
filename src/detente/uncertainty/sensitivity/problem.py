"""Shared machinery of the sensitivity analyses: inputs as quantile axes, runs via the runner."""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detente.errors import InputError
from detente.lens import Lens
from detente.scenario.model import Scenario
from detente.uncertainty.runner import (
    LensFailure,
    ProgressCallback,
    evaluate,
    select_lenses,
)
from detente.uncertainty.seeding import Purpose, fresh_seed, generator
from detente.uncertainty.variants import UncertainInput, VariantPlan, find_inputs, nominal_scenario

__all__ = ["AXIS_SAMPLE", "InputAxis", "SensitivityProblem", "check_count", "sensitivity_problem"]

AXIS_SAMPLE = 20_001
"""Draws per input used to read its percentiles."""


class InputAxis:
    """An input seen as a function of probability: ``at(q)`` is its ``q``-quantile.

    The quantile is read from a large sample of the input's own distribution (inverted
    empirical CDF), so it is always a value the distribution can produce; for weighted
    alternatives the sample is ordered by alternative index.
    """

    def __init__(self, item: UncertainInput, seed: int, size: int = AXIS_SAMPLE) -> None:
        self.item = item
        sample = item.sample(generator(seed, Purpose.QUANTILES, item.name), size)
        codes = item.encode(sample)
        order = np.argsort(codes, kind="stable")
        self.sample = sample[order]
        self.codes = codes[order]

    def at(self, q: float) -> Any:
        index = int(np.clip(math.ceil(q * len(self.sample)) - 1, 0, len(self.sample) - 1))
        return self.sample[index]

    def code_at(self, q: float) -> float:
        index = int(np.clip(math.ceil(q * len(self.codes)) - 1, 0, len(self.codes) - 1))
        return float(self.codes[index])

    def cdf(self, code: float) -> float:
        """P(input <= code) under the input's distribution (estimated)."""
        return float(np.searchsorted(self.codes, code, side="right") / len(self.codes))

    def distinct(self) -> list[tuple[Any, float, float]]:
        """Distinct values (for a finite distribution): (value, code, probability)."""
        codes, first, counts = np.unique(self.codes, return_index=True, return_counts=True)
        return [
            (self.sample[i], float(c), n / len(self.codes))
            for c, i, n in zip(codes, first, counts, strict=True)
        ]


@dataclass
class SensitivityProblem:
    """A scenario, its uncertain inputs, the lenses and where to run them: what every
    sensitivity analysis needs (its ``run`` evaluates rows of input values)."""

    scenario: Scenario
    inputs: tuple[UncertainInput, ...]
    lenses: list[Lens]
    seed: int
    executor: Executor | None
    workers: int
    batch_size: int | None
    progress: ProgressCallback | None
    failures: list[LensFailure] = field(default_factory=list)

    @property
    def plan(self) -> VariantPlan:
        return VariantPlan(self.inputs)

    def nominal_values(self) -> list[Any]:
        return [item.nominal() for item in self.inputs]

    def columns_from_rows(self, rows: Sequence[Sequence[Any]]) -> list[np.ndarray]:
        columns = []
        for i, item in enumerate(self.inputs):
            values = [row[i] for row in rows]
            if item.is_numeric:
                columns.append(np.asarray(values, dtype=float))
            else:
                column = np.empty(len(values), dtype=object)
                column[:] = values
                columns.append(column)
        return columns

    def run(
        self, columns: Sequence[np.ndarray], draw_ids: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        evaluation = evaluate(
            self.scenario,
            self.plan,
            columns,
            self.lenses,
            seed=self.seed,
            draw_ids=draw_ids,
            executor=self.executor,
            workers=self.workers,
            batch_size=self.batch_size,
            progress=self.progress,
        )
        self.failures.extend(evaluation.failures)
        if evaluation.stopped is not None:
            raise InputError(
                f"sensitivity analysis stopped: {evaluation.stopped}",
                hint="sensitivity needs every run; rerun (fewer --draws is faster)",
            )
        rows = len(columns[0])
        return {
            key: values if len(values) == rows else np.full(rows, np.nan)
            for key, values in evaluation.outputs.items()
        }


def sensitivity_problem(
    scenario: Scenario,
    lenses: Sequence[str | Lens] | None,
    seed: int | None,
    executor: Executor | None,
    workers: int,
    batch_size: int | None,
    progress: ProgressCallback | None,
) -> SensitivityProblem:
    inputs = find_inputs(scenario)
    if not inputs:
        raise InputError(
            f"scenario {scenario.id!r} has no uncertain inputs to analyse",
            hint="write a number as a distribution, e.g. {dist: triangular, low: 0.4, "
            "mode: 0.6, high: 0.7}",
        )
    chosen = select_lenses(nominal_scenario(scenario, inputs), lenses)
    return SensitivityProblem(
        scenario,
        inputs,
        chosen,
        fresh_seed() if seed is None else seed,
        executor,
        workers,
        batch_size,
        progress,
    )


def check_count(value: int, what: str, option: str) -> None:
    if isinstance(value, bool) or value < 1:
        raise InputError(f"{what} must be a positive integer (got {value})", hint=f"try {option}")
