"""Deals lens: which package of terms would work — accepted by every party over continued
war, in force, and deterring a renewed attack — draw by draw over the uncertain inputs.

Engines (pure functions returning frozen, numbers-only results):

- :func:`assess_deals`: every package of a scenario's ``deals`` section in one draw
  (:class:`DealsResult`); :func:`evaluate_draws` for many draws at once;
- :func:`summarize_packages`: a package's answers over draws (:class:`PackageSummary`, with
  intervals, margins and the binding constraint; ``.to_frame()``);
- search (:mod:`detente.deals.search`): candidates on common draws, the frontier, the Nash and
  Kalai-Smorodinsky candidates, the nearest acceptable package;
- fair division and bargaining solutions: :func:`adjusted_winner` (Brams & Taylor 1996),
  :func:`nash_solution` (Nash 1950), :func:`kalai_smorodinsky` (Kalai & Smorodinsky 1975),
  :func:`bargaining_range` (Fearon 1995).

Over many draws, use :func:`detente.uncertainty.deal_sweep` and
:func:`detente.uncertainty.run_search`; the sentences are in :mod:`detente.deals.explain`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente._exports import lazy_exports

_EXPORTS = {
    "DealsLens": ".lens",
    "DealsResult": ".result",
    "FairDivisionOutcome": ".result",
    "PackageOutcome": ".result",
    "assess_deals": ".engine",
    "evaluate_draws": ".engine",
    "PackageDraws": ".evaluate",
    "evaluate_packages": ".evaluate",
    "AdjustedWinner": ".fair_division",
    "adjusted_winner": ".fair_division",
    "bargaining_range": ".fair_division",
    "kalai_smorodinsky": ".fair_division",
    "nash_solution": ".fair_division",
    "pareto_front": ".fair_division",
    "Binding": ".summary",
    "Margin": ".summary",
    "PackageSummary": ".summary",
    "summarize_packages": ".summary",
}

if TYPE_CHECKING:
    from detente.deals.engine import assess_deals, evaluate_draws
    from detente.deals.evaluate import PackageDraws, evaluate_packages
    from detente.deals.fair_division import (
        AdjustedWinner,
        adjusted_winner,
        bargaining_range,
        kalai_smorodinsky,
        nash_solution,
        pareto_front,
    )
    from detente.deals.lens import DealsLens
    from detente.deals.result import DealsResult, FairDivisionOutcome, PackageOutcome
    from detente.deals.summary import Binding, Margin, PackageSummary, summarize_packages

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "AdjustedWinner",
    "Binding",
    "DealsLens",
    "DealsResult",
    "FairDivisionOutcome",
    "Margin",
    "PackageDraws",
    "PackageOutcome",
    "PackageSummary",
    "adjusted_winner",
    "assess_deals",
    "bargaining_range",
    "evaluate_draws",
    "evaluate_packages",
    "kalai_smorodinsky",
    "nash_solution",
    "pareto_front",
    "summarize_packages",
]
