"""UDG closed form (Zagare & Kilgour 1993; ZK00 ch. 5): theorems as properties, boundaries."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.deterrence.udg import REGIONS, UDGParameters, solve_udg, udg_region_map
from detente.errors import InputError

from .strategies import udg_parameters

BASE = {
    "cSQ": 0.5,
    "cDC": 1.0,
    "cCD": 0.2,
    "cDD_hard": 0.35,
    "cDD_soft": 0.0,
    "dSQ": 1.0,
    "dDC": 0.3,
    "dCD": 0.8,
    "dDD_hard": 0.5,
    "dDD_soft": 0.0,
}  # θH = 0.5/0.65, θS = 0.5/0.8 = 0.625, μ* = 0.5/0.8 = 0.625


def at(pch: float, pdef: float) -> UDGParameters:
    return UDGParameters(pCh=pch, pDef=pdef, **BASE)


@settings(max_examples=200, deadline=None)
@given(udg_parameters())
def test_outcome_probabilities_form_a_distribution(p: UDGParameters) -> None:
    s = solve_udg(p)
    values = np.array(list(s.outcome.values()))
    assert np.all(values >= -1e-12)
    assert values.sum() == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(udg_parameters(), st.floats(0, 1), st.floats(0, 1))
def test_raising_credibility_never_lowers_status_quo(p: UDGParameters, a: float, b: float) -> None:
    """ZK00 ch. 5 comparative statics: P(SQ) is non-decreasing in pDef."""
    lo, hi = sorted((a, b))
    sq_lo = solve_udg(dataclasses.replace(p, pDef=lo)).outcome["SQ"]
    sq_hi = solve_udg(dataclasses.replace(p, pDef=hi)).outcome["SQ"]
    assert sq_hi >= sq_lo - 1e-12


@settings(max_examples=200, deadline=None)
@given(udg_parameters())
def test_regions_follow_the_thresholds(p: UDGParameters) -> None:
    s = solve_udg(p)
    th, ts, mu = p.theta_hard, p.theta_soft, p.mu_star
    assert ts < th
    if p.pDef >= th:
        assert s.region == "deterrence" and s.outcome["SQ"] == 1.0
        assert not s.belief_dependent_no_challenge
    elif p.pDef >= ts:
        assert s.region == "separating"
        assert s.outcome["SQ"] == pytest.approx(1 - p.pCh)
    elif p.pCh > mu:
        assert s.region == "attack" and s.outcome["SQ"] == 0.0
    else:
        assert s.region == "bluff"
    if s.region != "deterrence":
        assert s.belief_dependent_no_challenge


@settings(max_examples=100, deadline=None)
@given(udg_parameters(), st.floats(0.0, 0.999))
def test_bluff_outcome_does_not_depend_on_credibility(p: UDGParameters, frac: float) -> None:
    """Inside the Bluff region Soft Def's resistance adjusts: outcomes ignore pDef."""
    p = dataclasses.replace(p, pCh=p.mu_star * 0.5)
    a = solve_udg(dataclasses.replace(p, pDef=0.0))
    b = solve_udg(dataclasses.replace(p, pDef=frac * p.theta_soft))
    assert a.region == b.region == "bluff"
    for k in a.outcome:
        assert a.outcome[k] == pytest.approx(b.outcome[k], abs=1e-12)


def test_boundaries_are_exactly_at_the_thresholds_and_reported_as_knife_edges() -> None:
    th = BASE["cDC"] - BASE["cSQ"]
    theta_h = th / (BASE["cDC"] - BASE["cDD_hard"])
    theta_s = th / (BASE["cDC"] - BASE["cCD"])
    mu = (BASE["dCD"] - BASE["dDC"]) / (BASE["dCD"] - BASE["dDD_soft"])
    below = np.nextafter
    assert solve_udg(at(0.5, below(theta_h, 0))).region == "separating"
    edge = solve_udg(at(0.5, theta_h))
    assert edge.region == "deterrence" and edge.knife_edge
    assert edge.alternative_region == "separating"
    assert solve_udg(at(0.5, below(theta_s, 0))).region in ("attack", "bluff")
    edge = solve_udg(at(0.9, theta_s))
    assert edge.region == "separating" and edge.alternative_region == "attack"
    assert solve_udg(at(np.nextafter(mu, 1), 0.1)).region == "attack"
    assert solve_udg(at(np.nextafter(mu, 0), 0.1)).region == "bluff"
    edge = solve_udg(at(mu, 0.1))
    assert edge.knife_edge and {edge.region, edge.alternative_region} == {"attack", "bluff"}
    assert not solve_udg(at(0.5, 0.3)).knife_edge


def test_vectorised_map_agrees_with_point_solutions() -> None:
    rng = np.random.default_rng(7)
    pch, pdef = rng.random(500), rng.random(500)
    m = udg_region_map(
        pch,
        pdef,
        BASE["cSQ"],
        BASE["cDC"],
        BASE["cCD"],
        BASE["cDD_hard"],
        BASE["dDC"],
        BASE["dCD"],
        BASE["dDD_soft"],
    )
    for i in range(0, 500, 37):
        s = solve_udg(at(pch[i], pdef[i]))
        assert REGIONS[m.region[i]] == s.region
        assert m.DD[i] == pytest.approx(s.outcome["DD"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pCh": 1.2}, "pCh = 1.2 is not a probability"),
        ({"pDef": -0.1}, "pDef = -0.1 is not a probability"),
        ({"cSQ": 1.5}, "cDC > cSQ violated"),
        ({"cDD_hard": 0.1}, "cDD_hard > cCD violated"),
        ({"dDC": 0.6}, "dDD_hard > dDC violated"),
    ],
)
def test_bad_parameters_name_the_violation(change: dict[str, float], message: str) -> None:
    values = {"pCh": 0.5, "pDef": 0.5, **BASE, **change}
    with pytest.raises(InputError, match=message.replace("(", r"\(")) as info:
        solve_udg(values)
    assert "Zagare" in str(info.value) or "probabilit" in str(info.value)
