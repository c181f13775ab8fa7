"""``assess_deals``: judge every package of a scenario's ``deals`` section in one draw, and
``evaluate_draws``: the same for many draws at once (what sweeps and the search call).

References: Fearon (1995) for the reservation; Zagare & Kilgour (2000) for the deterrence
game and the links; the ratification lens for the vote; Brams & Taylor (1996) for the fair
division (see :mod:`detente.deals.evaluate` for how the factors join).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from detente import __version__
from detente.deals.evaluate import PackageDraws, evaluate_packages
from detente.deals.inputs import DealInputs, compile_inputs
from detente.deals.packages import FAIR_DIVISION_ID, FairDivisionDraws, named_packages
from detente.deals.result import DealsResult, FairDivisionOutcome, PackageOutcome, TermInfo
from detente.deals.utility import war_utility
from detente.scenario.model import Scenario

__all__ = ["assess_deals", "draw_summaries", "evaluate_draws"]


def evaluate_draws(draws: Sequence[Scenario]) -> tuple[DealInputs, PackageDraws]:
    """Every package's factors in every draw (``draws``: variants of one scenario)."""
    inputs = compile_inputs(draws)
    return inputs, evaluate_packages(inputs, named_packages(draws, inputs))


def draw_summaries(evaluated: PackageDraws) -> list[dict[str, float]]:
    """The lens summary of each draw: ``p_joint.<package>``, ``p_deter.<package>``,
    ``p_ratify.<package>``, ``credibility_margin.<package>``, ``accept.<package>.<party>``
    (0 or 1) and ``surplus.<package>.<party>``."""
    columns: dict[str, np.ndarray] = {}
    for p, pid in enumerate(evaluated.package_ids):
        columns[f"p_joint.{pid}"] = evaluated.p_joint[:, p]
        columns[f"p_deter.{pid}"] = evaluated.p_deter[:, p]
        columns[f"p_ratify.{pid}"] = evaluated.p_ratify[:, p]
        columns[f"credibility_margin.{pid}"] = evaluated.credibility_margin[:, p]
        for i, party in enumerate(evaluated.party_ids):
            columns[f"accept.{pid}.{party}"] = (evaluated.surplus[:, p, i] >= 0).astype(float)
            columns[f"surplus.{pid}.{party}"] = evaluated.surplus[:, p, i]
    keys = list(columns)
    stacked = (
        np.column_stack([columns[k] for k in keys]) if keys else np.zeros((evaluated.draws, 0))
    )
    return [dict(zip(keys, map(float, row), strict=True)) for row in stacked]


def _fair_division(scenario: Scenario, inputs: DealInputs) -> FairDivisionOutcome | None:
    from detente.deals.packages import division_points, fair_division_draws

    assert scenario.deals is not None
    fair: FairDivisionDraws | None = fair_division_draws(inputs, scenario.deals, 0)
    if fair is None or scenario.deals.fair_division is None:
        return None
    division = fair.divisions[0]
    parties = {p.actor: p for p in inputs.parties}
    return FairDivisionOutcome(
        method=fair.method,
        parties=fair.parties,
        points={
            who: division_points(scenario.deals.fair_division, parties[who], inputs.terms.ids, 0)
            for who in fair.parties
        },
        allocation=division.allocation(),
        totals=dict(division.points),
        split_issue=division.split_issue,
        split_fraction=division.split_fraction,
        package_id=FAIR_DIVISION_ID,
    )


def assess_deals(scenario: Scenario) -> DealsResult:
    """Judge every package of ``scenario.deals`` at the scenario's values as given (a single
    analysis: pass the nominal scenario; the uncertainty layer passes drawn variants).

    Each party accepts or not (0/1), and the probabilities of ratification and deterrence are
    those of the draw, so P(joint) is the AND of the acceptances times the two probabilities.
    """
    inputs, evaluated = evaluate_draws([scenario])
    assert scenario.deals is not None
    section = scenario.deals
    by_id = {p.id: p for p in section.packages}
    designs = [d.id for d in inputs.designs]
    packages = named_packages([scenario], inputs)
    outcomes = []
    for p, pid in enumerate(evaluated.package_ids):
        named = by_id.get(pid)
        surplus = {
            party: float(evaluated.surplus[0, p, i]) for i, party in enumerate(evaluated.party_ids)
        }
        outcomes.append(
            PackageOutcome(
                id=pid,
                name=evaluated.package_names[p],
                design=designs[int(packages.design[p])],
                fallback_design=named.fallback_design if named else None,
                proposed=named.proposed if named else None,
                terms={t: float(packages.terms[0, p, k]) for k, t in enumerate(inputs.terms.ids)},
                surplus=surplus,
                accept={party: s >= 0.0 for party, s in surplus.items()},
                p_ratify=float(evaluated.p_ratify[0, p]),
                p_deter=float(evaluated.p_deter[0, p]),
                p_joint=float(evaluated.p_joint[0, p]),
                credibility_margin=float(evaluated.credibility_margin[0, p]),
            )
        )
    terms = inputs.terms
    return DealsResult(
        scenario_id=scenario.id,
        version=__version__,
        terms=tuple(
            TermInfo(t, terms.labels[k], float(terms.low[k]), float(terms.high[k]), terms.units[k])
            for k, t in enumerate(terms.ids)
        ),
        parties=evaluated.party_ids,
        disagreement={p.actor: float(war_utility(p, terms)[0]) for p in inputs.parties},
        packages=tuple(outcomes),
        fair_division=_fair_division(scenario, inputs),
    )
