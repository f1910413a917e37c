"""An offline `Plan` carried out: the one tool call it makes, and its SQL text (DuckDB dialect, every
identifier through `quote_ident`).

The agent loop passes this SQL through the SQL guard like any model-written query.
"""

from __future__ import annotations

import re
from typing import Any

from dsagent.data.naming import quote_ident, quote_literal
from dsagent.offline.columns import Column
from dsagent.words.data import load
from dsagent.words.scales import scale_order
from dsagent.words.text import norm
from dsagent.offline.plan import Filter, Group, Measure, Plan

_GRAIN_SQL = {"year": "year({c})", "quarter": "date_trunc('quarter', {c})", "month": "date_trunc('month', {c})",
              "week": "date_trunc('week', {c})", "day": "CAST({c} AS DATE)",
              # parts of the year or week: every year's Julys together
              "month_of_year": "month({c})", "quarter_of_year": "quarter({c})", "weekday": "dayname({c})",
              "hour_of_day": "hour({c})",
              # rule `weekend_against_weekday`: 'weekend vs weekday' is one group each, in the request's language
              "day_type": "CASE WHEN isodow({c}) >= 6 THEN 'weekend' ELSE 'weekday' END",
              "tipo_dia": "CASE WHEN isodow({c}) >= 6 THEN 'fin de semana' ELSE 'entre semana' END",
              # the first year of its decade, as a whole number: floor and * carry over to PostgreSQL and
              # Spark, where date_trunc has no decade
              "decade": "CAST(floor(year({c}) / 10) * 10 AS INTEGER)"}
_YEARS_DECADE = "CAST(floor({c} / 10) * 10 AS INTEGER)"  # of a column of years (year_built)


def group_order(g: Group, name: str) -> str:
    """What a group's rows are ordered by: its alias, but weekdays in the week's order (Monday first),
    not the alphabet's (Friday, Monday, Saturday ...), and the values of an ordered scale in its order
    (prompts/words/scales.json)."""
    if g.grain == "weekday":
        return f"min(isodow({g.column.q}))"
    ordered = scale_order(g.column.values) if g.grain is None and g.column.kind == "text" else None
    if ordered:  # 'strongly disagree' ... 'strongly agree', 'low' ... 'urgent': the scale's order
        cases = " ".join(f"WHEN {quote_literal(v)} THEN {i}" for i, v in enumerate(ordered))
        return f"CASE {g.column.q} {cases} ELSE {len(ordered)} END"
    return name


