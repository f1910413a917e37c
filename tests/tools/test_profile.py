"""The data-quality profile: each planted problem found, and a clean table reported clean."""

from __future__ import annotations

import json

import pytest

from dsagent.cli import cli
from dsagent.tools.schema import card as schema_mod
from dsagent.tools.base import ToolContext, get_tool
from dsagent.tools.profile import ProfileArgs, profile_data, profile_table


@pytest.fixture(autouse=True)
def _fresh_cache():
    schema_mod.clear_cache()


def _dirty_csv() -> str:
    lines = ["order_id,amount,price_txt,when_txt,stamp_txt,country,const,empty,code"]
    for i in range(200):
        amount = 5000 if i in (7, 77) else 100 + (i % 20)
        country = ["Spain", "France", "  "][i % 3]
        when = f"{1 + i % 28:02d}/03/2024" if i % 40 else "2024-03-15"  # mixed formats: DuckDB keeps text
        lines.append(f"{i + 1},{amount},\"{i % 50},{i % 10}5\",{when},"
                     f"2024-03-01 10:{i % 60:02d}:00,{country},same,,{i % 4}")
    lines.append(lines[5])  # an exact duplicate row (same order id too)
    lines.append("999," + lines[6].split(",", 1)[1])  # the same row with a new id
    return "\n".join(lines) + "\n"


@pytest.fixture
def dirty(make_csv, open_ws):
    return open_ws(make_csv("dirty.csv", _dirty_csv()))


def test_planted_problems_are_found(dirty):
    p = profile_table(dirty, "dirty")
    assert p["row_count"] == 202
    missing = {m["column"]: m for m in p["missing"]}
    assert missing["empty"]["null_share"] == 1.0
    blanks = sum(1 for i in range(200) if i % 3 == 2) + 1  # whitespace-only cells, the repeated row's too
    assert missing["country"]["blank_count"] == blanks
    assert p["duplicates"]["rows"] == 1
    constant = {c["column"]: c for c in p["constant"]}
    assert constant["const"]["value"] == "same" and constant["empty"]["all_null"]
    typed = {t["column"]: t["looks_like"] for t in p["typed_as_text"]}
    assert typed["price_txt"] == "number with decimal comma"
    assert typed["when_txt"] == "date"
    assert "stamp_txt" not in typed  # DuckDB already reads it as a TIMESTAMP
    outliers = {o["column"]: o for o in p["outliers"]}
    assert outliers["amount"]["above"] == 2 and outliers["amount"]["below"] == 0
    assert "code" not in outliers  # integer codes are not checked
    assert "order_id" not in outliers and "order_id" not in {i["column"] for i in p["identifiers"]}
    assert "1 duplicate row" in p["issues"]  # one planted copy, said in the singular


def test_identifiers_and_rows_repeating_apart_from_their_id(make_csv, open_ws):
    rows = "".join(f"{i},{['a', 'b'][i % 2]},{i * 3}\n" for i in range(1, 51))
    rows += "51,b,3\n"  # same as row 1 apart from its id
    ws = open_ws(make_csv("t.csv", "customer_id,kind,level\n" + rows))
    p = profile_table(ws, "t")
    (ident,) = p["identifiers"]
    assert ident["column"] == "customer_id" and "sequence from 1 to 51" in ident["reason"]
    assert p["duplicates"] == {"rows": 0, "rows_ignoring_ids": 1, "ids": ["customer_id"]}


def test_clean_table_reports_no_issues(make_csv, open_ws):
    rows = "".join(f"{['x', 'y', 'z'][i % 3]},{10 + i * 2},{i % 2}\n" for i in range(60))
    ws = open_ws(make_csv("clean.csv", "group,value,flag\n" + rows))
    p = profile_table(ws, "clean")
    assert p["issues"] == [] and p["missing"] == [] and p["outliers"] == [] and p["typed_as_text"] == []
    assert p["duplicates"]["rows"] == 0 and p["constant"] == []
    assert p["identifiers"] == []  # a unique measurement is not an id


def test_profile_tool_and_summary(dirty):
    result = get_tool("profile_data").run(dirty, {"table": "dirty"}, ToolContext())
    assert result.to_json()["kind"] == "profile"
    assert "dirty (202 rows, 9 columns)" in result.summary()
    assert profile_data(dirty, ProfileArgs(), ToolContext()).tables[0]["table"] == "dirty"


def test_profile_command_json_and_terminal(make_csv, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    path = make_csv("dirty.csv", _dirty_csv())
    assert cli(["profile", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tables"][0]["duplicates"]["rows"] == 1
    monkeypatch.setenv("COLUMNS", "100")
    assert cli(["profile", str(path)]) == 0
    out = capsys.readouterr().out
    for text in ("dirty", "202 rows", "Missing values", "Outliers (1.5 x IQR)", "price_txt", "number with decimal comma"):
        assert text in out, text


def test_profile_of_examples_finds_the_planted_gaps(examples, open_ws):
    ws = open_ws(examples / "loans.csv", examples / "passengers.csv")
    loans = profile_table(ws, "loans")
    assert {m["column"] for m in loans["missing"]} == {"employment_years"}
    assert [i["column"] for i in loans["identifiers"]] == ["application_id"]
    passengers = profile_table(ws, "passengers")
    assert {m["column"] for m in passengers["missing"]} == {"age", "embarked"}


def test_big_table_paths_give_the_same_answers(dirty, monkeypatch):
    """Sampled typed-as-text checks and hashed duplicate counts (used above 50k / 1M rows)."""
    from dsagent.tools import profile as profile_mod

    exact = profile_table(dirty, "dirty")
    monkeypatch.setattr(profile_mod, "TYPED_SAMPLE_ROWS", 60)
    monkeypatch.setattr(profile_mod, "DUPLICATES_HASH_MIN_ROWS", 10)
    sampled = profile_table(dirty, "dirty")
    assert {t["column"] for t in sampled["typed_as_text"]} == {t["column"] for t in exact["typed_as_text"]}
    assert sampled["duplicates"] == exact["duplicates"]
    assert sampled == profile_table(dirty, "dirty")  # the sample is repeatable
