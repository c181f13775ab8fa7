"""A three-player challenger-defender-protege crisis game (sketch, to verify).

After the Tripartite Crisis Game of Zagare & Kilgour (2003), "Alignment patterns, crisis
bargaining, and extended deterrence: a game-theoretic analysis", *International Studies
Quarterly* 47(4). **The move order below is the sketch of reference §5, not yet checked against
the paper; treat results as illustrative until it is.** Published findings it is meant to
exhibit: when the challenger is willing to fight but only weakly or moderately motivated, the
protege's threat to realign (aimed at the defender) can dissuade the challenger; when the
challenger stands to gain a great deal, the same threat can prompt a demand.

Moves: Nature draws the challenger's type (Hard = fights a protege that stands firm, w.p.
``pCh``) and the defender's (Hard w.p. ``pDef``). The challenger (Ch) keeps the status quo (SQ)
or makes a demand on the protege. The defender (Def) supports the protege or not. The protege
(P), seeing whether it is supported but not the types, concedes, stands firm, or (only if
unsupported) realigns. After a stand the challenger backs down or fights.

Outcomes: SQ; PC / PCU (protege concedes, supported / unsupported); CBD / CBDU (challenger backs
down); WAR / WARU (war with / without the defender); REALIGN. Three players, so the two-player
LCP route is unavailable: the game is solved by the agent logit-QRE limit of
:mod:`detente.deterrence.extensive` (McKelvey & Palfrey 1998).
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.deterrence.extensive import (
    Chance,
    CompiledGame,
    Decision,
    QREPoint,
    Terminal,
    compile_game,
    trace_logit_qre,
)
from detente.errors import InputError

__all__ = [
    "OUTCOMES",
    "TripartiteParameters",
    "TripartiteSolution",
    "solve_tripartite",
    "tripartite_game",
]

OUTCOMES = ("SQ", "PC", "PCU", "CBD", "CBDU", "WAR", "WARU", "REALIGN")


@dataclass(frozen=True)
class TripartiteParameters:
    """Probabilities and utilities (c: challenger, d: defender, p: protege)."""

    pCh: float
    pDef: float
    cSQ: float
    cPC: float
    cPCU: float
    cCBD: float
    cCBDU: float
    cWAR_hard: float
    cWAR_soft: float
    cWARU_hard: float
    cWARU_soft: float
    cREALIGN: float
    dSQ: float
    dPC: float
    dPCU: float
    dCBD: float
    dCBDU: float
    dWAR_hard: float
    dWAR_soft: float
    dWARU: float
    dREALIGN: float
    pSQ: float
    pPC: float
    pPCU: float
    pCBD: float
    pCBDU: float
    pWAR: float
    pWARU: float
    pREALIGN: float

    def check(self) -> None:
        for name in ("pCh", "pDef"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise InputError(f"{name} = {v:g} is not a probability")
        if not self.cWAR_hard > self.cCBD or not self.cWAR_soft < self.cCBD:
            raise InputError(
                "a Hard challenger must prefer war to backing down (cWAR_hard > cCBD) and a "
                "Soft one the reverse (cWAR_soft < cCBD)"
            )


def tripartite_game(t: TripartiteParameters) -> CompiledGame:
    """The tree: challenger 0, defender 1, protege 2; 10 information sets."""

    def out(label: str, ct: str, dt: str) -> Terminal:
        c = {
            "WAR": t.cWAR_hard if ct == "H" else t.cWAR_soft,
            "WARU": t.cWARU_hard if ct == "H" else t.cWARU_soft,
        }.get(label, getattr(t, f"c{label}", 0.0))
        d = (
            t.dWAR_hard
            if label == "WAR" and dt == "H"
            else (t.dWAR_soft if label == "WAR" else getattr(t, f"d{label}"))
        )
        return Terminal(label, (c, d, getattr(t, f"p{label}")))

    def after_demand(ct: str, dt: str) -> Decision:
        def stand(sup: str) -> Decision:
            return Decision(
                0,
                f"Ch{ct}_after_stand_{sup}",
                (
                    ("back_down", out("CBD" if sup == "supported" else "CBDU", ct, dt)),
                    ("fight", out("WAR" if sup == "supported" else "WARU", ct, dt)),
                ),
            )

        supported = Decision(
            2,
            "P_supported",
            (("concede", out("PC", ct, dt)), ("stand_firm", stand("supported"))),
        )
        unsupported = Decision(
            2,
            "P_unsupported",
            (
                ("concede", out("PCU", ct, dt)),
                ("stand_firm", stand("unsupported")),
                ("realign", out("REALIGN", ct, dt)),
            ),
        )
        return Decision(1, f"Def{dt}_demand", (("support", supported), ("abstain", unsupported)))

    def ch_start(ct: str, dt: str) -> Decision:
        return Decision(
            0,
            f"Ch{ct}_start",
            (("status_quo", out("SQ", ct, dt)), ("demand", after_demand(ct, dt))),
        )

    def def_types(ct: str) -> Chance:
        return Chance(
            (("DefH", t.pDef, ch_start(ct, "H")), ("DefS", 1.0 - t.pDef, ch_start(ct, "S")))
        )

    root = Chance((("ChH", t.pCh, def_types("H")), ("ChS", 1.0 - t.pCh, def_types("S"))))
    return compile_game(("challenger", "defender", "protege"), root)


@dataclass(frozen=True)
class TripartiteSolution:
    parameters: TripartiteParameters
    outcome: dict[str, float]
    qre: QREPoint


def solve_tripartite(t: TripartiteParameters, lam_max: float = 3000.0) -> TripartiteSolution:
    t.check()
    q = trace_logit_qre(tripartite_game(t), lam_max=lam_max)
    outcome = {k: q.terminal_probabilities.get(k, 0.0) for k in OUTCOMES}
    return TripartiteSolution(t, outcome, q)
