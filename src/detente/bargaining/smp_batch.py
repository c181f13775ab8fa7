"""Many Deterministic SMP runs at once, in lockstep: the forecast only, for Monte Carlo sweeps.

The model is :mod:`detente.bargaining.smp` (KTAB's Spatial Model of Politics; detente's
reference document, bargaining §2) and so is the arithmetic: every run of a batch goes through
the same operations, in the same order, as :func:`~detente.bargaining.smp.run_smp` on its own
inputs, with one extra leading axis. One SMP round on 9 actors is a few hundred NumPy calls on
arrays of tens of elements, so a single run is dominated by interpreter overhead; a batch of a
thousand runs pays that overhead once per round for all of them.

Three rules make each run's answer bit-identical to ``run_smp``'s and independent of the batch
it is in (so a sweep gives the same numbers on 1 worker, 2 workers or a cluster, whatever the
batching):

- only element-wise operations and reductions along one run's own axes are used, never a
  reduction across runs;
- every sum goes through :mod:`detente.bargaining.sums`, as in ``run_smp``, so its rounding
  depends neither on array shape nor on memory layout;
- each actor's queue is voted on over a fixed-width option axis (status quo + every possible
  bargain, absent ones masked); sums over a queue run left to right in queue order, and a
  masked option adds an exact 0, as in ``run_smp``'s vote over the compact queue.

Runs that stop (movement below the stop ratio, or the round limit) leave the lockstep; their
last state's forecast is computed as :meth:`SMPResult.forecast_unit` does, runs whose coincident
positions merge alike sharing one stacked vote.

Only the Deterministic state transition with the Conditional PCE is batched
(:func:`batchable`), and only up to 100 actors; the other runs go through :func:`run_smp` one
at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.bargaining.challenge import challenges_per_run
from detente.bargaining.inputs import SpatialInputs
from detente.bargaining.options import (
    BargainModel,
    PCEModel,
    SMPParameters,
    StateTransition,
)
from detente.bargaining.pce import stacked_scalar_pce
from detente.bargaining.risk import estimated_risk, risk_from_probabilities, utility
from detente.bargaining.smp import (
    MAX_ACTORS,
    MERGE_TOLERANCE,
    MIN_ACTORS,
    PROPOSAL_THRESHOLD,
    _interpolate,
    run_smp,
)
from detente.bargaining.sums import lane_sum, running_sum
from detente.bargaining.voting import COALITION_FLOOR, victory_probabilities, vote

__all__ = ["SMPBatch", "batchable", "run_smp_batch"]

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

_CHUNK_ELEMENTS = 1_000_000
"""Runs advance together in chunks whose largest temporary (runs x n^3) stays below this."""


@dataclass(frozen=True)
class SMPBatch:
    """Forecasts of a batch of SMP runs: ``forecast_unit[b]`` is run b's expected outcome per
    issue on [0, 1] (as :meth:`SMPResult.forecast_unit`), ``rounds[b]`` its number of rounds."""

    forecast_unit: Array
    rounds: IntArray


def batchable(parameters: SMPParameters) -> bool:
    """Whether :func:`run_smp_batch` runs these options in lockstep (else one run at a time)."""
    return (
        parameters.state_transition is StateTransition.DETERMINISTIC
        and parameters.pce is PCEModel.CONDITIONAL
    )


def run_smp_batch(
    runs: Sequence[SpatialInputs], parameters: SMPParameters | None = None
) -> SMPBatch:
    """Forecast of :func:`~detente.bargaining.smp.run_smp` for each of ``runs``.

    Runs with the same numbers of actors and issues go through the rounds together; the
    answer of each equals ``run_smp(inputs, parameters).forecast_unit()`` (see the module
    docstring for the one round-off caveat).
    """
    params = parameters or SMPParameters()
    count = len(runs)
    first = runs[0].n_dimensions if runs else 0
    forecast = np.full((count, max(first, 0)), np.nan)
    rounds = np.zeros(count, dtype=np.int64)
    if not runs:
        return SMPBatch(forecast, rounds)
    if any(r.n_dimensions != first for r in runs):
        raise ValueError("every run of a batch must have the same issues")
    for inputs in runs:
        if not MIN_ACTORS <= inputs.n_actors <= MAX_ACTORS:
            raise ValueError(
                f"SMP needs {MIN_ACTORS} to {MAX_ACTORS} actors, got {inputs.n_actors}"
            )
    groups: dict[tuple[int, bool], list[int]] = {}
    for b, inputs in enumerate(runs):
        groups.setdefault((inputs.n_actors, inputs.accommodation is not None), []).append(b)
    for (n, _), members in groups.items():
        if not batchable(params) or n**3 > _CHUNK_ELEMENTS:
            # Large chambers gain nothing from lockstep and their n^3 temporaries would not
            # fit a chunk: run_smp bounds its own memory.
            for b in members:
                result = run_smp(runs[b], params)
                forecast[b] = result.forecast_unit()
                rounds[b] = len(result.rounds)
            continue
        size = max(1, _CHUNK_ELEMENTS // (n**3))
        for start in range(0, len(members), size):
            chunk = members[start : start + size]
            f, r = _lockstep([runs[b] for b in chunk], params)
            forecast[chunk] = f
            rounds[chunk] = r
    return SMPBatch(forecast, rounds)


def _salience_distance(ideals: Array, positions: Array, salience: Array) -> Array:
    """:func:`~detente.bargaining.risk.salience_distance` with a leading batch axis."""
    diff = ideals[:, :, None, :] - positions[:, None, :, :]
    s2 = salience**2
    return np.asarray(
        np.sqrt(lane_sum(s2[:, :, None, :] * diff**2, 3) / lane_sum(s2, 2)[:, :, None]),
        dtype=np.float64,
    )


@dataclass(frozen=True)
class _Bargains:
    """A round's possible bargains per run on a fixed slot axis (absent ones: ``valid`` False)."""

    valid: BoolArray
    initiator: IntArray
    receiver: IntArray
    initiator_position: Array
    receiver_position: Array


