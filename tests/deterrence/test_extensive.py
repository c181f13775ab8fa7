"""The general solver against the closed forms, and Nash versus sequential equilibria."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from detente.deterrence.extensive import (
    Chance,
    Decision,
    Terminal,
    compile_game,
    enumerate_pure_equilibria,
    trace_logit_qre,
)
from detente.deterrence.games import radg_game, udg_game
from detente.deterrence.radg import RADGParameters, solve_radg
from detente.deterrence.udg import UDGParameters, solve_udg
from detente.errors import ScaleError

from .strategies import radg_parameters, udg_parameters

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
}


def _margin(p: UDGParameters) -> float:
    return min(
        abs(p.pDef - p.theta_hard),
        abs(p.pDef - p.theta_soft),
        abs(p.pCh - p.mu_star),
        p.pCh,
        1 - p.pCh,
        p.pDef,
        1 - p.pDef,
    )


def test_udg_tree_has_the_published_size() -> None:
    g = udg_game(UDGParameters(pCh=0.5, pDef=0.5, **BASE))
    assert len(g.infosets) == 6 and len(g.terminal_labels) == 16


@settings(max_examples=6, deadline=None)
@given(udg_parameters())
def test_closed_form_matches_logit_qre_limit_on_random_udgs(p: UDGParameters) -> None:
    """Reference §3: the closed form agrees with the agent logit-QRE limit (McKelvey &
    Palfrey 1998) on the full tree. Tolerance 0.02 at λ = 3000, away from knife edges."""
    assume(_margin(p) > 0.05)
    s = solve_udg(p)
    q = trace_logit_qre(udg_game(p))
    assert q.converged
    for k in ("SQ", "DC", "CD", "DD"):
        assert q.terminal_probabilities.get(k, 0.0) == pytest.approx(s.outcome[k], abs=0.02)


@settings(max_examples=30, deadline=None)
@given(radg_parameters())
def test_radg_closed_form_matches_pure_sequential_equilibria(p: RADGParameters) -> None:
    assume(abs(p.pB - p.alpha_a) > 1e-6)
    s = solve_radg(p)
    eqs = [e for e in enumerate_pure_equilibria(radg_game(p)) if e.classification != "nash_only"]
    assert len(eqs) == 1
    (e,) = eqs
    assert e.actions["BH"] == "resist" and e.actions["BS"] == "concede"
    for k in ("SQ", "DC", "DD"):
        assert e.terminal_probabilities.get(k, 0.0) == pytest.approx(s.outcome[k], abs=1e-12)


@pytest.mark.parametrize(
    ("pch", "pdef", "region"), [(0.5, 0.7, "separating"), (0.8, 0.3, "attack"), (0.2, 0.3, "bluff")]
)
def test_plain_nash_no_challenge_is_flagged_not_reported_as_deterrence(
    pch: float, pdef: float, region: str
) -> None:
    """Reference §6: in the Separating, Attack and Bluff regions a Nash solver can return
    'no challenge'. Every such profile rests on an off-path belief or on an incredible threat."""
    p = UDGParameters(pCh=pch, pDef=pdef, **BASE)
    s = solve_udg(p)
    assert s.region == region and s.outcome["SQ"] < 1.0
    assert s.belief_dependent_no_challenge
    eqs = enumerate_pure_equilibria(udg_game(p))
    no_challenge = [e for e in eqs if e.terminal_probabilities.get("SQ", 0.0) > 1 - 1e-9]
    assert no_challenge, "a plain Nash 'no challenge' profile exists"
    for e in no_challenge:
        assert e.classification in ("belief_dependent", "nash_only")
    # at least one rests only on a threat that is incredible under every belief
    assert any(e.classification == "nash_only" for e in no_challenge)
    # and the one that is a weak PBE needs Soft Def to believe the challenger Soft enough
    assert any(
        e.classification == "belief_dependent" and "DefS_challenged" in e.belief_dependent_sets
        for e in no_challenge
    )


def test_deterrence_region_no_challenge_does_not_depend_on_beliefs() -> None:
    p = UDGParameters(pCh=0.5, pDef=0.9, **BASE)
    eqs = enumerate_pure_equilibria(udg_game(p))
    weak_pbe = [e for e in eqs if e.classification != "nash_only"]
    # whatever Soft Def believes off path, one of the 'no challenge' PBE remains
    assert {e.actions["DefS_challenged"] for e in weak_pbe} == {"concede", "resist"}
    assert all(e.terminal_probabilities.get("SQ", 0.0) > 1 - 1e-9 for e in weak_pbe)


def test_compile_rejects_inconsistent_information_sets() -> None:
    bad = Chance(
        (
            ("a", 0.5, Decision(0, "I", (("x", Terminal("z", (0.0,))),))),
            ("b", 0.5, Decision(0, "I", (("y", Terminal("z", (0.0,))),))),
        )
    )
    with pytest.raises(ValueError, match="inconsistent"):
        compile_game(("p",), bad)
    with pytest.raises(ValueError, match="sum to 1"):
        compile_game(("p",), Chance((("a", 0.4, Terminal("z", (0.0,))),)))


def test_enumeration_refuses_games_beyond_its_limit() -> None:
    g = udg_game(UDGParameters(pCh=0.5, pDef=0.5, **BASE))
    with pytest.raises(ScaleError):
        enumerate_pure_equilibria(g, max_profiles=10)


def test_qre_at_small_lambda_is_near_uniform() -> None:
    p = UDGParameters(pCh=0.5, pDef=0.5, **BASE)
    q = trace_logit_qre(udg_game(p), lam_max=1e-3)
    assert q.profile == pytest.approx([0.5] * len(q.profile), abs=1e-3)


@settings(max_examples=8, deadline=None)
@given(
    udg_parameters(),
    st.sampled_from(["deterrence", "separating", "attack", "bluff"]),
    st.floats(0.2, 0.8),
    st.floats(0.2, 0.8),
)
def test_every_region_matches_the_logit_limit(
    p: UDGParameters, region: str, u: float, v: float
) -> None:
    """Each PBE family of the closed form, including the mixed Bluff family, is the agent
    logit-QRE limit of the full tree (McKelvey & Palfrey 1998); tolerance 0.02."""
    th, ts, mu = p.theta_hard, p.theta_soft, p.mu_star
    pdef = {"deterrence": th + u * (1 - th), "separating": ts + u * (th - ts)}.get(region, u * ts)
    pch = {"attack": mu + v * (1 - mu), "bluff": v * mu}.get(region, v)
    p = dataclasses.replace(p, pCh=pch, pDef=pdef)
    assume(_margin(p) > 0.04)
    s = solve_udg(p)
    assert s.region == region
    q = trace_logit_qre(udg_game(p))
    assert q.converged
    for k in ("SQ", "DC", "CD", "DD"):
        assert q.terminal_probabilities.get(k, 0.0) == pytest.approx(s.outcome[k], abs=0.02)
