"""One call that runs every lens on a scenario: :func:`analyze` and its :class:`Analysis`.

This is what ``detente analyze``, the HTML report and the web app's analysis runs call, and
what a notebook user calls::

    import detente

    analysis = detente.analyze("ukraine-2025", draws=200, seed=0)
    analysis["deterrence"].to_frame()      # one row per guarantee design
    analysis.to_frame()                    # every headline answer, with its spread

Each lens runs once on the scenario's nominal values (every distribution at its nominal
value), exactly as the lens's own command would run it. When the scenario has uncertain
inputs and ``draws`` is positive, a quick Monte Carlo sweep (:func:`detente.uncertainty.run_sweep`)
adds each headline answer's spread over the draws: honest numbers come with their interval.
The sweep is seeded, so an analysis is reproducible; ``detente sweep`` / ``run_sweep`` give the
full picture and :mod:`detente.uncertainty.sensitivity` what moves each answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from detente.lens import Lens
from detente.scenario.loader import load
from detente.scenario.model import Scenario
from detente.uncertainty.runner import ProgressCallback, SweepResult, select_lenses

if TYPE_CHECKING:
    import os

    import pandas as pd

    from detente.uncertainty.aggregate import OutputSummary

__all__ = [
    "DEFAULT_DRAWS",
    "Analysis",
    "LensAnalysis",
    "UncertaintySummary",
    "analyze",
]

DEFAULT_DRAWS = 200
"""Draws of the quick sweep :func:`analyze` adds by default (a probability near 0.5 is then
known to about +/-7 points; ``detente sweep`` runs as many as you like)."""

QUICK_BATCH = 10
"""Draws per task of a sweep with a time budget: small, so that the budget is honoured
closely."""


@dataclass(frozen=True)
class LensAnalysis:
    """One lens's answer for a scenario.

    Attributes
    ----------
    name, title
        The lens's registry name (``"deterrence"``) and its human title.
    result
        The lens engine's own typed, frozen, numbers-only result (for instance a
        :class:`~detente.deterrence.assessment.GuaranteeAssessment`); its type is the return
        type of the lens's engine, documented on the lens's page.
    summary
        The lens's headline answers as numbers, keyed as in a sweep's output columns
        (``p_failure.<design>``, ``p_ratify.<proposal>``, ``forecast.<issue>``...).
    """

    name: str
    title: str
    result: Any
    summary: Mapping[str, float]
    lens: Lens = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", MappingProxyType(dict(self.summary)))

    def to_json(self) -> dict[str, Any]:
        """The lens's JSON document (what the lens's command prints with ``--json``)."""
        return self.lens.to_json(self.result)

    def to_frame(self) -> pd.DataFrame:
        """The result's own table when it has one (``result.to_frame()``), else the summary."""
        table = getattr(self.result, "to_frame", None)
        if callable(table):
            return table()
        import pandas as pd

        return pd.DataFrame(
            {"key": list(self.summary), "value": list(self.summary.values())}
        ).set_index("key")


