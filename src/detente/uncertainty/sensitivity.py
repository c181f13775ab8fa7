"""Which assumptions move the answers, and what would change them.

Four analyses over a scenario's uncertain inputs (:mod:`.variants`), each running the lenses
through :func:`detente.uncertainty.runner.evaluate` (so on any executor):

* :func:`sobol_indices`: variance-based first-order and total-effect indices, estimated from
  Saltelli's radial design (matrices ``A``, ``B`` and ``A_B^(i)``) with Jansen's estimators
  (Saltelli et al. 2010, Table 2, estimators (f) and (f)); bootstrap confidence intervals.
* :func:`morris_screening`: elementary effects on random one-at-a-time trajectories (Morris
  1991) summarised by ``mu_star`` (Campolongo, Cariboni & Saltelli 2007) and ``sigma``; cheap
  screening when there are many inputs.
* :func:`tornado`: each output with one input at its 5th and 95th percentile and the others
  nominal: the data of a tornado chart.
* :func:`flip_points`: the smallest change of one assumption, others nominal, that changes a
  headline answer (a 0/1 or integer answer changes value; a probability-like answer crosses
  a threshold, default 0.5): a grid scan from the nominal value towards each end of the
  input's support, then bisection in the first interval where the answer changes.

Percentiles of an input are taken from a large sample of its own distribution (its own named
random stream), so the same code handles every distribution and weighted alternatives.

References
----------
Jansen, M. J. W. (1999). Analysis of variance designs for model output. *Computer Physics
Communications* 117, 35-43.
Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010).
Variance based sensitivity analysis of model output. Design and estimator for the total
sensitivity index. *Computer Physics Communications* 181(2), 259-270.
Morris, M. D. (1991). Factorial sampling plans for preliminary computational experiments.
*Technometrics* 33(2), 161-174.
Campolongo, F., Cariboni, J. & Saltelli, A. (2007). An effective screening design for
sensitivity analysis of large models. *Environmental Modelling & Software* 22, 1509-1518.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from detente.errors import InputError
from detente.lens import Lens
from detente.scenario.model import Scenario
from detente.uncertainty.runner import (
    NOMINAL_DRAW,
    LensFailure,
    ProgressCallback,
    evaluate,
    run_nominal,
    select_lenses,
)
from detente.uncertainty.seeding import Purpose, fresh_seed, generator
from detente.uncertainty.variants import UncertainInput, VariantPlan, find_inputs, nominal_scenario

__all__ = [
    "FlipPoint",
    "FlipResult",
    "InputAxis",
    "MorrisResult",
    "RankCorrelation",
    "SobolResult",
    "TornadoBar",
    "TornadoResult",
    "flip_points",
    "morris_screening",
    "rank_correlations",
    "sensitivity_to_json",
    "sobol_indices",
    "tornado",
]

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
class _Problem:
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


def _problem(
    scenario: Scenario,
    lenses: Sequence[str | Lens] | None,
    seed: int | None,
    executor: Executor | None,
    workers: int,
    batch_size: int | None,
    progress: ProgressCallback | None,
) -> _Problem:
    inputs = find_inputs(scenario)
    if not inputs:
        raise InputError(
            f"scenario {scenario.id!r} has no uncertain inputs to analyse",
            hint="write a number as a distribution, e.g. {dist: triangular, low: 0.4, "
            "mode: 0.6, high: 0.7}",
        )
    chosen = select_lenses(nominal_scenario(scenario, inputs), lenses)
    return _Problem(
        scenario,
        inputs,
        chosen,
        fresh_seed() if seed is None else seed,
        executor,
        workers,
        batch_size,
        progress,
    )


def _check_count(value: int, what: str, option: str) -> None:
    if isinstance(value, bool) or value < 1:
        raise InputError(f"{what} must be a positive integer (got {value})", hint=f"try {option}")


# ---------------------------------------------------------------- Sobol


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
    _check_count(base_draws, "the number of base draws", "--draws 512")
    problem = _problem(scenario, lenses, seed, executor, workers, batch_size, progress)
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


# ---------------------------------------------------------------- Morris


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
    _check_count(trajectories, "the number of trajectories", "--draws 20")
    if levels < 2:
        raise InputError(f"Morris needs at least 2 levels (got {levels})")
    problem = _problem(scenario, lenses, seed, executor, workers, batch_size, progress)
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


# ---------------------------------------------------------------- Tornado


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
    problem = _problem(scenario, lenses, seed, executor, workers, batch_size, progress)
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


# ---------------------------------------------------------------- What would flip it


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
    grid: int = 8,
    iterations: int = 12,
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
    _check_count(grid, "the grid size", "--grid 8")
    problem = _problem(scenario, lenses, seed, executor, workers, batch_size, progress)
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
        for key, s, t0, t1, _answer_value in searches:
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


# ---------------------------------------------------------------- From a sweep's own draws


def _spread(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.max() - finite.min()) if finite.size else 0.0


@dataclass(frozen=True)
class RankCorrelation:
    input: str
    rho: float


def rank_correlations(
    input_values: Mapping[str, np.ndarray], outputs: Mapping[str, np.ndarray], top: int = 3
) -> dict[str, tuple[RankCorrelation, ...]]:
    """Spearman rank correlation of each output with each input, strongest first.

    A screening measure that needs no runs beyond the sweep itself: with independent inputs
    and a monotone response, ``rho**2`` approximates the share of the output's rank variance
    owed to the input (the standardised rank regression coefficients of Iman & Conover 1979;
    Saltelli et al. 2008, *Global Sensitivity Analysis: The Primer*, ch. 1). It misses
    non-monotone effects, which :func:`sobol_indices` captures. Constant outputs are omitted.
    """
    from scipy.stats import rankdata

    names = [n for n, v in input_values.items() if _spread(v) > 0]
    if not names:
        return {}
    ranked_inputs = np.vstack([rankdata(input_values[n]) for n in names])
    ranked_inputs = ranked_inputs - ranked_inputs.mean(axis=1, keepdims=True)
    norms = np.sqrt((ranked_inputs**2).sum(axis=1))
    found: dict[str, tuple[RankCorrelation, ...]] = {}
    for column, values in outputs.items():
        ok = np.isfinite(values)
        if ok.sum() < 3 or _spread(values) == 0:
            continue
        if ok.all():
            x = ranked_inputs
            x_norms = norms
        else:
            x = np.vstack([rankdata(input_values[n][ok]) for n in names])
            x = x - x.mean(axis=1, keepdims=True)
            x_norms = np.sqrt((x**2).sum(axis=1))
        y = rankdata(values[ok])
        y = y - y.mean()
        with np.errstate(invalid="ignore", divide="ignore"):
            rho = (x @ y) / (x_norms * np.sqrt((y**2).sum()))
        order = np.argsort(-np.abs(np.nan_to_num(rho)), kind="stable")[:top]
        found[column] = tuple(RankCorrelation(names[i], float(rho[i])) for i in order)
    return found


# ---------------------------------------------------------------- JSON


def _num(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def sensitivity_to_json(
    result: SobolResult | MorrisResult | TornadoResult | FlipResult,
) -> dict[str, Any]:
    """A JSON-ready document of any sensitivity result (rankings strongest first)."""
    failures = [
        {"lens": f.lens, "count": f.count, "first_draw": f.first_draw, "message": f.message}
        for f in result.failures
    ]
    if isinstance(result, SobolResult):
        return {
            "method": "sobol",
            "estimator": "Saltelli design, Jansen estimators (Saltelli et al. 2010)",
            "seed": result.seed,
            "base_draws": result.base_draws,
            "runs": result.runs,
            "constant_outputs": list(result.constant),
            "outputs": {
                column: [
                    {
                        "input": item.inputs[i],
                        "total": _num(item.total[i]),
                        "total_ci": [_num(v) for v in item.total_ci[i]],
                        "first": _num(item.first[i]),
                        "first_ci": [_num(v) for v in item.first_ci[i]],
                    }
                    for i in np.argsort(-np.nan_to_num(item.total, nan=-1.0), kind="stable")
                ]
                for column, item in result.indices.items()
            },
            "failures": failures,
        }
    if isinstance(result, MorrisResult):
        return {
            "method": "morris",
            "seed": result.seed,
            "trajectories": result.trajectories,
            "levels": result.levels,
            "runs": result.runs,
            "outputs": {
                column: [
                    {
                        "input": item.inputs[i],
                        "mu_star": _num(item.mu_star[i]),
                        "mu": _num(item.mu[i]),
                        "sigma": _num(item.sigma[i]),
                    }
                    for i in np.argsort(-np.nan_to_num(item.mu_star, nan=-1.0), kind="stable")
                ]
                for column, item in result.indices.items()
            },
            "failures": failures,
        }
    if isinstance(result, TornadoResult):
        return {
            "method": "tornado",
            "seed": result.seed,
            "quantiles": [result.low_quantile, result.high_quantile],
            "outputs": {
                column: {
                    "nominal": _num(result.nominal.get(column, math.nan)),
                    "bars": [
                        {
                            "input": bar.input,
                            "low_value": _num(bar.low_value),
                            "high_value": _num(bar.high_value),
                            "output_low": _num(bar.output_low),
                            "output_high": _num(bar.output_high),
                            "swing": _num(bar.swing),
                        }
                        for bar in bars
                    ],
                }
                for column, bars in result.bars.items()
            },
            "failures": failures,
        }
    return {
        "method": "flip",
        "seed": result.seed,
        "runs": result.runs,
        "thresholds": dict(result.thresholds),
        "outputs": {
            column: [
                {
                    "input": p.input,
                    "direction": p.direction,
                    "nominal_value": _num(p.nominal_value),
                    "value": _num(p.value),
                    "change": _num(p.change),
                    "relative_change": _num(p.relative_change),
                    "plausibility": _num(p.plausibility),
                    "nominal_answer": _num(p.nominal_answer),
                    "answer": _num(p.answer),
                }
                for p in points
            ]
            for column, points in result.flips.items()
        },
        "failures": failures,
    }
