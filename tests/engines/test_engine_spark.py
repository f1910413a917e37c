"""Spark Connect as a data source, against a real local Spark Connect server (session-scoped).

The server takes about a minute to answer its first request, so every Spark test shares one
(tests/conftest.py `spark_server`). Never mocked; marked slow.
"""

from __future__ import annotations

import json
import threading
import time

import pytest

from dsagent.cli import cli
from dsagent.data.workspace import Workspace
from dsagent.errors import EngineQueryError, QueryCancelled, QueryTimeout

pytestmark = pytest.mark.slow  # on one xdist worker with the other server tests (conftest's ENGINE_SERVER_TESTS)

LONG = "SELECT count(*) FROM sales a, sales b, sales c, sales d WHERE a.qty + b.qty + c.qty + d.qty = 7"


@pytest.fixture(scope="module")
def spark_ws(spark_server):
    ws = Workspace.open([spark_server.url], tables=["shop.*"])
    yield ws
    ws.close()


def test_tables_and_columns(spark_ws):
    assert list(spark_ws.tables) == ["sales"]
    assert spark_ws.tables["sales"].source.endswith("#shop.sales")
    cols = dict(spark_ws.columns("sales"))
    assert cols["Product"] == "VARCHAR" and cols["amount"] == "DECIMAL(10,2)" and cols["ordered"] == "DATE"


def test_spark_tables_are_never_cached(spark_ws):
    # Spark keeps no change marker for a table whose files may be replaced under it (docs/engines.md)
    from dsagent.data.cache import table_key

    assert table_key(spark_ws, "sales") is None


def test_queries_run_on_spark_with_duckdb_names(spark_ws):
    out = spark_ws.query("SELECT region, count(*) FROM sales GROUP BY ALL ORDER BY ALL")
    assert out.columns == ["region", "count_star()"] and out.types == ["VARCHAR", "BIGINT"]
    assert sum(r[1] for r in out.rows) == 600
    assert out.rows[-1][0] is None  # NULLS LAST as on DuckDB


def test_row_cap_and_true_total(spark_ws):
    out = spark_ws.query("SELECT id FROM sales", max_rows=9)
    assert len(out.rows) == 9 and out.truncated and out.row_count == 600


def test_second_check_refuses_spark_only_doors(spark_ws):
    from dsagent.engines.translate import check_engine_sql

    with pytest.raises(EngineQueryError, match="reflect"):
        check_engine_sql("SELECT reflect('java.lang.System', 'exit', '0') FROM `shop`.`sales`", spark_ws.remote.target)
    with pytest.raises(EngineQueryError, match="not one of the workspace"):
        check_engine_sql("SELECT * FROM parquet.`/etc/hosts`", spark_ws.remote.target)


def test_time_limit_interrupts_the_operation(spark_ws):
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        spark_ws.query(LONG, timeout_s=3)
    assert time.monotonic() - started < 20
    assert spark_ws.scalar("SELECT count(*) FROM sales") == 600


def test_interrupt_cancels_the_operation(spark_ws):
    threading.Timer(2.0, spark_ws.interrupt).start()
    started = time.monotonic()
    with pytest.raises(QueryCancelled):
        spark_ws.query(LONG, timeout_s=120)
    assert time.monotonic() - started < 20
    assert spark_ws.scalar("SELECT count(*) FROM sales") == 600


def test_ask_json_on_spark(spark_server, capsys):
    code = cli(["ask", spark_server.url, "how many rows are in sales", "--json", "--tables", "shop.sales"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["result"]["rows"] == [[600]]


def test_unreachable_spark_is_one_line_exit_2(capsys):
    from engine_servers import free_port

    started = time.monotonic()
    code = cli(["ask", f"sc://127.0.0.1:{free_port()}", "how many rows"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Spark Connect server" in err and len(err.strip().splitlines()) == 1
    assert time.monotonic() - started < 60
