"""P(the Senate approves) for many positions of one proposal at once, exactly.

The deals lens asks, for every draw of the scenario's inputs, how likely a treaty is to pass at
each of many positions on the support scale (one per candidate package). Computing the joint
(yeas, nays) distribution per position costs a two-dimensional thinning each; this module
avoids it. With every senator turning out with one probability v and no "present" counted
against (the common case, see :mod:`detente.ratification.distribution`), the vote passes with
probability Σ_t P(T = t)·g(t), where T is the number who would vote yea if voting and

    g(t) = Σ_{y, m} Bin(y; t, v)·Bin(m; n − t, v)·[(y, m) passes]

depends only on n, v and the pass rule, not on the position: it is computed once. P(T = t) is
the Poisson-binomial of each bloc integrated over the bloc's shock and convolved over blocs,
computed for all positions in one batched recursion (Hong 2013). The result equals the
assessment's P(Senate passes) to round-off; other chambers (attendance varying by member, a
counted "present") fall back to the full distribution per position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr, ndtri

from detente.ratification.chamber_vote import (
    VoteSetting,
    senate_distribution,
    senate_pass_mask,
    yea_probabilities,
)
from detente.ratification.distribution import (
    _EPS,
    _padded_yea_counts,
    _thinning,
    gauss_hermite,
)
from detente.ratification.members import Chamber, party_ideal_points
from detente.ratification.position import RollCall
from detente.scenario.legal_form import LegalForm
from detente.scenario.quantity import nominal
from detente.scenario.ratification_section import ChamberSpec

__all__ = ["ChamberDraws", "pass_given_would_be_yeas", "senate_pass_curve", "senate_pass_curves"]


def pass_given_would_be_yeas(n: int, v: float, mask: NDArray[np.bool_]) -> NDArray[np.float64]:
    """g(t) = P(the vote passes | T = t would vote yea if voting), t = 0..n (turnout v each)."""
    return _g(int(n), float(v), mask.tobytes(), mask.shape)


@lru_cache(maxsize=64)
def _g(n: int, v: float, mask_bytes: bytes, shape: tuple[int, ...]) -> NDArray[np.float64]:
    mask = np.frombuffer(mask_bytes, dtype=bool).reshape(shape).astype(float)
    a, b = _thinning(n, v)
    g = np.einsum("ty,ym,tm->t", a, mask, b)
    g.setflags(write=False)
    return np.asarray(g, dtype=float)


@dataclass(frozen=True)
class ChamberDraws:
    """D draws of one chamber with the same members in the same blocs (the party-level
    assumptions drawn D times), as arrays: what :func:`senate_pass_curves` needs.

    ``ideal_points`` (D, n, 2); ``turnout``, ``beta``, ``w``, ``party_sd``, ``common_sd`` (D,);
    ``groups`` the member indices of each caucus bloc (shared by all draws).
    """

    ideal_points: NDArray[np.float64]
    turnout: NDArray[np.float64]
    beta: NDArray[np.float64]
    w: NDArray[np.float64]
    party_sd: NDArray[np.float64]
    common_sd: NDArray[np.float64]
    groups: tuple[NDArray[np.int64], ...]
    probit: bool
    nodes: int

    @property
    def draws(self) -> int:
        return int(self.ideal_points.shape[0])

    def rows(self, selected: NDArray[np.int64]) -> ChamberDraws:
        """The same chamber for the draws ``selected`` only."""
        return ChamberDraws(
            ideal_points=self.ideal_points[selected],
            turnout=self.turnout[selected],
            beta=self.beta[selected],
            w=self.w[selected],
            party_sd=self.party_sd[selected],
            common_sd=self.common_sd[selected],
            groups=self.groups,
            probit=self.probit,
            nodes=self.nodes,
        )

    @classmethod
    def from_parties(
        cls, specs: Sequence[ChamberSpec], settings: Sequence[VoteSetting]
    ) -> ChamberDraws | None:
        """The representative chambers of D draws of the party-level assumptions
        (:func:`detente.ratification.members.members_from_parties`, as arrays), or None when
        the shortcut does not apply (parties turning out differently, a counted "present")."""
        first = specs[0]
        turnout = []
        for spec, setting in zip(specs, settings, strict=True):
            attendance = {nominal(p.attendance) for p in spec.parties if p.seats}
            if len(attendance) != 1 or (setting.counted and setting.present_p > 0):
                return None
            turnout.append(attendance.pop() * (1.0 - setting.present_p))
        model = settings[0]
        if any(st.probit != model.probit for st in settings):
            return None
        caucus = {party.id: party.caucus or party.id for party in first.parties}
        groups: dict[str, list[int]] = {}
        start = 0
        for party in first.parties:
            groups.setdefault(caucus[party.id], []).extend(range(start, start + party.seats))
            start += party.seats
        points = np.stack(
            [np.concatenate([party_ideal_points(p) for p in spec.parties]) for spec in specs]
        )
        return cls(
            ideal_points=points,
            turnout=np.asarray(turnout, dtype=float),
            beta=np.array([st.beta for st in settings], dtype=float),
            w=np.array([st.w for st in settings], dtype=float),
            party_sd=np.array([st.party_sd if st.probit else 0.0 for st in settings]),
            common_sd=np.array([st.common_sd if st.probit else 0.0 for st in settings]),
            groups=tuple(np.asarray(v, dtype=np.int64) for v in groups.values()),
            probit=model.probit,
            nodes=model.model.quadrature_nodes,
        )

    @classmethod
    def of(
        cls, chambers: Sequence[Chamber], spec: ChamberSpec, settings: Sequence[VoteSetting]
    ) -> ChamberDraws | None:
        """Stack D chambers, or None when the curve's shortcut does not apply to them (members
        turning out with different probabilities, a counted "present", different members)."""
        first = chambers[0]
        parties = [m.party for m in first.members]
        rows = []
        for chamber, setting in zip(chambers, settings, strict=True):
            attendance = {m.attendance for m in chamber.members}
            if len(attendance) != 1 or [m.party for m in chamber.members] != parties:
                return None
            if setting.counted and setting.present_p > 0:
                return None
            rows.append(attendance.pop() * (1.0 - setting.present_p))
        model = settings[0]
        if any(st.probit != model.probit for st in settings):
            return None
        return cls(
            ideal_points=np.stack([c.ideal_points() for c in chambers]),
            turnout=np.asarray(rows, dtype=float),
            beta=np.array([st.beta for st in settings], dtype=float),
            w=np.array([st.w for st in settings], dtype=float),
            party_sd=np.array([st.party_sd if st.probit else 0.0 for st in settings]),
            common_sd=np.array([st.common_sd if st.probit else 0.0 for st in settings]),
            groups=tuple(_caucus_groups(first, spec)),
            probit=model.probit,
            nodes=model.model.quadrature_nodes,
        )


def _one_dimensional_yea(
    chambers: ChamberDraws, treaties: NDArray[np.float64], status_quo: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Pr(yea) (D, K, n) of the roll call with o_yea = (T, 0), o_nay = (q, 0) (Krehbiel 1998;
    the NOMINATE probit of Poole & Rosenthal 1997 on the support scale)."""
    x1 = chambers.ideal_points[:, None, :, 0]
    t = treaties[:, :, None]
    q = status_quo[:, None, None]
    if chambers.probit:
        second = (chambers.w[:, None, None] * chambers.ideal_points[:, None, :, 1]) ** 2
        beta = chambers.beta[:, None, None]
        u_yea = beta * np.exp(-0.5 * ((x1 - t) ** 2 + second))
        u_nay = beta * np.exp(-0.5 * ((x1 - q) ** 2 + second))
        return np.asarray(ndtr(u_yea - u_nay), dtype=float)
    # Deterministic: yea on the treaty's side of the cutpoint (T + q)/2, a tie at 1/2.
    side = np.sign(t - q) * (x1 - (t + q) / 2.0)
    return np.where(side > 0, 1.0, np.where(side < 0, 0.0, 0.5))


