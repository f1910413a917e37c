"""The SQL tool: run one guarded, read-only query and return its rows."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field

from .base import Result, ToolContext, tool


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

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "columns": self.columns, "rows": self.rows,
                "row_count": self.row_count, "truncated": self.truncated}

    @property
    def sql(self) -> str | None:
        return self.query


@tool(SqlArgs)
def run_sql(ws, args: SqlArgs, ctx: ToolContext) -> TableResult:
    """Run one read-only SQL query over the loaded tables and return the rows."""
    raise NotImplementedError("run_sql: being written in issue [2 of 9]")
