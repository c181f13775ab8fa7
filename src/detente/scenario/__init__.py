"""The scenario model and its file format (YAML, ``format: detente/1``)."""

from __future__ import annotations

from detente.scenario.catalog import DEFAULT_SCENARIO, shipped_path, shipped_scenarios
from detente.scenario.common import Documented, Identifier
from detente.scenario.loader import load, load_scenario, load_scenario_data, load_scenario_text
from detente.scenario.model import FORMAT, Actor, Scenario, Source
from detente.scenario.quantity import Distribution, Quantity, bounded, is_uncertain, nominal

__all__ = [
    "DEFAULT_SCENARIO",
    "FORMAT",
    "Actor",
    "Distribution",
    "Documented",
    "Identifier",
    "Quantity",
    "Scenario",
    "Source",
    "bounded",
    "is_uncertain",
    "load",
    "load_scenario",
    "load_scenario_data",
    "load_scenario_text",
    "nominal",
    "shipped_path",
    "shipped_scenarios",
]
