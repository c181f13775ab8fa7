"""The scenario: one immutable, typed description of a conflict and the deal on the table.

A scenario file (YAML) is loaded and validated by :func:`detente.scenario.load_scenario` into a
:class:`Scenario`. Lens engines read their own section; nothing downstream re-validates.

Every way of building a scenario runs the same validation: a file, YAML text, a dict
(``Scenario.model_validate``) or Python objects (``Scenario(...)``). Pydantic checks types,
ranges and required fields; then :meth:`Scenario._cross_references` asks each section that
defines ``semantic_problems(scenario)`` to check what needs the whole scenario (references to
actors, options and designs, statements that must parse, a feasible status quo). Those problems
are raised as one pydantic error of type :data:`CROSS_REFERENCE_ERROR` whose context carries
each problem's field path, so the loader can place every one of them at its file:line:column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal, Protocol

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from detente.scenario.bargaining_section import BargainingSection
from detente.scenario.common import Documented, Frozen, Identifier
from detente.scenario.conflict_section import ConflictSection
from detente.scenario.deals_section import DealsSection
from detente.scenario.guarantees_section import GuaranteesSection
from detente.scenario.ratification_section import RatificationSection
from detente.scenario.yaml_source import Path, format_path

__all__ = [
    "CROSS_REFERENCE_ERROR",
    "FORMAT",
    "Actor",
    "CrossReferenceProblem",
    "Scenario",
    "SemanticCheck",
    "Source",
]

FORMAT = "detente/1"
"""The current scenario file format; files declare it in their top-level ``format`` key."""

CROSS_REFERENCE_ERROR = "scenario_reference"
"""The pydantic error type of problems found by the sections' cross-reference checks; the
error's ``ctx["problems"]`` holds them as :data:`CrossReferenceProblem` tuples."""

CrossReferenceProblem = tuple[Path, str, str | None]
"""One cross-reference problem: (field path from the scenario's root, message, hint)."""


class SemanticCheck(Protocol):
    """A section that checks itself against the whole scenario after type validation."""

    def semantic_problems(
        self, scenario: Scenario
    ) -> Iterable[tuple[tuple[str | int, ...], str, str | None]]:
        """Every problem as (path inside the section, message, hint); empty when valid."""
        ...


class Source(Frozen):
    """A bibliographic source that assumptions can cite by ``id``."""

    id: Identifier
    citation: str = Field(min_length=1, description="Full citation (author, year, title, venue).")
    url: str | None = None
    accessed: dt.date | None = None


class Actor(Documented):
    """A party to the negotiation (state, organisation, coalition)."""

    id: Identifier
    name: str = Field(min_length=1)
    description: str | None = None


class Scenario(Frozen):
    """A complete scenario: who the parties are and each lens's description of the conflict."""

    format: Literal["detente/1"] = Field(
        description="File format version; this release reads `detente/1`."
    )
    id: Identifier
    title: str = Field(min_length=1)
    description: str = ""
    as_of: dt.date | None = Field(
        default=None, description="The date the scenario describes (its status quo)."
    )
    actors: tuple[Actor, ...] = Field(min_length=1)
    sources: tuple[Source, ...] = ()
    conflict: ConflictSection | None = None
    bargaining: BargainingSection | None = None
    guarantees: GuaranteesSection | None = None
    ratification: RatificationSection | None = None
    deals: DealsSection | None = None

    @model_validator(mode="after")
    def _unique_ids(self) -> Scenario:
        for what, ids in (
            ("actor", [a.id for a in self.actors]),
            ("source", [s.id for s in self.sources]),
        ):
            seen: set[str] = set()
            for ident in ids:
                if ident in seen:
                    raise ValueError(f"{what} id {ident!r} is used twice; ids must be unique")
                seen.add(ident)
        return self

    @model_validator(mode="after")
    def _cross_references(self) -> Scenario:
        """Run every section's ``semantic_problems``; raise them as one pydantic error."""
        problems = self.cross_reference_problems()
        if problems:
            summary = "; ".join(
                f"{format_path(path)}: {message}" + (f" (hint: {hint})" if hint else "")
                for path, message, hint in problems
            )
            raise PydanticCustomError(
                CROSS_REFERENCE_ERROR, "{summary}", {"summary": summary, "problems": problems}
            )
        return self

    def cross_reference_problems(self) -> tuple[CrossReferenceProblem, ...]:
        """The problems that need the whole scenario, with paths from the scenario's root.

        Validation raises them (every constructor runs this); it is public so that a tool
        holding an unvalidated copy (``model_construct``) can ask what is wrong with it.
        """
        found: list[CrossReferenceProblem] = []
        for name in type(self).model_fields:
            check = getattr(getattr(self, name), "semantic_problems", None)
            if check is None:
                continue
            found.extend(((name, *path), message, hint) for path, message, hint in check(self))
        return tuple(found)

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)
