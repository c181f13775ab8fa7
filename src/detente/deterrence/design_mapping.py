"""From a guarantee design to the parameters of the deterrence games, one cited rule per feature.

Every design feature is one of three kinds (reference §7): a *payoff shifter* on the
guarantor's fight-versus-concede margin (legal form, obligation, automaticity, tripwire
casualties, exit clause: a reneging or audience cost ``a``), a *trigger* (a force on the ground
that makes an attack draw the guarantor in whatever it would choose, probability ``ρ``), or a
*capability shifter* (a denial-capable force lowering the challenger's war payoffs).

* Credibility (latent-margin form, reference §7 [der]): the guarantor's concede-versus-fight
  margin is ``m ~ N(μ, σ²)``; with reneging cost ``a`` it fights iff ``m + a > 0``, so
  ``pDef = Φ((μ + a)/σ)``. ``μ`` is set so that ``a = 0`` gives the alliance-reliability base
  rate ``b``: ``μ = σ Φ⁻¹(b)``. Tying hands raises ``a`` (Fearon 1994, *APSR* 88(3):577-592;
  1997, *JCR* 41(1):68-90; Tomz 2007, *International Organization* 61(4):821-840); legal
  obligation and precision raise the cost of non-compliance (Abbott, Keohane, Moravcsik,
  Slaughter & Snidal 2000, *International Organization* 54(3):401-419; Lipson 1991,
  *International Organization* 45(4):495-538).
* Trigger (Schelling 1966, *Arms and Influence*: the threat that leaves something to chance):
  ``q_eff = ρ + (1 - ρ) pDef``. Small tripwires rarely deter (Reiter & Poast 2021, *Texas
  National Security Review* 4(3):33-53), hence a small default ``ρ``.
* Capability: a denial-capable force lowers the challenger's conflict payoffs by a fraction
  ``s`` of the gap to the next-worse outcome, so the UDG orderings are preserved:
  ``cDD_hard -= s (cDD_hard - cCD)`` and ``cDD_soft`` by the same amount.

The default magnitudes in :data:`DEFAULT_RULES` are detente's assumptions (the literature
gives directions, not sizes); every one can be overridden per section or per design
(``rules:``), and the output always shows the prior, the result and the breakdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The standard normal's cdf and quantile as plain ufuncs (scipy.stats.norm computes the same
# values through ndtr/ndtri, with ~100x the per-call overhead that sweeps pay per draw).
import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr, ndtri

from detente.deterrence.udg import UDGParameters
from detente.scenario.guarantees_section import (
    ForcePosture,
    GuaranteeDesign,
    GuaranteesSection,
    MappingRules,
    ObligationKind,
)
from detente.scenario.legal_form import LegalForm
from detente.scenario.quantity import nominal

__all__ = [
    "DEFAULT_RULES",
    "RULE_SOURCES",
    "CostItem",
    "DesignParameters",
    "Rules",
    "exit_cost",
    "force_effects",
    "map_design",
    "reneging_cost_needed",
    "resolve_rules",
    "text_costs",
]


@dataclass(frozen=True)
class Rules:
    """The numeric rules of the mapping (reneging costs in units of σ)."""

    reneging_cost_legal_form: Mapping[LegalForm, float]
    reneging_cost_obligation: Mapping[ObligationKind, float]
    reneging_cost_automatic: float
    reneging_cost_tripwire: float
    reneging_cost_exit_at_will: float
    trigger_probability: Mapping[ForcePosture, float]
    trigger_full_size: float
    denial_payoff_shift: float
    denial_full_size: float


DEFAULT_RULES = Rules(
    reneging_cost_legal_form={
        LegalForm.POLITICAL_COMMITMENT: 0.0,
        LegalForm.SOLE_EXECUTIVE_AGREEMENT: 0.2,
        LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT: 0.4,
        LegalForm.ARTICLE_II_TREATY: 0.5,
    },
    reneging_cost_obligation={
        ObligationKind.CONSULTATION: 0.0,
        ObligationKind.ASSISTANCE: 0.2,
        ObligationKind.COLLECTIVE_DEFENCE: 0.4,
    },
    reneging_cost_automatic=0.3,
    reneging_cost_tripwire=0.1,
    reneging_cost_exit_at_will=-0.1,
    trigger_probability={ForcePosture.TRIPWIRE: 0.15, ForcePosture.DENIAL: 0.35},
    trigger_full_size=5_000.0,
    denial_payoff_shift=0.3,
    denial_full_size=60_000.0,
)
"""detente's default magnitudes; directions from the sources in :data:`RULE_SOURCES`."""

