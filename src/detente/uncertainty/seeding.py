"""One explicit seed, many independent random streams.

Every random number of a sweep comes from a :class:`numpy.random.SeedSequence` derived from
the single seed the user gives (or one drawn from the OS and recorded in the results) and a
*spawn key* naming what the stream is for:

* the draws of one uncertain input are one stream keyed by the input's path name, so adding a
  distribution elsewhere in a scenario does not change the draws of the others, and all ``N``
  values of an input are drawn in one vectorised call in the coordinating process;
* a lens that makes random choices gets one stream per draw, keyed by the draw's index.

Because no stream depends on which worker or which batch handles a draw, a sweep gives
identical results on one process, a pool of any size, or a Dask cluster, whatever the batch
size. This is the scheme of O'Neill's PCG family as exposed by NumPy (``SeedSequence`` with
``spawn_key``; NumPy Enhancement Proposal 19). Nothing here touches global random state.
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["Purpose", "draw_generator", "fresh_seed", "generator", "input_generator"]


class Purpose:
    """The first element of every spawn key: what a stream is for."""

    INPUT_DRAWS = 1
    LENS_PER_DRAW = 2
    SENSITIVITY = 3
    QUANTILES = 4


def fresh_seed() -> int:
    """A seed from OS entropy, for runs where the user gave none (record it with the results)."""
    entropy = np.random.SeedSequence().entropy
    assert isinstance(entropy, int)
    return entropy % (2**63)


def _key_part(part: int | str) -> int:
    if isinstance(part, str):
        return zlib.crc32(part.encode("utf-8"))
    if part < 0:
        raise ValueError("spawn key parts must be non-negative")
    return int(part)


def generator(seed: int, purpose: int, *key: int | str) -> np.random.Generator:
    """The generator of the stream ``(purpose, *key)`` under ``seed``.

    Strings in the key are hashed with CRC-32 so that streams can be named by stable labels.
    """
    if seed < 0:
        raise ValueError("the seed must be a non-negative integer")
    sequence = np.random.SeedSequence(seed, spawn_key=(purpose, *(_key_part(k) for k in key)))
    return np.random.Generator(np.random.PCG64(sequence))


def input_generator(
    seed: int, input_name: str, purpose: int = Purpose.INPUT_DRAWS
) -> np.random.Generator:
    """The stream from which all draws of one uncertain input are taken."""
    return generator(seed, purpose, input_name)


def draw_generator(seed: int, draw: int) -> np.random.Generator:
    """The stream a lens gets for its own random choices in draw number ``draw``."""
    return generator(seed, Purpose.LENS_PER_DRAW, draw)
