"""Named model options of the bargaining engines, with the defaults of their reference code.

Every choice that the literature leaves ambiguous is an explicit enum here, so that a forecast
records exactly which reading produced it. The SMP enums carry KTAB's names and defaults
(KAPSARC Toolkit for Behavioral Analysis, ``KAPSARC/KTAB``, ``smp`` library, 2015-2019; see
also the KAPSARC discussion paper "An Introduction to the KAPSARC Toolkit for Behavioral
Analysis (KTAB)").
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.scenario.bargaining_options import (
    BargainModel,
    BigRAdjust,
    BigRRange,
    InterVecBargain,
    PCEModel,
    StateTransition,
    ThirdPartyCommit,
    VictoryProb,
    VotingRule,
)

__all__ = [
    "BargainModel",
    "BigRAdjust",
    "BigRRange",
    "InterVecBargain",
    "PCEModel",
    "SMPParameters",
    "StateTransition",
    "ThirdPartyCommit",
    "VictoryProb",
    "VotingRule",
]


@dataclass(frozen=True)
class SMPParameters:
    """Every option of the KTAB Spatial Model of Politics, KTAB's defaults throughout."""

    victory_prob: VictoryProb = VictoryProb.LINEAR
    pce: PCEModel = PCEModel.CONDITIONAL
    state_transition: StateTransition = StateTransition.DETERMINISTIC
    voting_rule: VotingRule = VotingRule.PROPORTIONAL
    big_r_adjust: BigRAdjust = BigRAdjust.ONE_THIRD
    big_r_range: BigRRange = BigRRange.MID
    third_party_commit: ThirdPartyCommit = ThirdPartyCommit.SEMI_COMMIT
    inter_vec_bargain: InterVecBargain = InterVecBargain.S2P2
    bargain_model: BargainModel = BargainModel.INIT_ONLY_INTERP
    min_rounds: int = 2
    max_rounds: int = 100
    stop_ratio: float = 0.02
    stop_floor: float = 1e-4
