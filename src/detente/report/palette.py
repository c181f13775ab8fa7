"""One colour per actor, the same in every figure of a report and of the web app.

Colours come from colour-blind-safe qualitative palettes: the first six of Okabe & Ito's
(2008) "Color Universal Design" set (its yellow and black are left out: too faint as a line on
white, and black is kept for text), then Paul Tol's (2021) "muted" scheme for scenarios with
more actors. Okabe, M. & Ito, K. (2008) *Color Universal Design*, https://jfly.uni-koeln.de/color/;
Tol, P. (2021) *Colour schemes*, SRON/EPS/TN/09-002, https://personal.sron.nl/~pault/.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from detente.scenario.model import Scenario

__all__ = ["ACTOR_COLOURS", "NEUTRAL", "ActorPalette"]

ACTOR_COLOURS: tuple[str, ...] = (
    "#0072B2",  # Okabe-Ito blue
    "#D55E00",  # Okabe-Ito vermillion
    "#009E73",  # Okabe-Ito bluish green
    "#E69F00",  # Okabe-Ito orange
    "#56B4E9",  # Okabe-Ito sky blue
    "#CC79A7",  # Okabe-Ito reddish purple
    "#332288",  # Tol muted indigo
    "#882255",  # Tol muted wine
    "#999933",  # Tol muted olive
    "#44AA99",  # Tol muted teal
    "#DDCC77",  # Tol muted sand
    "#AA4499",  # Tol muted purple
)
"""Actor colours in the order they are handed out (scenario actor order)."""

NEUTRAL = "#6b6b6b"
"""Grey for things that belong to no actor (thresholds, baselines, unowned moves)."""


@dataclass(frozen=True)
class ActorPalette:
    """A deterministic actor id -> colour map.

    Actors listed in the scenario get the palette's colours in the scenario's actor order, so
    the same scenario always colours the same actor the same way. An id that is not a scenario
    actor (e.g. a bloc that exists only in an imported bargaining file) gets a colour chosen by
    a stable hash of the id, so it too is the same in every figure and every run.
    """

    order: tuple[str, ...]
    names: Mapping[str, str] = field(default_factory=dict)
    _colours: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        colours = {
            actor: ACTOR_COLOURS[index % len(ACTOR_COLOURS)]
            for index, actor in enumerate(self.order)
        }
        object.__setattr__(self, "_colours", MappingProxyType(colours))
        object.__setattr__(self, "names", MappingProxyType(dict(self.names)))

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> ActorPalette:
        return cls(
            order=tuple(actor.id for actor in scenario.actors),
            names={actor.id: actor.name for actor in scenario.actors},
        )

    def colour(self, actor_id: str) -> str:
        """The colour of ``actor_id`` (hash-based but stable for ids outside the scenario)."""
        known = self._colours.get(actor_id)
        if known is not None:
            return known
        digest = hashlib.sha256(actor_id.encode("utf-8")).digest()
        return ACTOR_COLOURS[digest[0] % len(ACTOR_COLOURS)]

    def name(self, actor_id: str) -> str:
        """The actor's display name (its id when the scenario does not name it)."""
        return self.names.get(actor_id, actor_id)

    def mapping(self, actor_ids: Iterable[str] | None = None) -> dict[str, str]:
        """``{actor id: colour}`` for the given ids (default: the scenario's actors)."""
        return {a: self.colour(a) for a in (self.order if actor_ids is None else actor_ids)}
