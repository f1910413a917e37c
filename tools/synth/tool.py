"""The synthesis tool: synthetic rows that keep distributions and correlations, with fidelity and privacy reports."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from dsagent.tools.base import ToolContext, tool
from dsagent.tools.synth.run import SyntheticResult, run


class SynthArgs(BaseModel):
    """Arguments of `synthesize`."""

    n_rows: int = Field(1000, description="How many synthetic rows to generate.", ge=1, le=1_000_000)
    table: str | None = Field(None, description="Table to imitate; the default table when omitted.")
    balance_column: str | None = Field(None, description="Generate extra rows so this column's classes are balanced.")
    target_proportions: dict[str, float] | None = Field(None, description="Wanted share of each value of balance_column.")
    condition: dict[str, Any] | None = Field(None, description="Only generate rows with these column values.")
    seed: int = 0
    augment: bool | None = Field(
        None, description="With balance_column: generate only the rows that real + synthetic need to reach the "
        "proportions (default when n_rows is not given); otherwise n_rows rows with those proportions.")
    privacy_threshold: float | None = Field(
        None, description="Drop synthetic rows closer than this to a real record (default: the 1st percentile of "
        "real-to-real nearest distances).", ge=0)
    export: Literal["csv", "parquet"] | None = Field(None, description="Also write the synthetic table to the output folder.")


@tool(SynthArgs)
def synthesize(ws, args: SynthArgs, ctx: ToolContext) -> SyntheticResult:
    """Generate synthetic rows that imitate a table (for scarce data or to balance a class), as a new table.

    A Gaussian copula keeps each column's distribution and the correlations between columns; rows
    equal or too close to a real record are dropped. The result is a new table, never mixed into the
    source; with balance_column, a second table holds real + synthetic rows with a `synthetic` flag.
    """
    return run(ws, args, ctx)
