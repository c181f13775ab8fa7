"""The deals lens over many draws: P(accept), P(deter), P(ratify), P(joint) with intervals.

A sweep of the deals lens alone (:func:`detente.uncertainty.runner.run_sweep`, so it runs on
any executor and gives identical numbers for a seed whatever the worker count), whose per-draw
columns are summarised package by package (:mod:`detente.deals.summary`).
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from detente.deals.engine import assess_deals
from detente.deals.result import DealsResult
from detente.deals.summary import PackageSummary, package_draws_from_columns, summarize_packages
from detente.errors import InputError
from detente.scenario.model import Scenario
from detente.uncertainty.runner import ProgressCallback, SweepResult, run_sweep
from detente.uncertainty.variants import nominal_scenario

__all__ = [
    "DEFAULT_DEAL_DRAWS",
    "BestChange",
    "DealSweep",
    "DealsBottomLine",
    "best_change",
    "deal_sweep",
    "deals_bottom_line",
    "package_summaries",
]

DEFAULT_DEAL_DRAWS = 2000
"""Draws of ``detente deals`` unless told otherwise: Monte Carlo error of a probability
at most ±0.02 (95 %)."""


@dataclass(frozen=True)
class DealSweep:
    """The packages judged over the draws, next to the single (nominal) analysis."""

    nominal: DealsResult
    packages: tuple[PackageSummary, ...]
    sweep: SweepResult

    def to_frame(self) -> Any:
        """A :class:`pandas.DataFrame`, one row per package: P(joint) and its factors with
        their intervals, and the binding constraint."""
        import pandas as pd

        rows = []
        for p in self.packages:
            row: dict[str, Any] = {"package": p.id, "name": p.name}
            for name in ("joint", "ratify", "deter"):
                row[f"p_{name}"] = getattr(p, f"p_{name}")
                row[f"p_{name}_low"], row[f"p_{name}_high"] = p.intervals[name]
            for party, value in p.p_accept.items():
                row[f"p_accept_{party}"] = value
            row["binding"] = None if p.binding is None else p.binding.condition
            rows.append(row)
        return pd.DataFrame(rows).set_index("package")

    def package(self, package_id: str) -> PackageSummary:
        for package in self.packages:
            if package.id == package_id:
                return package
        raise KeyError(package_id)


def package_summaries(sweep: SweepResult, nominal: DealsResult) -> tuple[PackageSummary, ...]:
    """Every package's answers over a sweep that ran the deals lens (its ``deals:`` columns)."""
    prefix = "deals:"
    columns = {k[len(prefix) :]: v for k, v in sweep.outputs.items() if k.startswith(prefix)}
    evaluated = package_draws_from_columns(
        columns,
        [p.id for p in nominal.packages],
        [p.name for p in nominal.packages],
        nominal.parties,
    )
    return summarize_packages(evaluated)


@dataclass(frozen=True)
class BestChange:
    """The single change to a package that raises its P(joint) most, on common draws."""

    package_id: str
    term: str | None  # None: the design changes
    before: float | None  # the term's value before (None for a design change)
    after: float | None
    design_before: str
    design_after: str
    p_joint_before: float
    p_joint_after: float
    draws: int

    @property
    def gain(self) -> float:
        return self.p_joint_after - self.p_joint_before


def best_change(
    scenario: Scenario, package_id: str, *, draws: int = 200, seed: int = 0, steps: int = 11
) -> BestChange:
    """Try each term of the package on ``steps`` values across its search range, and every
    other design, one change at a time, on the same ``draws`` draws; the best one."""
    from detente.deals.inputs import compile_inputs
    from detente.deals.packages import named_packages
    from detente.deals.search import best_single_change, search_box
    from detente.uncertainty.variants import VariantPlan, draw_columns, find_inputs, variants

    assert scenario.deals is not None
    inputs_found = find_inputs(scenario)
    common = (
        list(variants(scenario, VariantPlan(inputs_found), draw_columns(inputs_found, draws, seed)))
        if inputs_found
        else [nominal_scenario(scenario)]
    )
    inputs = compile_inputs(common)
    packages = named_packages(common, inputs)
    p = packages.ids.index(package_id)
    box = search_box(inputs, scenario.deals)
    change = best_single_change(
        inputs,
        packages.terms[0, p],
        int(packages.design[p]),
        box,
        None,
        steps=steps,
        fallback=int(packages.fallback[p]),
    )
    designs = [d.id for d in inputs.designs]
    k = inputs.terms.ids.index(change.term) if change.term else None
    return BestChange(
        package_id=package_id,
        term=change.term,
        before=None if k is None else float(packages.terms[0, p, k]),
        after=change.value,
        design_before=designs[int(packages.design[p])],
        design_after=designs[change.design],
        p_joint_before=change.p_joint_before,
        p_joint_after=change.p_joint_after,
        draws=inputs.draws,
    )


@dataclass(frozen=True)
class DealsBottomLine:
    """What ``detente analyze`` opens with: every package over the sweep's draws, the most
    robust one, and the single change that helps it most (None when not computed)."""

    packages: tuple[PackageSummary, ...]
    change: BestChange | None

    @property
    def best(self) -> PackageSummary:
        return max(self.packages, key=lambda p: p.p_joint)


def deals_bottom_line(
    scenario: Scenario, sweep: SweepResult, *, change_draws: int = 200
) -> DealsBottomLine | None:
    """The bottom line from a sweep that ran the deals lens (None if it did not, or the
    section has no package)."""
    if scenario.deals is None or not any(k.startswith("deals:") for k in sweep.outputs):
        return None
    nominal = assess_deals(nominal_scenario(scenario))
    packages = package_summaries(sweep, nominal)
    if not packages:
        return None
    best = max(packages, key=lambda p: p.p_joint)
    named = {p.id for p in scenario.deals.packages}
    change = (
        best_change(scenario, best.id, draws=change_draws, seed=sweep.seed)
        if change_draws > 0 and best.id in named
        else None
    )
    return DealsBottomLine(packages=packages, change=change)


def deal_sweep(
    scenario: Scenario,
    draws: int = DEFAULT_DEAL_DRAWS,
    *,
    seed: int = 0,
    executor: Executor | None = None,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> DealSweep:
    """Judge every package of ``scenario.deals`` over ``draws`` draws of its inputs."""
    if scenario.deals is None:
        raise InputError(
            f"scenario {scenario.id!r} has no `deals` section",
            hint="add one (see docs/deals.md) or choose another scenario",
        )
    nominal = assess_deals(nominal_scenario(scenario))
    result = run_sweep(
        scenario,
        draws,
        lenses=["deals"],
        seed=seed,
        executor=executor,
        workers=workers,
        progress=progress,
    )
    return DealSweep(nominal=nominal, packages=package_summaries(result, nominal), sweep=result)
