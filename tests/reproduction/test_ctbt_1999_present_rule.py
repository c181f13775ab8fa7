"""CTBT, resolution of ratification, 13 October 1999: failed 48-51 with one "present" (Byrd).

Source: Congressional Record, 106th Congress, 1st session, S12548 (roll call vote no. 325).
Needed: 66 = ⌈2·99/3⌉, two thirds of the 99 senators voting yea or nay (Senate practice, CRS
S. Prt. 106-71); counting Byrd's "present" in the base would have raised it to 67. Exact
integer arithmetic: tolerance 0.
"""

from __future__ import annotations

from detente.ratification.rules import PresentRule, article_ii_passes, article_ii_required_yeas


def test_ctbt_needed_66_of_99_voting_and_67_if_present_counted() -> None:
    assert article_ii_required_yeas(48, 51, present=1, rule=PresentRule.EXCLUDED) == 66
    assert article_ii_required_yeas(48, 51, present=1, rule=PresentRule.COUNTED) == 67
    assert not article_ii_passes(48, 51, present=1, seated=100)


def test_new_start_tally_needed_65() -> None:
    """New START, 22 December 2010: 71-26 (3 not voting) needed 65 = ⌈2·97/3⌉ (Voteview S111,
    roll number 695)."""
    assert article_ii_required_yeas(71, 26) == 65
    assert article_ii_passes(71, 26, seated=100)
