"""Filters a model made up: text values in WHERE/HAVING that the request never names."""

from __future__ import annotations

from dsagent.sqlgrounding import is_named, request_words, ungrounded_filters


def test_a_copied_sample_value_is_found():
    sql = "SELECT MAX(price) AS max_price FROM printers WHERE type = 'ink-jet'"
    assert ungrounded_filters(sql, "Find the maximum price for each color of printer") == ["type = 'ink-jet'"]
    assert ungrounded_filters(sql, "the most expensive ink-jet printer") == []


def test_values_the_request_names_in_its_own_words_are_grounded():
    assert is_named("pc", request_words("makers who make PCs"))  # plural
    assert is_named("laptops", request_words("the cheapest laptop"))
    assert is_named("BRU", request_words("flights from Bruxelles"))  # a code that starts a named word
    assert is_named("%visa%", request_words("smallest payment made with a Visa card"))
    assert is_named("Málaga", request_words("sales in malaga"))  # accents folded on both sides
    assert not is_named("cash", request_words("who bought the most PCs"))


def test_values_a_request_names_in_too_many_ways_are_never_asked_about():
    words = request_words("orders last spring that were not paid")
    for value in ("2024-03-01", "42", "TRUE", "false", "N", "", "%"):
        assert is_named(value, words), value


def test_only_filters_on_rows_count():
    request = "number of customers per city"
    assert ungrounded_filters("SELECT city, count(*) FROM customers GROUP BY city "
                              "HAVING city <> 'Diemen'", request) == ["city <> 'Diemen'"]
    # a label in the select list or a join condition keeps or drops no rows
    assert ungrounded_filters("SELECT CASE WHEN city = 'Diemen' THEN 1 END AS d FROM customers", request) == []
    assert ungrounded_filters("SELECT c.city FROM customers c JOIN sales s ON s.kind = 'web' "
                              "AND s.customer_id = c.customer_id", request) == []
    # an IN list counts when one of its values is not named; a subquery's filter counts too
    assert ungrounded_filters("SELECT * FROM customers WHERE city IN ('Amsterdam', 'Utrecht')",
                              "customers in Amsterdam") == ["city IN ('Amsterdam', 'Utrecht')"]
    assert ungrounded_filters("SELECT * FROM customers WHERE id IN (SELECT customer_id FROM sales "
                              "WHERE type_of_payment = 'cash')", request) == ["type_of_payment = 'cash'"]


def test_sql_that_does_not_parse_has_nothing_to_report():
    assert ungrounded_filters("SELEC nonsense (", "anything") == []
    assert ungrounded_filters("", "anything") == []
