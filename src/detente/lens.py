"""The contract every lens implements, and the registry that finds them.

A lens (conflict, bargaining, deterrence, ratification, ...) is an object implementing
:class:`Lens`. Lenses are registered as entry points in the ``detente.lenses`` group of
``pyproject.toml``; the uncertainty layer, the reports and the web app discover them through
:func:`available_lenses` and never name a lens in their code, so adding a lens means adding
its module and one entry-point line.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

import numpy as np

from detente.scenario.model import Scenario

__all__ = ["Lens", "available_lenses", "lens"]


@runtime_checkable
class Lens(Protocol):
    """One way of analysing a scenario.

    ``run`` must be a pure function of the scenario (and of ``rng`` for lenses with random
    choices): it never prints or reads files and returns an immutable result that carries its
    own explanations. ``summary`` flattens a result into the lens's headline answers as
    numbers, with keys that depend only on the scenario's structure (not on its numbers), so
    that many draws of one scenario can be stacked into a table. ``to_json`` gives the
    JSON-ready document that ``--json`` prints.
    """

    name: str
    title: str

    def applies(self, scenario: Scenario) -> bool: ...

    def run(self, scenario: Scenario, rng: np.random.Generator | None = None) -> Any: ...

    def summary(self, result: Any) -> Mapping[str, float]: ...

    def to_json(self, result: Any) -> dict[str, Any]: ...


@cache
def available_lenses() -> dict[str, Lens]:
    """Every registered lens by name, in registration (entry-point name) order."""
    found: dict[str, Lens] = {}
    for point in sorted(entry_points(group="detente.lenses"), key=lambda p: p.name):
        obj = point.load()
        instance = obj() if isinstance(obj, type) else obj
        found[instance.name] = instance
    return found


def lens(name: str) -> Lens:
    from detente.errors import InputError

    lenses = available_lenses()
    if name not in lenses:
        raise InputError(f"unknown lens {name!r}", hint=f"available: {', '.join(lenses)}")
    return lenses[name]
