"""Gambit .efg export: exact chance probabilities, unique outcomes, one line per node."""

from __future__ import annotations

from fractions import Fraction

from detente.deterrence.aeg import AEGParameters, aeg_game
from detente.deterrence.efg import to_efg

from .test_aeg import PAYOFFS


def test_aeg_export() -> None:
    g = aeg_game(AEGParameters(pCh=0.3, pHH=0.1, pHS=0.2, pSH=0.3, pSS=0.4, **PAYOFFS))
    lines = to_efg(g, "AEG").splitlines()
    nodes = [l for l in lines[3:] if l]
    assert len(nodes) == 99
    assert sum(l.startswith("t ") for l in nodes) == 56
    for l in nodes:
        if l.startswith("c "):
            probs = [Fraction(tok) for tok in l.split() if "/" in tok]
            assert sum(probs) == 1
    outcomes = [l.split('"')[3] for l in nodes if l.startswith("t ")]
    assert len(set(outcomes)) == len(outcomes)
    infosets = {l.split('"')[3] for l in nodes if l.startswith("p ")}
    assert len(infosets) == 14
