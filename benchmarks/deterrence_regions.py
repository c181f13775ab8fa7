"""Deterrence engine speed: UDG region map over 10^6 (pCh, pDef) points, AEG solve time.

Run: ``.venv/bin/python benchmarks/deterrence_regions.py``. Prints points per second for the
closed-form UDG map, the AEG (99 nodes, 14 information sets) logit-QRE solve time and, where
pygambit is installed (optional extra ``gambit``), the time of its ``logit_solve`` on the same
AEG exported to .efg and the ratio; otherwise says it is not installed.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from detente.deterrence.aeg import AEGParameters, aeg_game, solve_aeg
from detente.deterrence.efg import to_efg
from detente.deterrence.udg import udg_region_map

N = 1_000_000
AEG = AEGParameters(
    pCh=0.5, pHH=0.3, pHS=0.2, pSH=0.3, pSS=0.2,
    cSQ=0.8, cDC=1.0, cDD=0.5, cED=0.6, cDE=0.2, cEE_hard=0.3, cEE_soft=0.0,
    dSQ=1.0, dDC=0.5, dDD_hard=0.6, dDD_soft=0.4, dDE=0.8, dED=0.1, dEE_hard=0.3, dEE_soft=0.0,
)  # fmt: skip


def region_map() -> float:
    side = int(np.sqrt(N))
    pch, pdef = np.meshgrid(np.linspace(0, 1, side), np.linspace(0, 1, side))
    best = np.inf
    for _ in range(3):
        t = time.perf_counter()
        m = udg_region_map(pch, pdef, 0.6, 1.0, 0.2, 0.45, 0.3, 0.8, 0.0)
        best = min(best, time.perf_counter() - t)
    counts = np.bincount(m.region.ravel(), minlength=4)
    print(
        f"UDG region map: {pch.size:,} points in {best * 1e3:.1f} ms "
        f"= {pch.size / best / 1e6:.1f} M points/s (regions {counts.tolist()})"
    )
    return best


def aeg() -> float:
    t = time.perf_counter()
    s = solve_aeg(AEG)
    dt = time.perf_counter() - t
    print(
        f"AEG logit-QRE solve: {dt:.2f} s (converged={s.qre.converged}; "
        f"P(SQ)={s.outcome['SQ']:.3f})"
    )
    return dt


def gambit(ours: float) -> None:
    try:
        import pygambit
    except ImportError:
        print("pygambit: not installed (optional extra `gambit`); no ratio measured")
        return
    import pygambit

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "aeg.efg"
        path.write_text(to_efg(aeg_game(AEG), "AEG"))
        reader = getattr(pygambit, "read_efg", None) or pygambit.Game.read_game
        game = reader(str(path))
    t = time.perf_counter()
    pygambit.nash.logit_solve(game)
    dt = time.perf_counter() - t
    print(f"pygambit logit_solve on the same AEG: {dt:.2f} s; detente/pygambit = {ours / dt:.2f}")


if __name__ == "__main__":
    region_map()
    gambit(aeg())
