"""The synthesis tool: synthetic rows that keep distributions and correlations, with fidelity and privacy reports."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from dsagent.tools.base import Result, ToolContext, tool


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
    excluded: list[dict[str, str]] = []  # columns not synthesised, with the reason
    balance: dict[str, Any] | None = None  # {column, target, real, synthetic, combined}
    combined_table: str | None = None  # real + synthetic rows with a `synthetic` flag (balancing)
    fitted_rows: int = 0  # real rows the model was fitted on (a sample for big tables)
    notes: list[str] = []
    export_path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "table": self.table, "row_count": self.row_count, "columns": self.columns,
                "rows": self.rows, "fidelity": self.fidelity, "privacy": self.privacy,
                "source_table": self.source_table, "excluded": self.excluded, "balance": self.balance,
                "combined_table": self.combined_table, "fitted_rows": self.fitted_rows, "notes": self.notes,
                "export_path": self.export_path}

    def summary(self) -> str:
        f, p = self.fidelity, self.privacy
        text = (f"synthetic table {self.table}: {self.row_count} rows imitating {self.source_table} "
                f"(Gaussian copula fitted on {self.fitted_rows} rows); fidelity score {f.get('score')}, "
                f"max correlation difference {f.get('correlation_max_abs_diff')}; privacy: "
                f"{p.get('exact_copies_dropped', 0)} exact copies and {p.get('too_close_dropped', 0)} too-close rows "
                f"dropped, closest distance {p.get('dcr_min')}")
        if self.balance:
            text += f"; balance of {self.balance['column']}: real + synthetic shares {self.balance.get('combined_share')}"
        if self.combined_table:
            text += f"; real + synthetic in {self.combined_table}"
        if self.excluded:
            text += "; not synthesised: " + ", ".join(e["column"] for e in self.excluded)
        return text[:2000]


@tool(SynthArgs)
def synthesize(ws, args: SynthArgs, ctx: ToolContext) -> SyntheticResult:
    """Generate synthetic rows that imitate a table (for scarce data or to balance a class), as a new table.

    A Gaussian copula keeps each column's distribution and the correlations between columns; rows
    equal or too close to a real record are dropped. The result is a new table, never mixed into the
    source; with balance_column, a second table holds real + synthetic rows with a `synthetic` flag.
    """
    from dsagent.tools.synth.run import run

    return run(ws, args, ctx)
