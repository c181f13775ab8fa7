"""Load and validate scenario files, reporting every problem at file:line:column.

Validation runs in two passes, both inside :class:`~detente.scenario.model.Scenario`'s own
validation (so a scenario built from a dict or from Python objects gets the same checks).
Pydantic checks types, ranges and required fields. Then each section that defines
``semantic_problems(scenario)`` checks what needs the whole scenario (references to actors or
options, statements that must parse, constraints that must leave a feasible state...). Both
passes report problems by field path, which the YAML source map turns into a line and column.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from detente.errors import Problem, ScenarioError
from detente.scenario.catalog import resolve_scenario_path, shipped_scenarios
from detente.scenario.input_file import read_input_text
from detente.scenario.limits import MAX_SCENARIO_BYTES
from detente.scenario.model import CROSS_REFERENCE_ERROR, FORMAT, Scenario, SemanticCheck
from detente.scenario.yaml_source import SourceMap, format_path, parse_yaml

__all__ = [
    "MAX_SCENARIO_BYTES",
    "SemanticCheck",
    "load",
    "load_scenario",
    "load_scenario_data",
    "load_scenario_text",
]


def _unwrap_model(annotation: Any) -> Any:
    """Strip Annotated / Optional / containers until a single model (or give up)."""
    import types
    import typing

    current = annotation
    for _ in range(8):
        origin = typing.get_origin(current)
        if origin is typing.Annotated:
            current = typing.get_args(current)[0]
        elif origin in (typing.Union, types.UnionType):
            models = [
                a
                for a in typing.get_args(current)
                if isinstance(a, type) and issubclass(a, BaseModel)
            ]
            if len(models) != 1:
                return None
            current = models[0]
        elif origin in (tuple, list, dict):
            args = [a for a in typing.get_args(current) if a is not Ellipsis]
            current = args[-1] if args else None
        else:
            return current
    return None


def _valid_fields(model: type[BaseModel], loc: Sequence[str | int]) -> list[str] | None:
    """Field names valid at ``loc`` (best effort, for 'unknown field' hints)."""
    current: Any = model
    for part in loc:
        current = _unwrap_model(current)
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap_model(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None


_WRAPPERS = ("function-after", "function-before", "function-wrap", "function-plain")
_DISTRIBUTIONS = "uniform, triangular, normal, beta, choice"


def _is_number_member(part: Any) -> bool:
    """Whether a loc part names the plain-number member of a union (``float``, ``int``, or a
    validator wrapped around one, as pydantic names it)."""
    return isinstance(part, str) and (
        part in ("float", "int") or part.endswith((", float]", ", int]"))
    )


def _branch(loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], str | None, tuple[Any, ...]]:
    """Split a pydantic loc at a number-or-distribution union.

    Returns (prefix, branch, rest): branch is ``"distribution"`` for errors inside the tagged
    union of distributions (whose tag part is dropped), ``"number"`` for the plain-number
    branch, None when the loc crosses no such union. Validator wrappers are dropped.
    """

    def plain(parts: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(p for p in parts if not (isinstance(p, str) and p.startswith(_WRAPPERS)))

    for k, part in enumerate(loc):
        if isinstance(part, str) and part.startswith("tagged-union["):
            return plain(loc[:k]), "distribution", plain(loc[k + 2 :])
    if len(loc) > 1 and _is_number_member(loc[-1]):
        return plain(loc[:-1]), "number", ()
    return plain(loc), None, ()


_TYPE_ERRORS = frozenset(
    {"float_type", "float_parsing", "int_type", "int_parsing", "int_from_float", "finite_number"}
)
_DATE_ERRORS = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)


def _shown(value: Any) -> str:
    """An input value as the user wrote it in YAML (``true``, ``null``, ``'text'``, ``1.5``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _plain_type_problem(err: Any) -> tuple[str, str | None] | None:
    """A clearer message (and hint) for a wrong-type number, integer or date."""
    kind = err["type"]
    shown = _shown(err.get("input"))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, not {shown}", None
    if kind in _TYPE_ERRORS:
        return f"expected a number, not {shown}", "write a plain number such as 0.5 (no quotes)"
    if kind in _DATE_ERRORS:
        detail = str(err["msg"]).partition(", ")[2]
        return (
            f"{shown} is not a calendar date" + (f" ({detail})" if detail else ""),
            "write the date as YYYY-MM-DD, e.g. 2025-12-15",
        )
    return None


def _value_at(data: Any, loc: Sequence[Any]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _pydantic_problems(exc: ValidationError, source: SourceMap, data: Any) -> list[Problem]:
    problems: list[Problem] = []
    errors = exc.errors(include_url=False)
    failed_locs = [tuple(e["loc"]) for e in errors if e["type"] != "too_short"]
    seen: set[tuple[Any, ...]] = set()
    for err in errors:
        if err["type"] == CROSS_REFERENCE_ERROR:
            problems.extend(
                source.problem(path, message, hint)
                for path, message, hint in err["ctx"]["problems"]
            )
            continue
        if err["type"] == "too_short" and any(
            loc[: len(err["loc"])] == tuple(err["loc"]) and len(loc) > len(err["loc"])
            for loc in failed_locs
        ):
            continue  # "0 items after validation" only echoes the item errors reported
        prefix, branch, rest = _branch(tuple(err["loc"]))
        message = str(err["msg"])
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        hint = None
        if branch is not None:
            # A number-or-distribution field: report only the branch the input was aiming at.
            is_mapping = isinstance(_value_at(data, prefix), dict)
            if (branch == "number") == is_mapping:
                continue
            loc = (*prefix, *rest)
            if branch == "number" and err["type"] in _TYPE_ERRORS:
                message = f"expected a number or a distribution, not {_shown(err.get('input'))}"
                hint = f"write a number, or {{dist: ..., ...}} with dist one of {_DISTRIBUTIONS}"
            elif err["type"] in ("union_tag_not_found", "union_tag_invalid"):
                message = "unknown or missing distribution `dist`"
                hint = f"dist must be one of {_DISTRIBUTIONS}"
            elif (better := _plain_type_problem(err)) is not None:
                message, hint = better
        else:
            loc = prefix
            if (better := _plain_type_problem(err)) is not None:
                message, hint = better
        if err["type"] == "extra_forbidden":
            valid = _valid_fields(Scenario, loc[:-1])
            message = "unknown field"
            hint = f"valid fields here: {', '.join(valid)}" if valid else "check the spelling"
        elif err["type"] == "string_pattern_mismatch":
            message = f"{err['input']!r} is not a valid id"
            hint = "ids start with a letter and contain only letters, digits and _"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "literal_error" and loc == ("format",):
            hint = f"this release reads format: {FORMAT}"
        key = (loc, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(source.problem(loc, message, hint))
    return problems


def load_scenario_data(data: Any, source: SourceMap) -> Scenario:
    """Validate already-parsed data (with its source map) into a :class:`Scenario`."""
    if not isinstance(data, dict):
        raise source.error(
            (), "a scenario file must be a YAML mapping", f"start with `format: {FORMAT}`"
        )
    fmt = data.get("format")
    if fmt is None:
        raise source.error(
            (), "the top-level `format` key is missing", f"add `format: {FORMAT}` as first line"
        )
    if fmt != FORMAT:
        raise source.error(
            ("format",), f"unsupported scenario format {fmt!r}", f"this release reads {FORMAT}"
        )
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_pydantic_problems(exc, source, data)) from None


def load_scenario_text(text: str, file: str = "<input>") -> Scenario:
    """Parse and validate scenario YAML given as text (``file`` names it in messages)."""
    document = parse_yaml(text, file)
    return load_scenario_data(document.data, document.source)


def load_scenario(path: str | FsPath) -> Scenario:
    """Load and validate a scenario file.

    The file must be a regular file of at most :data:`MAX_SCENARIO_BYTES` bytes (counted while
    reading; named pipes and devices are refused without blocking), in UTF-8.

    Raises
    ------
    ScenarioError
        With every problem found, each at file:line:column with the field path and a hint.
    """
    name = str(path)
    text = read_input_text(path, limit=MAX_SCENARIO_BYTES, what="scenario file")
    return load_scenario_text(text, name)


def describe_path(path: Sequence[str | int]) -> str:
    """``("conflict", "options", 2)`` -> ``conflict.options[2]`` (as problems name fields)."""
    return format_path(path)


def _is_yaml_text(text: str) -> bool:
    return "\n" in text or text.lstrip().startswith(("format:", "{"))


def load(source: str | os.PathLike[str] | Mapping[str, Any] | Scenario | None = None) -> Scenario:
    """A validated :class:`Scenario` from whatever names or holds one.

    Parameters
    ----------
    source
        A path to a scenario file; the name of a shipped scenario (``"ukraine-2025"``,
        ``"elmira"``, ...; see :func:`~detente.scenario.catalog.shipped_scenarios`); scenario
        YAML as text (anything with a line break, or starting with ``format:``); the parsed
        data as a mapping (``scenario.model_dump(mode="json")`` round-trips); a
        :class:`Scenario`, returned as it is (it was validated when it was built); or None
        for the shipped default scenario.

    Returns
    -------
    Scenario
        Immutable and completely validated: types and ranges, then every cross-reference
        (actors, options, designs, statements), whichever way it was given.

    Raises
    ------
    ScenarioError
        With every problem found, each with its field path (and file, line and column when
        the scenario came from YAML) and a hint saying what would be valid.

    Examples
    --------
    >>> from detente.scenario import load
    >>> load("elmira").conflict.option_ids()[:2]
    ['MOD', 'DEL']
    """
    if isinstance(source, Scenario):
        return source
    if isinstance(source, Mapping):
        return load_scenario_data(dict(source), SourceMap("<dict>"))
    if isinstance(source, str) and _is_yaml_text(source):
        return load_scenario_text(source)
    if source is not None and not isinstance(source, str | os.PathLike):
        raise ScenarioError.single(
            f"cannot load a scenario from a {type(source).__name__}",
            hint="give a file path, a shipped scenario's name, YAML text, a dict or a Scenario",
        )
    path = resolve_scenario_path(None if source is None else os.fspath(source))
    if isinstance(source, str) and not path.exists() and not path.suffix and "/" not in source:
        names = ", ".join(s.name for s in shipped_scenarios())
        raise ScenarioError.single(
            "no such file, and no shipped scenario of that name",
            file=source,
            hint=f"shipped scenarios: {names}",
        )
    return load_scenario(path)
