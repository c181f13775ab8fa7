"""Legal forms a security guarantee can take, shared by the deterrence and ratification lenses.

US practice (CRS, *Treaties and Other International Agreements: The Role of the United States
Senate*, S. Prt. 106-71, 2001): an Article II treaty needs the advice and consent of two thirds
of the senators present; a congressional-executive agreement passes as a bill (majorities of
both houses, Senate cloture at 60, presidential signature); a sole executive agreement rests on
the President's own powers; a political commitment (e.g. the 1994 Budapest Memorandum
"assurances") is not legally binding.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["LegalForm"]


class LegalForm(StrEnum):
    POLITICAL_COMMITMENT = "political_commitment"
    SOLE_EXECUTIVE_AGREEMENT = "sole_executive_agreement"
    CONGRESSIONAL_EXECUTIVE_AGREEMENT = "congressional_executive_agreement"
    ARTICLE_II_TREATY = "article_ii_treaty"

    @property
    def legally_binding(self) -> bool:
        return self is not LegalForm.POLITICAL_COMMITMENT
