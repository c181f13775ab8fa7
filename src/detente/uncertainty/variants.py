"""Find a scenario's uncertain inputs and draw whole scenario variants from them.

A :class:`~detente.scenario.model.Scenario` is a tree of frozen pydantic models. Any leaf of
it may be *uncertain*: a distribution from :mod:`detente.scenario.quantity`, or any other
object exposing ``nominal()`` and ``sample(rng[, size])`` (a section may, for instance, give a
weighted list of alternative preference rankings). :func:`find_inputs` walks the tree and
names each such leaf by its path, using ids where the path crosses a list of identified
elements (``bargaining.actors[RUS].issues[donbas].position``) and indices otherwise.

A *variant* is the scenario with every uncertain leaf replaced by one drawn value. Variants
are built with ``model_copy(update=...)`` on the sub-models along each replaced path only: the
scenario was validated when it was loaded and every draw of every distribution was checked to
lie in its field's valid range then, so a variant needs no re-validation (that would dominate
the cost of a sweep). Values are drawn vectorised: all ``N`` values of one input in one call.
"""

from __future__ import annotations

import functools
import inspect
import numbers
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
from pydantic import BaseModel

from detente.scenario.quantity import is_uncertain
from detente.uncertainty.seeding import Purpose, input_generator

__all__ = [
    "Step",
    "UncertainInput",
    "VariantPlan",
    "draw_columns",
    "find_inputs",
    "nominal_scenario",
    "variants",
]

Step: TypeAlias = tuple[str, Any]
"""One step of a locator: ``("attr", field_name)``, ``("item", index)`` or ``("key", key)``."""


def _is_uncertain_leaf(value: Any) -> bool:
    if is_uncertain(value):
        return True
    return callable(getattr(value, "nominal", None)) and callable(getattr(value, "sample", None))


def _accepts_size(sample: Any) -> bool:
    try:
        parameters = list(inspect.signature(sample).parameters.values())
    except (TypeError, ValueError):  # builtins without signature: assume numpy-style
        return True
    positional = [
        p
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    return len(positional) >= 2 or any(p.name == "size" for p in parameters)


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain leaf of a scenario.

    ``name`` is the stable, human-readable path (also the column name in results and the
    label of its random stream); ``locator`` says how to reach the leaf; ``source`` is the
    distribution (or alternatives object) found there.
    """

    name: str
    locator: tuple[Step, ...]
    source: Any = field(compare=False, repr=False)

    @property
    def is_numeric(self) -> bool:
        """True for numeric distributions; False for alternatives of other kinds."""
        return bool(is_uncertain(self.source))

    def nominal(self) -> Any:
        return self.source.nominal()

    def support(self) -> tuple[float, float] | None:
        """The numeric support, or None for non-numeric alternatives."""
        if not self.is_numeric:
            return None
        lo, hi = self.source.support()
        return (float(lo), float(hi))

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` independent draws: a float array, or an object array for alternatives."""
        sample = self.source.sample
        drawn: Any = (
            sample(rng, size) if _accepts_size(sample) else [sample(rng) for _ in range(size)]
        )
        if self.is_numeric:
            return np.asarray(drawn, dtype=float)
        values = list(drawn)
        if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values):
            return np.asarray(values, dtype=float)
        # Equal draws become one shared instance: cheaper to ship to workers (pickle memoises
        # by identity) and to encode.
        canonical: dict[Any, Any] = {}
        column = np.empty(len(values), dtype=object)
        for i, value in enumerate(values):
            try:
                column[i] = canonical.setdefault(value, value)
            except TypeError:  # unhashable: keep as drawn
                column[i] = value
        return column

    def alternatives(self) -> tuple[Any, ...] | None:
        options = getattr(self.source, "alternatives", None)
        return tuple(options) if isinstance(options, Sequence) else None

    def encode(self, values: np.ndarray) -> np.ndarray:
        """Values as floats for tables and sensitivity analysis.

        Numeric draws are themselves; a drawn alternative is its index in the source's
        ``alternatives`` (or, lacking that, its rank among the distinct values' ``repr``).
        """
        if values.dtype != object:
            return values.astype(float, copy=False)
        options = self.alternatives()
        codes = np.empty(len(values), dtype=float)
        if options is not None:
            known: dict[int, float] = {}
            for i, value in enumerate(values):
                code = known.get(id(value))
                if code is None:
                    code = known[id(value)] = _index_of(options, value)
                codes[i] = code
            return codes
        labels = sorted({repr(v) for v in values})
        index = {label: k for k, label in enumerate(labels)}
        for i, value in enumerate(values):
            codes[i] = index[repr(value)]
        return codes


