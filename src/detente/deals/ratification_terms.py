"""P(a package's guarantee is ratified), per draw and package.

A design needing no vote (a political commitment, a sole executive agreement) is in force with
probability 1. A treaty (or a congressional-executive agreement) is put to its ratification
proposal's vote at the proposal's position moved by the links (``treaty_position``); the vote
probability is the ratification lens's, exactly (Art. II two thirds of those voting, Rule XXII
cloture; the DW-NOMINATE probit of Poole & Rosenthal 1997 or Krehbiel's deterministic model,
with party shocks): :func:`detente.ratification.curve.senate_pass_curves` computes it for all
positions of a draw at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from detente.deals.inputs import DealInputs, VoteDraws
from detente.deals.links import target_shift
from detente.ratification.chamber_vote import (
    VoteSetting,
    house_p_pass,
    senate_distribution,
    senate_pass_mask,
    yea_probabilities,
)
from detente.ratification.curve import senate_pass_curves
from detente.ratification.members import members_from_parties
from detente.ratification.position import RollCall
from detente.scenario.deals_section import LinkTarget
from detente.scenario.legal_form import LegalForm

__all__ = [
    "VoteCurve",
    "ratification_draws",
    "treaty_positions",
    "vote_curve",
    "vote_probabilities",
]

Array = NDArray[np.float64]


def treaty_positions(inputs: DealInputs, x: Array, design: NDArray[np.int64], m: int) -> Array:
    """Positions (D, P) of design ``m``'s proposal for packages ``x`` (only meaningful where
    ``design == m``)."""
    vote = inputs.designs[m].vote
    assert vote is not None
    return np.asarray(
        vote.treaty[:, None] + target_shift(inputs, LinkTarget.TREATY_POSITION, x, design),
        dtype=float,
    )


def _slow(vote: VoteDraws, treaties: Array) -> Array:
    """Exact P(pass) one (draw, position) at a time: chambers the shortcut does not cover
    (attendance differing by party, a counted "present") and the House of a CEA."""
    out = np.empty(treaties.shape)
    for d, scenario in enumerate(vote.scenarios):
        section = scenario.ratification
        assert section is not None
        setting = VoteSetting.of(section.vote_model)
        senate = members_from_parties(section.senate, "senate")
        house = members_from_parties(section.house, "house") if section.house else None
        n = len(senate.members)
        mask = senate_pass_mask(n, n, vote.form, vote.cloture, vote.veto)
        q = float(vote.status_quo[d])
        for k, t in enumerate(treaties[d]):
            roll = RollCall(((t + q) / 2.0, 0.0), ((q - t) / 2.0, 0.0))
            p = float(
                senate_distribution(
                    senate, section.senate, yea_probabilities(senate, roll, setting), setting
                )[mask].sum()
            )
            if vote.form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT:
                assert house is not None and section.house is not None
                p *= house_p_pass(
                    house,
                    section.house,
                    yea_probabilities(house, roll, setting),
                    setting,
                    vote.veto,
                )
            out[d, k] = p
    return out


def vote_probabilities(vote: VoteDraws, treaties: Array) -> Array:
    """P(ratified) (D, K) at positions ``treaties`` (D, K), draw by draw."""
    if vote.chambers is None or vote.form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT:
        return _slow(vote, treaties)
    return senate_pass_curves(
        vote.chambers, vote.form, treaties, vote.status_quo, cloture=vote.cloture, veto=vote.veto
    )


@dataclass(frozen=True)
class VoteCurve:
    """P(ratified) of one design's proposal on a grid of treaty positions, per draw: (G,)
    positions shared by all draws and (D, G) probabilities, interpolated by monotone cubic
    Hermite pieces (Fritsch & Carlson 1980, "Monotone piecewise cubic interpolation", *SIAM
    J. Numer. Anal.* 17(2):238-246: no overshoot, so a probability stays in [0, 1]). The
    curve is smooth in the position (a probit of each senator's utility difference,
    integrated over the shocks)."""

    positions: Array
    probability: Array

    @property
    def slopes(self) -> Array:
        """The Fritsch-Carlson slopes (D, G) at the grid points."""
        x, y = self.positions, self.probability
        h = np.diff(x)
        delta = np.diff(y, axis=1) / h
        d = np.zeros_like(y)
        if y.shape[1] == 2:
            return np.repeat(delta, 2, axis=1)
        w1 = 2 * h[1:] + h[:-1]
        w2 = h[1:] + 2 * h[:-1]
        same = (delta[:, :-1] * delta[:, 1:]) > 0
        with np.errstate(divide="ignore", invalid="ignore"):
            harmonic = (w1 + w2) / (w1 / delta[:, :-1] + w2 / delta[:, 1:])
        d[:, 1:-1] = np.where(same, harmonic, 0.0)
        d[:, 0] = _end_slope(h[0], h[1], delta[:, 0], delta[:, 1])
        d[:, -1] = _end_slope(h[-1], h[-2], delta[:, -1], delta[:, -2])
        return d

    def at(self, treaties: Array) -> Array:
        """P(ratified) (D, K) at positions ``treaties`` (D, K), interpolated per draw."""
        grid = self.positions
        t = np.clip(treaties, grid[0], grid[-1])
        hi = np.clip(np.searchsorted(grid, t, side="right"), 1, grid.size - 1)
        lo = hi - 1
        h = grid[hi] - grid[lo]
        u = (t - grid[lo]) / h
        rows = np.arange(t.shape[0])[:, None]
        d = self.slopes
        y0, y1 = self.probability[rows, lo], self.probability[rows, hi]
        m0, m1 = d[rows, lo] * h, d[rows, hi] * h
        u2, u3 = u * u, u * u * u
        value = (
            (2 * u3 - 3 * u2 + 1) * y0
            + (u3 - 2 * u2 + u) * m0
            + (-2 * u3 + 3 * u2) * y1
            + (u3 - u2) * m1
        )
        return np.asarray(np.clip(value, 0.0, 1.0), dtype=float)


def _end_slope(h0: float, h1: float, d0: Array, d1: Array) -> Array:
    """The shape-preserving three-point end slope (as SciPy's PCHIP)."""
    slope = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1)
    slope = np.where(np.sign(slope) != np.sign(d0), 0.0, slope)
    return np.where((np.sign(d0) != np.sign(d1)) & (np.abs(slope) > 3 * np.abs(d0)), 3 * d0, slope)


