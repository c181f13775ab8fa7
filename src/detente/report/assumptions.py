"""The scenario's assumptions, collected for the report: every documented judgement.

A scenario is a tree of frozen pydantic models; every element that records a judgement derives
from :class:`~detente.scenario.common.Documented` (``rationale`` and ``sources``). This module
walks the tree generically, so a new scenario section shows up in the report with no change
here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from detente.scenario.common import Documented
from detente.scenario.model import Scenario, Source
from detente.scenario.quantity import is_uncertain, nominal, support

__all__ = ["Assumption", "UncertainInput", "assumptions", "resolve_source", "uncertain_inputs"]

_LABEL_FIELDS = ("name", "label", "title", "statement", "description", "id")


@dataclass(frozen=True)
class Citation:
    """A source as an assumption cites it: its number in the scenario's list (None for a
    free-text citation) and the source."""

    number: int | None
    source: Source


@dataclass(frozen=True)
class Assumption:
    """One documented judgement: where it is, what it says, why, and on what evidence.

    ``section`` is the top-level key it belongs to (``conflict``, ``bargaining``, ...).
    """

    section: str
    path: str
    label: str
    values: str
    rationale: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class UncertainInput:
    """A number given as a distribution: its nominal value and the range of its draws."""

    path: str
    distribution: str
    nominal: float
    low: float
    high: float


_NAMING_FIELDS = ("id", "actor", "issue", "option", "design")


def _path(parts: tuple[str | int, ...], root: Any = None) -> str:
    """``a.b[2].c``; with ``root``, list positions are replaced by the ids found there."""
    text = ""
    node = root
    for part in parts:
        if isinstance(part, int):
            item = node[part] if isinstance(node, tuple | list) and part < len(node) else None
            label = next(
                (
                    str(getattr(item, f))
                    for f in _NAMING_FIELDS
                    if isinstance(getattr(item, f, None), str)
                ),
                str(part),
            )
            text += f"[{label}]"
            node = item
        else:
            text += f".{part}" if text else part
            node = getattr(node, part, None) if node is not None else None
    return text or "(scenario)"


_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def readable_path(scenario: Scenario | None, path: str) -> str:
    """A field path with list positions replaced by the ids found there.

    ``bargaining.actors[0].stances[3].position`` becomes
    ``bargaining.actors[RUS].stances[army_ceiling].position``; a path that does not resolve
    keeps its positions.
    """
    parts: list[str | int] = []
    for match in _TOKEN.finditer(path):
        name, index = match.groups()
        parts.append(name if name is not None else int(index))
    return _path(tuple(parts), scenario) if parts else path


def _walk(node: Any, parts: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield parts, node
    if is_uncertain(node):
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), (*parts, name))
    elif isinstance(node, tuple | list):
        for index, item in enumerate(node):
            yield from _walk(item, (*parts, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _walk(item, (*parts, str(key)))


def _label(node: BaseModel, path: tuple[str | int, ...]) -> str:
    for name in _LABEL_FIELDS:
        value = getattr(node, name, None)
        if isinstance(value, str) and value:
            return value
    return _path(path)


def _short(value: Any) -> str | None:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g}"
    if is_uncertain(value):
        low, high = support(value)
        return f"{value.dist} (nominal {nominal(value):g}, range {low:g} to {high:g})"
    if hasattr(value, "value") and isinstance(value.value, str):  # enums
        return str(value.value)
    return None


def _values(node: BaseModel) -> str:
    shown = []
    for name in type(node).model_fields:
        if name in {"rationale", "sources", *_LABEL_FIELDS}:
            continue
        text = _short(getattr(node, name))
        if text is not None:
            shown.append(f"{name} = {text}")
    return "; ".join(shown)


def resolve_source(scenario: Scenario, ref: str) -> Citation:
    """The scenario source with id ``ref`` (numbered from 1 in list order); a free-text
    citation becomes an unnumbered ad-hoc source."""
    for number, source in enumerate(scenario.sources, start=1):
        if source.id == ref:
            return Citation(number, source)
    return Citation(None, Source(id="cited", citation=ref))


def assumptions(scenario: Scenario) -> list[Assumption]:
    """Every element of the scenario that carries a rationale or sources, in file order."""
    found = []
    for parts, node in _walk(scenario, ()):
        if not isinstance(node, Documented) or not (node.rationale or node.sources):
            continue
        found.append(
            Assumption(
                section=str(parts[0]) if parts else "scenario",
                path=_path(parts, scenario),
                label=_label(node, parts),
                values=_values(node),
                rationale=node.rationale or "",
                sources=tuple(resolve_source(scenario, ref) for ref in node.sources),
            )
        )
    return found


def uncertain_inputs(scenario: Scenario) -> list[UncertainInput]:
    """Every number of the scenario that is given as a distribution, in file order."""
    found = []
    for parts, node in _walk(scenario, ()):
        if is_uncertain(node):
            low, high = support(node)
            found.append(
                UncertainInput(_path(parts, scenario), str(node.dist), nominal(node), low, high)
            )
    return found
