"""Why a query returned no rows: text filters whose value is absent, with the values that exist."""

from __future__ import annotations

import pytest

from dsagent.sql.empty import explain_empty


@pytest.fixture
def ws(open_ws, make_csv):
    orders = make_csv("orders.csv", "id,customer_id,pay,amount\n1,1,card,10\n2,2,card,5\n3,1,transfer,7\n")
    customers = make_csv("customers.csv", "customer_id,name,pay\n1,Ann,card\n2,Bob,card\n")
    return open_ws(orders, customers)


def test_absent_value_is_named_with_the_values_that_exist(ws):
    why = explain_empty(ws, "SELECT * FROM orders WHERE pay = 'cash' AND amount > 1", ["orders"])
    assert why == "No row of orders has pay = 'cash'; its most common values: 'card', 'transfer'."


def test_present_values_numbers_and_negations_say_nothing(ws):
    assert explain_empty(ws, "SELECT * FROM orders WHERE pay = 'card' AND amount > 100", ["orders"]) == ""
    assert explain_empty(ws, "SELECT * FROM orders WHERE NOT pay = 'cash'", ["orders"]) == ""
    assert explain_empty(ws, "SELECT * FROM orders WHERE pay <> 'cash'", ["orders"]) == ""


def test_in_lists_like_and_reversed_comparisons(ws):
    assert "pay = 'cash' or 'cheque'" in explain_empty(ws, "SELECT * FROM orders WHERE pay IN ('cash', 'cheque')", ["orders"])
    assert "pay LIKE 'Card%'" in explain_empty(ws, "SELECT * FROM orders WHERE pay LIKE 'Card%'", ["orders"])
    assert explain_empty(ws, "SELECT * FROM orders WHERE pay ILIKE 'Card%'", ["orders"]) == ""
    assert "pay = 'cash'" in explain_empty(ws, "SELECT * FROM orders WHERE 'cash' = pay", ["orders"])


def test_a_column_two_read_tables_share_is_not_probed(ws):
    sql = "SELECT * FROM orders o JOIN customers c USING (customer_id) WHERE name = 'Zoe' AND pay = 'cash'"
    why = explain_empty(ws, sql, ["orders", "customers"])
    assert "name = 'Zoe'" in why and "'Ann'" in why and "pay" not in why


def test_unparseable_sql_gives_no_diagnosis(ws):
    assert explain_empty(ws, "SELECT FROM WHERE", ["orders"]) == ""
