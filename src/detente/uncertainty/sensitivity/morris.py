"""Morris elementary-effects screening (Morris 1991; Campolongo et al. 2007).

See :mod:`detente.uncertainty.sensitivity` for the references.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np

from detente.errors import InputError
from detente.lens import Lens
from detente.scenario.model import Scenario
from detente.uncertainty.runner import (
    LensFailure,
    ProgressCallback,
)
from detente.uncertainty.seeding import Purpose, generator
from detente.uncertainty.sensitivity.problem import InputAxis, check_count, sensitivity_problem


@dataclass(frozen=True)
class MorrisIndices:
    """Elementary-effect statistics of one output, per input (effects per unit of quantile)."""

    column: str
    inputs: tuple[str, ...]
    mu: np.ndarray
    mu_star: np.ndarray
    sigma: np.ndarray

    def ranking(self) -> list[tuple[str, float, float]]:
        """(input, mu_star, sigma) by decreasing mu_star."""
        order = np.argsort(-np.nan_to_num(self.mu_star, nan=-1.0), kind="stable")
        return [(self.inputs[i], float(self.mu_star[i]), float(self.sigma[i])) for i in order]


@dataclass(frozen=True)
class MorrisResult:
    seed: int
    trajectories: int
    levels: int
    runs: int
    indices: Mapping[str, MorrisIndices]
    failures: tuple[LensFailure, ...]


def morris_screening(
    scenario: Scenario,
    trajectories: int = 20,
    *,
    levels: int = 4,
    lenses: Sequence[str | Lens] | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
    workers: int = 1,
    batch_size: int | None = None,
    progress: ProgressCallback | None = None,
) -> MorrisResult:
    """Morris (1991) elementary effects on ``trajectories`` one-at-a-time paths.

    Each input is mapped to ``[0, 1]`` through its quantile function; the ``levels``-level grid
    is placed at quantiles 1 %..99 % (a bounded stand-in for the support, as tails of an open
    normal have no finite end). Step ``delta = levels / (2 (levels - 1))``; each trajectory
    starts at a random grid point and moves each input once, in random order, by ``+delta``
    (or ``-delta`` where ``+delta`` would leave the grid). Elementary effect
    ``EE_i = (f(x + delta e_i) - f(x)) / delta`` with delta signed; ``mu_star`` is the mean of
    ``|EE_i|`` (Campolongo et al. 2007), ``sigma`` their standard deviation (interactions
    and nonlinearity). Runs: ``trajectories * (k + 1)``.
    """
    check_count(trajectories, "the number of trajectories", "--draws 20")
    if levels < 2:
        raise InputError(f"Morris needs at least 2 levels (got {levels})")
    problem = sensitivity_problem(scenario, lenses, seed, executor, workers, batch_size, progress)
    k = len(problem.inputs)
    axes = [InputAxis(item, problem.seed) for item in problem.inputs]
    delta = levels / (2 * (levels - 1))
    grid = np.arange(levels) / (levels - 1)
    rng = generator(problem.seed, Purpose.SENSITIVITY, "morris")
    points: list[np.ndarray] = []
    moved: list[tuple[int, int, float]] = []  # (trajectory, input, signed step)
    for t in range(trajectories):
        x = rng.choice(grid, size=k)
        points.append(x.copy())
        for i in rng.permutation(k):
            step = delta if x[i] + delta <= 1 + 1e-12 else -delta
            x[i] = x[i] + step
            points.append(x.copy())
            moved.append((t, int(i), step))
    unit = np.asarray(points)
    probabilities = 0.01 + 0.98 * unit
    rows = [[axes[i].at(q[i]) for i in range(k)] for q in probabilities]
    ids = np.repeat(np.arange(trajectories, dtype=np.int64), k + 1)
    outputs = problem.run(problem.columns_from_rows(rows), ids)
    names = tuple(item.name for item in problem.inputs)
    indices: dict[str, MorrisIndices] = {}
    for key, values in outputs.items():
        effects: list[list[float]] = [[] for _ in range(k)]
        for position, (t, i, step) in enumerate(moved):
            row = t * (k + 1) + (position - t * k) + 1
            before, after = values[row - 1], values[row]
            if np.isfinite(before) and np.isfinite(after):
                effects[i].append((after - before) / step)
        mu = np.array([np.mean(e) if e else np.nan for e in effects])
        mu_star = np.array([np.mean(np.abs(e)) if e else np.nan for e in effects])
        sigma = np.array([np.std(e, ddof=1) if len(e) > 1 else np.nan for e in effects])
        indices[key] = MorrisIndices(key, names, mu, mu_star, sigma)
    return MorrisResult(
        problem.seed, trajectories, levels, len(rows), indices, tuple(problem.failures)
    )
