"""Per-round time of detente's KTAB SMP at 10 / 50 / 200 actors x 5 dimensions.

Run: ``.venv/bin/python benchmarks/bargaining_smp.py [--actors 10 50 200] [--rounds 2]``.

Prints, per size: seconds per full SMP round (risk inference, every initiator's challenge
estimates over all targets and third parties, bargains, queue votes), and the time of the
challenge step alone next to a plain Python loop reference implementation of the same step
(§2.7 of the reference document, transcribed loop by loop), with their ratio and a check that
both choose the same targets. Targets (issue #3): 50 x 5 < 0.1 s/round, 200 x 5 < 30 s/round
on 2 cores. KTAB's reported figures for its O(n^4) implementation: ~2 s/round at 50 actors,
~15 min/round at 200 (reference document §6).

KTAB's ``smpc`` is compared side by side only if an ``smpc`` executable is given with
``--smpc PATH`` (built by the user from KAPSARC/KTAB sources outside this repository; it is run
as ``smpc --logmin --connstr "Driver=QSQLITE;Database=bench" --csv FILE`` on the same random
inputs written as a KTAB CSV file, in a temporary directory). KTAB's time includes its own
convergence run, logging and SQLite output; the per-round figure divides by the rounds it logs.

Figures depend on the machine and its load; report them with the load average printed below.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from detente.bargaining.inputs import SpatialInputs
from detente.bargaining.options import SMPParameters
from detente.bargaining.risk import estimated_risk, salience_distance
from detente.bargaining.smp import _best_targets, _infer_risk, run_smp


def random_inputs(n: int, d: int, seed: int = 1) -> SpatialInputs:
    rng = np.random.default_rng(seed)
    raw = rng.uniform(0.05, 1, (n, d))
    salience = raw / raw.sum(axis=1, keepdims=True) * rng.uniform(0.5, 1.0, (n, 1))
    return SpatialInputs(
        actors=tuple(f"A{i:03d}" for i in range(n)),
        actor_names=tuple(f"A{i:03d}" for i in range(n)),
        dimensions=tuple(f"D{k}" for k in range(d)),
        dimension_labels=tuple(f"D{k}" for k in range(d)),
        capability=rng.uniform(10, 200, n),
        position=np.round(rng.uniform(0, 100, (n, d)), 2),
        salience=np.round(salience * 100, 2) / 100,
        low=np.zeros(d),
        high=np.full(d, 100.0),
    )


def loop_best_targets(
    distance: np.ndarray, rh: np.ndarray, weight: np.ndarray, sal: np.ndarray
) -> list[int]:
    """Plain-loop reference of the challenge step (h = i), Proportional vote, SemiCommit."""
    n = distance.shape[0]

    def u(d: float, r: float) -> float:
        return (1 - d) * (1 + min(d, 1.0) * r)

    targets = []
    for i in range(n):
        best, best_j = -np.inf, -1
        for j in range(n):
            if j == i:
                continue
            U = lambda a, b, i=i: u(distance[a, b], rh[i, a])  # noqa: E731
            vi = weight[i] * (U(i, i) - U(i, j))
            vj = weight[j] * (U(j, i) - U(j, j))
            ci = 1e-10 + max(vi, 0) + max(vj, 0)
            cj = 1e-10 + max(-vi, 0) + max(-vj, 0)
            ti, tj = ci, cj
            for k in range(n):
                if k in (i, j):
                    continue
                uki, ukj, ukk = U(k, i), U(k, j), U(k, k)
                vk = weight[k] * (uki - ukj)
                a = ci + max(vk, 0)
                b = cj + max(-vk, 0)
                p = a / (a + b)
                eu_i = p * (2 * uki + ukk) + (1 - p) * 3 * ukj
                eu_j = p * 3 * uki + (1 - p) * (2 * ukj + ukk)
                v = weight[k] * (eu_i - eu_j)
                ti += max(v, 0)
                tj += max(-v, 0)
            pij = ti / (ti + tj)
            uii, uij = U(i, i), U(i, j)
            s = sal[j]
            de = (1 - s) * 2 * uii + s * (pij * 2 * uii + (1 - pij) * 2 * uij) - (uii + uij)
            if de > best:
                best, best_j = de, j
        targets.append(best_j if best > 1e-5 else -1)
    return targets


def write_ktab_csv(inputs: SpatialInputs, path: Path) -> None:
    lines = [f"bench,random,{inputs.n_actors},{inputs.n_dimensions}"]
    lines.append(
        "Actor,Description,Power,"
        + ",".join(f"Pstn{k + 1},Sal{k + 1}" for k in range(inputs.n_dimensions))
    )
    for i, a in enumerate(inputs.actors):
        cells = [a, "", f"{inputs.capability[i]:.3f}"]
        for k in range(inputs.n_dimensions):
            cells += [f"{inputs.position[i, k]:.2f}", f"{inputs.salience[i, k] * 100:.2f}"]
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--dims", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--loop-max", type=int, default=200, help="largest n for the loop ref")
    parser.add_argument("--smpc", type=str, default=None, help="path to KTAB's smpc")
    parser.add_argument("--smpc-timeout", type=float, default=3600.0)
    parser.add_argument(
        "--smpc-max-actors",
        type=int,
        default=50,
        help="largest n run through smpc (KTAB needs ~15 min per round at 200)",
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}, cores: {os.cpu_count()}")
    smpc = args.smpc or shutil.which("smpc")
    if smpc is None:
        print("KTAB smpc: no executable given (--smpc PATH), so no side-by-side ratio.")
    print(
        f"{'actors':>6} {'dims':>4} {'s/round':>9} {'challenge s':>12} "
        f"{'loop ref s':>11} {'ratio':>7} {'same targets':>12}"
    )
    for n in args.actors:
        inputs = random_inputs(n, args.dims)
        params = SMPParameters(max_rounds=args.rounds, min_rounds=args.rounds)
        start = time.perf_counter()
        result = run_smp(inputs, params)
        per_round = (time.perf_counter() - start) / max(1, len(result.rounds))

        x = inputs.unit_positions()
        distance = salience_distance(x, x, inputs.salience)
        risk = _infer_risk(distance, inputs.capability, params)
        rh = estimated_risk(risk, params.big_r_adjust)
        weight = inputs.capability * inputs.salience.sum(axis=1)
        total = inputs.salience.sum(axis=1)
        start = time.perf_counter()
        vec_targets, _, _ = _best_targets(distance, rh, weight, total, params)
        vec_time = time.perf_counter() - start
        loop_time = float("nan")
        same = "-"
        if n <= args.loop_max:
            start = time.perf_counter()
            ref = loop_best_targets(distance, rh, weight, total)
            loop_time = time.perf_counter() - start
            same = str(ref == list(vec_targets))
        ratio = loop_time / vec_time if vec_time > 0 else float("nan")
        print(
            f"{n:>6} {args.dims:>4} {per_round:>9.4f} {vec_time:>12.4f} "
            f"{loop_time:>11.3f} {ratio:>7.0f} {same:>12}"
        )
        if smpc and n <= args.smpc_max_actors:
            with tempfile.TemporaryDirectory() as tmp:
                csv = Path(tmp) / "bench.csv"
                write_ktab_csv(inputs, csv)
                start = time.perf_counter()
                proc = subprocess.run(
                    [
                        smpc,
                        "--logmin",
                        "--connstr",
                        "Driver=QSQLITE;Database=bench",
                        "--csv",
                        str(csv),
                    ],
                    check=False,
                    cwd=tmp,
                    capture_output=True,
                    text=True,
                    timeout=args.smpc_timeout,
                )
                ktab = time.perf_counter() - start
                logs = sorted(Path(tmp).glob("smpc-*_log.txt"))
                # Without a logger configuration file smpc logs to stdout.
                text = proc.stdout + (logs[-1].read_text(errors="replace") if logs else "")
                ktab_rounds = text.count("Starting Model::run iteration")
            ktab_per_round = ktab / max(1, ktab_rounds)
            print(
                f"       KTAB smpc: {ktab:.2f} s for {ktab_rounds} rounds (exit "
                f"{proc.returncode}) = {ktab_per_round:.4f} s/round; KTAB / detente = "
                f"{ktab_per_round / per_round:.1f}x"
            )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
