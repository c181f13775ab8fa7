"""The numbers every bargaining model reads: actors, issues, capability, position, salience.

A :class:`SpatialInputs` is built from a scenario's ``bargaining`` section or from a KTAB CSV
file; the engines never see either format. Positions are kept on each issue's own scale
(``low`` .. ``high``) and converted to [0, 1] by :meth:`SpatialInputs.unit_positions`, the scale
on which the KTAB family is defined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from detente.scenario.quantity import nominal

if TYPE_CHECKING:
    from detente.scenario.bargaining_section import BargainingSection
    from detente.scenario.model import Scenario

__all__ = [
    "SpatialInputs",
    "inputs_from_section",
]

Array = NDArray[np.float64]


def _frozen(values: object) -> Array:
    array = np.array(values, dtype=float)
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class SpatialInputs:
    """Actors' capability, positions and saliences on named issues.

    Attributes
    ----------
    actors, actor_names:
        Actor ids and display names, in a fixed order (row order of every array).
    dimensions, dimension_labels:
        Issue ids and labels (column order).
    capability:
        (n,) non-negative capability c_i.
    position:
        (n, d) positions on each issue's own scale.
    salience:
        (n, d) saliences s_ik in [0, 1] (share of i's attention).
    low, high:
        (d,) ends of each issue's scale.
    accommodation:
        Optional (n, n) accommodation matrix A of KTAB (None = identity: ideals track positions).
    """

    actors: tuple[str, ...]
    actor_names: tuple[str, ...]
    dimensions: tuple[str, ...]
    dimension_labels: tuple[str, ...]
    capability: Array
    position: Array
    salience: Array
    low: Array
    high: Array
    units: tuple[str, ...] = ()
    accommodation: Array | None = None
    name: str = ""
    group_of: tuple[str | None, ...] = field(default=())

    def __post_init__(self) -> None:
        for name in ("capability", "position", "salience", "low", "high"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        if self.accommodation is not None:
            object.__setattr__(self, "accommodation", _frozen(self.accommodation))
        n, d = len(self.actors), len(self.dimensions)
        if self.position.shape != (n, d) or self.salience.shape != (n, d):
            raise ValueError(f"positions and saliences must be {n} x {d}")
        if self.capability.shape != (n,) or self.low.shape != (d,) or self.high.shape != (d,):
            raise ValueError("capability must have one value per actor, low/high one per issue")
        if not np.all(self.high > self.low):
            raise ValueError("every issue needs high > low")
        if not self.units:
            object.__setattr__(self, "units", ("",) * d)

    @property
    def n_actors(self) -> int:
        return len(self.actors)

    @property
    def n_dimensions(self) -> int:
        return len(self.dimensions)

    def unit_positions(self) -> Array:
        """Positions mapped to [0, 1] per issue (low -> 0, high -> 1)."""
        return (self.position - self.low) / (self.high - self.low)

    def to_scale(self, unit: Array) -> Array:
        """Map values on [0, 1] (last axis = issues) back to each issue's own scale."""
        return self.low + np.asarray(unit, dtype=float) * (self.high - self.low)

    def permuted(self, order: list[int] | NDArray[np.int64]) -> SpatialInputs:
        """The same inputs with actors in another order (for invariance checks)."""
        idx = np.asarray(order, dtype=int)
        acc = None
        if self.accommodation is not None:
            acc = self.accommodation[np.ix_(idx, idx)]
        return SpatialInputs(
            actors=tuple(self.actors[i] for i in idx),
            actor_names=tuple(self.actor_names[i] for i in idx),
            dimensions=self.dimensions,
            dimension_labels=self.dimension_labels,
            capability=self.capability[idx],
            position=self.position[idx],
            salience=self.salience[idx],
            low=self.low,
            high=self.high,
            units=self.units,
            accommodation=acc,
            name=self.name,
            group_of=tuple(self.group_of[i] for i in idx) if self.group_of else (),
        )


def inputs_from_section(section: BargainingSection, scenario: Scenario) -> SpatialInputs:
    """The nominal numbers of a scenario's ``bargaining`` section as engine inputs.

    Actors keep the order in which the section lists them; each quantity takes its nominal
    value (the uncertainty layer draws scenario variants before this is called).
    """
    names = {a.id: a.name for a in scenario.actors}
    issue_ids = [i.id for i in section.issues]
    bloc_of = {m: b.id for b in section.blocs for m in b.members}
    positions = []
    saliences = []
    for entry in section.actors:
        by_issue = {s.issue: s for s in entry.stances}
        positions.append([nominal(by_issue[i].position) for i in issue_ids])
        saliences.append([nominal(by_issue[i].salience) for i in issue_ids])
    return SpatialInputs(
        actors=tuple(e.actor for e in section.actors),
        actor_names=tuple(names.get(e.actor, e.actor) for e in section.actors),
        dimensions=tuple(issue_ids),
        dimension_labels=tuple(i.label for i in section.issues),
        capability=np.array([nominal(e.capability) for e in section.actors], dtype=float),
        position=np.array(positions, dtype=float),
        salience=np.array(saliences, dtype=float),
        low=np.array([i.scale.low for i in section.issues], dtype=float),
        high=np.array([i.scale.high for i in section.issues], dtype=float),
        units=tuple(i.scale.units for i in section.issues),
        name=scenario.id,
        group_of=tuple(bloc_of.get(e.actor) for e in section.actors),
    )
