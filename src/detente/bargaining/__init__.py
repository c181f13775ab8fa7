"""Bargaining lens: where the parties are likely to settle on each contested issue.

Engines (pure functions returning frozen, numbers-only results):

- :func:`run_smp`: KTAB's Spatial Model of Politics (Wise, Lester & Efird; KAPSARC), with
  :func:`run_smp_batch` running many deterministic runs in lockstep;
- :func:`run_bdm`: Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith 2011
  reading);
- :func:`run_stokman`: the Stokman & Van Oosten exchange model;
- :func:`weighted_mean`: the capability x salience baseline every forecast is shown next to;
- :func:`analyse_inputs`: the scenario's chosen model and the others side by side
  (:class:`BargainingAnalysis`, ``.to_frame()``); :func:`inputs_from_section` builds the
  engines' :class:`SpatialInputs` from a scenario, :func:`read_ktab_csv` from a KTAB CSV file.

The sentences that explain a run live in :mod:`detente.bargaining.explain`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente._exports import lazy_exports

_EXPORTS = {
    "BDMParameters": ".bdm",
    "BDMResult": ".bdm",
    "CapitulationRule": ".bdm",
    "OfferSelection": ".bdm",
    "ProbabilityNormalisation": ".bdm",
    "pairwise_vote_median": ".bdm",
    "run_bdm": ".bdm",
    "ChallengeRecord": ".explain",
    "Dynamics": ".explain",
    "RoundExplanation": ".explain",
    "dynamics": ".explain",
    "explain_rounds": ".explain",
    "issue_narrative": ".explain",
    "narratives": ".explain",
    "stop_text": ".explain",
    "SpatialInputs": ".inputs",
    "inputs_from_section": ".inputs",
    "MAX_CAPABILITY": ".ktab_csv",
    "read_ktab_csv": ".ktab_csv",
    "read_ktab_csv_text": ".ktab_csv",
    "BargainingAnalysis": ".analysis",
    "BargainingLens": ".lens",
    "analyse_inputs": ".analysis",
    "MODELS": ".analysis",
    "analysis_json": ".present",
    "BargainModel": ".options",
    "BigRAdjust": ".options",
    "BigRRange": ".options",
    "InterVecBargain": ".options",
    "PCEModel": ".options",
    "SMPParameters": ".options",
    "StateTransition": ".options",
    "ThirdPartyCommit": ".options",
    "VictoryProb": ".options",
    "VotingRule": ".options",
    "Bargain": ".smp",
    "SMPResult": ".smp",
    "SMPRound": ".smp",
    "run_smp": ".smp",
    "state_win_probabilities": ".smp",
    "SMPBatch": ".smp_batch",
    "batchable": ".smp_batch",
    "run_smp_batch": ".smp_batch",
    "Exchange": ".stokman",
    "ExchangeRate": ".stokman",
    "StokmanParameters": ".stokman",
    "StokmanResult": ".stokman",
    "run_stokman": ".stokman",
    "WeightedMeanResult": ".weighted_mean",
    "weighted_mean": ".weighted_mean",
    "weighted_mean_values": ".weighted_mean",
}

if TYPE_CHECKING:
    from detente.bargaining.analysis import (
        MODELS,
        BargainingAnalysis,
        analyse_inputs,
    )
    from detente.bargaining.bdm import (
        BDMParameters,
        BDMResult,
        CapitulationRule,
        OfferSelection,
        ProbabilityNormalisation,
        pairwise_vote_median,
        run_bdm,
    )
    from detente.bargaining.explain import (
        ChallengeRecord,
        Dynamics,
        RoundExplanation,
        dynamics,
        explain_rounds,
        issue_narrative,
        narratives,
        stop_text,
    )
    from detente.bargaining.inputs import (
        SpatialInputs,
        inputs_from_section,
    )
    from detente.bargaining.ktab_csv import (
        MAX_CAPABILITY,
        read_ktab_csv,
        read_ktab_csv_text,
    )
    from detente.bargaining.lens import (
        BargainingLens,
    )
    from detente.bargaining.options import (
        BargainModel,
        BigRAdjust,
        BigRRange,
        InterVecBargain,
        PCEModel,
        SMPParameters,
        StateTransition,
        ThirdPartyCommit,
        VictoryProb,
        VotingRule,
    )
    from detente.bargaining.present import (
        analysis_json,
    )
    from detente.bargaining.smp import (
        Bargain,
        SMPResult,
        SMPRound,
        run_smp,
        state_win_probabilities,
    )
    from detente.bargaining.smp_batch import (
        SMPBatch,
        batchable,
        run_smp_batch,
    )
    from detente.bargaining.stokman import (
        Exchange,
        ExchangeRate,
        StokmanParameters,
        StokmanResult,
        run_stokman,
    )
    from detente.bargaining.weighted_mean import (
        WeightedMeanResult,
        weighted_mean,
        weighted_mean_values,
    )

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "MAX_CAPABILITY",
    "MODELS",
    "BDMParameters",
    "BDMResult",
    "Bargain",
    "BargainModel",
    "BargainingAnalysis",
    "BargainingLens",
    "BigRAdjust",
    "BigRRange",
    "CapitulationRule",
    "ChallengeRecord",
    "Dynamics",
    "Exchange",
    "ExchangeRate",
    "InterVecBargain",
    "OfferSelection",
    "PCEModel",
    "ProbabilityNormalisation",
    "RoundExplanation",
    "SMPBatch",
    "SMPParameters",
    "SMPResult",
    "SMPRound",
    "SpatialInputs",
    "StateTransition",
    "StokmanParameters",
    "StokmanResult",
    "ThirdPartyCommit",
    "VictoryProb",
    "VotingRule",
    "WeightedMeanResult",
    "analyse_inputs",
    "analysis_json",
    "batchable",
    "dynamics",
    "explain_rounds",
    "inputs_from_section",
    "issue_narrative",
    "narratives",
    "pairwise_vote_median",
    "read_ktab_csv",
    "read_ktab_csv_text",
    "run_bdm",
    "run_smp",
    "run_smp_batch",
    "run_stokman",
    "state_win_probabilities",
    "stop_text",
    "weighted_mean",
    "weighted_mean_values",
]
