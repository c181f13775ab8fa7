"""The bargaining lens: forecast of the settlement on each contested issue.

Runs the scenario's chosen model (KTAB SMP by default) and, for comparison, the other models
and the capability x salience weighted mean, which is always reported next to the forecast
(:func:`detente.bargaining.analysis.analyse_inputs`); the lens's JSON document is
:func:`detente.bargaining.present.analysis_json`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from detente.bargaining.analysis import BargainingAnalysis, analyse_inputs
from detente.bargaining.bdm import BDMParameters, run_bdm
from detente.bargaining.inputs import SpatialInputs, inputs_from_section
from detente.bargaining.options import SMPParameters
from detente.bargaining.present import analysis_json
from detente.bargaining.smp import run_smp
from detente.bargaining.smp_batch import batchable, run_smp_batch
from detente.bargaining.stokman import StokmanParameters, run_stokman
from detente.bargaining.weighted_mean import weighted_mean_values
from detente.scenario.bargaining_options import ExchangeRate, StateTransition
from detente.scenario.bargaining_section import BargainingModelName, BargainingSection
from detente.scenario.model import Scenario

if TYPE_CHECKING:
    pass

__all__ = ["BargainingLens"]


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
        """The documented JSON of the forecast, its trajectories and their explanation."""
        return analysis_json(result)