def _bargains(
    target: IntArray,
    chance: Array,
    x: Array,
    salience: Array,
    distance: Array,
    perspective_risk: Array,
    weight: Array,
    total_salience: Array,
    params: SMPParameters,
) -> _Bargains:
    """Slot i holds initiator i's bargain (InitRcvr: slots 2i and 2i + 1, the initiator's and
    the receiver's version), the order in which ``run_smp`` lists them."""
    runs, n, _ = x.shape
    valid = target >= 0
    init = np.broadcast_to(np.arange(n), (runs, n))
    rcvr = np.where(valid, target, 0)
    x_r = np.take_along_axis(x, rcvr[:, :, None], axis=1)
    s_r = np.take_along_axis(salience, rcvr[:, :, None], axis=1)
    b_i, b_j = _interpolate(params, x, salience, x_r, s_r, chance[:, :, None])
    model = params.bargain_model
    if model is BargainModel.INIT_ONLY_INTERP:
        return _Bargains(valid, init, rcvr, b_i, b_j)
    p_r, _ = challenges_per_run(
        distance,
        perspective_risk,
        weight,
        total_salience,
        rcvr,
        init,
        rcvr,
        params.voting_rule,
        params.third_party_commit,
    )
    r_i, r_j = _interpolate(params, x, salience, x_r, s_r, p_r[:, :, None])
    if model is BargainModel.INIT_RCVR_INTERP:
        d = x.shape[2]
        pos_i = np.empty((runs, 2 * n, d))
        pos_r = np.empty((runs, 2 * n, d))
        pos_i[:, 0::2], pos_i[:, 1::2] = b_i, r_i
        pos_r[:, 0::2], pos_r[:, 1::2] = b_j, r_j
        return _Bargains(
            np.repeat(valid, 2, axis=1),
            np.repeat(init, 2, axis=1),
            np.repeat(rcvr, 2, axis=1),
            pos_i,
            pos_r,
        )
    w_i, w_j = weight[:, :, None], np.take_along_axis(weight, rcvr, axis=1)[:, :, None]
    pos_i = (w_i * b_i + w_j * r_i) / (w_i + w_j)
    pos_r = (w_i * b_j + w_j * r_j) / (w_i + w_j)
    return _Bargains(valid, init, rcvr, pos_i, pos_r)


