"""Search deal packages on common random draws, on any executor (:mod:`detente.deals.search`).

1. Draw the scenario's uncertain inputs ``draws`` times with ``seed`` (the same streams as a
   sweep, so the search's draws are the first draws of ``detente deals --seed``).
2. Tabulate each treaty design's P(ratified) per draw over the positions the search can reach
   (chunks of draws run on the executor).
3. Judge every candidate (a Sobol design over the term box × every design, plus the named
   packages) on those draws (chunks of candidates on the executor).
4. Re-judge the best packages, the Nash and Kalai-Smorodinsky candidates exactly (votes at
   each position, no tabulation) on ``confirm_draws`` draws, chunks of draws on the executor.

The result does not depend on the executor or the worker count: chunks are fixed by size and
joined in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from detente.deals.evaluate import PackageDraws, evaluate_packages
from detente.deals.inputs import DealInputs, PackageSet, VoteDraws, compile_inputs
from detente.deals.packages import named_packages
from detente.deals.ratification_terms import VoteCurve, ratification_draws, vote_curve
from detente.deals.search import (
    CandidateScores,
    SearchBox,
    candidate_packages,
    frontier,
    kalai_smorodinsky_candidate,
    nash_candidate,
    nearest_acceptable,
    salience_distance_of,
    score_candidates,
    search_box,
    treaty_range,
)
from detente.deals.summary import PackageSummary, summarize_packages
from detente.errors import InputError
from detente.scenario.model import Scenario
from detente.uncertainty.runner import ProgressCallback
from detente.uncertainty.variants import (
    VariantPlan,
    draw_columns,
    find_inputs,
    nominal_scenario,
    variants,
)

__all__ = ["NearestAcceptable", "QuickFrontier", "SearchResult", "quick_frontier", "run_search"]

CURVE_POINTS = 33
"""Treaty positions per draw at which the search tabulates the vote (interpolated between)."""
DRAW_CHUNK = 250
"""Draws per task when tabulating votes and confirming."""


@dataclass(frozen=True)
class NearestAcceptable:
    """For a named package a party rejects: the closest package it accepts (its salience-
    weighted distance), at the nominal values and in at least 90 % of the draws."""

    package_id: str
    party: str
    nominal_terms: tuple[float, ...] | None
    nominal_distance: float | None
    nominal_p_accept: float | None
    robust_terms: tuple[float, ...] | None
    robust_distance: float | None
    robust_p_accept: float | None


@dataclass(frozen=True)
class SearchResult:
    """What the search found (numbers only)."""

    scenario_id: str
    seed: int
    draws: int
    confirm_draws: int
    box: SearchBox
    term_ids: tuple[str, ...]
    design_ids: tuple[str, ...]
    party_ids: tuple[str, ...]
    scores: CandidateScores
    named_ids: tuple[str, ...]
    top: tuple[int, ...]
    frontier: tuple[int, ...]
    nash: int | None
    kalai_smorodinsky: int | None
    confirmed: dict[int, PackageSummary]
    named: tuple[PackageSummary, ...]
    curve_error: float
    nearest: tuple[NearestAcceptable, ...]

    def named_index(self, package_id: str) -> int:
        """The candidate index of a named package (they follow the generated candidates)."""
        return self.scores.size - len(self.named_ids) + self.named_ids.index(package_id)

    def label(self, index: int) -> str:
        """A candidate's name: the named package it is, or ``candidate <n>``."""
        first_named = self.scores.size - len(self.named_ids)
        if index >= first_named:
            return self.named_ids[index - first_named]
        return f"candidate {index}"


def _draws(scenario: Scenario, count: int, seed: int) -> list[Scenario]:
    inputs = find_inputs(scenario)
    if not inputs:
        return [nominal_scenario(scenario)] * count
    columns = draw_columns(inputs, count, seed)
    return list(variants(scenario, VariantPlan(inputs), columns))


def _confirm_jobs(
    scenario: Scenario, count: int, seed: int, packages: PackageSet
) -> list[tuple[Scenario, VariantPlan, list[np.ndarray], PackageSet]]:
    """Tasks judging ``packages`` on ``count`` draws: each ships the scenario once and its
    slice of the drawn values, like the sweep runner's batches."""
    inputs = find_inputs(scenario)
    plan = VariantPlan(inputs)
    columns = draw_columns(inputs, count, seed) if inputs else []
    jobs = []
    for start in range(0, count, DRAW_CHUNK):
        part = [c[start : start + DRAW_CHUNK] for c in columns]
        jobs.append((scenario, plan, part, packages))
    return jobs


