"""Human-readable explanations of SMP runs: challenges, bargains, narratives, diagnostics.

Pure functions from the engines' numbers-only results to frozen records and sentences;
presenters (the CLI, the report, :mod:`detente.bargaining.present`) only format them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detente.bargaining.analysis import BargainingAnalysis
from detente.bargaining.smp import STOP_MAX_ROUNDS, SMPResult

__all__ = [
    "ChallengeRecord",
    "Dynamics",
    "RoundExplanation",
    "dynamics",
    "explain_rounds",
    "issue_narrative",
    "narratives",
    "stop_text",
]


@dataclass(frozen=True)
class ChallengeRecord:
    initiator: str
    target: str
    delta_eu: float
    win_probability: float
    adopted_by_initiator: bool
    adopted_by_target: bool


@dataclass(frozen=True)
class RoundExplanation:
    """One round: who challenged whom, which bargain each actor adopted and why."""

    turn: int
    challenges: tuple[ChallengeRecord, ...]
    idle: tuple[str, ...]
    """Actors who saw no challenge worth making (best ΔEU <= 1e-5)."""
    choices: tuple[str, ...]
    """One sentence per actor: what it adopted and with which PCE probability."""
    fractional_change: float


@dataclass(frozen=True)
class Dynamics:
    """Convergence versus oscillation of a run."""

    converged: bool
    rounds: int
    stop_reason: str
    oscillation_index: float
    """Share of actor-issue moves in the second half of the run that reverse the previous
    move's direction (0: monotone convergence, near 1: back and forth)."""
    final_movement: float
    verdict: str


def explain_rounds(result: SMPResult) -> tuple[RoundExplanation, ...]:
    """Each round's challenges, the actors with no proposal and what each actor adopted."""
    names = result.inputs.actors
    out = []
    for rnd in result.rounds:
        records = []
        for b_index, bargain in enumerate(rnd.bargains):
            if bargain.estimated_by != bargain.initiator:
                continue
            i, j = bargain.initiator, bargain.receiver
            records.append(
                ChallengeRecord(
                    initiator=names[i],
                    target=names[j],
                    delta_eu=float(rnd.delta_eu[i]),
                    win_probability=float(rnd.challenge_win[i]),
                    adopted_by_initiator=bool(rnd.chosen[i] == b_index),
                    adopted_by_target=bool(rnd.chosen[j] == b_index),
                )
            )
        idle = tuple(names[i] for i in np.flatnonzero(rnd.target < 0))
        choices = []
        for k, m in enumerate(rnd.chosen):
            p = float(rnd.chosen_probability[k])
            if m < 0:
                why = (
                    "had no bargain on the table"
                    if rnd.queue_sizes[k] == 1
                    else f"kept its position: the status quo won the vote over its "
                    f"{rnd.queue_sizes[k] - 1} bargain(s) (PCE probability {p:.3f})"
                )
                choices.append(f"{names[k]} {why}")
            else:
                b = rnd.bargains[int(m)]
                other = b.receiver if b.initiator == k else b.initiator
                role = "its challenge of" if b.initiator == k else "the challenge by"
                choices.append(
                    f"{names[k]} adopted the bargain from {role} {names[other]} "
                    f"(PCE probability {p:.3f} among {rnd.queue_sizes[k]} options)"
                )
        out.append(
            RoundExplanation(
                turn=rnd.turn,
                challenges=tuple(records),
                idle=idle,
                choices=tuple(choices),
                fractional_change=rnd.fractional_change,
            )
        )
    return tuple(out)


def dynamics(result: SMPResult) -> Dynamics:
    """Convergence versus oscillation of a run, with a verdict in words."""
    moves = np.diff(result.positions, axis=0)  # (rounds, n, d)
    rounds = moves.shape[0]
    half = moves[rounds // 2 :]
    if half.shape[0] >= 2:
        a, b = half[:-1], half[1:]
        active = (np.abs(a) > 1e-9) & (np.abs(b) > 1e-9)
        reversals = active & (np.sign(a) != np.sign(b))
        index = float(reversals.sum() / active.sum()) if active.any() else 0.0
    else:
        index = 0.0
    converged = rounds < result.parameters.max_rounds
    final = result.rounds[-1].fractional_change if result.rounds else 0.0
    if converged and index < 0.5:
        verdict = f"converged after {rounds} rounds"
    elif converged:
        verdict = (
            f"stopped after {rounds} rounds, but actors were still moving back and forth "
            f"(oscillation index {index:.2f}); treat the forecast as a range"
        )
    else:
        verdict = (
            f"did not converge in {rounds} rounds (last movement {final:.3f} of the first); "
            "the bargaining oscillates"
        )
    return Dynamics(converged, rounds, stop_text(result), index, final, verdict)


def stop_text(result: SMPResult) -> str:
    """Why the run stopped, in words."""
    params = result.parameters
    if result.stop_reason == STOP_MAX_ROUNDS:
        return f"reached the maximum of {params.max_rounds} rounds"
    fraction = result.rounds[-1].fractional_change if result.rounds else 0.0
    return f"movement fell to {fraction:.4f} of the first round's (below {params.stop_ratio})"


def narratives(analysis: BargainingAnalysis) -> tuple[str, ...]:
    """One :func:`issue_narrative` per issue of an analysis with an SMP run (else none)."""
    if analysis.smp is None:
        return ()
    return tuple(
        issue_narrative(analysis.smp, k, float(analysis.baseline.values[k]))
        for k in range(analysis.inputs.n_dimensions)
    )


def _fmt(value: float, units: str) -> str:
    return f"{value:.1f}" + (f" {units}" if units else "")


def issue_narrative(result: SMPResult, issue: int, baseline: float) -> str:
    """A short story of one issue: where it started, who moved, where it ends."""
    inputs = result.inputs
    units = inputs.units[issue]
    start = inputs.position[:, issue]
    scaled = result.positions_on_scale()[:, :, issue]
    end = scaled[-1]
    forecast = float(result.forecast()[issue])
    moved = end - start
    order = np.argsort(-np.abs(moved))
    movers = [
        f"{inputs.actors[a]} ({_fmt(start[a], '')} → {_fmt(end[a], '')})"
        for a in order[:3]
        if abs(moved[a]) > 1e-6 * (inputs.high[issue] - inputs.low[issue])
    ]
    still = [inputs.actors[a] for a in range(inputs.n_actors) if abs(moved[a]) <= 1e-9]
    p_final = result.win_probability[-1]
    leader = int(np.argmax(p_final))
    text = (
        f"{inputs.dimension_labels[issue]}: positions started between "
        f"{_fmt(start.min(), '')} and {_fmt(start.max(), units)}. "
    )
    if movers:
        text += "The largest moves: " + ", ".join(movers) + ". "
    if still:
        text += "Never moved: " + ", ".join(still) + ". "
    text += (
        f"After {len(result.rounds)} rounds the SMP forecast (positions weighted by their "
        f"win probabilities) is {_fmt(forecast, units)}, against {_fmt(baseline, units)} for "
        f"the capability × salience weighted mean; the most likely single position is "
        f"{inputs.actors[leader]}'s at {_fmt(end[leader], units)} "
        f"(win probability {p_final[leader]:.2f})."
    )
    return text
