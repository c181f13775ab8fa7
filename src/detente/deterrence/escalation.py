"""Escalation view of each guarantee design: the Asymmetric Escalation Game (AEG).

Zagare & Kilgour (1995, *World Politics* 47(3):373-417; 2000, ch. 6-9). The tactical level is
the force on the ground meeting a limited attack in kind (the European-led force in the shipped
scenario), the strategic level the strategic guarantor escalating (the United States). Mapping:

* strategic credibility = the guarantor's credibility after its commitments (legal form,
  obligation, automaticity: :func:`detente.deterrence.design_mapping.map_design`, before the
  forces' trigger, which the tactical level now represents explicitly);
* tactical credibility = ``tactical_credibility_with_force`` if the design deploys forces, else
  ``tactical_credibility_without_force`` (assumptions of the scenario);
* the two are treated as independent: pHH = t·s, pHS = t(1-s), pSH = (1-t)s, pSS = (1-t)(1-s),
  clipped to [1e-4, 1] and renormalised because the AEG needs every type possible.

The AEG is solved numerically (logit-QRE limit), ~1-3 s per design, so this view is computed on
request (``detente deter --escalation``), not inside the lens that uncertainty sweeps call.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.deterrence.aeg import AEGParameters, AEGSolution, solve_aeg
from detente.deterrence.design_mapping import map_design
from detente.errors import InputError
from detente.scenario.guarantees_section import GuaranteeDesign, GuaranteesSection
from detente.scenario.model import Scenario
from detente.scenario.quantity import nominal

__all__ = ["EscalationAssessment", "assess_escalation", "escalation_parameters"]

_FLOOR = 1e-4


@dataclass(frozen=True)
class EscalationAssessment:
    design_id: str
    name: str
    tactical_credibility: float
    strategic_credibility: float
    solution: AEGSolution


def escalation_parameters(
    section: GuaranteesSection, design: GuaranteeDesign
) -> AEGParameters | None:
    """AEG parameters of a design, or None if the scenario gives no escalation assumptions."""
    a = section.resolved_assumptions(design)
    esc = a.escalation
    if esc is None:
        return None
    strategic = map_design(section, design).credibility
    tactical = nominal(
        esc.tactical_credibility_with_force.value
        if design.forces is not None
        else esc.tactical_credibility_without_force.value
    )
    joint = {
        "pHH": tactical * strategic,
        "pHS": tactical * (1 - strategic),
        "pSH": (1 - tactical) * strategic,
        "pSS": (1 - tactical) * (1 - strategic),
    }
    joint = {k: max(v, _FLOOR) for k, v in joint.items()}
    total = sum(joint.values())
    joint = {k: v / total for k, v in joint.items()}
    joint["pSS"] = 1.0 - joint["pHH"] - joint["pHS"] - joint["pSH"]
    c, d = esc.challenger_payoffs, esc.defender_payoffs
    return AEGParameters(
        pCh=nominal(a.challenger_hard.value),
        **joint,
        cSQ=nominal(c.SQ),
        cDC=nominal(c.DC),
        cDD=nominal(c.DD),
        cED=nominal(c.ED),
        cDE=nominal(c.DE),
        cEE_hard=nominal(c.EE_hard),
        cEE_soft=nominal(c.EE_soft),
        dSQ=nominal(d.SQ),
        dDC=nominal(d.DC),
        dDD_hard=nominal(d.DD_hard),
        dDD_soft=nominal(d.DD_soft),
        dDE=nominal(d.DE),
        dED=nominal(d.ED),
        dEE_hard=nominal(d.EE_hard),
        dEE_soft=nominal(d.EE_soft),
    )


def assess_escalation(
    scenario: Scenario, design_ids: tuple[str, ...] | None = None
) -> tuple[EscalationAssessment, ...]:
    """Solve the AEG for the scenario's designs (all, or those named)."""
    section = scenario.guarantees
    if section is None:
        raise InputError(f"scenario {scenario.id!r} has no guarantees section")
    out = []
    for design in section.designs:
        if design_ids is not None and design.id not in design_ids:
            continue
        params = escalation_parameters(section, design)
        if params is None:
            raise InputError(
                f"design {design.id!r} has no escalation assumptions",
                hint="add guarantees.assumptions.escalation (AEG payoffs and tactical "
                "credibility); see docs/deterrence.md",
            )
        out.append(
            EscalationAssessment(
                design.id,
                design.name,
                params.tactical_credibility,
                params.strategic_credibility,
                solve_aeg(params),
            )
        )
    return tuple(out)
