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

__all__ = ["DEFAULT_DEAL_DRAWS", "DealSweep", "deal_sweep"]

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
    prefix = "deals:"
    columns = {k[len(prefix) :]: v for k, v in result.outputs.items() if k.startswith(prefix)}
    evaluated = package_draws_from_columns(
        columns,
        [p.id for p in nominal.packages],
        [p.name for p in nominal.packages],
        nominal.parties,
    )
    return DealSweep(nominal=nominal, packages=summarize_packages(evaluated), sweep=result)
