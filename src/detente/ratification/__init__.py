"""Ratification lens: would the body that must approve a guarantee approve it, and who decides.

Engines (pure functions returning frozen, numbers-only results):

- :func:`assess_ratification`: every proposal of a scenario's ``ratification`` section: the
  probability it passes, expected and required yeas, pivots, persuadable members and the
  smallest change of the text that would carry it (:class:`RatificationResult`,
  ``.to_frame()``); :func:`headline_summary` is the same headline without the searches;
- :mod:`~detente.ratification.rules`: constitutional and Senate thresholds (Art. II §2,
  Rule XXII, Art. I §5 and §7);
- :mod:`~detente.ratification.pivots`: Krehbiel's pivots in one dimension (*Pivotal
  Politics*, 1998);
- :mod:`~detente.ratification.nominate`: the DW-NOMINATE vote probabilities (Poole &
  Rosenthal 1997);
- :mod:`~detente.ratification.distribution`: exact distributions of the yea count;
- :mod:`~detente.ratification.members`: reading Voteview member and vote files, and building
  a chamber from party-level assumptions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente._exports import lazy_exports

_EXPORTS = {
    "VoteSetting": ".chamber_vote",
    "house_p_pass": ".chamber_vote",
    "party_blocs": ".chamber_vote",
    "senate_distribution": ".chamber_vote",
    "senate_pass_mask": ".chamber_vote",
    "Bloc": ".distribution",
    "chamber_distribution": ".distribution",
    "gauss_hermite": ".distribution",
    "margin_distribution": ".distribution",
    "shocked": ".distribution",
    "thinned_yea_nay": ".distribution",
    "yea_count_distribution": ".distribution",
    "yea_nay_distribution": ".distribution",
    "BlocSummary": ".results",
    "ChamberVote": ".results",
    "PersuadableMember": ".results",
    "PivotMember": ".results",
    "PositionChange": ".results",
    "ProposalAssessment": ".results",
    "RatificationResult": ".results",
    "RollCall": ".position",
    "assess_ratification": ".engine",
    "headline_summary": ".engine",
    "RatificationLens": ".lens",
    "proposal_json": ".lens",
    "proposal_explanation": ".explain",
    "position_change_text": ".explain",
    "result_explanation": ".explain",
    "result_json": ".lens",
    "Chamber": ".members",
    "Member": ".members",
    "ObservedRollCall": ".members",
    "REQUIRED_COLUMNS": ".members",
    "members_from_parties": ".members",
    "parse_voteview_members": ".members",
    "parse_voteview_votes": ".members",
    "read_voteview_members": ".members",
    "read_voteview_votes": ".members",
    "cutline_normal": ".nominate",
    "outcome_points": ".nominate",
    "support_scores": ".nominate",
    "yea_probabilities": ".nominate",
    "OneDimensionalPivot": ".pivots",
    "kth_most_supportive": ".pivots",
    "one_dimensional_pivot": ".pivots",
    "pivot_order": ".pivots",
    "ratifiable_set": ".pivots",
    "yea_side_count": ".pivots",
    "PresentRule": ".rules",
    "VoteStep": ".rules",
    "article_ii_passes": ".rules",
    "article_ii_required_yeas": ".rules",
    "cloture_required_yeas": ".rules",
    "majority_passes": ".rules",
    "quorum": ".rules",
    "ratification_path": ".rules",
    "two_thirds_of": ".rules",
}

if TYPE_CHECKING:
    from detente.ratification.chamber_vote import (
        VoteSetting,
        house_p_pass,
        party_blocs,
        senate_distribution,
        senate_pass_mask,
    )
    from detente.ratification.distribution import (
        Bloc,
        chamber_distribution,
        gauss_hermite,
        margin_distribution,
        shocked,
        thinned_yea_nay,
        yea_count_distribution,
        yea_nay_distribution,
    )
    from detente.ratification.engine import (
        assess_ratification,
        headline_summary,
    )
    from detente.ratification.explain import (
        position_change_text,
        proposal_explanation,
        result_explanation,
    )
    from detente.ratification.lens import (
        RatificationLens,
        proposal_json,
        result_json,
    )
    from detente.ratification.members import (
        REQUIRED_COLUMNS,
        Chamber,
        Member,
        ObservedRollCall,
        members_from_parties,
        parse_voteview_members,
        parse_voteview_votes,
        read_voteview_members,
        read_voteview_votes,
    )
    from detente.ratification.nominate import (
        cutline_normal,
        outcome_points,
        support_scores,
        yea_probabilities,
    )
    from detente.ratification.pivots import (
        OneDimensionalPivot,
        kth_most_supportive,
        one_dimensional_pivot,
        pivot_order,
        ratifiable_set,
        yea_side_count,
    )
    from detente.ratification.position import (
        RollCall,
    )
    from detente.ratification.results import (
        BlocSummary,
        ChamberVote,
        PersuadableMember,
        PivotMember,
        PositionChange,
        ProposalAssessment,
        RatificationResult,
    )
    from detente.ratification.rules import (
        PresentRule,
        VoteStep,
        article_ii_passes,
        article_ii_required_yeas,
        cloture_required_yeas,
        majority_passes,
        quorum,
        ratification_path,
        two_thirds_of,
    )

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "REQUIRED_COLUMNS",
    "Bloc",
    "BlocSummary",
    "Chamber",
    "ChamberVote",
    "Member",
    "ObservedRollCall",
    "OneDimensionalPivot",
    "PersuadableMember",
    "PivotMember",
    "PositionChange",
    "PresentRule",
    "ProposalAssessment",
    "RatificationLens",
    "RatificationResult",
    "RollCall",
    "VoteSetting",
    "VoteStep",
    "article_ii_passes",
    "article_ii_required_yeas",
    "assess_ratification",
    "chamber_distribution",
    "cloture_required_yeas",
    "cutline_normal",
    "gauss_hermite",
    "headline_summary",
    "house_p_pass",
    "kth_most_supportive",
    "majority_passes",
    "margin_distribution",
    "members_from_parties",
    "one_dimensional_pivot",
    "outcome_points",
    "parse_voteview_members",
    "parse_voteview_votes",
    "party_blocs",
    "pivot_order",
    "position_change_text",
    "proposal_explanation",
    "proposal_json",
    "quorum",
    "ratifiable_set",
    "ratification_path",
    "read_voteview_members",
    "read_voteview_votes",
    "result_explanation",
    "result_json",
    "senate_distribution",
    "senate_pass_mask",
    "shocked",
    "support_scores",
    "thinned_yea_nay",
    "two_thirds_of",
    "yea_count_distribution",
    "yea_nay_distribution",
    "yea_probabilities",
    "yea_side_count",
]
