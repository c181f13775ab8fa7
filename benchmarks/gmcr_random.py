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

Literal = tuple[int, str]  # (option index, "Y" | "N")
Statement = tuple[str, tuple[Literal, ...]]  # ("lit" | "and" | "or", literals)


def _literal(
    codes: np.ndarray, rng: np.random.Generator, n_options: int, avoid: int = -1
) -> tuple[np.ndarray, Literal]:
    k = int(rng.integers(n_options - 1 if avoid >= 0 else n_options))
    if 0 <= avoid <= k:  # two literals of one statement use different options
        k += 1
    taken = ((codes >> np.uint64(k)) & np.uint64(1)).astype(bool)
    if rng.random() < 0.5:
        return ~taken, (k, "N")
    return taken, (k, "Y")


def statement_text(statement: Statement) -> str:
    kind, literals = statement
    words = [f"{'' if v == 'Y' else '-'}o{k}" for k, v in literals]
    return f" {'&' if kind == 'and' else '|'} ".join(words)


def owners(n_options: int, n_dms: int) -> list[int]:
    """Contiguous groups of options per decision maker, in DM order."""
    return [min(k * n_dms // n_options, n_dms - 1) for k in range(n_options)]


def exclusive_pairs(owner: list[int]) -> list[tuple[int, int]]:
    """The mutually exclusive option pairs: DM 0's first two options."""
    mine = [k for k, o in enumerate(owner) if o == 0]
    return [(mine[0], mine[1])] if len(mine) >= 2 else []


def random_conflict(
    n_options: int, n_dms: int = 4, *, n_statements: int = 8, seed: int = 0
) -> tuple[Conflict, list[list[Statement]]]:
    """A seeded random option-form model and each DM's statements, most important first."""
    rng = np.random.default_rng(seed)
    owner = owners(n_options, n_dms)
    codes = np.arange(1 << n_options, dtype=np.uint64)
    feasible = np.ones(len(codes), dtype=bool)
    for first, second in exclusive_pairs(owner):
        both = np.uint64((1 << first) | (1 << second))
        feasible &= (codes & both) != both
    codes = codes[feasible]
    reversibility = [Reversibility.BOTH] * n_options
    irreversible = rng.choice(n_options, size=round(n_options / 5), replace=False)
    for position, k in enumerate(sorted(irreversible.tolist())):
        reversibility[k] = (
            Reversibility.FORWARD_ONLY if position % 2 == 0 else Reversibility.BACKWARD_ONLY
        )
    payoff = np.zeros((n_dms, len(codes)), dtype=np.int64)
    statements: list[list[Statement]] = []
    for dm in range(n_dms):
        mine: list[Statement] = []
        while len(mine) < n_statements:  # distinct statements (gmcr-py drops repeats)
            truth, first = _literal(codes, rng, n_options)
            kind = int(rng.integers(3))
            literals: tuple[Literal, ...] = (first,)
            if kind:
                other, second = _literal(codes, rng, n_options, avoid=first[0])
                truth = truth & other if kind == 1 else truth | other
                literals = tuple(sorted((first, second)))
            statement = (("lit", "and", "or")[kind], literals)
            if statement in mine:
                continue
            payoff[dm] += truth.astype(np.int64) << (n_statements - 1 - len(mine))
            mine.append(statement)
        statements.append(mine)
    patterns = (
        tuple("".join("Y" if (int(c) >> k) & 1 else "N" for k in range(n_options)) for c in codes)
        if n_options <= 14
        else tuple([""] * len(codes))
    )
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
