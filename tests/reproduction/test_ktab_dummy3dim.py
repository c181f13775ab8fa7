"""KTAB's reference run of ``dummyData_3Dim`` (7 actors x 3 dimensions), reproduced.

Source: KAPSARC/KTAB (MIT licence), ``examples/smp/doc/dummyData_3Dim.csv`` (input) and
``examples/smp/doc/20170530_ref-dummyData_3Dim.txt`` (KTAB's own regression reference of
2017-05-30; Deterministic, all default parameters, A = I), as transcribed in detente's
reference document, bargaining §7. Tolerances are the printed precision: positions ±0.06 on the
0-100 scale (printed to 0.1), probabilities and fractional changes ±6e-5, risk attitudes ±6e-4.
Two further checks use a KTAB ``smpc`` rebuilt from the KAPSARC sources (see the comments below):
its turn-0 perspective diagnostics and a random 20 x 5 run stored state by state.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.bargaining.ktab_csv import read_ktab_csv
from detente.bargaining.smp import SMPResult, run_smp

DATA = Path(__file__).parents[1] / "bargaining" / "data" / "dummyData_3Dim.csv"

RISK_0 = [-0.500, -0.459, -0.499, -0.274, 1.000, -0.232, -0.430]
TARGETS_0 = [(6, 0.095), (0, 0.281), (6, 0.471), (0, 0.284), (0, 0.012), (1, 0.299), (1, 0.029)]
FRACTIONAL = [0.9999, 0.7631, 0.1780, 0.0801, 0.0853, 0.0686, 0.0639, 0.1058, 0.0398, 0.0045]
WIN = [
    [0.0047, 0.6059, 0.3618, 0.2234, 0.2420, 0.4040, 0.4031, 0.3546, 0.4593, 0.3962, 0.3340],
    [0.0302, 0.0509, 0.3087, 0.3684, 0.2457, 0.1811, 0.1290, 0.3546, 0.2960, 0.3962, 0.3340],
    [0.0054, 0.0096, 0.0256, 0.0158, 0.0096, 0.0339, 0.0072, 0.0571, 0.0194, 0.0074, 0.0183],
    [0.1492, 0.1406, 0.1887, 0.1674, 0.0823, 0.2564, 0.0533, 0.2768, 0.1131, 0.0507, 0.0957],
    [0.6001, 0.6059, 0.1152, 0.3684, 0.2420, 0.4040, 0.0446, 0.3115, 0.4593, 0.1730, 0.1512],
    [0.1447, 0.1217, 0.3618, 0.0649, 0.3687, 0.1246, 0.3628, 0.3115, 0.2960, 0.3530, 0.4009],
    [0.0656, 0.0713, 0.3087, 0.1602, 0.0517, 0.1246, 0.4031, 0.3546, 0.1123, 0.0198, 0.1512],
]
POSITIONS = [  # actor.dim rows, states 0..10
    [75.8, 79.5, 80.6, 80.6, 78.5, 78.5, 78.5, 78.5, 78.6, 78.6, 78.6],
    [6.4, 44.7, 34.2, 35.0, 30.5, 30.5, 31.2, 31.2, 31.5, 31.8, 31.8],
    [70.5, 72.0, 75.9, 76.1, 74.0, 74.0, 74.0, 74.0, 74.0, 74.1, 74.1],
    [82.7, 78.9, 76.0, 78.3, 79.0, 79.0, 79.1, 78.5, 79.9, 78.6, 78.6],
    [73.5, 56.3, 27.5, 30.5, 30.6, 30.6, 30.9, 31.2, 34.4, 31.8, 31.8],
    [64.0, 72.5, 72.0, 73.8, 74.2, 74.2, 74.3, 74.0, 75.2, 74.1, 74.1],
    [82.5, 82.5, 82.5, 82.5, 82.5, 82.5, 82.5, 82.5, 82.5, 82.5, 82.5],
    [90.9, 90.9, 90.9, 90.9, 90.9, 90.9, 90.9, 90.9, 90.9, 90.9, 90.9],
    [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
    [62.5, 65.8, 66.7, 66.7, 66.7, 66.7, 67.1, 67.1, 67.1, 67.1, 67.1],
    [50.8, 50.8, 50.2, 50.2, 50.2, 50.2, 50.1, 50.1, 50.1, 50.1, 50.1],
    [62.3, 63.0, 63.5, 63.5, 63.5, 63.5, 63.7, 63.7, 63.7, 63.7, 63.7],
    [82.3, 79.5, 81.5, 78.3, 78.5, 78.5, 78.6, 80.5, 78.6, 78.6, 78.6],
    [45.8, 44.7, 35.8, 30.5, 30.5, 30.5, 30.6, 34.6, 31.6, 31.6, 31.6],
    [73.3, 72.0, 79.1, 73.8, 74.0, 74.0, 74.1, 75.9, 74.0, 74.1, 74.1],
    [84.5, 84.4, 80.6, 80.7, 80.6, 80.5, 80.5, 80.5, 79.9, 79.9, 79.9],
    [33.7, 34.1, 34.2, 34.3, 34.7, 34.6, 34.6, 34.6, 34.4, 34.4, 34.4],
    [88.1, 86.3, 75.9, 76.3, 76.1, 75.9, 75.9, 75.9, 75.2, 75.2, 75.2],
    [71.0, 75.6, 76.0, 77.4, 77.4, 80.5, 78.5, 78.5, 78.7, 78.7, 78.6],
    [33.5, 24.8, 27.5, 28.7, 28.7, 34.6, 31.2, 31.2, 31.3, 31.3, 31.6],
    [90.4, 72.0, 72.0, 73.0, 73.0, 75.9, 74.0, 74.0, 74.1, 74.1, 74.1],
]


@pytest.fixture(scope="module")
def run() -> SMPResult:
    return run_smp(read_ktab_csv(DATA))


def test_eleven_states_then_stop(run: SMPResult) -> None:
    assert run.n_states == 11
    assert len(run.rounds) == 10


def test_turn_zero_risk_attitudes(run: SMPResult) -> None:
    np.testing.assert_allclose(run.risk_attitude[0], RISK_0, atol=6e-4)


def test_turn_zero_best_targets(run: SMPResult) -> None:
    first = run.rounds[0]
    assert [int(t) for t in first.target] == [t for t, _ in TARGETS_0]
    np.testing.assert_allclose(first.delta_eu, [d for _, d in TARGETS_0], atol=6e-4)


def test_fractional_changes(run: SMPResult) -> None:
    np.testing.assert_allclose([r.fractional_change for r in run.rounds], FRACTIONAL, atol=6e-5)


def test_win_probabilities_every_state(run: SMPResult) -> None:
    np.testing.assert_allclose(run.win_probability.T, WIN, atol=6e-5)


def test_positions_every_state(run: SMPResult) -> None:
    scaled = run.positions_on_scale()  # (states, actors, dims)
    table = scaled.transpose(1, 2, 0).reshape(21, -1)
    np.testing.assert_allclose(table, POSITIONS, atol=0.06)


def test_actor_02_never_moves(run: SMPResult) -> None:
    """SActor-02 challenges SActor-06 at turn 0, but its queue's vote keeps its status quo."""
    assert run.rounds[0].target[2] == 6
    assert all(r.chosen[2] == -1 for r in run.rounds)
    np.testing.assert_array_equal(run.positions[:, 2], np.repeat(run.positions[:1, 2], 11, 0))


