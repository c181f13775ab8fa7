"""BDM and Stokman engines: the documented options behave as their sources say."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings

from detente.bargaining.bdm import (
    BDMParameters,
    CapitulationRule,
    ProbabilityNormalisation,
    _probabilities,
    pairwise_vote_median,
    run_bdm,
)
from detente.bargaining.inputs import SpatialInputs
from detente.bargaining.ktab_csv import read_ktab_csv
from detente.bargaining.stokman import ExchangeRate, StokmanParameters, run_stokman

from .strategies import spatial_inputs

DATA = Path(__file__).parent / "data" / "dummyData_3Dim.csv"


def test_pairwise_normalisation_is_complementary_all_triples_is_not() -> None:
    rng = np.random.default_rng(4)
    x = rng.uniform(0, 1, 5)
    w = rng.uniform(0.1, 1, 5)
    d = np.abs(x[:, None] - x[None, :])
    votes = w[:, None, None] * (d[:, None, :] - d[:, :, None])
    pair = _probabilities(votes, ProbabilityNormalisation.PAIRWISE)
    off = ~np.eye(5, dtype=bool)
    np.testing.assert_allclose((pair + pair.T)[off], 1.0)
    triples = _probabilities(votes, ProbabilityNormalisation.ALL_TRIPLES)
    assert np.all((triples + triples.T)[off] < 1.0)


def _five_actors(seed: int) -> SpatialInputs:
    rng = np.random.default_rng(seed)
    return SpatialInputs(
        tuple("ABCDE"),
        tuple("ABCDE"),
        ("x",),
        ("x",),
        rng.uniform(10, 200, 5),
        rng.uniform(0, 100, (5, 1)),
        rng.uniform(0.1, 1, (5, 1)),
        [0.0],
        [100.0],
    )


def test_capitulation_reachable_only_with_the_fix() -> None:
    """Scholz et al.'s replication tests ``eu_ji < abs(eu_ji)`` (never true); the fix tests
    ``eu_ji < abs(eu_ij)``, so receivers who stand to lose more than the challenger gains give in."""
    inputs = next(
        inp
        for inp in map(_five_actors, range(200))
        if any(
            o[3] == "capitulation"
            for rnd in run_bdm(inp, BDMParameters(rounds=3)).offers
            for o in rnd
        )
    )
    fixed = run_bdm(inputs, BDMParameters(capitulation=CapitulationRule.FIXED))
    replicated = run_bdm(inputs, BDMParameters(capitulation=CapitulationRule.AS_REPLICATED))
    kinds_fixed = {o[3] for rnd in fixed.offers for o in rnd}
    kinds_rep = {o[3] for rnd in replicated.offers for o in rnd}
    assert "capitulation" not in kinds_rep
    assert "capitulation" in kinds_fixed


def test_pairwise_vote_median_is_the_condorcet_winner_in_one_dimension() -> None:
    x = np.array([0.0, 40.0, 55.0, 100.0])
    c = np.array([1.0, 1.0, 1.0, 1.0])
    s = np.ones(4)
    assert pairwise_vote_median(x, c, s) in (40.0, 55.0)
    c = np.array([1.0, 1.0, 3.0, 1.0])
    assert pairwise_vote_median(x, c, s) == 55.0


@settings(max_examples=15, deadline=None)
@given(spatial_inputs(max_dims=3))
def test_stokman_exchanges_benefit_both_and_random_rate_is_seeded(inputs: SpatialInputs) -> None:
    result = run_stokman(inputs, StokmanParameters(rounds=3))
    for rnd in result.exchanges:
        for ex in rnd:
            assert ex.gain_i > -1e-12 and ex.gain_j > -1e-12
    params = StokmanParameters(rate=ExchangeRate.RANDOM_RATE, rounds=3)
    a = run_stokman(inputs, params, 7)
    b = run_stokman(inputs, params, np.random.default_rng(7))
    np.testing.assert_array_equal(a.positions, b.positions)


@settings(max_examples=15, deadline=None)
@given(spatial_inputs(max_dims=3))
def test_stokman_positions_stay_between_the_extremes(inputs: SpatialInputs) -> None:
    result = run_stokman(inputs, StokmanParameters(rounds=3))
    lo = inputs.position.min(axis=0) - 1e-9
    hi = inputs.position.max(axis=0) + 1e-9
    assert np.all(result.positions >= lo) and np.all(result.positions <= hi)


def test_render_for_analyze() -> None:
    from io import StringIO

    from rich.console import Console

    from detente.bargaining.analysis import analyse_inputs
    from detente.cli.render_bargaining import render

    console = Console(file=StringIO(), width=120)
    render(analyse_inputs(read_ktab_csv(DATA)), console, explain=True)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "weighted mean" in text and "Round 9 → 10" in text
