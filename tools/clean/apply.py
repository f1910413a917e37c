"""Cleaning plans as SQL: typed steps -> one trusted DuckDB query that builds a new table version.

Every step is one SELECT over the previous one (a chain of CTEs `s0 ... sN`), built only from typed
parameters with `quote_ident` / `quote_literal`. `s0` numbers the source rows, so that order is kept
and the diff can say which rows went and which values changed. The source table is never modified:
the result is a new derived table `<table>_v2`, `_v3` ...; `undo_clean` drops the latest version.
"""

from __future__ import annotations

from typing import Any

from dsagent.errors import UserError
from dsagent.data.naming import quote_ident, quote_literal

ROW = "__dsagent_row"
OPS = {"<", ">", "<=", ">=", "=", "<>"}
HOW = "clean"


def sql_literal(value: Any, value_type: str | None = None) -> str:
    """A typed value as a DuckDB literal (dates as DATE '...')."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if value_type == "date":
        return f"DATE {quote_literal(str(value))}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return quote_literal(str(value))


def norm_key(column: str) -> str:
    """The comparison key of a text value for near-duplicates: trimmed, lower case, no accents."""
    return f"lower(strip_accents(trim({quote_ident(column)})))"


def step_sql(step, prev: str) -> str:
    """The SELECT for one step over the relation `prev`."""
    p = step.params
    kind = step.step
    c = quote_ident(step.column) if step.column else None
    if kind == "drop_duplicates":
        text = set(p.get("text_columns", [])) if p.get("normalise") else set()
        keys = [norm_key(col) if col in text else quote_ident(col) for col in p["columns"]]
        return (f"SELECT * EXCLUDE (__dup) FROM (SELECT *, row_number() OVER (PARTITION BY {', '.join(keys)} "
                f"ORDER BY {ROW}) AS __dup FROM {prev}) WHERE __dup = 1")
    if kind == "trim":
        expr = f"regexp_replace(trim({c}), ' {{2,}}', ' ', 'g')" if p.get("collapse") else f"trim({c})"
        return f"SELECT * REPLACE ({expr} AS {c}) FROM {prev}"
    if kind == "normalise_case":
        fn = {"lower": "lower", "upper": "upper"}[p.get("case", "lower")]
        return f"SELECT * REPLACE ({fn}({c}) AS {c}) FROM {prev}"
    if kind == "map_values":
        whens = " ".join(f"WHEN {quote_literal(a)} THEN {sql_literal(b)}" for a, b in p["mapping"])
        return f"SELECT * REPLACE (CASE {c} {whens} ELSE {c} END AS {c}) FROM {prev}"
    if kind == "cast":
        to = {"DOUBLE": "DOUBLE", "BIGINT": "BIGINT"}[p["to"]]
        value = c
        if p.get("remove"):  # only values of the expected shape lose their signs; others become empty
            value = (f"CASE WHEN regexp_full_match(trim({c}), {quote_literal(p['pattern'])}) THEN "
                     f"regexp_replace({c}, {quote_literal(p['remove'])}, '', 'g') END")
        return f"SELECT * REPLACE (TRY_CAST({value} AS {to}) AS {c}) FROM {prev}"
    if kind == "parse_dates":
        parsed = ", ".join(f"try_strptime({c}, {quote_literal(f)})" for f in p["formats"])
        expr = f"coalesce({parsed})" if len(p["formats"]) > 1 else parsed
        return f"SELECT * REPLACE (CAST({expr} AS DATE) AS {c}) FROM {prev}"
    if kind == "fill_missing":
        return (f"SELECT * REPLACE (coalesce({c}, {sql_literal(p['value'], p.get('value_type'))}) AS {c}) "
                f"FROM {prev}")
    if kind == "drop_rows":
        if p["op"] not in OPS:
            raise ValueError(f"bad operator {p['op']!r}")
        lit = sql_literal(p["value"], p.get("value_type"))
        return f"SELECT * FROM {prev} WHERE {c} IS NULL OR NOT ({c} {p['op']} {lit})"
    if kind == "clip":
        to = {"DOUBLE": "DOUBLE", "BIGINT": "BIGINT"}[p.get("type", "DOUBLE")]
        lo, hi = f"CAST({sql_literal(p['lower'])} AS {to})", f"CAST({sql_literal(p['upper'])} AS {to})"
        return (f"SELECT * REPLACE (CASE WHEN {c} < {lo} THEN {lo} WHEN {c} > {hi} THEN {hi} ELSE {c} END "
                f"AS {c}) FROM {prev}")
    if kind == "drop_column":
        return f"SELECT * EXCLUDE ({c}) FROM {prev}"
    raise ValueError(f"unknown step {kind!r}")


def chain_sql(table: str, steps: list, keep_row: bool = False, pretty: bool = False, numbered: bool = False) -> str:
    """One query applying `steps` in order to `table`; rows keep their original order.

    `numbered`: `table` already carries the row numbers (a staging table of the planner).
    """
    sep = ",\n  " if pretty else ", "
    first = (f"SELECT * FROM {quote_ident(table)}" if numbered
             else f"SELECT *, row_number() OVER () AS {ROW} FROM {quote_ident(table)}")
    ctes = [f"s0 AS ({first})"]
    for i, step in enumerate(steps, start=1):
        ctes.append(f"s{i} AS ({step_sql(step, f's{i - 1}')})")
    last = f"s{len(steps)}"
    select = f"SELECT * FROM {last}" if keep_row else f"SELECT * EXCLUDE ({ROW}) FROM {last}"
    nl = "\n" if pretty else " "
    return f"WITH {sep.join(ctes)}{nl}{select} ORDER BY {ROW}"


# ---------------------------------------------------------------------------------- versions
def _versions(ws) -> dict[str, dict[str, Any]]:
    """Cleaned versions made in this workspace: name -> {parent, root, steps}."""
    return ws.__dict__.setdefault("_clean_versions", {})


def root_of(ws, table: str) -> str:
    """The source table a (possibly cleaned) table descends from."""
    seen = 0
    versions = _versions(ws)
    while table in versions and seen < 1000:
        table = versions[table]["parent"]
        seen += 1
    return table


def steps_from_root(ws, table: str) -> list:
    """All cleaning steps, in order, that turn the root source table into `table`."""
    versions = _versions(ws)
    chain: list = []
    while table in versions:
        chain = list(versions[table]["steps"]) + chain
        table = versions[table]["parent"]
    return chain


def next_version_name(ws, table: str) -> str:
    root = root_of(ws, table)
    depth, t = 1, table
    while t in _versions(ws):
        depth += 1
        t = _versions(ws)[t]["parent"]
    return f"{root}_v{depth + 1}"


def apply_plan(ws, result):
    """Apply a proposed CleanResult: build the new table version and its diff; returns the applied result."""
    if result.applied:
        return result
    source = result.source_table
    ws.require_table(source)
    if not result.plan:
        raise UserError(f"nothing to clean in '{source}': the plan is empty")
    stem = next_version_name(ws, source)
    query = chain_sql(source, result.plan)
    name = ws.create_derived(stem, query, parent=source, how=HOW)
    try:
        _versions(ws)[name] = {"parent": source, "root": root_of(ws, source), "steps": list(result.plan)}
        diff = diff_summary(ws, source, result.plan, name)
    except BaseException:  # all or nothing: no half-made version stays behind
        _versions(ws).pop(name, None)
        ws.drop_derived(name)
        raise
    return result.model_copy(update={"applied": True, "table": name, "diff": diff,
                                      "query": chain_sql(source, result.plan, pretty=True)})


def undo_clean(ws, table: str) -> str:
    """Drop the latest cleaned version in `table`'s family; returns the table now current."""
    versions = _versions(ws)
    latest = table
    # follow children down to the newest version
    for _ in range(1000):
        children = [n for n, v in versions.items() if v["parent"] == latest and n in ws.tables]
        if not children:
            break
        latest = children[-1]
    if latest not in versions:
        raise UserError(f"nothing to undo: '{table}' has no cleaned version")
    parent = versions[latest]["parent"]
    ws.drop_derived(latest)
    del versions[latest]
    return parent


