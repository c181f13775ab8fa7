"""Screening from a sweep's own draws (rank correlations).

See :mod:`detente.uncertainty.sensitivity` for the references.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np


def _spread(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.max() - finite.min()) if finite.size else 0.0


@dataclass(frozen=True)
class RankCorrelation:
    input: str
    rho: float


def rank_correlations(
    input_values: Mapping[str, np.ndarray], outputs: Mapping[str, np.ndarray], top: int = 3
) -> dict[str, tuple[RankCorrelation, ...]]:
    """Spearman rank correlation of each output with each input, strongest first.

    A screening measure that needs no runs beyond the sweep itself: with independent inputs
    and a monotone response, ``rho**2`` approximates the share of the output's rank variance
    owed to the input (the standardised rank regression coefficients of Iman & Conover 1979;
    Saltelli et al. 2008, *Global Sensitivity Analysis: The Primer*, ch. 1). It misses
    non-monotone effects, which :func:`sobol_indices` captures. Constant outputs are omitted.
    """
    from scipy.stats import rankdata

    names = [n for n, v in input_values.items() if _spread(v) > 0]
    if not names:
        return {}
    ranked_inputs = np.vstack([rankdata(input_values[n]) for n in names])
    ranked_inputs = ranked_inputs - ranked_inputs.mean(axis=1, keepdims=True)
    norms = np.sqrt((ranked_inputs**2).sum(axis=1))
    found: dict[str, tuple[RankCorrelation, ...]] = {}
    for column, values in outputs.items():
        ok = np.isfinite(values)
        if ok.sum() < 3 or _spread(values) == 0:
            continue
        if ok.all():
            x = ranked_inputs
            x_norms = norms
        else:
            x = np.vstack([rankdata(input_values[n][ok]) for n in names])
            x = x - x.mean(axis=1, keepdims=True)
            x_norms = np.sqrt((x**2).sum(axis=1))
        y = rankdata(values[ok])
        y = y - y.mean()
        with np.errstate(invalid="ignore", divide="ignore"):
            rho = (x @ y) / (x_norms * np.sqrt((y**2).sum()))
        order = np.argsort(-np.abs(np.nan_to_num(rho)), kind="stable")[:top]
        found[column] = tuple(RankCorrelation(names[i], float(rho[i])) for i in order)
    return found
