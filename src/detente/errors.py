"""Errors that reach a user: each carries where the problem is and what would be valid.

Presenters turn a :class:`DetenteError` into a message and exit code 2; anything else that
escapes is a bug in detente, not bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DetenteError", "InputError", "Problem", "ScaleError", "ScenarioError"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint: str | None = None

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class DetenteError(Exception):
    """Base class of errors caused by the user's input or request (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} (hint: {self.hint})"


class InputError(DetenteError):
    """A request that cannot be carried out as given (bad option, unknown id, ...)."""


class ScenarioError(DetenteError):
    """A scenario (or imported model) file with one or more located problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("ScenarioError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> ScenarioError:
        return cls([Problem(message, file, line, column, field, hint)])


class ScaleError(DetenteError):
    """A model too large to analyse in the memory available; raised before allocation."""
