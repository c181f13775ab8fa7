"""AEG (Zagare & Kilgour 1995; ZK00 ch. 6-9): tree size, complete-information limit, inputs."""

from __future__ import annotations

import itertools

import pytest

from detente.deterrence.aeg import AEGParameters, aeg_game, solve_aeg
from detente.errors import InputError

PAYOFFS = {
    "cSQ": 0.8,
    "cDC": 1.0,
    "cDD": 0.5,
    "cED": 0.6,
    "cDE": 0.2,
    "cEE_hard": 0.3,
    "cEE_soft": 0.0,
    "dSQ": 1.0,
    "dDC": 0.5,
    "dDD_hard": 0.6,
    "dDD_soft": 0.4,
    "dDE": 0.8,
    "dED": 0.1,
    "dEE_hard": 0.3,
    "dEE_soft": 0.0,
}
EPS = 1e-6


def backward_induction(p: dict[str, float], ch: str, tac: str, strat: str) -> str:
    """Subgame-perfect outcome with complete information (independent of the solver)."""
    d_ee = p["dEE_hard"] if strat == "H" else p["dEE_soft"]
    c_ee = p["cEE_hard"] if ch == "H" else p["cEE_soft"]
    d_dd = p["dDD_hard"] if tac == "H" else p["dDD_soft"]
    after_ch_esc = "EE" if d_ee > p["dED"] else "ED"
    val = {
        "EE": (c_ee, d_ee),
        "ED": (p["cED"], p["dED"]),
        "DD": (p["cDD"], d_dd),
        "DE": (p["cDE"], p["dDE"]),
        "DC": (p["cDC"], p["dDC"]),
        "SQ": (p["cSQ"], p["dSQ"]),
    }
    after_resp = "DD" if val["DD"][0] > val[after_ch_esc][0] else after_ch_esc
    after_def_esc = "EE" if c_ee > p["cDE"] else "DE"
    def_choice = max(("DC", after_resp, after_def_esc), key=lambda o: val[o][1])
    return "SQ" if p["cSQ"] > val[def_choice][0] else def_choice


def test_tree_matches_the_published_size() -> None:
    g = aeg_game(AEGParameters(pCh=0.5, pHH=0.25, pHS=0.25, pSH=0.25, pSS=0.25, **PAYOFFS))
    assert len(g.infosets) == 14
    # 56 terminals + 40 decision nodes + 3 chance nodes = 99 nodes
    assert len(g.terminal_labels) == 56


@pytest.mark.parametrize(("ch", "tac", "strat"), list(itertools.product("HS", "HS", "HS")))
def test_near_complete_information_matches_backward_induction(
    ch: str, tac: str, strat: str
) -> None:
    types = dict.fromkeys(("HH", "HS", "SH", "SS"), EPS)
    types[tac + strat] = 1 - 3 * EPS
    p = AEGParameters(
        pCh=1 - EPS if ch == "H" else EPS, **{f"p{k}": v for k, v in types.items()}, **PAYOFFS
    )
    s = solve_aeg(p)
    assert s.qre.converged
    expected = backward_induction(PAYOFFS, ch, tac, strat)
    assert s.outcome[expected] == pytest.approx(1.0, abs=0.01)


def test_credibility_at_both_levels_deters_and_none_invites_attack() -> None:
    full = solve_aeg(AEGParameters(pCh=0.5, pHH=0.97, pHS=0.01, pSH=0.01, pSS=0.01, **PAYOFFS))
    none = solve_aeg(AEGParameters(pCh=0.5, pHH=0.01, pHS=0.01, pSH=0.01, pSS=0.97, **PAYOFFS))
    assert full.outcome["SQ"] > 0.99
    assert none.outcome["SQ"] < 0.01 and none.outcome["DC"] > 0.9
    assert sum(full.outcome.values()) == pytest.approx(1.0)


def test_tactical_credibility_without_strategic_does_not_deter() -> None:
    """Escalation dominance: a tactically Hard, strategically Soft defender expects the
    challenger to escalate past its response, so it concedes (cf. ZK00 ch. 6-9 findings
    that sub-strategic deployments add little)."""
    s = solve_aeg(AEGParameters(pCh=0.5, pHH=0.01, pHS=0.97, pSH=0.01, pSS=0.01, **PAYOFFS))
    assert s.parameters.tactical_credibility > 0.95
    assert s.outcome["SQ"] < 0.05


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match="sum to 1"):
        AEGParameters(pCh=0.5, pHH=0.5, pHS=0.5, pSH=0.5, pSS=0.5, **PAYOFFS).check()
    with pytest.raises(InputError, match="cED > cDD"):
        AEGParameters(
            pCh=0.5, pHH=0.25, pHS=0.25, pSH=0.25, pSS=0.25, **{**PAYOFFS, "cDD": 0.7}
        ).check()
