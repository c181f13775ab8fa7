"""Bueno de Mesquita's expected-utility challenge model, in the Scholz et al. reading.

Sources: B. Bueno de Mesquita (1994), "Political forecasting: an expected utility method", in
B. Bueno de Mesquita and F. N. Stokman (eds), *European Community Decision Making*, Yale UP;
J. B. Scholz, G. J. Calbert and G. A. Smith (2011), "Unravelling Bueno De Mesquita's group
decision model", *Journal of Theoretical Politics* 23(4): 510-531; detente's reference
document, bargaining §3.

One issue at a time. Each round: risk exponents from each actor's "danger" (the expected
utility others see in challenging it), challenge probabilities from capability x salience
weighted votes, each actor's expected utility of challenging every other, then every receiver
takes the best of the offers made to it (confrontation, compromise or capitulation). Moves are
simultaneous.

Ambiguities are named options: :class:`ProbabilityNormalisation` (Scholz's all-triples
denominator vs BDM's pairwise one), :class:`CapitulationRule` (the replication's capitulation
test ``eu_ji < abs(eu_ji)`` can never be true; detente's default tests ``eu_ji < abs(eu_ij)``
as BDM describes) and :class:`OfferSelection`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.inputs import SpatialInputs
from detente.scenario.bargaining_options import (
    CapitulationRule,
    OfferSelection,
    ProbabilityNormalisation,
)

__all__ = [
    "BDMParameters",
    "BDMResult",
    "CapitulationRule",
    "OfferSelection",
    "ProbabilityNormalisation",
    "pairwise_vote_median",
    "run_bdm",
]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class BDMParameters:
    normalisation: ProbabilityNormalisation = ProbabilityNormalisation.ALL_TRIPLES
    capitulation: CapitulationRule = CapitulationRule.FIXED
    offer_selection: OfferSelection = OfferSelection.CLOSEST
    status_quo_weight: float = 1.0
    rounds: int = 10


@dataclass(frozen=True)
class BDMResult:
    """Every round of the model on every issue (positions on each issue's own scale)."""

    inputs: SpatialInputs
    parameters: BDMParameters
    positions: Array
    """(states, n, d)."""
    risk_exponent: Array
    """(rounds, n, d) r_i used in each round."""
    offers: tuple[tuple[tuple[int, int, int, str, float], ...], ...]
    """Per round: accepted offers as (issue index, challenger, receiver, kind, new position)."""
    weighted_mean: Array
    """(states, d) Σ c s x / Σ c s per state."""
    median: Array
    """(states, d) pairwise-vote median per state."""

    def forecast(self) -> Array:
        """The weighted mean of the final positions (BDM's forecast) per issue."""
        return np.asarray(self.weighted_mean[-1], dtype=np.float64)


def _probabilities(votes: Array, normalisation: ProbabilityNormalisation) -> Array:
    support = np.maximum(votes, 0).sum(axis=0)  # (i, j)
    if normalisation is ProbabilityNormalisation.ALL_TRIPLES:
        total = np.abs(votes).sum()
        if total <= 0:
            return np.full(support.shape, 0.5)
        return np.asarray(support / total, dtype=np.float64)
    pair = np.abs(votes).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pair > 0, support / pair, 0.5).astype(np.float64)


def _expected_utilities(
    x: Array, c: Array, s: Array, r: Array, span: float, params: BDMParameters
) -> Array:
    """eu[i, j]: i's expected utility of challenging j (Scholz et al. 2011, eqs. 1-6)."""
    delta = np.abs(x[:, None] - x[None, :]) / span  # Δ(a, b)
    weighted = (c * s)[:, None, None]
    # vote_k(i, j) = c_k s_k (Δ(k, j)^r_k - Δ(k, i)^r_k)
    dk = delta ** r[:, None]
    votes = weighted * (dk[:, None, :] - dk[:, :, None])
    p = _probabilities(votes, params.normalisation)
    ri = r[:, None]
    u_success = 2 - 4 * (0.5 - 0.5 * delta) ** ri
    u_failure = 2 - 4 * (0.5 + 0.5 * delta) ** ri
    u_status_quo = 2 - 4 * 0.5**ri
    sj = s[None, :]
    eu = sj * (p * u_success + (1 - p) * u_failure) + (1 - sj) * u_success
    eu = eu - params.status_quo_weight * u_status_quo
    np.fill_diagonal(eu, 0.0)
    return eu


