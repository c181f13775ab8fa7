"""The KTAB Spatial Model of Politics (SMP): challenges, bargains and probabilistic votes.

Source: KAPSARC Toolkit for Behavioral Analysis (KTAB), ``examples/smp`` (KAPSARC/KTAB, MIT
licence, 2015-2019); the KAPSARC discussion papers "An Introduction to the KAPSARC Toolkit for
Behavioral Analysis (KTAB)" and "Multidimensional Bargaining Using KTAB"; detente's reference
document, bargaining §2.

One round (state t -> t + 1):

1. risk attitudes are inferred from a risk-neutral probabilistic Condorcet election (PCE) over
   the current positions (:mod:`detente.bargaining.risk`);
2. every initiator i estimates, from its own perspective, the gain ΔEU of challenging every
   target j (:mod:`detente.bargaining.challenge`) and picks the best one if it is positive;
3. each challenge yields a bargain: both sides move towards a salience- and
   probability-weighted compromise on every issue;
4. every actor's queue (its status quo plus every bargain it is party to) is put to a PCE vote
   of all actors, who value the whole resulting state; each actor adopts its side of the
   winning (Deterministic) or a sampled (Stochastic) bargain. All actors move simultaneously.

The run stops when the total movement falls below 2 % of the first round's, or after 100 rounds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.challenge import estimate_challenges
from detente.bargaining.inputs import SpatialInputs
from detente.bargaining.options import (
    BargainModel,
    InterVecBargain,
    SMPParameters,
    StateTransition,
)
from detente.bargaining.pce import scalar_pce, stacked_scalar_pce
from detente.bargaining.risk import (
    estimated_risk,
    risk_from_probabilities,
    salience_distance,
    utility,
)
from detente.bargaining.sums import lane_sum

__all__ = [
    "STOP_CONVERGED",
    "STOP_MAX_ROUNDS",
    "Bargain",
    "SMPResult",
    "SMPRound",
    "run_smp",
    "state_win_probabilities",
]

STOP_MAX_ROUNDS = "max_rounds"
""":attr:`SMPResult.stop_reason` of a run that reached ``max_rounds``."""

STOP_CONVERGED = "converged"
""":attr:`SMPResult.stop_reason` of a run whose movement fell below ``stop_ratio``."""

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]

MIN_ACTORS = 3
MAX_ACTORS = 250
MERGE_TOLERANCE = 1e-3
PROPOSAL_THRESHOLD = 1e-5
_BARGAIN_FLOOR = 1e-6
_CHUNK_ELEMENTS = 2_000_000


@dataclass(frozen=True)
class Bargain:
    """A proposed bargain: initiator and receiver each move to a new point ([0, 1] scale)."""

    initiator: int
    receiver: int
    win_probability: float
    """The probability that the initiator would win the challenge, as estimated by
    ``estimated_by`` (the initiator, or the receiver for a receiver's version)."""
    estimated_by: int
    initiator_position: tuple[float, ...]
    receiver_position: tuple[float, ...]


@dataclass(frozen=True)
class SMPRound:
    """What happened between state ``turn`` and state ``turn + 1``.

    ``target[i]`` is the actor i challenged (-1: no proposal), ``delta_eu[i]`` the expected
    gain i saw in that challenge and ``challenge_win[i]`` i's estimate of winning it.
    ``chosen[k]`` indexes ``bargains`` (-1: k kept its status quo), ``chosen_probability[k]``
    is the PCE probability of that choice in k's queue, ``queue_sizes[k]`` its queue length.
    """

    turn: int
    target: IntArray
    delta_eu: Array
    challenge_win: Array
    bargains: tuple[Bargain, ...]
    chosen: IntArray
    chosen_probability: Array
    queue_sizes: IntArray
    movement: float
    fractional_change: float


@dataclass(frozen=True)
class SMPResult:
    """A complete SMP run: every state, every round's challenges and bargains."""

    inputs: SpatialInputs
    parameters: SMPParameters
    seed: int | None
    positions: Array
    """(states, n, d) positions on the [0, 1] scale; state 0 = the inputs."""
    win_probability: Array
    """(states, n) probability that each actor's position wins (positions closer than 1e-3 are
    one option, which their actors share: rows may sum to more than 1)."""
    risk_attitude: Array
    """(states, n) inferred risk attitudes R_i."""
    rounds: tuple[SMPRound, ...]
    stop_reason: str
    """Why the run stopped: :data:`STOP_MAX_ROUNDS` (``max_rounds`` reached) or
    :data:`STOP_CONVERGED` (after ``min_rounds``, a round moved less than ``stop_ratio`` of the
    first round's movement); :func:`detente.bargaining.explain.stop_text` says it in words."""

    @property
    def n_states(self) -> int:
        return int(self.positions.shape[0])

    def positions_on_scale(self) -> Array:
        """(states, n, d) positions on each issue's own scale."""
        return self.inputs.to_scale(self.positions)

    def forecast_unit(self, state: int = -1) -> Array:
        """Expected outcome per issue on [0, 1]: positions weighted by their PCE probabilities.

        Each distinct position (1e-3 merge) counts once, so the weights sum to 1.
        """
        x = self.positions[state]
        reps, _owner = _merge_positions(x)
        p = self.win_probability[state][reps]
        total = lane_sum(p[:, None] * x[reps], axis=0) / lane_sum(p, axis=0)
        return np.asarray(total, dtype=np.float64)

    def forecast(self, state: int = -1) -> Array:
        """Expected outcome per issue on each issue's own scale."""
        return self.inputs.to_scale(self.forecast_unit(state))


def _merge_positions(x: Array) -> tuple[IntArray, IntArray]:
    """Representatives of positions closer than 1e-3 (first actor wins) and each actor's one."""
    n = x.shape[0]
    close = np.sqrt(lane_sum((x[:, None, :] - x[None, :, :]) ** 2, axis=2)) < MERGE_TOLERANCE
    owner = np.full(n, -1, dtype=int)
    reps: list[int] = []
    for a in range(n):
        if owner[a] >= 0:
            continue
        owner[a] = len(reps)
        members = np.flatnonzero(close[a] & (owner < 0))
        owner[members] = len(reps)
        reps.append(a)
    return np.asarray(reps, dtype=int), owner


def state_win_probabilities(
    distance: Array, risk: Array, capability: Array, positions: Array, params: SMPParameters
) -> Array:
    """Each actor's position's PCE win probability, own-perspective utilities u(d_ij, R_i)."""
    reps, owner = _merge_positions(positions)
    u = utility(distance[:, reps], risk[:, None])
    p = scalar_pce(capability, u, params.voting_rule, params.victory_prob, params.pce)
    return p[owner]


def _infer_risk(distance: Array, capability: Array, params: SMPParameters) -> Array:
    neutral = 1.0 - distance
    p = scalar_pce(capability, neutral, params.voting_rule, params.victory_prob, params.pce)
    return risk_from_probabilities(p, params.big_r_range)


def _round_half_up(x: Array) -> Array:
    return np.floor(x * 1e4 + 0.5) / 1e4


def _interpolate(
    params: SMPParameters, x_i: Array, s_i: Array, x_j: Array, s_j: Array, p: Array
) -> tuple[Array, Array]:
    """New points of i and j on every issue given i's chance p (KTAB ``interpolateBrgn``).

    Vectorised over bargains: ``x_*``, ``s_*`` are (m, d), ``p`` is (m, 1).
    """
    if params.inter_vec_bargain is InterVecBargain.S2PMAX:
        p_i, p_j = p, 1.0 - p
        d_i = np.maximum(0.0, p_j - p_i)
        d_j = np.maximum(0.0, p_i - p_j)
        move_i = d_i * s_j**2 / (d_i * s_j**2 + _BARGAIN_FLOOR + (1 - d_i) * s_i**2)
        move_j = d_j * s_i**2 / (d_j * s_i**2 + _BARGAIN_FLOOR + (1 - d_j) * s_j**2)
        return x_i + move_i * (x_j - x_i), x_j + move_j * (x_i - x_j)
    power = 1 if params.inter_vec_bargain is InterVecBargain.S1P1 else 2
    w_i = s_i**power * p**power
    w_j = s_j**power * (1.0 - p) ** power
    total = w_i + _BARGAIN_FLOOR + w_j
    b_i = _round_half_up(((w_i + _BARGAIN_FLOOR) * x_i + w_j * x_j) / total)
    b_j = _round_half_up((w_i * x_i + (w_j + _BARGAIN_FLOOR) * x_j) / total)
    return b_i, b_j


def _best_targets(
    distance: Array,
    perspective_risk: Array,
    weight: Array,
    total_salience: Array,
    params: SMPParameters,
) -> tuple[IntArray, Array, Array]:
    """Each initiator's best target from its own perspective, ΔEU and win chance."""
    n = distance.shape[0]
    delta = np.full((n, n), -np.inf)
    win = np.zeros((n, n))
    chunk = max(1, _CHUNK_ELEMENTS // (n * n))
    for start in range(0, n, chunk):
        rows = np.arange(start, min(n, start + chunk))
        ii = np.repeat(rows, n)
        jj = np.tile(np.arange(n), rows.size)
        est = estimate_challenges(
            distance,
            perspective_risk,
            weight,
            total_salience,
            ii,
            ii,
            jj,
            params.voting_rule,
            params.third_party_commit,
        )
        delta[rows] = est.delta_eu.reshape(rows.size, n)
        win[rows] = est.win_probability.reshape(rows.size, n)
    np.fill_diagonal(delta, -np.inf)
    target = np.argmax(delta, axis=1)  # lowest index on ties
    best = delta[np.arange(n), target]
    chance = win[np.arange(n), target]
    target = np.where(best > PROPOSAL_THRESHOLD, target, -1)
    return target, best, chance


@dataclass(frozen=True)
class _Proposals:
    """A round's bargains as arrays (row m = ``bargains[m]``), for the vote."""

    bargains: tuple[Bargain, ...]
    initiator: IntArray
    receiver: IntArray
    initiator_position: Array
    receiver_position: Array


def _make_bargains(
    target: IntArray,
    chance: Array,
    x: Array,
    salience: Array,
    distance: Array,
    perspective_risk: Array,
    weight: Array,
    total_salience: Array,
    params: SMPParameters,
) -> _Proposals:
    initiators = np.flatnonzero(target >= 0)
    receivers = target[initiators]
    model = params.bargain_model
    p_i = chance[initiators]
    b_i, b_j = _interpolate(
        params,
        x[initiators],
        salience[initiators],
        x[receivers],
        salience[receivers],
        p_i[:, None],
    )
    if model is BargainModel.INIT_ONLY_INTERP or not initiators.size:
        init, rcvr, pos_i, pos_r = initiators, receivers, b_i, b_j
        probability, estimator = p_i, initiators
    else:
        # The receiver's own estimate of the same challenge (perspective h = j).
        p_r = estimate_challenges(
            distance,
            perspective_risk,
            weight,
            total_salience,
            receivers,
            initiators,
            receivers,
            params.voting_rule,
            params.third_party_commit,
        ).win_probability
        r_i, r_j = _interpolate(
            params,
            x[initiators],
            salience[initiators],
            x[receivers],
            salience[receivers],
            p_r[:, None],
        )
        if model is BargainModel.INIT_RCVR_INTERP:
            # Each initiator's version followed by the receiver's version.
            m = initiators.size
            init = np.repeat(initiators, 2)
            rcvr = np.repeat(receivers, 2)
            pos_i = np.empty((2 * m, x.shape[1]))
            pos_r = np.empty((2 * m, x.shape[1]))
            pos_i[0::2], pos_i[1::2] = b_i, r_i
            pos_r[0::2], pos_r[1::2] = b_j, r_j
            probability = np.empty(2 * m)
            probability[0::2], probability[1::2] = p_i, p_r
            estimator = np.empty(2 * m, dtype=int)
            estimator[0::2], estimator[1::2] = initiators, receivers
        else:  # PWCompInterp, each version weighted by its own estimator's c * S
            w_i, w_j = weight[initiators][:, None], weight[receivers][:, None]
            init, rcvr = initiators, receivers
            pos_i = (w_i * b_i + w_j * r_i) / (w_i + w_j)
            pos_r = (w_i * b_j + w_j * r_j) / (w_i + w_j)
            w_i, w_j = w_i[:, 0], w_j[:, 0]
            probability = (w_i * p_i + w_j * p_r) / (w_i + w_j)
            estimator = initiators
    bargains = tuple(
        Bargain(
            int(init[m]),
            int(rcvr[m]),
            float(probability[m]),
            int(estimator[m]),
            tuple(pos_i[m]),
            tuple(pos_r[m]),
        )
        for m in range(init.size)
    )
    return _Proposals(bargains, init, rcvr, pos_i, pos_r)


def _resolve(
    proposals: _Proposals,
    x: Array,
    ideals: Array,
    salience: Array,
    distance: Array,
    risk: Array,
    capability: Array,
    params: SMPParameters,
    streams: list[np.random.Generator] | None,
) -> tuple[Array, IntArray, Array, IntArray]:
    """Vote on every actor's queue; return new positions, choices, their probabilities."""
    n = x.shape[0]
    own = utility(distance, risk[:, None])  # U^a_al, a's own perspective
    base = lane_sum(own, axis=1)
    new_x = x.copy()
    chosen = np.full(n, -1, dtype=int)
    chosen_p = np.ones(n)
    sizes = np.ones(n, dtype=int)
    if not proposals.bargains:
        return new_x, chosen, chosen_p, sizes
    init, rcvr = proposals.initiator, proposals.receiver
    pos_i, pos_r = proposals.initiator_position, proposals.receiver_position
    u_bi = utility(salience_distance(ideals, pos_i, salience), risk[:, None])
    u_br = utility(salience_distance(ideals, pos_r, salience), risk[:, None])
    rows = np.arange(n)[:, None]
    score = (base[:, None] - own[rows, init] - own[rows, rcvr] + u_bi + u_br) / n
    status_quo = base / n
    actors = np.arange(n)
    member = (init[None, :] == actors[:, None]) | (rcvr[None, :] == actors[:, None])
    sizes = member.sum(axis=1) + 1
    stochastic = params.state_transition is StateTransition.STOCHASTIC
    # Queues of equal length are voted on together (one stacked PCE per length).
    for length in sorted(set(sizes[sizes > 1].tolist())):
        voters = np.flatnonzero(sizes == length)
        # Row b: the bargains in voter b's queue, in index order.
        queues = np.nonzero(member[voters])[1].reshape(voters.size, length - 1)
        options = np.concatenate(
            [
                np.broadcast_to(status_quo[None, :, None], (voters.size, n, 1)),
                score[:, queues].transpose(1, 0, 2),
            ],
            axis=2,
        )  # (B, voters of the PCE, options)
        probabilities = stacked_scalar_pce(
            capability, options, params.voting_rule, params.victory_prob, params.pce
        )
        if stochastic:
            assert streams is not None
            picks = [
                int(streams[k].choice(p.size, p=p))
                for k, p in zip(voters.tolist(), probabilities, strict=True)
            ]
        else:
            picks = probabilities.argmax(axis=1).tolist()
        chosen_p[voters] = probabilities[np.arange(voters.size), picks]
        for k, queue, pick in zip(voters.tolist(), queues, picks, strict=True):
            if pick == 0:
                continue
            m = int(queue[pick - 1])
            chosen[k] = m
            new_x[k] = pos_i[m] if init[m] == k else pos_r[m]
    return new_x, chosen, chosen_p, sizes


def run_smp(
    inputs: SpatialInputs,
    parameters: SMPParameters | None = None,
    rng: np.random.Generator | int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SMPResult:
    """Run the KTAB Spatial Model of Politics to convergence.

    Parameters
    ----------
    inputs:
        Actors (3 to 250, capability > 0), positions and saliences (each actor's saliences
        summing to more than 0 and at most 1).
    parameters:
        Model options (KTAB defaults).
    rng:
        Generator or seed for Stochastic state transitions (default seed 0). Deterministic
        runs never draw from it, so their result does not depend on it.
    progress:
        Called as ``progress(rounds_done, max_rounds)`` after each round (for a progress bar).

    Returns
    -------
    SMPResult
        Every state's positions, win probabilities and risk attitudes, and every round's
        challenges, bargains and choices.
    """
    params = parameters or SMPParameters()
    n = inputs.n_actors
    if not MIN_ACTORS <= n <= MAX_ACTORS:
        raise ValueError(f"SMP needs {MIN_ACTORS} to {MAX_ACTORS} actors, got {n}")
    seed = rng if isinstance(rng, int) else None
    generator: np.random.Generator | None = None
    if params.state_transition is StateTransition.STOCHASTIC:
        generator = (
            rng
            if isinstance(rng, np.random.Generator)
            else np.random.default_rng(seed if seed is not None else 0)
        )
        if seed is None and not isinstance(rng, np.random.Generator):
            seed = 0
    # One child stream per actor, spawned once: an actor's draws never depend on how many
    # options other actors had, and nothing is shared between threads (KTAB's defect, §6).
    streams = generator.spawn(n) if generator is not None else None
    capability = inputs.capability
    salience = inputs.salience
    total_salience = lane_sum(salience, axis=1)
    weight = capability * total_salience
    accommodation = inputs.accommodation

    x = inputs.unit_positions().copy()
    ideals = x.copy()
    states = [x]
    probabilities: list[Array] = []
    risks: list[Array] = []
    rounds: list[SMPRound] = []
    first_movement = 0.0
    stop_reason = ""
    while True:
        t = len(states) - 1
        distance = salience_distance(ideals, x, salience)
        risk = _infer_risk(distance, capability, params)
        risks.append(risk)
        probabilities.append(state_win_probabilities(distance, risk, capability, x, params))
        if stop_reason:
            break
        perspective_risk = estimated_risk(risk, params.big_r_adjust)
        target, best, chance = _best_targets(
            distance, perspective_risk, weight, total_salience, params
        )
        proposals = _make_bargains(
            target,
            chance,
            x,
            salience,
            distance,
            perspective_risk,
            weight,
            total_salience,
            params,
        )
        new_x, chosen, chosen_p, sizes = _resolve(
            proposals, x, ideals, salience, distance, risk, capability, params, streams
        )
        movement = float(lane_sum(np.sqrt(lane_sum((new_x - x) ** 2, axis=1)), axis=0))
        if t == 0:
            first_movement = movement
        fraction = movement / (first_movement + params.stop_floor)
        rounds.append(
            SMPRound(
                turn=t,
                target=target,
                delta_eu=best,
                challenge_win=chance,
                bargains=proposals.bargains,
                chosen=chosen,
                chosen_probability=chosen_p,
                queue_sizes=sizes,
                movement=movement,
                fractional_change=fraction,
            )
        )
        if accommodation is None:
            ideals = new_x.copy()
        else:
            kept = 1.0 - lane_sum(accommodation, axis=1)[:, None]
            moved = lane_sum(accommodation[:, :, None] * new_x[None, :, :], axis=1)
            ideals = moved + kept * ideals
        x = new_x
        states.append(x)
        done = len(states) - 1
        if progress is not None:
            progress(done, params.max_rounds)
        if done >= params.max_rounds:
            stop_reason = STOP_MAX_ROUNDS
        elif done >= params.min_rounds and fraction < params.stop_ratio:
            stop_reason = STOP_CONVERGED
    positions = np.stack(states)
    for array in (positions,):
        array.setflags(write=False)
    return SMPResult(
        inputs=inputs,
        parameters=params,
        seed=seed,
        positions=positions,
        win_probability=np.stack(probabilities),
        risk_attitude=np.stack(risks),
        rounds=tuple(rounds),
        stop_reason=stop_reason,
    )
