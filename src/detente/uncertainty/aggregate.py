"""Turn a sweep into tables and headline statistics.

* :func:`to_frame`: a tidy :class:`pandas.DataFrame`, one row per draw; columns ``draw``, then
  one column per uncertain input (named by its path), then one per lens summary key
  (``"<lens>:<key>"``).
* :func:`write_parquet`: the same table as Apache Parquet, with the sweep's parameters (seed,
  scenario, lenses, inputs and their distributions) in the file's key-value metadata under
  ``detente``.
* :func:`summarize`: per output column, the mean, standard deviation and quantiles of its
  draws; for a 0/1 indicator (is this state an equilibrium, does the guarantee pass) the
  probability with a Wilson score interval.

Their JSON documents are shaped in :mod:`detente.uncertainty.present`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detente.errors import InputError
from detente.statistics import wilson_interval
from detente.uncertainty.runner import SweepResult

__all__ = [
    "QUANTILES",
    "OutputSummary",
    "summarize",
    "summary_frame",
    "sweep_metadata",
    "to_frame",
    "wilson_interval",
    "write_parquet",
]

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
MAX_LEVELS = 6
"""Integer-valued outputs with at most this many distinct values are reported as shares."""


def to_frame(result: SweepResult) -> pd.DataFrame:
    """One row per completed draw: ``draw``, the inputs' values, the lenses' outputs
    (:meth:`SweepResult.to_frame <detente.uncertainty.runner.SweepResult.to_frame>`)."""
    return result.to_frame()


def sweep_metadata(result: SweepResult) -> dict[str, Any]:
    """What is needed to reproduce a sweep and read its columns (:meth:`SweepResult.metadata
    <detente.uncertainty.runner.SweepResult.metadata>`)."""
    return result.metadata()


def write_parquet(result: SweepResult, path: str | Path) -> Path:
    """Write the sweep's table to ``path`` (Parquet); metadata under the key ``detente``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(path)
    if target.parent and not target.parent.exists():
        raise InputError(
            f"cannot write {target}: directory {target.parent} does not exist",
            hint="create it first or choose another --out path",
        )
    frame = to_frame(result)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata[b"detente"] = json.dumps(
        sweep_metadata(result), default=_json_default, allow_nan=True
    ).encode()
    table = table.replace_schema_metadata(metadata)
    try:
        pq.write_table(table, target)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


@dataclass(frozen=True)
class OutputSummary:
    """The distribution of one output over a sweep's draws.

    ``kind`` is ``"probability"`` when every draw is 0 or 1 (then ``probability`` and its
    Wilson 95 % interval ``low``/``high`` are set), ``"levels"`` when every draw is one of at
    most :data:`MAX_LEVELS` integers (a regime, an outcome index: then ``levels`` maps each
    value to its share of the draws) and ``"value"`` otherwise. ``nominal`` is
    the output on the nominal scenario; ``missing`` counts draws where the lens failed or did
    not report the key.
    """

    column: str
    lens: str
    key: str
    kind: str
    n: int
    missing: int
    nominal: float
    mean: float
    sd: float
    quantiles: dict[str, float]
    probability: float | None = None
    low: float | None = None
    high: float | None = None
    levels: dict[str, float] | None = None

    @property
    def varies(self) -> bool:
        """Whether the answer differs between draws (a probability strictly between 0 and 1,
        or a value with a positive spread)."""
        if self.kind == "probability":
            return 0 < (self.probability or 0) < 1
        return self.n > 1 and (self.sd or 0) > 0


def _summarize_column(column: str, values: np.ndarray, nominal: float) -> OutputSummary:
    lens, _, key = column.partition(":")
    finite = values[np.isfinite(values)]
    n = int(finite.size)
    quantiles = (
        {
            f"q{round(q * 100):02d}": float(v)
            for q, v in zip(QUANTILES, np.quantile(finite, QUANTILES), strict=True)
        }
        if n
        else {f"q{round(q * 100):02d}": math.nan for q in QUANTILES}
    )
    mean = float(finite.mean()) if n else math.nan
    sd = float(finite.std(ddof=1)) if n > 1 else math.nan
    binary = n > 0 and bool(np.all((finite == 0) | (finite == 1)))
    if binary:
        successes = int(finite.sum())
        low, high = wilson_interval(successes, n)
        return OutputSummary(
            column,
            lens,
            key,
            "probability",
            n,
            int(values.size - n),
            nominal,
            mean,
            sd,
            quantiles,
            successes / n,
            low,
            high,
        )
    distinct = np.unique(finite)
    if n > 0 and distinct.size <= MAX_LEVELS and bool(np.all(distinct == np.round(distinct))):
        shares = {f"{v:g}": float(np.mean(finite == v)) for v in distinct}
        return OutputSummary(
            column,
            lens,
            key,
            "levels",
            n,
            int(values.size - n),
            nominal,
            mean,
            sd,
            quantiles,
            levels=shares,
        )
    return OutputSummary(
        column, lens, key, "value", n, int(values.size - n), nominal, mean, sd, quantiles
    )


def summarize(result: SweepResult, columns: Sequence[str] | None = None) -> list[OutputSummary]:
    """Per output column (all, or those named), its distribution over the completed draws."""
    chosen = list(result.outputs) if columns is None else list(columns)
    return [
        _summarize_column(c, result.outputs[c], result.nominal.get(c, math.nan)) for c in chosen
    ]


def summary_frame(result: SweepResult) -> pd.DataFrame:
    """:func:`summarize` as a DataFrame, one row per output column."""
    rows = []
    for item in summarize(result):
        row = {k: v for k, v in asdict(item).items() if k != "quantiles"}
        row.update(item.quantiles)
        rows.append(row)
    return pd.DataFrame(rows)
