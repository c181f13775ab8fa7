"""Directions in which an option may be changed (a property of each option in the file format)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Reversibility"]


class Reversibility(StrEnum):
    """Which direction an option may be changed in (gmcr-py: both / fwd / back)."""

    BOTH = "both"
    FORWARD_ONLY = "forward_only"  # only N -> Y
    BACKWARD_ONLY = "backward_only"  # only Y -> N
