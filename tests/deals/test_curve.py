"""The batched vote curve equals the ratification lens's exact P(Senate passes)."""

from __future__ import annotations

import numpy as np
import pytest

from detente.ratification.chamber_vote import (
    VoteSetting,
    senate_distribution,
    senate_pass_mask,
    yea_probabilities,
)
from detente.ratification.curve import ChamberDraws, senate_pass_curve, senate_pass_curves
from detente.ratification.members import members_from_parties
from detente.ratification.position import RollCall
from detente.scenario import load_scenario_text
from detente.scenario.legal_form import LegalForm

from .helpers import drawn, shipped, shipped_text


def _exact(chamber, spec, setting, treaty: float, form=LegalForm.ARTICLE_II_TREATY) -> float:  # type: ignore[no-untyped-def]
    n = len(chamber.members)
    mask = senate_pass_mask(n, n, form, True, False)
    roll = RollCall((treaty / 2.0, 0.0), (-treaty / 2.0, 0.0))
    joint = senate_distribution(
        chamber, spec, yea_probabilities(chamber, roll, setting), setting, "recursion"
    )
    return float(joint[mask].sum())


@pytest.mark.parametrize(
    "replacements",
    [
        {},
        {"    cloture: true\n": "    cloture: true\n    common_shock_sd: 0.4\n"},
        {"    kind: probit\n    beta:": "    kind: deterministic\n    beta:"},
        {
            "party_shock_sd: {dist: triangular, low: 0.2, mode: 0.5, high: 1.0}": "party_shock_sd: 0.0"
        },
    ],
    ids=["party-shocks", "common-shock", "deterministic", "no-shocks"],
)
def test_curve_equals_the_full_distribution(replacements: dict[str, str]) -> None:
    text = shipped_text()
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new, 1)
    section = load_scenario_text(text).ratification
    setting = VoteSetting.of(section.vote_model)
    chamber = members_from_parties(section.senate, "senate")
    treaties = np.linspace(0.2, 1.6, 15)
    curve = senate_pass_curve(
        chamber, section.senate, setting, LegalForm.ARTICLE_II_TREATY, treaties, 0.0, cloture=True
    )
    exact = [_exact(chamber, section.senate, setting, t) for t in treaties]
    np.testing.assert_allclose(curve, exact, rtol=1e-9, atol=1e-12)


def test_batched_draws_equal_one_draw_at_a_time() -> None:
    draws = drawn(shipped(), 9, seed=3)
    specs = [d.ratification.senate for d in draws]
    settings = [VoteSetting.of(d.ratification.vote_model) for d in draws]
    stacked = ChamberDraws.from_parties(specs, settings)
    assert stacked is not None
    treaties = np.random.default_rng(0).uniform(0.6, 1.2, (9, 4))
    batched = senate_pass_curves(stacked, LegalForm.ARTICLE_II_TREATY, treaties, 0.0, cloture=True)
    for d in range(9):
        chamber = members_from_parties(specs[d], "senate")
        one = [_exact(chamber, specs[d], settings[d], t) for t in treaties[d]]
        np.testing.assert_allclose(batched[d], one, rtol=1e-9, atol=1e-12)


def test_attendance_differing_by_party_falls_back_to_the_full_distribution() -> None:
    text = shipped_text().replace("        attendance: 0.98\n", "        attendance: 0.9\n", 1)
    section = load_scenario_text(text).ratification
    setting = VoteSetting.of(section.vote_model)
    assert ChamberDraws.from_parties([section.senate], [setting]) is None
    chamber = members_from_parties(section.senate, "senate")
    curve = senate_pass_curve(
        chamber, section.senate, setting, LegalForm.ARTICLE_II_TREATY, [0.9], 0.0, cloture=True
    )
    assert curve[0] == pytest.approx(_exact(chamber, section.senate, setting, 0.9), abs=1e-12)


def test_probit_support_peaks_then_falls_with_the_treaty_position() -> None:
    # Under the NOMINATE Gaussian utility a text barely beyond the status quo leaves senators
    # nearly indifferent (Pr(yea) near 1/2), so P(pass) first rises with the position, then
    # falls once the text asks more than the pivots want: monotone only past its peak.
    section = shipped().ratification
    setting = VoteSetting.of(section.vote_model)
    chamber = members_from_parties(section.senate, "senate")
    t = np.linspace(0.05, 1.6, 80)
    p = senate_pass_curve(
        chamber, section.senate, setting, LegalForm.ARTICLE_II_TREATY, t, 0.0, cloture=True
    )
    peak = int(np.argmax(p))
    assert 0 < peak < t.size - 1
    assert np.all(np.diff(p[peak:]) <= 1e-12)
