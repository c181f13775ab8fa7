"""Second methods for the numbers of the ratification golden file (see test_golden_independent.py).

- the chamber: each party's members at the normal quantiles (j + ½)/n of its ideal-point
  distribution, computed here with :class:`statistics.NormalDist`;
- yea probabilities: the DW-NOMINATE probit written out (Poole & Rosenthal 1997), and the
  cutting-line side of each member for the deterministic counts and pivots (Krehbiel 1998);
- the vote: a Monte Carlo simulation of the same model (a common shock, one shock per caucus,
  each member attending and voting independently), counted against the Senate's rules written
  out here (quorum Art. I §5, cloture Rule XXII, two thirds of those present and voting Art. II
  §2), compared with the exact distribution within five standard errors;
- no vote for a political commitment or a sole executive agreement (Case-Zablocki Act, 1 U.S.C.
  §112b reports them; nothing is put to a vote), so P(ratify) = 1.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

import numpy as np
import pytest

from detente.scenario import load
from detente.scenario.quantity import nominal

COVERS = [
    r"/p_ratify/\w+",
    r"/expected_yeas/\w+",
    r"/required_yeas/\w+",
    r"/pivots/\w+\[\d+\]/(margin_members|p_yea|required|support_score)",
    r"/proposals/\w+/(p_ratify|expected_yeas|required_yeas)",
    r"/proposals/\w+/yea_distribution\[\d+\]",
    r"/proposals/\w+/votes\[\d+\]/\w+",
    r"/proposals/\w+/blocs\[\d+\]/(deterministic_yeas|expected_yeas|members)",
    r"/proposals/\w+/pivots\[\d+\]/(margin_members|p_yea|required|support_score)",
    r"/proposals/\w+/persuadable\[\d+\]/(p_yea|support_score)",
    r"/proposals/\w+/position_change(_even_odds)?/(shift|position/(treaty|status_quo))",
    r"/model/\w+",
]
"""The numeric paths of the ratification golden file that :func:`check` verifies."""

PHI = NormalDist()
DRAWS = 200_000
EDGE = 1e-12
"""A member this close to the cutting line is on it (exactly 0 in the engine's arithmetic)."""
NO_VOTE = {"political_commitment", "sole_executive_agreement"}


def _members(spec: Any) -> tuple[np.ndarray, list[str], np.ndarray]:
    """(ideal points (n, 2), party of each member, attendance), party by party."""
    points, parties, attendance = [], [], []
    golden_ratio = 0.6180339887498949
    for party in spec.parties:
        n = party.seats
        x1 = [
            nominal(party.dim1.mean) + nominal(party.dim1.sd) * PHI.inv_cdf((j + 0.5) / n)
            for j in range(n)
        ]
        if party.dim2 is None:
            x2 = [0.0] * n
        else:
            base = [
                nominal(party.dim2.mean) + nominal(party.dim2.sd) * PHI.inv_cdf((j + 0.5) / n)
                for j in range(n)
            ]
            order = sorted(range(n), key=lambda j: ((j + 1) * golden_ratio) % 1.0)
            x2 = [base[k] for k in order]
        points += list(zip(x1, x2, strict=True))
        parties += [party.id] * n
        attendance += [nominal(party.attendance)] * n
    return np.array(points, dtype=float), parties, np.array(attendance)


def _roll_call(position: Any) -> tuple[np.ndarray, np.ndarray]:
    if position.kind == "one_dimensional":
        t, q = nominal(position.treaty), nominal(position.status_quo)
        return np.array([(t + q) / 2, 0.0]), np.array([(q - t) / 2, 0.0])
    return (
        np.array([nominal(v) for v in position.midpoint]),
        np.array([nominal(v) for v in position.spread]),
    )


def _p_yea(x: np.ndarray, m: np.ndarray, d: np.ndarray, beta: float, w: float) -> np.ndarray:
    weights = np.array([1.0, w * w])
    u_yea = beta * np.exp(-0.5 * ((x - (m - d)) ** 2 @ weights))
    u_nay = beta * np.exp(-0.5 * ((x - (m + d)) ** 2 @ weights))
    return np.array([PHI.cdf(v) for v in u_yea - u_nay])


def _support(x: np.ndarray, m: np.ndarray, d: np.ndarray, w: float) -> np.ndarray:
    """Signed distance from the cutting line, positive on the side of the yea point m - d."""
    g = np.array([d[0], w * w * d[1]])
    return -((x - m) @ (g / np.hypot(*g)))


def _shocked(p: np.ndarray, sd: float, z: np.ndarray) -> np.ndarray:
    from scipy.stats import norm

    return norm.cdf(norm.ppf(np.clip(p, 1e-15, 1 - 1e-15)) * math.sqrt(1 + sd * sd) + sd * z)


def simulate(
    p: np.ndarray, attendance: np.ndarray, caucus: list[str], model: Any, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """(yeas, nays) of ``DRAWS`` simulated votes."""
    rng = np.random.default_rng(seed)
    common_sd, party_sd = nominal(model.common_shock_sd), nominal(model.party_shock_sd)
    present = nominal(model.present_probability)
    groups = sorted(set(caucus))
    member_group = np.array([groups.index(c) for c in caucus])
    yeas, nays = [], []
    for _ in range(DRAWS // 50_000):
        size = 50_000
        draws = np.broadcast_to(p, (size, p.size))
        if common_sd > 0:
            draws = _shocked(draws, common_sd, rng.standard_normal((size, 1)))
        if party_sd > 0:
            shocks = rng.standard_normal((size, len(groups)))[:, member_group]
            draws = _shocked(draws, party_sd, shocks)
        attends = rng.random((size, p.size)) < attendance
        voting = attends & (rng.random((size, p.size)) >= present)
        yea = voting & (rng.random((size, p.size)) < draws)
        nay = (voting & ~yea).sum(axis=1)
        if model.present_rule == "counted":  # a "present" counts against
            nay = nay + (attends & ~voting).sum(axis=1)
        yeas.append(yea.sum(axis=1))
        nays.append(nay)
    return np.concatenate(yeas), np.concatenate(nays)


def _passes(yeas: np.ndarray, nays: np.ndarray, seated: int, cloture: bool) -> np.ndarray:
    ok = yeas + nays >= seated // 2 + 1
    if cloture:
        ok &= 5 * yeas >= 3 * seated
    return ok & (3 * yeas >= 2 * (yeas + nays))


def _within(estimate: np.ndarray, exact: np.ndarray) -> bool:
    se = np.sqrt(np.clip(exact * (1 - exact), 1e-12, None) / DRAWS)
    return bool(np.all(np.abs(estimate - exact) <= 5 * se + 1e-4))


def check_proposal(section: Any, proposal: Any, stored: dict[str, Any], seed: int) -> None:
    """One Article II treaty's stored numbers against the simulation and hand counts."""
    approx = pytest.approx
    model = section.vote_model
    beta, w = nominal(model.beta), nominal(model.w)
    x, parties, attendance = _members(section.senate)
    caucus_of = {p.id: p.caucus or p.id for p in section.senate.parties}
    caucus = [caucus_of[p] for p in parties]
    m, d = _roll_call(proposal.position)
    p = _p_yea(x, m, d, beta, w)
    support = _support(x, m, d, w)
    n = len(p)

    voting = attendance * (1 - nominal(model.present_probability))
    expected_yeas = float(np.sum(voting * p))
    expected_nays = float(np.sum(voting * (1 - p)))
    required = math.ceil(2 * round(expected_yeas + expected_nays) / 3)
    (vote,) = stored["votes"]
    assert stored["expected_yeas"] == vote["expected_yeas"] == approx(expected_yeas)
    assert vote["expected_nays"] == approx(expected_nays)
    assert stored["required_yeas"] == vote["required_yeas"] == required
    assert vote["members"] == n
    assert vote["deterministic_yeas"] == int(np.sum(support > EDGE))

    yeas, nays = simulate(p, attendance, caucus, model, seed)
    passed = _passes(yeas, nays, n, model.cloture)
    assert _within(np.array([passed.mean()]), np.array([stored["p_ratify"]]))
    assert vote["p_pass"] == approx(stored["p_ratify"])
    histogram = np.bincount(yeas, minlength=n + 1) / DRAWS
    assert len(stored["yea_distribution"]) == n + 1
    assert _within(histogram, np.array(stored["yea_distribution"]))

    for bloc in stored["blocs"]:
        mine = np.array([party == bloc["party"] for party in parties])
        assert bloc["members"] == int(mine.sum())
        assert bloc["expected_yeas"] == approx(float(np.sum((voting * p)[mine])))
        assert bloc["deterministic_yeas"] == int(np.sum(support[mine] > EDGE))

    ranked = np.sort(support)[::-1]
    for pivot in stored["pivots"]:
        k = pivot["required"]
        assert k in (required, math.ceil(3 * n / 5), 67, 60)
        assert pivot["support_score"] == approx(ranked[k - 1])
        member = int(np.flatnonzero(np.isclose(support, ranked[k - 1]))[0])
        assert pivot["p_yea"] == approx(p[member])
        assert pivot["margin_members"] == int(np.sum(support > EDGE)) - k

    nay_side = sorted((s for s in support if s <= EDGE), reverse=True)
    persuadable = stored["persuadable"]
    assert [item["support_score"] for item in persuadable] == approx(nay_side[: len(persuadable)])
    for item in persuadable:
        member = int(np.flatnonzero(np.isclose(support, item["support_score"], atol=1e-9))[0])
        assert item["p_yea"] == approx(p[member])

    # The deterministic change brings the treaty pivot just onto the yea side of the line
    # (the shift is minus its score; negative: slack), moving the treaty point twice as far.
    change = stored["position_change"]
    assert change["shift"] == approx(-ranked[stored["pivots"][0]["required"] - 1], abs=1e-5)
    t, q = nominal(proposal.position.treaty), nominal(proposal.position.status_quo)
    sign = 1.0 if t > q else -1.0
    assert change["position"]["treaty"] == approx(t - 2 * sign * change["shift"], abs=1e-4)
    assert change["position"]["status_quo"] == q
    even = stored["position_change_even_odds"]
    assert even["position"]["status_quo"] == q
    if stored["p_ratify"] >= 0.5:
        assert even["shift"] == 0 and even["position"]["treaty"] == approx(t)
    else:
        moved = t - 2 * sign * even["shift"]
        p_moved = _p_yea(
            x, np.array([(moved + q) / 2, 0.0]), np.array([(q - moved) / 2, 0.0]), beta, w
        )
        yeas, nays = simulate(p_moved, attendance, caucus, model, seed + 1)
        assert _passes(yeas, nays, n, model.cloture).mean() == approx(0.5, abs=0.02)


def check(golden: dict[str, Any]) -> None:
    """Assert that the stored numbers of ``ukraine-2025.ratification.json`` hold."""
    scenario = load("ukraine-2025")
    section = scenario.ratification
    assert section is not None and scenario.guarantees is not None
    forms = {d.id: d.legal_form.value for d in scenario.guarantees.designs}
    model = section.vote_model
    assert golden["model"]["beta"] == approx_value(model.beta)
    assert golden["model"]["w"] == approx_value(model.w)
    assert golden["model"]["party_shock_sd"] == approx_value(model.party_shock_sd)
    assert golden["model"]["common_shock_sd"] == approx_value(model.common_shock_sd)
    assert golden["model"]["present_probability"] == approx_value(model.present_probability)
    assert golden["model"]["quadrature_nodes"] == model.quadrature_nodes
    for index, proposal in enumerate(section.proposals):
        stored = golden["proposals"][proposal.id]
        assert golden["p_ratify"][proposal.id] == stored["p_ratify"]
        form = forms[proposal.design]
        if form in NO_VOTE:
            assert stored["p_ratify"] == 1.0 and not stored["vote_required"]
            continue
        assert form == "article_ii_treaty", "only treaties have a second method here"
        check_proposal(section, proposal, stored, seed=20251215 + index)
        assert golden["expected_yeas"][proposal.id] == stored["expected_yeas"]
        assert golden["required_yeas"][proposal.id] == stored["required_yeas"]
        assert golden["pivots"][proposal.id] == stored["pivots"]


def approx_value(value: Any) -> Any:
    """The nominal value of a scenario quantity, as pytest.approx."""
    return pytest.approx(nominal(value))
