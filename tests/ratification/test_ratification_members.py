"""Reading Voteview members files: located errors for every bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from ratification_fixtures import HEADER, TREATY, members_csv, scenario_yaml, senate_rows

from detente.errors import ScenarioError
from detente.ratification.members import (
    members_from_parties,
    parse_voteview_members,
    read_voteview_members,
)
from detente.scenario import load_scenario_text


@pytest.fixture(scope="module")
def spec():  # type: ignore[no-untyped-def]
    return load_scenario_text(scenario_yaml(TREATY)).ratification.senate


def test_reads_senate_rows_and_maps_parties(spec) -> None:  # type: ignore[no-untyped-def]
    text = members_csv(senate_rows(56, 42, 2))
    text += '111,House,1,ST,100,1,"HOUSE, Member",0.1,0.1\n'  # other chambers are ignored
    chamber = parse_voteview_members(text, spec, file="m.csv")
    assert len(chamber.members) == 100
    assert {m.party for m in chamber.members} == {"D", "R", "I"}
    assert chamber.members[0].name == "MEMBER, Number 0"
    assert "111th Congress" in chamber.source


def test_missing_columns_are_named_at_line_1(spec) -> None:  # type: ignore[no-untyped-def]
    text = "congress,chamber,icpsr,bioname\n111,Senate,1,X\n"
    with pytest.raises(ScenarioError) as info:
        parse_voteview_members(text, spec, file="m.csv")
    (problem,) = info.value.problems
    assert problem.file == "m.csv" and problem.line == 1
    assert "state_abbrev" in problem.message and "nominate_dim1" in problem.message


def test_bad_value_is_located_by_line_and_column(spec) -> None:  # type: ignore[no-untyped-def]
    text = members_csv(senate_rows(56, 42, 2)).replace(",0.2,-0.1\n", ",abc,-0.1\n", 1)
    with pytest.raises(ScenarioError) as info:
        parse_voteview_members(text, spec, file="m.csv")
    (problem,) = info.value.problems
    line = text.splitlines().index(next(l for l in text.splitlines() if ",abc," in l)) + 1
    assert (problem.line, problem.column, problem.field) == (
        line,
        HEADER.split(",").index("nominate_dim1") + 1,
        "nominate_dim1",
    )
    assert "'abc' is not a number" in problem.message


def test_missing_score_hints_at_exclude(spec) -> None:  # type: ignore[no-untyped-def]
    text = members_csv(senate_rows(56, 42, 2)).replace(",0.2,-0.1\n", ",,-0.1\n", 1)
    with pytest.raises(ScenarioError) as info:
        parse_voteview_members(text, spec, file="m.csv")
    assert "value is missing" in str(info.value) and "--exclude" in str(info.value)
    # Excluding that member by ICPSR lets the file load.
    icpsr = 10000 + 56
    assert len(parse_voteview_members(text, spec, exclude=[icpsr]).members) == 99


def test_unknown_party_code(spec) -> None:  # type: ignore[no-untyped-def]
    text = members_csv(senate_rows(56, 41) + [(537, 0.0, 0.0)])
    with pytest.raises(ScenarioError, match="party code 537 matches no party"):
        parse_voteview_members(text, spec)


def test_more_members_than_seats_and_fewer_than_quorum(spec) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScenarioError, match="105 Senate members but the chamber has 100 seats"):
        parse_voteview_members(members_csv(senate_rows(60, 45)), spec)
    with pytest.raises(ScenarioError, match="fewer than a quorum"):
        parse_voteview_members(members_csv(senate_rows(20, 20)), spec)


def test_empty_and_unreadable_files(spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScenarioError, match="empty"):
        parse_voteview_members("", spec)
    with pytest.raises(ScenarioError, match="not found"):
        read_voteview_members(tmp_path / "none.csv", spec)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ScenarioError, match="UTF-8"):
        read_voteview_members(bad, spec)


def test_party_chamber_uses_quantiles(spec) -> None:  # type: ignore[no-untyped-def]
    chamber = members_from_parties(spec, "senate")
    d = sorted(m.x1 for m in chamber.members if m.party == "D")
    assert len(d) == 56
    assert abs(sum(d) / 56 - (-0.38)) < 1e-9  # symmetric quantiles keep the mean


def test_votes_file_gives_seated_members_and_tally(spec) -> None:  # type: ignore[no-untyped-def]
    from detente.ratification.members import parse_voteview_votes

    rows = senate_rows(56, 42, 2) + [(100, -0.5, 0.0), (200, 0.5, 0.0)]  # two who left
    members = members_csv(rows)
    votes = ["congress,chamber,rollnumber,icpsr,cast_code,prob"]
    for i in range(len(rows)):
        code = 0 if i >= 100 else (1 if i < 71 else 6 if i < 97 else 9)
        votes.append(f"111,Senate,695,{10000 + i},{code},99.0")
        votes.append(f"111,Senate,694,{10000 + i},1,99.0")
    observed = parse_voteview_votes("\n".join(votes) + "\n", 695, file="v.csv")
    assert (observed.yeas, observed.nays, observed.not_voting) == (71, 26, 3)
    assert len(observed.seated) == 100
    with pytest.raises(ScenarioError, match="102 Senate members"):
        parse_voteview_members(members, spec)
    chamber = parse_voteview_members(members, spec, seated=observed.seated)
    assert len(chamber.members) == 100
    with pytest.raises(ScenarioError, match="no Senate roll call number 7"):
        parse_voteview_votes("\n".join(votes) + "\n", 7)
    with pytest.raises(ScenarioError, match="missing column"):
        parse_voteview_votes("congress,icpsr\n1,2\n", 695)
