"""The SQL the product itself writes gives the same answers on DuckDB, PostgreSQL and Spark.

The schema card, the profile, the offline planner's answers to a set of questions (with the
reviewer's group counts) and three chart aggregates run once over a local Parquet copy on DuckDB
and once over the same rows on each real server; their conclusions must match, and every statement
both runs send must return the same rows (samples and HyperLogLog estimates compared by shape).
"""

from __future__ import annotations

import pytest

from dsagent.config import Settings
from dsagent.data.workspace import Workspace

from engine_shapes import comparable, ordered, product_sql, random_in

pytestmark = pytest.mark.slow  # on one xdist worker with the other server tests (conftest's ENGINE_SERVER_TESTS)


@pytest.fixture(scope="module")
def duckdb_run(duck_sales, tmp_path_factory):
    ws = Workspace.open([str(duck_sales)])
    try:
        yield ws, *product_sql(ws, Settings(provider="offline"), tmp_path_factory.mktemp("duck-out"))
    finally:
        ws.close()


@pytest.fixture(params=["postgres", "spark"])
def remote_ws(request, monkeypatch):
    if request.param == "postgres":
        server = request.getfixturevalue("pg_env")
        ws = Workspace.open([server.url()], tables=["shop.sales"])
    else:
        server = request.getfixturevalue("spark_server")
        ws = Workspace.open([server.url], tables=["shop.sales"])
    yield ws
    ws.close()


def test_same_conclusions_and_rows(duckdb_run, remote_ws, tmp_path):
    local, local_sql, local_out = duckdb_run
    remote_sql, remote_out = product_sql(remote_ws, Settings(provider="offline"), tmp_path)
    for key, value in local_out.items():
        assert remote_out.get(key) == value, key
    common = [q for q in local_sql if q in remote_sql]
    assert len(common) >= 10
    for sql in common:
        if random_in(sql):
            continue
        a = local.query(sql, max_rows=100_000)
        b = remote_ws.query(sql, max_rows=100_000)
        assert a.columns == b.columns, sql
        assert comparable(b.rows, ordered(sql)) == comparable(a.rows, ordered(sql)), sql


PROMPT_EXAMPLES = [  # the syntax the planner's prompt shows the model, over the test table
    "SELECT region, count(*) AS n FROM sales GROUP BY ALL ORDER BY n DESC",
    "SELECT date_trunc('month', ordered) AS month, sum(amount) FROM sales GROUP BY 1 ORDER BY 1",
    "SELECT strftime(ordered, '%Y-%m') AS ym, count(*) FROM sales GROUP BY ym ORDER BY ym",
    "SELECT \"Product\", median(amount), quantile_cont(qty, 0.9) FROM sales GROUP BY ALL ORDER BY ALL",
    "SELECT region, avg(CAST(returned AS DOUBLE)) AS rate FROM sales GROUP BY ALL ORDER BY ALL",
    "SELECT count(*) FILTER (WHERE amount > 100) FROM sales",
    "SELECT id FROM sales QUALIFY row_number() OVER (PARTITION BY region ORDER BY amount DESC, id) = 1 ORDER BY id",
    "SELECT TRY_CAST(code AS INTEGER) AS c, count(*) FROM sales GROUP BY ALL ORDER BY ALL",
    "SELECT dayname(ordered) AS d, count(*) FROM sales GROUP BY ALL ORDER BY ALL",
    "SELECT * EXCLUDE (shipped, code) FROM sales ORDER BY id LIMIT 5",
    "SELECT extract(year FROM ordered) AS y, year(ordered), month(ordered) FROM sales ORDER BY id LIMIT 3",
    "SELECT region, amount FROM sales WHERE region ILIKE 'NO%' ORDER BY amount DESC NULLS LAST LIMIT 3",
    "SELECT count(DISTINCT region), stddev_samp(amount) > 0 FROM sales",
    "SELECT epoch_ms(shipped) FROM sales ORDER BY id LIMIT 2",
    "SELECT regexp_matches(code, '^[0-9]+$') AS numeric_code, count(*) FROM sales GROUP BY ALL ORDER BY ALL",
]

PLANNER_SHAPES = [  # forms of the offline planner's SQL no question over the test table writes
    # an ordered scale's values in their order (words/scales.py), here two regions first
    "SELECT region, count(*) AS count FROM sales GROUP BY 1 ORDER BY CASE region WHEN 'south' THEN 0 "
    "WHEN 'north' THEN 1 ELSE 2 END, region",
    # the rows an event happened to (rule event_date_verb)
    "SELECT count(*) AS count FROM sales WHERE shipped IS NOT NULL AND year(shipped) = 2024",
]


@pytest.mark.parametrize("sql", PROMPT_EXAMPLES + PLANNER_SHAPES)
def test_prompt_syntax_examples(duck_sales, remote_ws, sql):
    with Workspace.open([str(duck_sales)]) as local:
        a = local.query(sql, max_rows=10_000)
    b = remote_ws.query(sql, max_rows=10_000)
    assert a.columns == b.columns
    assert comparable(b.rows, ordered(sql)) == comparable(a.rows, ordered(sql))
