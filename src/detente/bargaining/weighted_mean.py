"""The capability x salience weighted mean: the baseline every forecast is compared against.

Source: C. H. Achen (2006), "Evaluating political decision-making models", in R. Thomson,
F. N. Stokman, C. H. Achen and T. König (eds), *The European Union Decides*, Cambridge UP,
who found that more elaborate models rarely beat x̄_k = Σ c_i s_ik x_ik / Σ c_i s_ik on EU
legislative data. It is also the Nash bargaining solution that starts Stokman's exchange model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.inputs import SpatialInputs

__all__ = ["WeightedMeanResult", "weighted_mean", "weighted_mean_values"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class WeightedMeanResult:
    """The baseline forecast per issue (on each issue's own scale) and each actor's share."""

    inputs: SpatialInputs
    values: Array
    """(d,) Σ c s x / Σ c s per issue."""
    weight_share: Array
    """(n, d) c_i s_ik / Σ_j c_j s_jk: how much each actor pulls each issue."""


def weighted_mean_values(capability: Array, salience: Array, position: Array) -> Array:
    """Σ_i c_i s_ik x_ik / Σ_i c_i s_ik per column k (NaN where nobody cares)."""
    w = capability[:, None] * salience
    total = w.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray((w * position).sum(axis=0) / total, dtype=np.float64)


def weighted_mean(inputs: SpatialInputs) -> WeightedMeanResult:
    """The capability x salience weighted mean of the actors' positions (Achen 2006)."""
    w = inputs.capability[:, None] * inputs.salience
    with np.errstate(invalid="ignore", divide="ignore"):
        share = w / w.sum(axis=0)
    return WeightedMeanResult(
        inputs=inputs,
        values=weighted_mean_values(inputs.capability, inputs.salience, inputs.position),
        weight_share=share,
    )
