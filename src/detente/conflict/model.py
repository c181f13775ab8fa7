"""The compiled graph model that the GMCR engine analyses.

A :class:`Conflict` is the numeric form of a conflict: decision makers, options and who
controls them, the feasible states (as integer codes, first option = least significant bit),
each decision maker's preference as an integer score per state, the status quo, and either the
option-form move rule or explicit move lists. It is built from a scenario's ``conflict``
section by :func:`detente.conflict.compile.compile_conflict` or from a gmcr-py ``.gmcr`` file,
and never mutated. States are indexed 0..n-1 internally; the literature's ids are index + 1.

Sources: Kilgour, Hipel & Fang (1987), *Automatica* 23(1):41-55; Fang, Hipel & Kilgour (1993),
*Interactive Decision Making: The Graph Model for Conflict Resolution*, Wiley.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from detente.scenario.reversibility import Reversibility

__all__ = ["Conflict", "Reversibility"]


@dataclass(frozen=True, eq=False)
class Conflict:
    """A graph model ready for stability analysis.

    Attributes
    ----------
    decision_makers:
        Decision-maker ids, in model order.
    options:
        Option ids in the global option order (bit k of a code = option k).
    owner:
        For each option, the index of the decision maker that controls it.
    reversibility:
        For each option, the directions in which its controller may change it.
    codes:
        ``uint64`` array, one representative code per state, in state order. Without merged
        states the states are exactly the feasible codes in increasing order (the literature's
        numbering). A merged (aggregated) state is appended after them; its code has its
        don't-care options at N.
    patterns:
        Per state, its options as a Y/N string in option order; merged states show ``-`` for
        options that do not matter.
    payoff:
        ``int64`` array of shape (decision makers, states): higher is more preferred, equal is
        indifferent (a complete preorder).
    status_quo:
        Index of the status-quo state, if the model has one.
    explicit_moves:
        ``None`` for option form (moves derived from codes and reversibility). Otherwise one
        ``int64`` array of shape (m, 2) per decision maker listing every (from, to) move by
        state index; nothing else is a move.
    names:
        Optional human-readable names per state (e.g. "UR abandons").
    """

    decision_makers: tuple[str, ...]
    options: tuple[str, ...]
    owner: tuple[int, ...]
    reversibility: tuple[Reversibility, ...]
    codes: np.ndarray
    patterns: tuple[str, ...]
    payoff: np.ndarray
    status_quo: int | None = None
    explicit_moves: tuple[np.ndarray, ...] | None = None
    names: tuple[str | None, ...] | None = field(default=None)

    def __post_init__(self) -> None:
        n_dm, n_opt, n_states = len(self.decision_makers), len(self.options), len(self.codes)
        if n_dm < 2:
            raise ValueError("a conflict needs at least two decision makers")
        if len(self.owner) != n_opt or len(self.reversibility) != n_opt:
            raise ValueError("owner and reversibility need one entry per option")
        if any(not 0 <= o < n_dm for o in self.owner):
            raise ValueError("every option must be controlled by a known decision maker")
        if self.payoff.shape != (n_dm, n_states):
            raise ValueError(f"payoff must have shape ({n_dm}, {n_states})")
        if len(self.patterns) != n_states:
            raise ValueError("patterns need one entry per state")
        if self.status_quo is not None and not 0 <= self.status_quo < n_states:
            raise ValueError("status quo must index a state")
        if self.explicit_moves is not None and len(self.explicit_moves) != n_dm:
            raise ValueError("explicit moves need one array per decision maker")
        for array in (self.codes, self.payoff, *(self.explicit_moves or ())):
            array.setflags(write=False)

    @property
    def n_states(self) -> int:
        return len(self.codes)

    @property
    def n_decision_makers(self) -> int:
        return len(self.decision_makers)

    def state_id(self, index: int) -> int:
        """The literature's 1-based state number of state ``index``."""
        return index + 1

    def options_of(self, dm: int) -> tuple[int, ...]:
        """Indices of the options decision maker ``dm`` controls."""
        return tuple(k for k, o in enumerate(self.owner) if o == dm)

    def dm_index(self, dm_id: str) -> int:
        return self.decision_makers.index(dm_id)
