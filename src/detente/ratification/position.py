"""A proposal's position as a roll call, and moves of its cutting line towards the status quo.

A one-dimensional position (treaty T, status quo q; Krehbiel 1998) is the roll call with
midpoint ((T + q)/2, 0) and spread ((q − T)/2, 0), so that o_yea = T and o_nay = q in the
Voteview convention (Poole & Rosenthal 1997). Moving the cutting line by δ towards the status
quo moves T by 2δ (q held) in one dimension, and the midpoint by δ along the line's normal
(spread held) for a roll call; either way every member's support score rises by δ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.ratification import nominate
from detente.scenario.quantity import nominal
from detente.scenario.ratification_section import (
    OneDimensionalPosition,
    Proposal,
    RollCallPosition,
)

__all__ = [
    "SEARCH_LIMIT",
    "RollCall",
    "bisect",
    "move",
    "move_limit",
    "position_dict",
]

SEARCH_LIMIT = 1.5
"""Largest move of a roll call's cutting line (first-dimension units) the searches try."""


@dataclass(frozen=True)
class RollCall:
    """A proposal's position as a roll call: midpoint m, spread d (o_yea = m − d)."""

    midpoint: tuple[float, float]
    spread: tuple[float, float]

    @classmethod
    def of(cls, proposal: Proposal) -> RollCall:
        pos = proposal.position
        if pos is None:
            raise ValueError(f"proposal {proposal.id!r} has no position")
        if isinstance(pos, RollCallPosition):
            return cls(
                (nominal(pos.midpoint[0]), nominal(pos.midpoint[1])),
                (nominal(pos.spread[0]), nominal(pos.spread[1])),
            )
        t, q = nominal(pos.treaty), nominal(pos.status_quo)
        return cls(((t + q) / 2.0, 0.0), ((q - t) / 2.0, 0.0))

    def shifted(self, delta: float, w: float) -> RollCall:
        normal = nominate.cutline_normal(self.spread, w)
        m = np.asarray(self.midpoint) + delta * normal
        return RollCall((float(m[0]), float(m[1])), self.spread)


def move_limit(proposal: Proposal) -> float:
    """How far the cutting line can move towards the status quo: to q itself in one dimension."""
    if isinstance(proposal.position, OneDimensionalPosition):
        return abs(nominal(proposal.position.treaty) - nominal(proposal.position.status_quo)) / 2.0
    return SEARCH_LIMIT


def move(proposal: Proposal, roll: RollCall, delta: float, w: float) -> RollCall:
    """The roll call with its cutting line moved ``delta`` towards the status quo.

    One dimension: the treaty T moves, the status quo q stays (c = (T + q)/2 moves by delta, T
    by 2·delta). A roll call: the midpoint moves along the cutting line's normal, spread kept.
    """
    if isinstance(proposal.position, OneDimensionalPosition):
        t, q = nominal(proposal.position.treaty), nominal(proposal.position.status_quo)
        sign = 1.0 if t > q else -1.0
        t_new = t - 2.0 * sign * delta
        return RollCall(((t_new + q) / 2.0, 0.0), ((q - t_new) / 2.0, 0.0))
    return roll.shifted(delta, w)


def position_dict(proposal: Proposal, roll: RollCall) -> dict[str, Any]:
    if isinstance(proposal.position, OneDimensionalPosition):
        q = nominal(proposal.position.status_quo)
        return {
            "kind": "one_dimensional",
            "treaty": round(2 * roll.midpoint[0] - q, 4),
            "status_quo": q,
        }
    return {
        "kind": "roll_call",
        "midpoint": [round(roll.midpoint[0], 4), round(roll.midpoint[1], 4)],
        "spread": list(roll.spread),
    }


def bisect(
    f: Callable[[float], float], target: float, lo: float, hi: float, iterations: int = 30
) -> float:
    for _ in range(iterations):
        mid = (lo + hi) / 2
        if f(mid) >= target:
            hi = mid
        else:
            lo = mid
    return hi
