"""The bounds every input is held to before it can cost much time or memory.

A scenario file is read, parsed and validated by one loader whether it comes from the command
line or from the web app, so each of these limits holds on both. Each is checked as the input
is read (never trusted from a file's reported size) and a breach is a located
:class:`~detente.errors.ScenarioError`, never a traceback or an unbounded computation.
``docs/security.md`` lists them for users.
"""

from __future__ import annotations

__all__ = [
    "MAX_MAGNITUDE",
    "MAX_NESTING",
    "MAX_SCENARIO_BYTES",
    "MAX_STATEMENT_DEPTH",
    "MAX_VALUES",
]

MAX_SCENARIO_BYTES = 5_000_000
"""Largest scenario file, in bytes, counted while reading."""

MAX_NESTING = 64
"""Deepest nesting of mappings and lists in a YAML document (a real scenario needs about 8)."""

MAX_VALUES = 1_000_000
"""Most values (scalars, mappings and lists) a YAML document may expand to, counting every use
of an alias as a copy of what it names: this is what stops an alias bomb."""

MAX_MAGNITUDE = 1e15
"""Largest absolute value of a number in a scenario. Beyond it sums and products of inputs
overflow or lose all precision, and no quantity of a negotiation model is that large."""

MAX_STATEMENT_DEPTH = 32
"""Deepest nesting of parentheses and negations in one option-prioritization statement."""
