"""The Workspace reads every supported format into clean, quoted, queryable tables."""

from __future__ import annotations

import sqlite3

import duckdb
import pytest

from dsagent.errors import DataError, SqlRejected, UserError
from dsagent.data.naming import quote_ident, table_name_for


def _rows(ws, table, order="1"):
    return ws.query(f"SELECT * FROM {quote_ident(table)} ORDER BY {order}").rows


# ---------------------------------------------------------------- delimited text
@pytest.mark.parametrize("name, content, expected", [
    ("comma.csv", "a,b\n1,x\n2,y\n", [[1, "x"], [2, "y"]]),
    ("tabs.tsv", "a\tb\n1\tx y\n2\tz\n", [[1, "x y"], [2, "z"]]),
    ("semi.csv", 'a;b\n1;"x;y"\n2;z\n', [[1, "x;y"], [2, "z"]]),
    ("pipes.psv", "a|b\n1|x\n2|y\n", [[1, "x"], [2, "y"]]),
    ("quoting.csv", 'a,b\n1,"say ""hi"", then"\n2,"multi\nline"\n', [[1, 'say "hi", then'], [2, "multi\nline"]]),
])
def test_delimited_text_is_sniffed(make_csv, open_ws, name, content, expected):
    path = make_csv(name, content)
    ws = open_ws(path)
    (table,) = ws.tables
    assert ws.tables[table].format == "csv"
    assert _rows(ws, table) == expected


class _Recording:
    """A connection that notes the SQL it is given (DuckDB's own class cannot be patched)."""

    def __init__(self, con, seen: list[str]):
        self._con, self._seen = con, seen

    def execute(self, sql, *args):
        self._seen.append(sql)
        return self._con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_a_quoted_csv_is_sniffed_once_per_version_of_the_file(make_csv, open_ws, monkeypatch):
    # the quote check's second sniff was ~20 ms of every warm run (issue 20); its answer is cached
    seen: list[str] = []
    connect = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: _Recording(connect(*a, **k), seen))
    path = make_csv("q.csv", 'a,b\n1,"x, y"\n2,"z"\n')
    sniffs = []
    for content in (None, None, 'a,b\n1,"x, y"\n2,"z"\n3,"w, v"\n'):
        if content:
            path.write_text(content)
        seen.clear()
        ws = open_ws(path)
        sniffs.append(sum("sniff_csv" in sql for sql in seen))
        assert _rows(ws, "q")[0] == [1, "x, y"]
    assert sniffs == [1, 0, 1]  # once, then from the cache, then again for the changed file
    # a badly quoted file is still refused on every run, and nothing is kept for it
    bad = make_csv("bad.csv", 'a,b\n1,"x"y\n')
    for _ in range(2):
        with pytest.raises(DataError, match="broken quoting"):
            open_ws(bad)


def test_utf8_with_bom_has_clean_first_column(make_csv, open_ws):
    path = make_csv("bom.csv", "\ufeffciudad,n\nMálaga,1\nCádiz,2\n".encode("utf-8"))
    ws = open_ws(path)
    assert [c for c, _ in ws.columns("bom")] == ["ciudad", "n"]
    assert _rows(ws, "bom") == [["Cádiz", 2], ["Málaga", 1]]


def test_latin1_text_reads_correctly(make_csv, open_ws):
    path = make_csv("latin.csv", "nombre,ciudad\nJosé,Málaga\nÍñigo,Cádiz\n".encode("latin-1"))
    ws = open_ws(path)
    assert _rows(ws, "latin") == [["José", "Málaga"], ["Íñigo", "Cádiz"]]


def test_headerless_csv_gets_column_names(make_csv, open_ws):
    ws = open_ws(make_csv("nohead.csv", "1,2,3\n4,5,6\n"))
    assert len(ws.columns("nohead")) == 3
    assert ws.row_count("nohead") == 2


# ---------------------------------------------------------------- other formats
def test_parquet_json_ndjson(tmp_path, open_ws):
    con = duckdb.connect()
    con.execute(f"COPY (SELECT range AS id, 'v' || range AS v FROM range(5)) TO '{tmp_path / 'p.parquet'}'")
    (tmp_path / "arr.json").write_text('[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]')
    (tmp_path / "lines.ndjson").write_text('{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n')
    (tmp_path / "lines2.jsonl").write_text('{"a": 3}\n')
    ws = open_ws(tmp_path / "p.parquet", tmp_path / "arr.json", tmp_path / "lines.ndjson", tmp_path / "lines2.jsonl")
    assert set(ws.tables) == {"p", "arr", "lines", "lines2"}
    assert ws.tables["p"].storage == "view"  # Parquet is always scanned in place
    assert ws.row_count("p") == 5
    assert _rows(ws, "arr") == [[1, "x"], [2, "y"]] == _rows(ws, "lines")
    assert _rows(ws, "lines2") == [[3]]


def test_folder_gives_a_table_per_file_and_skips_other_files(tmp_path, open_ws):
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / "customers.csv").write_text("id,name\n1,Ana\n")
    (folder / "orders.csv").write_text("id,customer_id\n10,1\n11,1\n")
    (folder / "notes.md").write_text("not data")
    ws = open_ws(folder)
    assert set(ws.tables) == {"customers", "orders"}
    assert ws.row_count("orders") == 2