RULE_SOURCES: dict[str, str] = {
    "reneging_cost_legal_form": "Abbott et al. 2000 (legalization: obligation raises the cost "
    "of non-compliance); Lipson 1991 (informal agreements carry lower reputational stakes); "
    "Fearon 1997 (tying hands). Order treaty >= CEA >= sole executive agreement >= political "
    "commitment; sizes are assumptions.",
    "reneging_cost_obligation": "ATOP obligation types (Leeds et al. 2002); a defence "
    "obligation ties hands more than consultation (Fearon 1997); sizes are assumptions.",
    "reneging_cost_automatic": "Precision (Abbott et al. 2000): an automatic casus foederis "
    "leaves less room for a face-saving exit; size is an assumption.",
    "reneging_cost_tripwire": "Casualties among deployed forces raise the cost of staying out "
    "(Schelling 1966), modestly and uncertainly (Reiter & Poast 2021).",
    "reneging_cost_exit_at_will": "An exit on less than a year's notice lowers the cost of "
    "walking away (assumption).",
    "trigger_probability": "Schelling 1966 (the threat that leaves something to chance); "
    "Reiter & Poast 2021 (small tripwires rarely deter): small rho for a tripwire.",
    "denial_payoff_shift": "Reiter & Poast 2021: forces deter by shifting the local balance; "
    "modelled as lower challenger war payoffs (assumption on size).",
}


def resolve_rules(*overrides: MappingRules | None) -> Rules:
    """Defaults, then each override in turn (section, then design)."""
    values: dict[str, Any] = {
        name: getattr(DEFAULT_RULES, name) for name in DEFAULT_RULES.__dataclass_fields__
    }
    for override in overrides:
        if override is None:
            continue
        for name in values:
            given = getattr(override, name, None)
            if given is None:
                continue
            if isinstance(given, Mapping):
                merged = dict(values[name])
                merged.update({key: nominal(v) for key, v in given.items()})
                values[name] = merged
            else:
                values[name] = nominal(given)
    return Rules(**values)


@dataclass(frozen=True)
class CostItem:
    feature: str
    cost: float
    rule: str


@dataclass(frozen=True)
class DesignParameters:
    """A design mapped to the UDG: prior, result and every step in between."""

    design_id: str
    credibility_prior: float
    prior_preset: str | None  # the published base rate the prior is centred on, if a preset
    margin_sd: float
    reneging_costs: tuple[CostItem, ...]
    reneging_cost: float
    credibility: float  # pDef after the payoff shifters
    trigger_probability: float  # rho
    effective_credibility: float  # q_eff = rho + (1 - rho) pDef
    denial_shift: float
    udg: UDGParameters  # with pDef = q_eff and the shifted challenger payoffs
    rules: Rules = field(repr=False)


def credibility_from_cost(base_rate: float, cost: float, sd: float) -> float:
    """pDef = Φ(Φ⁻¹(b) + a/σ) (latent-margin form, reference §7)."""
    return float(ndtr(ndtri(base_rate) + cost / sd))


def reneging_cost_needed(target: float, base_rate: float, sd: float, rho: float) -> float:
    """Smallest reneging cost a >= 0 with q_eff >= target (0 if already met, inf if never)."""
    if target <= rho:
        return 0.0
    if rho >= 1.0:
        return 0.0
    p_needed = (target - rho) / (1.0 - rho)
    if p_needed >= 1.0:
        return float("inf")
    return max(0.0, float(sd * (ndtri(p_needed) - ndtri(base_rate))))


def text_costs(rules: Rules, design: GuaranteeDesign) -> list[CostItem]:
    """The reneging costs the design's text sets: legal form, obligation, automaticity."""
    items = [
        CostItem(
            f"legal form: {design.legal_form.value}",
            rules.reneging_cost_legal_form[design.legal_form],
            RULE_SOURCES["reneging_cost_legal_form"],
        ),
        CostItem(
            f"obligation: {design.obligation.kind.value}",
            rules.reneging_cost_obligation[design.obligation.kind],
            RULE_SOURCES["reneging_cost_obligation"],
        ),
    ]
    if design.obligation.automatic:
        items.append(
            CostItem(
                "automatic casus foederis",
                rules.reneging_cost_automatic,
                RULE_SOURCES["reneging_cost_automatic"],
            )
        )
    return items


def exit_cost(rules: Rules, design: GuaranteeDesign) -> CostItem | None:
    """The (negative) reneging cost of an exit clause on less than a year's notice, if any."""
    notice = design.duration.exit_notice_years if design.duration is not None else None
    if notice is None or nominal(notice) >= 1.0:
        return None
    return CostItem(
        "exit at will (notice under a year)",
        rules.reneging_cost_exit_at_will,
        RULE_SOURCES["reneging_cost_exit_at_will"],
    )


