"""detente: analyse peace negotiations and security guarantees.

The Python API is the product's spine: the command line, the report and the web app are thin
layers over the same functions a notebook user calls.

- :func:`load` gives a validated :class:`Scenario` from a file path, a shipped scenario's
  name, YAML text or a dict (every way runs the same complete validation).
- :func:`analyze` runs every lens that applies and returns a frozen :class:`Analysis`: each
  lens's typed, numbers-only result and its headline answers, plus a quick seeded sweep of
  the scenario's uncertain inputs giving each answer's spread.
- One package per lens exports its engines: :mod:`detente.conflict` (Graph Model for Conflict
  Resolution), :mod:`detente.bargaining` (spatial bargaining models),
  :mod:`detente.deterrence` (perfect deterrence games), :mod:`detente.ratification` (Senate
  vote models); :mod:`detente.uncertainty` sweeps and ranks sensitivities;
  :mod:`detente.report` writes the HTML report; :mod:`detente.store` keeps scenarios, dated
  revisions and runs.

Example
-------
>>> import detente
>>> scenario = detente.load("elmira")
>>> detente.analyze(scenario, draws=0)["conflict"].summary["equilibrium.seq.9"]
1.0

Names are imported on first use (PEP 562), so ``import detente`` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente._exports import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "load": "detente.scenario.loader",
    "Scenario": "detente.scenario.model",
    "analyze": "detente.analysis",
    "Analysis": "detente.analysis",
    "LensAnalysis": "detente.analysis",
    "UncertaintySummary": "detente.analysis",
    "available_lenses": "detente.lens",
    "shipped_scenarios": "detente.scenario.catalog",
    "DetenteError": "detente.errors",
    "InputError": "detente.errors",
    "ScenarioError": "detente.errors",
}

if TYPE_CHECKING:
    from detente.analysis import Analysis, LensAnalysis, UncertaintySummary, analyze
    from detente.errors import DetenteError, InputError, ScenarioError
    from detente.lens import available_lenses
    from detente.scenario.catalog import shipped_scenarios
    from detente.scenario.loader import load
    from detente.scenario.model import Scenario

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "Analysis",
    "DetenteError",
    "InputError",
    "LensAnalysis",
    "Scenario",
    "ScenarioError",
    "UncertaintySummary",
    "__version__",
    "analyze",
    "available_lenses",
    "load",
    "shipped_scenarios",
]
