"""Numbers that may be uncertain: a plain value or a named distribution.

Any numeric input of a scenario (a capability, a payoff, a prior, a force size...) may be
written either as a number or as a distribution::

    capability: 0.8
    capability: {dist: triangular, low: 0.6, mode: 0.8, high: 0.9}

A single analysis uses each quantity's *nominal* value (the analyst's central estimate: the
mode of a triangular, the mean of a normal or beta, the midpoint of a uniform, the most
heavily weighted value of a choice). The uncertainty layer draws from the distributions.
Validation checks that the whole support of a distribution lies in the field's valid range,
so that every draw is valid, not just the nominal one.

A field says its range in its annotation, which keeps it typed as a :data:`Quantity`::

    capability: Annotated[Quantity, Range(ge=0)]
    prior: Probability

Every number, plain or a distribution's parameter, is finite, within
:data:`~detente.scenario.limits.MAX_MAGNITUDE` and strict (``true`` is not a number).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeAlias

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic_core import CoreSchema, core_schema

from detente.scenario.common import Number

__all__ = [
    "Beta",
    "Choice",
    "Distribution",
    "NonNegative",
    "Normal",
    "Positive",
    "Probability",
    "Quantity",
    "Range",
    "Triangular",
    "Uniform",
    "bounded",
    "is_uncertain",
    "nominal",
    "support",
]


class _Dist(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    def nominal(self) -> float:
        raise NotImplementedError

    def support(self) -> tuple[float, float]:
        raise NotImplementedError

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        raise NotImplementedError


class Uniform(_Dist):
    """Uniform on [low, high]."""

    dist: Literal["uniform"]
    low: Number
    high: Number

    @model_validator(mode="after")
    def _order(self) -> Uniform:
        if not self.low < self.high:
            raise ValueError(f"uniform needs low < high (got low={self.low}, high={self.high})")
        return self

    def nominal(self) -> float:
        return (self.low + self.high) / 2

    def support(self) -> tuple[float, float]:
        return (self.low, self.high)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.uniform(self.low, self.high, size)


class Triangular(_Dist):
    """Triangular on [low, high] with peak at ``mode``."""

    dist: Literal["triangular"]
    low: Number
    mode: Number
    high: Number

    @model_validator(mode="after")
    def _order(self) -> Triangular:
        if not (self.low <= self.mode <= self.high and self.low < self.high):
            raise ValueError(
                "triangular needs low <= mode <= high and low < high "
                f"(got low={self.low}, mode={self.mode}, high={self.high})"
            )
        return self

    def nominal(self) -> float:
        return self.mode

    def support(self) -> tuple[float, float]:
        return (self.low, self.high)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.triangular(self.low, self.mode, self.high, size)


class Normal(_Dist):
    """Normal(mean, sd), truncated to [low, high] (defaults: the field's valid range)."""

    dist: Literal["normal"]
    mean: Number
    sd: Number = Field(gt=0)
    low: Number | None = None
    high: Number | None = None

    @model_validator(mode="after")
    def _order(self) -> Normal:
        lo = -math.inf if self.low is None else self.low
        hi = math.inf if self.high is None else self.high
        if not lo < hi:
            raise ValueError(f"normal truncation needs low < high (got {self.low}, {self.high})")
        if not lo <= self.mean <= hi:
            raise ValueError(f"normal mean {self.mean} lies outside its truncation [{lo}, {hi}]")
        return self

    def nominal(self) -> float:
        return self.mean

    def support(self) -> tuple[float, float]:
        return (
            -math.inf if self.low is None else self.low,
            math.inf if self.high is None else self.high,
        )

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        from scipy.stats import truncnorm

        lo, hi = self.support()
        a, b = (lo - self.mean) / self.sd, (hi - self.mean) / self.sd
        return np.asarray(
            truncnorm.rvs(a, b, loc=self.mean, scale=self.sd, size=size, random_state=rng),
            dtype=float,
        )


class Beta(_Dist):
    """Beta(a, b) rescaled to [low, high] (default [0, 1])."""

    dist: Literal["beta"]
    a: Number = Field(gt=0)
    b: Number = Field(gt=0)
    low: Number = 0.0
    high: Number = 1.0

    @model_validator(mode="after")
    def _order(self) -> Beta:
        if not self.low < self.high:
            raise ValueError(f"beta needs low < high (got low={self.low}, high={self.high})")
        return self

    def nominal(self) -> float:
        return self.low + (self.high - self.low) * self.a / (self.a + self.b)

    def support(self) -> tuple[float, float]:
        return (self.low, self.high)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return self.low + (self.high - self.low) * rng.beta(self.a, self.b, size)


class Choice(_Dist):
    """One of ``values`` with probabilities proportional to ``weights`` (default equal)."""

    dist: Literal["choice"]
    values: tuple[Number, ...] = Field(min_length=1, max_length=10_000)
    weights: tuple[Number, ...] | None = None

    @model_validator(mode="after")
    def _weights(self) -> Choice:
        if self.weights is not None:
            if len(self.weights) != len(self.values):
                raise ValueError(
                    f"choice has {len(self.values)} values but {len(self.weights)} weights"
                )
            if any(w < 0 for w in self.weights) or not sum(self.weights) > 0:
                raise ValueError("choice weights must be non-negative and sum to a positive number")
        return self

    def probabilities(self) -> np.ndarray:
        w = np.ones(len(self.values)) if self.weights is None else np.asarray(self.weights, float)
        return np.asarray(w / w.sum(), dtype=float)

    def nominal(self) -> float:
        return float(self.values[int(np.argmax(self.probabilities()))])

    def support(self) -> tuple[float, float]:
        return (min(self.values), max(self.values))

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.choice(np.asarray(self.values, float), size=size, p=self.probabilities())


Distribution: TypeAlias = Annotated[
    Uniform | Triangular | Normal | Beta | Choice, Field(discriminator="dist")
]
Quantity: TypeAlias = Number | Distribution
"""A number or a distribution over numbers (see the module docstring)."""


def is_uncertain(value: Any) -> bool:
    return isinstance(value, _Dist)


def nominal(value: Quantity) -> float:
    """The value a single (non-swept) analysis uses."""
    return value.nominal() if isinstance(value, _Dist) else float(value)


def support(value: Quantity) -> tuple[float, float]:
    if isinstance(value, _Dist):
        return value.support()
    return (float(value), float(value))


def _range_text(ge: float | None, le: float | None, gt: float | None, lt: float | None) -> str:
    lower = f">= {ge}" if ge is not None else (f"> {gt}" if gt is not None else None)
    upper = f"<= {le}" if le is not None else (f"< {lt}" if lt is not None else None)
    return " and ".join(x for x in (lower, upper) if x) or "any number"


def _checker(
    ge: float | None, le: float | None, gt: float | None, lt: float | None
) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, Normal):
            # Truncate an open normal to the field's range so every draw is valid.
            low = value.low if value.low is not None else (ge if ge is not None else gt)
            high = value.high if value.high is not None else (le if le is not None else lt)
            value = value.model_copy(update={"low": low, "high": high})
        lo, hi = support(value)
        ok = (
            (ge is None or lo >= ge)
            and (gt is None or lo > gt)
            and (le is None or hi <= le)
            and (lt is None or hi < lt)
        )
        if not ok:
            what = "value" if not is_uncertain(value) else f"support [{lo}, {hi}]"
            raise ValueError(
                f"{what} is out of range: must be {_range_text(ge, le, gt, lt)}"
                + ("" if not is_uncertain(value) else " for every draw")
            )
        return value

    return check


