"""The SQL tool: run one guarded, read-only query and return its rows."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from dsagent.tools.base import Result, ToolContext, capped, tool


class SqlArgs(BaseModel):
    """Arguments of `run_sql`."""

    sql: str = Field(description="One read-only DuckDB SELECT (or WITH ... SELECT) over the workspace's tables.")


class TableResult(Result):
    """Rows of a query, capped for display, with the total row count."""

    kind: ClassVar[str] = "table"
    columns: list[str]
    types: list[str] = []
    rows: list[list[Any]]
    row_count: int
    truncated: bool
    query: str | None = None  # the SQL that produced the rows (guarded, DuckDB dialect)
    seconds: float = 0.0
    tables: list[str] = []  # the workspace tables the query read
    group_sizes: list[int] | None = None  # rows behind each row of a grouped result (for the reviewer's D1)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "columns": self.columns, "rows": self.rows,
                "row_count": self.row_count, "truncated": self.truncated}

    @property
    def sql(self) -> str | None:
        return self.query

    def summary(self) -> str:
        """Columns, the total, and the first rows: what the planner and the narrative see."""
        if not self.rows:
            return (f"The query returned no rows (columns: {', '.join(self.columns)}). "
                    "Check the filter values against the data.")
        head = {"columns": self.columns, "types": self.types, "row_count": self.row_count,
                "truncated": self.truncated, "rows": self.rows[:20]}
        import json

        return capped(json.dumps(head, default=str))


@tool(SqlArgs)
def run_sql(ws, args: SqlArgs, ctx: ToolContext) -> TableResult:
    """Run one read-only SQL query over the loaded tables and return the rows."""
    import duckdb

    from dsagent.sql.guard import guard_sql

    guarded = guard_sql(args.sql, ws, ctx.question)
    settings = ctx.settings or {}
    max_rows = int(settings.get("max_rows") or ws.max_rows)
    timeout = float(settings.get("timeout") or ws.timeout_s)
    from dsagent.ethics import groupsize

    remembered = groupsize.remembered_sizes(ws, guarded.sql)
    counted = None if remembered is not None else _counted(guarded.sql, ws)
    if counted is not None:  # the same rows plus the rows behind each, in one scan (the reviewer's D1)
        from dsagent.errors import EngineQueryError

        try:
            out = ws.query(counted, max_rows=max_rows, timeout_s=timeout)
        except (duckdb.Error, EngineQueryError):
            out = None  # a form the counting rewrite (or a server) does not suit: run the query as written
        if out is not None:
            sizes = [int(row.pop()) for row in out.rows]
            columns = out.columns[:-1]
            groupsize.remember_sizes(ws, guarded.sql, columns, out.rows, sizes, not out.truncated, out.seconds)
            bound_text(out.rows)
            return TableResult(columns=columns, types=out.types[:-1], rows=out.rows,
                               row_count=out.row_count, truncated=out.truncated, query=guarded.sql,
                               seconds=out.seconds, tables=guarded.tables, group_sizes=sizes)
    try:
        out = ws.query(guarded.sql, max_rows=max_rows, timeout_s=timeout)
    except duckdb.Error as exc:
        raise _explain(exc, guarded, ws) from None
    # sizes an earlier answer grouped the same way counted (None: the reviewer counts what it needs)
    sizes = groupsize.sizes_of_rows(guarded.sql, out.columns, out.rows, remembered) if remembered else None
    bound_text(out.rows)
    return TableResult(columns=out.columns, types=out.types, rows=out.rows, row_count=out.row_count,
                       truncated=out.truncated, query=guarded.sql, seconds=out.seconds, tables=guarded.tables,
                       group_sizes=sizes)


# What the work after a query (the reviewer's personal-data scan, ~0.4 s per MB of text; masking;
# the narrative; JSON) may read of one result: a million characters. 100 rows of 1 MB strings took
# 61 s of review under --timeout 5 before; each text cell is now cut to its share (at least 1,000
# characters), never inside a personal value (privacy.clip), with the length it had.
RESULT_TEXT_CHARS = 1_000_000
MIN_CELL_CHARS = 1_000


def bound_text(rows: list[list[Any]]) -> int:
    """Cut long text cells in place so that the result holds at most RESULT_TEXT_CHARS; returns how
    many cells were cut."""
    total = sum(len(v) for row in rows for v in row if isinstance(v, str))
    if total <= RESULT_TEXT_CHARS:
        return 0
    from dsagent.ethics.privacy import clip

    cells = sum(1 for row in rows for v in row if isinstance(v, str))
    share = max(RESULT_TEXT_CHARS // max(cells, 1), MIN_CELL_CHARS)
    cut = 0
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, str) and len(value) > share:
                row[i] = clip(value, share, f"... ({len(value):,} characters in all)")
                cut += 1
    return cut


def _counted(sql: str, ws: Any) -> str | None:
    """`sql` with a row count per group appended (a grouped SELECT only), itself through the guard."""
    from dsagent.errors import ModelError

    try:
        from dsagent.ethics.groupsize import with_group_count
        from dsagent.sql.guard import guard_sql

        rewritten = with_group_count(sql)
        return guard_sql(rewritten, ws).sql if rewritten else None
    except (ModelError, ValueError):
        return None


# DuckDB error text -> what the planner should do about it.
_HINTS = (
    (r"not found in FROM clause|Referenced column .* not found",
     "Use one of the candidate columns; quote names with spaces or capitals in double quotes."),
    (r"argument types '\w+\([^']*\[\]",  # a text function given a list
     "A list (a type ending in []) is not text: slice it with x[1:2] or x[:2], take one element with x[1] "
     "(counting from 1), count its elements with len(x); list functions start with list_."),
    (r"No function matches|Cannot compare values|Cannot mix values|cannot be applied to",
     "The argument types do not match: cast explicitly, e.g. CAST(x AS DOUBLE), x::VARCHAR or strptime(x, '%Y-%m-%d')."),
    (r"Could not convert|Conversion Error",
     "A value does not fit the type: use TRY_CAST(x AS type) to get NULL for values that do not convert."),
    (r"must appear in the GROUP BY clause|must be part of an aggregate",
     "Add the column to GROUP BY (GROUP BY ALL groups by every column that is not aggregated), or wrap it in "
     "an aggregate such as any_value(x) or max(x)."),
    (r"Out of Memory|memory limit",
     "The query needs more memory than the limit: filter or aggregate before joining, or add a LIMIT."),
    (r"Ambiguous reference|ambiguous",
     "Qualify the column with its table or alias, e.g. o.customer_id."),
    (r"aggregate function calls cannot be nested|WHERE clause cannot contain aggregates",
     "Aggregate in a subquery or CTE, or move the condition to HAVING / QUALIFY."),
    (r"Function with name .* does not exist",
     "Use a DuckDB function of that purpose (for example strftime, date_trunc, regexp_matches, list_aggregate)."),
    (r"Table with name .* does not exist",
     "Use only the workspace's tables."),
)


def _explain(exc: Exception, guarded: Any, ws: Any):
    """A DuckDB error as a ModelError that says precisely what went wrong and what to try."""
    from dsagent.errors import ModelError

    lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
    # the first line says what is wrong; candidate columns and "did you mean" help; DuckDB's long
    # list of candidate function signatures and the caret under the text do not
    kept = lines[:1] + [ln for ln in lines[1:] if ln.startswith(("Candidate bindings", "Did you mean"))][:1]
    message = " ".join(kept) or type(exc).__name__
    if len(message) > 600:
        message = message[:600] + "..."
    message = message.rstrip(" .!") + "."
    hint = next((h for pattern, h in _HINTS if re.search(pattern, message, re.I)), "")
    types = ""
    if re.search(r"No function matches|Cannot compare|Could not convert|Cannot mix|cannot be applied", message):
        types = " " + _column_types(guarded.tables, ws)
    missing = re.search(r'Referenced column "([^"]+)" not found', message)
    if missing:
        from dsagent.sql.repair import not_in_scope

        where = not_in_scope(guarded.sql, missing.group(1), ws)
        hint = where or hint
    return ModelError(f"DuckDB could not run the query: {message} {hint}{types}{_function_help(message)}".strip())


def _function_help(message: str) -> str:
    """The signature and an example of the functions a DuckDB error names (its own or its suggestion)."""
    from dsagent.sql.prompt_hints import function_help

    named = re.findall(r"[Ff]unction with name \"?(\w+)\"?|Did you mean \"(\w+)|argument types '(\w+)\(", message)
    names = list(dict.fromkeys(n for group in named for n in group if n))
    lines = [line for line in map(function_help, names) if line]
    if names and not lines:  # a function DuckDB lacks, with no suggestion: the ones named alike
        from dsagent.sql.prompt_hints import relevant_functions

        lines = [doc.line() for doc in relevant_functions(names[0].replace("_", " "), k=2)]
    lines = lines[:2]
    return (" " + " ".join(f"DuckDB has {line}." for line in lines)) if lines else ""


def _column_types(tables: list[str], ws: Any, limit: int = 30) -> str:
    parts = []
    for table in tables:
        cols = ws.columns(table)
        shown = ", ".join(f"{c} {t}" for c, t in cols[:limit]) + (", ..." if len(cols) > limit else "")
        parts.append(f"Column types of {table}: {shown}.")
    return " ".join(parts)
