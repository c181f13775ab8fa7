"""Asymmetric Escalation Game (AEG): tactical versus strategic credibility, solved numerically.

Zagare & Kilgour (1995), "Assessing competing defense postures: the strategic implications of
flexible response", *World Politics* 47(3):373-417; Zagare & Kilgour (2000), *Perfect
Deterrence*, ch. 6-9 and app. 8. In detente's default mapping the tactical level is the
European-led force meeting a limited attack in kind, the strategic level the United States
escalating.

Moves: the challenger (Ch) keeps the status quo (SQ) or initiates a limited attack (D). The
defender (Def) concedes (DC), responds in kind (D) or escalates (E). After a response in kind Ch
stops (DD, limited war) or escalates (E), and Def then answers in kind (ED) or escalates too
(EE, all-out war). After Def escalates, Ch stops (DE) or escalates (EE).

Types: Ch is strategically Hard (utility ``cEE_hard`` of all-out war) with probability ``pCh``;
Def is tactically Hard/Soft (``dDD_hard``/``dDD_soft``) and strategically Hard/Soft
(``dEE_hard``/``dEE_soft``) with joint probabilities ``pHH, pHS, pSH, pSS`` (first letter
tactical). Tactical credibility = pHH + pHS, strategic credibility = pHH + pSH. The tree has 99
nodes and 14 information sets; pure-profile enumeration is not an answer (reference §4), so the
equilibrium is selected as the limit of the agent logit QRE (McKelvey & Palfrey 1998), which
converges to a sequential equilibrium.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
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

__all__ = ["AEGParameters", "AEGSolution", "aeg_game", "solve_aeg"]

PARAMETERS = (
    "pCh", "pHH", "pHS", "pSH", "pSS",
    "cSQ", "cDC", "cDD", "cED", "cDE", "cEE_hard", "cEE_soft",
    "dSQ", "dDC", "dDD_hard", "dDD_soft", "dDE", "dED", "dEE_hard", "dEE_soft",
)  # fmt: skip

_C_ORDER = ("cDC", "cSQ", "cED", "cDD", "cEE_hard", "cDE", "cEE_soft")  # decreasing
_D_ORDER = ("dSQ", "dDE", "dDD_hard", "dDC", "dDD_soft", "dEE_hard", "dED", "dEE_soft")


@dataclass(frozen=True)
class AEGParameters:
    pCh: float
    pHH: float
    pHS: float
    pSH: float
    pSS: float
    cSQ: float
    cDC: float
    cDD: float
    cED: float
    cDE: float
    cEE_hard: float
    cEE_soft: float
    dSQ: float
    dDC: float
    dDD_hard: float
    dDD_soft: float
    dDE: float
    dED: float
    dEE_hard: float
    dEE_soft: float

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> AEGParameters:
        unknown = [k for k in values if k not in PARAMETERS]
        missing = [p for p in PARAMETERS if p not in values]
        if unknown or missing:
            raise InputError(
                f"AEG parameters: unknown {unknown or 'none'}, missing {missing or 'none'}",
                hint=f"the AEG needs exactly {', '.join(PARAMETERS)}",
            )
        return cls(**{p: float(values[p]) for p in PARAMETERS})

    @property
    def tactical_credibility(self) -> float:
        return self.pHH + self.pHS

    @property
    def strategic_credibility(self) -> float:
        return self.pHH + self.pSH

    def check(self) -> None:
        probs = (self.pHH, self.pHS, self.pSH, self.pSS)
        if not 0.0 <= self.pCh <= 1.0:
            raise InputError(f"pCh = {self.pCh:g} is not a probability")
        if any(p <= 0 for p in probs) or abs(sum(probs) - 1.0) > 1e-9:
            raise InputError(
                "pHH, pHS, pSH, pSS must be positive and sum to 1",
                hint="they are the joint probabilities of Def's tactical and strategic types",
            )
        for order, who in ((_C_ORDER, "challenger"), (_D_ORDER, "defender")):
            for high, low in itertools.pairwise(order):
                if not getattr(self, high) > getattr(self, low):
                    raise InputError(
                        f"AEG {who} ordering {high} > {low} violated",
                        hint="Zagare & Kilgour (2000, ch. 6) assume cEE_soft < cDE < cEE_hard < "
                        "cDD < cED < cSQ < cDC and dEE_soft < dED < dEE_hard < dDD_soft < dDC < "
                        "dDD_hard < dDE < dSQ",
                    )


def aeg_game(p: AEGParameters) -> CompiledGame:
    """The AEG tree: 99 nodes, 14 information sets (Ch = player 0, Def = player 1)."""

    def subtree(ct: str, tt: str, st: str) -> Decision:
        c_ee = p.cEE_hard if ct == "H" else p.cEE_soft
        d_ee = p.dEE_hard if st == "H" else p.dEE_soft
        d_dd = p.dDD_hard if tt == "H" else p.dDD_soft
        dt = tt + st
        def_after_escalation = Decision(
            1,
            f"Def{dt}_after_Ch_escalation",
            (
                ("respond", Terminal("ED", (p.cED, p.dED))),
                ("escalate", Terminal("EE", (c_ee, d_ee))),
            ),
        )
        ch_after_response = Decision(
            0,
            f"Ch{ct}_after_response",
            (("stop", Terminal("DD", (p.cDD, d_dd))), ("escalate", def_after_escalation)),
        )
        ch_after_def_escalation = Decision(
            0,
            f"Ch{ct}_after_Def_escalation",
            (("stop", Terminal("DE", (p.cDE, p.dDE))), ("escalate", Terminal("EE", (c_ee, d_ee)))),
        )
        defender = Decision(
            1,
            f"Def{dt}_initiated",
            (
                ("concede", Terminal("DC", (p.cDC, p.dDC))),
                ("respond", ch_after_response),
                ("escalate", ch_after_def_escalation),
            ),
        )
        return Decision(
            0,
            f"Ch{ct}_start",
            (("status_quo", Terminal("SQ", (p.cSQ, p.dSQ))), ("initiate", defender)),
        )

    def def_types(ct: str) -> Chance:
        return Chance(
            tuple(
                (f"Def{t}{s}", prob, subtree(ct, t, s))
                for (t, s), prob in (
                    (("H", "H"), p.pHH),
                    (("H", "S"), p.pHS),
                    (("S", "H"), p.pSH),
                    (("S", "S"), p.pSS),
                )
            )
        )

    root = Chance((("ChH", p.pCh, def_types("H")), ("ChS", 1.0 - p.pCh, def_types("S"))))
    return compile_game(("challenger", "defender"), root)


@dataclass(frozen=True)
class AEGSolution:
    parameters: AEGParameters
    outcome: dict[str, float]
    strategies: dict[str, dict[str, float]]
    qre: QREPoint

    @property
    def p_failure(self) -> float:
        """Probability that deterrence fails (any challenge): 1 - P(SQ)."""
        return 1.0 - self.outcome["SQ"]


def solve_aeg(params: AEGParameters | Mapping[str, float], lam_max: float = 3000.0) -> AEGSolution:
    """The sequential equilibrium selected by the logit-QRE limit (McKelvey & Palfrey 1998)."""
    p = params if isinstance(params, AEGParameters) else AEGParameters.from_mapping(params)
    p.check()
    game = aeg_game(p)
    q = trace_logit_qre(game, lam_max=lam_max)
    outcome = {
        k: q.terminal_probabilities.get(k, 0.0) for k in ("SQ", "DC", "DD", "ED", "DE", "EE")
    }
    strategies = {
        info.name: {a: float(q.profile[info.first_action + j]) for j, a in enumerate(info.actions)}
        for info in game.infosets
    }
    return AEGSolution(p, outcome, strategies, q)
