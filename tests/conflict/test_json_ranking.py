"""The JSON preference lists (``_ranking``) equal the definition: tie classes of state ids,
most preferred first, ids increasing within a class."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from detente.conflict.lens import _ranking


def _by_definition(payoff: np.ndarray) -> list[list[int]]:
    levels = sorted(set(payoff.tolist()), reverse=True)
    return [[k + 1 for k, v in enumerate(payoff.tolist()) if v == level] for level in levels]


@given(st.lists(st.integers(-(2**40), 2**40) | st.integers(0, 5), min_size=0, max_size=60))
def test_ranking_matches_definition(values: list[int]) -> None:
    payoff = np.asarray(values, dtype=np.int64)
    assert _ranking(payoff) == _by_definition(payoff)


def test_strict_ranking_is_one_class_per_state() -> None:
    payoff = np.random.default_rng(1).permutation(5000).astype(np.int64)
    ranking = _ranking(payoff)
    assert len(ranking) == 5000
    assert [c[0] for c in ranking] == (np.argsort(-payoff) + 1).tolist()
