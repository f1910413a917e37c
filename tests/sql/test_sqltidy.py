"""Model SQL slips with one meaning are undone; text inside literals and quoted names is never touched."""

from dsagent.sql.tidy import tidy_model_sql


def test_python_raw_string_prefix_is_dropped():
    assert tidy_model_sql("SELECT regexp_extract(url, r'://([^/]+)') FROM t") == \
        "SELECT regexp_extract(url, '://([^/]+)') FROM t"
    assert tidy_model_sql("SELECT 1 WHERE a ~ R'\\d'") == "SELECT 1 WHERE a ~ '\\d'"


def test_literals_names_and_identifiers_ending_in_r_are_kept():
    for sql in ("SELECT 'r''x' FROM t", 'SELECT "r\'" FROM t', "SELECT 'a r' FROM t", "SELECT bar'x' FROM t",
                "SELECT col_r FROM t WHERE r = 'r'"):
        assert tidy_model_sql(sql) == sql


def test_an_alias_with_a_parenthesised_part_is_quoted_only_when_the_query_breaks():
    assert tidy_model_sql("SELECT price / 0.85 AS price (USD), model FROM laptops") == \
        'SELECT price / 0.85 AS "price (USD)", model FROM laptops'
    assert tidy_model_sql("SELECT price AS price (USD) FROM laptops") == 'SELECT price AS "price (USD)" FROM laptops'
    for valid in ("SELECT i FROM range(3) AS t(i), range(2) AS u(j)", "SELECT CAST(x AS DECIMAL(10, 2)), y FROM t"):
        assert tidy_model_sql(valid) == valid
