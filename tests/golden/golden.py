"""Golden files: whole analyses of the shipped scenarios, kept as JSON so changes show as diffs.

After open_spiel's playthroughs. ``python scripts/regenerate_golden.py`` rewrites the files
(review the diff before committing it); ``tests/golden/test_golden.py`` compares.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from detente.lens import available_lenses
from detente.scenario import load_scenario, shipped_scenarios

DIRECTORY = Path(__file__).parent / "data"
SEED = 20251215
SIGNIFICANT = 9


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT}g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def analyses() -> dict[str, dict[str, Any]]:
    """``{"<scenario>.<lens>": document}`` for every shipped scenario and applicable lens."""
    out: dict[str, dict[str, Any]] = {}
    for entry in shipped_scenarios():
        scenario = load_scenario(entry.path)
        for name, lens in available_lenses().items():
            if lens.applies(scenario):
                result = lens.run(scenario, np.random.default_rng(SEED))
                document = json.loads(json.dumps(lens.to_json(result), allow_nan=False))
                document.pop("version", None)  # the release number is not a result
                out[f"{entry.name}.{name}"] = _rounded(document)
    return out


def shipped_keys() -> list[str]:
    """The keys :func:`analyses` produces, found without running any lens (for collection)."""
    keys = []
    for entry in shipped_scenarios():
        scenario = load_scenario(entry.path)
        keys += [
            f"{entry.name}.{n}" for n, lens in available_lenses().items() if lens.applies(scenario)
        ]
    return sorted(keys)


def path_of(key: str) -> Path:
    return DIRECTORY / f"{key}.json"
