"""The synthesis tool: synthetic rows that keep distributions and correlations, with fidelity and privacy reports."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, Field

from .base import Result, ToolContext, tool


class SynthArgs(BaseModel):
    """Arguments of `synthesize`."""

    n_rows: int = Field(1000, description="How many synthetic rows to generate.", ge=1, le=1_000_000)
    table: str | None = Field(None, description="Table to imitate; the default table when omitted.")
    balance_column: str | None = Field(None, description="Generate extra rows so this column's classes are balanced.")
    target_proportions: dict[str, float] | None = Field(None, description="Wanted share of each value of balance_column.")
    condition: dict[str, Any] | None = Field(None, description="Only generate rows with these column values.")
    seed: int = 0


class SyntheticResult(Result):
    """A synthetic table with its fidelity and privacy report."""

    kind: ClassVar[str] = "synthetic"
    table: str
    source_table: str
    row_count: int
    columns: list[str]
    rows: list[list[Any]]  # a preview
    fidelity: dict[str, Any]
    privacy: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "table": self.table, "row_count": self.row_count, "columns": self.columns,
                "rows": self.rows, "fidelity": self.fidelity, "privacy": self.privacy}


@tool(SynthArgs)
def synthesize(ws, args: SynthArgs, ctx: ToolContext) -> SyntheticResult:
    """Generate synthetic rows that imitate a table (for scarce data or to balance a class), as a new table."""
    raise NotImplementedError("synthesize: being written in issue [9 of 9]")
