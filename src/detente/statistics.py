"""Small statistical helpers shared by every layer (no dependency on any lens)."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["Z_90", "Z_95", "quantile_interval", "wilson_interval"]

Z_95 = 1.959963984540054
"""The standard normal's 97.5 % quantile (a two-sided 95 % interval)."""
Z_90 = 1.6448536269514722
"""The standard normal's 95 % quantile (a two-sided 90 % interval: 5 % to 95 %)."""


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion.

    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *Journal of the American Statistical Association* 22(158), 209-212. Unlike the
    normal ("Wald") interval it stays inside [0, 1] and keeps its coverage near 0 and 1,
    which is where equilibrium indicators usually sit (Brown, Cai & DasGupta 2001).
    """
    if trials <= 0:
        return (math.nan, math.nan)
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z / (1 + z2 / trials) * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    # The interval always contains p; at p = 0 or 1 round-off would otherwise leave the
    # endpoint a hair inside (1 - 1e-16 for 30 successes in 30).
    return (min(p, max(0.0, centre - half)), max(p, min(1.0, centre + half)))


def quantile_interval(
    values: ArrayLike, low: float = 0.05, high: float = 0.95
) -> tuple[float, float]:
    """The (low, high) quantiles of ``values`` along the first axis (NaN when empty)."""
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return (math.nan, math.nan)
    lo, hi = np.quantile(v, [low, high], axis=0)
    return (float(lo), float(hi))
