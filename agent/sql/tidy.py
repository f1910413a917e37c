"""Slips small models make in SQL that have exactly one meaning, undone before the guard reads the query.

Each rewrite keeps the query's meaning and only touches text outside string literals and quoted names;
the SQL the person is shown is the one that ran.
"""

from __future__ import annotations

import re

# `AS price (USD)`: an alias with a parenthesised part, meant as one name ("price (USD)")
_SPACED_ALIAS = re.compile(r"\bAS\s+([A-Za-z_]\w*)\s*\(([^()'\"]*)\)(?=\s*(?:,|\bFROM\b))", re.I)


def tidy_model_sql(sql: str) -> str:
    """`sql` with the slips undone: raw-string prefixes, then unquoted aliases that break the parse."""
    return _quote_spaced_aliases(_without_raw_prefixes(sql))


def _quote_spaced_aliases(sql: str) -> str:
    """`AS price (USD)` -> `AS "price (USD)"`, only when the query does not parse as written and does after."""
    if not _SPACED_ALIAS.search(sql) or _parses(sql):
        return sql
    fixed = _SPACED_ALIAS.sub(lambda m: f'AS "{m.group(1)} ({m.group(2).strip()})"', sql)
    return fixed if _parses(fixed) else sql


def _parses(sql: str) -> bool:
    import sqlglot

    try:
        sqlglot.parse_one(sql, read="duckdb")
    except Exception:  # noqa: BLE001 - any parse failure means "does not parse"
        return False
    return True


def _without_raw_prefixes(sql: str) -> str:
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
