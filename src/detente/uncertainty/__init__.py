"""Uncertainty: many scenarios drawn from one, any lens run on any executor, sensitivities.

Typical use from Python::

    from detente.scenario import load_scenario
    from detente.uncertainty import run_sweep, to_frame, summarize, open_backend

    scenario = load_scenario("my-scenario.yaml")
    with open_backend("processes") as backend:
        result = run_sweep(scenario, 10_000, seed=1, executor=backend.executor,
                           workers=backend.workers)
    table = to_frame(result)          # one row per draw
    headline = summarize(result)      # mean, sd, quantiles; probabilities with Wilson CIs
"""

from detente.uncertainty.aggregate import (
    OutputSummary,
    summarize,
    summary_frame,
    to_frame,
    wilson_interval,
    write_parquet,
)
from detente.uncertainty.executors import Backend, InProcessExecutor, open_backend
from detente.uncertainty.runner import SweepResult, evaluate, run_nominal, run_sweep, select_lenses
from detente.uncertainty.sensitivity import (
    FlipResult,
    MorrisResult,
    SobolResult,
    TornadoResult,
    flip_points,
    morris_screening,
    sobol_indices,
    tornado,
)
from detente.uncertainty.variants import (
    UncertainInput,
    VariantPlan,
    draw_columns,
    find_inputs,
    nominal_scenario,
)

__all__ = [
    "Backend",
    "FlipResult",
    "InProcessExecutor",
    "MorrisResult",
    "OutputSummary",
    "SobolResult",
    "SweepResult",
    "TornadoResult",
    "UncertainInput",
    "VariantPlan",
    "draw_columns",
    "evaluate",
    "find_inputs",
    "flip_points",
    "morris_screening",
    "nominal_scenario",
    "open_backend",
    "run_nominal",
    "run_sweep",
    "select_lenses",
    "sobol_indices",
    "summarize",
    "summary_frame",
    "to_frame",
    "tornado",
    "wilson_interval",
    "write_parquet",
]
