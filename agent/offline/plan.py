"""What the offline planner understood: a typed `Plan`, turned into exactly one tool call."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from dsagent.offline.linker import Column


@dataclass
class Measure:
    """One aggregate: agg over a column (None = rows). agg: count, count_distinct, sum, avg, median, min, max,
    rate (mean of a 0/1 column), percent (share of rows meeting `condition`), share (share of a sum)."""

    agg: str
    column: Column | None = None
    condition: "Filter | None" = None
    stated: bool = True  # False when the aggregate was a default, not a word in the request


@dataclass
class Filter:
    """One condition on a column. op: =, <>, >, >=, <, <=, between, in, not in, is null, is not null, sql."""

    column: Column | None
    op: str
    value: Any = None
    value2: Any = None
    sql: str | None = None  # a ready condition (dates, periods)

    def key(self) -> tuple:
        return (self.column.name if self.column else self.sql, self.op in ("is null", "is not null"))


@dataclass
class Group:
    column: Column
    grain: str | None = None  # year | quarter | month | week | day for dates


@dataclass
class Plan:
    """The parse of one request. `intent` picks the tool; the rest are its slots."""

    intent: str  # query | rows | distinct | chart | schema | profile | model | clean | synth | guide
    table: str
    language: str = "en"
    measures: list[Measure] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    order: str | None = None  # measure | group | column name ...
    order_column: Column | None = None
    descending: bool | None = None
    limit: int | None = None
    projection: list[Column] = field(default_factory=list)
    # chart
    chart_kind: str | None = None
    chart_x: Column | None = None
    chart_y: Column | None = None
    chart_color: Column | None = None
    chart_agg: str | None = None
    bins: int | None = None
    time_grain: str | None = None
    # model / clean / synth / guide
    target: Column | None = None
    features: list[Column] = field(default_factory=list)
    clean_only: list[str] = field(default_factory=list)
    clean_columns: list[Column] = field(default_factory=list)
    apply: bool = False
    n_rows: int | None = None
    balance: Column | None = None
    question: str = ""
    all_tables: bool = False  # schema / profile of every table ("describe the data" over several files)
    joins: dict[str, str] = field(default_factory=dict)  # lookup table -> key ("products" -> "product_id")
    # honesty
    understood: list[str] = field(default_factory=list)
    confident: bool = True
    notes: list[str] = field(default_factory=list)  # defaults chosen, fuzzy matches ...

    def columns_used(self) -> list[Column]:
        """Every column the plan refers to (for joins and checks)."""
        cols = [g.column for g in self.groups] + list(self.projection) + list(self.features) + list(self.clean_columns)
        for m in self.measures:
            cols += [c for c in (m.column, m.condition.column if m.condition else None) if c is not None]
        cols += [f.column for f in self.filters if f.column is not None]
        cols += [c for c in (self.order_column, self.chart_x, self.chart_y, self.chart_color, self.target, self.balance)
                 if c is not None]
        return cols

    def copy(self) -> "Plan":
        return copy.deepcopy(self)

    def tool_call(self) -> tuple[str, dict[str, Any]]:
        """(tool name, args) for this plan."""
        from dsagent.offline.plan_sql import chart_where, plan_sql

        if self.intent in ("query", "rows", "distinct"):
            return "run_sql", {"sql": plan_sql(self)}
        if self.intent == "schema":
            return "describe_schema", {"table": None if self.all_tables else self.table}
        if self.intent == "profile":
            return "profile_data", {"table": None if self.all_tables else self.table}
        if self.intent == "chart":
            args: dict[str, Any] = {"kind": self.chart_kind, "table": self.table}
            for key, col in (("x", self.chart_x), ("y", self.chart_y), ("color", self.chart_color)):
                if col is not None:
                    args[key] = col.name
            if self.chart_agg:
                args["aggregate"] = self.chart_agg
            if self.bins:
                args["bins"] = self.bins
            if self.time_grain:
                args["time_grain"] = self.time_grain
            if self.descending is not None and self.chart_kind in ("bar", "grouped_bar", "stacked_bar", "pie"):
                args["sort"] = "y_desc" if self.descending else "y_asc"
            if self.limit:
                args["top_n"] = self.limit
            where = chart_where(self)
            if where:
                args["where"] = where
            return "make_chart", args
        if self.intent == "model":
            args = {"target": self.target.name, "table": self.table}
            if self.features:
                args["features"] = [c.name for c in self.features]
            return "train_model", args
        if self.intent == "clean":
            args = {"table": self.table, "apply": self.apply}
            if self.clean_only:
                args["only"] = list(self.clean_only)
            if self.clean_columns:
                args["columns"] = [c.name for c in self.clean_columns]
            return "clean_data", args
        if self.intent == "synth":
            args = {"n_rows": self.n_rows or 1000, "table": self.table}
            if self.balance is not None:
                args["balance_column"] = self.balance.name
            cond = {f.column.name: f.value for f in self.filters if f.op == "=" and f.column is not None}
            if cond:
                args["condition"] = cond
            return "synthesize", args
        if self.intent == "guide":
            return "generative_guide", {"question": self.question, "language": self.language}
        raise ValueError(f"no tool for intent {self.intent}")
