"""The schema tool: the schema card of each table, for the person and, compactly, for the planner."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field

from .base import Result, ToolContext, tool


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