def vote_curve(vote: VoteDraws, low: float, high: float, points: int = 65) -> VoteCurve:
    """Tabulate P(ratified) of ``vote`` on ``points`` positions from ``low`` to ``high``."""
    grid = np.linspace(low, high, points) if high > low else np.array([low, low + 1e-9])
    probability = vote_probabilities(vote, np.broadcast_to(grid, (vote.treaty.size, grid.size)))
    return VoteCurve(positions=grid, probability=probability)


def ratification_draws(
    inputs: DealInputs,
    x: Array,
    design: NDArray[np.int64],
    curves: Mapping[int, VoteCurve] | None = None,
) -> Array:
    """P(the design of each package is ratified) (D, P) for packages ``x`` (D | 1, P, K):
    exactly at each position, or from ``curves`` (by design index) where given."""
    draws = max(inputs.draws, x.shape[0])
    out = np.ones((draws, x.shape[1]))
    for m, d in enumerate(inputs.designs):
        cols = np.flatnonzero(design == m)
        if d.vote is None or cols.size == 0:
            continue
        positions = treaty_positions(inputs, x, design, m)[:, cols]
        curve = None if curves is None else curves.get(m)
        out[:, cols] = (
            curve.at(positions) if curve is not None else _unique_evaluate(d.vote, positions)
        )
    return out


def _unique_evaluate(vote: VoteDraws, positions: Array) -> Array:
    """Evaluate each draw's distinct positions once (packages often share one)."""
    if positions.shape[1] > 1 and np.all(positions == positions[:, :1]):
        return np.repeat(vote_probabilities(vote, positions[:, :1]), positions.shape[1], axis=1)
    return vote_probabilities(vote, positions)
