"""The frozen result of a GMCR stability analysis.

A :class:`StabilityResult` records, for every solution concept analysed, a Boolean table
``stable[concept][dm, state]``: whether the state is stable for that decision maker under the
concept. Equilibria under a concept are the states stable for every decision maker (Fang, Hipel &
Kilgour 1993, *Interactive Decision Making: The Graph Model for Conflict Resolution*, Wiley,
ch. 4). State ids returned by the methods are the literature's 1-based numbers; array positions
are 0-based state indices.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

import numpy as np

from detente.conflict.model import Conflict
from detente.errors import InputError

__all__ = ["CONCEPTS", "CONCEPT_TITLES", "SimVariant", "StabilityResult"]

#: Solution concepts in the order presenters show them.
#: nash: Nash stability (R); gmr: general metarationality; smr: symmetric metarationality;
#: seq: sequential stability; sim: simultaneous stability; seqsim: SEQ-stable or SIM-stable.
CONCEPTS: tuple[str, ...] = ("nash", "gmr", "smr", "seq", "sim", "seqsim")

#: Short display names.
CONCEPT_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "nash": "Nash",
        "gmr": "GMR",
        "smr": "SMR",
        "seq": "SEQ",
        "sim": "SIM",
        "seqsim": "SEQ+SIM",
    }
)


class SimVariant(StrEnum):
    """How simultaneous stability (SIM) treats conflicts with more than two decision makers.

    SIM is defined for two decision makers (Fang, Hipel & Kilgour 1993, ch. 4 [recheck]): a UI
    s1 of DM i from s is sanctioned when some UI s2 of the opponent j from s makes s1 (+) s2 (i's
    options from s1, j's options from s2) a feasible state that i likes no better than s. For
    two decision makers both variants below are that definition.

    PAIRWISE
        For n DMs, each single opponent's UI combined with i's UI (the other opponents stay).
    ANY_SUBSET
        gmcr-py's n-DM extension: any non-empty subset of opponents, each playing one of its
        own UIs from s, simultaneously with i's UI. Unlike gmcr-py, every UI of i is checked
        against every combination (gmcr-py shares one exhausted iterator between UIs).

    The default is ANY_SUBSET: it contains PAIRWISE (so PAIRWISE-stable implies
    ANY_SUBSET-stable), it does not deny a sanction merely because two opponents would have to
    act at once, and it is the meaning the only other public engine gives SIM, so results stay
    comparable with it.
    """

    PAIRWISE = "pairwise"
    ANY_SUBSET = "any_subset"


DEFAULT_SIM_VARIANT = SimVariant.ANY_SUBSET


@dataclass(frozen=True)
class StabilityResult:
    """Stability of every state for every decision maker under each analysed concept.

    Attributes
    ----------
    conflict:
        The analysed model.
    concepts:
        The concepts analysed, a subset of :data:`CONCEPTS` in that order.
    stable:
        concept -> read-only ``bool`` array of shape (decision makers, states).
    sim_variant:
        The n-DM reading of SIM used (irrelevant for two decision makers).
    """

    conflict: Conflict
    concepts: tuple[str, ...]
    stable: Mapping[str, np.ndarray]
    sim_variant: SimVariant = DEFAULT_SIM_VARIANT

    def __post_init__(self) -> None:
        shape = (self.conflict.n_decision_makers, self.conflict.n_states)
        tables: dict[str, np.ndarray] = {}
        for concept in self.concepts:
            if concept not in CONCEPTS:
                raise ValueError(f"unknown concept {concept!r}")
            table = np.array(self.stable[concept], dtype=bool)
            if table.shape != shape:
                raise ValueError(f"stable[{concept!r}] must have shape {shape}")
            table.setflags(write=False)
            tables[concept] = table
        object.__setattr__(self, "stable", MappingProxyType(tables))

    def _table(self, concept: str) -> np.ndarray:
        try:
            return self.stable[concept]
        except KeyError:
            raise InputError(
                f"concept {concept!r} was not analysed",
                hint=f"analysed: {', '.join(self.concepts) or 'none'}",
            ) from None

    def _dm(self, dm: str | int) -> int:
        if isinstance(dm, str):
            try:
                return self.conflict.dm_index(dm)
            except ValueError:
                raise InputError(
                    f"unknown decision maker {dm!r}",
                    hint=f"known: {', '.join(self.conflict.decision_makers)}",
                ) from None
        if not 0 <= dm < self.conflict.n_decision_makers:
            raise InputError(f"decision maker index {dm} out of range")
        return int(dm)

    def stable_states(self, concept: str, dm: str | int) -> list[int]:
        """1-based ids of the states stable for ``dm`` (id or index) under ``concept``."""
        row = self._table(concept)[self._dm(dm)]
        return (np.flatnonzero(row) + 1).tolist()

    def equilibria(self, concept: str) -> list[int]:
        """1-based ids of the states stable for every decision maker under ``concept``."""
        return (np.flatnonzero(self._table(concept).all(axis=0)) + 1).tolist()

    def is_stable(self, concept: str, dm: str | int, state_index: int) -> bool:
        """Whether state ``state_index`` (0-based) is stable for ``dm`` under ``concept``."""
        if not 0 <= state_index < self.conflict.n_states:
            raise InputError(f"state index {state_index} out of range")
        return bool(self._table(concept)[self._dm(dm), state_index])