def _curve_job(job: tuple[VoteDraws, float, float, int]) -> NDArray[np.float64]:
    vote, low, high, points = job
    return vote_curve(vote, low, high, points).probability


def _tabulate(
    inputs: DealInputs, box: SearchBox, executor: Executor | None, tick: Callable[[int], None]
) -> dict[int, VoteCurve]:
    """Each treaty design's vote per draw on CURVE_POINTS positions, chunks of draws at once."""
    curves: dict[int, VoteCurve] = {}
    for m in box.designs:
        vote = inputs.designs[m].vote
        if vote is None:
            continue
        low, high = treaty_range(inputs, box, m)
        chunks = [
            (vote.rows(np.arange(s, min(s + DRAW_CHUNK, inputs.draws))), low, high, CURVE_POINTS)
            for s in range(0, inputs.draws, DRAW_CHUNK)
        ]
        parts = list(executor.map(_curve_job, chunks) if executor else map(_curve_job, chunks))
        tick(len(chunks))
        curves[m] = VoteCurve(
            positions=np.linspace(low, high, CURVE_POINTS), probability=np.concatenate(parts)
        )
    return curves


def _confirm_job(
    job: tuple[Scenario, VariantPlan, list[np.ndarray], PackageSet],
) -> PackageDraws:
    """Judge ``packages`` and then the scenario's named packages (their terms as drawn)
    exactly on the draws whose input values are the columns' rows."""
    scenario, plan, columns, packages = job
    draws = list(variants(scenario, plan, columns)) if columns else [nominal_scenario(scenario)]
    inputs = compile_inputs(draws)
    named = named_packages(draws, inputs)
    fixed = np.broadcast_to(packages.terms, (named.terms.shape[0], *packages.terms.shape[1:]))
    both = PackageSet(
        ids=packages.ids + named.ids,
        names=packages.names + named.names,
        terms=np.concatenate([fixed, named.terms], axis=1),
        design=np.concatenate([packages.design, named.design]),
        fallback=np.concatenate([packages.fallback, named.fallback]),
    )
    return evaluate_packages(inputs, both)


def _join(parts: list[PackageDraws]) -> PackageDraws:
    first = parts[0]
    return PackageDraws(
        package_ids=first.package_ids,
        package_names=first.package_names,
        party_ids=first.party_ids,
        surplus=np.concatenate([p.surplus for p in parts]),
        p_ratify=np.concatenate([p.p_ratify for p in parts]),
        p_deter=np.concatenate([p.p_deter for p in parts]),
        p_joint=np.concatenate([p.p_joint for p in parts]),
        credibility_margin=np.concatenate([p.credibility_margin for p in parts]),
    )


def _subset(packages: PackageSet, rows: Sequence[int], ids: Sequence[str]) -> PackageSet:
    idx = np.asarray(rows, dtype=np.int64)
    return PackageSet(
        ids=tuple(ids),
        names=tuple(ids),
        terms=packages.terms[:, idx, :],
        design=packages.design[idx],
        fallback=packages.fallback[idx],
    )


