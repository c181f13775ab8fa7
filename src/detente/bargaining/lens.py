"""The bargaining lens: forecast of the settlement on each contested issue.

Runs the scenario's chosen model (KTAB SMP by default) and, for comparison, the other models
and the capability x salience weighted mean, which is always reported next to the forecast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from detente.bargaining.bdm import BDMParameters, BDMResult, run_bdm
from detente.bargaining.explain import (
    Dynamics,
    RoundExplanation,
    dynamics,
    explain_rounds,
    issue_narrative,
)
from detente.bargaining.inputs import SpatialInputs, inputs_from_section
from detente.bargaining.options import SMPParameters
from detente.bargaining.smp import SMPResult, run_smp
from detente.bargaining.smp_batch import batchable, run_smp_batch
from detente.bargaining.stokman import StokmanParameters, StokmanResult, run_stokman
from detente.bargaining.weighted_mean import (
    WeightedMeanResult,
    weighted_mean,
    weighted_mean_values,
)
from detente.scenario.bargaining_options import ExchangeRate, StateTransition
from detente.scenario.bargaining_section import BargainingModelName, BargainingSection
from detente.scenario.model import Scenario

__all__ = ["BargainingAnalysis", "BargainingLens", "analyse_inputs", "analysis_json"]

MODELS = ("smp", "bdm", "stokman", "mean")


@dataclass(frozen=True)
class BargainingAnalysis:
    """Every model's forecast for one set of inputs; ``model`` names the headline one."""

    inputs: SpatialInputs
    model: str
    forecast: tuple[float, ...]
    baseline: WeightedMeanResult
    smp: SMPResult | None
    bdm: BDMResult | None
    stokman: StokmanResult | None
    narratives: tuple[str, ...]
    rounds: tuple[RoundExplanation, ...]
    dynamics: Dynamics | None

    def model_forecasts(self) -> dict[str, tuple[float, ...]]:
        out: dict[str, tuple[float, ...]] = {}
        if self.smp is not None:
            out["smp"] = tuple(float(v) for v in self.smp.forecast())
        if self.bdm is not None:
            out["bdm"] = tuple(float(v) for v in self.bdm.forecast())
        if self.stokman is not None:
            out["stokman"] = tuple(float(v) for v in self.stokman.forecast())
        out["mean"] = tuple(float(v) for v in self.baseline.values)
        return out


