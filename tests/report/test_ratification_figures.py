"""Ratification figures against the lens's own answers on the shipped scenario."""

from __future__ import annotations

import numpy as np
import pytest

from detente.ratification.lens import RatificationLens
from detente.report.figures import ratification as figures
from detente.report.palette import ActorPalette
from detente.scenario import load_scenario, shipped_path


@pytest.fixture(scope="module")
def case():
    scenario = load_scenario(shipped_path("ukraine-2025"))
    return scenario, RatificationLens().run(scenario), ActorPalette.from_scenario(scenario)


def test_vote_distribution_plots_each_voting_proposal_and_its_threshold(case):
    scenario, result, _palette = case
    names = figures.proposal_names(scenario, result)
    fig = figures.vote_distribution(result, names)
    voting = [p for p in result.proposals if p.votes]
    assert voting
    for p in voting:
        (vote,) = [v for v in p.votes if v.chamber == "senate"]
        (line,) = [t for t in fig.data if t.name == names[p.proposal_id]]
        dist = np.asarray(vote.yea_distribution)
        np.testing.assert_allclose(line.y, dist[np.asarray(line.x, dtype=int)])
        assert dist[np.asarray(line.x, dtype=int)].sum() > 0.999  # the plotted range holds the mass
        # the shaded pass region starts at the required count
        assert any(s.type == "rect" and s.x0 == vote.required_yeas - 0.5 for s in fig.layout.shapes)
    stars = [t for t in fig.data if t.name == "pivots (hover)"]
    assert stars and all(p.pivots[0].name in stars[0].hovertemplate for p in voting)


def test_table_headlines_and_keys(case):
    scenario, result, _palette = case
    table = figures.proposal_table(result, figures.proposal_names(scenario, result))
    assert len(table.rows) == len(result.proposals)
    for row, p in zip(table.rows, result.proposals):
        assert row[2].text == (f"{p.p_ratify:.2f}" if p.vote_required else "no vote needed")
    headlines = figures.headlines(scenario, result)
    assert [h.value for h in headlines] == [
        f"{p.p_ratify:.2f}" for p in result.proposals if p.vote_required
    ]
    assert set(figures.sensitive_keys(result)) <= set(RatificationLens().summary(result))
