"""The scenario's assumptions, collected for the report: every documented judgement.

A scenario is a tree of frozen pydantic models; every element that records a judgement derives
from :class:`~detente.scenario.common.Documented` (``rationale`` and ``sources``). This module
walks the tree generically, so a new scenario section shows up in the report with no change
here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from detente.scenario.common import Documented
from detente.scenario.model import Scenario, Source
from detente.scenario.quantity import is_uncertain, nominal, support

__all__ = ["Assumption", "UncertainInput", "assumptions", "uncertain_inputs", "resolve_source"]

_LABEL_FIELDS = ("name", "label", "title", "statement", "description", "id")


@dataclass(frozen=True)
class Assumption:
    """One documented judgement: where it is, what it says, why, and on what evidence."""

    path: str
    label: str
    values: str
    rationale: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class UncertainInput:
    """A number given as a distribution: its nominal value and the range of its draws."""

    path: str
    distribution: str
    nominal: float
    low: float
    high: float


def _path(parts: tuple[str | int, ...]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(scenario)"


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


def resolve_source(scenario: Scenario, ref: str) -> Source:
    """The scenario source with id ``ref``; a free-text citation becomes an ad-hoc source."""
    for source in scenario.sources:
        if source.id == ref:
            return source
    return Source(id="cited", citation=ref)


def assumptions(scenario: Scenario) -> list[Assumption]:
    """Every element of the scenario that carries a rationale or sources, in file order."""
    found = []
    for parts, node in _walk(scenario, ()):
        if not isinstance(node, Documented) or not (node.rationale or node.sources):
            continue
        found.append(
            Assumption(
                path=_path(parts),
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
                UncertainInput(_path(parts), str(node.dist), nominal(node), low, high)
            )
    return found
