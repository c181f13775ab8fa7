"""What the pages and the JSON API both do, in one place: validate, store, queue, compare."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from detente.errors import DetenteError, InputError, ScenarioError
from detente.lens import available_lenses
from detente.scenario import load_scenario_text
from detente.scenario.model import Scenario
from detente.store import RevisionRecord, RunRecord, Store
from detente.web.sweeps import MAX_SWEEP_DRAWS, sweeps_available

__all__ = [
    "MAX_UPLOAD_BYTES",
    "TooLargeError",
    "applicable_lenses",
    "check_size",
    "compare_runs",
    "problems_of",
    "queue_run",
    "side_by_side",
    "subjects",
    "validate_text",
]

MAX_UPLOAD_BYTES = 1_000_000
"""Largest scenario text accepted by the web app (request bodies are capped just above)."""


def problems_of(error: DetenteError) -> list[dict[str, Any]]:
    """The located problems of an error as JSON (one unlocated problem for other errors)."""
    if isinstance(error, ScenarioError):
        return [
            {
                "message": p.message,
                "line": p.line,
                "column": p.column,
                "field": p.field,
                "hint": p.hint,
                "text": str(p),
            }
            for p in error.problems
        ]
    return [
        {
            "message": error.message,
            "line": None,
            "column": None,
            "field": None,
            "hint": error.hint,
            "text": str(error),
        }
    ]


class TooLargeError(InputError):
    """An upload over :data:`MAX_UPLOAD_BYTES` (HTTP 413)."""


def check_size(text: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_UPLOAD_BYTES:
        raise TooLargeError(
            f"the scenario is {size:,} bytes; uploads are limited to {MAX_UPLOAD_BYTES:,}",
            hint="split the scenario or remove unused material",
        )


def validate_text(
    text: str, file: str = "scenario.yaml"
) -> tuple[Scenario | None, list[dict[str, Any]]]:
    """Parse ``text`` as a scenario: (scenario, []) when valid, (None, problems) otherwise."""
    try:
        check_size(text)
        return load_scenario_text(text, file), []
    except DetenteError as error:
        return None, problems_of(error)


def applicable_lenses(scenario: Scenario) -> list[dict[str, Any]]:
    """Every installed lens with whether it applies to ``scenario``."""
    return [
        {"name": name, "title": lens.title, "applies": bool(lens.applies(scenario))}
        for name, lens in available_lenses().items()
    ]


def queue_run(
    store: Store,
    revision: RevisionRecord,
    *,
    lenses: Sequence[str] | None = None,
    kind: str = "analysis",
    seed: int | None = None,
    draws: int | None = None,
) -> RunRecord:
    """Check a run request against the scenario and the installed lenses, then store it queued."""
    scenario = revision.load()
    registry = available_lenses()
    if kind not in ("analysis", "sweep"):
        raise InputError(f"unknown run kind {kind!r}", hint="use 'analysis' or 'sweep'")
    if lenses is None or len(lenses) == 0:
        chosen = [name for name, lens in registry.items() if lens.applies(scenario)]
        if not chosen:
            raise InputError(
                "no installed lens applies to this scenario",
                hint=f"installed lenses: {', '.join(registry) or '(none)'}",
            )
    else:
        chosen = list(dict.fromkeys(lenses))
        unknown = [name for name in chosen if name not in registry]
        if unknown:
            raise InputError(
                f"unknown lens {unknown[0]!r}", hint=f"installed: {', '.join(registry) or '(none)'}"
            )
    parameters: dict[str, Any] = {}
    if kind == "sweep":
        if not sweeps_available():
            raise InputError("sweeps need the uncertainty module, which is not installed")
        if draws is None:
            draws = 200
        if not 1 <= draws <= MAX_SWEEP_DRAWS:
            raise InputError(
                f"a sweep of {draws} draws is outside the allowed range",
                hint=f"use 1..{MAX_SWEEP_DRAWS} draws",
            )
        from detente.uncertainty import find_inputs

        if not find_inputs(scenario):
            raise InputError(
                "this scenario has no uncertain inputs, so every draw would give the same answer",
                hint="write some assumptions as distributions ({dist: ...}) or run an analysis",
            )
        parameters["draws"] = draws
    if seed is None:
        seed = secrets.randbelow(2**31 - 1)  # recorded, so the run is reproducible
    elif not 0 <= seed < 2**31:
        raise InputError(f"seed {seed} is out of range", hint="use 0 <= seed < 2**31")
    return store.create_run(revision, lenses=chosen, kind=kind, parameters=parameters, seed=seed)


def compare_runs(first: RunRecord, second: RunRecord) -> dict[str, Any]:
    """Headline answers of two runs side by side, per lens and key, with the difference."""
    rows = []
    a_lenses = (first.results or {}).get("lenses", {})
    b_lenses = (second.results or {}).get("lenses", {})
    for name in dict.fromkeys([*a_lenses, *b_lenses]):
        a_summary = a_lenses.get(name, {}).get("summary", {})
        b_summary = b_lenses.get(name, {}).get("summary", {})
        for key in dict.fromkeys([*a_summary, *b_summary]):
            a_value, b_value = a_summary.get(key), b_summary.get(key)
            difference = (
                b_value - a_value
                if isinstance(a_value, int | float) and isinstance(b_value, int | float)
                else None
            )
            rows.append(
                {"lens": name, "key": key, "a": a_value, "b": b_value, "difference": difference}
            )
    return {
        "a": first.as_dict(with_results=False),
        "b": second.as_dict(with_results=False),
        "rows": rows,
    }


def _split(key: str) -> tuple[str, str] | None:
    measure, dot, subject = key.rpartition(".")
    return (measure, subject) if dot and measure and subject else None


def subjects(record: RunRecord) -> list[str]:
    """What a run's headline answers are about (designs, proposals, issues, states...).

    Lenses name their answers ``<measure>.<subject>`` (``p_failure.treaty``,
    ``p_ratify.treaty``, ``forecast.donbas``); a subject is a last key segment that at least
    two measures share, or that one measure has together with other subjects.
    """
    found: dict[str, set[str]] = {}
    for lens_result in (record.results or {}).get("lenses", {}).values():
        for key in lens_result.get("summary", {}):
            split = _split(key)
            if split:
                found.setdefault(split[1], set()).add(split[0])
    return sorted(found, key=lambda s: (-len(found[s]), s))


def side_by_side(record: RunRecord, a: str, b: str) -> dict[str, Any]:
    """Within one run, every measure of subject ``a`` next to the same measure of ``b``.

    This is how two guarantee designs (or two proposals, issues, states) are compared: the
    same lens, the same scenario revision and seed, only the subject differs.
    """
    known = subjects(record)
    for subject in (a, b):
        if subject not in known:
            raise InputError(
                f"run {record.id!r} has no answers about {subject!r}",
                hint=f"subjects: {', '.join(known[:30]) or '(none)'}",
            )
    rows = []
    for name, lens_result in (record.results or {}).get("lenses", {}).items():
        summary = lens_result.get("summary", {})
        measures = [m for m, s in filter(None, map(_split, summary)) if s in (a, b)]
        for measure in dict.fromkeys(measures):
            a_value, b_value = summary.get(f"{measure}.{a}"), summary.get(f"{measure}.{b}")
            difference = (
                b_value - a_value
                if isinstance(a_value, int | float) and isinstance(b_value, int | float)
                else None
            )
            rows.append(
                {"lens": name, "key": measure, "a": a_value, "b": b_value, "difference": difference}
            )
    return {"run": record.id, "a": a, "b": b, "rows": rows}
