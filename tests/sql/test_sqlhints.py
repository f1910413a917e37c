"""DuckDB know-how added to the SQL prompt: functions from DuckDB's catalog, syntax from prompts/."""

from __future__ import annotations

import json
import re

from dsagent.sql import prompt_hints as sqlhints
from dsagent.llm.prompting import load_prompt


def names(question, schema=None, k=sqlhints.MAX_FUNCTIONS):
    return [d.name for d in sqlhints.relevant_functions(question, schema, k)]


def test_catalog_comes_from_the_installed_duckdb_with_short_lines():
    docs = sqlhints.catalog()
    assert len(docs) > 300
    by_name = {d.name: d for d in docs}
    assert "list_distinct" in by_name and "levenshtein" in by_name
    assert all(len(d.description) <= sqlhints.MAX_DESCRIPTION and len(d.example) <= sqlhints.MAX_EXAMPLE for d in docs)
    assert "array_distinct" not in by_name  # an alias with the same description is listed once


def test_words_are_folded_and_stemmed():
    assert sqlhints.words("Splitting the Lists, añadir") == ["splitt", "the", "list", "anadir"]


def test_functions_match_what_the_question_asks_for():
    assert "list_distinct" in names("remove duplicates from the list of tags")
    assert "levenshtein" in names("levenshtein distance between the two names", k=3)
    assert "round" in names("round the amounts to two decimals")
    assert any("split" in n for n in names("split the address on commas"))


def test_words_that_name_the_persons_columns_are_not_hints():
    assert "round" in names("what is the round with the most points")
    assert "round" not in names("what is the round with the most points", {"round", "points"})


def test_plain_questions_get_no_hints():
    assert sqlhints.hints_for("how many customers are there") == ""
    assert sqlhints.hints_for("average fare by class") == ""
    # an imperative "list" or "extract" is not a question about lists or dates
    assert sqlhints.hints_for("List all the makers who make PCs with more than 1500 of RAM") == ""
    assert sqlhints.hints_for("Extract the name and the city of every customer") == ""


def test_syntax_examples_are_triggered_by_words_and_bounded():
    examples = sqlhints.relevant_syntax("all columns except the email column")
    assert examples and "EXCLUDE" in examples[0][1]
    assert any("USING SAMPLE" in sql for _, sql in sqlhints.relevant_syntax("a random sample of 10% of the orders"))
    assert any("COLUMNS(" in sql for _, sql in sqlhints.relevant_syntax("the columns whose names end with _id"))
    assert any("GROUP BY ALL" in sql for _, sql in sqlhints.relevant_syntax("mean salary grouped by the other columns"))
    assert any("GROUP BY status" in sql for _, sql in sqlhints.relevant_syntax("the top price for each color"))
    for not_a_group in ("for each column ending with id, its length", "a 5 per cent sample", "the price of each item"):
        assert not any("GROUP BY status" in sql for _, sql in sqlhints.relevant_syntax(not_a_group)), not_a_group
    assert len(sqlhints.relevant_syntax("sample the list of json structs with a regex pattern, excluding nulls")) \
        == sqlhints.MAX_SYNTAX


def test_every_syntax_example_is_valid_duckdb():
    """Each example parses in DuckDB (run where its tables can be made up, else only parsed)."""
    import duckdb

    entries = json.loads(load_prompt("sql_syntax.json"))
    assert len(entries) >= 20
    con = duckdb.connect()
    for e in entries:
        re.compile(e["when"])
        assert e["ask"] and e["sql"] and len(e["sql"]) < 160
        con.extract_statements(e["sql"])  # raises on a syntax error


def test_hints_text_is_bounded_and_shows_examples_as_sql_comments():
    text = sqlhints.hints_for("split each list of tags, then take the first element, as a random sample")
    assert text.startswith("DuckDB syntax that may help (examples on other tables):\n-- ")
    assert text.count("\n-- ") == sqlhints.MAX_SYNTAX
    assert "functions" not in text  # the catalog serves repairs, not the first prompt


def test_function_help_for_repairs():
    assert sqlhints.function_help("LEVENSHTEIN").startswith("levenshtein(s1, s2)")
    assert sqlhints.function_help("no_such_function") is None


def test_questions_about_the_database_itself_get_statements_the_guard_accepts(make_csv, open_ws):
    """SUMMARIZE, SHOW TABLES, EXPLAIN, the version and DESCRIBE: a hint must never teach refused SQL."""
    from dsagent.sql.guard import guard_sql

    ws = open_ws(make_csv("orders.csv", "id,amount\n1,2.5\n2,4\n"))
    asked = {
        "show summary statistics of the orders table": "SUMMARIZE",
        "which tables are in the database?": "SHOW TABLES",
        "show the query plan for SELECT * FROM orders": "EXPLAIN",
        "what version of duckdb is this": "pragma_version",
        "list all columns in the orders table": "DESCRIBE",
        "sample 10% of orders using reservoir sampling": "(bernoulli)",
    }
    for question, construct in asked.items():
        examples = [sql for _, sql in sqlhints.relevant_syntax(question)]
        chosen = next((sql for sql in examples if construct in sql), None)
        assert chosen, (question, examples)
        assert ws.query(guard_sql(chosen, ws).sql).columns, chosen
    for plain in ("Summarize income by region", "the amount column in the orders table",
                  "for each column ending with id in the orders table, its length"):
        assert not any(k in sql for _, sql in sqlhints.relevant_syntax(plain)
                       for k in ("SUMMARIZE", "DESCRIBE", "SHOW")), plain
