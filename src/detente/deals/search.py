"""Search the space of packages: the most robust, the frontier, bargaining solutions, and the
smallest change that makes a package acceptable.

Every candidate is judged on the same draws of the uncertain inputs (common random numbers),
so differences between candidates are differences between packages, not sampling noise. The
ratification vote is tabulated once per draw on a grid of treaty positions covering every
position the links can reach inside the search box (:func:`vote_curves`), then interpolated;
everything else is evaluated exactly, vectorised over draws and candidates.

* The most robust package maximises P(joint) (mean over the draws).
* The frontier: candidates inside the zone of agreement (every party's mean surplus ≥ 0) not
  dominated in (each party's mean surplus, P(deter), P(ratify)).
* Inside the zone, the Nash bargaining solution maximises Π_i E[surplus_i] (Nash 1950) and the
  Kalai-Smorodinsky point maximises min_i E[surplus_i]/max E[surplus_i] (Kalai & Smorodinsky
  1975), both over the candidates (the expected surplus is each party's gain over its
  disagreement utility).
* The nearest acceptable package for a party minimises the party's salience-weighted distance
  Σ_k s_k |x_k − x'_k| / (hi_k − lo_k) subject to its surplus being at least a margin (a
  linear programme for the linear loss, solved with HiGHS through SciPy).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog, minimize
from scipy.stats import qmc

from detente.deals.evaluate import evaluate_packages
from detente.deals.fair_division import pareto_front
from detente.deals.inputs import DealInputs, PackageSet, PartyDraws
from detente.deals.links import target_shift
from detente.deals.ratification_terms import VoteCurve, vote_curve
from detente.deals.utility import spatial_utility, war_utility
from detente.scenario.deals_section import DealsSection, LinkTarget, LossShape

__all__ = [
    "CandidateScores",
    "SearchBox",
    "SingleChange",
    "best_single_change",
    "candidate_packages",
    "frontier",
    "kalai_smorodinsky_candidate",
    "nash_candidate",
    "nearest_acceptable",
    "score_candidates",
    "search_box",
    "treaty_range",
    "vote_curves",
]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class SearchBox:
    """The part of the term space searched: ranges (K,) and design indices."""

    low: Array
    high: Array
    designs: tuple[int, ...]


def search_box(inputs: DealInputs, section: DealsSection) -> SearchBox:
    """The section's search ranges (default: each term's whole scale) and designs (default:
    every design)."""
    low, high = inputs.terms.low.copy(), inputs.terms.high.copy()
    for k, term in enumerate(inputs.terms.ids):
        span = section.search.terms.get(term)
        if span is not None:
            low[k], high[k] = span.low, span.high
    designs = (
        tuple(inputs.design_index(d) for d in section.search.designs)
        if section.search.designs
        else tuple(range(len(inputs.designs)))
    )
    return SearchBox(low=low, high=high, designs=designs)


def candidate_packages(box: SearchBox, count: int, seed: int) -> PackageSet:
    """About ``count`` candidates: a scrambled Sobol sequence (Sobol 1967; Owen scrambling)
    over the term box, each point paired with every design."""
    designs = len(box.designs)
    points = max(1, -(-count // designs))
    sampler = qmc.Sobol(d=box.low.size, scramble=True, seed=np.random.default_rng(seed))
    # the first ``points`` of a power-of-two block (balanced as a whole; any prefix is still a
    # low-discrepancy sequence)
    unit = sampler.random_base2(int(np.ceil(np.log2(max(points, 2)))))[:points]
    x = box.low + unit * (box.high - box.low)
    terms = np.repeat(x, designs, axis=0)
    design = np.tile(np.asarray(box.designs, dtype=np.int64), points)
    ids = tuple(f"candidate_{i}" for i in range(terms.shape[0]))
    return PackageSet(
        ids=ids,
        names=ids,
        terms=terms[None, :, :],
        design=design,
        fallback=np.full(terms.shape[0], -1, dtype=np.int64),
    )


def _corners(box: SearchBox) -> Array:
    return np.array(list(itertools.product(*zip(box.low, box.high, strict=True))), dtype=float)


def treaty_range(inputs: DealInputs, box: SearchBox, design: int) -> tuple[float, float]:
    """The lowest and highest treaty position of ``design``'s proposal over every draw and
    every package in ``box`` (the links are affine, so the extremes sit at the box's corners)."""
    vote = inputs.designs[design].vote
    assert vote is not None
    corners = _corners(box)[None, :, :]
    shift = target_shift(
        inputs, LinkTarget.TREATY_POSITION, corners, np.full(corners.shape[1], design)
    )
    return (
        float(np.min(vote.treaty + shift.min(axis=1))),
        float(np.max(vote.treaty + shift.max(axis=1))),
    )


def vote_curves(inputs: DealInputs, box: SearchBox, points: int = 65) -> dict[int, VoteCurve]:
    """P(ratified) tabulated per draw, for every design of ``box`` that needs a vote, over
    every treaty position the links can reach in the box."""
    curves: dict[int, VoteCurve] = {}
    for m in box.designs:
        vote = inputs.designs[m].vote
        if vote is not None:
            curves[m] = vote_curve(vote, *treaty_range(inputs, box, m), points)
    return curves


@dataclass(frozen=True)
class CandidateScores:
    """Every candidate's answers over the common draws (means over the draws)."""

    terms: Array  # (N, K)
    design: NDArray[np.int64]  # (N,)
    p_joint: Array
    p_deter: Array
    p_ratify: Array
    p_accept: Array  # (N, I)
    surplus: Array  # (N, I) mean surplus
    party_ids: tuple[str, ...]

    @property
    def size(self) -> int:
        return int(self.p_joint.size)

    def top(self, n: int) -> NDArray[np.int64]:
        """Indices of the ``n`` candidates with the highest P(joint), best first."""
        order = np.argsort(-self.p_joint, kind="stable")
        return np.asarray(order[:n], dtype=np.int64)

    @property
    def in_zone(self) -> NDArray[np.bool_]:
        """Every party's mean surplus is not negative."""
        return np.asarray(np.all(self.surplus >= 0.0, axis=1))


def _shippable(inputs: DealInputs) -> DealInputs:
    """The inputs without the scenario objects the exact vote needs (the search tabulates
    votes), so that a task sends arrays only."""
    designs = tuple(
        replace(d, vote=replace(d.vote, scenarios=(), chambers=None)) if d.vote else d
        for d in inputs.designs
    )
    return replace(inputs, designs=designs)


def _score_chunk(
    job: tuple[DealInputs, PackageSet, dict[int, VoteCurve]],
) -> tuple[Array, Array, Array, Array, Array]:
    inputs, packages, curves = job
    evaluated = evaluate_packages(inputs, packages, curves)
    return (
        evaluated.p_joint.mean(axis=0),
        evaluated.p_deter.mean(axis=0),
        evaluated.p_ratify.mean(axis=0),
        evaluated.accept.mean(axis=0),
        evaluated.surplus.mean(axis=0),
    )


def _chunks(packages: PackageSet, size: int) -> Iterable[PackageSet]:
    for start in range(0, packages.size, size):
        sl = slice(start, start + size)
        yield PackageSet(
            ids=packages.ids[sl],
            names=packages.names[sl],
            terms=packages.terms[:, sl, :],
            design=packages.design[sl],
            fallback=packages.fallback[sl],
        )


def score_candidates(
    inputs: DealInputs,
    packages: PackageSet,
    curves: dict[int, VoteCurve],
    *,
    executor: Executor | None = None,
    chunk: int = 500,
) -> CandidateScores:
    """Judge every candidate on every draw of ``inputs``; chunks of candidates run on
    ``executor`` (in order, so the answer does not depend on the executor)."""
    shipped = _shippable(inputs)
    jobs = [(shipped, part, curves) for part in _chunks(packages, chunk)]
    results = list(
        executor.map(_score_chunk, jobs) if executor is not None else map(_score_chunk, jobs)
    )
    joined = [np.concatenate([r[i] for r in results], axis=0) for i in range(5)]
    return CandidateScores(
        terms=packages.terms[0],
        design=packages.design,
        p_joint=joined[0],
        p_deter=joined[1],
        p_ratify=joined[2],
        p_accept=joined[3],
        surplus=joined[4],
        party_ids=tuple(p.actor for p in inputs.parties),
    )


def frontier(scores: CandidateScores) -> NDArray[np.int64]:
    """Indices of the candidates in the zone of agreement not dominated in (mean surplus of
    each party, P(deter), P(ratify)), sorted by P(joint), best first."""
    zone = np.flatnonzero(scores.in_zone)
    if zone.size == 0:
        return np.zeros(0, dtype=np.int64)
    objectives = np.column_stack(
        [scores.surplus[zone], scores.p_deter[zone], scores.p_ratify[zone]]
    )
    kept = zone[pareto_front(objectives)]
    return np.asarray(kept[np.argsort(-scores.p_joint[kept], kind="stable")], dtype=np.int64)


def nash_candidate(scores: CandidateScores) -> int | None:
    """The candidate in the zone maximising the product of the parties' mean surpluses."""
    zone = np.flatnonzero(scores.in_zone)
    if zone.size == 0:
        return None
    return int(zone[int(np.argmax(np.prod(scores.surplus[zone], axis=1)))])


def kalai_smorodinsky_candidate(scores: CandidateScores) -> int | None:
    """The Pareto candidate in the zone maximising min_i surplus_i / max_zone surplus_i."""
    zone = np.flatnonzero(scores.in_zone)
    if zone.size == 0:
        return None
    gains = scores.surplus[zone]
    ideal = gains.max(axis=0)
    ratio = np.min(gains / np.where(ideal > 0, ideal, 1.0), axis=1)
    ratio = np.where(pareto_front(gains), ratio, -np.inf)
    return int(zone[int(np.argmax(ratio))])


def _party(inputs: DealInputs, actor: str) -> PartyDraws:
    for party in inputs.parties:
        if party.actor == actor:
            return party
    raise KeyError(actor)


def nearest_acceptable(
    inputs: DealInputs,
    terms: Array,
    design: int,
    actor: str,
    box: SearchBox,
    *,
    margin: float = 0.0,
    draw: int = 0,
) -> Array | None:
    """The package closest to ``terms`` (K,), in ``actor``'s salience-weighted distance, that
    gives ``actor`` a surplus of at least ``margin`` in draw ``draw`` (None if no package in
    the box does). Linear loss: an exact linear programme; quadratic: SLSQP from the ideal."""
    party = _party(inputs, actor)
    s, theta = party.salience[draw], party.ideal[draw]
    width = inputs.terms.width
    need = 1.0 + party.design_utility[draw, design] - float(war_utility(party, inputs.terms)[draw])
    budget = need - margin  # Σ s φ(|x − θ|/w) must not exceed this
    k = terms.size
    if party.loss is LossShape.LINEAR:
        # variables [x (K), a (K) ≥ |x − x0|, b (K) ≥ |x − θ|]
        c = np.concatenate([np.zeros(k), s / width, np.zeros(k)])
        eye, zero = np.eye(k), np.zeros((k, k))
        rows = [
            np.hstack([eye, -eye, zero]),
            np.hstack([-eye, -eye, zero]),
            np.hstack([eye, zero, -eye]),
            np.hstack([-eye, zero, -eye]),
            np.concatenate([np.zeros(2 * k), s / width])[None, :],
        ]
        rhs = np.concatenate([terms, -terms, theta, -theta, [budget]])
        bounds = [(lo, hi) for lo, hi in zip(box.low, box.high, strict=True)] + [(0, None)] * (
            2 * k
        )
        solved = linprog(c, A_ub=np.vstack(rows), b_ub=rhs, bounds=bounds, method="highs")
        return None if not solved.success else np.asarray(solved.x[:k], dtype=float)

    def loss(x: Array) -> float:
        return float(np.sum(s * ((x - theta) / width) ** 2))

    if loss(np.clip(theta, box.low, box.high)) > budget:
        return None
    solved = minimize(
        lambda x: float(np.sum(s * np.abs(x - terms) / width)),
        np.clip(theta, box.low, box.high),
        method="SLSQP",
        bounds=list(zip(box.low, box.high, strict=True)),
        constraints=[{"type": "ineq", "fun": lambda x: budget - loss(x)}],
    )
    return np.asarray(solved.x, dtype=float) if solved.success else None


@dataclass(frozen=True)
class SingleChange:
    """The one change (a term's value, or the design) that raises P(joint) most."""

    term: str | None  # None: the design changes
    value: float | None
    design: int
    p_joint_before: float
    p_joint_after: float

    @property
    def gain(self) -> float:
        return self.p_joint_after - self.p_joint_before


def best_single_change(
    inputs: DealInputs,
    terms: Array,
    design: int,
    box: SearchBox,
    curves: dict[int, VoteCurve] | None,
    *,
    steps: int = 21,
    fallback: int = -1,
) -> SingleChange:
    """Try every term on ``steps`` values across its range and every other design, one change
    at a time, on the same draws; return the best (the package itself if nothing helps).
    Votes are exact unless tabulated ``curves`` are given."""
    variants: list[tuple[str | None, float | None, int]] = [(None, None, design)]
    term: str | None
    rows = [terms.copy()]
    for k, term in enumerate(inputs.terms.ids):
        for value in np.linspace(box.low[k], box.high[k], steps):
            row = terms.copy()
            row[k] = value
            rows.append(row)
            variants.append((term, float(value), design))
    for m in box.designs:
        if m != design:
            rows.append(terms.copy())
            variants.append((None, None, m))
    n = len(rows)
    packages = PackageSet(
        ids=tuple(str(i) for i in range(n)),
        names=tuple(str(i) for i in range(n)),
        terms=np.asarray(rows, dtype=float)[None, :, :],
        design=np.array([v[2] for v in variants], dtype=np.int64),
        fallback=np.array([fallback if v[2] == design else -1 for v in variants], dtype=np.int64),
    )
    joint = evaluate_packages(inputs, packages, curves).p_joint.mean(axis=0)
    best = int(np.argmax(joint))
    term, value, chosen = variants[best]
    return SingleChange(term, value, chosen, float(joint[0]), float(joint[best]))


def salience_distance_of(
    inputs: DealInputs, actor: str, a: Array, b: Array, draw: int = 0
) -> float:
    """``actor``'s salience-weighted distance between two packages (K,)."""
    party = _party(inputs, actor)
    return float(np.sum(party.salience[draw] * np.abs(a - b) / inputs.terms.width))


def utility_of(inputs: DealInputs, actor: str, x: Array, design: int, draw: int = 0) -> float:
    """``actor``'s utility of package ``x`` (K,) with design ``design`` in draw ``draw``."""
    party = _party(inputs, actor)
    u = spatial_utility(x, party.ideal[draw], party.salience[draw], inputs.terms, party.loss)
    return float(u + party.design_utility[draw, design])
