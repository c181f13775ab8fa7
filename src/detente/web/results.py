"""What a finished run stores: each lens's analysis as plain JSON, with its figure blocks.

Shared by analysis runs (:mod:`detente.web.jobs`) and sweeps (:mod:`detente.web.sweeps`); both
get their numbers from :func:`detente.analyze`, so a run in the web app gives exactly the
answers ``detente analyze`` and a notebook give.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from detente.analysis import LensAnalysis
from detente.scenario.model import Scenario
from detente.web.blocks import build_blocks

__all__ = ["jsonable", "lens_entry"]

log = logging.getLogger("detente.web.results")


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON: NumPy scalars/arrays converted, NaN and infinities as None."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if value is None or isinstance(value, str | int):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def lens_entry(
    item: LensAnalysis, scenario: Scenario, uncertainty: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """One lens's analysis as stored JSON: title, summary, result document, figure blocks.

    ``uncertainty`` (summary key -> distribution over a sweep) lets the figures show spreads.
    A figure that fails to build is recorded as ``figures_error`` rather than losing the run.
    """
    entry: dict[str, Any] = {
        "title": item.title,
        "summary": jsonable(dict(item.summary)),
        "result": jsonable(item.to_json()),
    }
    try:
        entry.update(jsonable(build_blocks(item.lens, scenario, item.result, uncertainty)))
    except Exception as exc:  # a figure bug must not throw away a finished analysis
        log.exception("figures of lens %s failed", item.name)
        entry["figures_error"] = f"{type(exc).__name__}: {exc}"
    return entry
