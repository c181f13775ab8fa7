"""One chamber's vote on a roll call: yea probabilities, party blocs, pass conditions.

Vote probabilities follow the DW-NOMINATE probit (Poole & Rosenthal 1997) or, for the
deterministic model, the side of the cutting line (Krehbiel 1998). Pass conditions are those of
:mod:`detente.ratification.rules`, with cloture and passage taken as one vote.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from detente.ratification import nominate, rules
from detente.ratification.distribution import (
    Bloc,
    Method,
    chamber_distribution,
    gauss_hermite,
    margin_distribution,
    shocked,
)
from detente.ratification.members import Chamber
from detente.ratification.position import RollCall
from detente.scenario.legal_form import LegalForm
from detente.scenario.quantity import nominal
from detente.scenario.ratification_section import ChamberSpec, VoteModel

__all__ = [
    "VoteSetting",
    "house_p_pass",
    "party_blocs",
    "senate_distribution",
    "senate_pass_mask",
    "yea_probabilities",
]


@dataclass(frozen=True)
class VoteSetting:
    model: VoteModel
    beta: float
    w: float
    party_sd: float
    common_sd: float
    present_p: float
    counted: bool

    @classmethod
    def of(cls, model: VoteModel) -> VoteSetting:
        return cls(
            model,
            nominal(model.beta),
            nominal(model.w),
            nominal(model.party_shock_sd),
            nominal(model.common_shock_sd),
            nominal(model.present_probability),
            model.present_rule == "counted",
        )

    @property
    def probit(self) -> bool:
        return self.model.kind == "probit"


def yea_probabilities(chamber: Chamber, roll: RollCall, s: VoteSetting) -> NDArray[np.float64]:
    x = chamber.ideal_points()
    if s.probit:
        return nominate.yea_probabilities(x, roll.midpoint, roll.spread, s.beta, s.w)
    scores = nominate.support_scores(x, roll.midpoint, roll.spread, s.w)
    return np.where(scores > 0, 1.0, np.where(scores < 0, 0.0, 0.5))


def party_blocs(
    chamber: Chamber, spec: ChamberSpec, p: NDArray[np.float64], s: VoteSetting
) -> list[Bloc]:
    caucus = {party.id: party.caucus or party.id for party in spec.parties}
    attendance = np.array([m.attendance for m in chamber.members])
    vote = attendance * (1.0 - s.present_p)
    against = attendance * s.present_p if s.counted else np.zeros_like(attendance)
    groups: dict[str, list[int]] = {}
    for i, member in enumerate(chamber.members):
        groups.setdefault(caucus.get(member.party, member.party), []).append(i)
    sd = s.party_sd if s.probit else 0.0
    return [
        Bloc(p[idx], vote[idx], against[idx], sd) for idx in (np.array(v) for v in groups.values())
    ]


def senate_pass_mask(
    n: int, seated: int, form: LegalForm, cloture: bool, veto: bool
) -> NDArray[np.bool_]:
    """Which (yeas, nays) pass (read-only; cached, as a sweep asks for the same few masks)."""
    return _senate_pass_mask(int(n), int(seated), LegalForm(form), bool(cloture), bool(veto))


@lru_cache(maxsize=64)
def _senate_pass_mask(
    n: int, seated: int, form: LegalForm, cloture: bool, veto: bool
) -> NDArray[np.bool_]:
    y = np.arange(n + 1)[:, None]
    m = np.arange(n + 1)[None, :]
    ok = (y + m) >= rules.quorum(seated)
    if cloture:
        ok &= y >= rules.cloture_required_yeas(seated)
    if form is LegalForm.ARTICLE_II_TREATY or veto:
        ok &= 3 * y >= 2 * (y + m)
    if form is LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT:
        ok &= y > m
    ok.setflags(write=False)
    return ok


def house_p_pass(
    chamber: Chamber, spec: ChamberSpec, p: NDArray[np.float64], s: VoteSetting, veto: bool
) -> float:
    """P(House passes): Y − N > 0, and Y − 2N ≥ 0 when a veto must be overridden.

    Uses the O(n²) margin recursion per bloc, integrated over the bloc shock, convolved.
    """
    chamber_blocs = party_blocs(chamber, spec, p, s)
    yea_w, nay_w = (1, 2) if veto else (1, 1)

    def given(common_z: float | None) -> NDArray[np.float64]:
        total = np.ones(1)
        for b in chamber_blocs:
            bp = b.p if common_z is None else shocked(b.p, s.common_sd, np.asarray(common_z))
            if b.shock_sd > 0:
                z, weights = gauss_hermite(s.model.quadrature_nodes)
                cond = shocked(bp, b.shock_sd, z)
                _, dist = margin_distribution(
                    cond * b.vote, (1 - cond) * b.vote + b.against, yea_w, nay_w
                )
                part = weights @ dist
            else:
                _, part = margin_distribution(
                    bp * b.vote, (1 - bp) * b.vote + b.against, yea_w, nay_w
                )
            total = np.convolve(total, part)
        return total

    if s.common_sd > 0 and s.probit:
        z, weights = gauss_hermite(s.model.quadrature_nodes)
        dist = sum(wt * given(float(zz)) for zz, wt in zip(z, weights, strict=True))
    else:
        dist = given(None)
    n = len(chamber.members)
    support = np.arange(-nay_w * n, yea_w * n + 1)
    passing = support > 0 if not veto else support >= 0
    if veto:
        # Y − 2N ≥ 0 with at least one vote cast: exclude the empty vote (Y = N = 0).
        pass_prob = float(dist[passing].sum()) - float(
            np.prod(1 - np.concatenate([b.vote + b.against for b in chamber_blocs]))
        )
        return max(0.0, pass_prob)
    return float(dist[passing].sum())


def senate_distribution(
    chamber: Chamber,
    spec: ChamberSpec,
    p: NDArray[np.float64],
    s: VoteSetting,
    method: Method = "recursion",
) -> NDArray[np.float64]:
    chamber_blocs = party_blocs(chamber, spec, p, s)
    return chamber_distribution(
        chamber_blocs,
        common_shock_sd=s.common_sd if s.probit else 0.0,
        nodes=s.model.quadrature_nodes,
        method=method,
    )
