"""Monte Carlo over scenario variants: run lenses on many draws, on any executor.

The runner is written against :class:`concurrent.futures.Executor`, so the same code runs
in-process, on a local process pool or on a Dask cluster (see :mod:`.executors`). Draws are
split into batches (about a thousand draws per task); a task ships the scenario once, the
batch's slice of the pre-drawn input values and the lenses, and returns compact columns (one
float array per summary key), never result objects. At most a few tasks per worker are in
flight, so memory stays bounded and Ctrl-C only has to cancel a handful of them; batches
already completed are kept.

Lenses are found through :func:`detente.lens.available_lenses`: nothing here names one.
A lens's summary key ``k`` becomes the column ``"<lens>:<k>"``.
"""

from __future__ import annotations

import math
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from threadpoolctl import threadpool_limits

from detente.errors import InputError
from detente.lens import Lens, available_lenses
from detente.scenario.model import Scenario
from detente.uncertainty.executors import InProcessExecutor
from detente.uncertainty.seeding import Purpose, fresh_seed, generator
from detente.uncertainty.variants import (
    UncertainInput,
    VariantPlan,
    draw_columns,
    find_inputs,
    nominal_scenario,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "NOMINAL_DRAW",
    "Evaluation",
    "LensFailure",
    "ProgressCallback",
    "SweepResult",
    "evaluate",
    "output_column",
    "run_nominal",
    "run_sweep",
    "select_lenses",
]

DEFAULT_BATCH_SIZE = 1000
"""Draws per executor task: large enough to amortise shipping, small enough to balance."""

NOMINAL_DRAW = -1
"""The draw id of runs made as a single analysis would make them: the lens gets no generator
(``rng=None``) and uses its own defaults (nominal preferences, the section's seed...). The
nominal run and one-at-a-time probes (tornado, flips) use it, so they match ``analyze`` and a
lens's own randomness does not masquerade as an input's effect."""

