"""Vote thresholds: Art. II two thirds of those present and voting, cloture, quorum, paths."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from detente.ratification import rules
from detente.ratification.rules import PresentRule
from detente.scenario.legal_form import LegalForm


def test_two_thirds_is_exact_ceiling() -> None:
    assert rules.two_thirds_of(100) == 67
    assert rules.two_thirds_of(99) == 66
    assert rules.two_thirds_of(97) == 65  # New START: 71-26 needed 65
    assert rules.two_thirds_of(0) == 0


@given(st.integers(min_value=0, max_value=10_000))
def test_two_thirds_is_smallest_k_with_3k_at_least_2n(base: int) -> None:
    k = rules.two_thirds_of(base)
    assert 3 * k >= 2 * base
    assert k == 0 or 3 * (k - 1) < 2 * base


def test_ctbt_present_vote_excluded_and_counted() -> None:
    # CTBT 1999-10-13: 48-51 with Byrd "present": 66 needed; counting "present" would need 67.
    assert rules.article_ii_required_yeas(48, 51, 1, PresentRule.EXCLUDED) == 66
    assert rules.article_ii_required_yeas(48, 51, 1, PresentRule.COUNTED) == 67
    assert not rules.article_ii_passes(48, 51, 1)


def test_present_rule_decides_a_marginal_vote() -> None:
    # 66-33 with one present: passes under Senate practice, fails if "present" counts.
    assert rules.article_ii_passes(66, 33, 1, PresentRule.EXCLUDED)
    assert not rules.article_ii_passes(66, 33, 1, PresentRule.COUNTED)


def test_quorum_and_cloture() -> None:
    assert rules.quorum(100) == 51
    assert rules.quorum(99) == 50
    assert rules.cloture_required_yeas(100) == 60
    assert rules.cloture_required_yeas(99) == 60  # ⌈59.4⌉
    assert rules.cloture_required_yeas(95) == 57
    # No quorum, no vote: 40-5 fails although 40 ≥ ⌈2·45/3⌉ = 30.
    assert not rules.article_ii_passes(40, 5)
    assert rules.majority_passes(51, 49) and not rules.majority_passes(50, 50)


def test_paths() -> None:
    assert (
        rules.ratification_path(
            LegalForm.SOLE_EXECUTIVE_AGREEMENT, cloture=True, president_signs=True
        )
        == ()
    )
    assert (
        rules.ratification_path(LegalForm.POLITICAL_COMMITMENT, cloture=True, president_signs=True)
        == ()
    )
    treaty = rules.ratification_path(
        LegalForm.ARTICLE_II_TREATY, cloture=True, president_signs=True
    )
    assert [s.rule for s in treaty] == ["cloture", "two_thirds_present_and_voting"]
    cea = rules.ratification_path(
        LegalForm.CONGRESSIONAL_EXECUTIVE_AGREEMENT, cloture=True, president_signs=False
    )
    assert [(s.chamber, s.rule) for s in cea] == [
        ("house", "majority"),
        ("senate", "cloture"),
        ("senate", "majority"),
        ("house", "two_thirds_present_and_voting"),
        ("senate", "two_thirds_present_and_voting"),
    ]
