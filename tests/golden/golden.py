"""Golden files: whole analyses of the shipped scenarios, kept as JSON so changes show as diffs.

After open_spiel's playthroughs. Each analysis is split in two files so that a rewording never
looks like a change of results:

- ``<scenario>.<lens>.json`` holds the numbers (and ids, labels and structure): the lens's JSON
  document without its prose, compared within round-off;
- ``<scenario>.<lens>.explanations.json`` holds the prose, each text under the JSON path it
  came from (``/designs[0]/explanation``), compared exactly.

Prose is every value under a key of :data:`PROSE_KEYS` (the keys under which the lenses'
explain/present modules put sentences). ``python scripts/regenerate_golden.py`` rewrites the
files (review the diff before committing it); ``tests/golden/test_golden.py`` compares.
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
EXPLANATIONS = ".explanations"

PROSE_KEYS = frozenset(
    {
        "choices",
        "description",
        "explanation",
        "explanations",
        "narrative",
        "prior_source",
        "senate_source",
        "house_source",
        "stop_reason",
        "text",
        "verdict",
    }
)
"""Keys whose values are sentences written by detente's explain and present modules."""


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT}g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def split_prose(document: Any, path: str = "") -> tuple[Any, dict[str, Any]]:
    """``(numbers, prose)``: the document without its prose, and the prose by JSON path."""
    prose: dict[str, Any] = {}
    if isinstance(document, dict):
        kept = {}
        for key, value in document.items():
            where = f"{path}/{key}"
            if key in PROSE_KEYS and value is not None:
                prose[where] = value
                continue
            kept[key], found = split_prose(value, where)
            prose.update(found)
        return kept, prose
    if isinstance(document, list):
        items = []
        for index, value in enumerate(document):
            item, found = split_prose(value, f"{path}[{index}]")
            items.append(item)
            prose.update(found)
        return items, prose
    return document, prose


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


def golden_files(documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``{file stem: content}``: per analysis its numbers and (if any) its prose."""
    files: dict[str, Any] = {}
    for key, document in documents.items():
        numbers, prose = split_prose(document)
        files[key] = numbers
        if prose:
            files[key + EXPLANATIONS] = prose
    return files


def shipped_keys() -> list[str]:
    """The keys :func:`analyses` produces, found without running any lens (for collection)."""
    keys = []
    for entry in shipped_scenarios():
        scenario = load_scenario(entry.path)
        keys += [
            f"{entry.name}.{n}" for n, lens in available_lenses().items() if lens.applies(scenario)
        ]
    return sorted(keys)


def path_of(stem: str) -> Path:
    """The golden file of an analysis key (numbers) or ``key + EXPLANATIONS`` (prose)."""
    return DIRECTORY / f"{stem}.json"
