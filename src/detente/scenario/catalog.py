"""The scenarios shipped with detente (the default: the 2025 Ukraine talks)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from detente.errors import InputError

__all__ = ["DEFAULT_SCENARIO", "ShippedScenario", "shipped_path", "shipped_scenarios"]

DEFAULT_SCENARIO = "ukraine-2025"


@dataclass(frozen=True)
class ShippedScenario:
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
