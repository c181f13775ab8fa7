"""Building blocks shared by every scenario section: identifiers, numbers, documented assumptions."""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)

from detente.scenario.limits import MAX_MAGNITUDE

__all__ = ["Documented", "Frozen", "Identifier", "Integer", "Number", "SourceRef"]


def _within_magnitude(value: float) -> float:
    if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        raise ValueError(
            f"{value:g} is too large: numbers in a scenario lie within ±{MAX_MAGNITUDE:g}"
        )
    return value


Number: TypeAlias = Annotated[
    float, Strict(), AllowInfNan(False), AfterValidator(_within_magnitude)
]
"""A finite number within ±:data:`~detente.scenario.limits.MAX_MAGNITUDE`. Strict: an integer is
a number, but ``true`` and the text ``"0.5"`` are not."""

Integer: TypeAlias = Annotated[int, Strict()]
"""A whole number; strict, so ``true`` or ``2.0`` or ``"2"`` are refused, not converted."""

Identifier: TypeAlias = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", min_length=1, max_length=64),
]
"""An id usable in statements and on the command line: a letter, then letters, digits or _."""

SourceRef: TypeAlias = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
"""The id of an entry of the scenario's ``sources`` list, or a free-text citation."""


class Frozen(BaseModel):
    """Immutable, strict-about-unknown-fields base for every scenario model."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, allow_inf_nan=False
    )


class Documented(Frozen):
    """An element that records a judgement: why it was made and on what evidence.

    Every number, option and preference in a scenario is an assumption; ``rationale`` and
    ``sources`` let the analyst say why, and reports show them next to the results.
    """

    rationale: str | None = Field(
        default=None, description="Why this judgement was made (shown next to results)."
    )
    sources: tuple[SourceRef, ...] = Field(
        default=(), description="Ids of entries in the scenario's `sources`, or citations."
    )
