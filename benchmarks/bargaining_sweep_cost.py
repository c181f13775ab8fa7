"""Per-draw CPU cost of the bargaining lens in a sweep: full run + summary vs the fast path.

Run from the repository root::

    .venv/bin/python benchmarks/bargaining_sweep_cost.py [FILE] [--draws 200] [--seed 0]

Draws ``--draws`` variants of the scenario (default: the shipped one) exactly as
``detente sweep`` does, then times, in this process (CPU time, ``time.process_time``),
``summary(run(variant, rng))`` and, when the lens has one, ``sweep_summary(variant, rng)`` on
the same variants, checks that both give identical answers, and prints ms per draw. Timings on
a shared machine vary with other load; report them with the load they ran under.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from detente.bargaining.lens import BargainingLens
from detente.cli.common import load_arg
from detente.uncertainty.runner import _lens_generator
from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=None)
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    scenario = load_arg(args.scenario)
    inputs = find_inputs(scenario)
    plan = VariantPlan(inputs)
    columns = draw_columns(inputs, args.draws, args.seed)
    variants = [plan.apply(scenario, [c[row] for c in columns]) for row in range(args.draws)]
    lens = BargainingLens()

    def rng(draw: int) -> np.random.Generator | None:
        return _lens_generator(args.seed, draw, lens.name)

    started = time.process_time()
    full = [lens.summary(lens.run(v, rng(d))) for d, v in enumerate(variants)]
    full_ms = 1000 * (time.process_time() - started) / args.draws
    print(f"{scenario.id}: {args.draws} draws (CPU time; shared machine, figures vary with load)")
    print(f"  summary(run(...))   {full_ms:8.2f} ms/draw")
    fast_path = getattr(lens, "sweep_summary", None)
    if callable(fast_path):
        started = time.process_time()
        fast = [fast_path(v, rng(d)) for d, v in enumerate(variants)]
        fast_ms = 1000 * (time.process_time() - started) / args.draws
        same = all(dict(a) == dict(b) for a, b in zip(full, fast, strict=True))
        print(f"  sweep_summary(...)  {fast_ms:8.2f} ms/draw  (identical: {same})")


if __name__ == "__main__":
    main()
