"""detente's GMCR engine side by side with the plain reference solver and, if present, gmcr-py.

One random option-form model with 2^12 codes (3,072 feasible states), 4 decision makers
(``gmcr_random.random_conflict(12, 4, seed=12)``); concepts Nash, GMR, SMR and SEQ for every
decision maker and state.

- detente: :func:`detente.conflict.analyze_stability`.
- reference: the per-state definitions in ``tests/conflict/reference_solver.py``. It needs
  hours on the whole model, so it is timed on a random sample of (DM, state) pairs and the time
  is extrapolated linearly (its work is per pair); its verdicts are checked against detente's
  on the sample.
- gmcr-py (onp/gmcr-py, GMCR+; proprietary end-user agreement: run unmodified as a behavioural
  oracle, never copied into detente). Set ``GMCR_PY_PATH`` to a directory holding its
  ``data_01_conflictModel.py``, ``data_02_conflictSolvers.py``, ``data_03_gmcrUtilities.py`` and
  ``version.py``; it is skipped when absent. The model goes to it as a ``.gmcr`` file (in a
  temporary directory) and it is timed on Nash, GMR, SMR and SEQ for every (DM, state), as its
  own ``LogicalSolver.findEquilibria`` computes them. Its GMR/SMR/SEQ differ from the
  definitions for 3+ DMs (each opponent moves at most once), so only Nash is expected to agree.

    GMCR_PY_PATH=/tmp/gmcr-py python benchmarks/gmcr_vs_reference.py [SAMPLE_PAIRS]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from gmcr_random import exclusive_pairs, random_conflict

from detente.conflict import analyze_stability

CONCEPTS = ("nash", "gmr", "smr", "seq")


def time_detente(conflict, repeat: int = 3):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = analyze_stability(conflict, CONCEPTS)
        best = min(best, time.perf_counter() - start)
    return best, result


def time_reference(conflict, result, sample: int, seed: int = 0):
    from conflict import reference_solver

    rng = np.random.default_rng(seed)
    pairs = conflict.n_decision_makers * conflict.n_states
    chosen = rng.choice(pairs, size=min(sample, pairs), replace=False)
    only = {(int(p) // conflict.n_states, int(p) % conflict.n_states) for p in chosen}
    start = time.perf_counter()
    table = reference_solver.solve(conflict, only=only)
    seconds = time.perf_counter() - start
    mismatches = sum(
        table[c][i][s] != bool(result.stable[c][i, s]) for c in CONCEPTS for i, s in only
    )
    return seconds * pairs / len(only), seconds, len(only), mismatches


def gmcr_file(conflict, statements) -> dict:
    """The model as a gmcr-py save file (options already grouped by DM)."""

    def condition(literals):
        return [[k, v] for k, v in literals]

    def preference(statement):
        kind, literals = statement
        if kind == "or":
            return {"compound": True, "members": [condition([lit]) for lit in literals]}
        return condition(literals)

    direction = {"both": "both", "forward_only": "fwd", "backward_only": "back"}
    return {
        "program": "gmcr-py",
        "useManualPreferenceRanking": False,
        "options": [
            {"name": name, "permittedDirection": direction[str(rev)]}
            for name, rev in zip(conflict.options, conflict.reversibility, strict=True)
        ],
        "decisionMakers": [
            {
                "name": name,
                "options": list(conflict.options_of(j)),
                "preferences": [preference(s) for s in statements[j]],
            }
            for j, name in enumerate(conflict.decision_makers)
        ],
        "infeasibles": [[[a, "Y"], [b, "Y"]] for a, b in exclusive_pairs(list(conflict.owner))],
    }


def time_gmcr_py(path: str, conflict, statements):
    sys.path.insert(0, path)
    import data_01_conflictModel as gmodel  # type: ignore[import-not-found]
    import data_02_conflictSolvers as gsolvers  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "model.gmcr"
        file.write_text(json.dumps(gmcr_file(conflict, statements)))
        start = time.perf_counter()
        model = gmodel.ConflictModel()
        model.load_from_file(str(file))
        solver = gsolvers.LogicalSolver(model)
        n = len(model.feasibles)
        tables = {c: np.zeros((len(solver.effectiveDMs), n), dtype=bool) for c in CONCEPTS}
        for concept in CONCEPTS:
            check = getattr(solver, concept)
            for i, dm in enumerate(solver.effectiveDMs):
                for state in range(n):
                    tables[concept][i, state] = check(dm, state)[0]
        seconds = time.perf_counter() - start
    return seconds, n, tables


def main() -> None:
    sample = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    conflict, statements = random_conflict(12, 4, seed=12)
    print(
        f"model: 2^12 codes, {conflict.n_states:,} feasible states, "
        f"{conflict.n_decision_makers} DMs; concepts {', '.join(CONCEPTS)}"
    )
    det_seconds, result = time_detente(conflict)
    print(f"detente        {det_seconds:10.3f} s  (best of 3)")
    ref_total, ref_seconds, ref_pairs, mismatches = time_reference(conflict, result, sample)
    print(
        f"reference      {ref_total:10.1f} s  (extrapolated from {ref_seconds:.1f} s on "
        f"{ref_pairs} sampled (DM, state) pairs; {mismatches} verdict mismatches)  "
        f"ratio {ref_total / det_seconds:,.0f}x"
    )
    path = os.environ.get("GMCR_PY_PATH")
    if not path or not Path(path, "data_02_conflictSolvers.py").exists():
        print("gmcr-py        skipped (set GMCR_PY_PATH to a local copy of onp/gmcr-py)")
        return
    g_seconds, g_states, tables = time_gmcr_py(path, conflict, statements)
    if g_states != conflict.n_states:
        print(f"gmcr-py        {g_seconds:10.1f} s  ({g_states:,} states: numbering differs)")
        return
    differ = {c: int((tables[c] != result.stable[c]).sum()) for c in CONCEPTS}
    print(
        f"gmcr-py        {g_seconds:10.1f} s  ratio {g_seconds / det_seconds:,.0f}x; "
        f"(DM, state) verdicts that differ from detente: {differ}"
    )
    print(
        "               (Nash must agree; GMR/SMR/SEQ may differ where a sanction needs an "
        "opponent to move twice, which gmcr-py does not allow)"
    )


if __name__ == "__main__":
    main()
