"""Every bargaining model's forecast for one set of spatial inputs, side by side.

:func:`analyse_inputs` runs the chosen headline model (KTAB's SMP by default), the others that
apply for comparison, and the capability x salience weighted mean every forecast is shown next
to. The result holds numbers only: :mod:`detente.bargaining.explain` tells the story of a run,
:mod:`detente.bargaining.present` shapes its JSON document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.bargaining.bdm import BDMParameters, BDMResult, run_bdm
from detente.bargaining.inputs import SpatialInputs
from detente.bargaining.options import SMPParameters
from detente.bargaining.smp import SMPResult, run_smp
from detente.bargaining.stokman import StokmanParameters, StokmanResult, run_stokman
from detente.bargaining.weighted_mean import WeightedMeanResult, weighted_mean

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MODELS", "BargainingAnalysis", "analyse_inputs"]

MODELS = ("smp", "bdm", "stokman", "mean")


@dataclass(frozen=True)
class BargainingAnalysis:
    """Every model's forecast for one set of inputs; ``model`` names the headline one."""

    inputs: SpatialInputs
    model: str
    forecast: tuple[float, ...]
    baseline: WeightedMeanResult
    smp: SMPResult | None
    bdm: BDMResult | None
    stokman: StokmanResult | None

    def model_forecasts(self) -> dict[str, tuple[float, ...]]:
        out: dict[str, tuple[float, ...]] = {}
        if self.smp is not None:
            out["smp"] = tuple(float(v) for v in self.smp.forecast())
        if self.bdm is not None:
            out["bdm"] = tuple(float(v) for v in self.bdm.forecast())
        if self.stokman is not None:
            out["stokman"] = tuple(float(v) for v in self.stokman.forecast())
        out["mean"] = tuple(float(v) for v in self.baseline.values)
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per issue (indexed by issue id): its label, scale and units, the headline
        forecast, the capability x salience weighted mean and each model's forecast."""
        import pandas as pd

        inputs = self.inputs
        table: dict[str, Any] = {
            "issue": list(inputs.dimensions),
            "label": list(inputs.dimension_labels),
            "low": [float(v) for v in inputs.low],
            "high": [float(v) for v in inputs.high],
            "units": list(inputs.units),
            "forecast": list(self.forecast),
            "weighted_mean": [float(v) for v in self.baseline.values],
        }
        for model, values in self.model_forecasts().items():
            if model != "mean":
                table[model] = list(values)
        return pd.DataFrame(table).set_index("issue")


def analyse_inputs(
    inputs: SpatialInputs,
    model: str = "smp",
    smp: SMPParameters | None = None,
    bdm: BDMParameters | None = None,
    stokman: StokmanParameters | None = None,
    rng: np.random.Generator | int | None = 0,
    compare: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> BargainingAnalysis:
    """Run ``model`` (and, if ``compare``, the others that apply) on ``inputs``.

    ``progress(rounds_done, max_rounds)`` is called after each SMP round."""
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
    base = weighted_mean(inputs)
    smp_result = bdm_result = stokman_result = None
    can_smp = inputs.n_actors >= 3 and bool(np.all(inputs.capability > 0))
    if model == "smp" or (compare and can_smp):
        smp_result = run_smp(inputs, smp, rng, progress)
    if model == "bdm" or compare:
        bdm_result = run_bdm(inputs, bdm)
    if model == "stokman" or compare:
        stokman_result = run_stokman(inputs, stokman, rng)
    chosen = {
        "smp": smp_result.forecast() if smp_result is not None else None,
        "bdm": bdm_result.forecast() if bdm_result is not None else None,
        "stokman": stokman_result.forecast() if stokman_result is not None else None,
        "mean": base.values,
    }[model]
    assert chosen is not None
    return BargainingAnalysis(
        inputs=inputs,
        model=model,
        forecast=tuple(float(v) for v in chosen),
        baseline=base,
        smp=smp_result,
        bdm=bdm_result,
        stokman=stokman_result,
    )