# ---------------------------------------------------------------------------------- diff
def diff_summary(ws, source: str, steps: list, new_table: str, examples: int = 3) -> dict[str, Any]:
    """Rows removed and values changed per column between `source` and its cleaned version."""
    before_cols = dict(ws.columns(source))
    after_cols = dict(ws.columns(new_table))
    base = f"(SELECT *, row_number() OVER () AS {ROW} FROM {quote_ident(source)})"
    cleaned = f"({chain_sql(source, steps, keep_row=True)})"
    # counted with query(), which finishes its result (scalar() leaves it open: DuckDB 2 then refuses register())
    rows_before = ws.query(f"SELECT count(*) FROM {quote_ident(source)}", max_rows=1).rows[0][0]
    rows_after = ws.query(f"SELECT count(*) FROM {quote_ident(new_table)}", max_rows=1).rows[0][0]
    removed = ws.query(f"SELECT b.* EXCLUDE ({ROW}) FROM {base} b ANTI JOIN {cleaned} a USING ({ROW}) "
                       f"ORDER BY b.{ROW} LIMIT {examples}", max_rows=examples, count_total=False)
    columns: dict[str, Any] = {}
    kept = [c for c in before_cols if c in after_cols]
    if kept:
        changed_exprs = []
        for col in kept:
            q = quote_ident(col)
            old = f"b.{q}" if before_cols[col] == after_cols[col] else f"TRY_CAST(b.{q} AS {after_cols[col]})"
            changed_exprs.append(f"count(*) FILTER (WHERE {old} IS DISTINCT FROM a.{q})")
        counts = ws.query(f"SELECT {', '.join(changed_exprs)} FROM {base} b JOIN {cleaned} a USING ({ROW})",
                          max_rows=1).rows[0]
        for col, n in zip(kept, counts):
            entry: dict[str, Any] = {"changed": int(n)}
            if before_cols[col] != after_cols[col]:
                entry["type"] = f"{before_cols[col]} -> {after_cols[col]}"
            if n:
                q = quote_ident(col)
                old = f"b.{q}" if before_cols[col] == after_cols[col] else f"TRY_CAST(b.{q} AS {after_cols[col]})"
                ex = ws.query(f"SELECT DISTINCT b.{q}, a.{q} FROM {base} b JOIN {cleaned} a USING ({ROW}) "
                              f"WHERE {old} IS DISTINCT FROM a.{q} LIMIT {examples}", max_rows=examples,
                              count_total=False)
                entry["examples"] = [list(r) for r in ex.rows]
            if n or "type" in entry:
                columns[col] = entry
    return {"rows_before": rows_before, "rows_after": rows_after, "rows_removed": rows_before - rows_after,
            "removed_examples": {"columns": removed.columns, "rows": removed.rows},
            "columns": columns, "dropped_columns": [c for c in before_cols if c not in after_cols]}
