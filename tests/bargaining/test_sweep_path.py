"""The bargaining lens in sweeps: the fast path equals the full run, and its rng use.

``sweep_summary`` must return exactly ``summary(run(...))`` (the runner relies on it), on drawn
variants of the shipped scenario, on KTAB's ``dummyData_3Dim`` and with every model and the
random options; ``uses_rng`` must be true exactly when the headline answer reads the generator.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.bargaining.ktab_csv import read_ktab_csv
from detente.bargaining.lens import BargainingLens
from detente.bargaining.options import PCEModel, VictoryProb, VotingRule
from detente.bargaining.pce import scalar_pce, stacked_scalar_pce
from detente.scenario import load_scenario, load_scenario_text, shipped_path
from detente.scenario.model import Scenario
from detente.uncertainty.runner import _lens_generator, run_sweep
from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs

KTAB = Path(__file__).parent / "data" / "dummyData_3Dim.csv"
LENS = BargainingLens()


def _variants(scenario: Scenario, count: int, seed: int) -> list[Scenario]:
    inputs = find_inputs(scenario)
    plan = VariantPlan(inputs)
    columns = draw_columns(inputs, count, seed)
    return [plan.apply(scenario, [c[row] for c in columns]) for row in range(count)]


def _ktab_scenario(options: str = "", uncertain: bool = False) -> Scenario:
    """dummyData_3Dim as a scenario; with ``uncertain`` each capability is a triangular."""
    inputs = read_ktab_csv(KTAB)
    top = inputs.capability.max()
    lines = [
        "format: detente/1",
        "id: ktab_dummy3dim",
        "title: KTAB dummyData_3Dim",
        "actors:",
        *[f"  - {{id: A{i}, name: {a}}}" for i, a in enumerate(inputs.actors)],
        "bargaining:",
        *[f"  {line}" for line in options.splitlines()],
        "  issues:",
        *[
            f"    - {{id: {d}, label: {d}, scale: {{low: {lo}, high: {hi}}}}}"
            for d, lo, hi in zip(inputs.dimensions, inputs.low, inputs.high, strict=True)
        ],
        "  actors:",
    ]
    for i in range(inputs.n_actors):
        c = float(inputs.capability[i] / top)
        capability = (
            f"{{dist: triangular, low: {0.8 * c!r}, mode: {c!r}, high: {min(1.0, 1.2 * c)!r}}}"
            if uncertain
            else repr(c)
        )
        lines += [f"    - actor: A{i}", f"      capability: {capability}", "      stances:"]
        for k, d in enumerate(inputs.dimensions):
            lines.append(
                f"        - {{issue: {d}, position: {float(inputs.position[i, k])!r}, "
                f"salience: {float(inputs.salience[i, k])!r}}}"
            )
    return load_scenario_text("\n".join(lines) + "\n", "ktab.yaml")


def _assert_fast_path_exact(scenario: Scenario, draws: list[int]) -> None:
    for draw in draws:
        full = LENS.summary(LENS.run(scenario, _lens_generator(3, draw, "bargaining")))
        fast = LENS.sweep_summary(scenario, _lens_generator(3, draw, "bargaining"))
        assert dict(fast) == dict(full)  # exact, not approximate


def test_fast_path_equals_full_run_on_shipped_variants() -> None:
    scenario = load_scenario(shipped_path())
    for row, variant in enumerate(_variants(scenario, 4, seed=11)):
        _assert_fast_path_exact(variant, [row])
    _assert_fast_path_exact(scenario, [-1])  # the nominal draw: no generator, section seed


def test_fast_path_equals_full_run_on_ktab_fixture() -> None:
    _assert_fast_path_exact(_ktab_scenario(), [-1, 0])
    for row, variant in enumerate(_variants(_ktab_scenario(uncertain=True), 3, seed=5)):
        _assert_fast_path_exact(variant, [row])


@pytest.mark.parametrize(
    "options",
    [
        "model: bdm",
        "model: mean",
        "model: stokman\nstokman: {rate: random_rate}",
        "model: stokman\nstokman: {randomness: 0.5}\nsmp: {state_transition: stochastic}",
        "smp: {state_transition: stochastic}",
    ],
)
def test_fast_path_equals_full_run_for_every_model(options: str) -> None:
    _assert_fast_path_exact(_ktab_scenario(options), [-1, 0, 1])


def test_uses_rng_only_for_random_headline_models() -> None:
    assert not LENS.uses_rng(_ktab_scenario())
    assert not LENS.uses_rng(_ktab_scenario("smp: {state_transition: stochastic}\nmodel: bdm"))
    assert LENS.uses_rng(_ktab_scenario("smp: {state_transition: stochastic}"))
    assert LENS.uses_rng(_ktab_scenario("model: stokman\nstokman: {rate: random_rate}"))
    assert not LENS.uses_rng(_ktab_scenario("model: stokman"))


def test_shipped_forecast_does_not_depend_on_the_generator() -> None:
    """Deterministic SMP: a draw's answer is the same with any generator, or none."""
    scenario = load_scenario(shipped_path())
    variant = _variants(scenario, 1, seed=2)[0]
    answers = [
        dict(LENS.sweep_summary(variant, rng))
        for rng in (None, np.random.default_rng(1), np.random.default_rng(99))
    ]
    assert answers[0] == answers[1] == answers[2]


