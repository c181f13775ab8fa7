"""DW-NOMINATE coordinates are refused with a proposal on another scale; the observed tally
of a Voteview votes file leaves the President's position row out (issue 10, item 6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ratification_fixtures import TREATY, members_csv, scenario_yaml, senate_rows

from detente.ratification.members import is_president, parse_voteview_votes

VOTES_HEADER = "congress,chamber,rollnumber,icpsr,cast_code,prob\n"


def _ratify(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "detente", "ratify", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _support_scale(text: str) -> str:
    return text.replace("ratification:\n", "ratification:\n  scale: support\n", 1)


def test_dw_nominate_members_refused_with_a_support_scale_proposal(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(_support_scale(scenario_yaml(TREATY)))
    members = tmp_path / "m.csv"
    members.write_text(members_csv(senate_rows(56, 42, 2)))
    done = _ratify(str(scenario), "--members", str(members))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "'support' scale" in done.stderr and "DW-NOMINATE" in done.stderr
    # The same scenario without --members runs; on the DW-NOMINATE scale --members runs too.
    assert _ratify(str(scenario)).returncode == 0
    scenario.write_text(scenario_yaml(TREATY))
    assert _ratify(str(scenario), "--members", str(members)).returncode == 0


def test_shipped_scenario_declares_its_support_scale() -> None:
    done = _ratify("ukraine-2025", "--members", "/nonexistent.csv")
    assert done.returncode == 2 and "'support' scale" in done.stderr


def test_observed_tally_leaves_out_the_presidents_row() -> None:
    rows = [
        f"111,Senate,695,{10000 + i},{1 if i < 71 else 6 if i < 97 else 9},0.9\n"
        for i in range(100)
    ]
    # Voteview lists the President's position as a row (ICPSR 99911), sometimes in the Senate.
    rows.append("111,President,695,99911,1,0.9\n")
    rows.append("111,Senate,695,99911,1,0.9\n")
    observed = parse_voteview_votes(VOTES_HEADER + "".join(rows), 695)
    assert (observed.yeas, observed.nays, observed.not_voting) == (71, 26, 3)
    assert 99911 not in observed.seated and len(observed.seated) == 100
    assert is_president(99911) and is_president(99000) and not is_president(10000)
