"""The members of a chamber: built from party-level assumptions, or read from a Voteview file.

Voteview (Lewis, Poole, Rosenthal, Boche, Rudkin & Sonnet, *Voteview: Congressional Roll-Call
Votes Database*) publishes members files such as ``S111_members.csv`` with the columns
``congress, chamber, icpsr, state_abbrev, party_code, bioname, nominate_dim1, nominate_dim2``
(and more, which are ignored). Its licence is unclear, so detente ships no copy: the user
supplies the file (``detente ratify --members FILE``). Bad files raise a :class:`ScenarioError`
naming the line and column.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.special import ndtri

from detente.errors import Problem, ScenarioError
from detente.scenario.input_file import read_input_text
from detente.scenario.quantity import nominal
from detente.scenario.ratification_section import ChamberSpec, PartySpec

__all__ = [
    "REQUIRED_COLUMNS",
    "Chamber",
    "Member",
    "ObservedRollCall",
    "is_president",
    "members_from_parties",
    "parse_voteview_members",
    "parse_voteview_votes",
    "party_ideal_points",
    "read_voteview_members",
    "read_voteview_votes",
]

REQUIRED_COLUMNS = (
    "congress",
    "chamber",
    "icpsr",
    "state_abbrev",
    "party_code",
    "bioname",
    "nominate_dim1",
    "nominate_dim2",
)

MAX_MEMBERS_BYTES = 20_000_000
"""Largest Voteview members file read (all members of every Congress is about 10 MB)."""
MAX_VOTES_BYTES = 200_000_000
"""Largest Voteview votes file read (one Congress's House votes are about 40 MB)."""


@dataclass(frozen=True)
class Member:
    """One legislator: name, party (a scenario party id), ideal point and attendance."""

    name: str
    party: str
    x1: float
    x2: float
    attendance: float
    state: str = ""
    icpsr: int | None = None


@dataclass(frozen=True)
class Chamber:
    """The members of one chamber, the number of seats, and where they came from."""

    name: str
    seats: int
    members: tuple[Member, ...]
    source: str

    def ideal_points(self) -> np.ndarray:
        return np.array([[m.x1, m.x2] for m in self.members], dtype=float).reshape(-1, 2)


def _quantile_points(mean: float, sd: float, count: int) -> np.ndarray:
    if count == 0:
        return np.zeros(0)
    probs = (np.arange(count) + 0.5) / count
    return np.asarray(mean + sd * ndtri(probs), dtype=float)


def party_ideal_points(party: PartySpec) -> np.ndarray:
    """The (seats, 2) ideal points of a party's representative members (quantiles of its
    distributions; the second dimension paired in a golden-ratio order, so that being extreme
    on one dimension does not imply being extreme on the other)."""
    x1 = _quantile_points(nominal(party.dim1.mean), nominal(party.dim1.sd), party.seats)
    if party.dim2 is None:
        x2 = np.zeros(party.seats)
    else:
        ranks = np.argsort(np.modf((np.arange(party.seats) + 1) * 0.6180339887498949)[0])
        x2 = _quantile_points(nominal(party.dim2.mean), nominal(party.dim2.sd), party.seats)[ranks]
    return np.column_stack([x1, x2]).reshape(-1, 2)


def _party_members(party: PartySpec) -> list[Member]:
    points = party_ideal_points(party)
    attendance = nominal(party.attendance)
    return [
        Member(
            name=f"{party.name} {j + 1}/{party.seats}",
            party=party.id,
            x1=float(points[j, 0]),
            x2=float(points[j, 1]),
            attendance=attendance,
        )
        for j in range(party.seats)
    ]


def members_from_parties(spec: ChamberSpec, name: str) -> Chamber:
    """A representative chamber: each party's members at the quantiles of its distribution."""
    members: list[Member] = []
    for party in spec.parties:
        members.extend(_party_members(party))
    return Chamber(
        name=name,
        seats=spec.seats,
        members=tuple(members),
        source="party-level ideal-point assumptions of the scenario",
    )


def _problem(
    file: str,
    line: int,
    column: int | None,
    field: str | None,
    message: str,
    hint: str | None = None,
) -> Problem:
    return Problem(message, file=file, line=line, column=column, field=field, hint=hint)


def _column_index(
    header: list[str], required: tuple[str, ...], file: str, hint: str
) -> dict[str, int]:
    """Where each required column of a Voteview CSV stands; a missing one is an error at line 1."""
    missing = [c for c in required if c not in header]
    if missing:
        raise ScenarioError.single(
            f"missing column(s): {', '.join(missing)}", file=file, line=1, hint=hint
        )
    return {name: header.index(name) for name in required}


def parse_voteview_members(
    text: str,
    spec: ChamberSpec,
    *,
    file: str = "<members>",
    chamber: str = "Senate",
    exclude: Iterable[int] = (),
    seated: frozenset[int] | None = None,
) -> Chamber:
    """Members of ``chamber`` in a Voteview members CSV, matched to the scenario's parties by
    ``voteview_party_code`` (attendance is the party's).

    Members whose ICPSR id is in ``exclude`` are left out (e.g. those not seated on the day of
    the vote), and so is everyone not in ``seated`` when it is given (see
    :func:`parse_voteview_votes`). Raises :class:`ScenarioError` at file:line:column for missing
    columns, bad values, unknown party codes, more members than seats or fewer than a quorum.
    """
    excluded = set(exclude)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ScenarioError.single(
            "the members file is empty",
            file=file,
            line=1,
            hint=f"expected a Voteview members CSV with columns {', '.join(REQUIRED_COLUMNS)}",
        ) from None
    header = [h.strip() for h in header]
    col = _column_index(
        header,
        REQUIRED_COLUMNS,
        file,
        f"a Voteview members file has the columns {', '.join(REQUIRED_COLUMNS)}",
    )
    by_code = {p.voteview_party_code: p for p in spec.parties if p.voteview_party_code is not None}
    problems: list[Problem] = []
    members: list[Member] = []
    congresses: set[int] = set()
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(
                _problem(
                    file,
                    line,
                    None,
                    None,
                    f"row has {len(row)} fields, the header has {len(header)}",
                )
            )
            continue
        if row[col["chamber"]].strip() != chamber:
            continue
        try:
            ident = int(row[col["icpsr"]].strip())
            if (
                ident in excluded
                or is_president(ident)
                or (seated is not None and ident not in seated)
            ):
                continue
        except ValueError:
            pass  # reported below
        values: dict[str, float] = {}
        bad = False
        for name in ("congress", "icpsr", "party_code", "nominate_dim1", "nominate_dim2"):
            cell = row[col[name]].strip()
            try:
                number = float(cell)
                if not np.isfinite(number):
                    raise ValueError
                values[name] = number
            except ValueError:
                bad = True
                problems.append(
                    _problem(
                        file,
                        line,
                        col[name] + 1,
                        name,
                        f"{cell!r} is not a number" if cell else "value is missing",
                        "members without NOMINATE scores can be left out with --exclude ICPSR"
                        if name.startswith("nominate")
                        else None,
                    )
                )
        for name in ("nominate_dim1", "nominate_dim2"):
            if not -3 <= values.get(name, 0.0) <= 3:
                bad = True
                problems.append(
                    _problem(
                        file,
                        line,
                        col[name] + 1,
                        name,
                        f"{values[name]:g} is outside [-3, 3], the range of NOMINATE scores",
                    )
                )
        if bad:
            continue
        icpsr = int(values["icpsr"])
        code = int(values["party_code"])
        party = by_code.get(code)
        if party is None:
            problems.append(
                _problem(
                    file,
                    line,
                    col["party_code"] + 1,
                    "party_code",
                    f"party code {code} matches no party of the scenario's chamber",
                    "set `voteview_party_code` on a party "
                    "(100 Democrat, 200 Republican, 328 Independent)",
                )
            )
            continue
        congresses.add(int(values["congress"]))
        members.append(
            Member(
                name=row[col["bioname"]].strip(),
                party=party.id,
                x1=values["nominate_dim1"],
                x2=values["nominate_dim2"],
                attendance=nominal(party.attendance),
                state=row[col["state_abbrev"]].strip(),
                icpsr=icpsr,
            )
        )
    if problems:
        raise ScenarioError(problems)
    if len(congresses) > 1:
        raise ScenarioError.single(
            f"the file mixes members of congresses {', '.join(map(str, sorted(congresses)))}",
            file=file,
            hint="supply the members file of one Congress (e.g. S111_members.csv)",
        )
    if len(members) > spec.seats:
        raise ScenarioError.single(
            f"the file lists {len(members)} {chamber} members but the chamber has "
            f"{spec.seats} seats",
            file=file,
            hint="members who left or joined during the Congress are all listed; keep those "
            "seated on the day of a vote with --votes FILE --roll N, or leave members out with "
            "--exclude ICPSR",
        )
    if len(members) < spec.seats // 2 + 1:
        raise ScenarioError.single(
            f"the file lists {len(members)} {chamber} members, fewer than a quorum "
            f"({spec.seats // 2 + 1} of {spec.seats} seats)",
            file=file,
            hint="supply a complete members file of the chamber (chamber column 'Senate')",
        )
    congress = next(iter(congresses))
    return Chamber(
        name=chamber.lower(),
        seats=spec.seats,
        members=tuple(members),
        source=f"Voteview members file {file} ({congress}th Congress, {len(members)} members)",
    )


def read_voteview_members(
    path: str | Path,
    spec: ChamberSpec,
    *,
    chamber: str = "Senate",
    exclude: Iterable[int] = (),
    seated: frozenset[int] | None = None,
) -> Chamber:
    """Read a user-supplied Voteview members CSV (see :func:`parse_voteview_members`)."""
    p = Path(path)
    name = str(p)
    text = read_input_text(p, limit=MAX_MEMBERS_BYTES, what="members file")
    parsed = parse_voteview_members(
        text, spec, file=name, chamber=chamber, exclude=exclude, seated=seated
    )
    # Provenance (the data carry no version number): the file's digest and modification date.
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    modified = dt.datetime.fromtimestamp(p.stat().st_mtime, tz=dt.UTC).date().isoformat()
    return dataclasses.replace(
        parsed, source=f"{parsed.source}; sha256 {digest}…, file dated {modified}"
    )


VOTES_COLUMNS = ("chamber", "rollnumber", "icpsr", "cast_code")


def is_president(icpsr: int) -> bool:
    """Whether an ICPSR id is a President's: Voteview files list the President's announced
    position on a roll call as a row with an id 99xxx (e.g. 99911, Obama); it is not a vote."""
    return 99000 <= icpsr <= 99999


@dataclass(frozen=True)
class ObservedRollCall:
    """Who was seated for a roll call in a Voteview votes file, and how they voted.

    Voteview cast codes: 1–3 yea, 4–6 nay, 7–9 present or not voting, 0 not a member at the
    time (Lewis et al., *Voteview*). Members with codes 1–9 were seated that day. Rows of the
    President (chamber ``President`` or an ICPSR id 99xxx) are positions, not votes, and are
    not counted.
    """

    rollnumber: int
    seated: frozenset[int]
    yeas: int
    nays: int
    not_voting: int


def parse_voteview_votes(
    text: str, rollnumber: int, *, file: str = "<votes>", chamber: str = "Senate"
) -> ObservedRollCall:
    """The seated members and the tally of one roll call of a Voteview votes CSV."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ScenarioError.single("the votes file is empty", file=file, line=1) from None
    col = _column_index(
        header,
        VOTES_COLUMNS,
        file,
        f"a Voteview votes file has the columns {', '.join(VOTES_COLUMNS)}, ...",
    )
    seated: set[int] = set()
    tally = [0, 0, 0]
    problems: list[Problem] = []
    for row in reader:
        line = reader.line_num
        if not row or len(row) < len(header) or row[col["chamber"]].strip() != chamber:
            continue
        try:
            if int(float(row[col["rollnumber"]])) != rollnumber:
                continue
        except (ValueError, OverflowError):
            problems.append(
                _problem(file, line, col["rollnumber"] + 1, "rollnumber", "not a number")
            )
            continue
        try:
            icpsr = int(float(row[col["icpsr"]]))
            code = int(float(row[col["cast_code"]]))
        except (ValueError, OverflowError):
            problems.append(_problem(file, line, None, None, "icpsr and cast_code must be numbers"))
            continue
        if not 0 <= code <= 9:
            problems.append(
                _problem(
                    file, line, col["cast_code"] + 1, "cast_code", f"cast code {code} is not 0-9"
                )
            )
            continue
        if code == 0 or is_president(icpsr):
            continue
        seated.add(icpsr)
        tally[0 if code <= 3 else 1 if code <= 6 else 2] += 1
    if problems:
        raise ScenarioError(problems)
    if not seated:
        raise ScenarioError.single(
            f"the votes file has no {chamber} roll call number {rollnumber}",
            file=file,
            hint="Voteview numbers roll calls within each Congress (New START: 695 in S111)",
        )
    return ObservedRollCall(rollnumber, frozenset(seated), *tally)


def read_voteview_votes(
    path: str | Path, rollnumber: int, *, chamber: str = "Senate"
) -> ObservedRollCall:
    """Read a user-supplied Voteview votes CSV (see :func:`parse_voteview_votes`)."""
    p = Path(path)
    text = read_input_text(p, limit=MAX_VOTES_BYTES, what="votes file")
    return parse_voteview_votes(text, rollnumber, file=str(p), chamber=chamber)


def voteview_ids(path: str | Path) -> frozenset[int]:
    """Every ICPSR id in a Voteview members file (to check ``--exclude`` ids against)."""
    text = read_input_text(path, limit=MAX_MEMBERS_BYTES, what="members file")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    if "icpsr" not in header:
        return frozenset()
    column = header.index("icpsr")
    ids: set[int] = set()
    for row in reader:
        try:
            ids.add(int(float(row[column])))
        except (IndexError, ValueError, OverflowError):
            continue
    return frozenset(ids)
