"""Read YAML into plain Python data, within bounds, remembering where every value came from.

The document is read as a stream of parse events (libyaml's C parser through
``ruamel.yaml.clib`` when installed, ruamel.yaml's pure-Python parser otherwise) and built into
dicts, lists and scalars by one loop with an explicit stack, so that:

- nesting deeper than :data:`~detente.scenario.limits.MAX_NESTING` is refused as soon as it is
  seen, before any recursion (a 10,000-deep document costs microseconds, not a RecursionError);
- an alias adds the size of what it names to a running count of values, and a document that
  expands to more than :data:`~detente.scenario.limits.MAX_VALUES` is refused at the alias that
  crosses the line (an alias bomb is never expanded); aliased values are shared, not copied;
- numbers are finite (``.nan``, ``.inf`` and overflowing literals such as ``1e400`` are located
  errors), integers have at most a few thousand digits, and only the core YAML tags are read
  (the loader never constructs arbitrary Python objects);
- dates that are not on the calendar (``2020-02-30``) stay text, so validation reports them at
  their field.

Scalars are typed by the YAML 1.2 core schema (ruamel's resolver). The position (1-based line,
column) of every mapping key and sequence item is kept in a :class:`SourceMap`, so problems
found later (by pydantic, or by a section's own checks) are reported at file:line:column.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from io import StringIO
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.util import create_timestamp, timestamp_regexp

from detente.errors import Problem, ScenarioError
from detente.scenario.limits import MAX_NESTING, MAX_SCENARIO_BYTES, MAX_VALUES

__all__ = ["Path", "SourceMap", "YamlDocument", "format_path", "parse_yaml"]

Path = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_HINT = "check indentation, colons after keys, and quotes around text containing ': ' or '#'"


def format_path(path: Sequence[str | int]) -> str:
    """``("conflict", "options", 2, "id")`` -> ``conflict.options[2].id``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(document)"


