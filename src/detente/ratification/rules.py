"""Vote thresholds of the US ratification paths.

Sources
-------
- US Constitution, Art. II §2 cl. 2: the President makes treaties "by and with the Advice and
  Consent of the Senate ... provided two thirds of the Senators present concur". Senate
  practice counts two thirds of the senators present *and voting* (yea or nay), a quorum being
  present (CRS, *Treaties and Other International Agreements: The Role of the United States
  Senate*, S. Prt. 106-71, 2001). The 1999 CTBT vote (48-51, Byrd voting "present") needed 66,
  two thirds of the 99 voting (Congressional Record, 106th Congress, S12548, roll call 325).
- Art. I §5: "a Majority of each shall constitute a Quorum to do Business".
- Senate Rule XXII: cloture needs three fifths of the senators duly chosen and sworn (60 with
  no vacancies).
- Art. I §7: a bill (and so a congressional-executive agreement) passes each House by a
  majority, is signed by the President or, if vetoed, repassed by two thirds of each House
  (two thirds of the members present and voting, a quorum being present: *Missouri Pacific
  Railway Co. v. Kansas*, 248 U.S. 276 (1919)).
- A sole executive agreement rests on the President's own powers and a political commitment
  is not legally binding: neither is put to any vote (Case-Zablocki Act, 1 U.S.C. §112b, only
  requires that agreements be reported to Congress).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from detente.scenario.legal_form import LegalForm

__all__ = [
    "PresentRule",
    "VoteStep",
    "article_ii_passes",
    "article_ii_required_yeas",
    "cloture_required_yeas",
    "majority_passes",
    "quorum",
    "ratification_path",
    "two_thirds_of",
]


class PresentRule(StrEnum):
    """How a senator's "present" vote counts towards the two-thirds base.

    ``excluded`` (Senate practice, the default): two thirds of those voting yea or nay; a
    "present" vote counts for the quorum only. ``counted``: the literal reading of "two thirds
    of the Senators present", where a "present" vote enlarges the base and so acts like a nay.
    """

    EXCLUDED = "excluded"
    COUNTED = "counted"


def two_thirds_of(base: int) -> int:
    """The smallest integer k with 3k >= 2·base, i.e. ⌈2·base/3⌉, in exact integer arithmetic."""
    if base < 0:
        raise ValueError("base must be non-negative")
    return (2 * base + 2) // 3


def quorum(seated: int) -> int:
    """A majority of the members (Art. I §5): ⌊seated/2⌋ + 1."""
    return seated // 2 + 1


def cloture_required_yeas(duly_chosen_and_sworn: int) -> int:
    """Senate Rule XXII: three fifths of the senators duly chosen and sworn, ⌈3n/5⌉ (60 of 100)."""
    return (3 * duly_chosen_and_sworn + 4) // 5


def article_ii_required_yeas(
    yeas: int, nays: int, present: int = 0, rule: PresentRule = PresentRule.EXCLUDED
) -> int:
    """Yeas an Art. II resolution of ratification needs: k = ⌈2(Y+N)/3⌉ (present excluded).

    With ``rule=counted`` the base is Y + N + P (the CTBT vote: 66 excluded, 67 counted).
    """
    base = yeas + nays + (present if rule is PresentRule.COUNTED else 0)
    return two_thirds_of(base)


def article_ii_passes(
    yeas: int,
    nays: int,
    present: int = 0,
    rule: PresentRule = PresentRule.EXCLUDED,
    seated: int = 100,
) -> bool:
    """Two thirds of those voting concur and a quorum (yeas + nays + present) is there."""
    if yeas + nays + present < quorum(seated):
        return False
    return yeas >= article_ii_required_yeas(yeas, nays, present, rule)


def majority_passes(yeas: int, nays: int) -> bool:
    """A simple majority of those voting (a tie fails; a Vice President's tie-break is not
    modelled)."""
    return yeas > nays


@dataclass(frozen=True)
class VoteStep:
    """One vote a legal form requires, described for people."""

    chamber: str
    rule: str
    description: str


def ratification_path(
    form: LegalForm, *, cloture: bool, president_signs: bool
) -> tuple[VoteStep, ...]:
    """The votes each legal form needs (empty for forms that need no vote)."""
    if form in (LegalForm.POLITICAL_COMMITMENT, LegalForm.SOLE_EXECUTIVE_AGREEMENT):
        return ()
    steps: list[VoteStep] = []
    if form is LegalForm.ARTICLE_II_TREATY:
        if cloture:
            steps.append(
                VoteStep(
                    "senate",
                    "cloture",
                    "cloture: three fifths of senators duly chosen and sworn (Rule XXII)",
                )
            )
        steps.append(
            VoteStep(
                "senate",
                "two_thirds_present_and_voting",
                "advice and consent: two thirds of senators present and voting (Art. II §2)",
            )
        )
        return tuple(steps)
    # Congressional-executive agreement: passed as a bill.
    steps.append(VoteStep("house", "majority", "House passage: a majority of those voting"))
    if cloture:
        steps.append(
            VoteStep(
                "senate",
                "cloture",
                "Senate cloture: three fifths of senators duly chosen and sworn",
            )
        )
    steps.append(VoteStep("senate", "majority", "Senate passage: a majority of those voting"))
    if not president_signs:
        steps.append(
            VoteStep(
                "house", "two_thirds_present_and_voting", "veto override in the House: two thirds"
            )
        )
        steps.append(
            VoteStep(
                "senate", "two_thirds_present_and_voting", "veto override in the Senate: two thirds"
            )
        )
    return tuple(steps)