def _risk_exponents(x: Array, c: Array, s: Array, span: float, params: BDMParameters) -> Array:
    eu = _expected_utilities(x, c, s, np.ones_like(x), span, params)
    danger = eu.sum(axis=0)  # D_i = Σ_j EU(j -> i)
    d_min, d_max = danger.min(), danger.max()
    if d_max - d_min <= 1e-15:
        return np.ones_like(x)
    big_r = (2 * danger - d_max - d_min) / (d_max - d_min)
    return np.asarray((1 - big_r / 3) / (1 + big_r / 3), dtype=np.float64)


def pairwise_vote_median(x: Array, c: Array, s: Array) -> float:
    """The position that wins most pairwise capability x salience votes (lowest index on ties).

    Voter k prefers the position nearer its own; a Condorcet winner, when one exists, wins all.
    """
    dist = np.abs(x[:, None] - x[None, :])  # (k, a)
    margin = ((c * s)[:, None, None] * np.sign(dist[:, None, :] - dist[:, :, None])).sum(axis=0)
    wins = (margin > 0).sum(axis=1)
    return float(x[int(np.argmax(wins))])


def _round(
    x: Array, c: Array, s: Array, span: float, params: BDMParameters, issue: int
) -> tuple[Array, Array, list[tuple[int, int, int, str, float]]]:
    r = _risk_exponents(x, c, s, span, params)
    eu = _expected_utilities(x, c, s, r, span, params)
    n = x.size
    new_x = x.copy()
    accepted: list[tuple[int, int, int, str, float]] = []
    for i in range(n):  # receiver
        best: tuple[float, int, str, float] | None = None
        for j in range(n):  # challenger
            # Coincident positions (to round-off, relative to the issue's range) make no offer.
            if i == j or abs(x[i] - x[j]) <= 1e-9 * span:
                continue
            eu_ji, eu_ij = eu[j, i], eu[i, j]
            kind = ""
            target = x[i]
            if eu_ji > eu_ij > 0:
                kind, target = "confrontation", x[j]
            elif eu_ji > 0 > eu_ij:
                capitulates = (
                    eu_ji < abs(eu_ij)
                    if params.capitulation is CapitulationRule.FIXED
                    else eu_ji < abs(eu_ji)
                )
                if capitulates:
                    kind, target = "capitulation", x[j]
                else:
                    kind, target = "compromise", x[i] + (x[j] - x[i]) * abs(eu_ij / eu_ji)
            if not kind:
                continue
            key = (
                abs(target - x[i]) / span
                if params.offer_selection is OfferSelection.CLOSEST
                else -eu_ji
            )
            # Ties (to round-off) go to the lowest-numbered challenger, whatever the scale.
            if best is None or key < best[0] - 1e-9:
                best = (key, j, kind, float(target))
        if best is not None:
            new_x[i] = best[3]
            accepted.append((issue, best[1], i, best[2], best[3]))
    return new_x, r, accepted


def run_bdm(inputs: SpatialInputs, parameters: BDMParameters | None = None) -> BDMResult:
    """Run the BDM expected-utility model on every issue independently.

    Salience s_k is the actor's salience on the issue (on [0, 1]); the range used to
    normalise distances is fixed from the initial positions, so the model is equivariant
    under affine rescaling of an issue.
    """
    params = parameters or BDMParameters()
    c = inputs.capability
    n, d = inputs.n_actors, inputs.n_dimensions
    states = [inputs.position.copy()]
    risks: list[Array] = []
    offers: list[tuple[tuple[int, int, int, str, float], ...]] = []
    spans = np.ptp(inputs.position, axis=0)
    for _ in range(params.rounds):
        x = states[-1]
        new = x.copy()
        r_round = np.ones((n, d))
        accepted: list[tuple[int, int, int, str, float]] = []
        for k in range(d):
            if spans[k] <= 0:
                continue
            new[:, k], r_round[:, k], acc = _round(
                x[:, k], c, inputs.salience[:, k], float(spans[k]), params, k
            )
            accepted.extend(acc)
        risks.append(r_round)
        offers.append(tuple(accepted))
        states.append(new)
    positions = np.stack(states)
    w = c[:, None] * inputs.salience
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (w[None] * positions).sum(axis=1) / w.sum(axis=0)
    medians = np.array(
        [
            [pairwise_vote_median(p[:, k], c, inputs.salience[:, k]) for k in range(d)]
            for p in positions
        ]
    )
    return BDMResult(
        inputs=inputs,
        parameters=params,
        positions=positions,
        risk_exponent=np.stack(risks) if risks else np.ones((0, n, d)),
        offers=tuple(offers),
        weighted_mean=means,
        median=medians,
    )
