"""Scale limits of the GMCR engine, checked before anything large is allocated.

The engine's memory grows linearly with states x decision makers (hub graphs keep edges linear;
detente GMCR reference, section 4). :func:`estimate_memory` gives a conservative byte count from
a per-(state, decision maker) constant measured with ``benchmarks/gmcr_scale.py`` (peak resident
memory at 2^16..2^20 states, 4 DMs, rounded up with margin). :func:`ensure_fits` compares it with
the budget: by default half of physical memory (``os.sysconf``), overridable with the
``DETENTE_MEMORY_BUDGET`` environment variable (bytes, or a number with suffix K, M, G) or the
``budget`` argument.
"""

from __future__ import annotations

import math
import os

from detente.errors import ScaleError

__all__ = [
    "BYTES_PER_STATE_PER_DM",
    "DEFAULT_BUDGET_FRACTION",
    "ensure_fits",
    "estimate_memory",
    "memory_budget",
]

#: Peak bytes per (state, decision maker), measured with margin (see module docstring).
BYTES_PER_STATE_PER_DM = 600
#: Fixed overhead of the interpreter and libraries, bytes.
BASE_BYTES = 200 * 2**20
#: Share of physical memory an analysis may use by default.
DEFAULT_BUDGET_FRACTION = 0.5

_SUFFIX = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def estimate_memory(n_states: int, n_decision_makers: int) -> int:
    """Estimated peak bytes to analyse a model of this size (all concepts except SIM)."""
    return BASE_BYTES + BYTES_PER_STATE_PER_DM * int(n_states) * max(int(n_decision_makers), 2)


def _physical_memory() -> int:
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        return 8 * 2**30


def memory_budget() -> int:
    """Bytes an analysis may use: ``DETENTE_MEMORY_BUDGET`` or half of physical memory."""
    text = os.environ.get("DETENTE_MEMORY_BUDGET", "").strip().upper().removesuffix("B")
    if text:
        scale = _SUFFIX.get(text[-1], 1)
        number = text[:-1] if text[-1] in _SUFFIX else text
        try:
            return int(float(number) * scale)
        except ValueError:
            raise ScaleError(
                f"DETENTE_MEMORY_BUDGET={os.environ['DETENTE_MEMORY_BUDGET']!r} is not a size",
                hint="use bytes or a number with K, M or G, e.g. 4G",
            ) from None
    return int(_physical_memory() * DEFAULT_BUDGET_FRACTION)


def ensure_fits(
    n_states: int, n_decision_makers: int, *, what: str, budget: int | None = None
) -> None:
    """Raise :class:`~detente.errors.ScaleError` if the model would not fit in memory.

    Call this before enumerating states (``n_states`` may be the 2^options upper bound).
    """
    limit = memory_budget() if budget is None else int(budget)
    need = estimate_memory(n_states, n_decision_makers)
    if need <= limit:
        return
    per_state = BYTES_PER_STATE_PER_DM * max(int(n_decision_makers), 2)
    max_states = max((limit - BASE_BYTES) // per_state, 0)
    max_options = math.floor(math.log2(max_states)) if max_states >= 1 else 0
    raise ScaleError(
        f"{what}: the model has {n_states:,} states (about 2^{math.log2(max(n_states, 1)):.1f}) "
        f"and {n_decision_makers} decision makers; analysing it needs about "
        f"{need / 2**30:.1f} GB but the budget is {limit / 2**30:.1f} GB",
        hint=(
            f"at most {max_states:,} states fit, i.e. at most {max_options} binary options "
            f"with these decision makers; remove options, add infeasibility constraints, or "
            f"raise DETENTE_MEMORY_BUDGET"
        ),
    )