def _nearest(
    inputs: DealInputs,
    nominal_inputs: DealInputs,
    named: PackageSet,
    party: str,
    box: SearchBox,
    curves: dict[int, VoteCurve],
) -> list[NearestAcceptable]:
    i = [p.actor for p in inputs.parties].index(party)
    out = []
    for p, pid in enumerate(named.ids):
        x0, design = named.terms[0, p], int(named.design[p])
        probe = PackageSet(
            (pid,), (pid,), x0[None, None, :], named.design[p : p + 1], named.fallback[p : p + 1]
        )
        if float(evaluate_packages(nominal_inputs, probe).surplus[0, 0, i]) >= 0:
            continue

        def share(x: NDArray[np.float64], probe: PackageSet = probe) -> float:
            package = replace(probe, terms=x[None, None, :])
            return float(evaluate_packages(inputs, package, curves).accept[:, 0, i].mean())

        nominal_x = nearest_acceptable(nominal_inputs, x0, design, party, box)
        robust_x, lo, hi = None, 0.0, 1.0
        for _ in range(25):  # the smallest surplus margin at which 90 % of draws accept
            mid = (lo + hi) / 2
            x = nearest_acceptable(nominal_inputs, x0, design, party, box, margin=mid)
            if x is None:  # no package in the box gives that much: ask for less
                hi = mid
            elif share(x) >= 0.9:
                robust_x, hi = x, mid
            else:
                lo = mid
        out.append(
            NearestAcceptable(
                package_id=pid,
                party=party,
                nominal_terms=None if nominal_x is None else tuple(map(float, nominal_x)),
                nominal_distance=None
                if nominal_x is None
                else salience_distance_of(nominal_inputs, party, x0, nominal_x),
                nominal_p_accept=None if nominal_x is None else share(nominal_x),
                robust_terms=None if robust_x is None else tuple(map(float, robust_x)),
                robust_distance=None
                if robust_x is None
                else salience_distance_of(nominal_inputs, party, x0, robust_x),
                robust_p_accept=None if robust_x is None else share(robust_x),
            )
        )
    return out


def _joined_scores(
    first: CandidateScores, second: CandidateScores, second_terms: NDArray[np.float64]
) -> CandidateScores:
    return CandidateScores(
        terms=np.concatenate([first.terms, second_terms]),
        design=np.concatenate([first.design, second.design]),
        p_joint=np.concatenate([first.p_joint, second.p_joint]),
        p_deter=np.concatenate([first.p_deter, second.p_deter]),
        p_ratify=np.concatenate([first.p_ratify, second.p_ratify]),
        p_accept=np.concatenate([first.p_accept, second.p_accept]),
        surplus=np.concatenate([first.surplus, second.surplus]),
        party_ids=first.party_ids,
    )


def _scores(
    inputs: DealInputs,
    generated: PackageSet,
    named: PackageSet,
    nominal_terms: NDArray[np.float64],
    curves: dict[int, VoteCurve],
    executor: Executor | None,
    chunk: int,
) -> CandidateScores:
    """The generated candidates (fixed terms) and the named packages (terms as drawn), on
    the same draws; the named packages are listed at their nominal terms."""
    first = score_candidates(inputs, generated, curves, executor=executor, chunk=chunk)
    second = score_candidates(inputs, named, curves)
    return _joined_scores(first, second, nominal_terms)


def _curve_error(
    inputs: DealInputs,
    every: PackageSet,
    scores: CandidateScores,
    curves: dict[int, VoteCurve],
    count: int = 40,
) -> float:
    """Largest difference between the tabulated and the exact P(ratified) over the best
    ``count`` candidates whose design needs a vote (their own design, no fallback)."""
    voting = list(curves)
    rows = [int(i) for i in scores.top(scores.size) if int(scores.design[i]) in voting][:count]
    if not rows:
        return 0.0
    subset = _subset(every, rows, [str(i) for i in rows])
    exact = ratification_draws(inputs, subset.terms, subset.design)
    tabulated = ratification_draws(inputs, subset.terms, subset.design, curves)
    return float(np.max(np.abs(exact - tabulated)))


