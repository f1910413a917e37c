"""Wide files: thousands of columns answer in seconds with bounded memory, or are refused in one line.

A 5,000-column CSV took 32 s and 2.9 GB to say how many rows it has (one DISTINCT scan a column);
20,000 columns were killed above 4.5 GB.
"""

from __future__ import annotations

import json

import duckdb
import pytest

from dsagent.cli import cli
from dsagent.data.readers import MAX_TABLE_COLUMNS
from dsagent.data.workspace import Workspace
from dsagent.errors import DataError
from dsagent.offline.columns import MAX_VALUE_COLUMNS, WIDE_TABLE_COLUMNS, _values_sql, load_columns


def _wide_csv(path, columns: int, rows: int = 3):
    with open(path, "w") as fh:
        fh.write(",".join(f"c{i}" for i in range(columns)) + "\n")
        for r in range(rows):
            fh.write(",".join(str((i + r) % 4) for i in range(columns)) + "\n")
    return path


def test_a_csv_wider_than_the_bound_is_one_line_exit_2(tmp_path, capsys):
    path = _wide_csv(tmp_path / "wide.csv", MAX_TABLE_COLUMNS + 1)
    assert cli(["ask", str(path), "how many rows"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"has {MAX_TABLE_COLUMNS + 1:,} columns" in err and "narrower file" in err


@pytest.mark.slow
def test_a_parquet_wider_than_the_bound_is_refused(tmp_path):
    path = tmp_path / "wide.parquet"
    cols = ", ".join(f"{i} AS c{i}" for i in range(MAX_TABLE_COLUMNS + 1))
    duckdb.sql(f"COPY (SELECT {cols}) TO '{path}'")
    with pytest.raises(DataError, match="columns; dsagent reads tables of at most"):
        Workspace.open([str(path)])


def test_a_wide_table_answers_and_indexes_its_values(tmp_path, capsys):
    path = _wide_csv(tmp_path / "wide.csv", WIDE_TABLE_COLUMNS + 100)
    assert MAX_VALUE_COLUMNS < WIDE_TABLE_COLUMNS + 100
    assert cli(["ask", str(path), "how many rows", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["result"]["rows"] == [[3]]
    ws = Workspace.open([str(path)])
    try:
        cols = {c.name: c for c in load_columns(ws, "wide")}
        assert len(cols) == WIDE_TABLE_COLUMNS + 100
        assert cols["c0"].values == [0, 1, 2] and cols["c399"].values == [0, 1, 3]
        assert cols["c599"].values == [] and cols["c599"].distinct == 3  # past MAX_VALUE_COLUMNS: counted only
    finally:
        ws.close()


def test_the_unpivot_reading_gives_the_same_values_as_the_branches(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b,c\nx,1,\ny,1,\nx,2,\n")
    ws = Workspace.open([str(path)])
    try:
        cols = [c for c in load_columns(ws, "t")]
        narrow = sorted(map(tuple, ws.query(_values_sql("t", cols, wide=False)).rows))
        wide = sorted(map(tuple, ws.query(_values_sql("t", cols, wide=True)).rows))
        assert narrow == wide == [(0, "x"), (0, "y"), (1, "1"), (1, "2")]  # an all-NULL column has none
    finally:
        ws.close()