@dataclass(frozen=True)
class SourceMap:
    """Positions (1-based line, column) of the nodes of one YAML document."""

    file: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Position of ``path``, or of its nearest ancestor that has one."""
        key = tuple(path)
        while True:
            if key in self.positions:
                return self.positions[key]
            if not key:
                return (None, None)
            key = key[:-1]

    def problem(self, path: Sequence[str | int], message: str, hint: str | None = None) -> Problem:
        line, column = self.locate(path)
        return Problem(message, self.file, line, column, format_path(path) if path else None, hint)

    def error(
        self, path: Sequence[str | int], message: str, hint: str | None = None
    ) -> ScenarioError:
        return ScenarioError([self.problem(path, message, hint)])


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    source: SourceMap


class _Refused(Exception):
    """A bound or rule of :func:`parse_yaml` broken at a position of the text."""

    def __init__(self, mark: Any, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint
        self.path: Path | None = None


def _events(text: str) -> Iterator[Any]:
    """Parse events of ``text``: libyaml's C parser when available, else ruamel's own."""
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # no compiled ruamel.yaml.clib for this interpreter
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(StringIO(text))
        return
    parser = CParser(StringIO(text))
    while True:
        event = parser.get_event()
        if event is None:
            return
        yield event


def _core_schema() -> dict[str, list[tuple[str, Any]]]:
    """ruamel's YAML 1.2 implicit resolvers by first character ("" for the empty scalar)."""
    table: dict[str, list[tuple[str, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for character in first if first is not None else [None]:
                table.setdefault("" if character is None else character, []).append(
                    (str(tag), regexp)
                )
    return table


_IMPLICIT = _core_schema()


def _resolve(text: str) -> str:
    """The core-schema tag of a plain scalar (``str`` unless it reads as something else)."""
    for tag, regexp in _IMPLICIT.get(text[:1], ()):
        if regexp.match(text):
            return tag
    return _CORE + "str"


def _integer(text: str, mark: Any) -> int:
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    try:
        for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
            if digits.lower().startswith(prefix):
                return sign * int(digits[2:], base)
        return sign * int(digits)
    except ValueError:
        if len(digits) > 1000:
            raise _Refused(mark, f"an integer of {len(digits):,} digits is too long") from None
        raise _Refused(mark, f"{text!r} is not an integer") from None


def _float(text: str, mark: Any) -> float:
    literal = text.replace("_", "")
    value = math.nan
    if literal.lower().lstrip("+-") not in (".inf", ".nan"):
        try:
            value = float(literal)
        except ValueError:
            raise _Refused(mark, f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise _Refused(
            mark,
            f"{text!r} is not a finite number",
            "write a number; .nan, .inf and numbers beyond ±1.8e308 have no meaning here",
        )
    return value


def _timestamp(text: str) -> str:
    """A date or time as ISO text; text that is not on the calendar stays as written."""
    match = timestamp_regexp.match(text)
    if match is None:
        return text
    try:
        value = create_timestamp(**match.groupdict())
    except (ValueError, OverflowError):
        return text  # e.g. 2020-02-30: validation says which field wants a real date
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    return text


def _tag(event: Any) -> str | None:
    """The event's tag as text (the C parser gives str, the pure one a ruamel Tag)."""
    tag = event.tag
    if tag is None:
        return None
    return str(getattr(tag, "value", tag))


def _scalar(event: Any) -> Any:
    """The Python value of one scalar event (core schema only)."""
    text: str = event.value
    tag = _tag(event)
    plain = event.style in (None, "") and event.implicit[0]
    if tag in (None, "!"):
        if not plain or tag == "!":
            return text
        tag = _resolve(text)
    if not isinstance(tag, str) or not tag.startswith(_CORE):
        raise _Refused(
            event.start_mark,
            f"the YAML tag {tag!r} is not supported",
            "scenario files use plain YAML values: remove the tag",
        )
    kind = tag[len(_CORE) :]
    if kind in ("str", "merge", "value"):  # `<<` (merge key) and `=` are read as text
        return text
    if kind == "null":
        return None
    if kind == "bool":
        if text.lower() not in ("true", "false"):
            raise _Refused(event.start_mark, f"{text!r} is not true or false")
        return text.lower() == "true"
    if kind == "int":
        return _integer(text, event.start_mark)
    if kind == "float":
        return _float(text, event.start_mark)
    if kind == "timestamp":
        return _timestamp(text)
    raise _Refused(
        event.start_mark,
        f"the YAML tag !!{kind} is not supported",
        "scenario files use mappings, lists, text, numbers, booleans and dates",
    )


@dataclass
class _Collection:
    """A mapping or list being built: what it is, where it sits, what it has so far."""

    value: dict[str, Any] | list[Any]
    path: Path
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_is_merge: bool = False
    key_marks: dict[str, Any] = field(default_factory=dict)
    merges: list[Any] = field(default_factory=list)


class _Builder:
    """Plain data and positions from a stream of parse events, within the limits."""

    def __init__(self, max_values: int) -> None:
        self.max_values = max_values
        self.values = 0
        self.stack: list[_Collection] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.positions: dict[Path, tuple[int, int]] = {(): (1, 1)}
        self.documents: list[Any] = []

    def count(self, size: int, mark: Any, via_alias: bool = False) -> None:
        self.values += size
        if self.values > self.max_values:
            raise _Refused(
                mark,
                f"the document expands to more than {self.max_values:,} values"
                + (" through YAML aliases" if via_alias else ""),
                "write each value out, or use fewer aliases of large blocks",
            )

    def open(self, event: Any, value: dict[str, Any] | list[Any], what: str) -> None:
        tag = _tag(event)
        if tag not in (None, "!", f"{_CORE}{what}"):
            raise _Refused(event.start_mark, f"the YAML tag {tag!r} is not supported")
        if len(self.stack) >= MAX_NESTING:
            raise _Refused(
                event.start_mark,
                f"mappings and lists are nested more than {MAX_NESTING} levels deep",
                "a scenario needs far fewer levels; check the brackets and indentation",
            )
        self.count(1, event.start_mark)
        path = self.child_path(event)
        self.stack.append(_Collection(value, path, event.anchor))

    def child_path(self, event: Any) -> Path:
        """The path of the value that ``event`` starts, recording its position."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            path = (*parent.path, len(parent.value))
            self.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            return path
        if parent.key is None:
            raise _Refused(
                event.start_mark,
                "a mapping key must be plain text, not a mapping or list",
                "write `key: value`",
            )
        return (*parent.path, parent.key)

    def close(self) -> None:
        done = self.stack.pop()
        if isinstance(done.value, dict) and done.merges:
            self.apply_merges(done)
        if done.anchor is not None:
            self.anchors[done.anchor] = (done.value, done.size)
        self.attach(done.value, done.size, None)

    def apply_merges(self, mapping: _Collection) -> None:
        assert isinstance(mapping.value, dict)
        merged: dict[str, Any] = {}
        for source in mapping.merges:
            for key, value in source.items():
                merged.setdefault(key, value)
        for key, value in merged.items():
            mapping.value.setdefault(key, value)

    def attach(self, value: Any, size: int, event: Any) -> None:
        """Put a finished value into the collection being built (or make it the document)."""
        if not self.stack:
            self.documents.append(value)
            return
        parent = self.stack[-1]
        parent.size += size
        if isinstance(parent.value, list):
            parent.value.append(value)
            return
        if parent.key is None:  # this value is a key
            if isinstance(value, dict | list):
                raise _Refused(event.start_mark if event else None, "a mapping key must be text")
            key = str(value)
            merge = key == "<<" and getattr(event, "style", "'") in (None, "")
            if not merge and key in parent.value:
                first = parent.key_marks[key]
                raise _Refused(
                    event.start_mark if event else None,
                    f"malformed YAML: duplicate key {key!r} (first at line {first.line + 1})",
                    "each key may appear once in a mapping",
                )
            if event is not None:
                parent.key_marks[key] = event.start_mark
                self.positions[(*parent.path, key)] = (
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                )
            parent.key, parent.key_is_merge = key, merge
            return
        if parent.key_is_merge:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(s, dict) for s in sources):
                mark = parent.key_marks.get("<<")
                raise _Refused(mark, "a merge key `<<` takes a mapping or a list of mappings")
            parent.merges.extend(sources)
        else:
            parent.value[parent.key] = value
        parent.key, parent.key_is_merge = None, False

    def alias(self, event: Any) -> None:
        name = event.anchor
        if name not in self.anchors:
            if any(c.anchor == name for c in self.stack):
                raise _Refused(
                    event.start_mark,
                    f"the alias *{name} refers to a block that contains it",
                    "recursive structures are not allowed",
                )
            raise _Refused(event.start_mark, f"the alias *{name} has no anchor &{name} before it")
        value, size = self.anchors[name]
        self.count(size, event.start_mark, via_alias=True)
        self.value_position(event)
        self.attach(value, size, event)

    def value_position(self, event: Any) -> Path:
        """Record where a value starts if it is an item or a mapping's value; its path (for a
        mapping key, the mapping's path)."""
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            return ()
        if isinstance(parent.value, list) or parent.key is not None:
            return self.child_path(event)
        return parent.path

    def feed(self, event: Any) -> None:
        kind = type(event).__name__
        if kind == "ScalarEvent":
            self.count(1, event.start_mark)
            path = self.value_position(event)
            try:
                value = _scalar(event)
            except _Refused as refused:
                refused.path = path
                raise
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1)
            self.attach(value, 1, event)
        elif kind == "MappingStartEvent":
            self.open(event, {}, "map")
        elif kind == "SequenceStartEvent":
            self.open(event, [], "seq")
        elif kind in ("MappingEndEvent", "SequenceEndEvent"):
            self.close()
        elif kind == "AliasEvent":
            self.alias(event)
        elif kind == "DocumentStartEvent" and self.documents:
            raise _Refused(
                event.start_mark,
                "a scenario file holds one YAML document; this one has more",
                "remove the `---` line that starts a second document",
            )


def _location(mark: Any) -> tuple[int | None, int | None]:
    if mark is None:
        return (None, None)
    return (mark.line + 1, mark.column + 1)


def _line_of(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def parse_yaml(
    text: str,
    file: str = "<input>",
    *,
    max_bytes: int = MAX_SCENARIO_BYTES,
    max_values: int = MAX_VALUES,
) -> YamlDocument:
    """Parse one YAML document within the limits; every problem is a located ScenarioError."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise ScenarioError.single(
            f"the document is {size:,} bytes; at most {max_bytes:,} are allowed",
            file=file,
            hint="split it, or remove unused material",
        )
    builder = _Builder(max_values)
    try:
        for event in _events(text):
            builder.feed(event)
    except _Refused as refused:
        line, column = _location(refused.mark)
        where = format_path(refused.path) if refused.path else None
        raise ScenarioError(
            [Problem(refused.message, file, line, column, where, refused.hint)]
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _location(mark)
        what = exc.problem or exc.context or "invalid YAML"
        raise ScenarioError(
            [Problem(f"malformed YAML: {what}", file, line, column, hint=_HINT)]
        ) from None
    except YAMLError as exc:
        position = getattr(exc, "position", None)
        reason = getattr(exc, "reason", None)
        if isinstance(position, int):
            line, column = _line_of(text, position)
            character = getattr(exc, "character", None)
            what = f"character {character!r} is not allowed" if character is not None else reason
            raise ScenarioError(
                [Problem(f"malformed YAML: {what or exc}", file, line, column)]
            ) from None
        raise ScenarioError([Problem(f"malformed YAML: {exc}", file)]) from None
    data = builder.documents[0] if builder.documents else None
    return YamlDocument(data, SourceMap(file, builder.positions))
