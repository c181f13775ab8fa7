"""Compile a scenario's ``conflict`` section into the :class:`~detente.conflict.model.Conflict`
the stability engine analyses.

Feasible states are numbered as in the literature (increasing code, first option = least
significant bit; Fang, Hipel, Kilgour & Peng 2003), user-declared merged states are appended;
each decision maker's payoff comes from its option-prioritization statements (statement k of K
weighs 2^(K-1-k); Fang et al. 2003) or from its ranking. Moves are option form (derived by the
engine from codes and reversibility) unless the section declares merges or explicit moves, in
which case every decision maker gets an explicit move list (Kilgour, Hipel & Fang 1987).
Everything over states is vectorised, so 2^20-state models compile in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from detente.conflict.limits import ensure_fits
from detente.conflict.model import Conflict, Reversibility
from detente.errors import InputError, ScaleError
from detente.scenario.conflict_section import ConflictSection, Preferences, RankEntry
from detente.scenario.state_space import StateSpace, option_form_moves
from detente.scenario.statements import evaluate, parse_statement, prioritization_scores

__all__ = ["MAX_EXPLICIT_STATES", "compile_conflict", "dense_ranks", "ranking_scores"]

MAX_EXPLICIT_STATES = 1 << 13
"""Explicit move lists (merges, hand-written moves) are derived by dense comparison; models
that need them are published case studies far below this size."""


def dense_ranks(scores: np.ndarray) -> np.ndarray:
    """Scores compressed to consecutive ranks 0..r-1 (higher = more preferred), order kept."""
    _, inverse = np.unique(scores, return_inverse=True)
    return inverse.astype(np.int64).reshape(scores.shape)


def ranking_scores(ranking: Sequence[RankEntry], n_states: int) -> np.ndarray:
    """Scores from a ranking of 1-based state ids, most preferred first (nested = tie)."""
    scores = np.full(n_states, -1, dtype=np.int64)
    for position, entry in enumerate(ranking):
        ids = entry if isinstance(entry, tuple) else (entry,)
        scores[np.asarray(ids, dtype=np.int64) - 1] = len(ranking) - 1 - position
    if (scores < 0).any():
        missing = (np.flatnonzero(scores < 0) + 1).tolist()
        raise ValueError(f"ranking omits states {missing}")
    return scores


def preference_scores(
    preferences: Preferences, codes: np.ndarray, bit_of: dict[str, int]
) -> np.ndarray:
    """One decision maker's payoff over the states (its nominal preference)."""
    chosen = preferences.nominal()
    if chosen.ranking is not None:
        return ranking_scores(chosen.ranking, len(codes))
    assert chosen.statements is not None
    truths = [evaluate(parse_statement(s.statement), codes, bit_of) for s in chosen.statements]
    return dense_ranks(prioritization_scores(truths))


def _explicit_moves(section: ConflictSection, space: StateSpace) -> tuple[np.ndarray, ...]:
    if len(space.feasible_codes) > MAX_EXPLICIT_STATES:
        raise ScaleError(
            f"this conflict declares merged states or explicit moves over "
            f"{len(space.feasible_codes):,} feasible states; explicit move lists are limited "
            f"to {MAX_EXPLICIT_STATES:,}",
            hint="drop `merge` and `moves` to use option-form moves, which scale to 2^20 states",
        )
    options = section.options()
    forward_only = sum(
        1 << k for k, o in enumerate(options) if o.reversibility is Reversibility.FORWARD_ONLY
    )
    backward_only = sum(
        1 << k for k, o in enumerate(options) if o.reversibility is Reversibility.BACKWARD_ONLY
    )
    owners = section.owners()
    given = section.moves or {}
    out = []
    for index, dm in enumerate(section.decision_makers):
        if dm.id in given:
            pairs = np.asarray(given[dm.id], dtype=np.int64).reshape(-1, 2) - 1
            out.append(np.unique(pairs, axis=0) if len(pairs) else pairs)
        else:
            controlled = [k for k, o in enumerate(owners) if o == index]
            out.append(option_form_moves(space, controlled, forward_only, backward_only))
    return tuple(out)


def compile_conflict(section: ConflictSection) -> Conflict:
    """Build the engine's :class:`Conflict` from a validated ``conflict`` section.

    Raises
    ------
    ScaleError
        Before enumerating, if 2^options candidate states would not fit.
    """
    option_ids = section.option_ids()
    n_options = len(option_ids)
    ensure_fits(2**n_options, len(section.decision_makers), what="candidate states")
    space = section.state_space()
    if space.n_states == 0:  # validation reports this at its line for up to 22 options
        raise InputError(
            "the conflict's constraints leave no feasible state",
            hint="check `infeasible` for contradictory constraints",
        )
    try:
        status_quo = section.status_quo_index(space)
    except ValueError as error:
        raise InputError(f"conflict.status_quo: {error}") from None
    bit_of = section.bit_of()
    payoff = np.stack(
        [preference_scores(dm.preferences, space.codes, bit_of) for dm in section.decision_makers]
    )
    explicit = _explicit_moves(section, space) if (section.merge or section.moves) else None
    return Conflict(
        decision_makers=tuple(section.dm_ids()),
        options=tuple(option_ids),
        owner=tuple(section.owners()),
        reversibility=tuple(o.reversibility for o in section.options()),
        codes=space.codes,
        patterns=space.patterns,
        payoff=payoff,
        status_quo=status_quo,
        explicit_moves=explicit,
        names=space.names if any(n is not None for n in space.names) else None,
    )
