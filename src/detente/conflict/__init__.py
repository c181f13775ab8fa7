"""Conflict-stability lens: the Graph Model for Conflict Resolution (GMCR)."""

from __future__ import annotations

from detente.conflict.model import Conflict, Reversibility

__all__ = ["Conflict", "Reversibility"]