def _conditional_pce(weights: Array, utilities: Array, params: SMPParameters) -> Array:
    """Conditional PCE of one election per run: ``utilities`` (runs, voters, options)."""
    return stacked_scalar_pce(
        weights, utilities, params.voting_rule, params.victory_prob, PCEModel.CONDITIONAL
    )


def _resolve(
    bargains: _Bargains,
    x: Array,
    ideals: Array,
    salience: Array,
    distance: Array,
    risk: Array,
    capability: Array,
    params: SMPParameters,
) -> Array:
    """:func:`~detente.bargaining.smp._resolve` (Deterministic, Conditional PCE) per run."""
    runs, n, _ = x.shape
    own = utility(distance, risk[:, :, None])
    base = lane_sum(own, 2)
    init, rcvr = bargains.initiator, bargains.receiver
    pos_i, pos_r = bargains.initiator_position, bargains.receiver_position
    u_bi = utility(_salience_distance(ideals, pos_i, salience), risk[:, :, None])
    u_br = utility(_salience_distance(ideals, pos_r, salience), risk[:, :, None])
    slots = init.shape[1]
    own_i = np.take_along_axis(own, np.broadcast_to(init[:, None, :], (runs, n, slots)), axis=2)
    own_r = np.take_along_axis(own, np.broadcast_to(rcvr[:, None, :], (runs, n, slots)), axis=2)
    score = (base[:, :, None] - own_i - own_r + u_bi + u_br) / n
    status_quo = base / n
    options = np.concatenate([status_quo[:, :, None], score], axis=2)  # (runs, voters, 1+M)
    # Pairwise victory between every two options: the same for every queue that holds both.
    delta = options[:, :, :, None] - options[:, :, None, :]
    votes = vote(params.voting_rule, capability[:, :, None, None], delta)
    strengths = COALITION_FLOOR + lane_sum(np.maximum(votes, 0.0), 1)
    log_victory = np.log(victory_probabilities(params.victory_prob, strengths))  # (runs, O, O)
    actors = np.arange(n)[None, :, None]
    member = bargains.valid[:, None, :] & (
        (init[:, None, :] == actors) | (rcvr[:, None, :] == actors)
    )  # (runs, k, M): bargain m is in k's queue
    # logs[b, k, o] = sum over the options o' of k's queue of log P(o > o'), in queue order.
    lv = log_victory[:, None, :, :]  # (runs, 1, O, O)
    logs = running_sum(lv[..., 1:], -1, member[:, :, None, :], start=lv[..., 0])  # (runs, k, O)
    in_queue = np.concatenate([np.ones((runs, n, 1), dtype=bool), member], axis=2)
    masked = np.where(in_queue, logs, -np.inf)
    masked -= masked.max(axis=2, keepdims=True)
    p = np.exp(masked)  # 0 outside the queue
    total = running_sum(p[..., 1:], -1, member, start=p[..., 0])
    p = p / total[:, :, None]
    pick = np.where(in_queue, p, -1.0).argmax(axis=2)  # first maximum, queue order
    new_x = x.copy()
    moved = pick > 0
    if np.any(moved):
        b, k = np.nonzero(moved)
        m = pick[b, k] - 1
        as_initiator = init[b, m] == k
        new_x[b, k] = np.where(as_initiator[:, None], pos_i[b, m], pos_r[b, m])
    return new_x


