"""The SQL guard's rules, messages, normalisation, typed-SQL detection and dialects."""

from __future__ import annotations

import shutil

import pytest

from dsagent.sql import duckdb_parse as engine
from dsagent.errors import SqlRejected, UserError
from dsagent.sql.guard import guard_sql, looks_like_sql, resolve_dialect, transpile
from conftest import FIXTURES

FIXTURES = FIXTURES / "sql"


@pytest.fixture
def ws(tmp_path, open_ws):
    for name in ("orders.csv", "customers.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return open_ws(tmp_path / "orders.csv", tmp_path / "customers.csv")


def rejected(sql: str, ws) -> str:
    with pytest.raises(SqlRejected) as info:
        guard_sql(sql, ws)
    return str(info.value)


def test_plain_select_passes_and_reports_tables_and_columns(ws):
    g = guard_sql("select status, sum(amount) from orders group by status", ws)
    assert g.sql == "SELECT status, SUM(amount) FROM orders GROUP BY status"
    assert g.normalised is True
    assert g.tables == ["orders"]
    assert g.columns == ["status", "amount"]


def test_duckdb_parses_on_the_workspace_database_not_a_second_one(ws, monkeypatch):
    # a second, empty DuckDB database cost ~20 ms of CPU on every run (issue 20); the hardened
    # workspace's own parser cursor parses instead, and DuckDB's half of the guard still refuses
    used = []
    private = engine._parser_connection
    monkeypatch.setattr(engine, "_parser_connection", lambda con=None: used.append(con) or private(con))
    assert guard_sql("SELECT status FROM orders", ws).tables == ["orders"]
    assert used and all(con is ws.parser() for con in used)
    assert ws.parser() is not ws.con  # a query may be running on con in the worker thread
    with pytest.raises(SqlRejected, match="'secrets' is not one of the workspace's tables"):
        engine.verify("SELECT * FROM secrets", ["orders"], ws.parser())
    with pytest.raises(SqlRejected, match="getenv"):
        engine.verify("SELECT getenv('HOME')", ["orders"], ws.parser())
    ws.close()  # closed: the guard's private connection parses again
    assert ws.parser() is None
    assert guard_sql("SELECT status FROM orders", ws).tables == ["orders"]


def test_a_statement_in_normal_form_is_parsed_by_duckdb_once(ws, monkeypatch):
    # run_sql guards its group-count rewrite too (sqlglot's own output): a second DuckDB parse of the
    # same text was ~1.5 ms of CPU a question in a chat (issue 20); a text that differs is parsed twice
    verified = []
    real = engine.verify
    monkeypatch.setattr(engine, "verify", lambda text, *a: verified.append(text) or real(text, *a))
    normal = guard_sql("select status, count(*) from orders group by 1", ws).sql
    assert len(verified) == 2 and normal != verified[0]
    verified.clear()
    again = guard_sql(normal, ws)
    assert verified == [normal] and again.sql == normal and again.normalised
    with pytest.raises(SqlRejected, match="getenv"):
        guard_sql("SELECT getenv('HOME') AS h FROM orders", ws)


def test_unknown_table_suggests_the_closest(ws):
    msg = rejected("SELECT * FROM ordrs", ws)
    assert "Unknown table 'ordrs'; did you mean orders?" in msg
    assert "Tables: customers, orders." in msg


def test_unknown_column_suggests_and_lists_columns(ws):
    msg = rejected("SELECT amout FROM orders", ws)
    assert msg.startswith("Unknown column 'amout'; did you mean amount?")
    assert "Columns of orders: order_id, customer_id, Order Date, amount" in msg


def test_unknown_qualified_column_names_its_table(ws):
    msg = rejected("SELECT o.nme FROM orders o JOIN customers c USING (customer_id)", ws)
    assert "Unknown column 'nme' in table orders" in msg
    msg = rejected("SELECT c.nme FROM orders o JOIN customers c USING (customer_id)", ws)
    assert "Unknown column 'nme' in table customers; did you mean name?" in msg


def test_column_of_a_table_the_query_does_not_read(ws):
    msg = rejected("SELECT country FROM orders", ws)
    assert "it is a column of customers, which the query does not read" in msg
    # and how to read it: a join on the column both tables have
    # a SELECT over one table comes back as the query itself with the join, its columns qualified
    assert "Join the table that has it on a column both have, e.g. SELECT customers.country FROM orders " \
           "JOIN customers ON customers.customer_id = orders.customer_id;" in msg
    # anything else (a CTE, a join, a subquery): the join clause alone
    for sql in ("WITH o AS (SELECT * FROM orders) SELECT country FROM o",
                "SELECT o.order_id, country FROM orders o JOIN orders p USING (order_id)"):
        assert "Join the table that has it on a column both have: " \
               "JOIN customers ON customers.customer_id = orders.customer_id. Columns of orders" in rejected(sql, ws)


def test_a_join_suggestion_offers_the_table_the_request_names(make_csv, open_ws):
    ws = open_ws(make_csv("products.csv", "model,maker,type\nm1,A,pc\nm2,B,laptop\n"),
                 make_csv("laptops.csv", "model,ram\nm2,8\n"), make_csv("pcs.csv", "model,ram\nm1,16\n"))
    sql = "SELECT DISTINCT maker FROM products WHERE ram > 8"
    with pytest.raises(SqlRejected) as info:
        guard_sql(sql, ws, question="makers of PCs with more than 8 GB of RAM")
    named = str(info.value)
    assert "it is a column of pcs, laptops, which the query does not read." in named
    assert named.endswith("e.g. SELECT DISTINCT products.maker FROM products JOIN pcs ON pcs.model = products.model "
                          "WHERE pcs.ram > 8; Columns of products: model, maker, type.")
    g = guard_sql(named.split("e.g. ")[1].split(";")[0], ws)  # the suggestion itself passes and runs
    assert ws.query(g.sql).rows == [["A"]]
    # a request that names neither: both, as listed
    assert "JOIN laptops ON laptops.model = products.model WHERE laptops.ram > 8; or: SELECT DISTINCT " \
           "products.maker FROM products JOIN pcs" in rejected(sql, ws)


def test_a_filter_on_column_names_comes_back_as_a_columns_query(ws):
    """A small model filters `column_name` as if the table listed its columns: COLUMNS() does that."""
    for sql, example in (("SELECT * FROM orders WHERE column_name LIKE '%_id'", "SELECT COLUMNS('.id$') FROM orders;"),
                         ("SELECT * FROM orders WHERE column_name IN ('amount', 'status')",
                          "SELECT COLUMNS('^(amount|status)$') FROM orders;")):
        msg = rejected(sql, ws)
        assert f"To choose columns by their names, use COLUMNS('regex'), e.g. {example}" in msg
        query = example.rstrip(";")
        assert ws.query(guard_sql(query, ws).sql).columns  # the suggestion runs
    # more than that one filter: a general example
    assert "e.g. SELECT COLUMNS('_id$') FROM t;" in rejected(
        "SELECT * FROM orders WHERE column_name LIKE '%id' AND amount > 1", ws)


def test_accented_column_suggested_from_plain_spelling(ws):
    msg = rejected('SELECT "Region" FROM orders', ws)
    assert "did you mean Región?" in msg


def test_double_quoted_text_gets_a_quoting_hint(ws):
    msg = rejected('SELECT * FROM orders WHERE status = "paid"', ws)
    assert "Unknown column 'paid'" in msg and "single quotes" in msg


def test_quoted_identifiers_with_spaces_accents_and_case(ws):
    g = guard_sql('SELECT "Order Date", "región", "ORDER date" FROM orders', ws)
    assert g.columns == ["Order Date", "Región"]
    assert '"Order Date"' in g.sql
    rows = ws.query(g.sql).rows
    assert rows[0][1] == "Norte" and len(rows) == 8
    # DuckDB folds the case of ASCII letters only, so the guard does too
    assert "did you mean Región?" in rejected('SELECT "REGIÓN" FROM orders', ws)


def test_aliases_lambdas_values_and_ctes_are_not_unknown_columns(ws):
    for sql in ("SELECT amount * 2 AS dbl FROM orders WHERE dbl > 10",
                "WITH t AS (SELECT customer_id AS cid FROM orders) SELECT cid FROM t",
                "SELECT x FROM (VALUES (1)) v(x)",
                "SELECT col0 FROM (VALUES (1))",
                "SELECT list_transform([1], lambda q: q + 1)",
                "SELECT s.a FROM (SELECT {'a': 1} AS s)",
                "SELECT i FROM range(3) r(i)"):
        guard_sql(sql, ws)


def test_parse_error_has_line_and_column(ws):
    msg = rejected("SELECT *\nFROM orders WHER amount > 1 AND", ws)
    assert msg.startswith("Syntax error at line 2, column")
    assert "near" in msg


def test_filtering_on_column_names_points_to_columns(ws):
    msg = rejected("SELECT * FROM orders WHERE column_name LIKE '%id'", ws)
    assert "Unknown column 'column_name'" in msg and "COLUMNS('regex')" in msg


def test_parse_error_says_how_names_and_text_are_quoted(ws):
    msg = rejected("SELECT amount * 1.1 AS amount (USD) FROM orders", ws)
    assert 'double quotes (AS "total (USD)")' in msg and "single quotes" in msg


def test_empty_and_oversized_statements(ws):
    assert "Empty statement" in rejected("  ;  ", ws)
    assert "too long" in rejected("SELECT " + "1 + " * 40000 + "1", ws)


def test_comments_are_not_statements(ws):
    g = guard_sql("SELECT count(*) FROM orders -- how many?", ws)
    assert ws.query(g.sql).rows == [[8]]
    g = guard_sql("/* a */ SELECT 1; -- trailing", ws)
    assert ws.query(g.sql).rows == [[1]]


def test_normalised_sql_falls_back_to_the_original_when_duckdb_reads_it_differently(ws):
    # sqlglot writes range(5) as RANGE(0, 5): same rows, different parse tree, so the original runs.
    g = guard_sql("SELECT * FROM range(5) -- five", ws)
    assert g.normalised is False
    assert g.sql == "SELECT * FROM range(5)"
    assert len(ws.query(g.sql).rows) == 5


def test_deprecated_arrow_lambda_is_rewritten_to_the_keyword_form(ws):
    g = guard_sql("SELECT list_transform([1, 2], x -> x * 10) AS l", ws)
    assert "LAMBDA" in g.sql.upper()
    assert ws.query(g.sql).rows == [[[10, 20]]]


def test_cte_shadowing_a_table_is_allowed_but_not_outside_its_scope(ws):
    guard_sql("WITH orders AS (SELECT 1 AS x) SELECT x FROM orders", ws)
    msg = rejected("SELECT * FROM (WITH duckdb_tables AS (SELECT 1 AS x) SELECT * FROM duckdb_tables), duckdb_tables", ws)
    assert "duckdb_tables" in msg


def test_describe_and_summarize_of_a_workspace_table(ws):
    assert guard_sql("DESCRIBE orders", ws).tables == ["orders"]
    assert guard_sql("SUMMARIZE customers", ws).tables == ["customers"]
    assert "Unknown table" in rejected("DESCRIBE secrets", ws)


def test_refusal_messages_name_the_statement_and_the_reason(ws):
    assert rejected("DROP TABLE orders", ws).startswith("DROP is not allowed: it changes data or schema")
    assert rejected("COPY orders TO 'x.csv'", ws).startswith("COPY is not allowed: it writes or reads files")
    assert rejected("INSTALL httpfs", ws).startswith("INSTALL is not allowed")
    assert rejected("SET threads = 1", ws).startswith("SET is not allowed")
    assert rejected("EXPORT DATABASE 'x'", ws).startswith("EXPORT is not allowed")
    assert "found 2 (SELECT, DROP)" in rejected("SELECT 1; DROP TABLE orders", ws)


def test_function_deny_list_applies_anywhere(ws):
    assert "getenv()" in rejected("SELECT upper(getenv('HOME'))", ws)
    assert "getenv()" in rejected("SELECT * FROM orders WHERE notes = getenv('X')", ws)
    assert "read_csv()" in rejected("SELECT * FROM orders, LATERAL (SELECT * FROM read_csv('/etc/passwd'))", ws)


def test_only_main_schema_qualification_is_accepted(ws):
    assert guard_sql("SELECT count(*) FROM main.orders", ws).tables == ["orders"]
    assert "use a table name alone" in rejected("SELECT * FROM temp.main.orders", ws)


# --------------------------------------------------------------------------- typed SQL detection
SQL_TEXTS = [
    "SELECT * FROM loans", "select count(*) from loans", "  -- top\nSELECT region FROM sales",
    "/* c */ select a, b from t", "WITH x AS (SELECT 1) SELECT * FROM x", "with recursive r(n) as (select 1) select 1",
    "FROM loans", "FROM loans SELECT region", "VALUES (1, 2)", "(SELECT 1)", "SELECT 1", "SELECT name FROM passengers",
    "SELECT * FROM t WHER x = 1", "DESCRIBE loans", "SUMMARIZE loans", "DROP TABLE loans", "delete from loans",
    "INSERT INTO loans VALUES (1)", "UPDATE loans SET income = 0", "COPY loans TO '/tmp/x.csv'",
    "ATTACH '/tmp/x.db' AS x", "INSTALL httpfs", "LOAD httpfs", "PRAGMA database_list", "SET memory_limit = '1GB'",
    "RESET threads", "EXPORT DATABASE '/tmp/d'", "CALL pragma_version()", "CREATE TABLE x AS SELECT 1",
    "SHOW TABLES", "EXPLAIN SELECT 1", "SELECT amount::INT FROM t", "SELECT a['k'] FROM t", "select x = 1 from t",
    # issue 22: these went to the planner instead of the guard's clear refusal
    "TRUNCATE people", "TRUNCATE people;", "LOAD '/tmp/x'", "load '/tmp/evil.duckdb_extension'",
    "FROM read_text('/etc/passwd')", "from read_csv('/tmp/x.csv')",
]
QUESTIONS = [
    "Select the 5 oldest passengers", "select the top regions by revenue", "Drop duplicates from loans",
    "Create a chart of revenue by month", "Show revenue by region", "Describe the loans table",
    "Summarize income by region", "With income above 50k, how many were approved?", "Set the threshold to 5",
    "Load data.csv", "Update me on sales", "Delete outliers in income", "Copy the table", "Explain the model",
    "From the loans data, which region has the most approvals?", "Call it a day", "how many rows?",
    "¿Cuántos pasajeros sobrevivieron?", "Selecciona las 5 regiones con más ventas", "values by region please",
    "Use a bar chart", "Insert a title", "Show me the sales trend", "Export the cleaned data",
    "Truncate names to 10 characters", "truncate decimals", "Load the data please",
]


@pytest.mark.parametrize("text", SQL_TEXTS)
def test_typed_sql_is_recognised(text):
    assert looks_like_sql(text)


@pytest.mark.parametrize("text", QUESTIONS)
def test_plain_language_is_not_sql(text):
    assert not looks_like_sql(text)


@pytest.mark.parametrize("text,said", [("TRUNCATE people", "TRUNCATE"), ("LOAD '/tmp/x'", "LOAD"),
                                       ("FROM read_text('/etc/passwd')", "read_text")])
def test_typed_statements_get_the_guards_refusal(text, said, capsys, tmp_path):
    from dsagent.cli import cli

    data = tmp_path / "people.csv"
    data.write_text("id\n1\n", encoding="utf-8")
    code = cli(["ask", str(data), text])
    out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and said in err, (out, err)


# --------------------------------------------------------------------------- dialects
@pytest.mark.parametrize("dialect,expected", [
    ("postgres", "SELECT CAST(a AS INT) FROM t WHERE b ILIKE '%x%' LIMIT 5"),
    ("spark", "SELECT CAST(a AS INT) FROM t WHERE b ILIKE '%x%' LIMIT 5"),
    ("snowflake", "SELECT CAST(a AS INT) FROM t WHERE b ILIKE '%x%' LIMIT 5"),
    ("bigquery", "SELECT CAST(a AS INT64) FROM t WHERE LOWER(b) LIKE LOWER('%x%') LIMIT 5"),
    ("trino", "SELECT CAST(a AS INTEGER) FROM t WHERE LOWER(b) LIKE LOWER('%x%') LIMIT 5"),
    ("mysql", "SELECT CAST(a AS SIGNED) FROM t WHERE LOWER(b) LIKE LOWER('%x%') LIMIT 5"),
    ("duckdb", "SELECT a::INT FROM t WHERE b ILIKE '%x%' LIMIT 5"),
])
def test_transpile_to_other_engines(dialect, expected):
    assert transpile("SELECT a::INT FROM t WHERE b ILIKE '%x%' LIMIT 5", dialect) == expected


def test_transpile_rewrites_duckdb_only_clauses():
    assert transpile("SELECT a::INT FROM t LIMIT 5", "tsql") == "SELECT TOP 5 CAST(a AS INTEGER) FROM t"
    sql = "SELECT * FROM t QUALIFY row_number() OVER (PARTITION BY a ORDER BY b) = 1"
    assert transpile(sql, "postgres") == ("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) AS _w "
                                          "FROM t) AS _t WHERE _w = 1")


def test_dialect_aliases_and_unknown_dialect():
    assert resolve_dialect("PostgreSQL") == "postgres"
    assert resolve_dialect("sqlserver") == "tsql"
    with pytest.raises(UserError) as info:
        transpile("SELECT 1", "postgrs")
    assert str(info.value) == "Unknown dialect 'postgrs'. Did you mean postgres?"
    with pytest.raises(UserError) as info:
        resolve_dialect("zzzz")
    assert "Dialects: " in str(info.value) and "snowflake" in str(info.value)


# --------------------------------------------------------------------------- introspection
def test_show_tables_is_answered_from_the_workspace_names(ws):
    g = guard_sql("show tables;", ws)
    assert g.sql == ("SELECT table_name FROM (VALUES ('customers'), ('orders')) AS t(table_name) "
                     "ORDER BY table_name")
    assert ws.query(g.sql).rows == [["customers"], ["orders"]]
    assert "SHOW is not allowed" in rejected("SHOW ALL TABLES", ws)


def test_show_tables_is_not_masked_as_names_of_people(capsys, tmp_path):
    from dsagent.cli import cli

    data = tmp_path / "people.csv"
    data.write_text("id,name\n1,Ana\n", encoding="utf-8")
    assert cli(["ask", str(data), "SHOW TABLES"]) == 0
    out, _ = capsys.readouterr()
    assert "people" in out and "<PERSON>" not in out


def test_pragma_table_info_only_for_workspace_tables(ws):
    g = guard_sql("PRAGMA table_info('Orders')", ws)
    assert g.sql == "SELECT * FROM pragma_table_info('orders')"
    assert [r[1] for r in ws.query(g.sql).rows][:3] == ["order_id", "customer_id", "Order Date"]
    assert "did you mean orders?" in rejected("PRAGMA table_info('ordrs')", ws)
    assert "PRAGMA is not allowed" in rejected("PRAGMA database_list", ws)
    g = guard_sql("CALL pragma_table_info('orders')", ws)
    assert g.sql == "SELECT * FROM pragma_table_info('orders')"
    # as a table function in a SELECT: only with a workspace table's name, checked by both parsers
    g = guard_sql("SELECT name, type FROM pragma_table_info('Orders') WHERE type = 'DATE'", ws)
    assert g.tables == ["orders"] and ws.query(g.sql).rows == [["Order Date", "DATE"]]
    for bad in ("SELECT * FROM pragma_table_info('secrets')", "SELECT * FROM pragma_table_info(name)",
                "SELECT * FROM pragma_table_info('orders', 'x')"):
        assert "pragma_table_info() takes the name of one of the workspace's tables" in rejected(bad, ws), bad
    with pytest.raises(SqlRejected, match="pragma_table_info"):
        engine.verify("SELECT * FROM pragma_table_info('secrets')", ["orders"])
    assert "pragma_storage_info() is not allowed" in rejected("SELECT * FROM pragma_storage_info('orders')", ws)


def test_duckdb_version_is_answered_in_every_spelling(ws):
    for sql in ("PRAGMA version", "CALL pragma_version();", "select * from pragma_version()"):
        g = guard_sql(sql, ws)
        assert [c.lower() for c in ws.query(g.sql).columns] == ["library_version", "source_id", "codename"], sql
    assert "PRAGMA is not allowed" in rejected("PRAGMA version = 3", ws)


def test_explain_guards_the_statement_it_explains(ws):
    g = guard_sql("EXPLAIN ANALYZE select count(*) from orders", ws)
    assert g.sql == "EXPLAIN ANALYZE SELECT COUNT(*) FROM orders" and g.tables == ["orders"]
    assert ws.query(g.sql).rows
    assert "DROP is not allowed" in rejected("EXPLAIN DROP TABLE orders", ws)
    assert "read_csv() is not allowed" in rejected("EXPLAIN SELECT * FROM read_csv('/etc/passwd')", ws)


def test_duckdb_only_syntax_is_checked_on_duckdbs_tree(ws):
    # sqlglot cannot read backtick identifiers or 'a\' in DuckDB's dialect; DuckDB can, so DuckDB's
    # parse tree alone decides, with the same allow-lists
    g = guard_sql("SELECT `Order Date` FROM orders -- first", ws)
    assert g.normalised is False and g.tables == ["orders"]
    assert ws.query(g.sql).rows[0] == ["2024-01-05"]
    assert ws.query(guard_sql("SELECT 'a\\' AS s", ws).sql).rows == [["a\\"]]
    assert "read_csv() is not allowed" in rejected("SELECT * FROM read_csv(`x`)", ws)
    assert "Only one statement" in rejected("SELECT `a`; DROP TABLE orders", ws)


def test_deeply_nested_statement_is_refused_not_crashed(ws):
    assert "nested too deeply" in rejected("SELECT " + "(" * 3000 + "1" + ")" * 3000, ws)


def test_schema_qualified_name_points_to_the_registered_table(tmp_path, open_ws):
    import duckdb

    path = tmp_path / "company.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE SCHEMA hr; CREATE TABLE hr.staff AS SELECT 1 AS id, 'Ana' AS name")
    con.close()
    ws = open_ws(path)
    assert "hr_staff" in ws.tables
    assert "registered in the workspace as hr_staff; write FROM hr_staff" in rejected("SELECT * FROM hr.staff", ws)
    assert "write FROM hr_staff" in rejected("SELECT * FROM src0.hr.staff", ws)  # refused, with a pointer
    assert "not one of the workspace's tables" in rejected("SELECT * FROM src0.main.secrets", ws)
    assert guard_sql("SELECT name FROM hr_staff", ws).tables == ["hr_staff"]


def test_aliases_reused_in_inner_scopes_are_left_to_duckdb(ws):
    for sql in ("SELECT t.amount FROM orders t WHERE EXISTS (SELECT 1 FROM customers t WHERE t.name = 'x')",
                "SELECT orders.total FROM (SELECT sum(amount) AS total FROM orders) AS orders"):
        g = guard_sql(sql, ws)
        ws.query(g.sql)
    assert guard_sql("SELECT t.amount FROM orders t WHERE EXISTS (SELECT 1 FROM customers t WHERE t.name = 'x')",
                     ws).tables == ["customers", "orders"]
