"""Parties' utilities of packages and of continued war, vectorised over draws and packages.

A party's utility of a package x (terms x_1..x_K on scales [lo_k, hi_k]) in the spatial form
the bargaining lens uses (Enelow & Hinich 1984, *The Spatial Theory of Voting*; the loss form of
Bueno de Mesquita's and KTAB's models):

    U(x) = 1 − Σ_k s_k · φ(|x_k − θ_k| / (hi_k − lo_k)),    φ(z) = z  or  z²,

with ideal points θ_k and saliences s_k. Its reservation is the utility of the war outcome it
expects, minus its cost of war c (Fearon 1995): the party accepts x iff

    surplus(x) = U(x) − U(w) + c ≥ 0.

Utilities are cardinal only up to these assumptions (the loss shape, the salience weights, the
cost of war on the same scale): compare surpluses across parties with that in mind.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from detente.deals.inputs import PartyDraws, TermSpace
from detente.scenario.deals_section import LossShape

__all__ = ["salience_distance", "spatial_utility", "surplus", "war_utility"]

Array = NDArray[np.float64]


def spatial_utility(
    x: Array, ideal: Array, salience: Array, terms: TermSpace, loss: LossShape
) -> Array:
    """U(x) for term values ``x`` (..., K), broadcasting ideal points and saliences (..., K)."""
    z = np.abs(x - ideal) / terms.width
    phi = z if loss is LossShape.LINEAR else z * z
    return np.asarray(1.0 - np.sum(salience * phi, axis=-1), dtype=float)


def war_utility(party: PartyDraws, terms: TermSpace) -> Array:
    """The party's disagreement utility U(w) − c per draw (D,)."""
    u = spatial_utility(party.war_outcome, party.ideal, party.salience, terms, party.loss)
    return np.asarray(u - party.cost_of_war, dtype=float)


def surplus(party: PartyDraws, terms: TermSpace, x: Array, design_utility: Array) -> Array:
    """surplus(x) (D, P) for packages ``x`` (D | 1, P, K) with design utilities (D, P)."""
    u = spatial_utility(x, party.ideal[:, None, :], party.salience[:, None, :], terms, party.loss)
    return np.asarray(u + design_utility - war_utility(party, terms)[:, None], dtype=float)


def salience_distance(x: Array, y: Array, salience: Array, terms: TermSpace) -> Array:
    """Σ_k s_k |x_k − y_k| / (hi_k − lo_k): how far a package moves, as a party weighs it."""
    return np.asarray(np.sum(salience * np.abs(x - y) / terms.width, axis=-1), dtype=float)
