"""P(joint) is a mean of per-draw products, not a product of means: shown on a package whose
one uncertain term drives both Russia's acceptance and deterrence."""

from __future__ import annotations

import numpy as np

from detente.deals.engine import evaluate_draws
from detente.scenario import load_scenario_text

from .helpers import drawn, shipped_text


def test_correlated_factors_make_the_joint_differ_from_the_product_of_marginals() -> None:
    # Sanctions relief drawn from 0 to 100 in the freeze package: more relief makes Russia
    # accept (its ideal is full relief) and raises its status-quo payoff, which deters.
    text = shipped_text().replace(
        "terms: {donbas: 22, guarantee: 55, force: 40, army_ceiling: 850, sanctions: 20}",
        "terms: {donbas: 22, guarantee: 55, force: 40, army_ceiling: 850, sanctions: {dist: uniform, low: 0, high: 100}}",
        1,
    )
    scenario = load_scenario_text(text)
    _, result = evaluate_draws(drawn(scenario, 2000, seed=7))
    p = result.package_ids.index("freeze_line")
    russia = result.party_ids.index("RUS")
    accept = result.accept[:, p, russia].astype(float)
    deter = result.p_deter[:, p]
    ukraine = result.accept[:, p, result.party_ids.index("UKR")].astype(float)
    joint = result.p_joint[:, p].mean()
    assert np.all(ukraine == 1.0) and np.all(result.p_ratify[:, p] == 1.0)  # isolate the pair
    product = accept.mean() * deter.mean()
    # Positive dependence: the draws in which Russia accepts are those in which it is more
    # satisfied with the status quo, hence more often deterred. The gap must stand out from
    # the Monte Carlo noise (bootstrap standard error over the 2,000 draws).
    rng = np.random.default_rng(0)
    gaps = []
    for _ in range(300):
        i = rng.integers(0, accept.size, accept.size)
        gaps.append((accept[i] * deter[i]).mean() - accept[i].mean() * deter[i].mean())
    assert np.corrcoef(accept, deter)[0, 1] > 0
    assert joint - product > 3 * float(np.std(gaps))
    # The joint is exactly the mean of the per-draw products.
    per_draw = accept * ukraine * result.p_ratify[:, p] * deter
    np.testing.assert_allclose(joint, per_draw.mean(), rtol=1e-12)
