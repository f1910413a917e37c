"""Cleaning plans as SQL: typed steps -> one trusted DuckDB query that builds a new table version.

Every step is one SELECT over the previous one (a chain of CTEs `s0 ... sN`), built only from typed
parameters with `quote_ident` / `quote_literal`. `s0` numbers the source rows, so that order is kept
and the diff can say which rows went and which values changed. The source table is never modified:
the result is a new derived table that takes the table's name (the table it replaces is renamed
`<table>_v1`, then `_v2` ...); `undo_clean` drops it and gives the name back.
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
    if kind == "set_missing":
        codes = ", ".join(sql_literal(v) for v in p["values"])
        return f"SELECT * REPLACE (CASE WHEN {c} IN ({codes}) THEN NULL ELSE {c} END AS {c}) FROM {prev}"
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
# A cleaned version becomes the current table under the base name of its family ("weather"), so
# that the next question, the planner and /export read it; the version it replaces keeps a name of
# its own, <base>_v<N> (the source is weather_v1). The lineage lives in the workspace's TableInfo
# (parent, family, version, steps), so renames carry it along.

def is_version(ws, table: str) -> bool:
    """True for a table made by applying a cleaning plan."""
    info = ws.tables.get(table)
    return info is not None and bool(info.steps)


def family_of(ws, table: str) -> str:
    """The base name `table`'s versions share (the table's own name when it was never cleaned)."""
    info = ws.require_table(table)
    return info.family or table


def version_name(ws, table: str) -> str:
    """The name `table` has when it is not the current version: <base>_v<N>."""
    info = ws.require_table(table)
    if info.family is None or info.version is None:
        return table
    return f"{info.family}_v{info.version}"


def root_of(ws, table: str) -> str:
    """The table a (possibly cleaned) table descends from through its cleaning steps."""
    for _ in range(1000):
        if not is_version(ws, table):
            return table
        table = ws.tables[table].parent
    return table


def steps_from_root(ws, table: str) -> list:
    """All cleaning steps, in order, that turn the root source table into `table`."""
    chain: list = []
    for _ in range(1000):
        if not is_version(ws, table):
            break
        info = ws.tables[table]
        chain = list(info.steps) + chain
        table = info.parent
    return chain


def _free_name(ws, wanted: str) -> str:
    from dsagent.data.naming import table_name_for

    return wanted if wanted not in ws.tables else table_name_for(wanted, set(ws.tables))


def apply_plan(ws, result):
    """Apply a proposed CleanResult: the new version becomes the current table under the base name.

    Returns the applied result: `table` is the base name (what to query now), `version` the new
    version's own name, `source_table` the name the cleaned table goes by now (e.g. weather_v1).
    """
    if result.applied:
        return result
    source = result.source_table
    info = ws.require_table(source)
    if not result.plan:
        raise UserError(f"nothing to clean in '{source}': the plan is empty")
    family = info.family or source
    number = 1 + max([t.version or 1 for t in ws.tables.values() if t.family == family] + [1])
    query = chain_sql(source, result.plan)
    name = ws.create_derived(f"{family}_v{number}", query, parent=source, how=HOW)
    new = ws.tables[name]
    new.family, new.version, new.steps = family, number, tuple(result.plan)
    renamed: list[tuple[str, str]] = []
    holder = ws.tables.get(family)
    was = (holder.family, holder.version) if holder is not None else None
    try:
        diff = diff_summary(ws, source, result.plan, name)
        pretty = chain_sql(source, result.plan, pretty=True)
        if holder is not None:  # the current version (or the never-cleaned source) steps aside
            holder.family = family
            holder.version = holder.version or 1
            aside = _free_name(ws, f"{family}_v{holder.version}")
            ws.rename_table(family, aside)
            renamed.append((aside, family))
        version = name
        ws.rename_table(name, family)
        renamed.append((family, name))
    except BaseException:  # all or nothing: no half-made version stays behind, names as they were
        for now, before in reversed(renamed):
            ws.rename_table(now, before)
        ws.drop_derived(name)
        if holder is not None:
            holder.family, holder.version = was
        raise
    return result.model_copy(update={"applied": True, "table": family, "version": version,
                                      "source_table": ws.tables[family].parent, "diff": diff, "query": pretty})


def undo_clean(ws, table: str) -> str:
    """Drop the current cleaned version of `table`'s family; the version it was made from takes the
    base name back. Returns the base name (now the earlier version)."""
    family = family_of(ws, table)
    current = ws.tables.get(family)
    if current is None or not current.steps:
        raise UserError(f"nothing to undo: '{table}' has no cleaned version")
    parent = current.parent
    ws.drop_derived(family)
    if parent in ws.tables:
        ws.rename_table(parent, family)
    return family


def version_label(ws, table: str) -> str:
    """'weather (version 2)' for a table of a family, else the name alone."""
    info = ws.tables.get(table)
    if info is None or info.family is None or info.version is None:
        return table
    what = "the source" if not info.steps else f"version {info.version}"
    return f"{table} ({what})"


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
