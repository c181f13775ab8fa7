"""The shipped published-case scenarios reproduce the reference tables exactly.

Each expected table is the per-DM stability and equilibria of the GMCR reference (detente
``reference/gmcr.md`` section 6), computed from the definitions and agreeing with the
published equilibria. Tolerance: none (exact sets of state ids).
"""

from __future__ import annotations

from pathlib import Path

from detente.conflict.compile import compile_conflict
from detente.conflict.gmcr_file import load_gmcr
from detente.conflict.result import StabilityResult
from detente.conflict.stability import analyze_stability
from detente.scenario import load_scenario, shipped_path

ALL9 = list(range(1, 10))


def analyse(name: str) -> StabilityResult:
    section = load_scenario(shipped_path(name)).conflict
    assert section is not None
    return analyze_stability(compile_conflict(section))


def per_dm(result: StabilityResult, concept: str) -> dict[str, list[int]]:
    return {dm: result.stable_states(concept, dm) for dm in result.conflict.decision_makers}


def test_prisoners_dilemma() -> None:
    """Prisoner's Dilemma (FHK93; Xu et al. 2018 ch. 4): Nash {1}, GMR = SMR = SEQ = SIM =
    {1, 4}; per DM as in reference table 6.1."""
    result = analyse("prisoners-dilemma")
    assert per_dm(result, "nash") == {"P1": [1, 3], "P2": [1, 2]}
    assert result.equilibria("nash") == [1]
    for concept in ("gmr", "smr", "seq", "sim", "seqsim"):
        assert per_dm(result, concept) == {"P1": [1, 3, 4], "P2": [1, 2, 4]}, concept
        assert result.equilibria(concept) == [1, 4], concept


def test_chicken() -> None:
    """Chicken (FHK93; Kilgour, Hipel & Fang 1987): Nash = SEQ = {2, 3}; GMR = SMR = SIM =
    SEQ+SIM = {1, 2, 3} (the sanction of mutual swerving is not credible)."""
    result = analyse("chicken")
    for concept in ("nash", "seq"):
        assert per_dm(result, concept) == {"A": [2, 3], "B": [2, 3]}
        assert result.equilibria(concept) == [2, 3]
    for concept in ("gmr", "smr", "sim", "seqsim"):
        assert per_dm(result, concept) == {"A": [1, 2, 3], "B": [1, 2, 3]}
        assert result.equilibria(concept) == [1, 2, 3]


ELMIRA = {
    "nash": ({"MoE": ALL9, "UR": [1, 4, 5, 8, 9], "LG": [5, 6, 7, 8, 9]}, [5, 8, 9]),
    "gmr": ({"MoE": ALL9, "UR": [1, 4, 5, 8, 9], "LG": ALL9}, [1, 4, 5, 8, 9]),
    "smr": ({"MoE": ALL9, "UR": [1, 4, 5, 8, 9], "LG": ALL9}, [1, 4, 5, 8, 9]),
    "seq": ({"MoE": ALL9, "UR": [1, 4, 5, 8, 9], "LG": [2, 3, 5, 6, 7, 8, 9]}, [5, 8, 9]),
}


def test_elmira_nine_state_model() -> None:
    """Elmira (Hipel, Kilgour, Fang & Peng 1997; Kilgour et al. 2001; Xu, Hipel & Kilgour 2009):
    published equilibria Nash = SEQ = {5, 8, 9}, GMR = SMR = {1, 4, 5, 8, 9}; per-DM table 6.3."""
    result = analyse("elmira")
    assert result.conflict.status_quo == 0
    for concept, (table, equilibria) in ELMIRA.items():
        assert per_dm(result, concept) == table, concept
        assert result.equilibria(concept) == equilibria, concept


# gmcr-py's 12-state encoding keeps the four abandonment states apart (reference 6.3 notes).
TWELVE_TO_NINE = {1: 1, 2: 2, 3: 3, 4: 4, 7: 5, 8: 6, 9: 7, 10: 8, 5: 9, 6: 9, 11: 9, 12: 9}


def test_elmira_gmcr_file_twelve_state_model() -> None:
    """The 12-state Elmira model of gmcr-py 0.3.6 (fixture written from reference section 5),
    mapped to the published ids, gives the published equilibria; SIM = Nash on it."""
    conflict = load_gmcr(Path(__file__).parents[1] / "conflict" / "data" / "elmira-0.3.6.gmcr")
    result = analyze_stability(conflict)
    dms = {"MoE": "MoE", "UR": "Uniroyal", "LG": "Local_Government"}
    for concept, (table, equilibria) in ELMIRA.items():
        mapped = sorted({TWELVE_TO_NINE[s] for s in result.equilibria(concept)})
        assert mapped == equilibria, concept
        for short, name in dms.items():
            states = sorted({TWELVE_TO_NINE[s] for s in result.stable_states(concept, name)})
            assert states == table[short], (concept, short)
    assert result.equilibria("sim") == result.equilibria("nash")
