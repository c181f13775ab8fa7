"""Small constructors of :class:`Conflict` objects for tests (independent of the scenario format)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from detente.conflict.model import Conflict, Reversibility


def feasible_codes(n_options: int, infeasible: Sequence[str] = ()) -> np.ndarray:
    """Codes (first option = least significant bit) not matching any Y/N/- pattern."""
    codes = np.arange(1 << n_options, dtype=np.uint64)
    bad = np.zeros(len(codes), dtype=bool)
    for pattern in infeasible:
        care = sum(1 << k for k, ch in enumerate(pattern) if ch != "-")
        value = sum(1 << k for k, ch in enumerate(pattern) if ch == "Y")
        bad |= (codes & np.uint64(care)) == np.uint64(value)
    return codes[~bad]


def pattern_of(code: int, n_options: int) -> str:
    return "".join("Y" if (int(code) >> k) & 1 else "N" for k in range(n_options))


def ranking_payoff(ranking: Sequence[int | Sequence[int]], n_states: int) -> np.ndarray:
    """Scores from a ranking of 1-based state ids, most preferred first (nested = tie)."""
    pay = np.full(n_states, -1, dtype=np.int64)
    for position, entry in enumerate(ranking):
        for state in [entry] if isinstance(entry, int) else entry:
            pay[state - 1] = len(ranking) - position
    assert (pay >= 0).all(), "ranking must cover every state"
    return pay


def option_conflict(
    decision_makers: Sequence[str],
    options: Sequence[str],
    owner: Sequence[int],
    payoff: np.ndarray,
    *,
    reversibility: Sequence[Reversibility] | None = None,
    infeasible: Sequence[str] = (),
    status_quo: int | None = None,
) -> Conflict:
    codes = feasible_codes(len(options), infeasible)
    return Conflict(
        decision_makers=tuple(decision_makers),
        options=tuple(options),
        owner=tuple(owner),
        reversibility=tuple(reversibility or [Reversibility.BOTH] * len(options)),
        codes=codes,
        patterns=tuple(pattern_of(c, len(options)) for c in codes),
        payoff=np.asarray(payoff, dtype=np.int64),
        status_quo=status_quo,
    )