def _caucus_groups(chamber: Chamber, spec: ChamberSpec) -> list[NDArray[np.int64]]:
    caucus = {party.id: party.caucus or party.id for party in spec.parties}
    groups: dict[str, list[int]] = {}
    for i, member in enumerate(chamber.members):
        groups.setdefault(caucus.get(member.party, member.party), []).append(i)
    return [np.asarray(v, dtype=np.int64) for v in groups.values()]


def _shock(
    p: NDArray[np.float64], sd: NDArray[np.float64], z: NDArray[np.float64]
) -> NDArray[np.float64]:
    """:func:`detente.ratification.distribution.shocked` with one sd per draw: p (D, ..., n),
    sd (D,), z (nodes,) -> (nodes, D, ..., n)."""
    probs = np.clip(p, _EPS, 1.0 - _EPS)
    extra = (1,) * (p.ndim - 1)
    s = sd.reshape(sd.shape + extra)
    return np.asarray(
        ndtr(
            ndtri(probs)[None] * np.sqrt(1.0 + s * s)[None] + (s[None] * z.reshape(-1, 1, *extra))
        ),
        dtype=float,
    )


def _would_be_yeas(p: NDArray[np.float64], chambers: ChamberDraws) -> NDArray[np.float64]:
    """P(T = t) (D, K, n + 1) for Pr(yea) ``p`` (D, K, n): each bloc integrated over its shock,
    convolved over blocs, then the common shock integrated, in batched recursions."""
    z, weights = gauss_hermite(chambers.nodes)
    common = bool(np.any(chambers.common_sd > 0))
    zc = z if common else np.zeros(1)
    wc = weights if common else np.ones(1)
    shocked_blocs = bool(np.any(chambers.party_sd > 0))
    inner = weights if shocked_blocs else np.ones(1)
    ps = []
    for idx in chambers.groups:
        pb = p[..., idx]  # (D, K, n_b)
        pb = _shock(pb, chambers.common_sd, zc) if common else pb[None]  # (C, D, K, n_b)
        if shocked_blocs:
            pb = np.moveaxis(_shock(np.moveaxis(pb, 1, 0), chambers.party_sd, z), 2, 1)
        else:
            pb = pb[None]
        ps.append(np.asarray(pb, dtype=float))  # (nodes | 1, C | 1, D, K, n_b)
    counts = _padded_yea_counts(ps)  # (nodes | 1, C | 1, D, K, blocs, n_max + 1)
    total = np.ones(counts.shape[1:4] + (1,))
    for g, idx in enumerate(chambers.groups):
        part = np.tensordot(inner, counts[:, :, :, :, g, : idx.size + 1], axes=(0, 0))
        total = _convolve_last(total, part)
    return np.asarray(np.tensordot(wc, total, axes=(0, 0)), dtype=float)