def analyse_inputs(
    inputs: SpatialInputs,
    model: str = "smp",
    smp: SMPParameters | None = None,
    bdm: BDMParameters | None = None,
    stokman: StokmanParameters | None = None,
    rng: np.random.Generator | int | None = 0,
    compare: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> BargainingAnalysis:
    """Run ``model`` (and, if ``compare``, the others that apply) on ``inputs``.

    ``progress(rounds_done, max_rounds)`` is called after each SMP round."""
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
    base = weighted_mean(inputs)
    smp_result = bdm_result = stokman_result = None
    can_smp = inputs.n_actors >= 3 and bool(np.all(inputs.capability > 0))
    if model == "smp" or (compare and can_smp):
        smp_result = run_smp(inputs, smp, rng, progress)
    if model == "bdm" or compare:
        bdm_result = run_bdm(inputs, bdm)
    if model == "stokman" or compare:
        stokman_result = run_stokman(inputs, stokman, rng)
    chosen = {
        "smp": smp_result.forecast() if smp_result is not None else None,
        "bdm": bdm_result.forecast() if bdm_result is not None else None,
        "stokman": stokman_result.forecast() if stokman_result is not None else None,
        "mean": base.values,
    }[model]
    assert chosen is not None
    narratives: tuple[str, ...] = ()
    rounds: tuple[RoundExplanation, ...] = ()
    dyn = None
    if smp_result is not None:
        narratives = tuple(
            issue_narrative(smp_result, k, float(base.values[k]))
            for k in range(inputs.n_dimensions)
        )
        rounds = explain_rounds(smp_result)
        dyn = dynamics(smp_result)
    return BargainingAnalysis(
        inputs=inputs,
        model=model,
        forecast=tuple(float(v) for v in chosen),
        baseline=base,
        smp=smp_result,
        bdm=bdm_result,
        stokman=stokman_result,
        narratives=narratives,
        rounds=rounds,
        dynamics=dyn,
    )


def _per_state(array: np.ndarray) -> list[float]:
    return [float(v) for v in array]


def analysis_json(analysis: BargainingAnalysis) -> dict[str, Any]:
    """The JSON document of ``detente forecast --json`` (documented in docs/bargaining.md)."""
    inputs = analysis.inputs
    doc: dict[str, Any] = {
        "model": analysis.model,
        "actors": list(inputs.actors),
        "dimensions": list(inputs.dimensions),
        "dimension_labels": list(inputs.dimension_labels),
        "scale": {
            d: {"low": float(lo), "high": float(hi), "units": u}
            for d, lo, hi, u in zip(
                inputs.dimensions, inputs.low, inputs.high, inputs.units, strict=True
            )
        },
        "forecast": dict(zip(inputs.dimensions, analysis.forecast, strict=True)),
        "weighted_mean": {
            d: float(v) for d, v in zip(inputs.dimensions, analysis.baseline.values, strict=True)
        },
        "model_forecasts": {
            m: dict(zip(inputs.dimensions, v, strict=True))
            for m, v in analysis.model_forecasts().items()
        },
    }
    shown = {"smp": analysis.smp, "bdm": analysis.bdm, "stokman": analysis.stokman}.get(
        analysis.model
    )
    if analysis.model == "mean" or shown is None:
        positions = inputs.position[None]
    elif isinstance(shown, SMPResult):
        positions = shown.positions_on_scale()
    else:
        positions = shown.positions
    doc["positions"] = {
        a: [_per_state(positions[:, i, k]) for k in range(inputs.n_dimensions)]
        for i, a in enumerate(inputs.actors)
    }
    smp = analysis.smp
    if smp is not None:
        doc["win_probability"] = {
            a: _per_state(smp.win_probability[:, i]) for i, a in enumerate(inputs.actors)
        }
        doc["risk_attitude"] = {
            a: float(smp.risk_attitude[0, i]) for i, a in enumerate(inputs.actors)
        }
        doc["smp"] = {
            "parameters": {
                k: (v.value if hasattr(v, "value") else v) for k, v in vars(smp.parameters).items()
            },
            "seed": smp.seed,
            "states": smp.n_states,
            "stop_reason": smp.stop_reason,
            "fractional_change": [r.fractional_change for r in smp.rounds],
            "rounds": [
                {
                    "turn": r.turn,
                    "challenges": [
                        {
                            "initiator": c.initiator,
                            "target": c.target,
                            "delta_eu": c.delta_eu,
                            "win_probability": c.win_probability,
                            "adopted_by_initiator": c.adopted_by_initiator,
                            "adopted_by_target": c.adopted_by_target,
                        }
                        for c in r.challenges
                    ],
                    "no_proposal": list(r.idle),
                    "choices": list(r.choices),
                    "fractional_change": r.fractional_change,
                }
                for r in analysis.rounds
            ],
        }
    if analysis.dynamics is not None:
        dyn = analysis.dynamics
        doc["diagnostics"] = {
            "converged": dyn.converged,
            "rounds": dyn.rounds,
            "stop_reason": dyn.stop_reason,
            "oscillation_index": dyn.oscillation_index,
            "verdict": dyn.verdict,
        }
    doc["narrative"] = dict(zip(inputs.dimensions, analysis.narratives, strict=False))
    return doc


def _smp_parameters(section: BargainingSection) -> SMPParameters:
    # The file format's option block names exactly the engine's parameters (defaults aside).
    return SMPParameters(**section.smp.model_dump())


def _bdm_parameters(section: BargainingSection) -> BDMParameters:
    return BDMParameters(**section.bdm.model_dump())


def _stokman_parameters(section: BargainingSection) -> StokmanParameters:
    return StokmanParameters(**section.stokman.model_dump())


def _forecast_summary(inputs: SpatialInputs, forecast: np.ndarray | None) -> dict[str, float]:
    """The lens's summary of a headline forecast (None: the weighted mean is the headline)."""
    mean = weighted_mean_values(inputs.capability, inputs.salience, inputs.position)
    if forecast is None:
        forecast = mean
    out: dict[str, float] = {}
    for k, d in enumerate(inputs.dimensions):
        out[f"forecast.{d}"] = float(forecast[k])
        out[f"weighted_mean.{d}"] = float(mean[k])
    return out


class BargainingLens:
    """Lens ``bargaining``: where the parties settle on each issue of the bargaining section."""

    name = "bargaining"
    title = "Bargaining forecast"

    def applies(self, scenario: Scenario) -> bool:
        return scenario.bargaining is not None

    depends_on = ("bargaining",)
    """The result is a function of the ``bargaining`` section alone; the random generator is
    used only when :meth:`uses_rng` says so (then the sweep runs every draw)."""

    def uses_rng(self, scenario: Scenario) -> bool:
        """Whether the headline forecast draws from the generator: a Stochastic SMP state
        transition, or Stokman's random exchange rates. The summary reads the headline model
        and the weighted mean only, so the comparison models' randomness does not count."""
        section = scenario.bargaining
        if section is None:
            return False
        if section.model is BargainingModelName.SMP:
            return section.smp.state_transition is StateTransition.STOCHASTIC
        if section.model is BargainingModelName.STOKMAN:
            return (
                section.stokman.rate is ExchangeRate.RANDOM_RATE or section.stokman.randomness > 0
            )
        return False

    def run(
        self,
        scenario: Scenario,
        rng: np.random.Generator | None = None,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> BargainingAnalysis:
        section = self._section(scenario)
        return analyse_inputs(
            inputs_from_section(section, scenario),
            model=section.model.value,
            smp=_smp_parameters(section),
            bdm=_bdm_parameters(section),
            stokman=_stokman_parameters(section),
            rng=rng if rng is not None else section.seed,
            progress=progress,
        )

    def sweep_summary(
        self, scenario: Scenario, rng: np.random.Generator | None = None
    ) -> Mapping[str, float]:
        """Exactly ``summary(run(scenario, rng))``, computing only what the summary reports.

        Runs the headline model alone (no comparison models, no explanations). The result
        is identical: the comparison models run after SMP and before nothing that reads the
        generator's stream (BDM never draws; SMP's Stochastic transition spawns child streams,
        which leaves the parent's stream untouched), so the headline model sees the same
        random numbers either way.
        """
        section = self._section(scenario)
        inputs = inputs_from_section(section, scenario)
        model = section.model.value
        seed_or_rng: np.random.Generator | int = rng if rng is not None else section.seed
        if model == "smp":
            forecast = run_smp(inputs, _smp_parameters(section), seed_or_rng).forecast()
        elif model == "bdm":
            forecast = run_bdm(inputs, _bdm_parameters(section)).forecast()
        elif model == "stokman":
            forecast = run_stokman(inputs, _stokman_parameters(section), seed_or_rng).forecast()
        else:
            forecast = None
        return _forecast_summary(inputs, forecast)

    def sweep_summaries(
        self,
        scenarios: Sequence[Scenario],
        rngs: Sequence[np.random.Generator | None],
    ) -> list[Mapping[str, float]]:
        """``[sweep_summary(s, r) for s, r in zip(scenarios, rngs)]``, with the same numbers.

        Draws whose headline model is a Deterministic SMP with the Conditional PCE run in
        lockstep (:func:`~detente.bargaining.smp_batch.run_smp_batch`, bit-identical to
        :func:`run_smp`); the others one at a time.
        """
        out: list[Mapping[str, float] | None] = [None] * len(scenarios)
        batches: dict[SMPParameters, list[tuple[int, SpatialInputs]]] = {}
        for index, (scenario, rng) in enumerate(zip(scenarios, rngs, strict=True)):
            section = self._section(scenario)
            params = _smp_parameters(section)
            if section.model is BargainingModelName.SMP and batchable(params):
                inputs = inputs_from_section(section, scenario)
                batches.setdefault(params, []).append((index, inputs))
            else:
                out[index] = self.sweep_summary(scenario, rng)
        for params, members in batches.items():
            runs = [inputs for _, inputs in members]
            forecasts = run_smp_batch(runs, params).forecast_unit
            for (index, inputs), unit in zip(members, forecasts, strict=True):
                out[index] = _forecast_summary(inputs, inputs.to_scale(unit))
        return cast(list[Mapping[str, float]], out)  # every index was filled above

    @staticmethod
    def _section(scenario: Scenario) -> BargainingSection:
        section = scenario.bargaining
        if section is None:
            from detente.errors import InputError

            raise InputError(
                f"scenario {scenario.id!r} has no bargaining section",
                hint="add a `bargaining:` section with issues and actors' stances",
            )
        return section

    def summary(self, result: BargainingAnalysis) -> Mapping[str, float]:
        out: dict[str, float] = {}
        dims = result.inputs.dimensions
        for k, d in enumerate(dims):
            out[f"forecast.{d}"] = result.forecast[k]
            out[f"weighted_mean.{d}"] = float(result.baseline.values[k])
        return out

    def to_json(self, result: BargainingAnalysis) -> dict[str, Any]:
        return analysis_json(result)
