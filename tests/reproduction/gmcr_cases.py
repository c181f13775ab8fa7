"""Published GMCR models built directly as :class:`Conflict` objects (detente GMCR reference §6).

Shared by the reproduction tests and the explanation / status-quo tests. Each builder's
docstring names its sources.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from detente.conflict.model import Conflict, Reversibility

BOTH, FWD, BACK = Reversibility.BOTH, Reversibility.FORWARD_ONLY, Reversibility.BACKWARD_ONLY


def _pattern(code: int, n_options: int) -> str:
    return "".join("Y" if (code >> k) & 1 else "N" for k in range(n_options))


def _scores(ranking: Sequence[int | Sequence[int]], n_states: int) -> list[int]:
    """Scores from 1-based state ids, most preferred first; a nested list is a tie class."""
    score = [-1] * n_states
    for position, entry in enumerate(ranking):
        for state in [entry] if isinstance(entry, int) else entry:
            score[state - 1] = len(ranking) - position
    assert min(score) >= 0, "ranking must cover every state"
    return score


def two_by_two(
    rankings: tuple[list[int], list[int]], names: tuple[str, str], options: tuple[str, str]
) -> Conflict:
    """A 2x2 game: DM 0 controls option 0, DM 1 option 1; states 1=NN, 2=YN, 3=NY, 4=YY."""
    codes = np.arange(4, dtype=np.uint64)
    return Conflict(
        decision_makers=names,
        options=options,
        owner=(0, 1),
        reversibility=(BOTH, BOTH),
        codes=codes,
        patterns=tuple(_pattern(c, 2) for c in range(4)),
        payoff=np.array([_scores(r, 4) for r in rankings], dtype=np.int64),
        status_quo=0,
    )


def prisoners_dilemma() -> Conflict:
    """Prisoner's Dilemma (textbook ordinal payoffs; Fang, Hipel & Kilgour 1993, *Interactive
    Decision Making*, Wiley; Xu, Hipel, Kilgour & Fang 2018, ch. 4; same model as gmcr-py
    ``Examples/Prisoners.gmcr``). C1/C2 = P1/P2 cooperates (stays silent)."""
    return two_by_two(([3, 4, 1, 2], [2, 4, 1, 3]), ("P1", "P2"), ("C1", "C2"))


def chicken() -> Conflict:
    """Chicken (standard ordinal: win > both swerve > lose > crash; Fang, Hipel & Kilgour 1993;
    Kilgour, Hipel & Fang 1987, *Automatica* 23(1):41-55). FA/FB = A/B stands firm."""
    return two_by_two(([2, 1, 3, 4], [3, 1, 2, 4]), ("A", "B"), ("FA", "FB"))


ELMIRA_OPTIONS = ("MOD", "DEL", "ACC", "ABA", "INS")
ELMIRA_DMS = ("MoE", "UR", "LG")
ELMIRA_RANKINGS = (
    [7, 3, 4, 8, 5, 1, 2, 6, 9],
    [1, 4, 8, 5, 9, 2, 3, 7, 6],
    [7, 3, 5, 1, 8, 6, 4, 2, 9],
)


def elmira(mod_reversible: bool = False) -> Conflict:
    """Elmira groundwater conflict, the published 9-state explicit-move form.

    Sources: Hipel, Kilgour, Fang & Peng (1997), *Applied Mathematics and Computation*
    83:117-152; Kilgour, Hipel, Fang & Peng (2001), *Group Decision and Negotiation*
    10:159-175; Xu, Hipel & Kilgour (2009), *IEEE Trans. SMC-A* 39(1):96-108; irreversibility
    and UR's ranking as in gmcr-py ``Examples/Elmira.gmcr``. State 9 aggregates the four
    abandonment states (MOD and INS irrelevant). ``mod_reversible`` adds MoE's moves back
    (2->1, 4->3, 6->5, 8->7): the sensitivity variant of the reference, section 6.3.
    """
    states = ["NYNNN", "YYNNN", "NNYNN", "YNYNN", "NYNNY", "YYNNY", "NNYNY", "YNYNY"]
    codes = [sum(1 << k for k, ch in enumerate(p) if ch == "Y") for p in states] + [1 << 3]
    moe = [(1, 2), (3, 4), (5, 6), (7, 8)]
    if mod_reversible:
        moe += [(b, a) for a, b in moe]
    ur = [(1, 3), (2, 4), (5, 7), (6, 8)] + [(s, 9) for s in range(1, 9)]
    lg = [(1, 5), (2, 6), (3, 7), (4, 8)]
    lg += [(b, a) for a, b in lg]
    return Conflict(
        decision_makers=ELMIRA_DMS,
        options=ELMIRA_OPTIONS,
        owner=(0, 1, 1, 1, 2),
        reversibility=(BOTH if mod_reversible else FWD, BACK, BOTH, FWD, BOTH),
        codes=np.array(codes, dtype=np.uint64),
        patterns=(*states, "-NNY-"),
        payoff=np.array([_scores(r, 9) for r in ELMIRA_RANKINGS], dtype=np.int64),
        status_quo=0,
        explicit_moves=tuple(np.array(m, dtype=np.int64) - 1 for m in (moe, ur, lg)),
        names=(None,) * 8 + ("UR abandons",),
    )


#: gmcr-py's 12-state encoding of Elmira: its ids -> the published 9-state ids.
ELMIRA_12_TO_9 = {1: 1, 2: 2, 3: 3, 4: 4, 5: 9, 6: 9, 7: 5, 8: 6, 9: 7, 10: 8, 11: 9, 12: 9}


def elmira_option_form() -> Conflict:
    """Elmira in option form, gmcr-py's 12-state encoding (``Examples/Elmira.gmcr``).

    Options MOD (fwd), DEL (back), ACC (both), ABA (fwd), INS (both); UR takes exactly one of
    DEL, ACC, ABA (infeasible ``-YY--``, ``-Y-Y-``, ``--YY-``, ``-NNN-``). Rankings are the
    published ones with the four abandonment states tied where state 9 stands.
    """
    nine_to_12: dict[int, list[int]] = {}
    for twelve, nine in ELMIRA_12_TO_9.items():
        nine_to_12.setdefault(nine, []).append(twelve)
    rankings = [[nine_to_12[s] if s == 9 else nine_to_12[s][0] for s in r] for r in ELMIRA_RANKINGS]
    codes = [c for c in range(32) if (c & 0b1110).bit_count() == 1]
    return Conflict(
        decision_makers=ELMIRA_DMS,
        options=ELMIRA_OPTIONS,
        owner=(0, 1, 1, 1, 2),
        reversibility=(FWD, BACK, BOTH, FWD, BOTH),
        codes=np.array(codes, dtype=np.uint64),
        patterns=tuple(_pattern(c, 5) for c in codes),
        payoff=np.array([_scores(r, 12) for r in rankings], dtype=np.int64),
        status_quo=0,
    )


def double_move_sanction() -> Conflict:
    """Three DMs where i's UI is sanctioned only if opponent j moves twice.

    States (1-based): 1 = s (status quo), 2 = s1, 3 = b, 4 = c, 5 = d. DM I's only move is the
    UI 1 -> 2. J moves 2 -> 3 and 4 -> 5; K moves 3 -> 4. The sanction of 1 -> 2 is the legal
    sequence J: 2 -> 3, K: 3 -> 4, J: 4 -> 5, ending in d, which I likes less than s; the
    intermediate states b, c are better for I than s. Legal sequences allow a DM to move
    again after another has moved (Fang, Hipel & Kilgour 1993, ch. 4; Xu, Hipel & Kilgour
    2009, *IEEE Trans. SMC-A* 39(1):96-108), so s is GMR-stable for I; letting each opponent
    move at most once (gmcr-py) misses the sanction.
    """
    n = 5
    return Conflict(
        decision_makers=("I", "J", "K"),
        options=("a", "b", "c"),
        owner=(0, 1, 2),
        reversibility=(BOTH, BOTH, BOTH),
        codes=np.arange(n, dtype=np.uint64),
        patterns=tuple(_pattern(c, 3) for c in range(n)),
        # I: s1 > b = c > s > d; J and K indifferent among all states (no J/K UIs)
        payoff=np.array([[2, 4, 3, 3, 1], [0] * n, [0] * n], dtype=np.int64),
        status_quo=0,
        explicit_moves=(
            np.array([[0, 1]], dtype=np.int64),
            np.array([[1, 2], [3, 4]], dtype=np.int64),
            np.array([[2, 3]], dtype=np.int64),
        ),
    )
