"""Why a query returned no rows: the text filters whose value the data does not hold.

A model that filters on a value it imagined ('cash', 'PC', 'europe') gets an empty result and, told
only "no rows", usually sends the same query again. Checking each `column = 'text'` (and IN, LIKE,
ILIKE) condition against the data says exactly which value is absent and which values exist, so the
next attempt can use the data's own spelling. Every probe is a bounded query on the workspace.
"""

from __future__ import annotations

from typing import Any

MAX_CONDITIONS = 4  # filters probed per query
MAX_VALUES = 8  # existing values shown per absent one


def filters_rows(sql: str | None) -> bool:
    """Does the query keep only some rows (WHERE, HAVING, QUALIFY, a join)? Only then can checking its
    filters explain no rows: a sample of a small table (USING SAMPLE 1%) may well be empty."""
    import sqlglot
    from sqlglot import exp

    try:
        tree = sqlglot.parse_one(sql or "", read="duckdb")
    except sqlglot.errors.SqlglotError:
        return True
    return tree is None or tree.find(exp.Where, exp.Having, exp.Qualify, exp.Join) is not None


def explain_empty(ws: Any, sql: str, tables: list[str]) -> str:
    """Sentences naming each text filter of `sql` that matches no row of its table ('' if none)."""
    import sqlglot
    from sqlglot import exp

    from dsagent.data.naming import quote_ident, quote_literal
    from dsagent.ethics.privacy import clip

    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except Exception:  # noqa: BLE001 - the diagnosis is optional; DuckDB already ran the query
        return ""
    owners = _column_owners(ws, tables)
    notes: list[str] = []
    for column, values, op in _text_filters(tree, exp)[:MAX_CONDITIONS]:
        table = owners.get(column.lower())
        if table is None:
            continue
        name = owners[f"{column.lower()}#name"]
        col, tab = quote_ident(name), quote_ident(table)
        test = " OR ".join(f"{col} {op} {quote_literal(v)}" for v in values)
        try:
            if ws.scalar(f"SELECT count(*) FROM {tab} WHERE {test}"):
                continue
            rows = ws.query(f"SELECT {col} FROM {tab} WHERE {col} IS NOT NULL GROUP BY 1 "
                            f"ORDER BY count(*) DESC LIMIT {MAX_VALUES + 1}", count_total=False).rows
        except Exception:  # noqa: BLE001 - a probe that fails says nothing; the others still help
            continue
        shown = ", ".join(repr(clip(str(r[0]), 40, "")) for r in rows[:MAX_VALUES]) + (", ..." if len(rows) > MAX_VALUES else "")
        asked = " or ".join(repr(v) for v in values)
        notes.append(f"No row of {table} has {name} {op} {asked}; its most common values: {shown}.")
    return " ".join(notes)


def _column_owners(ws: Any, tables: list[str]) -> dict[str, str]:
    """column (lower case) -> the table the query reads it from, when only one of them has it."""
    owners: dict[str, str] = {}
    for table in tables:
        for name, typ in ws.columns(table):
            key = name.lower()
            if not str(typ).upper().startswith("VARCHAR"):
                continue
            owners[key] = table if key not in owners else "\0"  # two tables: ambiguous, not probed
            owners[f"{key}#name"] = name
    return {k: v for k, v in owners.items() if v != "\0"}


def _text_filters(tree: Any, exp: Any) -> list[tuple[str, list[str], str]]:
    """(column, values, operator) of each `col = 'x'`, `col IN ('x', 'y')`, `col [I]LIKE 'x'` in the query.

    Conditions under NOT are left out: a value absent there cannot empty the result.
    """
    found: list[tuple[str, list[str], str]] = []
    for node in tree.find_all(exp.EQ, exp.In, exp.Like, exp.ILike):
        if node.find_ancestor(exp.Not) is not None:
            continue
        column = node.this if isinstance(node.this, exp.Column) else None
        if isinstance(node, exp.In):
            values = [e for e in node.expressions if isinstance(e, exp.Literal) and e.is_string]
            if column is None or not values or len(values) != len(node.expressions):
                continue
            found.append((column.name, [v.this for v in values], "="))
            continue
        other = node.expression
        if column is None and isinstance(other, exp.Column):  # 'x' = col
            column, other = other, node.this
        if column is None or not (isinstance(other, exp.Literal) and other.is_string):
            continue
        found.append((column.name, [other.this], {exp.Like: "LIKE", exp.ILike: "ILIKE"}.get(type(node), "=")))
    return found
