"""What a refused statement's message suggests: close names, the columns there are, and joins.

The guard (agent/sql/guard.py) decides; this module words the repair. A small model copies a query far
more reliably than it follows a description, so where it can the message holds the query itself,
rewritten (a SELECT over one table that names another table's column comes back with the join).
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from typing import Any

from sqlglot import exp

from dsagent.sql.joins import Join, joined, key_like, path
from dsagent.words.text import fold_accents, name_words, variants
from dsagent.sql.duckdb_parse import ident_key as _key

READ = "duckdb"


def unknown_column(name: str, column: exp.Column, table_columns: dict[str, list[str]], ws: Any,
                    question: str = "") -> str:
    candidates = [c for cols in table_columns.values() for c in cols]
    prefixed = [f"{t}.{c}" for t, cols in table_columns.items() if (c := table_prefixed(name, t, cols))]
    hint = f"; did you mean {' or '.join(prefixed)}?" if prefixed else did_you_mean(name, candidates)
    where = [t for t in ws.tables if t not in table_columns
             and _key(name) in {_key(c) for c, _ in ws.columns(t)}]
    asked = set(re.findall(r"[a-z0-9]+", question.lower()))
    named = [t for t in where if asked & {_key(t), _key(t).removesuffix("s")}]
    where = named + [t for t in where if t not in named]
    if where:  # the joins offered: to the tables the request names, if it names any
        hint = (f"; it is a column of {', '.join(where)}, which the query does not read."
                f"{_join_hint(named or where, table_columns, ws, column.root())}")
    if re.fullmatch(r"(column|col|field)s?_?(name|names)?", _key(name)):
        # a filter on column names, as if the table listed its own columns as rows
        example = _by_column_names(column) or "SELECT COLUMNS('_id$') FROM t"
        hint += f" To choose columns by their names, use COLUMNS('regex'), e.g. {example};"
    quoted = column.this.args.get("quoted") if isinstance(column.this, exp.Identifier) else False
    if quoted:
        hint += " (Text values take single quotes: 'like this'; double quotes name columns.)"
    if not table_columns:
        return f"Unknown column '{name}': the query reads no table{hint or '.'} Tables: {', '.join(ws.tables)}."
    listing = " ".join(columns_of(t, table_columns) for t in table_columns)
    return f"Unknown column '{name}'{hint} {listing}"


def _join_hint(wanted: list[str], table_columns: dict[str, list[str]], ws: Any,
               statement: exp.Expression | None = None) -> str:
    """How to join each table that has the column to one the query reads: on a column both share,
    or else through the tables between them (agent/sql/joins.py); for a SELECT over one table, the
    query itself with the joins (a small model copies a query far more reliably than it follows a
    description)."""
    joins, rewritten = [], []
    for table in wanted[:3]:
        chain = _direct_join(table, table_columns, ws) or _join_path(table, table_columns, ws)
        if not chain:
            continue
        joins.append(" ".join(j.sql() for j in chain))
        query = _with_joins(statement, chain, ws)
        if query and len(rewritten) < 2:
            rewritten.append(query)
    if not joins:
        return ""
    if rewritten:
        return f" Join the table that has it on a column both have, e.g. {' or: '.join(q + ';' for q in rewritten)}"
    return f" Join the table that has it on a column both have: {' or '.join(joins)}."


def _direct_join(table: str, table_columns: dict[str, list[str]], ws: Any) -> list[Join]:
    """A join of `table` to a table the query reads on a column both have (a key-like one first)."""
    theirs = {_key(c): c for c, _ in ws.columns(table)}
    for read, cols in table_columns.items():
        shared = [c for c in cols if _key(c) in theirs]
        keys = [c for c in shared if key_like(c)] or shared
        if keys:
            return [Join(table, theirs[_key(keys[0])], read, keys[0])]
    return []


def _join_path(table: str, table_columns: dict[str, list[str]], ws: Any) -> list[Join]:
    """The joins from a table the query reads to `table` through the tables between them."""
    columns = {t: [c for c, _ in ws.columns(t)] for t in ws.tables}
    return path(columns, [t for t in table_columns if t in columns], table) or []


def _by_column_names(column: exp.Column) -> str | None:
    """`SELECT * FROM t WHERE column_name LIKE '%name'` as `SELECT COLUMNS('name$') FROM t`: the
    query itself, when its only filter is that one comparison of column names with text."""
    statement = column.root()
    where = statement.args.get("where") if isinstance(statement, exp.Select) else None
    condition = where.this if where else None
    if not isinstance(condition, (exp.Like, exp.ILike, exp.EQ, exp.In)) or condition.this is not column:
        return None
    values = condition.expressions if isinstance(condition, exp.In) else [condition.expression]
    if not values or not all(isinstance(v, exp.Literal) and v.is_string for v in values):
        return None
    if isinstance(condition, (exp.Like, exp.ILike)):
        pattern = values[0].this
        regex = re.escape(pattern.strip("%")).replace("%", ".*").replace("_", ".")
        regex = ("" if pattern.startswith("%") else "^") + regex + ("" if pattern.endswith("%") else "$")
    else:
        regex = "^(" + "|".join(re.escape(v.this) for v in values) + ")$"
    rewritten = statement.copy()
    rewritten.set("where", None)
    rewritten.set("expressions", [exp.Anonymous(this="COLUMNS", expressions=[exp.Literal.string(regex)])])
    return rewritten.sql(dialect=READ)


def _with_joins(statement: exp.Expression | None, chain: list[Join], ws: Any) -> str | None:
    """`statement` with the joins of `chain` and its bare columns qualified (by the table read, else
    the last joined table that has them); only for one SELECT over the one table the chain starts
    from (no joins, subqueries or CTEs), else None."""
    if not isinstance(statement, exp.Select) or statement.args.get("joins") or statement.args.get("with"):
        return None
    tables = list(statement.find_all(exp.Table))
    if len(tables) != 1 or _key(tables[0].name) != _key(chain[0].other) or statement.find(exp.Subquery):
        return None
    ref = tables[0].alias_or_name
    owners = [(ref, {_key(c) for c, _ in ws.columns(chain[0].other)})]
    owners += [(j.table, {_key(c) for c, _ in ws.columns(j.table)}) for j in reversed(chain)]
    out = statement.copy()
    for col in out.find_all(exp.Column):
        owner = next((t for t, cols in owners if _key(col.name) in cols), None) if not col.table else None
        if owner:
            col.set("table", exp.to_identifier(owner))
    return joined(out, ref, chain).sql(dialect=READ)


def columns_of(table: str, table_columns: dict[str, list[str]], limit: int = 40) -> str:
    cols = table_columns[table]
    shown = ", ".join(cols[:limit]) + (f", ... ({len(cols)} in all)" if len(cols) > limit else "")
    return f"Columns of {table}: {shown}."


def did_you_mean_in(name: str, table: str, columns: list[str], ws: Any = None) -> str:
    """did_you_mean for a column of one table: `<table>_<column>` read as the column first, then a
    column of other tables that this one reaches by joins, then the closest spelling."""
    prefixed = table_prefixed(name, table, columns)
    if prefixed:
        return f"; did you mean {prefixed}?"
    where = elsewhere(name, [table], ws) if ws is not None else ""
    return f"; {table} has no {name}: {where}" if where else did_you_mean(name, columns)


def not_in_scope(sql: str, name: str, ws: Any) -> str:
    """For DuckDB's "Referenced column not found": the SELECT whose tables lack the column (often a
    subquery, which the guard's whole-query check lets by) and how its tables reach the column."""
    import sqlglot

    try:
        tree = sqlglot.parse_one(sql, read=READ)
    except sqlglot.errors.SqlglotError:
        return ""
    by_key = {_key(t): t for t in ws.tables}
    for column in tree.find_all(exp.Column):
        scope = column.find_ancestor(exp.Select)
        if column.table or _key(column.name) != _key(name) or scope is None:
            continue
        tables = [by_key[_key(t.name)] for t in scope.find_all(exp.Table)
                  if t.find_ancestor(exp.Select) is scope and _key(t.name) in by_key]
        if tables and all(_key(name) not in {_key(c) for c, _ in ws.columns(t)} for t in tables):
            where = elsewhere(name, tables, ws)
            return f"The SELECT FROM {', '.join(tables)} has no {name}: {where}" if where else ""
    return ""


