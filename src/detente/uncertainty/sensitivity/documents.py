"""JSON documents of sensitivity results.

See :mod:`detente.uncertainty.sensitivity` for the references.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from detente.uncertainty.sensitivity.flips import FlipResult
from detente.uncertainty.sensitivity.morris import MorrisResult
from detente.uncertainty.sensitivity.sobol import SobolResult
from detente.uncertainty.sensitivity.tornado import TornadoResult


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
