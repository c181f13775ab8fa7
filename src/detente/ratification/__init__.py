"""Ratification lens: would the body that must approve a guarantee approve it, and who decides.

Modules: :mod:`rules` (constitutional and Senate vote thresholds), :mod:`pivots` (Krehbiel's
pivots in one dimension), :mod:`nominate` (the DW-NOMINATE probit), :mod:`distribution` (exact
vote-count distributions), :mod:`members` (reading a user-supplied Voteview members file and
building a chamber from party-level assumptions) and :mod:`engine` (``assess_ratification``).
"""

from __future__ import annotations

__all__: list[str] = []
