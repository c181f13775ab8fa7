"""What would flip it: the smallest one-input change that changes an answer.

See :mod:`detente.uncertainty.sensitivity` for the references.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.lens import Lens
from detente.scenario.model import Scenario
from detente.uncertainty.runner import (
    NOMINAL_DRAW,
    LensFailure,
    ProgressCallback,
    run_nominal,
)
from detente.uncertainty.sensitivity.problem import InputAxis, check_count, sensitivity_problem


@dataclass(frozen=True)
class FlipPoint:
    """The nearest value of one input (others nominal) at which an answer changes.

    ``change`` is ``value - nominal`` in the input's units; ``relative_change`` divides it by
    the width of the input's 5-95 % range; ``plausibility`` is the probability, under the
    input's own distribution, of a value at least this far out on that side (how likely the
    analyst's own uncertainty makes the flip). ``answer`` is the output beyond the flip.
    """

    column: str
    input: str
    direction: str
    nominal_value: float
    value: float
    change: float
    relative_change: float
    plausibility: float
    nominal_answer: float
    answer: float


@dataclass(frozen=True)
class FlipResult:
    seed: int
    thresholds: Mapping[str, float]
    nominal: Mapping[str, float]
    flips: Mapping[str, tuple[FlipPoint, ...]]
    runs: int
    failures: tuple[LensFailure, ...]


def _answer(value: float, threshold: float | None) -> float:
    if not np.isfinite(value):
        return math.nan
    return float(value >= threshold) if threshold is not None else float(value)


def flip_points(
    scenario: Scenario,
    *,
    lenses: Sequence[str | Lens] | None = None,
    seed: int | None = None,
    thresholds: Mapping[str, float] | None = None,
    grid: int = 6,
    iterations: int = 10,
    executor: Executor | None = None,
    workers: int = 1,
    batch_size: int | None = None,
    progress: ProgressCallback | None = None,
) -> FlipResult:
    """For each headline answer, the smallest one-input change that changes it.

    An output whose nominal value is an integer (0/1 indicators, an outcome index) changes
    when its value does. Any other output is judged against a threshold: the one given in
    ``thresholds`` (by column), else 0.5 when its nominal value lies in [0, 1] (a probability
    crossing one half); outputs with neither are skipped. For each numeric input and each
    direction the segment from the nominal value to the support's end (the 0.1 / 99.9 %
    quantile for unbounded ones) is scanned at ``grid`` points; in the first cell where the
    answer changes, bisection (``iterations`` halvings) narrows the flip point. Weighted
    alternatives that are not numbers are tried one by one. Flips are sorted by
    ``|relative_change|``.
    """
    check_count(grid, "the grid size", "--grid 6")
    problem = sensitivity_problem(scenario, lenses, seed, executor, workers, batch_size, progress)
    axes = [InputAxis(item, problem.seed) for item in problem.inputs]
    base = problem.nominal_values()
    nominal = run_nominal(scenario, problem.lenses, problem.seed)
    given = dict(thresholds or {})
    threshold: dict[str, float | None] = {}
    for key, value in nominal.items():
        if key in given:
            threshold[key] = given[key]
        elif np.isfinite(value) and float(value).is_integer():
            threshold[key] = None
        elif np.isfinite(value) and 0 <= value <= 1:
            threshold[key] = 0.5
    runs = 0

    def run_rows(rows: list[list[Any]]) -> dict[str, np.ndarray]:
        nonlocal runs
        if not rows:
            return {}
        runs += len(rows)
        return problem.run(problem.columns_from_rows(rows), np.full(len(rows), NOMINAL_DRAW))

    # Segments: (input index, direction, start value, end value).
    segments: list[tuple[int, str, float, float]] = []
    for i, axis in enumerate(axes):
        if not axis.item.is_numeric:
            continue
        start = float(base[i])
        lo, hi = axis.item.support() or (math.nan, math.nan)
        lo = lo if math.isfinite(lo) else float(axis.at(0.001))
        hi = hi if math.isfinite(hi) else float(axis.at(0.999))
        if lo < start:
            segments.append((i, "down", start, lo))
        if hi > start:
            segments.append((i, "up", start, hi))
    fractions = np.arange(1, grid + 1) / grid
    scan_rows = []
    for i, _, start, end in segments:
        for t in fractions:
            row = list(base)
            row[i] = start + (end - start) * t
            scan_rows.append(row)
    scanned = run_rows(scan_rows)
    # Searches: (key, segment index, t_same, t_changed, answer at t_changed).
    searches: list[list[Any]] = []
    for key, limit in threshold.items():
        values = scanned.get(key)
        if values is None:
            continue
        reference = _answer(nominal[key], limit)
        for s in range(len(segments)):
            previous = 0.0
            for g, t in enumerate(fractions):
                answer = _answer(values[s * grid + g], limit)
                if np.isfinite(answer) and answer != reference:
                    searches.append([key, s, previous, float(t), answer])
                    break
                previous = float(t)
    for _ in range(iterations):
        if not searches:
            break
        # Searches on the same segment and interval share one run (keys from one variant).
        midpoints: dict[tuple[int, float], int] = {}
        rows: list[list[Any]] = []
        for _key, s, t0, t1, _answer_value in searches:
            mid = (t0 + t1) / 2
            if (s, mid) not in midpoints:
                i, _, start, end = segments[s]
                row = list(base)
                row[i] = start + (end - start) * mid
                midpoints[(s, mid)] = len(rows)
                rows.append(row)
        evaluated = run_rows(rows)
        for search in searches:
            key, s, t0, t1, _ = search
            mid = (t0 + t1) / 2
            answer = _answer(evaluated[key][midpoints[(s, mid)]], threshold[key])
            if np.isfinite(answer) and answer != _answer(nominal[key], threshold[key]):
                search[3], search[4] = mid, answer
            else:
                search[2] = mid
    flips: dict[str, list[FlipPoint]] = {}
    for key, s, _t0, t1, answer in searches:
        i, direction, start, end = segments[s]
        axis = axes[i]
        value = start + (end - start) * t1
        width = float(axis.at(0.95)) - float(axis.at(0.05))
        change = value - start
        tail = (
            axis.cdf(value)
            if direction == "down"
            else 1 - axis.cdf(value - 1e-12 * max(1.0, abs(value)))
        )
        flips.setdefault(key, []).append(
            FlipPoint(
                key,
                axis.item.name,
                direction,
                start,
                value,
                change,
                change / width if width > 0 else math.inf * np.sign(change),
                float(tail),
                _answer(nominal[key], threshold[key]),
                answer,
            )
        )
    # Alternatives that are not numbers: try each one.
    categorical = [(i, axis) for i, axis in enumerate(axes) if not axis.item.is_numeric]
    if categorical:
        rows = []
        owners: list[tuple[int, float, float]] = []
        for i, axis in categorical:
            for value, code, probability in axis.distinct():
                row = list(base)
                row[i] = value
                rows.append(row)
                owners.append((i, code, probability))
        evaluated = run_rows(rows)
        for key, limit in threshold.items():
            values = evaluated.get(key)
            if values is None:
                continue
            reference = _answer(nominal[key], limit)
            for r, (i, code, probability) in enumerate(owners):
                answer = _answer(values[r], limit)
                if np.isfinite(answer) and answer != reference:
                    flips.setdefault(key, []).append(
                        FlipPoint(
                            key,
                            axes[i].item.name,
                            "alternative",
                            math.nan,
                            code,
                            math.nan,
                            math.nan,
                            probability,
                            reference,
                            answer,
                        )
                    )
    ordered = {
        key: tuple(sorted(points, key=lambda p: np.nan_to_num(abs(p.relative_change), nan=np.inf)))
        for key, points in flips.items()
    }
    return FlipResult(
        problem.seed,
        {k: v for k, v in threshold.items() if v is not None},
        nominal,
        ordered,
        runs,
        tuple(problem.failures),
    )
