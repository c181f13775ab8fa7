"""Random GMCR models for the benchmarks (seeded; statements as NumPy bit tests).

A model of ``n_options`` binary options split over ``n_dms`` decision makers in contiguous
groups; the first two options of decision maker 0 are mutually exclusive (one infeasible Y-Y
pattern, so three quarters of the codes are feasible states); a fifth of the options (rounded) are irreversible, alternately
forward-only and backward-only; each DM ranks states by option prioritization (Fang, Hipel,
Kilgour & Peng 2003, *IEEE Trans. SMC-C* 33(1):42-55): K statements, each a literal, or an
``&`` / ``|`` of two literals, statement k weighing 2^(K-1-k).
"""

from __future__ import annotations

import numpy as np

from detente.conflict.model import Conflict, Reversibility


def _literal(codes: np.ndarray, rng: np.random.Generator, n_options: int) -> tuple[np.ndarray, str]:
    k = int(rng.integers(n_options))
    taken = ((codes >> np.uint64(k)) & np.uint64(1)).astype(bool)
    if rng.random() < 0.5:
        return ~taken, f"-o{k}"
    return taken, f"o{k}"


def random_conflict(
    n_options: int, n_dms: int = 4, *, n_statements: int = 8, seed: int = 0
) -> tuple[Conflict, list[list[str]]]:
    """A seeded random option-form model and each DM's statements (for the record)."""
    rng = np.random.default_rng(seed)
    owner = [min(k * n_dms // n_options, n_dms - 1) for k in range(n_options)]
    codes = np.arange(1 << n_options, dtype=np.uint64)
    feasible = np.ones(len(codes), dtype=bool)
    for dm in range(1):
        mine = [k for k in range(n_options) if owner[k] == dm]
        if len(mine) >= 2:
            both = np.uint64((1 << mine[0]) | (1 << mine[1]))
            feasible &= (codes & both) != both
    codes = codes[feasible]
    reversibility = [Reversibility.BOTH] * n_options
    irreversible = rng.choice(n_options, size=round(n_options / 5), replace=False)
    for position, k in enumerate(sorted(irreversible.tolist())):
        reversibility[k] = (
            Reversibility.FORWARD_ONLY if position % 2 == 0 else Reversibility.BACKWARD_ONLY
        )
    payoff = np.zeros((n_dms, len(codes)), dtype=np.int64)
    statements: list[list[str]] = []
    for dm in range(n_dms):
        texts = []
        for k in range(n_statements):
            truth, text = _literal(codes, rng, n_options)
            kind = rng.integers(3)
            if kind:
                other, other_text = _literal(codes, rng, n_options)
                truth = truth & other if kind == 1 else truth | other
                text = f"{text} {'&' if kind == 1 else '|'} {other_text}"
            payoff[dm] += truth.astype(np.int64) << (n_statements - 1 - k)
            texts.append(text)
        statements.append(texts)
    patterns = tuple(
        "".join("Y" if (int(c) >> k) & 1 else "N" for k in range(n_options)) for c in codes
    ) if n_options <= 14 else tuple([""] * len(codes))
    conflict = Conflict(
        decision_makers=tuple(f"DM{j}" for j in range(n_dms)),
        options=tuple(f"o{k}" for k in range(n_options)),
        owner=tuple(owner),
        reversibility=tuple(reversibility),
        codes=codes,
        patterns=patterns,
        payoff=payoff,
        status_quo=0,
    )
    return conflict, statements
