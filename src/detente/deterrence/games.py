"""The RADG and UDG as explicit game trees for the general solver (cross-checks, Nash vs PBE).

Structures as in Zagare & Kilgour (2000), *Perfect Deterrence*, ch. 3 (RADG) and ch. 5 (UDG;
Zagare & Kilgour 1993, *International Studies Quarterly* 37(1):1-27). Terminal labels are the
outcome names (SQ, DC, CD, DD) so that outcome probabilities add up across types.
"""

from __future__ import annotations

from detente.deterrence.extensive import Chance, CompiledGame, Decision, Terminal, compile_game
from detente.deterrence.radg import RADGParameters
from detente.deterrence.udg import UDGParameters

__all__ = ["radg_game", "udg_game"]


def udg_game(p: UDGParameters) -> CompiledGame:
    """The UDG tree: 31 nodes, 6 information sets (challenger 0, defender 1)."""

    def branch(ch: str, df: str) -> Decision:
        c_dd = p.cDD_hard if ch == "H" else p.cDD_soft
        d_dd = p.dDD_hard if df == "H" else p.dDD_soft
        last = Decision(
            0,
            f"Ch{ch}_resisted",
            (
                ("back_down", Terminal("CD", (p.cCD, p.dCD))),
                ("fight", Terminal("DD", (c_dd, d_dd))),
            ),
        )
        defender = Decision(
            1,
            f"Def{df}_challenged",
            (("concede", Terminal("DC", (p.cDC, p.dDC))), ("resist", last)),
        )
        return Decision(
            0,
            f"Ch{ch}_start",
            (("status_quo", Terminal("SQ", (p.cSQ, p.dSQ))), ("challenge", defender)),
        )

    def defender_types(ch: str) -> Chance:
        return Chance((("DefH", p.pDef, branch(ch, "H")), ("DefS", 1.0 - p.pDef, branch(ch, "S"))))

    root = Chance((("ChH", p.pCh, defender_types("H")), ("ChS", 1.0 - p.pCh, defender_types("S"))))
    return compile_game(("challenger", "defender"), root)


def radg_game(p: RADGParameters) -> CompiledGame:
    """The RADG tree (A is player 0, B player 1)."""

    def b_node(t: str) -> Decision:
        bdd = p.bDD_hard if t == "H" else p.bDD_soft
        return Decision(
            1,
            f"B{t}",
            (("concede", Terminal("DC", (p.aDC, p.bDC))), ("resist", Terminal("DD", (p.aDD, bdd)))),
        )

    def a_node(t: str) -> Decision:
        return Decision(
            0, "A", (("status_quo", Terminal("SQ", (p.aSQ, p.bSQ))), ("defect", b_node(t)))
        )

    root = Chance((("BH", p.pB, a_node("H")), ("BS", 1.0 - p.pB, a_node("S"))))
    return compile_game(("A", "B"), root)
