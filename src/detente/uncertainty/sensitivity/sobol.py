"""Sobol first-order and total indices (Saltelli design, Jansen estimators).

See :mod:`detente.uncertainty.sensitivity` for the references.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np

from detente.lens import Lens
from detente.scenario.model import Scenario
from detente.uncertainty.runner import (
    LensFailure,
    ProgressCallback,
)
from detente.uncertainty.seeding import Purpose, generator
from detente.uncertainty.sensitivity.problem import check_count, sensitivity_problem


@dataclass(frozen=True)
class SobolIndices:
    """First-order ``S1`` and total ``ST`` indices of one output, with 95 % bootstrap bounds."""

    column: str
    variance: float
    inputs: tuple[str, ...]
    first: np.ndarray
    first_ci: np.ndarray
    total: np.ndarray
    total_ci: np.ndarray

    def ranking(self) -> list[tuple[str, float, float]]:
        """(input, ST, S1) by decreasing total effect."""
        order = np.argsort(-np.nan_to_num(self.total, nan=-1.0), kind="stable")
        return [(self.inputs[i], float(self.total[i]), float(self.first[i])) for i in order]


@dataclass(frozen=True)
class SobolResult:
    seed: int
    base_draws: int
    runs: int
    indices: Mapping[str, SobolIndices]
    constant: tuple[str, ...]
    failures: tuple[LensFailure, ...]


def _jansen(
    y_a: np.ndarray, y_b: np.ndarray, y_ab: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """Jansen's estimators on one sample (rows j; ``y_ab[i, j]`` = f(A_B^(i))_j)."""
    variance = float(np.var(np.concatenate([y_a, y_b]), ddof=1))
    if not variance > 0:
        return variance, np.full(len(y_ab), np.nan), np.full(len(y_ab), np.nan)
    first = (variance - 0.5 * np.mean((y_b - y_ab) ** 2, axis=1)) / variance
    total = 0.5 * np.mean((y_a - y_ab) ** 2, axis=1) / variance
    return variance, first, total


def _jansen_batch(
    y_a: np.ndarray, y_b: np.ndarray, y_ab: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_jansen` on bootstrap resamples: ``y_a`` (B, m), ``y_ab`` (k, B, m)."""
    variance = np.var(np.concatenate([y_a, y_b], axis=1), axis=1, ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        first = (variance - 0.5 * np.mean((y_b[None] - y_ab) ** 2, axis=2)) / variance
        total = 0.5 * np.mean((y_a[None] - y_ab) ** 2, axis=2) / variance
    return first, total


def sobol_indices(
    scenario: Scenario,
    base_draws: int = 512,
    *,
    lenses: Sequence[str | Lens] | None = None,
    seed: int | None = None,
    bootstrap: int = 200,
    executor: Executor | None = None,
    workers: int = 1,
    batch_size: int | None = None,
    progress: ProgressCallback | None = None,
) -> SobolResult:
    """Sobol first-order and total indices of every output (``base_draws * (k + 2)`` runs).

    Two independent sample matrices ``A`` and ``B`` of the ``k`` inputs are drawn from their
    distributions; ``A_B^(i)`` is ``A`` with column ``i`` taken from ``B``. Jansen (1999):
    ``V - V_i = E[(f(B) - f(A_B^(i)))^2] / 2`` and ``V_Ti = E[(f(A) - f(A_B^(i)))^2] / 2``,
    the pair recommended by Saltelli et al. (2010). A lens's own randomness is treated as a
    further factor: row ``j`` of ``A`` and of every ``A_B^(i)`` share a random stream, ``B``
    has its own. Draws where an output is missing are dropped
    for that output. Intervals: percentile bootstrap over rows (Efron & Tibshirani 1993).
    """
    check_count(base_draws, "the number of base draws", "--draws 512")
    problem = sensitivity_problem(scenario, lenses, seed, executor, workers, batch_size, progress)
    k = len(problem.inputs)
    n = int(base_draws)
    a = [
        item.sample(generator(problem.seed, Purpose.SENSITIVITY, "A", item.name), n)
        for item in problem.inputs
    ]
    b = [
        item.sample(generator(problem.seed, Purpose.SENSITIVITY, "B", item.name), n)
        for item in problem.inputs
    ]
    blocks: list[list[np.ndarray]] = [a, b]
    for i in range(k):
        blocks.append([b[c] if c == i else a[c] for c in range(k)])
    columns = [np.concatenate([block[c] for block in blocks]) for c in range(k)]
    # Lens randomness is one more factor: A_B^(i) keeps A's stream (like every column but i),
    # B has its own, so neither estimator mistakes a lens's noise for an input's effect.
    own = np.arange(n, dtype=np.int64)
    ids = np.concatenate([own, own + n, np.tile(own, k)])
    outputs = problem.run(columns, ids)
    names = tuple(item.name for item in problem.inputs)
    indices: dict[str, SobolIndices] = {}
    constant: list[str] = []
    for key, values in outputs.items():
        y = values.reshape(k + 2, n)
        y = y[:, np.all(np.isfinite(y), axis=0)]
        m = y.shape[1]
        if m < 2:
            continue
        variance, first, total = _jansen(y[0], y[1], y[2:])
        if not variance > 0:
            constant.append(key)
            continue
        first_ci = np.full((k, 2), np.nan)
        total_ci = np.full((k, 2), np.nan)
        if bootstrap > 0:
            picks = generator(problem.seed, Purpose.SENSITIVITY, "bootstrap", key).integers(
                0, m, size=(bootstrap, m)
            )
            boot_first, boot_total = _jansen_batch(y[0][picks], y[1][picks], y[2:][:, picks])
            with np.errstate(invalid="ignore"):
                first_ci = np.nanpercentile(boot_first, [2.5, 97.5], axis=1).T
                total_ci = np.nanpercentile(boot_total, [2.5, 97.5], axis=1).T
        indices[key] = SobolIndices(key, variance, names, first, first_ci, total, total_ci)
    return SobolResult(
        problem.seed, n, n * (k + 2), indices, tuple(constant), tuple(problem.failures)
    )