def _two_valued(scenario_text_options: str = "") -> Scenario:
    """The KTAB fixture with one capability a choice of two values: draws repeat."""
    base = _ktab_scenario(scenario_text_options)
    section = base.bargaining
    assert section is not None
    first = section.actors[0]
    c = float(first.capability)  # type: ignore[arg-type]
    from detente.scenario.quantity import Choice

    actors = (
        first.model_copy(update={"capability": Choice(dist="choice", values=(c, 0.5 * c))}),
        *section.actors[1:],
    )
    return base.model_copy(update={"bargaining": section.model_copy(update={"actors": actors})})


def _expected(scenario: Scenario, columns_seed: int, draws: int) -> list[dict[str, float]]:
    return [
        dict(LENS.summary(LENS.run(v, _lens_generator(columns_seed, d, "bargaining"))))
        for d, v in enumerate(_variants(scenario, draws, columns_seed))
    ]


def test_memoised_sweep_matches_full_runs() -> None:
    """Deterministic SMP with ``depends_on``: draws agreeing on the bargaining inputs share one
    run, and every draw's answer equals a full run of the lens on that draw."""
    scenario = _two_valued()
    result = run_sweep(scenario, 8, lenses=["bargaining"], seed=4)
    expected = _expected(scenario, 4, 8)
    assert len({tuple(e.values()) for e in expected}) == 2
    for key in expected[0]:
        np.testing.assert_array_equal(
            result.outputs[f"bargaining:{key}"], [e[key] for e in expected]
        )


def test_stochastic_model_is_not_memoised() -> None:
    """Stochastic SMP reads the generator: each draw runs, even when its inputs repeat."""
    scenario = _two_valued("smp: {state_transition: stochastic}")
    result = run_sweep(scenario, 8, lenses=["bargaining"], seed=4)
    expected = _expected(scenario, 4, 8)
    for key in expected[0]:
        np.testing.assert_array_equal(
            result.outputs[f"bargaining:{key}"], [e[key] for e in expected]
        )


@pytest.mark.parametrize("victory", list(VictoryProb))
@pytest.mark.parametrize("pce", list(PCEModel))
@pytest.mark.parametrize("rule", [VotingRule.PROPORTIONAL, VotingRule.CUBIC, VotingRule.BINARY])
def test_stacked_pce_is_identical_to_one_election_at_a_time(
    victory: VictoryProb, pce: PCEModel, rule: VotingRule
) -> None:
    """The SMP's vote stacks equal-length queues; each election's answer must be unchanged."""
    rng = np.random.default_rng(7)
    weights = rng.uniform(0.1, 1.0, 6)
    for options in (2, 3, 5):
        utilities = rng.uniform(0.0, 1.0, (4, 6, options))
        stacked = stacked_scalar_pce(weights, utilities, rule, victory, pce)
        one_by_one = np.stack([scalar_pce(weights, u, rule, victory, pce) for u in utilities])
        np.testing.assert_array_equal(stacked, one_by_one)
