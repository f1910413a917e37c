"""The schema card: right numbers from DuckDB, few passes, cached by file identity, masked PII."""

from __future__ import annotations

import json
import os

import duckdb
import pytest

from dsagent.tools.schema import card as schema_mod
from dsagent.tools.base import ToolContext, get_tool
from dsagent.tools.schema.card import SchemaArgs, SchemaCard, get_schema_card


@pytest.fixture(autouse=True)
def _fresh_cache():
    schema_mod.clear_cache()
    yield
    schema_mod.clear_cache()


CSV = (
    "id,city,amount,day,flag,score,note\n"
    "1,Madrid,10.5,2024-01-01,true,3,hello\n"
    "2,Sevilla,,2024-01-05,false,3,\n"
    "3,Madrid,30,2024-02-01,true,1,world\n"
    "4,Madrid,40,,true,2,again\n"
)


def test_card_numbers(make_csv, open_ws):
    ws = open_ws(make_csv("t.csv", CSV))
    card = get_schema_card(ws, "t")
    assert card.row_count == 4 and card.table == "t"
    c = {col.name: col for col in card.columns}
    assert (c["id"].kind, c["id"].distinct, c["id"].min, c["id"].max, c["id"].null_share) == ("integer", 4, 1, 4, 0.0)
    assert c["city"].kind == "text" and c["city"].top_values == [("Madrid", 3), ("Sevilla", 1)]
    assert c["amount"].null_share == 0.25 and c["amount"].min == 10.5 and c["amount"].max == 40
    assert c["amount"].mean == pytest.approx((10.5 + 30 + 40) / 3, abs=1e-3)
    assert c["day"].kind == "date" and (c["day"].min, c["day"].max) == ("2024-01-01", "2024-02-01")
    assert c["flag"].kind == "boolean" and c["flag"].top_values == [(True, 3), (False, 1)]
    assert c["score"].top_values == [(3, 2), (1, 1), (2, 1)]  # low-cardinality integer codes, typed
    assert c["note"].samples == ["hello", "world", "again"]
    assert all(len(col.samples) <= 3 for col in card.columns)
    assert not any(col.distinct_approx for col in card.columns)


def test_card_json_round_trip(make_csv, open_ws):
    ws = open_ws(make_csv("t.csv", CSV))
    card = get_schema_card(ws, "t")
    data = json.loads(json.dumps(card.to_json()))
    again = SchemaCard.from_json(data)
    assert again.to_json() == card.to_json()
    assert data["columns"][1]["top_values"] == [["Madrid", 3], ["Sevilla", 1]]


def test_unique_column_has_no_top_values(make_csv, open_ws):
    ws = open_ws(make_csv("u.csv", "code\n" + "".join(f"c{i}\n" for i in range(20))))
    (col,) = get_schema_card(ws, "u").columns
    assert col.distinct == 20 and col.top_values == []


def test_approximate_distinct_on_big_tables(tmp_path, open_ws, monkeypatch):
    monkeypatch.setattr(schema_mod, "EXACT_DISTINCT_MAX_ROWS", 1000)
    con = duckdb.connect()
    con.execute(f"COPY (SELECT range AS id, range % 7 AS k FROM range(5000)) TO '{tmp_path / 'big.parquet'}'")
    ws = open_ws(tmp_path / "big.parquet")
    card = get_schema_card(ws, "big")
    ids, k = card.columns
    assert ids.distinct_approx and 4500 <= ids.distinct <= 5500
    assert k.distinct == 7 and len(k.top_values) == 7


def test_few_passes_over_the_data(make_csv, open_ws, monkeypatch):
    ws = open_ws(make_csv("t.csv", CSV))
    seen = []
    real = ws.query

    def spy(sql, *a, **kw):
        seen.append(sql)
        return real(sql, *a, **kw)

    monkeypatch.setattr(ws, "query", spy)
    monkeypatch.setattr(ws, "scalar", lambda sql, *a, **kw: seen.append(sql) or 4)
    get_schema_card(ws, "t")
    # count(*), one aggregate pass, one histogram pass, one LIMIT read of samples
    assert len(seen) <= 4, seen


