"""Published alliance-reliability base rates, usable as credibility priors by name.

Values as tabulated in detente's guarantees reference (§8):

* Leeds, Long & Mitchell (2000), "Reevaluating alliance reliability: specific threats,
  specific promises", *Journal of Conflict Resolution* 44(5):686-699: alliances honoured in
  74.5 % of cases 1816-1944 when each treaty's specific obligations are coded; earlier studies
  (any involvement in a partner's war) found about 25 %.
* Berkemeier & Fuhrmann (2018), "Reassessing the fulfillment of alliance commitments in war",
  *Research & Politics* 5(2): fulfilled 50 % overall 1816-2003, 66 % before 1945, 22 % in
  1945-2003; defense pacts 41 %.

Smith (1995, *International Studies Quarterly* 39(4):405-425) warns that wartime honouring rates
are not unconditional reliability (challengers avoid reliably defended targets): treat these as
anchors for a prior, not as estimates of a new guarantee's credibility.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["BASE_RATES", "BaseRate", "BaseRatePreset"]


class BaseRatePreset(StrEnum):
    LEEDS_1816_1944_SPECIFIC = "leeds_1816_1944_specific"
    EARLIER_STUDIES_ANY_INVOLVEMENT = "earlier_studies_any_involvement"
    BF_1816_2003 = "berkemeier_fuhrmann_1816_2003"
    BF_PRE_1945 = "berkemeier_fuhrmann_pre_1945"
    BF_1945_2003 = "berkemeier_fuhrmann_1945_2003"
    BF_DEFENSE_PACTS = "berkemeier_fuhrmann_defense_pacts"


@dataclass(frozen=True)
class BaseRate:
    rate: float
    finding: str
    source: str


_LLM = "Leeds, Long & Mitchell (2000), Journal of Conflict Resolution 44(5):686-699"
_BF = "Berkemeier & Fuhrmann (2018), Research & Politics 5(2)"

BASE_RATES: dict[BaseRatePreset, BaseRate] = {
    BaseRatePreset.LEEDS_1816_1944_SPECIFIC: BaseRate(
        0.745, "alliances honoured 1816-1944, coding each treaty's specific obligations", _LLM
    ),
    BaseRatePreset.EARLIER_STUDIES_ANY_INVOLVEMENT: BaseRate(
        0.25,
        "allies join a partner's war (earlier studies, any involvement)",
        f"as summarised by {_LLM}",
    ),
    BaseRatePreset.BF_1816_2003: BaseRate(0.50, "commitments fulfilled in war, 1816-2003", _BF),
    BaseRatePreset.BF_PRE_1945: BaseRate(0.66, "commitments fulfilled in war, before 1945", _BF),
    BaseRatePreset.BF_1945_2003: BaseRate(0.22, "commitments fulfilled in war, 1945-2003", _BF),
    BaseRatePreset.BF_DEFENSE_PACTS: BaseRate(0.41, "defense pacts fulfilled in war", _BF),
}
