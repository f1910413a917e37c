"""The offline planner's column statistics of a long table (agent/offline/columns.py): distinct counts
from its first rows, everything a plan depends on from the whole table (issue 20: the cold pass over a 10M-row Parquet file)."""

from __future__ import annotations

import random

import duckdb
import pytest

from dsagent.offline import columns

ROWS = 3000


@pytest.fixture
def sorted_parquet(tmp_path):
    """A file sorted by region: its first rows hold one region, one day and the smallest amounts."""
    path = tmp_path / "sales.parquet"
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT ['east''s', 'north', 'south', 'west'][1 + (i * 4 // {ROWS})::INT] AS region,
        (i % 7)::INTEGER AS weekday, i AS sale_id, (i % 997) * 1.5 AS amount,
        DATE '2024-01-01' + (i * 30 // {ROWS})::INTEGER AS day, DATE '2024-03-01' + (i % 20)::INTEGER AS visit,
        CASE WHEN i < {ROWS} - 300 THEN 'a' ELSE 'x' || i END AS code_text
        FROM range({ROWS}) t(i) ORDER BY i) TO '{path}' (FORMAT parquet)""")
    con.close()
    return path


def _columns(ws, table):
    return {c.name: c for c in columns._compute_columns(ws, table)}


def test_a_long_table_keeps_every_value_its_first_rows_miss(sorted_parquet, open_ws, monkeypatch):
    ws = open_ws(sorted_parquet)
    exact = _columns(ws, "sales")  # the first rows are the whole table
    monkeypatch.setattr(columns, "FIRST_ROWS", 100)
    queries = []
    real = ws.query
    monkeypatch.setattr(ws, "query", lambda sql, *a, **k: queries.append(sql) or real(sql, *a, **k))
    got = _columns(ws, "sales")
    assert any("LIMIT 100" in q for q in queries)  # distinct counts over the first rows only
    assert sorted(got["region"].values) == sorted(exact["region"].values) == ["east's", "north", "south", "west"]
    assert any("NOT IN ('east''s')" in q for q in queries)  # the whole table is asked only for the rest
    assert got["region"].distinct == 4  # the exact count, with its values
    assert sorted(got["weekday"].values) == list(range(7)) and got["weekday"].categorical
    for name in ("amount", "sale_id", "day"):  # ranges of the whole table, not of its first rows
        assert (got[name].min, got[name].max) == (exact[name].min, exact[name].max)
    assert got["day"].distinct == exact["day"].distinct > 25  # dates counted over the whole table (30 days)
    assert all(c.table_rows == ROWS for c in got.values())
    # a date whose first rows hold every day of the whole range: exactly those days, no count of the whole
    assert got["visit"].distinct == 20 and (got["visit"].min, got["visit"].max) == ("2024-03-01", "2024-03-20")
    whole = [q for q in queries if "approx_count_distinct" in q and "LIMIT" not in q]
    assert len(whole) == 1 and "day" in whole[0] and "visit" not in whole[0]
    # 2,701 values in all, one in the first rows: more than the index keeps, and said to be more
    assert got["code_text"].values == [] and got["code_text"].distinct > columns.MAX_INDEXED_VALUES
    # an id: every first row unique, so the estimate is of the order of the rows, never above them
    assert ROWS / 3 <= got["sale_id"].distinct <= ROWS


def test_a_table_no_longer_than_the_first_rows_is_counted_whole(sorted_parquet, open_ws, monkeypatch):
    ws = open_ws(sorted_parquet)
    queries = []
    real = ws.query
    monkeypatch.setattr(ws, "query", lambda sql, *a, **k: queries.append(sql) or real(sql, *a, **k))
    got = _columns(ws, "sales")
    assert sum("approx_count_distinct" in q for q in queries) == 1  # one aggregate, no second pass
    assert got["amount"].distinct == pytest.approx(997, rel=0.05)
    assert got["sale_id"].distinct == pytest.approx(ROWS, rel=0.05)


@pytest.mark.parametrize("values", [50, 5_000, 80_000, 1_000_000])
def test_the_estimate_of_distinct_values_from_a_random_part(values):
    rng = random.Random(values)
    rows, seen_rows = 2_000_000, 100_000
    seen = len({rng.randrange(values) for _ in range(seen_rows)})
    estimate = columns._estimated_distinct(seen, seen_rows, rows)
    assert seen <= estimate <= rows
    assert estimate == pytest.approx(min(values, rows), rel=0.15)


def test_the_estimate_never_goes_below_what_was_seen_or_above_the_rows():
    assert columns._estimated_distinct(0, 100, 1000) == 0
    assert columns._estimated_distinct(100, 100, 1000) == 1000  # all unique: as many as rows
    assert columns._estimated_distinct(40, 100, 100) == 40  # the first rows were all of it


def test_a_csv_scanned_in_place_is_read_in_one_pass_for_its_values(sorted_parquet, tmp_path, open_ws, monkeypatch):
    path = tmp_path / "sales.csv"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM '{sorted_parquet}') TO '{path}' (FORMAT csv, HEADER)")
    con.close()
    ws = open_ws(path, materialise_max_bytes=0)
    assert ws.tables["sales"].storage == "view"
    exact = _columns(ws, "sales")
    monkeypatch.setattr(columns, "FIRST_ROWS", 100)
    queries = []
    real = ws.query
    monkeypatch.setattr(ws, "query", lambda sql, *a, **k: queries.append(sql) or real(sql, *a, **k))
    got = _columns(ws, "sales")
    assert sorted(got["region"].values) == sorted(exact["region"].values)
    assert sorted(got["weekday"].values) == list(range(7))
    assert got["day"].distinct == exact["day"].distinct
    whole = [q for q in queries if "LIMIT 100)" not in q]  # every pass over the whole file
    assert len(whole) == 2, whole  # ranges, count and dates; then the values the first rows lack
