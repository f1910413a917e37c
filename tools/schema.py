"""The schema tool: the schema card of each table, for the person and, compactly, for the planner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from .base import Result, ToolContext, tool


ColumnKind = Literal["number", "integer", "text", "date", "timestamp", "boolean", "other"]


@dataclass
class ColumnCard:
    """What the planner and the person need to know about one column."""

    name: str
    type: str  # DuckDB type, e.g. BIGINT, VARCHAR, DATE
    kind: ColumnKind
    null_share: float  # 0..1
    distinct: int
    distinct_approx: bool = False  # approx_count_distinct on big tables
    min: Any = None  # numbers and dates
    max: Any = None
    top_values: list[tuple[Any, int]] = field(default_factory=list)  # low-cardinality text: (value, count)
    samples: list[Any] = field(default_factory=list)  # three sample values (masked when personal)
    pii: str | None = None  # entity type when the reviewer marks the column personal (E2)


@dataclass
class SchemaCard:
    """Per table: row count and a ColumnCard per column. Computed by DuckDB, cached by file identity."""

    table: str
    row_count: int
    columns: list[ColumnCard]
    source: str = ""

    def column(self, name: str) -> ColumnCard | None:
        return next((c for c in self.columns if c.name == name), None)


class SchemaArgs(BaseModel):
    """Arguments of `describe_schema`."""

    table: str | None = Field(None, description="One table; all tables when omitted.")


class SchemaResult(Result):
    kind: ClassVar[str] = "schema"
    tables: list[dict[str, Any]]  # SchemaCard.to_json() of each table


@tool(SchemaArgs)
def describe_schema(ws, args: SchemaArgs, ctx: ToolContext) -> SchemaResult:
    """Describe the tables: columns, types, missing values, ranges, top values and samples."""
    raise NotImplementedError("describe_schema: being written in issue [1 of 9]")
