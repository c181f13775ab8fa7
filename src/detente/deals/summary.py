"""Summarise a package's factors over the draws: probabilities, intervals, margins, binding.

* A party's acceptance is 0 or 1 in each draw, so P(accept) is a share of draws; its interval
  is the Wilson score interval at 90 % (5 % to 95 %; Wilson 1927), which measures how well the
  draws pin the share down.
* P(ratified), P(deters) and P(joint) are probabilities in each draw; their headline is the
  mean over draws and their interval the 5-95 % quantiles of the per-draw values: the spread
  that the uncertain inputs alone produce.
* Each party's surplus over its reservation is a threshold verdict: its mean, its 5-95 %
  quantiles and a "near threshold" flag when that interval contains 0. Likewise the design's
  credibility margin (effective credibility minus what deters every challenger).
* The binding constraint: every condition (each party's acceptance, ratification,
  deterrence) fails in a draw with probability 1 − its factor; each such failure sinks the
  package, so P(condition fails) / P(package fails) is the share of the package's failures in
  which that condition fails (each computed as if the others held). The largest is binding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from detente.deals.evaluate import PackageDraws
from detente.statistics import Z_90, quantile_interval, wilson_interval

__all__ = [
    "Binding",
    "Margin",
    "PackageSummary",
    "package_draws_from_columns",
    "summarize_packages",
]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Margin:
    """A threshold verdict's margin over the draws (mean, 5 % and 95 % quantiles)."""

    mean: float
    p5: float
    p95: float

    @property
    def near_threshold(self) -> bool:
        """The 5-95 % interval contains 0: the verdict could go either way."""
        return bool(self.p5 <= 0.0 <= self.p95)

    @classmethod
    def of(cls, values: Array) -> Margin:
        lo, hi = quantile_interval(values)
        return cls(float(np.mean(values)), lo, hi)


@dataclass(frozen=True)
class Binding:
    """The condition that fails most often, and every condition's share of failures."""

    condition: str
    share_of_failures: float
    shares: dict[str, float]


@dataclass(frozen=True)
class PackageSummary:
    """One package's answers over ``draws`` draws (numbers only; prose in the presenter)."""

    id: str
    name: str
    draws: int
    p_accept: dict[str, float]
    p_ratify: float
    p_deter: float
    p_joint: float
    intervals: dict[str, tuple[float, float]]
    interval_kind: dict[str, str]
    surplus: dict[str, Margin]
    credibility_margin: Margin
    binding: Binding | None

    @property
    def p_fail(self) -> float:
        return 1.0 - self.p_joint

    def to_frame(self) -> Any:
        """A :class:`pandas.DataFrame`, one row per answer: its value, interval and kind."""
        import pandas as pd

        rows = [
            {
                "answer": f"accept.{p}",
                "value": v,
                "low": self.intervals[f"accept.{p}"][0],
                "high": self.intervals[f"accept.{p}"][1],
                "kind": self.interval_kind[f"accept.{p}"],
            }
            for p, v in self.p_accept.items()
        ]
        for name, value in (
            ("ratify", self.p_ratify),
            ("deter", self.p_deter),
            ("joint", self.p_joint),
        ):
            low, high = self.intervals[name]
            rows.append(
                {
                    "answer": name,
                    "value": value,
                    "low": low,
                    "high": high,
                    "kind": self.interval_kind[name],
                }
            )
        for party, m in self.surplus.items():
            rows.append(
                {
                    "answer": f"surplus.{party}",
                    "value": m.mean,
                    "low": m.p5,
                    "high": m.p95,
                    "kind": "quantiles_5_95",
                }
            )
        m = self.credibility_margin
        rows.append(
            {
                "answer": "credibility_margin",
                "value": m.mean,
                "low": m.p5,
                "high": m.p95,
                "kind": "quantiles_5_95",
            }
        )
        return pd.DataFrame(rows).set_index("answer")


def _binding(factors: dict[str, Array], joint: Array) -> Binding | None:
    p_fail = float(1.0 - joint.mean())
    if p_fail <= 1e-12:
        return None
    shares = {name: float(np.mean(1.0 - f)) / p_fail for name, f in factors.items()}
    condition = max(shares, key=lambda k: shares[k])
    return Binding(condition, shares[condition], shares)


def _summary(draws: PackageDraws, p: int) -> PackageSummary:
    n = draws.draws
    accept = draws.accept[:, p, :]
    p_accept = {party: float(accept[:, i].mean()) for i, party in enumerate(draws.party_ids)}
    intervals: dict[str, tuple[float, float]] = {}
    kind: dict[str, str] = {}
    for i, party in enumerate(draws.party_ids):
        intervals[f"accept.{party}"] = wilson_interval(int(accept[:, i].sum()), n, Z_90)
        kind[f"accept.{party}"] = "wilson_90"
    for name, values in (
        ("ratify", draws.p_ratify[:, p]),
        ("deter", draws.p_deter[:, p]),
        ("joint", draws.p_joint[:, p]),
    ):
        intervals[name] = quantile_interval(values)
        kind[name] = "quantiles_5_95"
    factors = {
        f"accept.{party}": accept[:, i].astype(float) for i, party in enumerate(draws.party_ids)
    }
    factors["ratify"] = draws.p_ratify[:, p]
    factors["deter"] = draws.p_deter[:, p]
    return PackageSummary(
        id=draws.package_ids[p],
        name=draws.package_names[p],
        draws=n,
        p_accept=p_accept,
        p_ratify=float(draws.p_ratify[:, p].mean()),
        p_deter=float(draws.p_deter[:, p].mean()),
        p_joint=float(draws.p_joint[:, p].mean()),
        intervals=intervals,
        interval_kind=kind,
        surplus={
            party: Margin.of(draws.surplus[:, p, i]) for i, party in enumerate(draws.party_ids)
        },
        credibility_margin=Margin.of(draws.credibility_margin[:, p]),
        binding=_binding(factors, draws.p_joint[:, p]),
    )


def summarize_packages(draws: PackageDraws) -> tuple[PackageSummary, ...]:
    """Every package's answers over the draws, in the packages' order."""
    return tuple(_summary(draws, p) for p in range(len(draws.package_ids)))


def package_draws_from_columns(
    columns: Mapping[str, NDArray[np.float64]],
    package_ids: Sequence[str],
    package_names: Sequence[str],
    party_ids: Sequence[str],
) -> PackageDraws:
    """Rebuild :class:`PackageDraws` from a sweep's per-draw columns (the lens summary keys,
    without the ``deals:`` prefix): what the uncertainty layer hands back."""

    def col(key: str) -> NDArray[np.float64]:
        return np.asarray(columns[key], dtype=float)

    def stack(name: str) -> NDArray[np.float64]:
        return np.column_stack([col(f"{name}.{p}") for p in package_ids])

    surplus = np.stack(
        [np.column_stack([col(f"surplus.{p}.{i}") for i in party_ids]) for p in package_ids],
        axis=1,
    )
    return PackageDraws(
        package_ids=tuple(package_ids),
        package_names=tuple(package_names),
        party_ids=tuple(party_ids),
        surplus=surplus,
        p_ratify=stack("p_ratify"),
        p_deter=stack("p_deter"),
        p_joint=stack("p_joint"),
        credibility_margin=stack("credibility_margin"),
    )