def force_effects(
    posture: ForcePosture,
    size: ArrayLike,
    *,
    trigger_probability: ArrayLike,
    trigger_full_size: ArrayLike,
    tripwire_cost: ArrayLike,
    denial_shift: ArrayLike,
    denial_full_size: ArrayLike,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """(ρ, tripwire reneging cost, denial payoff shift) of a force of ``size`` (broadcasting).

    ρ = ρ_posture · min(1, size / trigger_full_size) (Schelling 1966); the tripwire's reneging
    cost scales the same way (casualties among deployed forces raise the cost of staying out);
    a denial-capable force lowers the challenger's war payoffs by denial_shift · min(1, size /
    denial_full_size) of the gap to backing down (Reiter & Poast 2021).
    """
    n = np.asarray(size, dtype=float)
    scale = np.minimum(1.0, n / np.asarray(trigger_full_size, dtype=float))
    rho = np.asarray(trigger_probability, dtype=float) * scale
    cost = np.asarray(tripwire_cost, dtype=float) * scale  # zero for an empty force
    shift = (
        np.asarray(denial_shift, dtype=float)
        * np.minimum(1.0, n / np.asarray(denial_full_size, dtype=float))
        if posture is ForcePosture.DENIAL
        else np.zeros_like(rho)
    )
    return (
        np.asarray(rho, dtype=float),
        np.asarray(cost, dtype=float),
        np.asarray(np.broadcast_to(shift, rho.shape), dtype=float),
    )


def map_design(section: GuaranteesSection, design: GuaranteeDesign) -> DesignParameters:
    """Map one design to UDG parameters under the section's and design's rules."""
    rules = resolve_rules(section.rules, design.rules)
    a = section.resolved_assumptions(design)
    assert a.credibility_base_rate.value is not None  # the model validator guarantees it
    base = nominal(a.credibility_base_rate.value)
    preset = a.credibility_base_rate.preset
    sd = nominal(a.margin_sd.value)
    items = text_costs(rules, design)
    rho = 0.0
    shift = 0.0
    forces = design.forces
    if forces is not None:
        size = nominal(forces.size)
        rho_a, cost_a, shift_a = force_effects(
            forces.posture,
            size,
            trigger_probability=rules.trigger_probability[forces.posture],
            trigger_full_size=rules.trigger_full_size,
            tripwire_cost=rules.reneging_cost_tripwire,
            denial_shift=rules.denial_payoff_shift,
            denial_full_size=rules.denial_full_size,
        )
        rho, shift = float(rho_a), float(shift_a)
        if forces.posture is ForcePosture.TRIPWIRE or size > 0:
            items.append(
                CostItem(
                    f"forces on the ground ({forces.posture.value}, {size:,.0f})",
                    float(cost_a),
                    RULE_SOURCES["reneging_cost_tripwire"],
                )
            )
    exit_item = exit_cost(rules, design)
    if exit_item is not None:
        items.append(exit_item)
    cost = max(0.0, sum(i.cost for i in items))
    p_def = credibility_from_cost(base, cost, sd)
    q_eff = rho + (1.0 - rho) * p_def
    cp, dp = a.challenger_payoffs, a.defender_payoffs
    c_cd, c_dd_hard, c_dd_soft = nominal(cp.CD), nominal(cp.DD_hard), nominal(cp.DD_soft)
    drop = shift * (c_dd_hard - c_cd)
    udg = UDGParameters(
        pCh=nominal(a.challenger_hard.value),
        pDef=q_eff,
        cSQ=nominal(cp.SQ),
        cDC=nominal(cp.DC),
        cCD=c_cd,
        cDD_hard=c_dd_hard - drop,
        cDD_soft=c_dd_soft - drop,
        dSQ=nominal(dp.SQ),
        dDC=nominal(dp.DC),
        dCD=nominal(dp.CD),
        dDD_hard=nominal(dp.DD_hard),
        dDD_soft=nominal(dp.DD_soft),
    )
    return DesignParameters(
        design_id=design.id,
        credibility_prior=base,
        prior_preset=None if preset is None else preset.value,
        margin_sd=sd,
        reneging_costs=tuple(items),
        reneging_cost=cost,
        credibility=p_def,
        trigger_probability=rho,
        effective_credibility=q_eff,
        denial_shift=shift,
        udg=udg,
        rules=rules,
    )
