"""Stokman's exchange model: actors trade voting positions on issues they care less about.

Sources: F. N. Stokman and R. Van Oosten (1994), "The exchange of voting positions: an
object-oriented model of policy networks", in B. Bueno de Mesquita and F. N. Stokman (eds),
*European Community Decision Making*, Yale UP; detente's reference document, bargaining §4.

The outcome of an issue p is the Nash bargaining solution NBS_p = Σ c s x / Σ c s of the
voting positions. Two actors i, j can exchange over issues p, q when their saliences cross
(i cares relatively more about p, j about q: s_ip s_jq > s_iq s_jp) and their voting positions
lie on opposite sides of both outcomes: j moves towards i on p and i towards j on q. Equal
Gain sizes the moves so that both gain the same, ΔNBS_p (s_ip + s_jp) = ΔNBS_q (s_iq + s_jq),
one side moving all the way to its partner's position. Random Rate draws the exchange rate
uniformly between the rates at which either side would stop gaining (seeded generator).
Exchanges run greedily by gain; an actor that has moved on an issue in a round cannot move on
it again. At the end of a round, voting positions y pull the starting positions:
x' = (0.4 (1 - s) + 0.1) y + (1 - 0.4 (1 - s) - 0.1) x.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.inputs import SpatialInputs
from detente.bargaining.weighted_mean import weighted_mean_values
from detente.scenario.bargaining_options import (
    ExchangeRate,
)

__all__ = ["Exchange", "ExchangeRate", "StokmanParameters", "StokmanResult", "run_stokman"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class StokmanParameters:
    rate: ExchangeRate = ExchangeRate.EQUAL_GAIN
    randomness: float = 0.0
    """For equal gain: share p of the rate drawn at random (0 = pure equal gain)."""
    rounds: int = 10


@dataclass(frozen=True)
class Exchange:
    """One executed exchange: ``giver_p`` moves on issue p, ``giver_q`` on q (own scales)."""

    round: int
    i: int
    j: int
    p: int
    q: int
    j_moves_on_p_to: float
    i_moves_on_q_to: float
    gain_i: float
    gain_j: float


@dataclass(frozen=True)
class StokmanResult:
    inputs: SpatialInputs
    parameters: StokmanParameters
    seed: int | None
    positions: Array
    """(rounds + 1, n, d) starting positions per round (own scales)."""
    nbs: Array
    """(rounds + 1, d) Nash bargaining solution of the starting positions; row 0 = the
    weighted mean of the inputs."""
    voting_nbs: Array
    """(rounds, d) outcome of each round's voting positions (after its exchanges)."""
    exchanges: tuple[tuple[Exchange, ...], ...]

    def forecast(self) -> Array:
        last = self.voting_nbs[-1] if self.voting_nbs.size else self.nbs[-1]
        return np.asarray(last, dtype=np.float64)


def _candidates(
    y: Array, c: Array, s: Array, locked: NDArray[np.bool_]
) -> list[tuple[float, int, int, int, int]]:
    _n, d = y.shape
    nbs = weighted_mean_values(c, s, y)
    side = np.sign(y - nbs)  # (n, d)
    out: list[tuple[float, int, int, int, int]] = []
    for p in range(d):
        for q in range(d):
            if p == q:
                continue
            # i gains on p (relative salience), j on q; both straddle both outcomes.
            cross = s[:, None, p] * s[None, :, q] > s[:, None, q] * s[None, :, p]
            straddle = (side[:, None, p] * side[None, :, p] < 0) & (
                side[:, None, q] * side[None, :, q] < 0
            )
            free = ~locked[None, :, p] & ~locked[:, None, q]
            ok = cross & straddle & free
            np.fill_diagonal(ok, False)
            for i, j in zip(*np.nonzero(ok), strict=True):
                gain = s[i, p] * s[j, q] - s[i, q] * s[j, p]
                out.append((float(gain), int(i), int(j), p, q))
    return out


