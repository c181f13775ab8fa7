"""Hypothesis strategies for deterrence games whose payoffs respect the models' orderings."""

from __future__ import annotations

from hypothesis import strategies as st

from detente.deterrence.radg import RADGParameters
from detente.deterrence.udg import UDGParameters

probability = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def ordered(draw: st.DrawFn, n: int) -> list[float]:
    """n strictly decreasing utilities in [0, 1] with gaps >= 0.02."""
    gaps = [draw(st.floats(min_value=0.02, max_value=1.0)) for _ in range(n - 1)]
    total = sum(gaps)
    values = [1.0]
    for g in gaps:
        values.append(values[-1] - g / total)
    return values


@st.composite
def udg_parameters(
    draw: st.DrawFn,
    pch: st.SearchStrategy[float] = probability,
    pdef: st.SearchStrategy[float] = probability,
) -> UDGParameters:
    c_dc, c_sq, c_ddh, c_cd, c_dds = draw(ordered(5))
    d_sq, d_cd, d_ddh, d_dc, d_dds = draw(ordered(5))
    return UDGParameters(
        pCh=draw(pch),
        pDef=draw(pdef),
        cSQ=c_sq,
        cDC=c_dc,
        cCD=c_cd,
        cDD_hard=c_ddh,
        cDD_soft=c_dds,
        dSQ=d_sq,
        dDC=d_dc,
        dCD=d_cd,
        dDD_hard=d_ddh,
        dDD_soft=d_dds,
    )


@st.composite
def radg_parameters(draw: st.DrawFn) -> RADGParameters:
    a_dc, a_sq, a_dd = draw(ordered(3))
    b_sq, b_ddh, b_dc, b_dds = draw(ordered(4))
    return RADGParameters(
        pB=draw(probability),
        aSQ=a_sq,
        aDC=a_dc,
        aDD=a_dd,
        bSQ=b_sq,
        bDC=b_dc,
        bDD_hard=b_ddh,
        bDD_soft=b_dds,
    )
