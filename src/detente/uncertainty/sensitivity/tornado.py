"""Tornado data: each input at a low and a high percentile, the others nominal.

See :mod:`detente.uncertainty.sensitivity` for the references.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.errors import InputError
from detente.lens import Lens
from detente.scenario.model import Scenario
from detente.uncertainty.runner import (
    NOMINAL_DRAW,
    LensFailure,
    ProgressCallback,
    run_nominal,
)
from detente.uncertainty.sensitivity.problem import InputAxis, sensitivity_problem


@dataclass(frozen=True)
class TornadoBar:
    input: str
    low_value: float
    high_value: float
    output_low: float
    output_high: float

    @property
    def swing(self) -> float:
        return abs(self.output_high - self.output_low)


@dataclass(frozen=True)
class TornadoResult:
    """Per output: the nominal output and one bar per input, largest swing first."""

    seed: int
    low_quantile: float
    high_quantile: float
    nominal: Mapping[str, float]
    bars: Mapping[str, tuple[TornadoBar, ...]]
    failures: tuple[LensFailure, ...]


def tornado(
    scenario: Scenario,
    *,
    lenses: Sequence[str | Lens] | None = None,
    seed: int | None = None,
    low_quantile: float = 0.05,
    high_quantile: float = 0.95,
    executor: Executor | None = None,
    workers: int = 1,
    batch_size: int | None = None,
    progress: ProgressCallback | None = None,
) -> TornadoResult:
    """One-at-a-time swings: each input at its low and high percentile, the others nominal.

    The classic tornado diagram of decision analysis (Howard 1988, "Decision analysis:
    practice and promise", *Management Science* 34(6)); ``2k`` runs. Alternatives that are
    not numbers are placed by the index of the alternative at those percentiles.
    """
    if not 0 <= low_quantile < high_quantile <= 1:
        raise InputError(
            f"tornado quantiles must satisfy 0 <= low < high <= 1 "
            f"(got {low_quantile}, {high_quantile})"
        )
    problem = sensitivity_problem(scenario, lenses, seed, executor, workers, batch_size, progress)
    axes = [InputAxis(item, problem.seed) for item in problem.inputs]
    base = problem.nominal_values()
    rows: list[list[Any]] = []
    for i, axis in enumerate(axes):
        for q in (low_quantile, high_quantile):
            row = list(base)
            row[i] = axis.at(q)
            rows.append(row)
    outputs = problem.run(problem.columns_from_rows(rows), np.full(len(rows), NOMINAL_DRAW))
    nominal = run_nominal(scenario, problem.lenses, problem.seed)
    bars: dict[str, tuple[TornadoBar, ...]] = {}
    for key, values in outputs.items():
        found = []
        for i, axis in enumerate(axes):
            found.append(
                TornadoBar(
                    axis.item.name,
                    axis.code_at(low_quantile),
                    axis.code_at(high_quantile),
                    float(values[2 * i]),
                    float(values[2 * i + 1]),
                )
            )
        found.sort(key=lambda bar: -np.nan_to_num(bar.swing, nan=-1.0))
        bars[key] = tuple(found)
    return TornadoResult(
        problem.seed, low_quantile, high_quantile, nominal, bars, tuple(problem.failures)
    )