def test_cache_by_file_identity(make_csv, open_ws, monkeypatch):
    path = make_csv("t.csv", CSV)
    ws = open_ws(path)
    calls = []
    real = schema_mod._compute
    monkeypatch.setattr(schema_mod, "_compute", lambda *a: calls.append(1) or real(*a))
    first = get_schema_card(ws, "t")
    assert get_schema_card(ws, "t") is first and len(calls) == 1
    ws2 = open_ws(path)  # same file, new session: still cached
    get_schema_card(ws2, "t")
    assert len(calls) == 1
    path.write_text(CSV + "5,Cádiz,50,2024-03-01,false,1,more\n")
    os.utime(path, (1_900_000_000, 1_900_000_000))
    ws3 = open_ws(path)
    assert get_schema_card(ws3, "t").row_count == 5 and len(calls) == 2


def test_disk_cache_when_slow(make_csv, open_ws, monkeypatch):
    from dsagent.config import state_dir

    monkeypatch.setattr(schema_mod, "DISK_CACHE_MIN_SECONDS", 0.0)
    path = make_csv("t.csv", CSV)
    card = get_schema_card(open_ws(path), "t")
    files = list((state_dir() / "cache" / "schema").glob("*.json"))
    assert len(files) == 1
    schema_mod.clear_cache()
    monkeypatch.setattr(schema_mod, "_compute", lambda *a: pytest.fail("recomputed despite the disk cache"))
    assert get_schema_card(open_ws(path), "t").to_json() == card.to_json()


def test_small_cards_write_nothing(make_csv, open_ws):
    from dsagent.config import state_dir

    get_schema_card(open_ws(make_csv("t.csv", CSV)), "t")
    assert not (state_dir() / "cache").exists()


def test_derived_tables_are_not_cached(make_csv, open_ws):
    ws = open_ws(make_csv("t.csv", CSV))
    name = ws.create_derived("d", "SELECT id FROM t", parent="t", how="test")
    assert get_schema_card(ws, name).row_count == 4
    ws.drop_derived(name)
    name = ws.create_derived("d", "SELECT id FROM t WHERE id > 2", parent="t", how="test")
    assert get_schema_card(ws, name).row_count == 2


def test_pii_columns_are_marked_and_masked(make_csv, open_ws):
    pytest.importorskip("dsagent.ethics.privacy")
    rows = "".join(f"{i},person{i}@example.com,{i * 3}\n" for i in range(30))
    ws = open_ws(make_csv("people.csv", "id,email,visits\n" + rows))
    card = get_schema_card(ws, "people")
    email = card.column("email")
    assert email.pii is not None
    assert email.samples and all("@example.com" not in str(s) for s in email.samples)
    assert card.column("visits").pii is None and card.column("visits").samples == [0, 3, 6]


def test_odd_names_and_types(tmp_path, open_ws):
    con = duckdb.connect()
    path = tmp_path / "odd.parquet"
    con.execute(f"""COPY (SELECT 1 AS "order date", [1, 2] AS "a list", {{'x': 1}} AS "séléct",
                   TIMESTAMP '2024-01-01 10:00' AS ts, 1.5::DECIMAL(4,2) AS dec) TO '{path}'""")
    ws = open_ws(path)
    card = get_schema_card(ws, "odd")
    kinds = {c.name: c.kind for c in card.columns}
    assert kinds == {"order date": "integer", "a list": "other", "séléct": "other", "ts": "timestamp", "dec": "number"}
    assert card.column("a list").distinct == 1


def test_describe_schema_tool(make_csv, open_ws):
    ws = open_ws(make_csv("t.csv", CSV), make_csv("u.csv", "x\n1\n"))
    tool = get_tool("describe_schema")
    result = tool.run(ws, {"table": "u"}, ToolContext())
    assert [t["table"] for t in result.tables] == ["u"]
    result = tool.run(ws, SchemaArgs(), ToolContext())
    assert [t["table"] for t in result.tables] == ["t", "u"]
    assert result.to_json()["kind"] == "schema"
    assert "t: 4 rows" in result.summary()
