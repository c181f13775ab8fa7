"""Second methods for the numbers of the bargaining golden file (see test_golden_independent.py).

- the weighted mean: Σ c_i s_ik x_ik / Σ c_i s_ik written out from the scenario's stances
  (Achen 2006), with capabilities and saliences at their nominal values;
- the scale and the opening positions: the scenario's own numbers;
- the SMP forecast: recomputed from the stored final positions and win probabilities as KTAB
  defines it (positions within 1e-3 of each other on the unit scale are one option; the
  forecast is the probability-weighted mean of the options), not by the engine;
- the win probabilities: each state's options share a total probability of one.

Not checked by a second method here (see ``UNCHECKED`` in test_golden_independent.py): the SMP
trajectory after the opening state, risk attitudes and per-round challenges (the KTAB
reproduction in tests/reproduction/test_ktab_dummy3dim.py checks the same code on a published
case), and the BDM and Stokman comparison forecasts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from detente.scenario import load
from detente.scenario.quantity import nominal

COVERS = [
    r"/scale/\w+/(low|high)",
    r"/weighted_mean/\w+",
    r"/model_forecasts/mean/\w+",
    r"/forecast/\w+",
    r"/model_forecasts/smp/\w+",
    r"/positions/\w+\[\d+\]\[0\]",
    r"/win_probability/\w+\[\d+\]",
    r"/smp/states",
    r"/smp/parameters/\w+",
    r"/diagnostics/rounds",
    r"/smp/(rounds\[\d+\]/)?fractional_change(\[\d+\])?",
    r"/smp/rounds\[\d+\]/turn",
]
"""The numeric paths of the bargaining golden file that :func:`check` verifies."""

MERGE = 1e-3


def check(golden: dict[str, Any]) -> None:
    """Assert that the stored numbers of ``ukraine-2025.bargaining.json`` hold."""
    approx = pytest.approx
    section = load("ukraine-2025").bargaining
    assert section is not None
    issues = [issue.id for issue in section.issues]
    actors = [a.actor for a in section.actors]
    assert golden["dimensions"] == issues and golden["actors"] == actors
    for issue in section.issues:
        scale = golden["scale"][issue.id]
        assert (scale["low"], scale["high"]) == (issue.scale.low, issue.scale.high)
        assert golden["dimension_labels"][issues.index(issue.id)] == issue.label

    stances = {
        (a.actor, s.issue): (nominal(a.capability), nominal(s.salience), nominal(s.position))
        for a in section.actors
        for s in a.stances
    }
    for issue in issues:
        weights = [(c * s, x) for (_, i), (c, s, x) in stances.items() if i == issue]
        mean = sum(w * x for w, x in weights) / sum(w for w, _ in weights)
        assert golden["weighted_mean"][issue] == approx(mean)
        assert golden["model_forecasts"]["mean"][issue] == approx(mean)
        for actor in actors:
            if (actor, issue) in stances:
                start = golden["positions"][actor][issues.index(issue)][0]
                assert start == approx(stances[actor, issue][2]), (actor, issue)
    assert golden["forecast"] == approx(golden["model_forecasts"][golden["model"]])

    low = np.array([golden["scale"][i]["low"] for i in issues])
    high = np.array([golden["scale"][i]["high"] for i in issues])
    states = golden["smp"]["states"]
    assert states == len(golden["smp"]["rounds"]) + 1 == golden["diagnostics"]["rounds"] + 1
    assert [r["turn"] for r in golden["smp"]["rounds"]] == list(range(states - 1))
    assert golden["smp"]["fractional_change"] == [
        r["fractional_change"] for r in golden["smp"]["rounds"]
    ]
    parameters = golden["smp"]["parameters"]
    assert parameters["max_rounds"] == section.smp.max_rounds
    # The stopping rule, replayed on the stored movements: the run ends at the first round
    # after min_rounds whose movement is below stop_ratio of the first round's, or at max.
    changes = golden["smp"]["fractional_change"]
    stop = next(
        (
            t + 1
            for t, change in enumerate(changes)
            if t + 1 >= parameters["min_rounds"] and change < parameters["stop_ratio"]
        ),
        parameters["max_rounds"],
    )
    assert stop == len(changes)
    assert (parameters["min_rounds"], parameters["stop_ratio"], parameters["stop_floor"]) == (
        2,
        0.02,
        1e-4,
    ), "the stopping constants differ from KTAB's defaults"
    for state in range(states):
        unit = np.array(
            [
                [
                    (golden["positions"][a][k][state] - low[k]) / (high[k] - low[k])
                    for k in range(len(issues))
                ]
                for a in actors
            ]
        )
        p = np.array([golden["win_probability"][a][state] for a in actors])
        options: list[int] = []
        owner = [-1] * len(actors)
        for a in range(len(actors)):
            for o, rep in enumerate(options):
                if np.linalg.norm(unit[a] - unit[rep]) < MERGE:
                    owner[a] = o
                    break
            else:
                owner[a] = len(options)
                options.append(a)
        for a in range(len(actors)):  # actors sharing an option share its probability
            assert p[a] == approx(p[options[owner[a]]])
        total = sum(p[rep] for rep in options)
        assert total == approx(1.0), state
        if state == states - 1:
            forecast = sum(p[rep] * unit[rep] for rep in options) / total
            on_scale = low + forecast * (high - low)
            assert [golden["model_forecasts"]["smp"][i] for i in issues] == approx(on_scale)
