"""`dsagent sql`: only the SQL on stdout; typed SQL guarded; --dialect; --run; plain language via the agent."""

from __future__ import annotations

import shutil

import pytest

from dsagent.cli import cli
from dsagent.session import Session as _REAL_SESSION
from conftest import FIXTURES

FIXTURES = FIXTURES / "sql"


@pytest.fixture
def data(tmp_path):
    for name in ("orders.csv", "customers.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli(["sql", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_typed_sql_prints_only_the_guarded_sql(data, capsys):
    code, out, err = run(capsys, str(data / "orders.csv"), "select status, count(*) from orders group by status")
    assert code == 0
    assert out == "SELECT status, COUNT(*) FROM orders GROUP BY status\n"
    assert err == ""


def test_typed_sql_with_comments_and_odd_names(data, capsys):
    code, out, _ = run(capsys, str(data / "orders.csv"), '-- by region\nSELECT "Región", sum(amount) FROM orders GROUP BY 1')
    assert code == 0
    assert out == 'SELECT "Región", SUM(amount) FROM orders GROUP BY 1\n'


@pytest.mark.parametrize("dialect,expected", [
    ("postgres", "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY status ORDER BY amount) AS _w FROM orders) AS _t WHERE _w = 1\n"),
    ("snowflake", "SELECT * FROM orders QUALIFY ROW_NUMBER() OVER (PARTITION BY status ORDER BY amount) = 1\n"),
])
def test_dialect_transpiles_the_printed_sql(data, capsys, dialect, expected):
    code, out, _ = run(capsys, str(data / "orders.csv"),
                       "SELECT * FROM orders QUALIFY row_number() OVER (PARTITION BY status ORDER BY amount) = 1",
                       "--dialect", dialect)
    assert code == 0
    assert out == expected


def test_unknown_dialect_is_one_line_exit_2(data, capsys):
    code, out, err = run(capsys, str(data / "orders.csv"), "SELECT 1", "--dialect", "postgrs")
    assert code == 2 and out == ""
    assert err == "dsagent: error: Unknown dialect 'postgrs'. Did you mean postgres?\n"


@pytest.mark.parametrize("sql,needle", [
    ("DROP TABLE orders", "DROP is not allowed"),
    ("SELECT * FROM read_csv('/etc/passwd')", "read_csv() is not allowed"),
    ("SELECT 1; DELETE FROM orders", "Only one statement at a time"),
    ("SELECT * FROM ordrs", "did you mean orders?"),
    ("SELECT amout FROM orders", "did you mean amount?"),
    ("SELECT * FROM orders WHER amount > 1", "Syntax error at line 1"),
    ("SELECT no_such_function(amount) FROM orders", "DuckDB cannot run this query"),
])
def test_refused_typed_sql_is_a_one_line_user_error(data, capsys, sql, needle):
    code, out, err = run(capsys, str(data / "orders.csv"), sql)
    assert code == 2
    assert out == ""
    assert err.startswith("dsagent: error: ") and needle in err
    assert err.count("\n") == 1


def test_run_prints_the_sql_then_the_rows(data, capsys):
    code, out, err = run(capsys, str(data / "orders.csv"), "SELECT order_id, amount FROM orders ORDER BY order_id LIMIT 3",
                         "--run")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "SELECT order_id, amount FROM orders ORDER BY order_id LIMIT 3"
    assert lines[1] == ""
    assert "order_id" in lines[2] and "amount" in lines[2]
    assert any(line.split() == ["1", "120.50"] for line in lines)
    assert "3 rows" in out


def test_run_with_a_dialect_prints_that_dialect_and_duckdb_rows(data, capsys):
    code, out, _ = run(capsys, str(data / "orders.csv"), "SELECT amount::INT AS a FROM orders WHERE order_id = 4",
                       "--run", "--dialect", "mysql")
    assert code == 0
    assert out.splitlines()[0] == "SELECT CAST(amount AS SIGNED) AS a FROM orders WHERE order_id = 4"
    assert "2,000" in out and "1 row" in out


# --------------------------------------------------------------------------- plain language
class _ScriptedSession:
    """Stands in for dsagent.session.Session with a fake planner that writes the given SQL."""

    replies: list = []

    def __new__(cls, ws, settings, **kwargs):
        from dsagent.llm.fake import FakeChatModel

        return _REAL_SESSION(ws, settings, chat_model=FakeChatModel(replies=list(cls.replies)))


def test_question_prints_the_sql_the_agent_ran(data, capsys, monkeypatch):
    from dsagent import session
    from dsagent.llm.fake import call, respond

    _ScriptedSession.replies = [call("run_sql", sql="select status, count(*) as n from orders group by status"),
                                respond("done"), respond("done")]
    monkeypatch.setattr(session, "Session", _ScriptedSession)
    code, out, err = run(capsys, str(data / "orders.csv"), "how many orders per status?", "--dialect", "bigquery")
    assert code == 0
    assert out == "SELECT status, COUNT(*) AS n FROM orders GROUP BY status\n"


def test_question_without_sql_exits_1_with_one_line(data, capsys, monkeypatch):
    from dsagent import session
    from dsagent.llm.fake import respond

    _ScriptedSession.replies = [respond("Which column do you mean by 'size'?"), respond("?"), respond("?")]
    monkeypatch.setattr(session, "Session", _ScriptedSession)
    code, out, err = run(capsys, str(data / "orders.csv"), "what is the size?")
    assert code == 1
    assert out == ""
    assert err.startswith("dsagent: no SQL for this question: ")
    assert err.count("\n") == 1
