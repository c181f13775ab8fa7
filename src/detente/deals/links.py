"""How a package's terms move the other lenses: the section's affine links, evaluated.

Each link adds ``per_scale · (x_term − reference) / (hi − lo)`` to its target for the designs it
applies to (:class:`detente.scenario.deals_section.DealLink`). The sizes are assumptions: the
direction of each effect comes from perfect deterrence theory (a challenger more satisfied with
the post-deal status quo has less to gain by attacking; a stronger defender lowers its war
payoffs; Zagare & Kilgour 2000, *Perfect Deterrence*) and from the senators' reading of what a
guarantee commits the United States to; the loader checks that no term value or draw breaks a
game's payoff orderings.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.deals.inputs import DealInputs
from detente.scenario.deals_section import LinkTarget

__all__ = ["target_shift"]

Array = NDArray[np.float64]


def target_shift(
    inputs: DealInputs, target: LinkTarget, x: Array, design: NDArray[np.int64]
) -> Array:
    """The total shift of ``target`` (D, P) for packages ``x`` (D | 1, P, K) with designs
    ``design`` (P,) (indices into ``inputs.designs``)."""
    draws = max(inputs.draws, x.shape[0])
    out = np.zeros((draws, x.shape[1]))
    width = inputs.terms.width
    for link in inputs.links:
        if link.target is not target:
            continue
        applies = link.designs[design]  # (P,)
        if not applies.any():
            continue
        z = (x[..., link.term] - link.reference) / width[link.term]  # (D | 1, P)
        out += np.where(applies[None, :], link.per_scale[:, None] * z, 0.0)
    return out