@dataclass(frozen=True)
class UncertaintySummary:
    """The quick sweep of an analysis: each headline answer over ``completed`` draws.

    ``outputs`` holds one :class:`~detente.uncertainty.aggregate.OutputSummary` per answer
    (probabilities with their Wilson 95 % interval, values with mean, spread and quantiles);
    ``sweep`` is the whole :class:`~detente.uncertainty.runner.SweepResult` (one row per draw:
    ``sweep.to_frame()``).
    """

    sweep: SweepResult
    outputs: tuple[OutputSummary, ...]

    @property
    def completed(self) -> int:
        """Draws completed (fewer than requested only when a time budget stopped the sweep)."""
        return self.sweep.completed

    @property
    def seed(self) -> int:
        """The seed of the sweep: the same seed gives the same draws and answers."""
        return self.sweep.seed

    def varying(self) -> tuple[OutputSummary, ...]:
        """The answers that differ between draws (the others are the same in every draw)."""
        return tuple(item for item in self.outputs if item.varies)

    def output(self, column: str) -> OutputSummary:
        """The summary of one answer, by column (``"deterrence:p_failure.article5"``)."""
        for item in self.outputs:
            if item.column == column:
                return item
        from detente.errors import InputError

        raise InputError(
            f"no answer {column!r} in this sweep",
            hint="columns look like '<lens>:<key>': see Analysis.to_frame()",
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per answer: kind, nominal, mean, sd, probability and interval, quantiles."""
        from detente.uncertainty.aggregate import summary_frame

        return summary_frame(self.sweep)

    def to_json(self) -> dict[str, Any]:
        """The draws, seed, inputs and per-answer summaries as one JSON-ready document."""
        from detente.uncertainty.present import summary_json

        return {
            "draws": {"requested": self.sweep.requested, "completed": self.completed},
            "seed": self.seed,
            "stopped": self.sweep.stopped,
            "inputs": [item.name for item in self.sweep.inputs],
            "outputs": [summary_json(item) for item in self.outputs],
        }


@dataclass(frozen=True)
class Analysis:
    """Every selected lens's answer for one scenario, with the quick sweep's spreads.

    Index it by lens name (``analysis["ratification"]`` is a :class:`LensAnalysis`); iterate
    over the lens names in order. ``uncertainty`` is None when the scenario has no uncertain
    input or the analysis was asked for no draws.
    """

    scenario: Scenario
    lenses: Mapping[str, LensAnalysis]
    uncertainty: UncertaintySummary | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "lenses", MappingProxyType(dict(self.lenses)))

    def __getitem__(self, name: str) -> LensAnalysis:
        """The answer of the lens ``name``."""
        try:
            return self.lenses[name]
        except KeyError:
            from detente.errors import InputError

            raise InputError(
                f"lens {name!r} is not part of this analysis",
                hint=f"lenses analysed: {', '.join(self.lenses) or '(none)'}",
            ) from None

    def __iter__(self) -> Iterator[str]:
        """The names of the lenses analysed, in order."""
        return iter(self.lenses)

    def __len__(self) -> int:
        """How many lenses were analysed."""
        return len(self.lenses)

    def __contains__(self, name: object) -> bool:
        """Whether the lens ``name`` was analysed."""
        return name in self.lenses

    @property
    def results(self) -> dict[str, Any]:
        """``{lens name: the engine's result}`` (what the report and web app present)."""
        return {name: item.result for name, item in self.lenses.items()}

    def headline(self) -> dict[str, float]:
        """Every lens's summary in one mapping, keyed ``"<lens>:<key>"`` as a sweep's columns."""
        return {
            f"{name}:{key}": value
            for name, item in self.lenses.items()
            for key, value in item.summary.items()
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per headline answer: lens, key, nominal value and, after a sweep, its spread.

        Spread columns (``kind``, ``mean``, ``sd``, ``probability``, ``low``, ``high``,
        ``q05`` ... ``q95``) are NaN for answers the sweep did not vary.
        """
        import pandas as pd

        rows: list[dict[str, Any]] = []
        spreads = (
            {item.column: item for item in self.uncertainty.outputs} if self.uncertainty else {}
        )
        for column, value in self.headline().items():
            lens, _, key = column.partition(":")
            row: dict[str, Any] = {"lens": lens, "key": key, "nominal": value}
            spread = spreads.get(column)
            if spread is not None:
                row.update(
                    kind=spread.kind,
                    mean=spread.mean,
                    sd=spread.sd,
                    probability=math.nan if spread.probability is None else spread.probability,
                    low=math.nan if spread.low is None else spread.low,
                    high=math.nan if spread.high is None else spread.high,
                    **spread.quantiles,
                )
            rows.append(row)
        return pd.DataFrame(rows)

    def to_json(self) -> dict[str, Any]:
        """The document ``detente analyze --json`` prints: scenario, lenses, uncertainty."""
        document: dict[str, Any] = {
            "scenario": {
                "id": self.scenario.id,
                "title": self.scenario.title,
                "as_of": self.scenario.as_of.isoformat() if self.scenario.as_of else None,
            },
            "lenses": {name: item.to_json() for name, item in self.lenses.items()},
        }
        if self.uncertainty is not None:
            document["uncertainty"] = self.uncertainty.to_json()
        return document


def analyze(
    scenario: Scenario | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    *,
    lenses: Sequence[str | Lens] | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    time_budget: float | None = None,
    progress: ProgressCallback | None = None,
) -> Analysis:
    """Run every lens that applies to ``scenario`` (or those named) and summarise the spread.

    Parameters
    ----------
    scenario
        A :class:`~detente.scenario.model.Scenario`, or anything :func:`detente.load` accepts
        (a file path, a shipped scenario's name, YAML text, a dict); None for the shipped
        default scenario.
    lenses
        Lens names (or lens objects) to run; each must apply to the scenario. Default: every
        registered lens that applies (see :func:`detente.lens.available_lenses`).
    draws
        Draws of the quick uncertainty sweep; 0 for none. Ignored when the scenario has no
        uncertain input (then ``uncertainty`` is None).
    seed
        Seed of the sweep's draws (and of each lens's per-draw random stream).
    time_budget
        Seconds after which the sweep starts no new batch of draws (``detente analyze`` uses
        5 s); None runs every draw, so the result depends only on the arguments.
    progress
        Called as ``progress(draws_done, draws_total)`` while the sweep runs.

    Returns
    -------
    Analysis
        Frozen: each lens's result and summary, and the sweep's per-answer spreads.

    Raises
    ------
    ScenarioError
        When ``scenario`` is not a valid scenario (every problem, located).
    InputError
        For an unknown lens, a lens that does not apply, or a negative ``draws``.

    Examples
    --------
    >>> import detente
    >>> analysis = detente.analyze("elmira", draws=0)
    >>> list(analysis)
    ['conflict']
    >>> analysis["conflict"].summary["equilibrium.nash.5"]
    1.0
    """
    from detente.errors import InputError

    chosen_scenario = load(scenario)
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 0:
        raise InputError(
            f"draws must be a non-negative integer (got {draws!r})", hint="0 runs no sweep"
        )
    chosen = select_lenses(chosen_scenario, lenses)
    analyses = {}
    for lens in chosen:
        result = lens.run(chosen_scenario)
        analyses[lens.name] = LensAnalysis(
            lens.name, lens.title, result, dict(lens.summary(result)), lens
        )
    uncertainty = None
    if draws > 0:
        uncertainty = _quick_sweep(chosen_scenario, chosen, draws, seed, time_budget, progress)
    return Analysis(chosen_scenario, analyses, uncertainty)


def _quick_sweep(
    scenario: Scenario,
    lenses: Sequence[Lens],
    draws: int,
    seed: int,
    time_budget: float | None,
    progress: ProgressCallback | None,
) -> UncertaintySummary | None:
    from detente.uncertainty.aggregate import summarize
    from detente.uncertainty.runner import run_sweep
    from detente.uncertainty.variants import find_inputs

    if not find_inputs(scenario):
        return None
    sweep = run_sweep(
        scenario,
        draws,
        lenses=lenses,
        seed=seed,
        # Small batches only when a time budget must be honoured closely; otherwise the
        # runner's own batches (lenses that run many draws in lockstep gain from them).
        batch_size=QUICK_BATCH if time_budget is not None else None,
        progress=progress,
        time_budget=time_budget,
    )
    return UncertaintySummary(sweep, tuple(summarize(sweep)))
