"""Public names imported on first use (PEP 562), shared by the package ``__init__`` modules.

A package lists ``{public name: defining module}``; ``import detente.deterrence`` then costs
nothing until a name is used, there are no import cycles through ``__init__`` modules, and
``from detente.deterrence import assess_designs`` works as usual. Each ``__init__`` also
imports the names under ``TYPE_CHECKING`` so that type checkers and the API reference see them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package`` exporting ``exports`` (name -> module path,
    absolute, or relative to the package when it starts with a dot)."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        target = f"{package}{module}" if module.startswith(".") else module
        return getattr(import_module(target), name)

    def __dir__() -> list[str]:
        return sorted({*exports, "__all__", "__doc__", "__name__"})

    return __getattr__, __dir__
