"""The chart tool: a typed chart spec in, an aggregated query in DuckDB, a matplotlib PNG out."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from .base import Result, ToolContext, tool

ChartKind = Literal["bar", "grouped_bar", "stacked_bar", "line", "area", "scatter", "histogram", "box",
                    "heatmap", "pie"]
Aggregate = Literal["count", "sum", "mean", "median", "min", "max", "distinct", "none"]
TimeGrain = Literal["year", "quarter", "month", "week", "day", "hour"]


class ChartSpec(BaseModel):
    """What to draw. The planner fills this; nothing model-written is ever executed as code."""

    kind: ChartKind = Field(description="Chart type.")
    table: str | None = Field(None, description="Table to plot; the default table when omitted.")
    x: str | None = Field(None, description="Column on the x axis (the category, time or measure binned).")
    y: str | None = Field(None, description="Column on the y axis (the measure); omit for counts.")
    color: str | None = Field(None, description="Column that splits the data into series or colours.")
    aggregate: Aggregate | None = Field(None, description="How y is aggregated per x (count when y is omitted).")
    bins: int | None = Field(None, description="Number of bins for a histogram.")
    time_grain: TimeGrain | None = Field(None, description="Truncate a date x to this grain.")
    sort: Literal["x", "y_desc", "y_asc"] | None = Field(None, description="Order of bars.")
    top_n: int | None = Field(None, description="Keep the top N categories, the rest as 'Other'.")
    where: str | None = Field(None, description="Optional SQL filter condition (no WHERE keyword).")
    title: str | None = None
    x_label: str | None = None
    y_label: str | None = None
    log_y: bool = False
    format: Literal["png", "svg"] = "png"


class ChartResult(Result):
    """A saved chart: the spec as drawn, the file, and the data behind it."""

    kind: ClassVar[str] = "chart"
    spec: dict[str, Any]
    path: str
    columns: list[str]
    rows: list[list[Any]]
    query: str | None = None
    notes: list[str] = []  # what the linter changed ("bar axis starts at 0", "top 10 + Other")

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "spec": self.spec, "path": self.path,
                "data": {"columns": self.columns, "rows": self.rows}}

    @property
    def sql(self) -> str | None:
        return self.query


@tool(ChartSpec)
def make_chart(ws, args: ChartSpec, ctx: ToolContext) -> ChartResult:
    """Draw a chart (bar, line, area, scatter, histogram, box, heatmap, pie) of the data and save it as an image."""
    raise NotImplementedError("make_chart: being written in issue [5 of 9]")