def _index_of(options: tuple[Any, ...], value: Any) -> float:
    for k, option in enumerate(options):
        if option is value or option == value:
            return float(k)
    # A drawn value built from an alternative (a preference made from a weighted
    # alternative, say): match on the fields they share that the alternative sets.
    if isinstance(value, BaseModel):
        for k, option in enumerate(options):
            if isinstance(option, BaseModel) and _same_content(option, value):
                return float(k)
    return float("nan")


def _same_content(option: BaseModel, value: BaseModel) -> bool:
    shared = [
        f
        for f in type(option).model_fields
        if f in type(value).model_fields and getattr(option, f) not in (None, (), "")
    ]
    return bool(shared) and all(getattr(option, f) == getattr(value, f) for f in shared)


_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _label(item: Any, index: int) -> str:
    """``[id]`` for an element that names itself (its ``id``, else its first field typed as
    an identifier, e.g. a stance's ``issue``), else ``[index]``."""
    ident = getattr(item, "id", None)
    if not isinstance(ident, str) and isinstance(item, BaseModel):
        ident = next(
            (
                getattr(item, name)
                for name, info in type(item).model_fields.items()
                if any(getattr(m, "pattern", None) for m in info.metadata)
                and isinstance(getattr(item, name), str)
            ),
            None,
        )
    if isinstance(ident, str) and _IDENTIFIER.match(ident):
        return f"[{ident}]"
    return f"[{index}]"


def _varies(value: Any) -> bool:
    """Whether a duck-typed ``nominal``/``sample`` object is uncertain: an object whose
    nominal is itself (a preference without alternatives, say) is a fixed value."""
    try:
        return bool(value.nominal() != value)
    except Exception:
        return True


