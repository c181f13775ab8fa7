"""P(joint) is a mean of per-draw products, not a product of means: shown on a package whose
one uncertain term drives both Russia's acceptance and deterrence."""

from __future__ import annotations

import numpy as np

from detente.deals.engine import evaluate_draws
from detente.scenario import load_scenario_text

from .helpers import drawn, shipped_text


def test_correlated_factors_make_the_joint_differ_from_the_product_of_marginals() -> None:
    # Sanctions relief drawn from 0 to 100 in the freeze package: more relief makes Russia
    # accept (its ideal is full relief) and raises its status-quo payoff, which deters; the
    # EU, whose ideal is to keep them, accepts less often. The factors are dependent.
    text = shipped_text().replace(
        "terms: {donbas: 22, guarantee: 55, force: 40, army_ceiling: 850, sanctions: 20}",
        "terms: {donbas: 22, guarantee: 55, force: 40, army_ceiling: 850, sanctions: {dist: uniform, low: 0, high: 100}}",
        1,
    )
    scenario = load_scenario_text(text)
    _, result = evaluate_draws(drawn(scenario, 2000, seed=7))
    p = result.package_ids.index("freeze_line")
    accept = result.accept[:, p, :].astype(float)  # (D, parties)
    factors = np.column_stack([accept, result.p_ratify[:, p], result.p_deter[:, p]])
    joint = result.p_joint[:, p]
    np.testing.assert_allclose(joint, np.prod(factors, axis=1), rtol=1e-12)  # per draw: a product

    def gap(rows: np.ndarray) -> float:
        return float(joint[rows].mean() - np.prod(factors[rows].mean(axis=0)))

    rng = np.random.default_rng(0)
    everything = np.arange(joint.size)
    spread = np.std([gap(rng.integers(0, joint.size, joint.size)) for _ in range(300)])
    russia, eu = result.party_ids.index("RUS"), result.party_ids.index("EU")
    assert np.corrcoef(accept[:, russia], accept[:, eu])[0, 1] < 0  # opposed interests
    assert np.corrcoef(accept[:, russia], result.p_deter[:, p])[0, 1] > 0
    # Across draws the mean of the products is not the product of the means.
    assert abs(gap(everything)) > 3 * spread