def run_search(
    scenario: Scenario,
    *,
    candidates: int = 20_000,
    draws: int = 500,
    seed: int = 0,
    top: int = 10,
    confirm_draws: int = 2000,
    acceptable_to: str | None = None,
    executor: Executor | None = None,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    chunk: int = 500,
) -> SearchResult:
    """Search the scenario's package space (see the module docstring)."""
    if scenario.deals is None:
        raise InputError(
            f"scenario {scenario.id!r} has no `deals` section",
            hint="add one (see docs/deals.md) or choose another scenario",
        )
    for value, name in (
        (candidates, "candidates"),
        (draws, "draws"),
        (top, "top"),
        (confirm_draws, "confirm_draws"),
    ):
        if value < 1:
            raise InputError(f"{name} must be a positive integer (got {value})")
    common = _draws(scenario, draws, seed)
    inputs = compile_inputs(common)
    box = search_box(inputs, scenario.deals)
    named = named_packages(common, inputs)
    generated = candidate_packages(box, candidates, seed)
    nominal_inputs = compile_inputs([nominal_scenario(scenario)])
    nominal_named = named_packages([nominal_scenario(scenario)], nominal_inputs)
    nominal_terms = nominal_named.terms[0]
    every = PackageSet(
        ids=generated.ids + named.ids,
        names=generated.names + named.names,
        terms=np.concatenate([generated.terms, nominal_terms[None]], axis=1),
        design=np.concatenate([generated.design, named.design]),
        fallback=np.concatenate([generated.fallback, named.fallback]),
    )
    curve_tasks = sum(
        -(-inputs.draws // DRAW_CHUNK) for m in box.designs if inputs.designs[m].vote is not None
    )
    score_tasks = -(-every.size // chunk)
    confirm_tasks = -(-confirm_draws // DRAW_CHUNK)
    total = curve_tasks + score_tasks + confirm_tasks
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress is not None:
            progress(done[0], total)

    tick(0)
    curves = _tabulate(inputs, box, executor, tick)
    scores = _scores(inputs, generated, named, nominal_terms, curves, executor, chunk)
    tick(score_tasks)
    best = [int(i) for i in scores.top(top)]
    front = [int(i) for i in frontier(scores)]
    nash, ks = nash_candidate(scores), kalai_smorodinsky_candidate(scores)
    first_named = generated.size
    confirm_rows = sorted(set(best) | {i for i in (nash, ks) if i is not None})
    generated_rows = [i for i in confirm_rows if i < first_named]
    labels = [every.ids[i] if i >= first_named else f"candidate_{i}" for i in confirm_rows]
    chosen = _subset(every, confirm_rows, labels)
    curve_error = _curve_error(inputs, every, scores, curves)
    jobs = _confirm_jobs(scenario, confirm_draws, seed, chosen)
    parts = list(executor.map(_confirm_job, jobs) if executor else map(_confirm_job, jobs))
    tick(confirm_tasks)
    summaries = summarize_packages(_join(parts))
    # the jobs judged the generated rows, then every named package (terms as drawn)
    rows = generated_rows + list(range(first_named, every.size))
    confirmed = {row: summaries[k] for k, row in enumerate(rows)}
    nearest: list[NearestAcceptable] = []
    if acceptable_to is not None:
        nearest = _nearest(inputs, nominal_inputs, nominal_named, acceptable_to, box, curves)
    return SearchResult(
        scenario_id=scenario.id,
        seed=seed,
        draws=draws,
        confirm_draws=confirm_draws,
        box=box,
        term_ids=inputs.terms.ids,
        design_ids=tuple(d.id for d in inputs.designs),
        party_ids=tuple(p.actor for p in inputs.parties),
        scores=scores,
        named_ids=named.ids,
        top=tuple(best),
        frontier=tuple(front),
        nash=nash,
        kalai_smorodinsky=ks,
        confirmed=confirmed,
        named=tuple(confirmed[first_named + k] for k in range(len(named.ids))),
        curve_error=curve_error,
        nearest=tuple(nearest),
    )


@dataclass(frozen=True)
class QuickFrontier:
    """Candidates judged on a few common draws (tabulated votes), for a picture of the
    frontier: the candidates' scores, the frontier's indices, and where the named packages sit
    (the last ``len(named_ids)`` candidates)."""

    scores: CandidateScores
    frontier: tuple[int, ...]
    named_ids: tuple[str, ...]
    design_ids: tuple[str, ...]
    draws: int


def quick_frontier(
    scenario: Scenario, *, candidates: int = 2048, draws: int = 64, seed: int = 0
) -> QuickFrontier:
    """A quick search for figures (the report, the web app): see :func:`run_search` for the
    full one with exact re-judging."""
    from detente.deals.search import vote_curves

    assert scenario.deals is not None
    common = _draws(scenario, draws, seed)
    inputs = compile_inputs(common)
    box = search_box(inputs, scenario.deals)
    named = named_packages(common, inputs)
    generated = candidate_packages(box, candidates, seed)
    nominal_inputs = compile_inputs([nominal_scenario(scenario)])
    nominal_terms = named_packages([nominal_scenario(scenario)], nominal_inputs).terms[0]
    scores = _scores(
        inputs, generated, named, nominal_terms, vote_curves(inputs, box, 33), None, 500
    )
    return QuickFrontier(
        scores=scores,
        frontier=tuple(int(i) for i in frontier(scores)),
        named_ids=named.ids,
        design_ids=tuple(d.id for d in inputs.designs),
        draws=inputs.draws,
    )
