"""Reading a user-named file without trusting it: regular files only, size counted while reading.

Every file detente reads on a user's behalf (scenario YAML, gmcr-py ``.gmcr``, KTAB CSV,
Voteview CSV) goes through :func:`read_input_text`; JSON content then goes through
:func:`parse_json_text`, which holds it to the YAML loader's bounds (nesting, finite numbers). It opens the path without blocking, so a
named pipe cannot hang it; it refuses anything but a regular file (``/dev/zero``, a FIFO, a
socket, a directory); and it stops reading one byte past the limit, so a file that reports a
size of 0 but never ends (``/proc`` files, devices) cannot exhaust memory.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from detente.errors import Problem, ScenarioError
from detente.scenario.limits import MAX_NESTING

__all__ = ["parse_json_text", "read_input_bytes", "read_input_text"]

_CHUNK = 1 << 16

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_input_bytes(path: str | os.PathLike[str], *, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    ``what`` names the file in messages ("scenario file", "members file"...).

    Raises
    ------
    ScenarioError
        Naming the file: not found, unreadable, a directory or special file, or too large.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ScenarioError.single(f"{what} not found", file=name) from None
    except IsADirectoryError:
        raise ScenarioError.single(f"is a directory, not a {what}", file=name) from None
    except OSError as exc:
        raise ScenarioError.single(f"cannot read {what}: {exc.strerror}", file=name) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ScenarioError.single(f"is a directory, not a {what}", file=name)
        if not stat.S_ISREG(mode):
            raise ScenarioError.single(
                f"is {_kind(mode)}, not a regular file",
                file=name,
                hint=f"save the {what} to disk and name that file",
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ScenarioError.single(
                    f"{what} is larger than the {limit:,} bytes allowed",
                    file=name,
                    hint="split it, or remove unused material",
                )
    except OSError as exc:
        raise ScenarioError.single(f"cannot read {what}: {exc.strerror}", file=name) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_input_text(path: str | os.PathLike[str], *, limit: int, what: str = "file") -> str:
    """The UTF-8 text of the regular file ``path`` (a leading byte-order mark is dropped).

    Raises
    ------
    ScenarioError
        As :func:`read_input_bytes`, or for bytes that are not UTF-8 (with their line).
    """
    data = read_input_bytes(path, limit=limit, what=what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScenarioError.single(
            f"not UTF-8 text (byte {exc.start:,})",
            file=str(Path(path)),
            line=line,
            hint=f"save the {what} as UTF-8",
        ) from None


class _NonFinite(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NonFinite(name)


def _depth(data: Any) -> int:
    """Nesting depth of decoded JSON (iterative, so any depth is measured safely)."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            pending.extend(
                (child, depth + 1) for child in children if isinstance(child, dict | list)
            )
    return deepest


def parse_json_text(
    text: str, file: str, *, what: str = "JSON file", hint: str | None = None
) -> Any:
    """Decode JSON text within the loader's bounds; problems are located ScenarioErrors.

    Refused: malformed JSON (at its line and column), ``NaN``/``Infinity``, integers too long
    to convert, and nesting deeper than :data:`~detente.scenario.limits.MAX_NESTING`.
    """
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            [Problem(f"malformed {what}: {exc.msg}", file, exc.lineno, exc.colno, hint=hint)]
        ) from None
    except _NonFinite as exc:
        raise ScenarioError.single(
            f"{exc} is not a finite number", file=file, hint="numbers must be finite"
        ) from None
    except RecursionError:
        raise ScenarioError.single(
            f"the {what} is nested more than {MAX_NESTING} levels deep", file=file
        ) from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise ScenarioError.single(f"malformed {what}: {exc}", file=file, hint=hint) from None
    if _depth(data) > MAX_NESTING:
        raise ScenarioError.single(
            f"the {what} is nested more than {MAX_NESTING} levels deep", file=file, hint=hint
        )
    return data
