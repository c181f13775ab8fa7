"""Read YAML into plain Python data while remembering where every node came from.

ruamel.yaml's round-trip loader records line and column for every mapping key and sequence
item; we flatten that into a map from field path to position so that validation errors found
later (by pydantic, or by a lens compiling its section) can be reported at file:line:column.
The loader never constructs arbitrary Python objects: only mappings, sequences and scalars.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from detente.errors import Problem, ScenarioError

__all__ = ["Path", "SourceMap", "YamlDocument", "format_path", "parse_yaml"]

Path = tuple[str | int, ...]


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


def _plain(node: Any, path: Path, positions: dict[Path, tuple[int, int]]) -> Any:
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key in node:
            child = (*path, str(key))
            try:
                line, col = node.lc.key(key)
                positions[child] = (line + 1, col + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(key)] = _plain(node[key], child, positions)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            child = (*path, index)
            try:
                line, col = node.lc.item(index)
                positions[child] = (line + 1, col + 1)
            except (KeyError, TypeError, AttributeError):
                pass
            items.append(_plain(item, child, positions))
        return items
    if isinstance(node, bool | int | float | str) or node is None:
        # ruamel's scalar subclasses (ScalarFloat, ...) become the builtin types.
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        return str(node)
    if isinstance(node, _dt.datetime | _dt.date):
        return node.isoformat()
    return str(node)


def parse_yaml(text: str, file: str = "<input>") -> YamlDocument:
    """Parse one YAML document; syntax errors become a located :class:`ScenarioError`."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        root = yaml.load(StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise ScenarioError(
            [
                Problem(
                    f"malformed YAML: {what}",
                    file,
                    line,
                    column,
                    hint="check indentation, colons after keys, and quotes around text "
                    "containing ': ' or '#'",
                )
            ]
        ) from None
    except YAMLError as exc:
        raise ScenarioError([Problem(f"malformed YAML: {exc}", file)]) from None
    positions: dict[Path, tuple[int, int]] = {(): (1, 1)}
    data = _plain(root, (), positions)
    return YamlDocument(data, SourceMap(file, positions))
