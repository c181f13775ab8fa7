"""Speed of Senate vote distributions (run: ``.venv/bin/python benchmarks/ratification_votes.py``).

Measures:
1. 10^5 exact yea-count distributions of a 100-member Senate with full attendance (Poisson-
   binomial recursion, batched over distributions, O(n²) each);
2. exact joint (yeas, nays) distributions with attendance (two-dimensional recursion, O(n³)
   each), on a smaller batch, reported as distributions per second;
3. the whole chamber distribution with party shocks (two caucuses, 16-node Gauss–Hermite
   quadrature) as one call of the engine uses it, by the O(n³) recursion and by the O(n²)
   thinning identity (one turnout probability per bloc);
4. ``assess_ratification`` on the shipped scenario;
5. per-draw CPU time of the lens on drawn variants of the shipped scenario (what ``detente
   sweep`` pays): ``summary(run(...))`` against the ``sweep_summary`` fast path.

Figures depend on the machine and its load; print them, never assert them.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from detente.ratification.distribution import (
    Bloc,
    chamber_distribution,
    yea_count_distribution,
    yea_nay_distribution,
)


def timed(label: str, count: int, fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<58} {count:>8,} in {elapsed:8.3f} s  = {count / elapsed:12,.0f} /s")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="full-attendance distributions")
    parser.add_argument(
        "--joint-count", type=int, default=2_000, help="distributions with attendance"
    )
    parser.add_argument("--chunk", type=int, default=10_000)
    parser.add_argument("--draws", type=int, default=100, help="drawn scenario variants")
    args = parser.parse_args()
    rng = np.random.default_rng(2025)
    n = 100

    def full_attendance() -> None:
        for start in range(0, args.count, args.chunk):
            size = min(args.chunk, args.count - start)
            p = rng.random((size, n))
            dist = yea_count_distribution(p)
            assert np.allclose(dist.sum(axis=1), 1.0)

    timed(f"Poisson-binomial, n = {n}, full attendance", args.count, full_attendance)

    def with_attendance() -> None:
        chunk = 4
        for start in range(0, args.joint_count, chunk):
            size = min(chunk, args.joint_count - start)
            p = rng.random((size, n))
            a = rng.uniform(0.9, 1.0, (size, n))
            yea_nay_distribution(a * p, a * (1 - p))

    timed(f"joint (yeas, nays), n = {n}, with attendance", args.joint_count, with_attendance)

    p = rng.random(n)
    vote = np.full(n, 0.98)
    zero = np.zeros(n)
    blocs = [Bloc(p[:53], vote[:53], zero[:53], 0.5), Bloc(p[53:], vote[53:], zero[53:], 0.5)]
    reps = 50
    timed(
        "chamber with party shocks (2 caucuses, 16 nodes), recursion",
        reps,
        lambda: [chamber_distribution(blocs, nodes=16) for _ in range(reps)],
    )
    timed(
        "chamber with party shocks (2 caucuses, 16 nodes), thinning",
        reps,
        lambda: [chamber_distribution(blocs, nodes=16, method="thinning") for _ in range(reps)],
    )

    from detente.ratification.engine import assess_ratification
    from detente.scenario import load_scenario, shipped_path

    scenario = load_scenario(shipped_path("ukraine-2025"))
    timed(
        "assess_ratification(ukraine-2025), 6 proposals",
        3,
        lambda: [assess_ratification(scenario) for _ in range(3)],
    )

    from detente.ratification.lens import RatificationLens
    from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs

    inputs = find_inputs(scenario)
    plan = VariantPlan(inputs)
    columns = draw_columns(inputs, args.draws, seed=2025)
    drawn = [plan.apply(scenario, [c[i] for c in columns]) for i in range(args.draws)]
    lens = RatificationLens()
    for label, fn in (
        ("summary(run(draw))", lambda v: lens.summary(lens.run(v))),
        ("sweep_summary(draw)", lens.sweep_summary),
    ):
        start = time.process_time()
        for variant in drawn:
            fn(variant)
        cpu = time.process_time() - start
        print(f"ratification lens, {label:<28} {1000 * cpu / args.draws:8.2f} ms CPU per draw")


if __name__ == "__main__":
    main()
