"""The cleaning tool: find the dirt, propose a plan of typed steps, apply it as a new table version."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from .base import Result, ToolContext, tool

StepKind = Literal["drop_duplicates", "trim", "normalise_case", "map_values", "cast", "parse_dates",
                   "fill_missing", "drop_rows", "clip", "drop_column"]


class CleanArgs(BaseModel):
    """Arguments of `clean_data`."""

    table: str | None = Field(None, description="Table to clean; the default table when omitted.")
    only: list[StepKind] | None = Field(None, description="Restrict the plan to these kinds of step (e.g. drop_duplicates).")
    columns: list[str] | None = Field(None, description="Restrict the plan to these columns.")
    apply: bool = Field(False, description="Apply the plan now (otherwise only propose it).")


class CleanStep(BaseModel):
    step: StepKind
    column: str | None = None
    reason: str
    affected: int
    params: dict[str, Any] = {}


class CleanResult(Result):
    """A cleaning plan, and when applied the new table version and what changed."""

    kind: ClassVar[str] = "clean"
    plan: list[CleanStep]
    applied: bool
    table: str  # the new version when applied, else the table the plan is for
    source_table: str
    diff: dict[str, Any] = {}
    query: str | None = None  # the SQL that builds the new version

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "plan": [s.model_dump(exclude={"params"}) for s in self.plan],
                "applied": self.applied, "table": self.table, "diff": self.diff}

    @property
    def sql(self) -> str | None:
        return self.query


@tool(CleanArgs)
def clean_data(ws, args: CleanArgs, ctx: ToolContext) -> CleanResult:
    """Find data-quality problems (duplicates, missing values, bad types, inconsistent spellings) and propose or apply a cleaning plan."""
    raise NotImplementedError("clean_data: being written in issue [7 of 9]")