@dataclass(frozen=True)
class Range:
    """The valid range of a quantity: its value, or every draw of its distribution.

    Used as ``Annotated[Quantity, Range(ge=0, le=1)]``. An open normal distribution is truncated
    to the range, so that its draws are valid too.
    """

    ge: float | None = None
    le: float | None = None
    gt: float | None = None
    lt: float | None = None

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            _checker(self.ge, self.le, self.gt, self.lt), handler(source)
        )

    def describe(self) -> str:
        """The range as text, e.g. ``>= 0 and <= 1``."""
        return _range_text(self.ge, self.le, self.gt, self.lt)


Probability: TypeAlias = Annotated[Quantity, Range(ge=0.0, le=1.0)]
"""A probability (or any share) in [0, 1], plain or uncertain."""

NonNegative: TypeAlias = Annotated[Quantity, Range(ge=0.0)]
"""A quantity >= 0, plain or uncertain."""

Positive: TypeAlias = Annotated[Quantity, Range(gt=0.0)]
"""A quantity > 0, plain or uncertain."""


def bounded(
    *,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
) -> Any:
    """``Annotated[Quantity, Range(...)]`` built at run time.

    For code that makes field types dynamically; a field annotation should spell the type out
    (``Annotated[Quantity, Range(ge=0)]``) so that type checkers see a :data:`Quantity`.
    """
    return Annotated[Quantity, Range(ge=ge, le=le, gt=gt, lt=lt)]
