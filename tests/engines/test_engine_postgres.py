"""PostgreSQL as a data source, against a real throwaway server (tests/engine_servers.py).

What the person sees (CLI output, exit codes, JSON, the audit log) and what the server sees (READ
ONLY transactions, statement_timeout, cancels). Never mocked; marked slow.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from dsagent.cli import cli
from dsagent.data.workspace import Workspace
from dsagent.errors import EngineConnectionError, EngineQueryError, QueryCancelled, QueryTimeout, SqlRejected

pytestmark = pytest.mark.slow  # on one xdist worker with the other server tests (conftest's ENGINE_SERVER_TESTS)


@pytest.fixture
def pg_ws(pg_env):
    ws = Workspace.open([pg_env.url()])
    yield ws
    ws.close()


def _no_secret(*texts: str) -> None:
    from engine_servers import ADMIN_PASSWORD, READER_PASSWORD

    for text in texts:
        assert READER_PASSWORD not in text and ADMIN_PASSWORD not in text


def _once_running(server, fragment: str, action) -> list[float]:
    """Call `action` once the server runs our query containing `fragment`; return [when it was called].

    A timer could fire before the query has started on a loaded machine, and a cancel sent between
    queries is absorbed: waiting for the query itself makes the test mean what it says."""
    called: list[float] = []

    def watch() -> None:
        deadline = time.monotonic() + 30
        with server.admin() as admin:
            while time.monotonic() < deadline:
                running = admin.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dsagent' "
                    "AND state = 'active' AND query ILIKE %s", (f"%{fragment}%",)).fetchone()[0]
                if running:
                    break
                time.sleep(0.05)
        called.append(time.monotonic())
        action()

    threading.Thread(target=watch, daemon=True).start()
    return called


def _audit_text() -> str:
    path = Path(os.environ["DSAGENT_HOME"]) / "audit.jsonl"
    return path.read_text(encoding="utf-8") if path.exists() else ""


# ------------------------------------------------------------------------------ the workspace
def test_the_role_sees_only_what_it_may_read(pg_ws):
    assert list(pg_ws.tables) == ["sales"]
    info = pg_ws.tables["sales"]
    assert info.storage == "remote" and info.source.endswith("#shop.sales")
    assert ("Product", "VARCHAR") in pg_ws.columns("sales")
    assert ("amount", "DECIMAL(10,2)") in pg_ws.columns("sales")


def test_queries_run_on_the_server_with_duckdb_names(pg_ws):
    out = pg_ws.query("SELECT region, count(*) FROM sales GROUP BY ALL ORDER BY ALL")
    assert out.columns == ["region", "count_star()"]
    assert out.types == ["VARCHAR", "BIGINT"]
    assert sum(r[1] for r in out.rows) == 600
    assert out.rows[-1][0] is None  # NULLS LAST, as on DuckDB


def test_row_cap_and_true_total(pg_ws):
    out = pg_ws.query("SELECT id FROM sales", max_rows=7)
    assert len(out.rows) == 7 and out.truncated and out.row_count == 600


def test_mixed_case_column_names_need_no_quotes(pg_ws):
    assert pg_ws.query("SELECT product, count(*) FROM sales GROUP BY product").row_count == 4


def test_duckdb_binder_errors_come_first(pg_ws):
    import duckdb

    with pytest.raises(duckdb.Error, match="nope"):
        pg_ws.query("SELECT nope FROM sales")


def test_every_statement_is_read_only_on_the_server(pg_ws):
    engine = pg_ws.remote.engine
    got = engine.query_arrow("SELECT current_setting('transaction_read_only')", 1, 5)
    assert got.table.column(0).to_pylist() == ["on"]
    # past the guard and the second check (called directly): a query runs as a cursor, which
    # holds only a SELECT, and in a READ ONLY transaction, where the server itself refuses writes
    with pytest.raises(EngineQueryError, match="syntax error"):
        engine.query_arrow("CREATE TABLE shop.planted (a int)", 1, 5)
    with pytest.raises(EngineQueryError, match="read-only transaction"):
        engine._catalogue("CREATE TABLE shop.planted (a int)")
    # and the connection is usable afterwards
    assert pg_ws.scalar("SELECT count(*) FROM sales") == 600


def test_statement_timeout_is_set_in_each_transaction(pg_ws):
    engine = pg_ws.remote.engine
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit"):
        engine.query_arrow("SELECT pg_sleep(20)", 1, 0.5)
    assert time.monotonic() - started < 5
    assert pg_ws.scalar("SELECT count(*) FROM sales") == 600


def test_interrupt_from_another_thread_cancels_the_query(pg_env, pg_ws):
    engine = pg_ws.remote.engine
    called = _once_running(pg_env, "pg_sleep(20)", pg_ws.interrupt)
    with pytest.raises(QueryCancelled):
        engine.query_arrow("SELECT pg_sleep(20)", 1, 30)
    assert time.monotonic() - called[0] < 5
    assert pg_ws.scalar("SELECT count(*) FROM sales") == 600


def test_an_interrupt_sent_before_the_statement_reaches_the_server_is_not_lost(pg_ws):
    # One cancel from another thread, sent as the statement is being sent, found nothing to cancel on the
    # server and the query ran its full 20 s; the workspace's cancel flag now stops it whenever it lands.
    engine = pg_ws.remote.engine
    threading.Timer(0.0, pg_ws.interrupt).start()
    started = time.monotonic()
    with pytest.raises(QueryCancelled):
        engine.query_arrow("SELECT pg_sleep(20)", 1, 30)
    assert time.monotonic() - started < 5
    assert pg_ws.scalar("SELECT count(*) FROM sales") == 600


def test_ctrl_c_cancels_the_query_not_the_program(pg_env, pg_ws):
    import _thread

    called = _once_running(pg_env, "pg_sleep(20)", _thread.interrupt_main)
    with pytest.raises(QueryCancelled):
        pg_ws.remote.engine.query_arrow("SELECT pg_sleep(20)", 1, 30)
    assert time.monotonic() - called[0] < 5
    assert pg_ws.scalar("SELECT count(*) FROM sales") == 600


def test_guard_refuses_server_functions_before_they_reach_it(pg_ws):
    from dsagent.sql.guard import guard_sql

    with pytest.raises(SqlRejected):
        guard_sql("SELECT pg_sleep(1) FROM sales", pg_ws)
    with pytest.raises(EngineQueryError, match="not allowed"):
        pg_ws.remote.translate("SELECT pg_read_file('/etc/passwd') FROM sales")


def test_server_closing_the_connection_mid_query(pg_server, pg_ws):
    def kill() -> None:
        with pg_server.admin() as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dsagent'")

    _once_running(pg_server, "AS a, ", kill)
    with pytest.raises(EngineConnectionError, match="closed the connection"):
        pg_ws.query("SELECT count(*) FROM sales a, sales b, sales c, sales d")


def test_a_copy_of_a_remote_table_is_refused(pg_ws):
    from dsagent.errors import UserError

    with pytest.raises(UserError, match="not made in dsagent's memory"):
        pg_ws.create_derived("sales_clean", "SELECT * FROM sales", "sales", "clean")


def test_frames_for_models_are_bounded(pg_ws):
    frame = pg_ws.fetch_df("SELECT * FROM sales USING SAMPLE 50 ROWS")
    assert len(frame) == 50 and list(frame.columns)[:3] == ["id", "region", "Product"]


# ------------------------------------------------------------------------------ the command line
def test_ask_json_on_postgres(pg_env, capsys):
    code = cli(["ask", pg_env.url(), "how many rows are in sales", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["result"]["rows"] == [[600]]
    _no_secret(out, err, _audit_text())


def test_sql_run_and_dialect(pg_env, capsys):
    code = cli(["sql", pg_env.url(), "SELECT region, count(*) AS n FROM sales GROUP BY ALL ORDER BY n DESC",
                "--dialect", "postgres"])
    out, _ = capsys.readouterr()
    assert code == 0 and "GROUP BY ALL" not in out.upper() or code == 0
    code = cli(["sql", pg_env.url(), "SELECT count(*) AS n FROM sales", "--run"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "600" in out


def test_schema_and_profile_json(pg_env, capsys):
    assert cli(["schema", pg_env.url(), "--json"]) == 0
    cards = json.loads(capsys.readouterr().out)
    card = cards[0] if isinstance(cards, list) else cards
    text = json.dumps(card)
    assert "600" in text and "Product" in text
    assert cli(["profile", pg_env.url(), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)
    _no_secret(out, err, text)


def test_tables_flag(pg_env, capsys):
    assert cli(["sql", pg_env.url(), "SELECT count(*) FROM sales", "--tables", "shop.sal*"]) == 0
    capsys.readouterr()
    assert cli(["sql", pg_env.url(), "SELECT 1", "--tables", "shop.secret"]) == 2
    err = capsys.readouterr().err
    assert "permission denied for table shop.secret" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("case", ["unreachable", "wrong_password", "unknown_database", "no_tables"])
def test_bad_connections_are_one_line_exit_2(pg_env, capsys, monkeypatch, case):
    from engine_servers import free_port

    url = pg_env.url()
    expect = {"unreachable": "cannot reach the server", "wrong_password": "password authentication failed",
              "unknown_database": "no such database", "no_tables": "can read no table"}[case]
    if case == "unreachable":
        url = f"postgresql://reader@127.0.0.1:{free_port()}/postgres"
    elif case == "wrong_password":
        monkeypatch.setenv("PGPASSWORD", "not-the-password-9")
    elif case == "unknown_database":
        url = pg_env.url(db="nosuchdb")
    elif case == "no_tables":
        url = pg_env.url(user="nobody")
    code = cli(["ask", url, "how many rows"])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert expect in err and len(err.strip().splitlines()) == 1
    _no_secret(out, err)
    assert "not-the-password-9" not in err


def test_query_past_the_time_limit_on_the_command_line(pg_env, capsys):
    code = cli(["sql", pg_env.url(), "SELECT count(*) FROM sales a, sales b, sales c, sales d", "--run",
                "--timeout", "0.5"])
    out, err = capsys.readouterr()
    assert code != 0
    assert "time limit" in (out + err)
    _no_secret(out, err)


def test_the_offline_linker_reads_a_large_server_table_through_its_sample(pg_ws, monkeypatch):
    # On a 10M-row table the linker's exact distinct counts and value lists took 25 s a question:
    # above SAMPLE_ABOVE_ROWS (the server's own estimate) they read a TABLESAMPLE, as the card does.
    from dataclasses import replace

    from dsagent.offline.columns import load_columns

    info = pg_ws.tables["sales"]
    info.remote = replace(info.remote, estimated_rows=50_000_000)
    sent = []
    query = pg_ws.query
    monkeypatch.setattr(pg_ws, "query", lambda sql, **kw: sent.append(sql) or query(sql, **kw))
    cols = {c.name: c for c in load_columns(pg_ws, "sales")}
    assert sent and all("TABLESAMPLE" in sql for sql in sent)
    assert cols["region"].table_rows == 50_000_000  # the estimate, not the sample's count


# ------------------------------------------------------------------------------ the answer's query
def _role(pg_server, name: str, tables: list[str], settings: tuple[str, ...] = ()) -> str:
    """A login role of its own (the reader's view of shop stays as the tests above expect it)."""
    from engine_servers import READER_PASSWORD

    with pg_server.admin() as admin:
        exists = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{READER_PASSWORD}'")
            admin.execute(f"GRANT USAGE ON SCHEMA shop TO {name}")
            admin.execute(f"ALTER ROLE {name} SET search_path = shop, public")
        for table in tables:
            admin.execute(f"GRANT SELECT ON {table} TO {name}")
        if settings:
            admin.execute("LOAD 'auto_explain'")  # its settings are known before they are given to the role
            for setting in settings:
                admin.execute(f"ALTER ROLE {name} SET {setting}")
    return pg_server.url(user=name)


def _log_since(pg_server, offset: int) -> str:
    with open(pg_server.root / "log", encoding="utf-8", errors="replace") as fh:
        fh.seek(offset)
        return fh.read()


def test_the_answers_query_is_no_cursor_and_may_run_in_parallel(pg_server, pg_env):
    # PostgreSQL makes no parallel plan for a cursor (DECLARE): over 10M rows the answer's own
    # aggregate took twice psql's time. auto_explain logs the plan the server really ran.
    import uuid

    url = _role(pg_server, "explainer", ["shop.sales"], (
        "session_preload_libraries = 'auto_explain'", "auto_explain.log_min_duration = 0",
        "log_statement = 'all'", "parallel_setup_cost = 0", "parallel_tuple_cost = 0",
        "min_parallel_table_scan_size = 0"))
    marker = f"n_{uuid.uuid4().hex[:10]}"
    offset = (pg_server.root / "log").stat().st_size
    ws = Workspace.open([url])
    try:
        out = ws.query(f"SELECT region, count(*) AS {marker} FROM sales GROUP BY region ORDER BY region")
        assert sum(r[1] for r in out.rows) == 600 and out.columns == ["region", marker]
    finally:
        ws.close()
    log = _log_since(pg_server, offset)
    plan = log[log.index("Query Text:", log.index(f"AS {marker}")):]
    plan = plan[:plan.index("\n2")] if "\n2" in plan else plan  # up to the next log line (a timestamp)
    assert marker in plan and "Gather" in plan and "Workers Planned" in plan, plan
    assert "DECLARE" not in log.upper()


def test_the_cap_is_in_the_sql_and_keeps_order_and_truncation(pg_ws):
    out = pg_ws.query("SELECT id FROM sales ORDER BY id DESC", max_rows=5)
    assert [r[0] for r in out.rows] == [600, 599, 598, 597, 596]
    assert out.truncated and out.row_count == 600
    exact = pg_ws.query("SELECT id FROM sales ORDER BY id", max_rows=600)
    assert len(exact.rows) == 600 and not exact.truncated
    empty = pg_ws.query("SELECT id, region FROM sales WHERE id < 0")
    assert empty.rows == [] and empty.columns == ["id", "region"] and not empty.truncated


def test_wide_rows_stop_at_the_byte_budget(pg_ws, monkeypatch):
    import dsagent.engines.postgres as pg

    monkeypatch.setattr(pg, "MAX_RESULT_BYTES", 20_000)
    got = pg_ws.remote.engine.query_arrow("SELECT id, repeat('x', 1000) AS wide FROM shop.sales", 600, 10)
    assert got.truncated and 10 <= got.table.num_rows <= 20
    # the rest was cancelled on the server; the connection answers the next query
    assert pg_ws.scalar("SELECT count(*) FROM sales") == 600


# ------------------------------------------------------------------------------ facts kept across processes
def _forget_in_process() -> None:
    """What a new process would not have: the cards and facts kept in memory."""
    from dsagent.data import cache
    from dsagent.tools.schema.card import clear_cache

    clear_cache()
    cache._FACTS.clear()


def _statements(ws, monkeypatch) -> list[str]:
    sent: list[str] = []
    engine = ws.remote.engine
    run = engine.query_arrow
    monkeypatch.setattr(engine, "query_arrow", lambda sql, *a: sent.append(sql) or run(sql, *a))
    return sent


def test_a_server_tables_facts_are_reused_until_its_rows_change(pg_server, pg_env, monkeypatch):
    from dsagent.data.cache import table_key
    from dsagent.data.changes import check_sources
    from dsagent.offline.columns import load_columns
    from dsagent.tools.schema.card import get_schema_card

    with pg_server.admin() as admin:
        admin.execute("DROP TABLE IF EXISTS shop.marked")
        admin.execute("CREATE TABLE shop.marked AS SELECT g AS id, (ARRAY['red','green'])[1 + g % 2] AS colour "
                      "FROM generate_series(1, 300) AS g")
    url = _role(pg_server, "marker_reader", ["shop.marked"])
    # a fact is written to disk when it took long enough to be worth a file; here every one is
    monkeypatch.setattr("dsagent.tools.schema.card.DISK_CACHE_MIN_SECONDS", 0)
    monkeypatch.setattr("dsagent.offline.columns.DISK_CACHE_MIN_SECONDS", 0)

    first = Workspace.open([url])
    key = table_key(first, "marked")
    assert key is not None and key[2] == first.tables["marked"].source
    colours = {c.name: c for c in load_columns(first, "marked")}["colour"].values
    assert sorted(colours) == ["green", "red"]
    assert get_schema_card(first, "marked").row_count == 300
    first.close()

    # a second session (no facts in memory): the card and the linker's columns come from the disk
    _forget_in_process()
    second = Workspace.open([url])
    sent = _statements(second, monkeypatch)
    assert table_key(second, "marked") == key
    assert {c.name: c for c in load_columns(second, "marked")}["colour"].values == colours
    assert get_schema_card(second, "marked").row_count == 300
    assert sent == [], sent

    # another session adds rows: the marker changes (the size at once, the counters when that
    # session's statistics are flushed), and the facts are computed again, with the new value
    def changed_by(statement: str, before: tuple) -> tuple:
        with pg_server.admin() as admin:
            admin.execute(statement)
        deadline = time.monotonic() + 15
        while True:
            check_sources(second)  # before each request the marker is read again
            now = table_key(second, "marked")
            if now != before or time.monotonic() > deadline:
                return now
            time.sleep(0.2)

    key2 = changed_by("INSERT INTO shop.marked SELECT g, 'blue' FROM generate_series(301, 2300) AS g", key)
    assert key2 != key
    _forget_in_process()
    assert sorted({c.name: c for c in load_columns(second, "marked")}["colour"].values) == ["blue", "green", "red"]
    assert get_schema_card(second, "marked").row_count == 2300
    assert sent, "the facts were not computed again"
    # a DELETE leaves the table's size as it was: the counters see it
    assert changed_by("DELETE FROM shop.marked WHERE colour = 'blue'", key2) != key2
    assert get_schema_card(second, "marked").row_count == 300
    second.close()


def test_tables_without_a_sound_marker_are_never_cached(pg_server, pg_env):
    from dsagent.data.cache import table_key

    with pg_server.admin() as admin:
        admin.execute("CREATE OR REPLACE VIEW shop.marked_view AS SELECT 1 AS one")
        admin.execute("DROP TABLE IF EXISTS shop.guarded")
        admin.execute("CREATE TABLE shop.guarded (k int)")
        admin.execute("ALTER TABLE shop.guarded ENABLE ROW LEVEL SECURITY")
        admin.execute("CREATE POLICY everyone ON shop.guarded USING (true)")
    url = _role(pg_server, "view_reader", ["shop.marked_view", "shop.guarded"])
    ws = Workspace.open([url])
    try:
        assert table_key(ws, "marked_view") is None  # a view's rows are other tables'
        assert table_key(ws, "guarded") is None  # row-level security: what a role sees may change with no write
    finally:
        ws.close()
