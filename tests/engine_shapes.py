"""The SQL the product itself writes, captured from a run on DuckDB, to replay on other engines.

`capture(ws, work)` records every statement a piece of the product sends to the workspace (the
schema card, the profile, the offline planner's answers, the reviewer's group counts, the chart
aggregates); `comparable(rows)` normalises values so that DuckDB's and another engine's rows can
be compared (Decimal vs float, date vs ISO text, float noise, row order when none was asked for).
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from typing import Any, Callable

QUESTIONS = [
    "how many rows are in sales",
    "average amount by region",
    "total qty per product",
    "how many sales were returned",
    "maximum amount",
    "number of sales per month of ordered",
    "top 3 regions by total amount",
    "count of sales by region and product",
    "number of sales by weekday",
    "total amount ordered between 2024-03-01 and 2024-03-31",
    "how many sales shipped on 2024-02-10",
    "how many sales ordered after 2024-12-01",
    "total amount in Q1 2024",  # a quarter's months (rule quarter_word)
    "total amount per decade",  # whole years of ten (rule time_grain_word: floor, no date_trunc)
    "how many sales ordered on weekends",  # ISO days of the week (rule day_of_week_word: isodow)
    "total amount on weekends vs weekdays by ordered",  # one group each (rule weekend_against_weekday: CASE)
    "total amount ordered in the first half of 2024",  # a half's months (rule period_of_a_year)
    "returned rate by region",  # a rate in percent (rule rate_or_share)
    "total amount ordered in march and june",  # two months of any year (rule months_together: IN)
    "correlation between amount and qty by region",  # Pearson's coefficient (rule correlation_word: corr)
    "number of sales by hour of the day",  # of the one timestamp (hour: EXTRACT on PostgreSQL, rule date_parts)
    "total amount per quarter in 2024",  # the quarters of one year, 1-4 (quarter: EXTRACT on PostgreSQL)
]


def capture(ws: Any, work: Callable[[], Any]) -> list[str]:
    """Every SQL text `work()` sends through ws.query / ws.scalar / ws.fetch_df, in order, once each."""
    seen: list[str] = []
    originals = {name: getattr(ws, name) for name in ("query", "scalar", "fetch_df")}

    def wrap(name):
        def call(sql, *args, **kwargs):
            if sql not in seen:
                seen.append(sql)
            return originals[name](sql, *args, **kwargs)
        return call

    for name in originals:
        setattr(ws, name, wrap(name))
    try:
        work()
    finally:
        for name in originals:
            delattr(ws, name)
    return seen


def product_sql(ws: Any, settings: Any, output_dir: Any) -> tuple[list[str], dict[str, Any]]:
    """The statements the product writes over `sales` (card, profile, answers, reviewer, charts),
    and what it concluded: {what: comparable value}."""
    from dsagent.session import Session
    from dsagent.tools.base import ToolContext
    from dsagent.tools.chart.tool import ChartSpec, make_chart
    from dsagent.tools.profile import ProfileArgs, profile_data
    from dsagent.tools.schema.card import SchemaArgs, clear_cache, describe_schema

    outcome: dict[str, Any] = {}

    def work():
        clear_cache()
        ctx = ToolContext(output_dir=output_dir, settings={}, question="")
        card = describe_schema(ws, SchemaArgs(), ctx).to_json()
        for table in card.get("tables", [card]):
            for col in table.get("columns", []):
                outcome[f"card {col['name']}"] = {k: _value(v) if not isinstance(v, list) else
                                                  [_value(x) for x in v] for k, v in col.items()
                                                  if k in ("null_share", "min", "max", "top_values")}
        profile = profile_data(ws, ProfileArgs(), ctx).to_json()
        outcome["profile issues"] = profile["tables"][0]["issues"] if "tables" in profile else profile
        session = Session(ws, settings)
        for question in QUESTIONS:
            answer = session.ask(question)
            result = answer.result
            outcome[f"ask {question}"] = (answer.error, answer.sql,
                                          comparable(getattr(result, "rows", None) or [], False))
        for spec in (dict(kind="bar", table="sales", x="region", y="amount", aggregate="mean"),
                     dict(kind="line", table="sales", x="ordered", y="qty", aggregate="sum", time_grain="month"),
                     dict(kind="histogram", table="sales", x="amount"),
                     dict(kind="scatter", table="sales", x="amount", y="qty")):
            chart = make_chart(ws, ChartSpec(**spec), ctx)
            outcome[f"chart {spec['kind']}"] = comparable(getattr(chart, "rows", None) or
                                                          chart.to_json().get("data", []) or [], False)
            outcome[f"chart {spec['kind']} correlation"] = [n for n in chart.notes if "Pearson" in n]

    return capture(ws, work), outcome


def random_in(sql: str) -> bool:
    """A statement whose rows are a random sample or an estimate (DuckDB's approx_count_distinct is
    HyperLogLog, PostgreSQL's stand-in exact): compared by shape only."""
    return bool(re.search(r"USING\s+SAMPLE|TABLESAMPLE|random\(|reservoir|approx_", sql, re.I))


def ordered(sql: str) -> bool:
    return bool(re.search(r"\bORDER\s+BY\b[^()]*$", sql.strip(), re.I | re.S))


def _value(v: Any) -> Any:
    if isinstance(v, decimal.Decimal):
        v = float(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        return float(f"{v:.4g}")  # DuckDB keeps a DECIMAL quantile at the column's scale
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()[:19]
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}.*", v):
        return v[:19]
    if isinstance(v, list):
        return [_value(x) for x in v]
    return v


def comparable(rows: list[list[Any]], keep_order: bool) -> list:
    out = [tuple(_value(v) for v in row) for row in rows]
    return out if keep_order else sorted(out, key=repr)
