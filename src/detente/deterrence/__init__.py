"""Deterrence lens: how credible a security guarantee is and whether it deters a renewed attack.

Engines (pure functions returning frozen, numbers-only results), in the line of Zagare &
Kilgour's perfect deterrence theory (*Perfect Deterrence*, Cambridge UP, 2000):

- :func:`assess_designs`: every guarantee design of a scenario mapped to the Unilateral
  Deterrence Game and solved (:class:`GuaranteeAssessment`, ``.to_frame()``);
- :func:`solve_udg`, :func:`solve_radg`, :func:`solve_aeg`, :func:`solve_tripartite`: the
  closed-form and numerical solutions of the Unilateral and Rational Asymmetric Deterrence
  Games, the Asymmetric Escalation Game and the tripartite (extended) deterrence game;
- :func:`map_design`: a design's legal form, obligation and forces mapped to the game's
  parameters; :func:`assess_escalation` for designs with escalation assumptions;
- :func:`compile_game`, :func:`enumerate_pure_equilibria`, :func:`trace_logit_qre`: a general
  extensive-form solver (a second method for every closed form), :func:`to_efg` writes a
  game in Gambit's format.

The sentences that explain these results live in :mod:`detente.deterrence.explain`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente._exports import lazy_exports

_EXPORTS = {
    "AEGParameters": ".aeg",
    "AEGSolution": ".aeg",
    "aeg_game": ".aeg",
    "solve_aeg": ".aeg",
    "DesignAssessment": ".assessment",
    "GuaranteeAssessment": ".assessment",
    "assess_designs": ".assessment",
    "CostItem": ".design_mapping",
    "DEFAULT_RULES": ".design_mapping",
    "DesignParameters": ".design_mapping",
    "RULE_SOURCES": ".design_mapping",
    "Rules": ".design_mapping",
    "map_design": ".design_mapping",
    "reneging_cost_needed": ".design_mapping",
    "resolve_rules": ".design_mapping",
    "to_efg": ".efg",
    "EscalationAssessment": ".escalation",
    "assess_escalation": ".escalation",
    "escalation_parameters": ".escalation",
    "Chance": ".extensive",
    "CompiledGame": ".extensive",
    "Decision": ".extensive",
    "PureEquilibrium": ".extensive",
    "QREPoint": ".extensive",
    "Terminal": ".extensive",
    "compile_game": ".extensive",
    "enumerate_pure_equilibria": ".extensive",
    "trace_logit_qre": ".extensive",
    "radg_game": ".games",
    "udg_game": ".games",
    "DeterrenceLens": ".lens",
    "RADGParameters": ".radg",
    "RADGSolution": ".radg",
    "radg_region_map": ".radg",
    "solve_radg": ".radg",
    "OUTCOMES": ".tripartite",
    "TripartiteParameters": ".tripartite",
    "TripartiteSolution": ".tripartite",
    "solve_tripartite": ".tripartite",
    "tripartite_game": ".tripartite",
    "CHALLENGER_ORDER": ".udg",
    "DEFENDER_ORDER": ".udg",
    "PARAMETERS": ".udg",
    "REGIONS": ".udg",
    "UDGParameters": ".udg",
    "UDGRegionMap": ".udg",
    "UDGSolution": ".udg",
    "check_udg_parameters": ".udg",
    "solve_udg": ".udg",
    "udg_region_map": ".udg",
}

if TYPE_CHECKING:
    from detente.deterrence.aeg import (
        AEGParameters,
        AEGSolution,
        aeg_game,
        solve_aeg,
    )
    from detente.deterrence.assessment import (
        DesignAssessment,
        GuaranteeAssessment,
        assess_designs,
    )
    from detente.deterrence.design_mapping import (
        DEFAULT_RULES,
        RULE_SOURCES,
        CostItem,
        DesignParameters,
        Rules,
        map_design,
        reneging_cost_needed,
        resolve_rules,
    )
    from detente.deterrence.efg import (
        to_efg,
    )
    from detente.deterrence.escalation import (
        EscalationAssessment,
        assess_escalation,
        escalation_parameters,
    )
    from detente.deterrence.extensive import (
        Chance,
        CompiledGame,
        Decision,
        PureEquilibrium,
        QREPoint,
        Terminal,
        compile_game,
        enumerate_pure_equilibria,
        trace_logit_qre,
    )
    from detente.deterrence.games import (
        radg_game,
        udg_game,
    )
    from detente.deterrence.lens import (
        DeterrenceLens,
    )
    from detente.deterrence.radg import (
        RADGParameters,
        RADGSolution,
        radg_region_map,
        solve_radg,
    )
    from detente.deterrence.tripartite import (
        OUTCOMES,
        TripartiteParameters,
        TripartiteSolution,
        solve_tripartite,
        tripartite_game,
    )
    from detente.deterrence.udg import (
        CHALLENGER_ORDER,
        DEFENDER_ORDER,
        PARAMETERS,
        REGIONS,
        UDGParameters,
        UDGRegionMap,
        UDGSolution,
        check_udg_parameters,
        solve_udg,
        udg_region_map,
    )

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "CHALLENGER_ORDER",
    "DEFAULT_RULES",
    "DEFENDER_ORDER",
    "OUTCOMES",
    "PARAMETERS",
    "REGIONS",
    "RULE_SOURCES",
    "AEGParameters",
    "AEGSolution",
    "Chance",
    "CompiledGame",
    "CostItem",
    "Decision",
    "DesignAssessment",
    "DesignParameters",
    "DeterrenceLens",
    "EscalationAssessment",
    "GuaranteeAssessment",
    "PureEquilibrium",
    "QREPoint",
    "RADGParameters",
    "RADGSolution",
    "Rules",
    "Terminal",
    "TripartiteParameters",
    "TripartiteSolution",
    "UDGParameters",
    "UDGRegionMap",
    "UDGSolution",
    "aeg_game",
    "assess_designs",
    "assess_escalation",
    "check_udg_parameters",
    "compile_game",
    "enumerate_pure_equilibria",
    "escalation_parameters",
    "map_design",
    "radg_game",
    "radg_region_map",
    "reneging_cost_needed",
    "resolve_rules",
    "solve_aeg",
    "solve_radg",
    "solve_tripartite",
    "solve_udg",
    "to_efg",
    "trace_logit_qre",
    "tripartite_game",
    "udg_game",
    "udg_region_map",
]
