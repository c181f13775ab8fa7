"""Tiny synthetic inputs for the ratification tests (no Voteview data is shipped or read)."""

from __future__ import annotations

HEADER = (
    "congress,chamber,icpsr,state_abbrev,party_code,district_code,bioname,"
    "nominate_dim1,nominate_dim2\n"
)


def members_csv(
    rows: list[tuple[int, float, float]], congress: int = 111, chamber: str = "Senate"
) -> str:
    """A Voteview-style members CSV: one row per (party_code, dim1, dim2)."""
    lines = [HEADER]
    for i, (party, x1, x2) in enumerate(rows):
        lines.append(
            f'{congress},{chamber},{10000 + i},ST,{party},0,"MEMBER, Number {i}",{x1},{x2}\n'
        )
    return "".join(lines)


def senate_rows(dems: int, reps: int, inds: int = 0) -> list[tuple[int, float, float]]:
    rows = [(100, -0.6 + 0.5 * i / max(dems, 1), 0.1) for i in range(dems)]
    rows += [(200, 0.2 + 0.6 * i / max(reps, 1), -0.1) for i in range(reps)]
    rows += [(328, -0.3, 0.0) for _ in range(inds)]
    return rows


def scenario_yaml(
    proposals: str,
    *,
    vote_model: str = "{kind: probit, beta: 8.8, w: 0.4}",
    house: bool = False,
    extra: str = "",
) -> str:
    text = f"""\
format: detente/1
id: synthetic
title: Synthetic chamber
actors:
  - id: US
    name: United States
{extra}ratification:
  senate:
    congress: 111
    seats: 100
    parties:
      - id: D
        name: Democrat
        seats: 56
        voteview_party_code: 100
        dim1: {{mean: -0.38, sd: 0.12}}
        dim2: {{mean: 0.0, sd: 0.3}}
      - id: R
        name: Republican
        seats: 42
        voteview_party_code: 200
        dim1: {{mean: 0.5, sd: 0.15}}
        dim2: {{mean: 0.0, sd: 0.3}}
      - id: I
        name: Independent
        seats: 2
        caucus: D
        voteview_party_code: 328
        dim1: {{mean: -0.3, sd: 0.1}}
"""
    if house:
        text += """\
  house:
    seats: 435
    parties:
      - {id: D, name: Democrat, seats: 215, dim1: {mean: -0.38, sd: 0.12}}
      - {id: R, name: Republican, seats: 220, dim1: {mean: 0.5, sd: 0.15}}
"""
    text += f"  vote_model: {vote_model}\n  proposals:\n{proposals}"
    return text


TREATY = """\
    - id: treaty
      legal_form: article_ii_treaty
      position: {kind: roll_call, midpoint: [0.328, 0.096], spread: [0.965, 0.362]}
"""
