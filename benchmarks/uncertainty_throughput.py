"""Throughput of Monte Carlo sweeps: draws/s per lens on 1 and 2 workers and on Dask.

Run from the repository root::

    .venv/bin/python benchmarks/uncertainty_throughput.py              # shipped default, 10,000 draws
    .venv/bin/python benchmarks/uncertainty_throughput.py FILE --draws 2000 --no-dask

For every lens that applies to the scenario, and for all of them together (the "full"
sweep), it times a sweep of ``--draws`` draws on a local process pool of 1 and of 2 workers
and on a Dask LocalCluster of 2 worker processes, and prints draws/s and the scaling
efficiency from 1 to 2 workers, ``(rate_2 / rate_1) / 2``. A "null" lens (returns a constant)
measures the runner's own per-draw overhead: building the variant, seeding the lens's
stream, shipping batches. Also checks that every backend gave identical results.

Timings on a shared machine vary with other load; report them with the load they ran under.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Mapping
from typing import Any

import numpy as np

from detente.cli.common import load_arg
from detente.lens import available_lenses
from detente.uncertainty.executors import open_backend
from detente.uncertainty.runner import SweepResult, run_sweep
from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs


class NullLens:
    """Does no analysis: what remains is the runner's own cost per draw."""

    name = "null"
    title = "Runner overhead"

    def applies(self, scenario: Any) -> bool:
        return True

    def run(self, scenario: Any, rng: np.random.Generator | None = None) -> float:
        return 0.0

    def summary(self, result: float) -> Mapping[str, float]:
        return {"zero": result}

    def to_json(self, result: float) -> dict[str, Any]:
        return {}


def _time(scenario: Any, draws: int, lenses: list[Any], backend: str, workers: int) -> SweepResult:
    with open_backend(backend, workers) as chosen:
        started = time.perf_counter()
        result = run_sweep(
            scenario,
            draws,
            lenses=lenses,
            seed=1,
            executor=chosen.executor,
            workers=chosen.workers,
        )
        elapsed = time.perf_counter() - started
    return SweepResult(**{**result.__dict__, "seconds": elapsed})


def _same(a: SweepResult, b: SweepResult) -> bool:
    return list(a.outputs) == list(b.outputs) and all(
        np.array_equal(a.outputs[k], b.outputs[k], equal_nan=True) for k in a.outputs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=None)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--only-full", action="store_true", help="skip per-lens rows")
    args = parser.parse_args()

    scenario = load_arg(args.scenario)
    inputs = find_inputs(scenario)
    lenses = [lens for lens in available_lenses().values() if lens.applies(scenario)]
    print(
        f"scenario {scenario.id}: {len(inputs)} uncertain inputs, lenses: "
        f"{', '.join(lens.name for lens in lenses) or 'none'}; {args.draws:,} draws; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    plan = VariantPlan(inputs)
    columns = draw_columns(inputs, min(args.draws, 5000), 1) if inputs else []
    started = time.perf_counter()
    rows = len(columns[0]) if columns else 0
    for row in range(rows):
        plan.apply(scenario, [c[row] for c in columns])
    if rows:
        print(f"variant construction alone: {rows / (time.perf_counter() - started):,.0f} draws/s")

    cases: list[tuple[str, list[Any]]] = [("null (runner overhead)", [NullLens()])]
    if not args.only_full:
        cases += [(lens.name, [lens]) for lens in lenses]
    if len(lenses) > 1 or (args.only_full and lenses):
        cases.append(("full (" + "+".join(lens.name for lens in lenses) + ")", lenses))
    header = f"{'lens':<40} {'1 worker':>12} {'2 workers':>12} {'dask 2':>12} {'eff 1->2':>9}"
    print(header)
    print("-" * len(header))
    for label, chosen in cases:
        one = _time(scenario, args.draws, chosen, "processes", 1)
        two = _time(scenario, args.draws, chosen, "processes", 2)
        rates = [one.completed / one.seconds, two.completed / two.seconds]
        identical = _same(one, two)
        dask_cell = "-"
        if not args.no_dask:
            on_dask = _time(scenario, args.draws, chosen, "dask-local", 2)
            rates.append(on_dask.completed / on_dask.seconds)
            identical = identical and _same(one, on_dask)
            dask_cell = f"{rates[2]:,.0f}/s"
        efficiency = rates[1] / rates[0] / 2
        print(
            f"{label:<40} {rates[0]:>10,.0f}/s {rates[1]:>10,.0f}/s {dask_cell:>12} "
            f"{efficiency:>8.0%}" + ("" if identical else "  RESULTS DIFFER")
        )
        if label.startswith("full"):
            print(
                f"  {args.draws:,} draws of the full scenario: {one.seconds:.1f} s on 1 worker, "
                f"{two.seconds:.1f} s on 2 workers (target < 60 s on 2 cores)"
            )


if __name__ == "__main__":
    main()