MAX_DRAWS = 50_000_000
"""Refuse sweeps whose value columns alone would not fit comfortably in memory."""

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(draws_done, draws_total)`` when the sweep starts and after each batch."""


def output_column(lens_name: str, key: str) -> str:
    """The column name of summary key ``key`` of lens ``lens_name``."""
    return f"{lens_name}:{key}"


@dataclass(frozen=True)
class LensFailure:
    """A lens that raised on some draws (their outputs are NaN)."""

    lens: str
    count: int
    first_draw: int
    message: str


@dataclass(frozen=True)
class Evaluation:
    """Lens outputs on the rows that completed, in row order."""

    rows: np.ndarray
    outputs: Mapping[str, np.ndarray]
    failures: tuple[LensFailure, ...]
    stopped: str | None
    seconds: float


@dataclass(frozen=True)
class SweepResult:
    """A completed (or stopped) Monte Carlo sweep, as compact columns.

    ``draw`` holds the indices of the completed draws (all of ``0..requested-1`` unless the
    sweep was stopped); ``inputs_values[name]`` and ``outputs[column]`` are aligned with it.
    Alternatives that are not numbers are encoded as their index (see
    :meth:`UncertainInput.encode`). ``nominal`` holds each output on the nominal scenario.
    ``stopped`` is None for a complete sweep, else why it stopped early.
    """

    scenario_id: str
    seed: int
    requested: int
    lenses: tuple[str, ...]
    inputs: tuple[UncertainInput, ...]
    draw: np.ndarray
    input_values: Mapping[str, np.ndarray]
    outputs: Mapping[str, np.ndarray]
    nominal: Mapping[str, float]
    failures: tuple[LensFailure, ...] = ()
    stopped: str | None = None
    seconds: float = 0.0
    parameters: Mapping[str, Any] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Whether every requested draw completed."""
        return self.stopped is None

    @property
    def completed(self) -> int:
        """How many draws completed."""
        return len(self.draw)

    @property
    def draws_per_second(self) -> float:
        """Completed draws per second of wall time (NaN for an instant sweep)."""
        return self.completed / self.seconds if self.seconds > 0 else math.nan

    def metadata(self) -> dict[str, Any]:
        """What is needed to reproduce the sweep and read its columns (JSON-ready)."""
        inputs = []
        for item in self.inputs:
            described: dict[str, Any] = {"name": item.name, "numeric": item.is_numeric}
            dump = getattr(item.source, "model_dump", None)
            if callable(dump):
                try:
                    described["distribution"] = dump(mode="json")
                except Exception:
                    described["distribution"] = repr(item.source)
            inputs.append(described)
        return {
            "scenario": self.scenario_id,
            "seed": self.seed,
            "draws_requested": self.requested,
            "draws_completed": self.completed,
            "stopped": self.stopped,
            "lenses": list(self.lenses),
            "inputs": inputs,
            "nominal": dict(self.nominal),
            "failures": [asdict(f) for f in self.failures],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per completed draw: ``draw``, each input, then each ``<lens>:<key>``;
        :meth:`metadata` in the frame's ``attrs["detente"]``."""
        import pandas as pd

        data: dict[str, np.ndarray] = {"draw": self.draw}
        data.update(self.input_values)
        data.update(self.outputs)
        frame = pd.DataFrame(data)
        frame.attrs["detente"] = self.metadata()
        return frame


def select_lenses(scenario: Scenario, chosen: Sequence[str | Lens] | None = None) -> list[Lens]:
    """The lenses to sweep: those named (or given), else every registered lens that applies."""
    registered = available_lenses()
    if not chosen:
        lenses = [lens for lens in registered.values() if lens.applies(scenario)]
        if not lenses:
            raise InputError(
                f"no lens applies to scenario {scenario.id!r}",
                hint="add a section for a lens (registered lenses: "
                + (", ".join(registered) or "none")
                + ")",
            )
        return lenses
    lenses = []
    for item in chosen:
        if isinstance(item, str):
            if item not in registered:
                raise InputError(
                    f"unknown lens {item!r}",
                    hint=f"available: {', '.join(registered) or 'none registered'}",
                )
            found = registered[item]
        else:
            found = item
        if not found.applies(scenario):
            applicable = [n for n, lens in registered.items() if lens.applies(scenario)]
            raise InputError(
                f"lens {found.name!r} does not apply to scenario {scenario.id!r}",
                hint=f"lenses that apply: {', '.join(applicable) or 'none'}",
            )
        lenses.append(found)
    names = [lens.name for lens in lenses]
    if len(set(names)) != len(names):
        raise InputError("a lens is selected twice", hint=f"selected: {', '.join(names)}")
    return lenses


def _lens_generator(seed: int, draw: int, lens_name: str) -> np.random.Generator | None:
    if draw == NOMINAL_DRAW:
        return None
    return generator(seed, Purpose.LENS_PER_DRAW, draw, lens_name)


@dataclass(frozen=True)
class _Batch:
    scenario: Scenario
    plan: VariantPlan
    columns: tuple[np.ndarray, ...]
    first_row: int
    draw_ids: np.ndarray
    seed: int
    lenses: tuple[Lens, ...]


@dataclass(frozen=True)
class _BatchOutcome:
    first_row: int
    count: int
    outputs: dict[str, np.ndarray]
    failures: dict[str, tuple[int, int, str]]


def _memo_inputs(
    lens: Lens, plan: VariantPlan, scenario: Scenario | None = None
) -> tuple[int, ...] | None:
    """The inputs a lens's result depends on, if the lens says so (else None: run every draw).

    A lens may declare ``depends_on``: the top-level scenario fields (sections) its result is
    a function of, given that it then makes no use of its random generator. Draws that agree
    on the uncertain inputs inside those sections then share one run. A lens whose use of the
    generator depends on the scenario (a stochastic model option) may also define
    ``uses_rng(scenario) -> bool``; when that is true every draw runs.
    """
    sections = getattr(lens, "depends_on", None)
    if not isinstance(sections, tuple) or not all(isinstance(x, str) for x in sections):
        return None
    uses_rng = getattr(lens, "uses_rng", None)
    if callable(uses_rng) and (scenario is None or uses_rng(scenario)):
        return None
    return tuple(
        i for i, item in enumerate(plan.inputs) if item.locator and item.locator[0][1] in sections
    )


def _summarize(
    lens: Lens, scenario: Scenario, rng: np.random.Generator | None
) -> Mapping[str, float]:
    """``lens.summary(lens.run(scenario, rng))``, or the lens's ``sweep_summary(scenario, rng)``
    when it has one: an optional fast path that skips explanations nobody reads in a sweep and
    must return exactly the same mapping."""
    fast = getattr(lens, "sweep_summary", None)
    if callable(fast):
        return fast(scenario, rng)  # type: ignore[no-any-return]
    return lens.summary(lens.run(scenario, rng=rng))


def _memo_key(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return value


def _record_failure(
    failures: dict[str, tuple[int, int, str]], lens: Lens, draw: int, exc: Exception
) -> None:
    seen = failures.get(lens.name)
    if seen is None:
        text = f"{type(exc).__name__}: {exc}\n" + "".join(traceback.format_exception(exc)[-3:])
        failures[lens.name] = (1, draw, text)
    else:
        failures[lens.name] = (seen[0] + 1, seen[1], seen[2])


def _lens_summaries(
    lens: Lens,
    variants: Sequence[Scenario],
    draws: Sequence[int],
    seed: int,
    failures: dict[str, tuple[int, int, str]],
) -> list[Mapping[str, float] | None]:
    """The lens's summary of each variant (None where it raised: recorded in ``failures``).

    A lens may define ``sweep_summaries(scenarios, rngs)``: many draws in one call (e.g. a
    model run in lockstep), returning exactly what ``_summarize`` returns draw by draw. If it
    raises, the draws are run one by one so that the failing ones are found and the others kept.
    """
    rngs = [_lens_generator(seed, draw, lens.name) for draw in draws]
    many = getattr(lens, "sweep_summaries", None)
    if callable(many) and len(variants) > 1:
        summaries: list[Mapping[str, float] | None] | None
        try:
            summaries = list(many(variants, rngs))
        except Exception:
            summaries = None
        if summaries is not None and len(summaries) == len(variants):
            return summaries
    out: list[Mapping[str, float] | None] = []
    for variant, draw in zip(variants, draws, strict=True):
        try:
            out.append(_summarize(lens, variant, _lens_generator(seed, draw, lens.name)))
        except Exception as exc:
            _record_failure(failures, lens, draw, exc)
            out.append(None)
    return out


def _run_batch(batch: _Batch) -> _BatchOutcome:
    """Run every lens on every variant of a batch (the function executors call).

    Parallelism is across draws, so the BLAS library is held to one thread: a forked pool
    worker inherits the parent's BLAS thread pool, and on a 2-core machine two workers each
    spinning two BLAS threads on small matrices ran the sweep 3-5 times slower.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        return _run_batch_now(batch)


def _run_batch_now(batch: _Batch) -> _BatchOutcome:
    count = len(batch.draw_ids)
    outputs: dict[str, np.ndarray] = {}
    failures: dict[str, tuple[int, int, str]] = {}
    variants = [
        batch.plan.apply(batch.scenario, [column[row] for column in batch.columns])
        for row in range(count)
    ]
    draws = [int(d) for d in batch.draw_ids]
    for lens in batch.lenses:
        depends = _memo_inputs(lens, batch.plan, batch.scenario)
        # Draws that agree on every input the lens depends on share one run (first row runs).
        runs_for: list[int] = []
        source = list(range(count))
        if depends is None:
            runs_for = source
        else:
            first_of: dict[Any, int] = {}
            for row in range(count):
                key = tuple(_memo_key(batch.columns[i][row]) for i in depends)
                first = first_of.setdefault(key, row)
                if first == row:
                    runs_for.append(row)
                source[row] = first
        summaries = _lens_summaries(
            lens,
            [variants[r] for r in runs_for],
            [draws[r] for r in runs_for],
            batch.seed,
            failures,
        )
        by_row = dict(zip(runs_for, summaries, strict=True))
        for row in range(count):
            summary = by_row[source[row]]
            if summary is None:
                if source[row] != row:  # shares the failed run of an earlier row: count it too
                    count_, first_draw, message = failures[lens.name]
                    failures[lens.name] = (count_ + 1, first_draw, message)
                continue
            for name, value in summary.items():
                column_name = output_column(lens.name, name)
                column = outputs.get(column_name)
                if column is None:
                    column = outputs[column_name] = np.full(count, np.nan)
                column[row] = value
    return _BatchOutcome(batch.first_row, count, outputs, failures)


def _batch_size(rows: int, workers: int, batch_size: int | None) -> int:
    if batch_size is not None:
        if batch_size < 1:
            raise InputError("the batch size must be positive", hint="try --batch-size 1000")
        return batch_size
    # Enough tasks to keep every worker busy, but never more than ~1k draws per task.
    return max(1, min(DEFAULT_BATCH_SIZE, math.ceil(rows / (4 * max(workers, 1)))))


def _terminate_processes(executor: Executor) -> None:
    # A process pool keeps running a batch after Ctrl-C; end its workers so we stop now.
    processes = getattr(executor, "_processes", None)
    if isinstance(processes, dict):
        for process in list(processes.values()):
            if process.is_alive():
                process.terminate()


def evaluate(
    scenario: Scenario,
    plan: VariantPlan,
    columns: Sequence[np.ndarray],
    lenses: Sequence[Lens],
    *,
    seed: int,
    draw_ids: np.ndarray | None = None,
    executor: Executor | None = None,
    workers: int = 1,
    batch_size: int | None = None,
    progress: ProgressCallback | None = None,
    time_budget: float | None = None,
) -> Evaluation:
    """Run ``lenses`` on the variants given by the rows of ``columns``.

    ``draw_ids`` names each row's draw (it keys the lens's own random stream; default: the row
    number), so a row gives the same answer whichever batch or worker runs it. Returns the
    outputs of completed batches; on Ctrl-C or a failing executor it stops early and says why
    in ``stopped`` instead of losing what was computed. With ``time_budget`` (seconds) no new
    batch starts after the budget is spent (the first batches always run) (``stopped`` = ``"time budget"``); the rows done are
    still the first ones in order when the batches run in order (in-process).
    """
    started = time.perf_counter()
    rows = len(columns[0]) if columns else (0 if draw_ids is None else len(draw_ids))
    ids = np.arange(rows, dtype=np.int64) if draw_ids is None else np.asarray(draw_ids)
    size = _batch_size(rows, workers, batch_size)
    runner = executor if executor is not None else InProcessExecutor()
    in_flight = max(1, 2 * workers)
    lens_tuple = tuple(lenses)
    cut = list(range(0, rows, size))
    pending: dict[Future[_BatchOutcome], int] = {}
    done_outcomes: list[_BatchOutcome] = []
    done_rows = 0
    stopped: str | None = None
    next_batch = 0
    if progress is not None:
        progress(0, rows)
    try:
        while next_batch < len(cut) or pending:
            if (
                time_budget is not None
                and 0 < next_batch < len(cut)
                and time.perf_counter() - started > time_budget
            ):
                stopped = "time budget"
                cut = cut[:next_batch]
            while next_batch < len(cut) and len(pending) < in_flight:
                first = cut[next_batch]
                last = min(first + size, rows)
                task = _Batch(
                    scenario,
                    plan,
                    tuple(column[first:last] for column in columns),
                    first,
                    ids[first:last],
                    seed,
                    lens_tuple,
                )
                pending[runner.submit(_run_batch, task)] = first
                next_batch += 1
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in finished:
                del pending[future]
                outcome = future.result()
                done_outcomes.append(outcome)
                done_rows += outcome.count
                if progress is not None:
                    progress(done_rows, rows)
    except KeyboardInterrupt:
        stopped = "interrupted"
    except Exception as exc:
        stopped = f"{type(exc).__name__}: {exc}"
    if stopped is not None:
        for future in pending:
            # Keep batches that finished while we were stopping; cancel the rest.
            if future.done() and not future.cancelled() and future.exception() is None:
                done_outcomes.append(future.result())
            else:
                future.cancel()
        if stopped == "interrupted":
            _terminate_processes(runner)
    done_outcomes.sort(key=lambda o: o.first_row)
    kept = (
        np.concatenate(
            [np.arange(o.first_row, o.first_row + o.count) for o in done_outcomes]
        ).astype(np.int64)
        if done_outcomes
        else np.zeros(0, dtype=np.int64)
    )
    keys: list[str] = []
    for outcome in done_outcomes:
        keys.extend(k for k in outcome.outputs if k not in keys)
    outputs = {}
    for key in keys:
        parts = [o.outputs.get(key, np.full(o.count, np.nan)) for o in done_outcomes]
        outputs[key] = np.concatenate(parts)
    failures: dict[str, tuple[int, int, str]] = {}
    for outcome in done_outcomes:
        for name, (count, first_draw, message) in outcome.failures.items():
            seen = failures.get(name)
            failures[name] = (
                (count, first_draw, message)
                if seen is None
                else (seen[0] + count, min(seen[1], first_draw), seen[2])
            )
    return Evaluation(
        rows=kept,
        outputs=outputs,
        failures=tuple(LensFailure(n, c, d, m) for n, (c, d, m) in failures.items()),
        stopped=stopped,
        seconds=time.perf_counter() - started,
    )


def run_nominal(scenario: Scenario, lenses: Sequence[Lens], seed: int) -> dict[str, float]:
    """Each lens's summary on the nominal scenario (every input at its nominal value)."""
    base = nominal_scenario(scenario)
    values: dict[str, float] = {}
    for lens in lenses:
        summary = _summarize(lens, base, _lens_generator(seed, NOMINAL_DRAW, lens.name))
        values.update({output_column(lens.name, k): float(v) for k, v in summary.items()})
    return values


def run_sweep(
    scenario: Scenario,
    draws: int,
    *,
    lenses: Sequence[str | Lens] | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
    workers: int = 1,
    batch_size: int | None = None,
    progress: ProgressCallback | None = None,
    time_budget: float | None = None,
) -> SweepResult:
    """Monte Carlo sweep: ``draws`` variants of ``scenario``, each run through ``lenses``.

    Every input's values come from its own stream of ``seed`` and each lens gets one stream
    per draw (:mod:`.seeding`), so the result is identical for any executor, worker count or
    batch size. ``seed=None`` draws a seed from the OS and records it in the result.
    ``executor`` defaults to running in this process; ``workers`` tells the runner how many
    tasks to keep in flight. A stopped sweep (Ctrl-C, executor failure, ``time_budget`` seconds
    spent) returns the completed draws with ``stopped`` set.
    """
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1:
        raise InputError(
            f"the number of draws must be a positive integer (got {draws!r})",
            hint="try --draws 1000",
        )
    if draws > MAX_DRAWS:
        raise InputError(
            f"{draws} draws is more than this version handles in one sweep ({MAX_DRAWS})",
            hint="split the sweep into several runs with different seeds",
        )
    if seed is None:
        seed = fresh_seed()
    if seed < 0:
        raise InputError(f"the seed must be a non-negative integer (got {seed})")
    chosen = select_lenses(nominal_scenario(scenario), lenses)
    inputs = find_inputs(scenario)
    plan = VariantPlan(inputs)
    columns = draw_columns(inputs, int(draws), seed)
    nominal = run_nominal(scenario, chosen, seed)
    evaluation = evaluate(
        scenario,
        plan,
        columns,
        chosen,
        seed=seed,
        executor=executor,
        workers=workers,
        batch_size=batch_size,
        progress=progress,
        time_budget=time_budget,
    )
    kept = evaluation.rows
    return SweepResult(
        scenario_id=scenario.id,
        seed=seed,
        requested=int(draws),
        lenses=tuple(lens.name for lens in chosen),
        inputs=inputs,
        draw=kept,
        input_values={i.name: i.encode(c[kept]) for i, c in zip(inputs, columns, strict=True)},
        outputs=evaluation.outputs,
        nominal=nominal,
        failures=evaluation.failures,
        stopped=evaluation.stopped,
        seconds=evaluation.seconds,
        parameters={"batch_size": batch_size, "workers": workers},
    )
