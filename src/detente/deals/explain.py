"""Sentences about deal packages: the bottom line, binding constraints, margins.

The engine returns numbers (:mod:`detente.deals.summary`); this module words them, for the
terminal, the report and the web app alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from detente.deals.result import PackageOutcome
from detente.deals.summary import Binding, Margin, PackageSummary

__all__ = [
    "binding_text",
    "bottom_line",
    "change_text",
    "condition_label",
    "interval_text",
    "margin_text",
    "most_robust",
    "package_sentence",
]


def condition_label(condition: str, parties: Mapping[str, str] | None = None) -> str:
    """``accept.RUS`` -> "Russia's acceptance"; ``ratify`` -> "ratification"; ..."""
    if condition.startswith("accept."):
        who = condition.split(".", 1)[1]
        name = (parties or {}).get(who, who)
        return f"{name}' acceptance" if name.endswith("s") else f"{name}'s acceptance"
    return {"ratify": "ratification", "deter": "deterrence"}.get(condition, condition)


def interval_text(interval: tuple[float, float], digits: int = 2) -> str:
    return f"{interval[0]:.{digits}f}–{interval[1]:.{digits}f}"


def binding_text(binding: Binding | None, parties: Mapping[str, str] | None = None) -> str:
    if binding is None:
        return "never fails in these draws"
    return (
        f"{condition_label(binding.condition, parties)} "
        f"(fails in {binding.share_of_failures:.0%} of the package's failures)"
    )


def margin_text(margin: Margin, digits: int = 3) -> str:
    flag = " — near threshold" if margin.near_threshold else ""
    return f"{margin.mean:+.{digits}f} [{margin.p5:+.{digits}f}, {margin.p95:+.{digits}f}]{flag}"


def most_robust(packages: Sequence[PackageSummary]) -> PackageSummary | None:
    """The package with the highest P(joint) (the first on ties)."""
    if not packages:
        return None
    return max(packages, key=lambda p: p.p_joint)


def bottom_line(
    packages: Sequence[PackageSummary],
    parties: Mapping[str, str] | None = None,
    change: str | None = None,
) -> str:
    """One paragraph: which package is most likely to work, with its interval, what breaks it
    most often, and (when given) the single change that would help most."""
    best = most_robust(packages)
    if best is None:
        return "No deal packages are defined."
    draws = best.draws
    text = (
        f"Most likely to work: {best.name} — P(accepted by all, in force and deterring) = "
        f"{best.p_joint:.2f} (5–95 % over the inputs {interval_text(best.intervals['joint'])}; "
        f"{draws:,} draws)."
    )
    if best.binding is not None:
        text += f" What breaks it most often: {binding_text(best.binding, parties)}."
    near = [p for p, m in best.surplus.items() if m.near_threshold]
    if near:
        names = ", ".join((parties or {}).get(p, p) for p in near)
        text += f" Near threshold for {names}: the surplus over war could go either way."
    if change:
        text += f" {change}"
    ranked = sorted(packages, key=lambda p: -p.p_joint)
    if len(ranked) > 1:
        runner = ranked[1]
        text += f" Next: {runner.name} ({runner.p_joint:.2f})."
    return text


def package_sentence(outcome: PackageOutcome, parties: Mapping[str, str] | None = None) -> str:
    """One package in one draw, in words: who accepts, ratification, deterrence."""
    names = parties or {}
    sides = "; ".join(
        f"{names.get(p, p)} {'accepts' if outcome.accept[p] else 'rejects'} "
        f"(surplus over war {s:+.3f})"
        for p, s in outcome.surplus.items()
    )
    fallback = f", or its fallback {outcome.fallback_design}," if outcome.fallback_design else ""
    return (
        f"{outcome.name}: {sides}. The design {outcome.design}{fallback} is in force with "
        f"probability {outcome.p_ratify:.2f} and deters a renewed attack with probability "
        f"{outcome.p_deter:.2f} (credibility margin {outcome.credibility_margin:+.3f}); "
        f"P(joint) = {outcome.p_joint:.2f}."
    )


def change_text(
    term: str | None,
    before: float | None,
    after: float | None,
    design_before: str,
    design_after: str,
    p_before: float,
    p_after: float,
    draws: int,
    labels: Mapping[str, str] | None = None,
) -> str:
    """'The single change that would help most: ...' (or that none helps)."""
    if p_after <= p_before + 1e-9:
        return "No single change of one term or of the design raises P(joint) on these draws."
    if term is None:
        what = f"switching the design from {design_before} to {design_after}"
    else:
        label = (labels or {}).get(term, term)
        what = f"moving {label} from {before:g} to {after:g}"
    return (
        f"The single change that would help most: {what}, which lifts P(joint) from "
        f"{p_before:.2f} to {p_after:.2f} (same {draws:,} draws)."
    )