def _lockstep(runs: Sequence[SpatialInputs], params: SMPParameters) -> tuple[Array, IntArray]:
    count = len(runs)
    n = runs[0].n_actors
    capability = np.stack([r.capability for r in runs])
    salience = np.stack([r.salience for r in runs])
    total_salience = lane_sum(salience, 2)
    weight = capability * total_salience
    accommodation = (
        np.stack([np.asarray(r.accommodation) for r in runs])
        if runs[0].accommodation is not None
        else None
    )
    x = np.stack([r.unit_positions() for r in runs])
    ideals = x.copy()
    final_x = np.empty_like(x)
    final_ideals = np.empty_like(x)
    rounds = np.zeros(count, dtype=np.int64)
    first_movement = np.zeros(count)
    active = np.arange(count)
    pairs_i = np.repeat(np.arange(n), n)
    pairs_j = np.tile(np.arange(n), n)
    t = 0
    while active.size:
        a = active.size
        s, c, w, ts = salience[active], capability[active], weight[active], total_salience[active]
        distance = _salience_distance(ideals, x, s)
        probabilities = _conditional_pce(c, 1.0 - distance, params)
        risk = risk_from_probabilities(probabilities, params.big_r_range)
        perspective = estimated_risk(risk, params.big_r_adjust)
        win, gain = challenges_per_run(
            distance,
            perspective,
            w,
            ts,
            pairs_i,
            pairs_i,
            pairs_j,
            params.voting_rule,
            params.third_party_commit,
        )
        gain = gain.reshape(a, n, n)
        win = win.reshape(a, n, n)
        gain[:, np.arange(n), np.arange(n)] = -np.inf
        target = gain.argmax(axis=2)  # lowest index on ties
        best = np.take_along_axis(gain, target[:, :, None], axis=2)[:, :, 0]
        chance = np.take_along_axis(win, target[:, :, None], axis=2)[:, :, 0]
        target = np.where(best > PROPOSAL_THRESHOLD, target, -1)
        bargains = _bargains(target, chance, x, s, distance, perspective, w, ts, params)
        new_x = _resolve(bargains, x, ideals, s, distance, risk, c, params)
        movement = lane_sum(np.sqrt(lane_sum((new_x - x) ** 2, 2)), 1)
        if t == 0:
            first_movement[active] = movement
        fraction = movement / (first_movement[active] + params.stop_floor)
        if accommodation is None:
            ideals = new_x.copy()
        else:
            acc = accommodation[active]
            kept = 1.0 - lane_sum(acc, 2)[:, :, None]
            ideals = lane_sum(acc[:, :, :, None] * new_x[:, None, :, :], 2) + kept * ideals
        x = new_x
        t += 1
        done = t >= params.max_rounds
        stop = (
            np.full(a, True) if done else (t >= params.min_rounds) & (fraction < params.stop_ratio)
        )
        if np.any(stop):
            leaving = active[stop]
            final_x[leaving] = x[stop]
            final_ideals[leaving] = ideals[stop]
            rounds[leaving] = t
            keep = ~stop
            active, x, ideals = active[keep], x[keep], ideals[keep]
    return _final_forecasts(runs, final_x, final_ideals, params), rounds


def _merge(x: Array) -> IntArray:
    """Per run, :func:`~detente.bargaining.smp._merge_positions`'s owner of each actor: the
    index of its representative among the distinct positions (1e-3 merge, first actor wins)."""
    runs, n, _ = x.shape
    close = np.sqrt(lane_sum((x[:, :, None, :] - x[:, None, :, :]) ** 2, 3)) < MERGE_TOLERANCE
    owner = np.full((runs, n), -1, dtype=np.int64)
    count = np.zeros(runs, dtype=np.int64)
    for a in range(n):
        new = owner[:, a] < 0
        claim = close[:, a, :] & (owner < 0) & new[:, None]
        owner = np.where(claim, count[:, None], owner)
        count = count + new
    return owner


def _final_forecasts(
    runs: Sequence[SpatialInputs], x: Array, ideals: Array, params: SMPParameters
) -> Array:
    """:meth:`SMPResult.forecast_unit` of each run's last state, computed as ``run_smp`` does:
    runs whose distinct positions are the same actors share one stacked vote."""
    capability = np.stack([r.capability for r in runs])
    salience = np.stack([r.salience for r in runs])
    distance = _salience_distance(ideals, x, salience)
    risk = risk_from_probabilities(
        _conditional_pce(capability, 1.0 - distance, params), params.big_r_range
    )
    owner = _merge(x)
    forecast = np.empty((len(runs), x.shape[2]))
    groups: dict[bytes, list[int]] = {}
    for b in range(len(runs)):
        groups.setdefault(owner[b].tobytes(), []).append(b)
    for members in groups.values():
        rows = np.asarray(members)
        reps = np.unique(owner[rows[0]], return_index=True)[1]
        u = utility(distance[rows][:, :, reps], risk[rows][:, :, None])
        p = _conditional_pce(capability[rows], u, params)  # (group, distinct positions)
        xr = x[rows][:, reps]
        forecast[rows] = lane_sum(p[:, :, None] * xr, 1) / lane_sum(p, 1)[:, None]
    return forecast