def test_weighted_mean_of_inputs() -> None:
    """Σcsx/Σcs of the initial positions: (78.78, 47.60, 52.32) per the reference document."""
    from detente.bargaining.weighted_mean import weighted_mean

    values = weighted_mean(read_ktab_csv(DATA)).values
    np.testing.assert_allclose(values, [78.78, 47.60, 52.32], atol=6e-3)


# Turn-0 diagnostics of KTAB's log for the same run, lines "Est by h of prob P that [i> j], with
# expected gain to k of ΔEU" (printed to 4 decimals). Source: smpc rebuilt from the KAPSARC/KTAB
# sources (the fork lsyaseen/KTAB at commit 3b5b063, "Merge pull request #341 from
# KAPSARC/QuickFixTut") and run as `smpc --logmin --csv dummyData_3Dim.csv` on 2026-11-27; its
# positions matched the 2017 reference above. (h, i, j, P, k, ΔEU):
PERSPECTIVES = [
    (1, 1, 0, 0.7964, 1, +0.2810),
    (1, 1, 0, 0.7964, 0, -0.0912),
    (0, 1, 0, 0.7952, 1, +0.2840),
    (0, 1, 0, 0.7952, 0, -0.0925),
    (0, 0, 6, 0.7643, 0, +0.0947),
    (0, 0, 6, 0.7643, 6, -0.1548),
    (6, 0, 6, 0.7660, 0, +0.0925),
    (6, 0, 6, 0.7660, 6, -0.1514),
    (3, 3, 0, 0.8056, 3, +0.2839),
    (3, 3, 0, 0.8056, 0, -0.1143),
    (0, 3, 0, 0.8008, 3, +0.3035),
    (0, 3, 0, 0.8008, 0, -0.1243),
    (4, 4, 0, 0.5836, 4, +0.0116),
    (4, 4, 0, 0.5836, 0, -0.0116),
    (0, 4, 0, 0.7586, 4, +0.1164),
    (0, 4, 0, 0.7586, 0, -0.0621),
    (5, 5, 1, 0.8510, 5, +0.2986),
    (5, 5, 1, 0.8510, 1, -0.2221),
    (1, 5, 1, 0.8518, 5, +0.3252),
    (1, 5, 1, 0.8518, 1, -0.2433),
    (6, 6, 1, 0.3970, 6, +0.0286),
    (6, 6, 1, 0.3970, 1, -0.0267),
    (1, 6, 1, 0.3981, 6, +0.0295),
    (1, 6, 1, 0.3981, 1, -0.0276),
    (2, 2, 6, 0.8334, 2, +0.4711),
    (2, 2, 6, 0.8334, 6, -0.4958),
    (6, 2, 6, 0.8331, 2, +0.4626),
    (6, 2, 6, 0.8331, 6, -0.4874),
]


