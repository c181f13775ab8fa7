"""GMCR engine at scale: states vs seconds vs peak memory (Nash, GMR, SMR, SEQ, all DMs).

Random option-form models (``gmcr_random.random_conflict``): 4 decision makers, 12..20 binary
options (2^12..2^20 codes, fewer feasible states because of mutually exclusive options), a fifth
of the options irreversible, rankings from 8 prioritization statements per DM. Each size runs in
a fresh subprocess so the peak resident memory (``ru_maxrss``) is that size's alone.

Target (issue 2): 2^20 codes in under 60 s and under 4 GB on a 2-core machine.

    python benchmarks/gmcr_scale.py [MIN_OPTIONS] [MAX_OPTIONS]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_one(n_options: int) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    from gmcr_random import random_conflict

    from detente.conflict import analyze_stability

    conflict, _ = random_conflict(n_options, 4, seed=n_options)
    start, cpu_start = time.perf_counter(), time.process_time()
    result = analyze_stability(conflict, ("nash", "gmr", "smr", "seq"))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "options": n_options,
        "states": conflict.n_states,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_bytes": peak,
        "equilibria": {c: len(result.equilibria(c)) for c in result.concepts},
    }


def main() -> None:
    low = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    high = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    print("GMCR stability (nash, gmr, smr, seq; 4 DMs), one subprocess per size")
    print(
        f"{'codes':>8} {'feasible states':>16} {'wall s':>8} {'CPU s':>8} {'peak RSS (MB)':>14}"
        "  equilibria"
    )
    for n_options in range(low, high + 1):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n_options)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{'2^' + str(n_options):>8} {row['states']:>16,} {row['seconds']:>8.2f} "
            f"{row['cpu_seconds']:>8.2f} "
            f"{row['peak_bytes'] / 2**20:>14.0f}  {row['equilibria']}",
            flush=True,
        )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main()
