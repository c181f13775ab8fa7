"""A synthetic scenario section and lens with answers known in closed form (tests only).

``ProbeLens`` reads factors ``x_i`` (each a number or a distribution) and reports:

* ``linear`` = sum_i w_i x_i (Sobol indices known analytically for independent inputs);
* ``above`` = 1 if x_0 > threshold else 0 (its probability is the distribution's tail);
* ``noise`` = one standard-normal draw from the lens's own generator (per-draw streams);
* ``picked_b`` = 1 if the weighted alternative drawn is "b" (non-numeric alternatives).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from detente.scenario.common import Documented, Frozen, Identifier
from detente.scenario.model import Scenario
from detente.scenario.quantity import Probability, nominal


class Factor(Documented):
    id: Identifier
    value: Probability
    weight: float = 1.0


class WeightedLabels(Frozen):
    """Duck-typed uncertain alternatives: ``nominal()`` and ``sample(rng)`` (no size)."""

    alternatives: tuple[str, ...]
    weights: tuple[float, ...]

    def nominal(self) -> str:
        return self.alternatives[int(np.argmax(self.weights))]

    def sample(self, rng: np.random.Generator) -> str:
        p = np.asarray(self.weights) / sum(self.weights)
        return self.alternatives[int(rng.choice(len(self.alternatives), p=p))]


class ProbeSection(Frozen):
    factors: tuple[Factor, ...]
    threshold: float = 0.7
    label: str | WeightedLabels = "a"


class ProbeScenario(Scenario):
    probe: ProbeSection | None = None


@dataclass(frozen=True)
class ProbeResult:
    linear: float
    above: bool
    noise: float
    label: str


class ProbeLens:
    name = "probe"
    title = "Synthetic probe"

    def applies(self, scenario: Scenario) -> bool:
        return getattr(scenario, "probe", None) is not None

    def run(self, scenario: Any, rng: np.random.Generator | None = None) -> ProbeResult:
        section = scenario.probe
        values = [nominal(f.value) for f in section.factors]
        label = section.label if isinstance(section.label, str) else section.label.nominal()
        return ProbeResult(
            linear=float(sum(f.weight * v for f, v in zip(section.factors, values, strict=True))),
            above=values[0] > section.threshold,
            noise=float(rng.standard_normal()) if rng is not None else 0.0,
            label=label,
        )

    def summary(self, result: ProbeResult) -> Mapping[str, float]:
        return {
            "linear": result.linear,
            "above": float(result.above),
            "noise": result.noise,
            "picked_b": float(result.label == "b"),
        }

    def to_json(self, result: ProbeResult) -> dict[str, Any]:
        return {"linear": result.linear, "above": result.above}


class FailingLens(ProbeLens):
    """Raises on draws whose first factor exceeds 0.9 (tests failure accounting)."""

    name = "failing"

    def run(self, scenario: Any, rng: np.random.Generator | None = None) -> ProbeResult:
        if nominal(scenario.probe.factors[0].value) > 0.9:
            raise ValueError("first factor too large for this engine")
        return super().run(scenario, rng)


class InterruptingLens(ProbeLens):
    """Simulates Ctrl-C when it meets a draw whose first factor exceeds 0.995."""

    name = "interrupting"

    def run(self, scenario: Any, rng: np.random.Generator | None = None) -> ProbeResult:
        if nominal(scenario.probe.factors[0].value) > 0.995:
            raise KeyboardInterrupt
        return super().run(scenario, rng)


def probe_scenario(
    factors: list[dict[str, Any]] | None = None,
    threshold: float = 0.7,
    label: Any = "a",
) -> ProbeScenario:
    if factors is None:
        factors = [
            {"id": "x1", "value": {"dist": "uniform", "low": 0, "high": 1}, "weight": 10.0},
            {"id": "x2", "value": {"dist": "uniform", "low": 0, "high": 1}, "weight": 1.0},
            {"id": "x3", "value": {"dist": "uniform", "low": 0, "high": 1}, "weight": 0.1},
        ]
    return ProbeScenario.model_validate(
        {
            "format": "detente/1",
            "id": "probe",
            "title": "Probe",
            "actors": [{"id": "A", "name": "Alpha"}],
            "probe": {"factors": factors, "threshold": threshold, "label": label},
        }
    )


class IshigamiLens(ProbeLens):
    """The Ishigami-Homma function of the first three factors mapped to [-pi, pi].

    Ishigami, T. & Homma, T. (1990). An importance quantification technique in uncertainty
    analysis for computer models. Proc. ISUMA '90, 398-403. With a = 7, b = 0.1 its Sobol
    indices are known in closed form (Sobol' & Levitan 1999; Saltelli et al. 2010, sec. 5).
    """

    name = "ishigami"

    def summary(self, result: ProbeResult) -> Mapping[str, float]:
        return {"y": result.linear}

    def run(self, scenario: Any, rng: np.random.Generator | None = None) -> ProbeResult:
        x1, x2, x3 = (-np.pi + 2 * np.pi * nominal(f.value) for f in scenario.probe.factors[:3])
        y = np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)
        return ProbeResult(float(y), False, 0.0, "a")


class CountingLens(ProbeLens):
    """Declares that its result depends only on the ``probe`` section; counts its runs."""

    name = "counting"
    depends_on = ("probe",)
    runs = 0

    def run(self, scenario: Any, rng: np.random.Generator | None = None) -> ProbeResult:
        CountingLens.runs += 1
        return super().run(scenario, None)


class FastPathLens(ProbeLens):
    """Offers ``sweep_summary``; counts how often the full ``run`` is used."""

    name = "fastpath"
    full_runs = 0

    def run(self, scenario: Any, rng: np.random.Generator | None = None) -> ProbeResult:
        FastPathLens.full_runs += 1
        return super().run(scenario, rng)

    def sweep_summary(self, scenario: Any, rng: np.random.Generator | None) -> Mapping[str, float]:
        return self.summary(ProbeLens.run(self, scenario, rng))


class BatchingLens(ProbeLens):
    """Offers ``sweep_summaries`` (many draws per call); counts its calls and draws."""

    name = "batching"
    calls = 0
    draws = 0

    def sweep_summaries(
        self, scenarios: Sequence[Any], rngs: Sequence[np.random.Generator | None]
    ) -> list[Mapping[str, float]]:
        BatchingLens.calls += 1
        BatchingLens.draws += len(scenarios)
        return [self.summary(self.run(s, r)) for s, r in zip(scenarios, rngs, strict=True)]


class FailingBatchLens(FailingLens):
    """``sweep_summaries`` raises if any draw of the batch fails (like a lockstep engine)."""

    name = "failing_batch"

    def sweep_summaries(
        self, scenarios: Sequence[Any], rngs: Sequence[np.random.Generator | None]
    ) -> list[Mapping[str, float]]:
        return [self.summary(self.run(s, r)) for s, r in zip(scenarios, rngs, strict=True)]