def _execute(
    y: Array, c: Array, s: Array, i: int, j: int, p: int, q: int, ratio: float
) -> tuple[float, float, float, float]:
    """Moves for exchange rate ``ratio`` = ΔNBS_q / ΔNBS_p; returns new y_jp, y_iq, gains."""
    w_p = (c * s[:, p]).sum()
    w_q = (c * s[:, q]).sum()
    # Full move of j on p to i's position shifts NBS_p by a; then i's move on q is b / share.
    a = abs(y[i, p] - y[j, p]) * c[j] * s[j, p] / w_p
    b = a * ratio
    move_iq = b * w_q / (c[i] * s[i, q])
    cap = abs(y[j, q] - y[i, q])
    if move_iq > cap:  # i reaches j's position first: scale both moves down
        scale = cap / move_iq
        a, b, move_iq = a * scale, b * scale, cap
    move_jp = a * w_p / (c[j] * s[j, p])
    new_jp = y[j, p] + np.sign(y[i, p] - y[j, p]) * move_jp
    new_iq = y[i, q] + np.sign(y[j, q] - y[i, q]) * move_iq
    gain_i = s[i, p] * a - s[i, q] * b
    gain_j = s[j, q] * b - s[j, p] * a
    return float(new_jp), float(new_iq), float(gain_i), float(gain_j)


def run_stokman(
    inputs: SpatialInputs,
    parameters: StokmanParameters | None = None,
    rng: np.random.Generator | int | None = None,
) -> StokmanResult:
    """Run the exchange model for a fixed number of rounds (Stokman & Van Oosten 1994)."""
    params = parameters or StokmanParameters()
    seed = rng if isinstance(rng, int) else None
    random_needed = params.rate is ExchangeRate.RANDOM_RATE or params.randomness > 0
    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(seed or 0)
    if random_needed and seed is None and not isinstance(rng, np.random.Generator):
        seed = 0
    c, s = inputs.capability, inputs.salience
    x = inputs.position.astype(float).copy()
    states = [x.copy()]
    voting: list[Array] = []
    rounds: list[tuple[Exchange, ...]] = []
    for t in range(params.rounds):
        y = x.copy()
        locked = np.zeros(y.shape, dtype=bool)
        executed: list[Exchange] = []
        while True:
            found = _candidates(y, c, s, locked)
            if not found:
                break
            found.sort(key=lambda e: (-e[0], e[1], e[2], e[3], e[4]))
            _, i, j, p, q = found[0]
            equal = (s[i, p] + s[j, p]) / (s[i, q] + s[j, q])
            low, high = s[j, p] / s[j, q], s[i, p] / s[i, q]
            if params.rate is ExchangeRate.RANDOM_RATE:
                ratio = low + generator.uniform() * (high - low)
            elif params.randomness > 0:
                drawn = low + generator.uniform() * (high - low)
                ratio = (1 - params.randomness) * equal + params.randomness * drawn
            else:
                ratio = equal
            new_jp, new_iq, g_i, g_j = _execute(y, c, s, i, j, p, q, ratio)
            y[j, p], y[i, q] = new_jp, new_iq
            locked[j, p] = locked[i, q] = True
            executed.append(Exchange(t, i, j, p, q, new_jp, new_iq, g_i, g_j))
        voting.append(weighted_mean_values(c, s, y))
        pull = 0.4 * (1 - s) + 0.1
        x = pull * y + (1 - pull) * x
        states.append(x.copy())
        rounds.append(tuple(executed))
    positions = np.stack(states)
    return StokmanResult(
        inputs=inputs,
        parameters=params,
        seed=seed,
        positions=positions,
        nbs=np.stack([weighted_mean_values(c, s, p) for p in positions]),
        voting_nbs=np.stack(voting) if voting else np.zeros((0, inputs.n_dimensions)),
        exchanges=tuple(rounds),
    )
