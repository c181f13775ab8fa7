"""Importing gmcr-py / GMCR+ `.gmcr` save files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.conflict.gmcr_file import is_gmcr_file, load_gmcr, read_gmcr
from detente.conflict.model import Reversibility
from detente.conflict.stability import analyze_stability
from detente.errors import ScenarioError

DATA = Path(__file__).parent / "data"


def test_legacy_prisoners_file() -> None:
    conflict = load_gmcr(DATA / "prisoners-legacy.gmcr")
    assert conflict.decision_makers == ("Prisoner_1", "Prisoner_2")
    assert conflict.patterns == ("NN", "YN", "NY", "YY")
    # statements C2 then -C1 for P1: ranking [3, 4, 1, 2]
    assert conflict.payoff[0].tolist() == [1, 0, 3, 2]
    assert conflict.payoff[1].tolist() == [1, 3, 0, 2]


def test_elmira_manual_rankings_and_directions() -> None:
    imported = read_gmcr(DATA / "elmira-0.3.6.gmcr")
    conflict = imported.conflict
    assert conflict.n_states == 12
    assert conflict.reversibility == (
        Reversibility.FORWARD_ONLY,
        Reversibility.BACKWARD_ONLY,
        Reversibility.BOTH,
        Reversibility.FORWARD_ONLY,
        Reversibility.BOTH,
    )
    # MoE's manual ranking puts state 9 first and the four abandonment states last, tied.
    moe = conflict.payoff[0]
    assert moe[8] == moe.max()
    assert len({int(moe[k]) for k in (4, 5, 10, 11)}) == 1
    assert imported.notes == ()


def write(tmp_path: Path, data: object, name: str = "m.gmcr") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def base() -> dict:  # type: ignore[type-arg]
    return json.loads((DATA / "prisoners-legacy.gmcr").read_text())


def test_options_are_regrouped_by_decision_maker(tmp_path: Path) -> None:
    """gmcr-py regroups options by DM before numbering; so does the importer."""
    data = {
        "options": [
            {"name": "b1", "permittedDirection": "both"},
            {"name": "a1", "permittedDirection": "both"},
            {"name": "a2", "permittedDirection": "fwd"},
        ],
        "decisionMakers": [
            {"name": "A", "options": [1, 2], "preferences": [[[0, "Y"]]]},
            {"name": "B", "options": [0], "preferences": [[[2, "N"], [1, "Y"]]]},
        ],
        "infeasibles": [],
    }
    imported = read_gmcr(write(tmp_path, data))
    conflict = imported.conflict
    assert conflict.options == ("a1", "a2", "b1")
    assert conflict.reversibility[1] is Reversibility.FORWARD_ONLY
    # A prefers b1 taken: b1 is now bit 2
    assert [int(c) for c in conflict.codes[conflict.payoff[0] == 1]] == [4, 5, 6, 7]
    assert any("regrouped" in note for note in imported.notes)


def test_manual_ranking_uses_gmcr_py_numbering(tmp_path: Path) -> None:
    data = base()
    data["useManualPreferenceVectors"] = True
    data["decisionMakers"][0]["preferenceVector"] = [4, [1, 2], 3]
    data["decisionMakers"][1]["preferenceRanking"] = [1, 2, 3, 4]
    conflict = load_gmcr(write(tmp_path, data))
    assert conflict.payoff[0].tolist() == [1, 1, 0, 2]
    assert conflict.payoff[1].tolist() == [3, 2, 1, 0]


def test_misperceptions_remove_moves(tmp_path: Path) -> None:
    data = base()
    data["decisionMakers"][0]["misperceptions"] = [[[1, "Y"], [0, "Y"]]]  # P1 cannot see YY
    conflict = load_gmcr(write(tmp_path, data))
    assert conflict.explicit_moves is not None
    p1 = sorted(map(tuple, conflict.explicit_moves[0].tolist()))
    assert p1 == [(0, 1), (1, 0)]  # 2<->3 (NY<->YY) removed
    assert len(conflict.explicit_moves[1]) == 4


def test_coalitions_are_ignored_with_a_note(tmp_path: Path) -> None:
    data = base()
    data["coalitions"] = [[0, 1]]
    assert any("coalitions" in n for n in read_gmcr(write(tmp_path, data)).notes)


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda d: d.pop("options"), "'options' is missing"),
        (lambda d: d["options"][0].update(permittedDirection="sideways"), "unknown direction"),
        (lambda d: d["decisionMakers"][1].update(options=[0]), "also controlled"),
        (lambda d: d["decisionMakers"][1].update(options=[]), "controlled by no decision maker"),
        (lambda d: d["decisionMakers"][0].update(preferences=[[[5, "Y"]]]), "option index 5"),
        (
            lambda d: d["decisionMakers"][0].update(preferences=[[[0, "maybe"]]]),
            "is not an [option",
        ),
        (
            lambda d: d.update(infeasibles=[[[0, "Y"]], [[0, "N"]]]),
            "no feasible state",
        ),
        (
            lambda d: (
                d.update(useManualPreferenceRanking=True),
                d["decisionMakers"][0].update(preferenceRanking=[1, 2, 3]),
            ),
            "omits state(s) 4",
        ),
        (
            lambda d: (
                d.update(useManualPreferenceRanking=True),
                d["decisionMakers"][0].update(preferenceRanking=[1, 2, 3, 3, 4]),
            ),
            "ranked twice",
        ),
        (lambda d: d.update(decisionMakers=d["decisionMakers"][:1]), "at least two"),
    ],
)
def test_malformed_models_are_located(tmp_path: Path, mutate, fragment: str) -> None:  # type: ignore[no-untyped-def]
    data = base()
    mutate(data)
    path = write(tmp_path, data)
    with pytest.raises(ScenarioError) as info:
        load_gmcr(path)
    (problem,) = info.value.problems
    assert fragment in problem.message, problem
    assert problem.file == str(path)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="file not found"):
        load_gmcr(tmp_path / "absent.gmcr")
    path = write(tmp_path, '{"options": [\n  {"name": "x",\n}')
    with pytest.raises(ScenarioError) as info:
        load_gmcr(path)
    assert info.value.problems[0].line == 3
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_gmcr(path)
    with pytest.raises(ScenarioError, match="JSON object"):
        load_gmcr(write(tmp_path, "[1, 2]"))


def test_detection(tmp_path: Path) -> None:
    assert is_gmcr_file(DATA / "elmira-0.3.6.gmcr")
    assert is_gmcr_file(write(tmp_path, base(), "x.json"))
    assert not is_gmcr_file(write(tmp_path, {"a": 1}, "y.json"))


def test_imported_prisoners_dilemma_stability() -> None:
    result = analyze_stability(load_gmcr(DATA / "prisoners-legacy.gmcr"))
    assert result.equilibria("nash") == [1]
    assert result.equilibria("seq") == [1, 4]
