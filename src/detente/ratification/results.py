"""The ratification lens's frozen results (built by :mod:`detente.ratification.engine`).

Numbers only: :mod:`detente.ratification.explain` says what they mean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from detente.scenario.legal_form import LegalForm

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BlocSummary",
    "ChamberVote",
    "PersuadableMember",
    "PivotMember",
    "PositionChange",
    "ProposalAssessment",
    "RatificationResult",
]


@dataclass(frozen=True)
class PivotMember:
    """A pivotal member (Krehbiel 1998): the k-th most supportive member for a threshold k."""

    role: str
    chamber: str
    required: int
    name: str
    party: str
    support_score: float
    p_yea: float
    margin_members: int
    """Members on the yea side of the cutting line minus ``required`` (negative: short)."""


@dataclass(frozen=True)
class BlocSummary:
    """A party's contribution to the vote."""

    party: str
    name: str
    members: int
    expected_yeas: float
    deterministic_yeas: int
    caucus: str
    """The caucus the party votes with (its own id when it has none)."""


@dataclass(frozen=True)
class PersuadableMember:
    """A member on the nay side of the cutting line, close to it."""

    name: str
    party: str
    state: str
    p_yea: float
    support_score: float


@dataclass(frozen=True)
class PositionChange:
    """The smallest move of the cutting line that carries the proposal.

    ``shift`` is in first-dimension units, positive towards the status quo (a more modest
    text); negative values are slack (how far the text could move away and still pass).
    """

    shift: float | None
    position: dict[str, Any] | None
    basis: str
    """``"deterministic"`` (every member votes by position) or ``"p_ratify >= 0.5"``."""
    limit: float
    """The largest move of the cutting line the search tried."""
    house_binds: bool = False
    """Whether the House pivot binds before the Senate's (congressional-executive agreements)."""


@dataclass(frozen=True)
class ChamberVote:
    """One chamber's vote on a proposal."""

    chamber: str
    rules: tuple[str, ...]
    members: int
    p_pass: float
    expected_yeas: float
    expected_nays: float
    required_yeas: int
    deterministic_yeas: int
    yea_distribution: tuple[float, ...]


@dataclass(frozen=True)
class ProposalAssessment:
    """Everything the engine found about one proposal."""

    proposal_id: str
    design: str | None
    legal_form: LegalForm
    vote_required: bool
    p_ratify: float
    expected_yeas: float | None
    required_yeas: int | None
    votes: tuple[ChamberVote, ...]
    pivots: tuple[PivotMember, ...]
    blocs: tuple[BlocSummary, ...]
    persuadable: tuple[PersuadableMember, ...]
    position_change: PositionChange | None
    position_change_even_odds: PositionChange | None
    president_signs: bool
    position: dict[str, Any] | None
    """The proposal's position as given (``kind`` one_dimensional or roll_call)."""


@dataclass(frozen=True)
class RatificationResult:
    """The ratification lens's result for a scenario."""

    scenario_id: str
    version: str
    """detente's version that produced the result."""
    body: str
    senate_source: str
    house_source: str | None
    model: dict[str, Any] = field(hash=False)
    proposals: tuple[ProposalAssessment, ...]
    senate_members: int

    def proposal(self, proposal_id: str) -> ProposalAssessment:
        """The assessment of one proposal, by id (KeyError when there is none)."""
        for p in self.proposals:
            if p.proposal_id == proposal_id:
                return p
        raise KeyError(proposal_id)

    def to_frame(self) -> pd.DataFrame:
        """One row per proposal (indexed by proposal id): legal form, whether a vote is
        required, P(ratify), expected and required yeas, and the position change that would
        carry it (in first-dimension units; NaN when none is needed or none exists)."""
        import pandas as pd

        nan = float("nan")
        rows = [
            {
                "proposal": p.proposal_id,
                "design": p.design,
                "legal_form": p.legal_form.value,
                "vote_required": p.vote_required,
                "p_ratify": p.p_ratify,
                "expected_yeas": nan if p.expected_yeas is None else p.expected_yeas,
                "required_yeas": nan if p.required_yeas is None else p.required_yeas,
                "pivots": len(p.pivots),
                "shift_needed": (
                    nan
                    if p.position_change is None or p.position_change.shift is None
                    else p.position_change.shift
                ),
            }
            for p in self.proposals
        ]
        return pd.DataFrame(rows).set_index("proposal")
