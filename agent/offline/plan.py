"""What the offline planner understood: a typed `Plan`, turned into exactly one tool call."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from dsagent.offline.columns import Column


@dataclass
class Measure:
    """One aggregate: agg over a column (None = rows). agg: count, count_distinct, sum, avg, median, min, max,
    rate (mean of a 0/1 column, in percent), fraction (the same mean between 0 and 1: 'proportion', 'ratio'),
    percent (share of rows meeting `condition`), share (share of the rows, or of a sum, of all rows or
    `within` each group of some of the groupings), corr (Pearson's correlation of `column` and `other`)."""

    agg: str
    column: Column | None = None
    condition: "Filter | None" = None
    stated: bool = True  # False when the aggregate was a default, not a word in the request
    within: list[str] = field(default_factory=list)  # a share: the groups (column names) it is a share within
    other: Column | None = None  # corr: the second column


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
    chart_sort: str | None = None  # x (bars in the order of their labels) | y_asc | y_desc, when asked
    # model / clean / synth / guide
    target: Column | None = None
    features: list[Column] = field(default_factory=list)
    clean_only: list[str] = field(default_factory=list)
    clean_include: list[str] = field(default_factory=list)  # options asked for (merge, fill, clip)
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


def one_year_filter(filters: list[Filter], col: Column) -> Filter | None:
    """The condition that keeps the rows of one year of `col` ('in 2024': year(col) = 2024), if any."""
    return next((f for f in filters if f.column is col and f.op == "sql" and isinstance(f.value, int)
                 and f.sql == f"year({col.q}) = {f.value}"), None)


def one_year_of(filters: list[Filter], col: Column) -> bool:
    """Whether the conditions keep the rows of one year of `col`."""
    return one_year_filter(filters, col) is not None
