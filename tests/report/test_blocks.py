import csv
import io
import json
from urllib.parse import unquote

import plotly.graph_objects as go
import pytest

from detente.report.blocks import (
    Cell,
    FigureBlock,
    TableBlock,
    figure_json,
    table_csv,
    table_csv_data_uri,
)


def _table():
    return TableBlock(
        key="demo-table",
        title="Demo",
        caption="",
        columns=("state", "Russia", "Ukraine"),
        rows=(
            (
                Cell("1"),
                Cell("stable", "no unilateral improvement"),
                Cell("unstable", 'moves to 3, "better"'),
            ),
            (Cell("2, with comma"), Cell("unstable", "moves to 1"), Cell("stable")),
        ),
    )


def test_csv_keeps_each_explanation_next_to_its_cell():
    rows = list(csv.reader(io.StringIO(table_csv(_table()))))
    assert rows[0] == ["state", "Russia", "Russia (why)", "Ukraine", "Ukraine (why)"]
    assert rows[1] == [
        "1",
        "stable",
        "no unilateral improvement",
        "unstable",
        'moves to 3, "better"',
    ]
    assert rows[2] == ["2, with comma", "unstable", "moves to 1", "stable", ""]


def test_csv_without_explanations():
    rows = list(csv.reader(io.StringIO(table_csv(_table(), explanations=False))))
    assert rows[0] == ["state", "Russia", "Ukraine"]


def test_csv_data_uri_decodes_to_the_csv():
    uri = table_csv_data_uri(_table())
    prefix = "data:text/csv;charset=utf-8,"
    assert uri.startswith(prefix)
    assert unquote(uri[len(prefix) :]) == table_csv(_table())
    assert "<" not in uri and '"' not in uri and " " not in uri


def test_table_rejects_ragged_rows_and_unsafe_keys():
    with pytest.raises(ValueError):
        TableBlock("t", "", "", ("a", "b"), ((Cell("1"),),))
    with pytest.raises(ValueError):
        TableBlock('x" onload="y', "", "", ("a",), ())


def test_figure_json_cannot_close_its_script_and_keeps_the_export_config():
    fig = go.Figure(go.Scatter(x=[1], y=[2], name="</script><script>alert(1)</script>"))
    text = figure_json(FigureBlock("demo-fig", "t", "c", fig))
    assert "<" not in text and ">" not in text
    document = json.loads(text)
    assert document["data"][0]["name"] == "</script><script>alert(1)</script>"
    assert document["config"]["toImageButtonOptions"]["filename"] == "demo-fig"
