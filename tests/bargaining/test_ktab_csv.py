"""KTAB CSV input: the reference file reads; every malformed file is located precisely."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.bargaining.ktab_csv import read_ktab_csv, read_ktab_csv_text
from detente.errors import ScenarioError

DATA = Path(__file__).parent / "data" / "dummyData_3Dim.csv"
GOOD = DATA.read_text()


def test_reference_file_reads() -> None:
    inputs = read_ktab_csv(DATA)
    assert inputs.n_actors == 7 and inputs.n_dimensions == 3
    assert inputs.actors[0] == "SActor-00"
    assert inputs.capability[2] == pytest.approx(129.643)
    np.testing.assert_allclose(inputs.salience[0], [0.4953, 0.0591, 0.2815])
    np.testing.assert_allclose(inputs.position[6], [70.96, 33.46, 90.36])


def test_without_trailing_commas() -> None:
    text = "\n".join(line.rstrip(",") for line in GOOD.splitlines())
    assert read_ktab_csv_text(text).n_actors == 7


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "fragment"),
    [
        ("SActor-03,,75.920", "SActor-03,,-5", 6, "Power", "capability -5 is out of range"),
        ("SActor-03,,75.920", "SActor-03,,", 6, "Power", "is not a number"),
        ("SActor-04,,63.224,82.34", "SActor-04,,63.224,182.34", 7, "Pstn1", "outside [0, 100]"),
        (
            "SActor-05,,120.048,84.48,22.92",
            "SActor-05,,120.048,84.48,92.92",
            8,
            "Sal1..Sal3",
            "saliences sum to",
        ),
        ("SActor-06,,54.178,70.96,31.75", "SActor-06,,54.178,70.96,abc", 9, "Sal1", "not a number"),
    ],
)
def test_bad_values_name_line_actor_and_field(
    old: str, new: str, line: int, field: str, fragment: str
) -> None:
    with pytest.raises(ScenarioError) as info:
        read_ktab_csv_text(GOOD.replace(old, new), "bad.csv")
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.field) == ("bad.csv", line, field)
    assert fragment in problem.message
    actor = new.split(",")[0]
    assert actor in problem.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty file"),
        ("name,desc\n", "needs 4"),
        ("name,desc,seven,3\n", "whole numbers"),
        ("name,desc,2,3\nA,B\n", "3 to 250 actors"),
        ("name,desc,3,0\n", "at least one dimension"),
        ("name,desc,3,2\nActor,Description,Power,Pstn1\n", "header row has 4 fields"),
        ("name,desc,3,1\nActor,Description,Power,Pstn1,Sal1\nA,,1,2,3\n", "file has 1 actor rows"),
        (
            "name,desc,3,1\nActor,Description,Power,Pstn1,Sal1\nA,,1,2,3\nB,,1\nC,,1,2,3\n",
            "B has 3 fields",
        ),
    ],
)
def test_malformed_structure(text: str, fragment: str) -> None:
    with pytest.raises(ScenarioError) as info:
        read_ktab_csv_text(text, "bad.csv")
    assert fragment in str(info.value)
    assert info.value.problems[0].line is not None or fragment == "empty file"


def test_dimension_without_weight() -> None:
    text = "n,d,3,2\nActor,Description,Power,Pstn1,Sal1,Pstn2,Sal2\n" + "".join(
        f"{a},,1,50,50,20,0\n" for a in "ABC"
    )
    with pytest.raises(ScenarioError) as info:
        read_ktab_csv_text(text, "w.csv")
    problem = info.value.problems[0]
    assert problem.line == 2 and problem.field == "Sal2" and "no weight" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="file not found"):
        read_ktab_csv(tmp_path / "absent.csv")
