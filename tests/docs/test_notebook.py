"""The example notebook runs from top to bottom in a fresh kernel (nbclient), as a reader would."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "ukraine-2025.ipynb"


def test_the_notebook_runs_and_plots_the_difference(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), (
        "commit the notebook without outputs (the test runs it)"
    )
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    figures = [o for o in outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert figures, "the comparison figure was not produced"
    bars = figures[0]["data"]["application/vnd.plotly.v1+json"]["data"]
    assert len(bars) == 2 and bars[0]["x"] == bars[1]["x"]
    before, after = (_values(bar["y"]) for bar in bars)
    assert len(before) == len(bars[0]["x"]) == 6
    assert (after >= before).all() and (after > before).any(), "a more resolved challenger"


def _values(encoded: object) -> np.ndarray:
    """A plotly array as numbers (plotly 6 writes typed arrays as base64 ``bdata``)."""
    if isinstance(encoded, dict):
        raw = base64.b64decode(encoded["bdata"])
        return np.frombuffer(raw, dtype=np.dtype(encoded["dtype"]))
    return np.asarray(encoded, dtype=float)