def test_glob_and_name_clashes(tmp_path, open_ws):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "data.csv").write_text(f"x\n{sub}\n")
    ws = open_ws(str(tmp_path / "*" / "data.csv"))
    assert list(ws.tables) == ["data", "data_2"]
    assert _rows(ws, "data") == [["a"]] and _rows(ws, "data_2") == [["b"]]


def test_glob_without_match_is_a_clear_error(tmp_path):
    from dsagent.data.workspace import Workspace

    with pytest.raises(DataError, match="no file matches"):
        Workspace.open([str(tmp_path / "*.csv")])


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_hive_partitioned_folder_is_one_table(tmp_path, open_ws, fmt):
    con = duckdb.connect()
    out = tmp_path / "sales"
    con.execute(f"COPY (SELECT range AS id, 2020 + range % 3 AS year FROM range(30)) TO '{out}' "
                f"(FORMAT {fmt}, PARTITION_BY (year))")
    ws = open_ws(out)
    assert list(ws.tables) == ["sales"]
    assert ws.tables["sales"].storage == "view"
    assert ws.query("SELECT year, count(*) FROM sales GROUP BY 1 ORDER BY 1").rows == [[2020, 10], [2021, 10], [2022, 10]]


def test_duckdb_file_read_only_all_tables(tmp_path, open_ws):
    path = tmp_path / "store.duckdb"
    con = duckdb.connect(str(path))
    con.execute('CREATE TABLE people (id INT, "first name" VARCHAR)')
    con.execute("INSERT INTO people VALUES (1, 'Ana'), (2, 'Bo')")
    con.execute("CREATE SCHEMA sales; CREATE TABLE sales.orders AS SELECT 1 AS id")
    con.execute("CREATE VIEW adults AS SELECT * FROM people WHERE id > 1")
    con.close()
    before = path.read_bytes()
    ws = open_ws(path)
    assert set(ws.tables) == {"people", "adults", "sales_orders"}
    assert ws.query('SELECT "first name" FROM people ORDER BY id').rows == [["Ana"], ["Bo"]]
    assert ws.row_count("adults") == 1
    # Read-only: even the raw connection cannot write to the attached file.
    with pytest.raises(duckdb.Error, match="read-only"):
        ws.con.execute("INSERT INTO src0.main.people VALUES (3, 'Cy')")
    ws.close()
    assert path.read_bytes() == before


def test_sqlite_file_read_only_with_stdlib(tmp_path, open_ws):
    path = tmp_path / "legacy.sqlite"
    lite = sqlite3.connect(path)
    lite.execute('CREATE TABLE "order items" (id INTEGER, price REAL, name TEXT, loose)')
    lite.executemany('INSERT INTO "order items" VALUES (?, ?, ?, ?)',
                     [(1, 2.5, "x", 7), (2, None, None, "seven"), (3, 1.0, "z", None)])
    lite.execute("CREATE TABLE empty_one (a INTEGER)")
    lite.commit()
    lite.close()
    before = path.read_bytes()
    ws = open_ws(path)
    assert set(ws.tables) == {"order_items", "empty_one"}
    assert dict(ws.columns("order_items")) == {"id": "BIGINT", "price": "DOUBLE", "name": "VARCHAR",
                                              "loose": "VARCHAR"}  # mixed int/text kept as text
    assert ws.query("SELECT sum(price) FROM order_items").rows == [[3.5]]
    assert ws.row_count("empty_one") == 0
    assert path.read_bytes() == before
    # No SQLite extension was loaded into DuckDB for this.
    assert ws.scalar("SELECT count(*) FROM duckdb_functions() WHERE function_name IN ('sqlite_scan', 'sqlite_attach')") == 0


def test_sqlite_mixed_types_beyond_first_chunk(tmp_path):
    from dsagent.data.sqlite import _copy_sqlite_table
    from dsagent.data.workspace import Workspace

    path = tmp_path / "big.sqlite"
    lite = sqlite3.connect(path)
    lite.execute("CREATE TABLE t (a INTEGER)")
    lite.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(10)] + [("oops",)])
    lite.commit()
    ws = Workspace()
    try:
        _copy_sqlite_table(lite, "t", ws.con, "t", chunk_rows=4)
        assert ws.con.execute("SELECT count(*), max(a) FROM t").fetchone() == (11, "oops")
    finally:
        ws.close()
        lite.close()


# ---------------------------------------------------------------- names
def test_odd_column_names_are_usable_when_quoted(make_csv, open_ws):
    path = make_csv("2024 Ventas Málaga.csv",
                    'order date,Año,1st,total,total,"we""ird",select\n2024-01-01,1,2,3,4,5,6\n')
    ws = open_ws(path)
    (table,) = ws.tables
    assert table == "t_2024_ventas_malaga"
    cols = [c for c, _ in ws.columns(table)]
    assert cols == ["order date", "Año", "1st", "total", "total_1", 'we"ird', "select"]
    assert "total_1" in ws.tables[table].note
    select = ", ".join(quote_ident(c) for c in cols)
    assert ws.query(f"SELECT {select} FROM {quote_ident(table)}").rows == [["2024-01-01", 1, 2, 3, 4, 5, 6]]


