"""Sums whose rounding does not depend on array shape or memory layout.

``ndarray.sum`` adds sequentially or pairwise depending on the length of the axis and on how
the array lies in memory, so the same numbers can give different last bits in a one-run array
and in a batch of runs. The SMP's discrete choices (best target, winning bargain) can turn on
those bits when two options tie, so the single run (:mod:`.smp`) and the batched runs
(:mod:`.smp_batch`) sum through these two functions and agree exactly:

- :func:`lane_sum` sums each lane as one contiguous row (NumPy's pairwise summation of a
  row depends only on the row's values and length);
- :func:`running_sum` adds left to right, optionally skipping masked entries (an exact +0),
  so a vote over a queue of options gives the same bits whether the queue is stored compactly
  or as a mask over every possible option.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["lane_sum", "running_sum"]

Array = NDArray[np.float64]


def lane_sum(values: Array, axis: int) -> Array:
    """Sum along ``axis``, each lane summed as one contiguous row."""
    rows = np.ascontiguousarray(np.moveaxis(np.asarray(values, dtype=np.float64), axis, -1))
    return np.asarray(rows.sum(axis=-1), dtype=np.float64)


def running_sum(
    values: Array,
    axis: int,
    include: NDArray[np.bool_] | None = None,
    start: Array | None = None,
) -> Array:
    """((v_0 + v_1) + v_2) + ... along ``axis`` (after ``start`` when given: ((start + v_0) +
    v_1) + ...); entries where ``include`` (broadcast with ``values``) is False count as 0."""
    v = np.asarray(values, dtype=np.float64)
    axis = axis % v.ndim
    mask = None
    if include is not None:
        v, mask = np.broadcast_arrays(v, include)  # views: the result has the joint shape
    head = (slice(None),) * axis
    total = start
    for k in range(v.shape[axis]):
        term = v[head + (k,)]
        if mask is not None:
            term = np.where(mask[head + (k,)], term, 0.0)
        total = term if total is None else total + term
    return np.asarray(total, dtype=np.float64)
