"""The persistent cache (agent/data/cache.py): keys, atomic writes, bounds, and its users."""

from __future__ import annotations

import json
import os

import pytest

from conftest import spy_queries
from dsagent.data import cache

CSV = "id,region,amount\n1,north,10\n2,south,20\n3,north,30\n4,east,40\n"


def test_store_and_load_round_trip():
    assert cache.load("t", ["a", 1]) is None
    assert cache.store("t", ["a", 1], {"x": [1, 2.5, "z", None]})
    assert cache.load("t", ["a", 1]) == {"x": [1, 2.5, "z", None]}
    assert cache.load("t", ["a", 2]) is None  # another key
    assert cache.load("u", ["a", 1]) is None  # another kind


def test_a_file_holding_another_key_is_no_entry():
    cache.store("t", ["a"], 1)
    (path,) = (cache.cache_dir() / "t").glob("*.json")
    entry = json.loads(path.read_text())
    entry["key"] = entry["key"].replace('"a"', '"b"')
    path.write_text(json.dumps(entry))
    assert cache.load("t", ["a"]) is None


def test_a_half_written_file_is_ignored_and_removed():
    cache.store("t", ["a"], {"big": "x" * 1000})
    (path,) = (cache.cache_dir() / "t").glob("*.json")
    path.write_bytes(path.read_bytes()[:100])  # what a crash in a non-atomic writer would leave
    assert cache.load("t", ["a"]) is None
    assert not path.exists()


def test_a_crash_while_writing_keeps_the_old_entry(monkeypatch):
    cache.store("t", ["a"], "old")

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", crash)
    assert not cache.store("t", ["a"], "new")
    assert cache.load("t", ["a"]) == "old"
    assert [p.name for p in (cache.cache_dir() / "t").iterdir() if p.suffix == ".tmp"] == []


def test_entries_are_private_to_the_person():
    cache.store("t", ["a"], 1)
    (path,) = (cache.cache_dir() / "t").glob("*.json")
    assert path.stat().st_mode & 0o077 == 0
    assert cache.cache_dir().stat().st_mode & 0o077 == 0


def test_the_cache_is_bounded_least_recently_used_first(monkeypatch):
    import time

    monkeypatch.setattr(cache, "MAX_BYTES", 3500)  # room for three entries of about 1 KB
    now = time.time()
    for i in range(3):
        cache.store("t", [i], "x" * 900)
    for i in range(3):  # written 30, 20 and 10 seconds ago
        os.utime(cache._path("t", cache._canonical("t", [i])), (now - 30 + 10 * i, now - 30 + 10 * i))
    assert cache.load("t", [0]) is not None  # used again: now the most recent
    cache.store("t", [3], "x" * 900)
    assert cache.load("t", [0]) is not None and cache.load("t", [3]) is not None
    assert cache.load("t", [1]) is None and cache.load("t", [2]) is not None
    assert cache.usage().bytes <= 3500


def test_an_entry_too_big_is_not_kept(monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 100)
    assert not cache.store("t", ["a"], "x" * 200)
    assert cache.load("t", ["a"]) is None


def test_clear_removes_everything():
    cache.store("t", ["a"], 1)
    cache.store("u", ["b"], 2)
    removed = cache.clear()
    assert removed.entries == 2 and removed.bytes > 0
    assert cache.usage().entries == 0 and cache.load("t", ["a"]) is None