def _convolve_last(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
    """Convolution along the last axis, batched over the leading ones (direct, exact)."""
    out = np.zeros(a.shape[:-1] + (a.shape[-1] + b.shape[-1] - 1,))
    for j in range(b.shape[-1]):
        out[..., j : j + a.shape[-1]] += a * b[..., j : j + 1]
    return out


def senate_pass_curves(
    chambers: ChamberDraws,
    form: LegalForm,
    treaties: ArrayLike,
    status_quo: ArrayLike,
    *,
    cloture: bool,
    veto: bool = False,
    chunk: int = 16,
) -> NDArray[np.float64]:
    """P(the Senate approves) (D, K) for every draw and treaty position ``treaties`` (D, K).

    Draws are processed ``chunk`` at a time so the batched recursion stays in cache.
    """
    t = np.asarray(treaties, dtype=float)
    q = np.broadcast_to(np.asarray(status_quo, dtype=float), (chambers.draws,))
    n = chambers.ideal_points.shape[1]
    mask = senate_pass_mask(n, n, form, cloture, veto)
    out = np.empty(t.shape)
    for v in np.unique(chambers.turnout):
        g = pass_given_would_be_yeas(n, float(v), mask)
        rows = np.flatnonzero(chambers.turnout == v)
        for start in range(0, rows.size, chunk):
            sel = rows[start : start + chunk]
            part = chambers.rows(sel)
            yeas = _would_be_yeas(_one_dimensional_yea(part, t[sel], q[sel]), part)
            out[sel] = yeas @ g / yeas.sum(axis=-1)
    return np.clip(out, 0.0, 1.0)


def senate_pass_curve(
    chamber: Chamber,
    spec: ChamberSpec,
    setting: VoteSetting,
    form: LegalForm,
    treaties: ArrayLike,
    status_quo: float,
    *,
    cloture: bool,
    veto: bool = False,
) -> NDArray[np.float64]:
    """P(the Senate approves) of a one-dimensional proposal at each treaty position.

    ``treaties`` are positions T on the support scale, ``status_quo`` the proposal's q. The pass
    rule is the assessment's (:func:`detente.ratification.chamber_vote.senate_pass_mask`:
    quorum, cloture when ``cloture``, two thirds of those voting for an Art. II treaty or a veto
    override, a majority for a congressional-executive agreement); the House, if the form
    needs it, is not included.
    """
    t = np.atleast_1d(np.asarray(treaties, dtype=float))
    stacked = ChamberDraws.of([chamber], spec, [setting])
    if stacked is not None:
        curve = senate_pass_curves(
            stacked, form, t[None, :], np.array([status_quo]), cloture=cloture, veto=veto
        )
        return np.asarray(curve[0], dtype=float)
    n = len(chamber.members)
    mask = senate_pass_mask(n, n, form, cloture, veto)
    out = np.empty(t.size)
    for i, treaty in enumerate(t):
        roll = RollCall(((treaty + status_quo) / 2.0, 0.0), ((status_quo - treaty) / 2.0, 0.0))
        joint = senate_distribution(
            chamber, spec, yea_probabilities(chamber, roll, setting), setting
        )
        out[i] = float(joint[mask].sum())
    return out