def elsewhere(name: str, scope: list[str], ws: Any) -> str:
    """Where a column the tables of `scope` lack is, and the joins from them to the nearest table that
    has it ('it is a column of copies, members. JOIN copies ON copies.copy_id = loans.copy_id reaches
    copies.branch_id.'); '' when no other table has it."""
    columns = {t: [c for c, _ in ws.columns(t)] for t in ws.tables}
    owners = [t for t in columns if t not in scope and _key(name) in {_key(c) for c in columns[t]}]
    if not owners:
        return ""
    chains = [(chain, t) for t in owners if (chain := path(columns, [s for s in scope if s in columns], t))]
    text = f"it is a column of {', '.join(owners[:5])}{' ...' if len(owners) > 5 else ''}."
    if chains:
        chain, owner = min(chains, key=lambda c: len(c[0]))
        text += f" {' '.join(j.sql() for j in chain)} reaches {owner}.{name}."
    return text


def table_prefixed(name: str, table: str, columns: list[str]) -> str | None:
    """The column `name` means when it is the table's (singular) name and a column's: 'branch_name'
    in a table `branches` with a column `name`. A model writes the name a join would show."""
    words, table_words = name_words(name), name_words(table)
    if len(words) < 2 or not table_words:
        return None
    by_words = {" ".join(name_words(c)): c for c in columns}
    for size in range(len(table_words), 0, -1):
        head, rest = words[:size], words[size:]
        if rest and head[:-1] == table_words[len(table_words) - size:-1] \
                and variants(table_words[-1]) & variants(head[-1]) and " ".join(rest) in by_words:
            return by_words[" ".join(rest)]
    return None


def did_you_mean(name: str, candidates: list[str]) -> str:
    folded = {fold_accents(c).lower(): c for c in candidates}
    close = get_close_matches(fold_accents(name).lower(), list(folded), n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(folded[c] for c in close)}?" if close else "."
