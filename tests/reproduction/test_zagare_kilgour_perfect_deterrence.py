"""Zagare & Kilgour, *Perfect Deterrence* (Cambridge UP, 2000): published results reproduced.

Each test states the claim, where it is published and the tolerance. The RADG threshold is
stated in ZK00 app. 3; the UDG claims are the headline propositions of perfect deterrence
theory as summarised in Zagare, "Perfect Deterrence Theory", *Oxford Research Encyclopedia of
Politics* (2016/17) and in ZK00 ch. 5 (Zagare & Kilgour 1993, *International Studies Quarterly*
37(1):1-27). Our UDG region formulas are derived (reference §3 [der]) and, per the reference,
still to be verified against ZK00 app. 5; these tests reproduce the published qualitative claims
with the derived closed form and cross-check it with the independent general solver.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from detente.deterrence.explain import radg_explanation
from detente.deterrence.extensive import enumerate_pure_equilibria, trace_logit_qre
from detente.deterrence.games import radg_game, udg_game
from detente.deterrence.radg import RADGParameters, solve_radg
from detente.deterrence.udg import UDGParameters, solve_udg

UDG_BASE = UDGParameters(
    pCh=0.3, pDef=0.5, cSQ=0.5, cDC=1.0, cCD=0.2, cDD_hard=0.35, cDD_soft=0.0,
    dSQ=1.0, dDC=0.3, dCD=0.8, dDD_hard=0.5, dDD_soft=0.0,
)  # fmt: skip


@pytest.mark.parametrize("pb", np.linspace(0.03, 0.97, 12))
def test_radg_challenge_threshold_alpha_a(pb: float) -> None:
    """ZK00 app. 3: at every Bayesian equilibrium Hard B resists and Soft B concedes; A
    challenges iff pB < α_A = (aDC - aSQ)/(aDC - aDD). Exact (tolerance 1e-12), checked by
    enumerating the pure equilibria of the tree with the general solver."""
    p = RADGParameters(
        pB=float(pb), aSQ=0.55, aDC=1.0, aDD=0.1, bSQ=1.0, bDC=0.4, bDD_hard=0.6, bDD_soft=0.1
    )
    alpha = 0.45 / 0.9
    s = solve_radg(p)
    assert s.alpha_a == pytest.approx(alpha, abs=1e-12)
    assert s.region == ("attack" if pb < alpha else "deterrence")
    (eq,) = [e for e in enumerate_pure_equilibria(radg_game(p)) if e.classification != "nash_only"]
    assert eq.actions["A"] == ("defect" if pb < alpha else "status_quo")
    assert (eq.actions["BH"], eq.actions["BS"]) == ("resist", "concede")
    assert s.outcome["DD"] == pytest.approx(pb if pb < alpha else 0.0, abs=1e-12)


def test_credible_threats_are_not_sufficient_for_deterrence() -> None:
    """PDT: a credible threat (here Def more likely Hard than Soft) need not deter. At
    pDef = 0.7 < θH the Hard challenger still challenges; the logit-QRE limit of the full tree
    agrees (tolerance 0.02)."""
    p = dataclasses.replace(UDG_BASE, pDef=0.7)
    s = solve_udg(p)
    assert p.pDef > 0.5 and s.region == "separating" and s.outcome["SQ"] < 1
    q = trace_logit_qre(udg_game(p))
    assert q.terminal_probabilities["SQ"] == pytest.approx(s.outcome["SQ"], abs=0.02)


def test_credible_threats_are_not_necessary_for_deterrence() -> None:
    """PDT: with a valuable enough status quo, a mostly-Soft defender (pDef = 0.2) deters:
    raising cSQ lowers θH below pDef (reassurance substitutes for threats)."""
    p = dataclasses.replace(UDG_BASE, pDef=0.2, cSQ=0.9)
    s = solve_udg(p)
    assert p.theta_hard < 0.2 and s.region == "deterrence" and s.outcome["SQ"] == 1.0
    q = trace_logit_qre(udg_game(p))
    assert q.terminal_probabilities["SQ"] == pytest.approx(1.0, abs=0.02)


@pytest.mark.parametrize("csq", [0.4, 0.5, 0.6, 0.7, 0.8])
def test_status_quo_evaluation_moves_both_thresholds(csq: float) -> None:
    """PDT: status-quo evaluations matter as much as the costs of conflict: θH and θS fall
    as cSQ rises (exact)."""
    lo = dataclasses.replace(UDG_BASE, cSQ=csq)
    hi = dataclasses.replace(UDG_BASE, cSQ=csq + 0.05)
    assert hi.theta_hard < lo.theta_hard and hi.theta_soft < lo.theta_soft


def test_radg_knife_edge_is_reported_not_picked() -> None:
    """ZK00 app. 3: at pB = α_A any challenge probability is an equilibrium."""
    p = RADGParameters(
        pB=0.5, aSQ=0.5, aDC=1.0, aDD=0.0, bSQ=1.0, bDC=0.4, bDD_hard=0.6, bDD_soft=0.1
    )  # α_A = 0.5 exactly in binary floating point
    s = solve_radg(p)
    assert s.knife_edge and "Knife edge" in " ".join(radg_explanation(s))
    eqs = [e for e in enumerate_pure_equilibria(radg_game(p)) if e.classification != "nash_only"]
    assert {e.actions["A"] for e in eqs} == {"defect", "status_quo"}