def test_cache_command(capsys):
    from dsagent.cli import cli

    cache.store("schema", ["a"], 1)
    assert cli(["cache"]) == 0
    assert "1 entry (schema 1)" in capsys.readouterr().out
    assert cli(["cache", "clear"]) == 0
    assert capsys.readouterr().out.startswith("Removed 1 entry (")
    assert cli(["cache", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == 0


def test_cache_command_refuses_an_unknown_action(capsys):
    from dsagent.cli import cli

    with pytest.raises(SystemExit) as exit_info:
        cli(["cache", "flush"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# ------------------------------------------------------------------ keys
def test_table_key_follows_the_file(make_csv, open_ws):
    path = make_csv("t.csv", CSV)
    key = cache.table_key(open_ws(path), "t")
    assert key[0] == "file" and key[1] == str(path.resolve())
    assert cache.table_key(open_ws(path), "t") == key  # another session, same file
    path.write_text(CSV + "5,west,50\n")
    os.utime(path, (1_900_000_000, 1_900_000_000))
    assert cache.table_key(open_ws(path), "t") != key


def test_derived_and_unknown_tables_have_no_key(make_csv, open_ws):
    ws = open_ws(make_csv("t.csv", CSV))
    derived = ws.create_derived("d", "SELECT id FROM t", parent="t", how="test")
    assert cache.table_key(ws, derived) is None
    assert cache.table_key(ws, "nope") is None


def test_a_storage_can_plug_in_its_own_key(make_csv, open_ws, monkeypatch):
    """How an engine keys its tables: a cheap change marker, or None when it cannot tell."""
    ws = open_ws(make_csv("t.csv", CSV))
    marker = {"value": "v1"}
    monkeypatch.setitem(cache._KEY_FUNCTIONS, "table",
                        lambda ws, info: None if marker["value"] is None else (info.source, marker["value"]))
    first = cache.table_key(ws, "t")
    assert first[:2] == ("key", "table")
    marker["value"] = "v2"
    assert cache.table_key(ws, "t") != first
    marker["value"] = None
    assert cache.table_key(ws, "t") is None


# ------------------------------------------------------------------ users
def test_linker_columns_are_computed_once_across_sessions(make_csv, open_ws, monkeypatch):
    from dsagent.offline import columns, linker

    monkeypatch.setattr(columns, "DISK_CACHE_MIN_SECONDS", 0.0)
    path = make_csv("t.csv", CSV)
    ws = open_ws(path)
    first = linker.SchemaIndex.build(ws)
    assert spy_queries(ws, monkeypatch) == []
    ws2 = open_ws(path)  # a new process would see the same files
    seen = spy_queries(ws2, monkeypatch)
    again = linker.SchemaIndex.build(ws2)
    assert seen == []
    assert [vars(c) for c in again.columns["t"]] == [vars(c) for c in first.columns["t"]]
    assert sorted(again.column("t", "region").values) == ["east", "north", "south"]
    path.write_text(CSV + "5,west,50\n")
    os.utime(path, (1_900_000_000, 1_900_000_000))
    ws3 = open_ws(path)
    seen = spy_queries(ws3, monkeypatch)
    assert "west" in linker.SchemaIndex.build(ws3).column("t", "region").values
    assert seen  # the file changed: computed again


def test_quick_linker_columns_write_nothing(make_csv, open_ws, monkeypatch):
    from dsagent.offline import columns, linker

    monkeypatch.setattr(columns, "DISK_CACHE_MIN_SECONDS", 30.0)  # (a loaded machine makes any work slow)
    linker.SchemaIndex.build(open_ws(make_csv("t.csv", CSV)))
    assert cache.usage().entries == 0


def test_reviewer_reads_a_card_an_earlier_process_stored(make_csv, open_ws, monkeypatch):
    import dsagent.tools.schema.card as schema_mod

    monkeypatch.setattr(schema_mod, "DISK_CACHE_MIN_SECONDS", 0.0)
    path = make_csv("t.csv", CSV)
    assert schema_mod.cached_schema_card(open_ws(path), "t") is None  # never computes one
    card = schema_mod.get_schema_card(open_ws(path), "t")
    schema_mod.clear_cache()  # what a new process starts with
    found = schema_mod.cached_schema_card(open_ws(path), "t")
    assert found is not None and found.to_json() == card.to_json()


def test_a_table_fact_is_computed_once_across_sessions(make_csv, open_ws, monkeypatch):
    monkeypatch.setattr(cache, "FACTS_MIN_SECONDS", 0.0)
    path = make_csv("t.csv", CSV)
    calls = []
    ws = open_ws(path)
    assert cache.table_fact(ws, "t", "rows", lambda: calls.append(1) or ws.row_count("t")) == 4
    assert cache.table_fact(ws, "t", "rows", lambda: calls.append(1) or 0) == 4
    cache._FACTS.clear()  # what a new process starts with
    assert cache.table_fact(open_ws(path), "t", "rows", lambda: calls.append(1) or 0) == 4
    assert len(calls) == 1
    derived = ws.create_derived("d", "SELECT id FROM t", parent="t", how="test")
    assert cache.table_fact(ws, derived, "rows", lambda: 7) == 7
    assert cache.table_fact(ws, derived, "rows", lambda: 8) == 8  # no key: asked each time


def test_the_reviewers_row_count_comes_from_the_cache(make_csv, open_ws, monkeypatch):
    from dsagent.ethics.groupsize import row_count

    monkeypatch.setattr(cache, "FACTS_MIN_SECONDS", 0.0)
    path = make_csv("t.csv", CSV)
    assert row_count(open_ws(path), "t") == 4
    cache._FACTS.clear()
    ws = open_ws(path)
    monkeypatch.setattr(ws, "row_count", lambda table: pytest.fail("counted again"))
    assert row_count(ws, "t") == 4


def test_a_profile_is_kept_for_the_next_process(make_csv, open_ws, monkeypatch):
    import dsagent.tools.profile as profile_mod

    monkeypatch.setattr(profile_mod, "DISK_CACHE_MIN_SECONDS", 0.0)
    path = make_csv("t.csv", CSV + "4,east,40\n")
    first = profile_mod.profile_table(open_ws(path), "t")
    assert first["duplicates"]["rows"] == 1
    monkeypatch.setattr(profile_mod, "_profile_table", lambda *a: pytest.fail("profiled again"))
    assert profile_mod.profile_table(open_ws(path), "t") == first
