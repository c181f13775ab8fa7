"""Feasible states of an option-form model: patterns, enumeration, numbering, aggregation.

A state is a vector of binary option values; its integer code has the first option as the least
significant bit (option k contributes 2^k when taken). Infeasible states are given as patterns
over {Y, N, -} in option order (Fang, Hipel, Kilgour & Peng 2003, *IEEE Trans. SMC-C*
33(1):42-55); a code matches a pattern when ``code & care == value``. Feasible states are
numbered 1, 2, ... in increasing code order, the numbering of GMCR II tables and gmcr-py.
Published models sometimes aggregate states that differ only in irrelevant options (the Elmira
model's state 9, Hipel et al. 1997); such user-declared merges are appended after the
binary-ordered states, in declaration order.

Everything here is vectorised over ``uint64`` code arrays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from detente.scenario.statements import Expression, evaluate

__all__ = [
    "MAX_OPTIONS",
    "MergeSpec",
    "StateSpace",
    "build_state_space",
    "feasible_mask",
    "option_form_moves",
    "pattern_mask",
    "yn_strings",
]

MAX_OPTIONS = 40
"""Beyond this the candidate codes cannot be enumerated at all (2^40 codes)."""


def pattern_mask(pattern: str) -> tuple[int, int]:
    """``(care, value)`` of a Y/N/- pattern: bit k of care set where position k is Y or N."""
    care = value = 0
    for k, ch in enumerate(pattern):
        if ch in "YN":
            care |= 1 << k
            if ch == "Y":
                value |= 1 << k
        elif ch != "-":
            raise ValueError(f"pattern character {ch!r} at position {k + 1}; use Y, N or -")
    return care, value


def matches(codes: np.ndarray, pattern: tuple[int, int]) -> np.ndarray:
    care, value = pattern
    hit: np.ndarray = (codes & np.uint64(care)) == np.uint64(value)
    return hit


def feasible_mask(codes: np.ndarray, infeasible: Sequence[tuple[int, int]]) -> np.ndarray:
    """True for codes matching none of the infeasible ``(care, value)`` patterns."""
    mask = np.ones(len(codes), dtype=bool)
    for pattern in infeasible:
        mask &= ~matches(codes, pattern)
    return mask


def yn_strings(codes: np.ndarray, n_options: int) -> list[str]:
    """Y/N string (option order) for every code, built as one character array."""
    if len(codes) == 0:
        return []
    shifts = np.arange(n_options, dtype=np.uint64)
    bits = ((codes[:, None] >> shifts[None, :]) & np.uint64(1)).astype(bool)
    chars = np.where(bits, ord("Y"), ord("N")).astype(np.uint8)
    return [row.decode("ascii") for row in chars.view(f"S{n_options}").ravel().tolist()]


@dataclass(frozen=True)
class MergeSpec:
    """A user-declared aggregate state: every feasible state matching ``pattern``."""

    pattern: str
    name: str | None = None


@dataclass(frozen=True, eq=False)
class StateSpace:
    """The numbered states of a model.

    ``codes[i]`` is state i's code (a merged state's representative is its smallest member);
    ``patterns[i]`` its Y/N(/-) string; ``member_state`` maps every feasible candidate code
    (``feasible_codes``, increasing) to its state index.
    """

    n_options: int
    feasible_codes: np.ndarray
    member_state: np.ndarray
    codes: np.ndarray
    patterns: tuple[str, ...]
    names: tuple[str | None, ...]
    n_plain: int

    @property
    def n_states(self) -> int:
        return len(self.codes)

    def state_of_code(self, code: int) -> int | None:
        """Index of the state containing feasible ``code``; None if the code is infeasible."""
        at = int(np.searchsorted(self.feasible_codes, np.uint64(code)))
        if at < len(self.feasible_codes) and int(self.feasible_codes[at]) == code:
            return int(self.member_state[at])
        return None


class MergeError(ValueError):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def build_state_space(
    n_options: int,
    infeasible: Sequence[tuple[int, int]],
    merges: Sequence[MergeSpec] = (),
    *,
    conditions: Sequence[Expression] = (),
    bit_of: Mapping[str, int] | None = None,
) -> StateSpace:
    """Enumerate and number the feasible states (callers check the scale first).

    ``infeasible`` are ``(care, value)`` patterns; ``conditions`` are statements whose
    satisfying states are infeasible too (option ids resolved through ``bit_of``).

    Raises :class:`MergeError` for a merge that matches no feasible state or overlaps an
    earlier one.
    """
    if n_options > MAX_OPTIONS:
        raise ValueError(f"{n_options} options cannot be enumerated (limit {MAX_OPTIONS})")
    candidates = np.arange(1 << n_options, dtype=np.uint64)
    keep = feasible_mask(candidates, infeasible)
    for condition in conditions:
        keep &= ~evaluate(condition, candidates, bit_of or {})
    feasible = candidates[keep]
    del candidates
    owner = np.full(len(feasible), -1, dtype=np.int64)
    for index, merge in enumerate(merges):
        member = matches(feasible, pattern_mask(merge.pattern))
        if not member.any():
            raise MergeError(index, "this merge pattern matches no feasible state")
        if (owner[member] >= 0).any():
            other = int(owner[member][owner[member] >= 0][0])
            raise MergeError(
                index, f"this merge overlaps merge {other + 1}; merges must be disjoint"
            )
        owner[member] = index
    plain = owner < 0
    n_plain = int(plain.sum())
    member_state = np.empty(len(feasible), dtype=np.int64)
    member_state[plain] = np.arange(n_plain, dtype=np.int64)
    member_state[~plain] = n_plain + owner[~plain]
    representatives = [int(feasible[owner == index][0]) for index in range(len(merges))]
    codes = np.concatenate([feasible[plain], np.asarray(representatives, dtype=np.uint64)]).astype(
        np.uint64
    )
    patterns = yn_strings(feasible[plain], n_options) + [m.pattern for m in merges]
    names: list[str | None] = [None] * n_plain
    names += [m.name for m in merges]
    return StateSpace(
        n_options=n_options,
        feasible_codes=feasible,
        member_state=member_state,
        codes=codes,
        patterns=tuple(patterns),
        names=tuple(names),
        n_plain=n_plain,
    )


def option_form_moves(
    space: StateSpace,
    controlled: Sequence[int],
    forward_only: int,
    backward_only: int,
    *,
    chunk: int = 2048,
) -> np.ndarray:
    """Option-form moves of one decision maker as (from, to) state-index pairs.

    Kilgour, Hipel & Fang (1987): the DM may change any of its own options (several at once),
    each in a permitted direction, to reach a feasible state that agrees on every other option.
    Computed over the feasible candidate codes and mapped to states, so a merged state moves
    wherever any of its members can; moves inside a merged state vanish. Used only for small
    models that need explicit move lists (merges, hand-edited moves, misperceptions): the
    comparison is dense, O(F^2) in the F feasible candidate codes.
    """
    own = 0
    for k in controlled:
        own |= 1 << k
    own_mask = np.uint64(own)
    codes = space.feasible_codes
    pairs: list[np.ndarray] = []
    for start in range(0, len(codes), chunk):
        source = codes[start : start + chunk][:, None]
        changed = source ^ codes[None, :]
        legal = (changed & ~own_mask) == 0
        legal &= changed != 0
        up = changed & codes[None, :]  # N -> Y
        down = changed & source  # Y -> N
        legal &= (up & np.uint64(backward_only)) == 0
        legal &= (down & np.uint64(forward_only)) == 0
        rows, cols = np.nonzero(legal)
        pairs.append(np.stack([space.member_state[rows + start], space.member_state[cols]], axis=1))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    moves = np.concatenate(pairs)
    moves = moves[moves[:, 0] != moves[:, 1]]
    return np.unique(moves, axis=0).astype(np.int64)
