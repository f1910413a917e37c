"""Checks after a query ran: is what came back an answer? (issue 16, "checks after running")

An empty result, or one whose every value is NULL (`avg(x)` over no row), is not an answer a person
can use without knowing why; a count of 0 is an answer, but it gets the same why. This module finds the why from the query's own filters: each condition
of the WHERE clause is counted alone on its table, so the one that matched nothing is named; on a
date or year column the data's range is given ("the data covers 2012–2015"). The offline planner,
a model and typed SQL all end in `Session._finish`, which runs this on every table result; the
wording is `agent/narrative.py` `check_text` (English and Spanish, prompts/after_result.json).

Bounded: at most MAX_CONDITIONS conditions, each one count and one min/max query on the workspace.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

MAX_CONDITIONS = 4  # conditions probed per query
MAX_VALUES = 5  # common values named for a text filter that matched nothing


@dataclass(frozen=True)
class FilterMiss:
    """One condition of the query that matches no row of its table (alone)."""

    condition: str  # as written in the query, DuckDB dialect: "year = 2020"
    column: str
    kind: str  # "date" | "year" | "number" | "text" | "other": what the column holds
    outside: bool = False  # the asked value lies beyond the column's range (not in a gap inside it)
    low: Any = None  # the column's range in the data (years for a year filter on a date column)
    high: Any = None
    values: tuple[str, ...] = ()  # most common values of a text column (never for personal data)


@dataclass(frozen=True)
class ResultCheck:
    """Why a result is empty or all NULL: the conditions that matched nothing, or that together did."""

    kind: str  # "empty" | "all_null" | "zero" (a count of 0)
    misses: tuple[FilterMiss, ...] = ()
    together: bool = False  # every condition matches rows alone, none matches all of them
    span: FilterMiss | None = None  # with `together`: the date or year column filtered on, with its range
    null_columns: tuple[str, ...] = ()  # with "all_null": the result's columns that hold only NULL
    conditions: tuple[str, ...] = ()  # with `together`: the conditions probed

    def to_json(self) -> dict[str, Any]:
        """The check as plain JSON (`ask --json` error.check): dates and years as text, as shown."""
        import dataclasses
        import json

        return json.loads(json.dumps(dataclasses.asdict(self), default=str))


def is_all_null(result: Any) -> list[str]:
    """The columns of a non-empty table result whose every value is NULL, when no column holds a value
    but its grouping keys (an answer of NULLs: `SELECT avg(x) ... WHERE` nothing). [] otherwise."""
    rows = getattr(result, "rows", None) or []
    columns = [str(c) for c in getattr(result, "columns", None) or []]
    if not rows or not columns or getattr(result, "truncated", False):
        return []
    empty = [c for i, c in enumerate(columns) if all(i >= len(r) or r[i] is None for r in rows)]
    if len(empty) == len(columns):
        return empty
    measures = _measure_columns(getattr(result, "query", None), columns)
    if measures and set(measures) <= set(empty):
        return [c for c in columns if c in measures]
    return []


def is_zero_count(result: Any) -> bool:
    """One row of counts that are all 0 from a filtered query with no grouping ('how many flights had a
    delay of more than 100' -> 0): as much a filter that matched nothing as an empty result."""
    rows = getattr(result, "rows", None) or []
    sql = getattr(result, "query", None)
    if len(rows) != 1 or not sql or any(v != 0 or isinstance(v, bool) for v in rows[0]):
        return False
    from sqlglot import exp

    from dsagent.ethics.groupsize import _parse

    select = _parse(sql)
    if select is None or select.args.get("where") is None or select.args.get("group"):
        return False
    return all(isinstance(p.unalias(), exp.Count) for p in select.expressions)


def check_result(ws: Any, result: Any) -> ResultCheck | None:
    """A ResultCheck when a table result is empty or all NULL, else None."""
    if getattr(result, "kind", "") != "table":
        return None
    if getattr(result, "row_count", 1) == 0:
        kind, nulls = "empty", []
    elif is_zero_count(result):
        kind, nulls = "zero", []
    else:
        nulls = is_all_null(result)
        if not nulls:
            return None
        kind = "all_null"
    sql = getattr(result, "query", None)
    tables = [str(t) for t in getattr(result, "tables", None) or []]
    misses, probed = _diagnose(ws, sql, tables) if ws is not None and sql and tables else ([], [])
    simple = _one_table_filter(sql, tables)
    if kind == "all_null" and probed and (not simple or _where_matches(ws, sql, tables[0])):
        misses, probed = [], []  # the filtered rows exist: their values are NULL in the data itself
    together = simple and not misses and len(probed) >= 2
    if kind in ("empty", "zero") and not misses and not together:
        return None  # nothing to add to "no rows" (a LIMIT 0, an empty table) or to a count of 0
    span = next((m for m in probed if m.kind in ("date", "year")), None) if together else None
    return ResultCheck(kind=kind, misses=tuple(misses), together=together, span=span, null_columns=tuple(nulls),
                       conditions=tuple(m.condition for m in probed) if together else ())


# ------------------------------------------------------------------ reading the query
def _measure_columns(sql: str | None, columns: list[str]) -> list[str]:
    """Output columns computed by an aggregate ('avg(x) AS m'), read from the query."""
    from dsagent.ethics.groupsize import _parse

    select = _parse(sql) if sql else None
    if select is None:
        return []
    from sqlglot import exp

    names = {p.alias_or_name.lower() for p in select.expressions if p.find(exp.AggFunc) is not None}
    return [c for c in columns if c.lower() in names]


def _one_table_filter(sql: str | None, tables: list[str]) -> bool:
    """One table, rows kept by WHERE only (no join, HAVING or QUALIFY that could empty it otherwise)."""
    from dsagent.ethics.groupsize import _parse

    select = _parse(sql) if sql else None
    return (select is not None and len(tables) == 1 and select.args.get("where") is not None
            and not any(select.args.get(k) for k in ("joins", "having", "qualify")))


def _where_matches(ws: Any, sql: str, table: str) -> bool:
    """Does the query's whole WHERE keep any row of its table? (True when it cannot be told)."""
    from dsagent.data.naming import quote_ident
    from dsagent.ethics.groupsize import _parse

    from sqlglot import exp

    where = _parse(sql).args["where"].this.copy()
    for col in where.find_all(exp.Column):
        col.set("table", None)
    try:
        return bool(ws.scalar(f"SELECT count(*) FROM {quote_ident(table)} WHERE {where.sql(dialect='duckdb')}"))
    except Exception:  # noqa: BLE001 - a probe that fails says nothing
        return True


def _conditions(sql: str) -> list[Any]:
    """The AND-ed conditions of the outer query's WHERE, those that read one plain column."""
    from sqlglot import exp

    from dsagent.ethics.groupsize import _parse

    select = _parse(sql)
    where = select.args.get("where") if select is not None else None
    if where is None:
        return []
    out = []
    for cond in where.this.flatten() if isinstance(where.this, exp.And) else [where.this]:
        if cond.find(exp.Select, exp.Subquery) is not None:
            continue
        columns = {c.name.lower() for c in cond.find_all(exp.Column)}
        if len(columns) == 1:
            out.append(cond)
    return out[:MAX_CONDITIONS]


def _year_of(cond: Any) -> bool:
    """Does the condition compare the year of a date ('year(d) = 2020', EXTRACT(YEAR FROM d), strftime)?"""
    from sqlglot import exp

    if cond.find(exp.Year) is not None:
        return True
    for node in cond.find_all(exp.Extract, exp.TimeToStr, exp.Anonymous, exp.Func):
        text = node.sql(dialect="duckdb").lower()
        if "year" in text or "'%y'" in text:
            return True
    return False


def _literals(cond: Any) -> list[Any]:
    from sqlglot import exp

    out = []
    for lit in cond.find_all(exp.Literal):
        out.append(lit.this if lit.is_string else _number(lit.this))
    return out


def _number(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


# ------------------------------------------------------------------ probing the data
def _diagnose(ws: Any, sql: str, tables: list[str]) -> tuple[list[FilterMiss], list[FilterMiss]]:
    """(conditions that match no row alone, every condition probed)."""
    from sqlglot import exp

    from dsagent.data.naming import quote_ident

    owners = _owners(ws, tables)
    conds = _conditions(sql)
    misses: list[FilterMiss] = []
    probed: list[FilterMiss] = []
    for cond in conds:
        column = next(cond.find_all(exp.Column))
        owner = owners.get(column.name.lower())
        if owner is None:
            continue
        table, name, typ = owner
        plain = cond.copy()
        for col in plain.find_all(exp.Column):
            col.set("table", None)
            col.set("db", None)
        try:
            matched = ws.scalar(f"SELECT count(*) FROM {quote_ident(table)} WHERE {plain.sql(dialect='duckdb')}")
            miss = _describe(ws, table, name, typ, cond)
        except Exception:  # noqa: BLE001 - a probe that fails says nothing; the others still help
            continue
        probed.append(miss)
        if not matched:
            misses.append(miss)
    return misses, probed


def _owners(ws: Any, tables: list[str]) -> dict[str, tuple[str, str, str]]:
    """column (lower case) -> (table, column, type), when only one of the query's tables has it."""
    found: dict[str, tuple[str, str, str] | None] = {}
    for table in tables:
        for name, typ in ws.columns(table):
            key = str(name).lower()
            found[key] = (table, str(name), str(typ).upper()) if key not in found else None
    return {k: v for k, v in found.items() if v is not None}


def _describe(ws: Any, table: str, name: str, typ: str, cond: Any) -> FilterMiss:
    """The condition with what its column holds: its range (dates, years, numbers) or common values."""
    from dsagent.data.naming import quote_ident
    from dsagent.words.names import is_year_name, personal_data

    text = cond.sql(dialect="duckdb")
    col, tab = quote_ident(name), quote_ident(table)
    dated = typ.startswith(("DATE", "TIMESTAMP"))
    numeric = any(typ.startswith(t) for t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT",
                                              "USMALLINT", "UINTEGER", "UBIGINT", "DOUBLE", "FLOAT", "DECIMAL",
                                              "REAL"))
    if dated or numeric:
        row = ws.query(f"SELECT min({col}), max({col}) FROM {tab}", max_rows=1, count_total=False).rows[0]
        low, high = row[0], row[1]
        if dated and _year_of(cond):
            kind, low, high = "year", _comparable(low, "year"), _comparable(high, "year")  # rows hold ISO text
        elif dated:
            kind = "date"
        elif is_year_name(name) and isinstance(low, int):
            kind = "year"
        else:
            kind = "number"
        return FilterMiss(text, name, kind, _outside(cond, low, high, kind), low, high)
    values: tuple[str, ...] = ()
    if typ.startswith("VARCHAR") and personal_data(name) is None:
        rows = ws.query(f"SELECT {col} FROM {tab} WHERE {col} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 "
                        f"LIMIT {MAX_VALUES}", count_total=False).rows
        values = tuple(str(r[0])[:40] for r in rows)
    return FilterMiss(text, name, "text" if typ.startswith("VARCHAR") else "other", values=values)


def _outside(cond: Any, low: Any, high: Any, kind: str) -> bool:
    """Every value the condition asks for lies below the column's minimum or above its maximum."""
    from sqlglot import exp

    asked = [_comparable(v, kind) for v in _literals(cond)]
    lo, hi = _comparable(low, kind), _comparable(high, kind)
    if not asked or lo is None or hi is None or any(a is None or type(a) is not type(lo) for a in asked):
        return False
    if isinstance(cond, (exp.GT, exp.GTE)):
        return asked[0] > hi
    if isinstance(cond, (exp.LT, exp.LTE)):
        return asked[0] < lo
    if isinstance(cond, exp.Between) and len(asked) == 2:
        return asked[1] < lo or asked[0] > hi
    if isinstance(cond, (exp.EQ, exp.In)):
        return all(a < lo or a > hi for a in asked)
    return False


def _comparable(value: Any, kind: str) -> Any:
    """A year as an int, a date as a date, a number as a float; None when it cannot be read so."""
    if value is None or isinstance(value, bool):
        return None
    if kind == "year":
        value = value.year if isinstance(value, (datetime.date, datetime.datetime)) else value
        try:
            return int(str(value)[:4]) if isinstance(value, str) else int(value)
        except ValueError:
            return None
    if kind == "date":
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    return float(value) if isinstance(value, (int, float)) else None

