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

from typing import TYPE_CHECKING

from detente._exports import lazy_exports

# Public names and the module defining each; imported on first use (PEP 562) so that
# `import detente.uncertainty.runner` (and every CLI start) does not pay for pandas.
_EXPORTS = {
    "OutputSummary": ".aggregate",
    "summarize": ".aggregate",
    "summary_frame": ".aggregate",
    "sweep_to_json": ".present",
    "to_frame": ".aggregate",
    "wilson_interval": ".aggregate",
    "write_parquet": ".aggregate",
    "summary_json": ".present",
    "Backend": ".executors",
    "InProcessExecutor": ".executors",
    "open_backend": ".executors",
    "SweepResult": ".runner",
    "evaluate": ".runner",
    "run_nominal": ".runner",
    "run_sweep": ".runner",
    "select_lenses": ".runner",
    "FlipResult": ".sensitivity",
    "MorrisResult": ".sensitivity",
    "SobolResult": ".sensitivity",
    "TornadoResult": ".sensitivity",
    "flip_points": ".sensitivity",
    "morris_screening": ".sensitivity",
    "rank_correlations": ".sensitivity",
    "sensitivity_to_json": ".present",
    "sobol_indices": ".sensitivity",
    "tornado": ".sensitivity",
    "UncertainInput": ".variants",
    "VariantPlan": ".variants",
    "draw_columns": ".variants",
    "find_inputs": ".variants",
    "nominal_scenario": ".variants",
    "DealSweep": ".deals",
    "deal_sweep": ".deals",
    "SearchResult": ".deal_search",
    "run_search": ".deal_search",
}

if TYPE_CHECKING:
    from detente.uncertainty.aggregate import (
        OutputSummary,
        summarize,
        summary_frame,
        to_frame,
        wilson_interval,
        write_parquet,
    )
    from detente.uncertainty.deal_search import SearchResult, run_search
    from detente.uncertainty.deals import DealSweep, deal_sweep
    from detente.uncertainty.executors import (
        Backend,
        InProcessExecutor,
        open_backend,
    )
    from detente.uncertainty.present import (
        sensitivity_to_json,
        summary_json,
        sweep_to_json,
    )
    from detente.uncertainty.runner import (
        SweepResult,
        evaluate,
        run_nominal,
        run_sweep,
        select_lenses,
    )
    from detente.uncertainty.sensitivity import (
        FlipResult,
        MorrisResult,
        SobolResult,
        TornadoResult,
        flip_points,
        morris_screening,
        rank_correlations,
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

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "Backend",
    "DealSweep",
    "FlipResult",
    "InProcessExecutor",
    "MorrisResult",
    "OutputSummary",
    "SearchResult",
    "SobolResult",
    "SweepResult",
    "TornadoResult",
    "UncertainInput",
    "VariantPlan",
    "deal_sweep",
    "draw_columns",
    "evaluate",
    "find_inputs",
    "flip_points",
    "morris_screening",
    "nominal_scenario",
    "open_backend",
    "rank_correlations",
    "run_nominal",
    "run_search",
    "run_sweep",
    "select_lenses",
    "sensitivity_to_json",
    "sobol_indices",
    "summarize",
    "summary_frame",
    "summary_json",
    "sweep_to_json",
    "to_frame",
    "tornado",
    "wilson_interval",
    "write_parquet",
]
