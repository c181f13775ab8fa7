"""Sweeps (many draws of an uncertain scenario) through the uncertainty layer, when installed."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from detente.errors import DetenteError
from detente.scenario.model import Scenario
from detente.store import RunRecord

__all__ = ["MAX_SWEEP_DRAWS", "run_sweep", "sweeps_available"]

MAX_SWEEP_DRAWS = 5_000
"""Largest number of draws one web sweep may request (bounds CPU time per request)."""


def sweeps_available() -> bool:
    return importlib.util.find_spec("detente.uncertainty") is not None


def run_sweep(
    scenario: Scenario, record: RunRecord, progress: Callable[[float, str], None]
) -> dict[str, Any]:
    if not sweeps_available():
        raise DetenteError("sweeps need detente's uncertainty module, which is not installed")
    raise DetenteError("this version of the web app cannot drive the installed sweep runner")
