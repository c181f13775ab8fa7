"""Hypothesis strategies for random graph models (shared by the conflict tests).

Models have 2-4 decision makers and 2-7 binary options, random ownership and reversibility,
random infeasible Y/N/- patterns, tied preferences (scores drawn from a small range), and
optionally explicit move lists.
"""

from __future__ import annotations

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from detente.conflict.model import Conflict, Reversibility

from .builders import feasible_codes, pattern_of

REVERSIBILITIES = (Reversibility.BOTH, Reversibility.FORWARD_ONLY, Reversibility.BACKWARD_ONLY)


@st.composite
def conflicts(
    draw: st.DrawFn,
    *,
    min_dms: int = 2,
    max_dms: int = 4,
    min_options: int = 2,
    max_options: int = 6,
    explicit: bool | None = False,
    reversible_only: bool = False,
    strict: bool = False,
) -> Conflict:
    """A random :class:`Conflict`; ``explicit=None`` lets hypothesis choose the move form."""
    n_dm = draw(st.integers(min_dms, max_dms))
    n_opt = draw(st.integers(max(min_options, n_dm), max(max_options, n_dm)))
    owner = list(range(n_dm)) + draw(
        st.lists(st.integers(0, n_dm - 1), min_size=n_opt - n_dm, max_size=n_opt - n_dm)
    )
    owner = draw(st.permutations(owner))
    if reversible_only:
        reversibility = [Reversibility.BOTH] * n_opt
    else:
        reversibility = draw(
            st.lists(st.sampled_from(REVERSIBILITIES), min_size=n_opt, max_size=n_opt)
        )
    infeasible = draw(
        st.lists(
            st.text(alphabet="YN--", min_size=n_opt, max_size=n_opt).filter(
                lambda p: p.count("-") < len(p)
            ),
            max_size=3,
        )
    )
    codes = feasible_codes(n_opt, infeasible)
    assume(len(codes) >= 2)
    n = len(codes)
    if strict:
        payoff = np.array([draw(st.permutations(range(n))) for _ in range(n_dm)], dtype=np.int64)
    else:
        high = draw(st.integers(1, n))
        payoff = np.array(
            [draw(st.lists(st.integers(0, high), min_size=n, max_size=n)) for _ in range(n_dm)],
            dtype=np.int64,
        )
    use_explicit = draw(st.booleans()) if explicit is None else explicit
    moves = None
    if use_explicit:
        moves = tuple(
            np.array(
                draw(
                    st.lists(
                        st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                        max_size=2 * n,
                    )
                ),
                dtype=np.int64,
            ).reshape(-1, 2)
            for _ in range(n_dm)
        )
    return Conflict(
        decision_makers=tuple(f"D{j}" for j in range(n_dm)),
        options=tuple(f"o{k}" for k in range(n_opt)),
        owner=tuple(owner),
        reversibility=tuple(reversibility),
        codes=codes,
        patterns=tuple(pattern_of(c, n_opt) for c in codes),
        payoff=payoff,
        explicit_moves=moves,
    )
