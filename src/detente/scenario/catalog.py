"""The scenarios shipped with detente (the default: the 2025 Ukraine talks)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from detente.errors import InputError

__all__ = [
    "DEFAULT_SCENARIO",
    "ShippedScenario",
    "resolve_scenario_path",
    "shipped_path",
    "shipped_scenarios",
]

DEFAULT_SCENARIO = "ukraine-2025"
"""The scenario ``detente analyze`` and :func:`detente.analyze` use when given none."""


@dataclass(frozen=True)
class ShippedScenario:
    """A scenario file that ships inside the package: its name (file stem) and path."""

    name: str
    path: Path


def _directory() -> Path:
    return Path(str(resources.files("detente.scenario") / "shipped"))


def shipped_scenarios() -> list[ShippedScenario]:
    """Every shipped scenario, the default first, then by name."""
    found = [ShippedScenario(p.stem, p) for p in sorted(_directory().glob("*.yaml"))]
    return sorted(found, key=lambda s: (s.name != DEFAULT_SCENARIO, s.name))


def shipped_path(name: str = DEFAULT_SCENARIO) -> Path:
    """Path of a shipped scenario by name (file stem)."""
    for scenario in shipped_scenarios():
        if scenario.name == name:
            return scenario.path
    names = ", ".join(s.name for s in shipped_scenarios()) or "(none)"
    raise InputError(f"no shipped scenario named {name!r}", hint=f"shipped: {names}")


def resolve_scenario_path(name_or_path: str | Path | None) -> Path:
    """A scenario argument as a path: a file path, a shipped scenario's name, or None.

    None means the shipped default (:data:`DEFAULT_SCENARIO`). A string that names an existing
    file, has a suffix or contains a ``/`` is a path; otherwise it is looked up among the
    shipped scenarios, and when it is none of them it is returned as a path so that the loader
    reports "file not found" with the name as given.
    """
    if name_or_path is None:
        return shipped_path(DEFAULT_SCENARIO)
    path = Path(name_or_path)
    text = str(name_or_path)
    if path.exists() or path.suffix or "/" in text or not isinstance(name_or_path, str):
        return path
    try:
        return shipped_path(text)
    except InputError:
        return path
