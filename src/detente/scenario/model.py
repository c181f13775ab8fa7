"""The scenario: one immutable, typed description of a conflict and the deal on the table.

A scenario file (YAML) is loaded and validated by :func:`detente.scenario.load_scenario` into a
:class:`Scenario`. Lens engines read their own section; nothing downstream re-validates.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from detente.scenario.bargaining_section import BargainingSection
from detente.scenario.common import Documented, Frozen, Identifier
from detente.scenario.conflict_section import ConflictSection
from detente.scenario.deals_section import DealsSection
from detente.scenario.guarantees_section import GuaranteesSection
from detente.scenario.ratification_section import RatificationSection

__all__ = ["FORMAT", "Actor", "Scenario", "Source"]

FORMAT = "detente/1"
"""The current scenario file format; files declare it in their top-level ``format`` key."""


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

    def actor(self, actor_id: str) -> Actor:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)
