"""Checks after running (agent/sql/after.py + narrative.check_text): an empty or all-NULL result
says why, with the data's range, for the offline planner, a model and typed SQL alike."""

from __future__ import annotations

import pytest

from dsagent.config import Settings
from dsagent.llm.fake import FakeChatModel, call
from dsagent.narrative import check_text
from dsagent.session import Session
from dsagent.sql.after import check_result, is_all_null
from dsagent.tools.base import ToolContext, get_tool

ROWS = "".join(f"{2012 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d},{2012 + i % 4},{['north', 'south'][i % 2]},"
               f"{['a', 'b', 'c'][i % 3]},{10 + i % 50}\n" for i in range(120))


@pytest.fixture
def ws(make_csv, open_ws):
    return open_ws(make_csv("orders.csv", "order_date,year,region,product,amount\n" + ROWS))


def run(ws, sql):
    return get_tool("run_sql").run(ws, {"sql": sql}, ToolContext())


def test_a_year_outside_the_data_names_its_range(ws):
    check = check_result(ws, run(ws, "SELECT * FROM orders WHERE year = 2020"))
    assert check.kind == "empty" and check.misses[0].outside and check.misses[0].kind == "year"
    assert check_text(check, "orders in 2020") == ("No rows match: year = 2020 is outside the data; "
                                                   "the data covers 2012–2015 (year).")


def test_the_year_of_a_date_and_a_date_range(ws):
    check = check_result(ws, run(ws, "SELECT region, count(*) FROM orders WHERE year(order_date) = 2019 GROUP BY 1"))
    assert check_text(check, "x") == ("No rows match: YEAR(order_date) = 2019 is outside the data; "
                                      "the data covers 2012–2015 (order_date).")
    after = check_result(ws, run(ws, "SELECT * FROM orders WHERE order_date > '2016-03-01'"))
    assert after.misses[0].kind == "date" and after.misses[0].outside
    assert "2012-01-01–2015-12-" in check_text(after, "x")


def test_a_text_filter_that_matched_nothing_names_the_values(ws):
    check = check_result(ws, run(ws, "SELECT * FROM orders WHERE region = 'West'"))
    assert not check.misses[0].outside and set(check.misses[0].values) == {"north", "south"}
    assert check_text(check, "x").startswith("No rows match: no row has region = 'West'; the most common values")


def test_filters_that_match_only_apart(ws):
    check = check_result(ws, run(ws, "SELECT * FROM orders WHERE region = 'north' AND year = 2013"))
    assert check.together and not check.misses  # 2013 rows are all 'south' (i % 4 == 1 is odd)
    text = check_text(check, "x")
    assert "each filter matches some rows, but no row matches all of them" in text and "2012–2015 (year)" in text


def test_spanish_wording(ws):
    check = check_result(ws, run(ws, "SELECT avg(amount) AS m FROM orders WHERE year = 2030"))
    assert check.kind == "all_null" and check.null_columns == ("m",)
    assert check_text(check, "¿cuál es el importe medio en 2030?") == (
        "Sin valor (m es NULL en todas las filas): year = 2030 queda fuera de los datos; "
        "los datos cubren 2012–2015 (year).")


def test_nulls_in_the_data_itself_are_not_blamed_on_the_filter(make_csv, open_ws):
    ws = open_ws(make_csv("t.csv", "k,v\na,\na,\nb,1\n"))
    check = check_result(ws, run(ws, "SELECT avg(v) AS m FROM t WHERE k = 'a'"))
    assert check.kind == "all_null" and not check.misses and not check.together
    assert check_text(check, "x") == "No value (m is NULL in every row)."


def test_an_answer_with_values_is_left_alone(ws):
    assert check_result(ws, run(ws, "SELECT region, avg(amount) FROM orders GROUP BY 1")) is None
    assert check_result(ws, run(ws, "SELECT * FROM orders LIMIT 0")) is None  # no filter: nothing to explain
    assert is_all_null(run(ws, "SELECT region, avg(amount) AS m FROM orders WHERE year = 2040 GROUP BY 1")) == []


def test_offline_planner_all_null_is_not_an_answer(ws):
    answer = Session(ws, Settings()).ask("average amount in 2020")
    assert answer.provider == "offline" and answer.result is None and answer.exit_code == 1
    assert answer.error["type"] == "no_value" and answer.error["message"] == answer.narrative
    assert "is outside the data; the data covers 2012–2015" in answer.narrative
    assert answer.sql and "2020" in answer.sql
    miss = answer.to_json()["error"]["check"]["misses"][0]  # the typed check, for --json readers
    assert miss["outside"] is True and (miss["low"], miss["high"], miss["kind"]) == (2012, 2015, "year")


def test_a_models_empty_result_is_said_with_the_range(ws):
    sql = "SELECT * FROM orders WHERE year >= 2016"
    model = FakeChatModel(replies=[call("run_sql", sql=sql), call("run_sql", sql=sql)])
    answer = Session(ws, Settings(), chat_model=model).ask("orders since 2016")
    assert answer.exit_code == 0 and answer.result.row_count == 0
    assert answer.narrative == ("No rows match: year >= 2016 is outside the data; the data covers 2012–2015 "
                                "(year).")


def test_typed_sql_gets_the_same_check(ws):
    answer = Session(ws, Settings()).ask("SELECT * FROM orders WHERE amount > 500")
    assert answer.narrative == ("No rows match: amount > 500 is outside the data; amount goes from 10 to 59 "
                                "in the data.")


def test_a_count_of_zero_stays_the_answer_and_says_why(ws):
    check = check_result(ws, run(ws, "SELECT count(*) FROM orders WHERE year = 2020"))
    assert check.kind == "zero" and check.misses[0].outside
    assert check_text(check, "x") == "0 rows match: year = 2020 is outside the data; the data covers 2012–2015 (year)."
    answer = Session(ws, Settings()).ask("SELECT count(*) AS n FROM orders WHERE amount > 500")
    assert answer.exit_code == 0 and answer.result.rows == [[0]]  # 0 is an answer: kept, with the reason
    assert answer.narrative == "0 rows match: amount > 500 is outside the data; amount goes from 10 to 59 in the data."
    # a grouped count, an unfiltered one and a count that is not 0 are left alone
    assert check_result(ws, run(ws, "SELECT count(*) FROM orders WHERE year = 2013")) is None
    assert check_result(ws, run(ws, "SELECT region, count(*) FROM orders GROUP BY 1")) is None
    assert check_result(ws, run(ws, "SELECT count(*) FROM orders")) is None


def test_one_year_of_data_is_said_once(make_csv, open_ws):
    ws = open_ws(make_csv("o.csv", "d,v\n2024-01-05,1\n2024-06-01,2\n"))
    check = check_result(ws, run(ws, "SELECT count(*) FROM o WHERE year(d) = 2023"))
    assert check_text(check, "¿cuántos en 2023?") == (
        "0 filas cumplen la condición: YEAR(d) = 2023 queda fuera de los datos; los datos solo cubren 2024 (d).")
