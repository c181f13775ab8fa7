"""``detente conflict --json`` at scale: building the JSON document against solving the model.

A seeded random option-form model (``gmcr_random.random_conflict``; 4 decision makers, 18
binary options by default, 3/4 of the codes feasible, so about 2^17.6 states) with *strict* rankings (a
random permutation of the states per decision maker, the worst case for the preference lists:
one tie class per state). Times :func:`detente.conflict.lens.analyze_conflict` (Nash, GMR, SMR,
SEQ and the status-quo paths; SIM with strict rankings is a separate, slower question) and :func:`detente.conflict.lens.conflict_json` on its result, and
the ratio; also the old quadratic ``_ranking`` (one comparison of every level with every state)
on the first decision maker's ranking, for the record.

Target (issue 12): the JSON document within 20 % of the solve time at 2^17 states.

    python benchmarks/gmcr_json.py [N_OPTIONS]
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gmcr_random import random_conflict

from detente.conflict.lens import _ranking, analyze_conflict, conflict_json

CORE = ("nash", "gmr", "smr", "seq")


def _quadratic_ranking(payoff: np.ndarray, limit: int) -> float:
    """Seconds of the old per-level comparison over the first ``limit`` levels, scaled up."""
    levels = np.unique(payoff)[::-1]
    start = time.perf_counter()
    for level in levels[:limit]:
        [int(k) + 1 for k in np.flatnonzero(payoff == level)]
    return (time.perf_counter() - start) * len(levels) / min(limit, len(levels))


def main() -> None:
    n_options = int(sys.argv[1]) if len(sys.argv) > 1 else 18
    base, _ = random_conflict(n_options, 4, seed=n_options)
    rng = np.random.default_rng(n_options)
    strict = np.stack([rng.permutation(base.n_states) for _ in range(4)]).astype(np.int64)
    conflict = dataclasses.replace(base, payoff=strict)
    start = time.perf_counter()
    result = analyze_conflict(conflict, CORE)
    solve = time.perf_counter() - start
    start = time.perf_counter()
    document = conflict_json(result)
    build = time.perf_counter() - start
    start = time.perf_counter()
    _ranking(conflict.payoff[0])
    one = time.perf_counter() - start
    old = _quadratic_ranking(np.asarray(conflict.payoff[0]), 2000)
    print(f"states {conflict.n_states:,} (2^{np.log2(conflict.n_states):.2f}), 4 DMs, strict")
    print(f"solve (analyze_conflict, {', '.join(result.stability.concepts)}): {solve:8.2f} s")
    print(f"conflict_json:                          {build:8.2f} s  ({build / solve:.1%} of solve)")
    print(f"_ranking, one DM: {one:.3f} s; old quadratic version (extrapolated): {old:.1f} s")
    print(
        f"preference lists in the document: {sum(len(v) for v in document['preferences'].values()):,}"
    )


if __name__ == "__main__":
    main()
