"""JSON documents of the uncertainty layer's results: sweeps, output summaries, sensitivities.

The engines (:mod:`.runner`, :mod:`.aggregate`, :mod:`.sensitivity`) return frozen results
of numbers; this module shapes them into the documents ``detente sweep --json`` and ``detente
sensitivity --json`` print and the web app stores. NaN and infinities become ``null``.
See :mod:`detente.uncertainty.sensitivity` for the methods' references.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

import numpy as np

from detente.uncertainty.aggregate import OutputSummary, summarize
from detente.uncertainty.runner import SweepResult
from detente.uncertainty.sensitivity.flips import FlipResult
from detente.uncertainty.sensitivity.morris import MorrisResult
from detente.uncertainty.sensitivity.screening import rank_correlations
from detente.uncertainty.sensitivity.sobol import SobolResult
from detente.uncertainty.sensitivity.tornado import TornadoResult

__all__ = ["sensitivity_to_json", "summary_json", "sweep_to_json"]


def summary_json(summary: OutputSummary) -> dict[str, Any]:
    """One output's distribution over a sweep as JSON-ready values."""
    document = asdict(summary)
    for name in ("nominal", "mean", "sd", "probability", "low", "high"):
        document[name] = _clean(document[name])
    document["quantiles"] = {k: _clean(v) for k, v in summary.quantiles.items()}
    if summary.levels is None:
        del document["levels"]
    return document


def _clean(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def sweep_to_json(result: SweepResult, top_sensitivities: int = 3) -> dict[str, Any]:
    """The JSON document of a sweep: parameters, per-output summaries, rank sensitivities."""
    meta = result.metadata()
    correlations = rank_correlations(result.input_values, result.outputs, top_sensitivities)
    return {
        "scenario": result.scenario_id,
        "seed": result.seed,
        "draws": {"requested": result.requested, "completed": result.completed},
        "complete": result.complete,
        "stopped": result.stopped,
        "seconds": round(result.seconds, 3),
        "draws_per_second": (
            round(result.draws_per_second, 1) if math.isfinite(result.draws_per_second) else None
        ),
        "lenses": list(result.lenses),
        "inputs": [
            {
                **described,
                "nominal": _json_nominal(item.nominal()),
                "support": _json_support(item.support()),
            }
            for described, item in zip(meta["inputs"], result.inputs, strict=True)
        ],
        "outputs": [summary_json(s) for s in summarize(result)],
        "sensitivity": {
            column: [{"input": c.input, "rank_correlation": c.rho} for c in found]
            for column, found in correlations.items()
        },
        "failures": meta["failures"],
    }


def _json_support(support: tuple[float, float] | None) -> list[float | None] | None:
    if support is None:
        return None
    return [v if math.isfinite(v) else None for v in support]


def _json_nominal(value: Any) -> Any:
    if isinstance(value, int | float | np.generic):
        number = float(value)
        return number if math.isfinite(number) else None
    return repr(value)


def _num(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def sensitivity_to_json(
    result: SobolResult | MorrisResult | TornadoResult | FlipResult,
) -> dict[str, Any]:
    """A JSON-ready document of any sensitivity result (rankings strongest first)."""
    failures = [
        {"lens": f.lens, "count": f.count, "first_draw": f.first_draw, "message": f.message}
        for f in result.failures
    ]
    if isinstance(result, SobolResult):
        return {
            "method": "sobol",
            "estimator": "Saltelli design, Jansen estimators (Saltelli et al. 2010)",
            "seed": result.seed,
            "base_draws": result.base_draws,
            "runs": result.runs,
            "constant_outputs": list(result.constant),
            "outputs": {
                column: [
                    {
                        "input": item.inputs[i],
                        "total": _num(item.total[i]),
                        "total_ci": [_num(v) for v in item.total_ci[i]],
                        "first": _num(item.first[i]),
                        "first_ci": [_num(v) for v in item.first_ci[i]],
                    }
                    for i in np.argsort(-np.nan_to_num(item.total, nan=-1.0), kind="stable")
                ]
                for column, item in result.indices.items()
            },
            "failures": failures,
        }
    if isinstance(result, MorrisResult):
        return {
            "method": "morris",
            "seed": result.seed,
            "trajectories": result.trajectories,
            "levels": result.levels,
            "runs": result.runs,
            "outputs": {
                column: [
                    {
                        "input": item.inputs[i],
                        "mu_star": _num(item.mu_star[i]),
                        "mu": _num(item.mu[i]),
                        "sigma": _num(item.sigma[i]),
                    }
                    for i in np.argsort(-np.nan_to_num(item.mu_star, nan=-1.0), kind="stable")
                ]
                for column, item in result.indices.items()
            },
            "failures": failures,
        }
    if isinstance(result, TornadoResult):
        return {
            "method": "tornado",
            "seed": result.seed,
            "quantiles": [result.low_quantile, result.high_quantile],
            "outputs": {
                column: {
                    "nominal": _num(result.nominal.get(column, math.nan)),
                    "bars": [
                        {
                            "input": bar.input,
                            "low_value": _num(bar.low_value),
                            "high_value": _num(bar.high_value),
                            "output_low": _num(bar.output_low),
                            "output_high": _num(bar.output_high),
                            "swing": _num(bar.swing),
                        }
                        for bar in bars
                    ],
                }
                for column, bars in result.bars.items()
            },
            "failures": failures,
        }
    return {
        "method": "flip",
        "seed": result.seed,
        "runs": result.runs,
        "thresholds": dict(result.thresholds),
        "outputs": {
            column: [
                {
                    "input": p.input,
                    "direction": p.direction,
                    "nominal_value": _num(p.nominal_value),
                    "value": _num(p.value),
                    "change": _num(p.change),
                    "relative_change": _num(p.relative_change),
                    "plausibility": _num(p.plausibility),
                    "nominal_answer": _num(p.nominal_answer),
                    "answer": _num(p.answer),
                }
                for p in points
            ]
            for column, points in result.flips.items()
        },
        "failures": failures,
    }