def test_turn_zero_perspectives_of_initiator_and_receiver() -> None:
    """Every perspective h and gainer k that KTAB logs at turn 0, including the receiver's
    estimate (h = j) that InitRcvrInterp and PWCompInterp use. Tolerance ±6e-5 (4 decimals)."""
    from detente.bargaining.challenge import estimate_challenges
    from detente.bargaining.options import SMPParameters
    from detente.bargaining.risk import estimated_risk, salience_distance
    from detente.bargaining.smp import _infer_risk

    inputs = read_ktab_csv(DATA)
    params = SMPParameters()
    x = inputs.unit_positions()
    distance = salience_distance(x, x, inputs.salience)
    risk = _infer_risk(distance, inputs.capability, params)
    h, i, j, p, k, gain = (np.array(col) for col in zip(*PERSPECTIVES, strict=True))
    est = estimate_challenges(
        distance,
        estimated_risk(risk, params.big_r_adjust),
        inputs.capability * inputs.salience.sum(axis=1),
        inputs.salience.sum(axis=1),
        h.astype(int),
        i.astype(int),
        j.astype(int),
        params.voting_rule,
        params.third_party_commit,
        k.astype(int),
    )
    np.testing.assert_allclose(est.win_probability, p, atol=6e-5)
    np.testing.assert_allclose(est.delta_eu, gain, atol=6e-5)


def test_random_20x5_matches_ktab_state_by_state() -> None:
    """A random 20-actor, 5-dimension case (``benchmarks/bargaining_smp.py``'s generator, seed 5)
    run through the same rebuilt smpc; its ``VectorPosition`` table (all 23 states, positions
    stored to 2 decimals) is in ``ktab_random20x5_positions.csv``. Tolerance ±0.006."""
    data = Path(__file__).parents[1] / "bargaining" / "data"
    rows = np.loadtxt(data / "ktab_random20x5_positions.csv", delimiter=",", skiprows=1)
    turns = int(rows[:, 0].max()) + 1
    expected = np.zeros((turns, 20, 5))
    expected[rows[:, 0].astype(int), rows[:, 1].astype(int), rows[:, 2].astype(int)] = rows[:, 3]
    result = run_smp(read_ktab_csv(data / "ktab_random20x5.csv"))
    assert result.n_states == turns
    np.testing.assert_allclose(result.positions_on_scale(), expected, atol=6e-3)