def _walk(value: Any, name: str, locator: tuple[Step, ...], found: list[UncertainInput]) -> None:
    if is_uncertain(value):
        found.append(UncertainInput(name, locator, value))
        return
    if isinstance(value, BaseModel):
        before = len(found)
        for field_name in type(value).model_fields:
            child = getattr(value, field_name)
            if child is None or isinstance(child, str | int | float | bool):
                continue
            _walk(
                child,
                f"{name}.{field_name}" if name else field_name,
                (*locator, ("attr", field_name)),
                found,
            )
        # A sampleable object is one input only if nothing finer inside it is uncertain
        # (a section that samples its decision makers' preferences yields one input per
        # decision maker, not one for the whole section).
        if len(found) == before and _is_uncertain_leaf(value) and _varies(value):
            found.append(UncertainInput(name, locator, value))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            _walk(item, f"{name}{_label(item, i)}", (*locator, ("item", i)), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{name}[{key}]", (*locator, ("key", key)), found)
    elif _is_uncertain_leaf(value) and _varies(value):
        found.append(UncertainInput(name, locator, value))


def find_inputs(scenario: BaseModel) -> tuple[UncertainInput, ...]:
    """Every uncertain leaf of ``scenario``, in field order, with unique path names."""
    found: list[UncertainInput] = []
    _walk(scenario, "", (), found)
    seen: dict[str, int] = {}
    unique: list[UncertainInput] = []
    for item in found:
        count = seen.get(item.name, 0)
        seen[item.name] = count + 1
        # Two elements of one list sharing an id would collide; disambiguate, keep stability.
        name = item.name if count == 0 else f"{item.name}#{count + 1}"
        unique.append(UncertainInput(name, item.locator, item.source))
    return tuple(unique)


_Tree: TypeAlias = dict[Step, "_Tree | int"]


class VariantPlan:
    """A compiled recipe that replaces the uncertain leaves of one scenario with values.

    Built once per sweep; :meth:`apply` then rebuilds only the sub-models on the paths to
    replaced leaves, sharing every untouched sub-model with the original scenario.
    """

    def __init__(self, inputs: Sequence[UncertainInput]) -> None:
        self.inputs = tuple(inputs)
        tree: _Tree = {}
        for index, item in enumerate(self.inputs):
            node = tree
            for step in item.locator[:-1]:
                child = node.setdefault(step, {})
                assert isinstance(child, dict)
                node = child
            node[item.locator[-1]] = index
        self._tree = tree

    def __getstate__(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "tree": self._tree}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.inputs = state["inputs"]
        self._tree = state["tree"]

    def apply(self, scenario: BaseModel, values: Sequence[Any]) -> Any:
        """``scenario`` with input ``i`` replaced by ``values[i]`` (no re-validation)."""
        if len(values) != len(self.inputs):
            raise ValueError(f"expected {len(self.inputs)} values, got {len(values)}")
        return _apply(scenario, self._tree, values) if self._tree else scenario


def _value(step: Step, node: _Tree | int, current: Any, values: Sequence[Any]) -> Any:
    return values[node] if isinstance(node, int) else _apply(current, node, values)


@functools.cache
def _field_names(cls: type[BaseModel]) -> frozenset[str]:
    return frozenset(cls.model_fields)


def _apply(obj: Any, tree: _Tree, values: Sequence[Any]) -> Any:
    if isinstance(obj, BaseModel):
        update = {
            step[1]: _value(step, node, getattr(obj, step[1]), values)
            for step, node in tree.items()
        }
        copied = obj.model_copy(update=update)
        # A cached_property computed on the original lives in __dict__ and would be stale.
        if len(copied.__dict__) > len(update):
            fields = _field_names(type(obj))
            for stale in [k for k in copied.__dict__ if k not in fields]:
                del copied.__dict__[stale]
        return copied
    if isinstance(obj, tuple | list):
        items = list(obj)
        for step, node in tree.items():
            items[step[1]] = _value(step, node, items[step[1]], values)
        return type(obj)(items)
    if isinstance(obj, dict):
        mapping = dict(obj)
        for step, node in tree.items():
            mapping[step[1]] = _value(step, node, mapping[step[1]], values)
        return mapping
    raise TypeError(f"cannot replace inside a {type(obj).__name__}")


def draw_columns(
    inputs: Sequence[UncertainInput],
    draws: int,
    seed: int,
    purpose: int = Purpose.INPUT_DRAWS,
) -> list[np.ndarray]:
    """All ``draws`` values of each input, each input from its own named stream."""
    if draws < 1:
        raise ValueError("the number of draws must be positive")
    return [item.sample(input_generator(seed, item.name, purpose), draws) for item in inputs]


def nominal_scenario(scenario: BaseModel, inputs: Sequence[UncertainInput] | None = None) -> Any:
    """The scenario with every uncertain input at its nominal value."""
    inputs = find_inputs(scenario) if inputs is None else tuple(inputs)
    return VariantPlan(inputs).apply(scenario, [item.nominal() for item in inputs])


def variants(
    scenario: BaseModel, plan: VariantPlan, columns: Sequence[np.ndarray]
) -> Iterator[Any]:
    """The variants whose input values are the rows of ``columns``."""
    count = len(columns[0]) if columns else 0
    for row in range(count):
        yield plan.apply(scenario, [column[row] for column in columns])