@pytest.mark.parametrize("stem, expected", [
    ("Sales 2024", "sales_2024"), ("2024", "t_2024"), ("semi", "semi_t"), ("order", "order_t"),
    ("Año—fiscal", "ano_fiscal"), ("***", "t"), ("select", "select_t"),
])
def test_table_name_rule(stem, expected):
    assert table_name_for(stem) == expected
    con = duckdb.connect()
    con.execute(f"CREATE TABLE {expected} AS SELECT 1 AS x")  # unquoted: must be valid SQL
    assert con.execute(f"SELECT x FROM {expected}").fetchone() == (1,)


# ---------------------------------------------------------------- queries, limits, derived
def test_query_caps_rows_but_counts_all(make_csv, open_ws):
    ws = open_ws(make_csv("n.csv", "x\n" + "".join(f"{i}\n" for i in range(50))), max_rows=10)
    r = ws.query("SELECT x FROM n ORDER BY x")
    assert len(r.rows) == 10 and r.truncated and r.row_count == 50
    assert ws.query("SELECT x FROM n -- trailing comment", max_rows=5).row_count == 50


@pytest.mark.parametrize("sql", [
    "COPY n TO '/tmp/x.csv'", "ATTACH ':memory:' AS m", "DETACH memory", "SET threads = 1",
    "CREATE TABLE z AS SELECT 1", "INSERT INTO n VALUES (1)", "SELECT 1; SELECT 2", "DROP TABLE n",
    "PRAGMA database_list", "CALL pragma_database_size()", "LOAD httpfs", "INSTALL httpfs", "CREATE SECRET s (TYPE http)",
])
def test_query_refuses_anything_but_one_select(make_csv, open_ws, sql):
    ws = open_ws(make_csv("n.csv", "x\n1\n"))
    with pytest.raises(SqlRejected):
        ws.query(sql)
    assert ws.query("SELECT count(*) FROM n").rows == [[1]]


def test_memory_limit_and_threads_are_configurable(make_csv, open_ws):
    ws = open_ws(make_csv("n.csv", "x\n1\n"), memory_limit="300MB", threads=1)
    limit = ws.scalar("SELECT current_setting('memory_limit')")
    assert limit.replace(" ", "").upper() in ("286.1MIB", "300.0MB", "300MB")
    assert ws.scalar("SELECT current_setting('threads')") == 1


def test_derived_tables_and_default_table(make_csv, open_ws):
    ws = open_ws(make_csv("n.csv", "x\n1\n2\n3\n"))
    name = ws.create_derived("n_clean", "SELECT x * 2 AS y FROM n", parent="n", how="test")
    assert name == "n_clean" and ws.tables[name].storage == "derived"
    assert ws.query(f"SELECT sum(y) FROM {name}").rows == [[12]]
    assert ws.default_table() == "n"
    with pytest.raises(UserError, match="cannot be dropped"):
        ws.drop_derived("n")
    ws.drop_derived(name)
    assert name not in ws.tables
    with pytest.raises(UserError, match="did you mean n"):
        ws.require_table("nn")


def test_real_column_named_like_a_renamed_one_is_not_reported(make_csv, open_ws):
    ws = open_ws(make_csv("a1.csv", "a,a_1,b\n1,2,3\n"), make_csv("a2.csv", "a,a,b,b\n1,2,3,4\n"))
    assert ws.tables["a1"].note is None
    assert ws.tables["a2"].note == "duplicate column names renamed: a_1, b_1"


def test_utf16_text(make_csv, open_ws):
    ws = open_ws(make_csv("u16.csv", "ciudad,n\nMálaga,1\n".encode("utf-16")))
    assert ws.query("SELECT * FROM u16").rows == [["Málaga", 1]]


def test_folder_includes_sub_folders_and_hive_sub_folders(tmp_path, open_ws):
    root = tmp_path / "lake"
    (root / "shop").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "top.csv").write_text("a\n1\n")
    (root / "shop" / "orders.csv").write_text("id\n1\n2\n")
    (root / ".git" / "hidden.csv").write_text("x\n1\n")
    con = duckdb.connect()
    con.execute(f"COPY (SELECT range AS id, range % 2 AS k FROM range(6)) TO '{root / 'events'}' "
                "(FORMAT parquet, PARTITION_BY (k))")
    ws = open_ws(root)
    assert list(ws.tables) == ["top", "events", "orders"]
    assert ws.row_count("events") == 6 and ws.row_count("orders") == 2


def test_folder_with_too_many_files_is_refused(tmp_path, monkeypatch):
    from dsagent.data import sources
    from dsagent.data.workspace import Workspace

    monkeypatch.setattr(sources, "MAX_FOLDER_SOURCES", 3)
    for i in range(5):
        (tmp_path / f"f{i}.csv").write_text("a\n1\n")
    with pytest.raises(DataError, match="5 data files, more than 3"):
        Workspace.open([str(tmp_path)])
