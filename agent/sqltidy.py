"""Slips small models make in SQL that have exactly one meaning, undone before the guard reads the query.

Each rewrite keeps the query's meaning and only touches text outside string literals and quoted names;
the SQL the person is shown is the one that ran.
"""

from __future__ import annotations


def tidy_model_sql(sql: str) -> str:
    """`sql` without Python raw-string prefixes (r'\\d+' is '\\d+' in DuckDB, whose '...' has no escapes)."""
    out: list[str] = []
    quote = ""
    for i, ch in enumerate(sql):
        if quote:
            out.append(ch)
            if ch == quote:
                quote = ""  # a doubled quote ('') closes and reopens: same result
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "rR" and sql[i + 1: i + 2] == "'" and not (i and (sql[i - 1].isalnum() or sql[i - 1] in "_$")):
            continue  # a lone r before a quote: Python's raw-string prefix
        out.append(ch)
    return "".join(out)
