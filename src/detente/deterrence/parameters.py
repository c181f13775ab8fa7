"""Named game parameters given as a mapping: the one check every closed-form game shares."""

from __future__ import annotations

from collections.abc import Mapping

from detente.errors import InputError

__all__ = ["named_parameters"]


def named_parameters(
    game: str, names: tuple[str, ...], values: Mapping[str, float]
) -> dict[str, float]:
    """``values`` as floats in the order of ``names``; an unknown or missing name is an error.

    ``game`` (e.g. ``"UDG"``) names the game in the message, so the user learns which model
    rejected the input and which names it accepts.
    """
    unknown = [k for k in values if k not in names]
    missing = [p for p in names if p not in values]
    if unknown:
        raise InputError(
            f"unknown {game} parameter(s): {', '.join(unknown)}",
            hint=f"valid names: {', '.join(names)}",
        )
    if missing:
        raise InputError(
            f"missing {game} parameter(s): {', '.join(missing)}",
            hint=f"the {game} needs all of {', '.join(names)}",
        )
    return {p: float(values[p]) for p in names}
