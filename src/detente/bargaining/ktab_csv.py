"""Read KTAB's SMP CSV input files (the format of ``KAPSARC/KTAB`` ``examples/smp``).

Format (KTAB ``SMPModel::readCSVStream``; detente's reference document, bargaining §2.1)::

    scenarioName, description, nActors, nDims
    Actor, Description, Power, Pstn1, Sal1, ..., PstnD, SalD
    name, description, capability, position_1, salience_1, ..., position_D, salience_D
    ...

Positions and saliences are on [0, 100]; trailing commas are tolerated. Every problem is
reported as a :class:`~detente.errors.ScenarioError` naming the file, line, actor and field.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np

from detente.bargaining.inputs import SpatialInputs
from detente.errors import Problem, ScenarioError
from detente.scenario.input_file import read_input_text

__all__ = ["MAX_CAPABILITY", "read_ktab_csv", "read_ktab_csv_text"]

MAX_CAPABILITY = 1e8
"""KTAB rejects capabilities above this."""
MAX_ACTORS = 250
MAX_KTAB_BYTES = 5_000_000
"""Largest KTAB CSV file read (250 actors on 100 dimensions take about 150 kB)."""
_SALIENCE_SLACK = 1e-6


def _strip(row: list[str]) -> list[str]:
    cells = [cell.strip() for cell in row]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def read_ktab_csv(path: str | Path) -> SpatialInputs:
    """Read a KTAB SMP CSV file into :class:`SpatialInputs` (scales 0..100)."""
    name = str(path)
    text = read_input_text(path, limit=MAX_KTAB_BYTES, what="KTAB CSV file")
    return read_ktab_csv_text(text, name)


def read_ktab_csv_text(text: str, file: str = "<input>") -> SpatialInputs:
    """Parse KTAB SMP CSV text; ``file`` names it in error messages."""
    try:
        rows = [_strip(r) for r in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise ScenarioError.single(f"malformed CSV: {exc}", file=file) from None
    numbered = [(k + 1, r) for k, r in enumerate(rows) if any(r)]
    if not numbered:
        raise ScenarioError.single(
            "empty file", file=file, hint="first row: scenarioName, description, nActors, nDims"
        )
    problems: list[Problem] = []

    def problem(line: int, message: str, field: str | None = None, hint: str | None = None) -> None:
        problems.append(Problem(message, file, line, None, field, hint))

    line, head = numbered[0]
    if len(head) < 4:
        raise ScenarioError.single(
            f"the first row has {len(head)} fields; it needs 4",
            file=file,
            line=line,
            hint="scenarioName, description, nActors, nDims",
        )
    scenario_name = head[0]
    try:
        n_actors = int(head[2])
        n_dims = int(head[3])
    except ValueError:
        raise ScenarioError.single(
            f"nActors and nDims must be whole numbers (got {head[2]!r}, {head[3]!r})",
            file=file,
            line=line,
            field="nActors/nDims",
        ) from None
    if not 3 <= n_actors <= MAX_ACTORS:
        raise ScenarioError.single(
            f"nActors is {n_actors}; the SMP needs 3 to {MAX_ACTORS} actors",
            file=file,
            line=line,
            field="nActors",
        )
    if n_dims < 1:
        raise ScenarioError.single(
            f"nDims is {n_dims}; at least one dimension is needed",
            file=file,
            line=line,
            field="nDims",
        )
    if len(numbered) < 2:
        raise ScenarioError.single(
            "the header row is missing", file=file, line=line + 1, hint="Actor, Description, ..."
        )
    header_line, header = numbered[1]
    expected = 3 + 2 * n_dims
    if len(header) < expected:
        raise ScenarioError.single(
            f"the header row has {len(header)} fields; {n_dims} dimensions need {expected}",
            file=file,
            line=header_line,
            hint="Actor, Description, Power, Pstn1, Sal1, ..., PstnD, SalD",
        )
    dim_names = tuple(header[3 + 2 * k] or f"Pstn{k + 1}" for k in range(n_dims))
    actor_rows = numbered[2:]
    if len(actor_rows) != n_actors:
        raise ScenarioError.single(
            f"nActors says {n_actors} actors but the file has {len(actor_rows)} actor rows",
            file=file,
            line=line,
            field="nActors",
        )
    names: list[str] = []
    caps: list[float] = []
    pos: list[list[float]] = []
    sal: list[list[float]] = []
    for row_line, row in actor_rows:
        actor = row[0] if row else ""
        label = actor or f"row {row_line}"
        if not actor:
            problem(row_line, "the actor name is empty", "Actor")
        if actor in names:
            problem(row_line, f"actor {actor!r} appears twice", "Actor")
        if len(row) < expected:
            problem(
                row_line,
                f"actor {label} has {len(row)} fields; {n_dims} dimensions need {expected}",
                hint="name, description, capability, then position, salience per dimension",
            )
            continue

        def number(
            index: int,
            field: str,
            row: list[str] = row,
            row_line: int = row_line,
            label: str = label,
        ) -> float | None:
            try:
                value = float(row[index])
            except ValueError:
                problem(row_line, f"actor {label}: {row[index]!r} is not a number", field)
                return None
            if not math.isfinite(value):
                problem(row_line, f"actor {label}: {row[index]!r} is not a finite number", field)
                return None
            return value

        cap = number(2, "Power")
        if cap is not None and not 0 < cap <= MAX_CAPABILITY:
            problem(
                row_line,
                f"actor {label}: capability {cap:g} is out of range",
                "Power",
                f"must be > 0 and <= {MAX_CAPABILITY:g}",
            )
        p_row: list[float] = []
        s_row: list[float] = []
        for k in range(n_dims):
            p = number(3 + 2 * k, f"Pstn{k + 1}")
            s = number(4 + 2 * k, f"Sal{k + 1}")
            if p is not None and not 0 <= p <= 100:
                problem(
                    row_line, f"actor {label}: position {p:g} is outside [0, 100]", f"Pstn{k + 1}"
                )
            if s is not None and not 0 <= s <= 100:
                problem(
                    row_line, f"actor {label}: salience {s:g} is outside [0, 100]", f"Sal{k + 1}"
                )
            p_row.append(p if p is not None else 0.0)
            s_row.append(s if s is not None else 0.0)
        total = sum(s_row)
        if not 0 < total <= 100 + _SALIENCE_SLACK:
            problem(
                row_line,
                f"actor {label}: saliences sum to {total:g}",
                "Sal1..Sal" + str(n_dims),
                "they must sum to more than 0 and at most 100 (% of the actor's attention)",
            )
        names.append(actor)
        caps.append(cap if cap is not None else 0.0)
        pos.append(p_row)
        sal.append([v / 100.0 for v in s_row])
    for k in range(n_dims):
        if not problems and not any(c * s[k] > 0 for c, s in zip(caps, sal, strict=True)):
            problem(
                header_line,
                f"dimension {dim_names[k]} has no weight: every actor's salience on it is 0",
                f"Sal{k + 1}",
            )
    if problems:
        raise ScenarioError(problems)
    return SpatialInputs(
        actors=tuple(names),
        actor_names=tuple(names),
        dimensions=dim_names,
        dimension_labels=dim_names,
        capability=np.asarray(caps, dtype=float),
        position=np.asarray(pos, dtype=float),
        salience=np.asarray(sal, dtype=float),
        low=np.zeros(n_dims),
        high=np.full(n_dims, 100.0),
        name=scenario_name,
    )