def alias(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", norm(text)).strip("_") or "value"


def literal(col: Column | None, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if col is not None and col.kind == "text":
            return quote_literal(str(value))
        return repr(value) if isinstance(value, float) else str(value)
    return quote_literal(str(value))


def condition(f: Filter) -> str:
    if f.sql:
        return f.sql
    c = f.column.q
    if f.op in ("is null", "is not null"):
        return f"{c} {f.op.upper()}"
    if f.op == "between":
        return f"{c} BETWEEN {literal(f.column, f.value)} AND {literal(f.column, f.value2)}"
    if f.op in ("in", "not in"):
        items = ", ".join(literal(f.column, v) for v in f.value)
        return f"{c} {f.op.upper()} ({items})"
    return f"{c} {f.op} {literal(f.column, f.value)}"


def where_sql(filters: list[Filter]) -> str:
    return " AND ".join(condition(f) for f in filters)


def chart_where(plan: Plan) -> str | None:
    return where_sql(plan.filters) or None


def group_expr(g: Group) -> tuple[str, str]:
    """(expression, alias) of one grouping."""
    c = g.column
    if g.grain and c.temporal:
        return _GRAIN_SQL[g.grain].format(c=c.q), g.grain
    if g.grain == "decade" and c.year_like:
        return _YEARS_DECADE.format(c=c.q), g.grain
    return c.q, c.name


def measure_expr(m: Measure, grouped: bool, groups: list[Group] = ()) -> tuple[str, str]:
    """(expression, alias) of one measure; `groups` are the plan's (a share within some of them)."""
    c = m.column
    if m.agg == "count":
        return "count(*)", "count"
    if m.agg == "count_distinct":
        return f"count(DISTINCT {c.q})", f"distinct_{alias(c.name)}"
    if m.agg in ("sum", "avg", "median", "min", "max"):
        return f"{m.agg}({c.q})", f"{m.agg}_{alias(c.name)}"
    if m.agg == "corr":
        return f"corr({c.q}, {m.other.q})", "correlation"
    if m.agg in ("rate", "fraction"):
        cast = "INTEGER" if c.kind == "boolean" else "DOUBLE"
        if m.agg == "fraction":
            return f"avg(CAST({c.q} AS {cast}))", f"{alias(c.name)}_rate"
        return f"100.0 * avg(CAST({c.q} AS {cast}))", f"pct_{alias(c.name)}"
    if m.agg == "percent":
        cond = condition(m.condition)
        name = alias(str(m.condition.value)) if m.condition.column and m.condition.op == "=" else "condition"
        if m.condition.column is not None and m.condition.op == "=" and m.condition.column.kind == "text" \
                and norm(str(m.condition.value)) in load("columns")["yes_words"]:
            name = alias(m.condition.column.name)  # the yes of a yes/no text column ('Y' of warranty)
        if m.condition.column is not None and m.condition.column.binary and m.condition.op == "=":
            # the share of 0s is named for it: 'pct_insured' over the uninsured rows would read as its opposite
            name = alias(m.condition.column.name) if m.condition.value else "not_" + alias(m.condition.column.name)
        return f"100.0 * avg(CASE WHEN {cond} THEN 1 ELSE 0 END)", f"pct_{name}"
    if m.agg == "share":
        # within each group of some groupings ("share of each vote by education"): the window over them
        whole = [g for g in groups if g.column.name in m.within]
        window = "PARTITION BY " + ", ".join(group_expr(g)[0] for g in whole) if whole else ""
        within = "_within_" + "_".join(alias(group_expr(g)[1]) for g in whole) if whole else ""
        if c is None:
            return f"100.0 * count(*) / sum(count(*)) OVER ({window})", ("pct" + within if within else "pct_of_rows")
        return f"100.0 * sum({c.q}) / sum(sum({c.q})) OVER ({window})", f"pct_of_{alias(c.name)}{within}"
    raise ValueError(f"unknown aggregate {m.agg}")


def plan_sql(p: Plan) -> str:
    t = quote_ident(p.table) + "".join(f" JOIN {quote_ident(other)} USING ({quote_ident(key)})"
                                       for other, key in p.joins.items())
    where = where_sql(p.filters)
    w = f" WHERE {where}" if where else ""
    if p.intent == "rows":
        cols = ", ".join(c.q for c in p.projection) if p.projection else "*"
        order = ""
        if p.order_column is not None:
            order = f" ORDER BY {p.order_column.q} {'DESC' if p.descending else 'ASC'}"
            if p.descending:
                order += " NULLS LAST"
        limit = p.limit if p.limit else (10 if not where and not order else None)
        return f"SELECT {cols} FROM {t}{w}{order}" + (f" LIMIT {limit}" if limit else "")
    if p.intent == "distinct":
        cols = ", ".join(c.q for c in p.projection)
        return f"SELECT DISTINCT {cols} FROM {t}{w} ORDER BY {cols}" + (f" LIMIT {p.limit}" if p.limit else "")
    grouped = bool(p.groups)
    items, group_aliases = [], []
    for g in p.groups:
        expr, name = group_expr(g)
        items.append(expr if expr == quote_ident(name) else f"{expr} AS {quote_ident(name)}")
        group_aliases.append(quote_ident(name))
    measure_aliases = []
    for m in p.measures:
        expr, name = measure_expr(m, grouped, p.groups)
        items.append(f"{expr} AS {quote_ident(name)}")
        measure_aliases.append(quote_ident(name))
    sql = f"SELECT {', '.join(items)} FROM {t}{w}"
    if grouped:
        sql += f" GROUP BY {', '.join(str(i + 1) for i in range(len(p.groups)))}"
    order = []
    group_keys = [group_order(g, a) for g, a in zip(p.groups, group_aliases)]
    if p.order == "measure" and measure_aliases:
        order.append(f"{measure_aliases[0]} {'ASC' if p.descending is False else 'DESC'}")
        if p.descending is not False:
            order[-1] += " NULLS LAST"
    elif p.order == "group" and group_keys:
        order.append(f"{group_keys[0]} {'DESC' if p.descending else 'ASC'}")
    if grouped:
        order += [k for k in group_keys if not order or not order[0].startswith(k + " ")]
    if order:
        sql += " ORDER BY " + ", ".join(order)
    if p.limit:
        sql += f" LIMIT {p.limit}"
    return sql


def tool_call(plan: Plan) -> tuple[str, dict[str, Any]]:
    """(tool name, args): the one tool call that carries out `plan`."""
    if plan.intent in ("query", "rows", "distinct"):
        return "run_sql", {"sql": plan_sql(plan)}
    if plan.intent == "schema":
        return "describe_schema", {"table": None if plan.all_tables else plan.table}
    if plan.intent == "profile":
        return "profile_data", {"table": None if plan.all_tables else plan.table}
    if plan.intent == "chart":
        args: dict[str, Any] = {"kind": plan.chart_kind, "table": plan.table}
        for key, col in (("x", plan.chart_x), ("y", plan.chart_y), ("color", plan.chart_color)):
            if col is not None:
                args[key] = col.name
        if plan.chart_agg:
            args["aggregate"] = plan.chart_agg
        elif plan.chart_kind == "scatter":
            args["aggregate"] = "none"  # the spec's word for a point per row, said rather than left to a default
        if plan.bins:
            args["bins"] = plan.bins
        if plan.time_grain:
            args["time_grain"] = plan.time_grain
        if plan.chart_sort is not None and plan.chart_kind in ("bar", "grouped_bar", "stacked_bar", "pie"):
            args["sort"] = plan.chart_sort
        elif plan.descending is not None and plan.chart_kind in ("bar", "grouped_bar", "stacked_bar", "pie"):
            args["sort"] = "y_desc" if plan.descending else "y_asc"
        if plan.limit:
            args["top_n"] = plan.limit
        where = chart_where(plan)
        if where:
            args["where"] = where
        return "make_chart", args
    if plan.intent == "model":
        args = {"target": plan.target.name, "table": plan.table}
        if plan.features:
            args["features"] = [c.name for c in plan.features]
        return "train_model", args
    if plan.intent == "clean":
        args = {"table": plan.table, "apply": plan.apply}
        if plan.clean_only:
            args["only"] = list(plan.clean_only)
        if plan.clean_include:
            args["include"] = list(plan.clean_include)
        if plan.clean_columns:
            args["columns"] = [c.name for c in plan.clean_columns]
        return "clean_data", args
    if plan.intent == "synth":
        args = {"n_rows": plan.n_rows or 1000, "table": plan.table}
        if plan.balance is not None:
            args["balance_column"] = plan.balance.name
        cond = {f.column.name: f.value for f in plan.filters if f.op == "=" and f.column is not None}
        if cond:
            args["condition"] = cond
        # "... and export to csv", "y guárdalas en parquet": a file format named in the request is the file to write
        fmt = re.search(r"\b(csv|parquet)\b", plan.question or "", re.I)
        if fmt:
            args["export"] = fmt.group(1).lower()
        return "synthesize", args
    if plan.intent == "guide":
        return "generative_guide", {"question": plan.question, "language": plan.language}
    raise ValueError(f"no tool for intent {plan.intent}")
