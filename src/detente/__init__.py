"""detente: analyse peace negotiations and security guarantees.

The public API is organised by lens: :mod:`detente.scenario` (the scenario model and file
format), :mod:`detente.conflict` (Graph Model for Conflict Resolution stability analysis), and
the further lenses as they land. The CLI (:mod:`detente.cli`) is a thin layer over these.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
