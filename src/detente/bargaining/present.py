"""The JSON document of a bargaining analysis (``detente forecast --json``, the lens's document).

Shapes the numbers of a :class:`~detente.bargaining.analysis.BargainingAnalysis` into the
documented JSON (see the bargaining page of the documentation) and adds the explanations of
:mod:`detente.bargaining.explain`: each round's choices, the dynamics verdict and each issue's
narrative.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from detente.bargaining.analysis import BargainingAnalysis
from detente.bargaining.explain import dynamics, explain_rounds, narratives, stop_text
from detente.bargaining.smp import SMPResult

__all__ = ["analysis_json"]


def _per_state(array: np.ndarray) -> list[float]:
    return [float(v) for v in array]


def analysis_json(analysis: BargainingAnalysis) -> dict[str, Any]:
    """The JSON document of ``detente forecast --json`` (documented in docs/bargaining.md)."""
    inputs = analysis.inputs
    doc: dict[str, Any] = {
        "model": analysis.model,
        "actors": list(inputs.actors),
        "dimensions": list(inputs.dimensions),
        "dimension_labels": list(inputs.dimension_labels),
        "scale": {
            d: {"low": float(lo), "high": float(hi), "units": u}
            for d, lo, hi, u in zip(
                inputs.dimensions, inputs.low, inputs.high, inputs.units, strict=True
            )
        },
        "forecast": dict(zip(inputs.dimensions, analysis.forecast, strict=True)),
        "weighted_mean": {
            d: float(v) for d, v in zip(inputs.dimensions, analysis.baseline.values, strict=True)
        },
        "model_forecasts": {
            m: dict(zip(inputs.dimensions, v, strict=True))
            for m, v in analysis.model_forecasts().items()
        },
    }
    shown = {"smp": analysis.smp, "bdm": analysis.bdm, "stokman": analysis.stokman}.get(
        analysis.model
    )
    if analysis.model == "mean" or shown is None:
        positions = inputs.position[None]
    elif isinstance(shown, SMPResult):
        positions = shown.positions_on_scale()
    else:
        positions = shown.positions
    doc["positions"] = {
        a: [_per_state(positions[:, i, k]) for k in range(inputs.n_dimensions)]
        for i, a in enumerate(inputs.actors)
    }
    smp = analysis.smp
    if smp is not None:
        doc["win_probability"] = {
            a: _per_state(smp.win_probability[:, i]) for i, a in enumerate(inputs.actors)
        }
        doc["risk_attitude"] = {
            a: float(smp.risk_attitude[0, i]) for i, a in enumerate(inputs.actors)
        }
        doc["smp"] = {
            "parameters": {
                k: (v.value if hasattr(v, "value") else v) for k, v in vars(smp.parameters).items()
            },
            "seed": smp.seed,
            "states": smp.n_states,
            "stop_reason": stop_text(smp),
            "fractional_change": [r.fractional_change for r in smp.rounds],
            "rounds": [
                {
                    "turn": r.turn,
                    "challenges": [
                        {
                            "initiator": c.initiator,
                            "target": c.target,
                            "delta_eu": c.delta_eu,
                            "win_probability": c.win_probability,
                            "adopted_by_initiator": c.adopted_by_initiator,
                            "adopted_by_target": c.adopted_by_target,
                        }
                        for c in r.challenges
                    ],
                    "no_proposal": list(r.idle),
                    "choices": list(r.choices),
                    "fractional_change": r.fractional_change,
                }
                for r in explain_rounds(smp)
            ],
        }
    if smp is not None:
        dyn = dynamics(smp)
        doc["diagnostics"] = {
            "converged": dyn.converged,
            "rounds": dyn.rounds,
            "stop_reason": dyn.stop_reason,
            "oscillation_index": dyn.oscillation_index,
            "verdict": dyn.verdict,
        }
    doc["narrative"] = dict(zip(inputs.dimensions, narratives(analysis), strict=False))
    return doc
