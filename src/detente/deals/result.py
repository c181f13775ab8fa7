"""The deals lens's results: numbers only (the presenter turns them into sentences)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

__all__ = ["DealsResult", "FairDivisionOutcome", "PackageOutcome", "TermInfo"]


@dataclass(frozen=True)
class TermInfo:
    """One package dimension: an issue of the bargaining section and its scale."""

    id: str
    label: str
    low: float
    high: float
    units: str


@dataclass(frozen=True)
class PackageOutcome:
    """One package in one draw of the inputs (a single analysis: the nominal draw).

    ``surplus[party]`` is the party's utility of the package minus its reservation (utility of
    continued war minus its cost of war); ``accept[party]`` whether it is not negative;
    ``p_ratify`` the probability that a design is in force (its ratification, or its fallback
    design when it fails), ``p_deter`` the probability that the design in force deters a
    renewed attack, ``p_joint`` their product with every acceptance; ``credibility_margin``
    the design's effective credibility minus the credibility that deters every challenger.
    """

    id: str
    name: str
    design: str
    fallback_design: str | None
    proposed: dt.date | None
    terms: dict[str, float]
    surplus: dict[str, float]
    accept: dict[str, bool]
    p_ratify: float
    p_deter: float
    p_joint: float
    credibility_margin: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "design": self.design,
            "fallback_design": self.fallback_design,
            "proposed": self.proposed.isoformat() if self.proposed else None,
            "terms": dict(self.terms),
            "surplus": dict(self.surplus),
            "accept": dict(self.accept),
            "p_ratify": self.p_ratify,
            "p_deter": self.p_deter,
            "p_joint": self.p_joint,
            "credibility_margin": self.credibility_margin,
        }


@dataclass(frozen=True)
class FairDivisionOutcome:
    """An Adjusted Winner division (Brams & Taylor 1996) and the package it gives."""

    method: str
    parties: tuple[str, str]
    points: dict[str, dict[str, float]]
    allocation: dict[str, dict[str, float]]
    totals: dict[str, float]
    split_issue: str | None
    split_fraction: float | None
    package_id: str

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "parties": list(self.parties),
            "points": {k: dict(v) for k, v in self.points.items()},
            "allocation": {k: dict(v) for k, v in self.allocation.items()},
            "points_total": dict(self.totals),
            "split_issue": self.split_issue,
            "split_fraction": self.split_fraction,
            "package": self.package_id,
        }


@dataclass(frozen=True)
class DealsResult:
    """Every package judged in one draw, the parties' disagreement utilities and the terms."""

    scenario_id: str
    version: str
    terms: tuple[TermInfo, ...]
    parties: tuple[str, ...]
    disagreement: dict[str, float]
    packages: tuple[PackageOutcome, ...]
    fair_division: FairDivisionOutcome | None

    def package(self, package_id: str) -> PackageOutcome:
        for package in self.packages:
            if package.id == package_id:
                return package
        raise KeyError(package_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id,
            "version": self.version,
            "terms": [t.__dict__ for t in self.terms],
            "parties": list(self.parties),
            "disagreement": dict(self.disagreement),
            "packages": [p.to_json() for p in self.packages],
            "fair_division": None if self.fair_division is None else self.fair_division.to_json(),
        }
