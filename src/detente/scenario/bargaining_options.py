"""Named options of the bargaining models, as written in a scenario's ``bargaining`` section.

Every choice that the literature leaves ambiguous is an explicit enum, so that a forecast
records exactly which reading produced it. They belong to the file format (the scenario layer);
the engines in :mod:`detente.bargaining` import them from here. The SMP enums carry KTAB's
names and defaults (KAPSARC Toolkit for Behavioral Analysis, ``KAPSARC/KTAB``, ``smp`` library,
2015-2019; see also the KAPSARC discussion paper "An Introduction to the KAPSARC Toolkit for
Behavioral Analysis (KTAB)"); the BDM enums follow Scholz, Calbert & Smith (2011, *J.
Theoretical Politics* 23(4)); the Stokman enum follows Stokman & Van Oosten (1994).
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "BargainModel",
    "BigRAdjust",
    "BigRRange",
    "CapitulationRule",
    "ExchangeRate",
    "InterVecBargain",
    "OfferSelection",
    "PCEModel",
    "ProbabilityNormalisation",
    "StateTransition",
    "ThirdPartyCommit",
    "VictoryProb",
    "VotingRule",
]


class VictoryProb(str, Enum):
    """How coalition strengths become a probability of victory (KTAB ``VPModel``).

    ``linear`` .. ``octic``: P(a > b) = C_ab^p / (C_ab^p + C_ba^p) with p = 1, 2, 4, 8;
    ``binary``: near-certain victory once one side is 10 % stronger.
    """

    LINEAR = "linear"
    SQUARE = "square"
    QUARTIC = "quartic"
    OCTIC = "octic"
    BINARY = "binary"


class PCEModel(str, Enum):
    """Probabilistic Condorcet election over several options (KTAB ``PCEModel``)."""

    CONDITIONAL = "conditional"
    MARKOV_INCENTIVE = "markov_incentive"
    MARKOV_UNIFORM = "markov_uniform"


class StateTransition(str, Enum):
    """Whether each actor adopts the most likely bargain (deterministic) or a sampled one."""

    DETERMINISTIC = "deterministic"
    STOCHASTIC = "stochastic"


class VotingRule(str, Enum):
    """How an actor's utility difference between two options becomes a vote (KTAB)."""

    BINARY = "binary"
    PROP_BIN = "prop_bin"
    PROPORTIONAL = "proportional"
    PROP_CBC = "prop_cbc"
    CUBIC = "cubic"
    ASYM_PROSP = "asym_prosp"


class BigRAdjust(str, Enum):
    """How perspective h estimates actor i's risk attitude R^h_i from R_h and R_i."""

    NONE = "none"
    ONE_THIRD = "one_third"
    HALF = "half"
    TWO_THIRDS = "two_thirds"
    FULL = "full"


class BigRRange(str, Enum):
    """Range of the inferred risk attitudes: min [0, 1], mid [-1/2, 1], max [-1, 1]."""

    MIN = "min"
    MID = "mid"
    MAX = "max"


class ThirdPartyCommit(str, Enum):
    """What a third party expects to get from joining a side of a challenge (KTAB).

    ``semi_commit`` (default): the joined side's position replaces the third party's own only
    if that side loses. ``full_commit``: it is replaced whatever happens; with KTAB's shared
    estimate of the little contest both options are then worth the same and third parties
    abstain. ``no_commit``: the third party keeps its own position in every outcome.
    """

    NO_COMMIT = "no_commit"
    SEMI_COMMIT = "semi_commit"
    FULL_COMMIT = "full_commit"


class InterVecBargain(str, Enum):
    """How a bargain interpolates the two positions per dimension (KTAB ``InterVecBrgn``)."""

    S1P1 = "s1p1"
    S2P2 = "s2p2"
    S2PMAX = "s2pmax"


class BargainModel(str, Enum):
    """Whose estimate of the challenge outcome shapes the bargain (KTAB ``SMPBargnModel``).

    ``init_only_interp`` (default): the initiator's estimate. ``init_rcvr_interp``: both the
    initiator's and the receiver's versions are queued. ``pw_comp_interp``: the two versions
    averaged with weights c * sum(s) of *each* side; KTAB weights the receiver's version with
    the initiator's capability, a defect detente does not copy.
    """

    INIT_ONLY_INTERP = "init_only_interp"
    INIT_RCVR_INTERP = "init_rcvr_interp"
    PW_COMP_INTERP = "pw_comp_interp"


class ProbabilityNormalisation(str, Enum):
    """Denominator of P(i, j): all triples (Scholz et al.) or the pair only (BDM 1994)."""

    ALL_TRIPLES = "all_triples"
    PAIRWISE = "pairwise"


class CapitulationRule(str, Enum):
    """``fixed`` (default): a receiver whose loss |eu_ij| exceeds the challenger's gain eu_ji
    gives in and moves to the challenger; ``as_replicated``: the replication's test, which is
    never true, so capitulation never happens."""

    FIXED = "fixed"
    AS_REPLICATED = "as_replicated"


class OfferSelection(str, Enum):
    """Which of several offers a receiver takes: ``closest`` (the smallest move, default) or
    ``most_credible`` (from the challenger with the largest expected gain)."""

    CLOSEST = "closest"
    MOST_CREDIBLE = "most_credible"


class ExchangeRate(str, Enum):
    """``equal_gain`` (deterministic) or ``random_rate`` (seeded)."""

    EQUAL_GAIN = "equal_gain"
    RANDOM_RATE = "random_rate"
