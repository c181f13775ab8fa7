"""Which assumptions move the answers, and what would change them.

Four analyses over a scenario's uncertain inputs (:mod:`detente.uncertainty.variants`), each running the lenses
through :func:`detente.uncertainty.runner.evaluate` (so on any executor):

* :func:`sobol_indices`: variance-based first-order and total-effect indices, estimated from
  Saltelli's radial design (matrices ``A``, ``B`` and ``A_B^(i)``) with Jansen's estimators
  (Saltelli et al. 2010, Table 2, estimators (f) and (f)); bootstrap confidence intervals.
* :func:`morris_screening`: elementary effects on random one-at-a-time trajectories (Morris
  1991) summarised by ``mu_star`` (Campolongo, Cariboni & Saltelli 2007) and ``sigma``; cheap
  screening when there are many inputs.
* :func:`tornado`: each output with one input at its 5th and 95th percentile and the others
  nominal: the data of a tornado chart.
* :func:`flip_points`: the smallest change of one assumption, others nominal, that changes a
  headline answer (a 0/1 or integer answer changes value; a probability-like answer crosses
  a threshold, default 0.5): a grid scan from the nominal value towards each end of the
  input's support, then bisection in the first interval where the answer changes.

Their JSON documents are shaped in :mod:`detente.uncertainty.present`.

Percentiles of an input are taken from a large sample of its own distribution (its own named
random stream), so the same code handles every distribution and weighted alternatives.

References
----------
Jansen, M. J. W. (1999). Analysis of variance designs for model output. *Computer Physics
Communications* 117, 35-43.
Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010).
Variance based sensitivity analysis of model output. Design and estimator for the total
sensitivity index. *Computer Physics Communications* 181(2), 259-270.
Morris, M. D. (1991). Factorial sampling plans for preliminary computational experiments.
*Technometrics* 33(2), 161-174.
Campolongo, F., Cariboni, J. & Saltelli, A. (2007). An effective screening design for
sensitivity analysis of large models. *Environmental Modelling & Software* 22, 1509-1518.
"""

from detente.uncertainty.sensitivity.flips import FlipPoint, FlipResult, flip_points
from detente.uncertainty.sensitivity.morris import MorrisIndices, MorrisResult, morris_screening
from detente.uncertainty.sensitivity.problem import AXIS_SAMPLE, InputAxis
from detente.uncertainty.sensitivity.screening import RankCorrelation, rank_correlations
from detente.uncertainty.sensitivity.sobol import SobolIndices, SobolResult, sobol_indices
from detente.uncertainty.sensitivity.tornado import TornadoBar, TornadoResult, tornado

__all__ = [
    "AXIS_SAMPLE",
    "FlipPoint",
    "FlipResult",
    "InputAxis",
    "MorrisIndices",
    "MorrisResult",
    "RankCorrelation",
    "SobolIndices",
    "SobolResult",
    "TornadoBar",
    "TornadoResult",
    "flip_points",
    "morris_screening",
    "rank_correlations",
    "sobol_indices",
    "tornado",
]
