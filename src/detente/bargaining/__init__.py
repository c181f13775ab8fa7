"""Bargaining lens: where the parties are likely to settle on each contested issue.

Engines (pure functions returning frozen results): :func:`detente.bargaining.smp.run_smp`
(KTAB Spatial Model of Politics), :func:`detente.bargaining.bdm.run_bdm` (Bueno de Mesquita's
expected-utility model, Scholz et al. reading), :func:`detente.bargaining.stokman.run_stokman`
(Stokman & Van Oosten exchange model) and :func:`detente.bargaining.weighted_mean.weighted_mean`
(the capability x salience baseline).
"""
