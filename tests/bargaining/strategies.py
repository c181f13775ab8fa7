"""Shared hypothesis strategies: random but valid spatial inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from detente.bargaining.inputs import SpatialInputs


@st.composite
def spatial_inputs(
    draw: st.DrawFn, min_actors: int = 3, max_actors: int = 7, max_dims: int = 3
) -> SpatialInputs:
    n = draw(st.integers(min_actors, max_actors))
    d = draw(st.integers(1, max_dims))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    capability = rng.uniform(1, 100, n)
    # Quantised positions keep actors apart unless they coincide exactly (tie-free cases).
    position = rng.integers(0, 101, (n, d)).astype(float)
    raw = rng.uniform(0.05, 1, (n, d))
    salience = raw / raw.sum(axis=1, keepdims=True) * rng.uniform(0.3, 1.0, (n, 1))
    return SpatialInputs(
        actors=tuple(f"A{i}" for i in range(n)),
        actor_names=tuple(f"A{i}" for i in range(n)),
        dimensions=tuple(f"D{k}" for k in range(d)),
        dimension_labels=tuple(f"D{k}" for k in range(d)),
        capability=capability,
        position=position,
        salience=salience,
        low=np.zeros(d),
        high=np.full(d, 100.0),
    )
