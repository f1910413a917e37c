"""The profile tool: a data-quality overview of a table."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field

from .base import Result, ToolContext, tool


class ProfileArgs(BaseModel):
    """Arguments of `profile_data`."""

    table: str | None = Field(None, description="One table; all tables when omitted.")


class ProfileResult(Result):
    kind: ClassVar[str] = "profile"
    tables: list[dict[str, Any]]  # per table: missing, duplicates, constant, identifiers, typed-as-text, outliers


@tool(ProfileArgs)
def profile_data(ws, args: ProfileArgs, ctx: ToolContext) -> ProfileResult:
    """Profile data quality: missing values, duplicate rows, constant columns, identifiers, outliers."""
    raise NotImplementedError("profile_data: being written in issue [1 of 9]")
