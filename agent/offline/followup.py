"""Follow-ups for the offline planner: "now only for women", "and by class?", "make it a line chart".

`merge(prev_plan, roles)` applies what a follow-up changes to the previous request's plan, or raises
`NotUnderstood` when the change does not fit it.
"""

from __future__ import annotations

from dsagent.offline.chart import as_chart, chart_kind_of, fail, split_bars, splittable
from dsagent.offline.linker import SchemaIndex
from dsagent.offline.grammar.roles import Roles
from dsagent.offline.plan import Filter, Group, Measure, Plan


def merge(prev: Plan, r: Roles, language: str, index: SchemaIndex | None = None) -> Plan:
    """Apply a follow-up's changes to the previous plan."""
    if r.unknown or r.problems:
        raise fail(r, language, prev.table)
    p = prev.copy()
    p.language = language
    p.understood = list(prev.understood)
    new_kind = chart_kind_of(r)
    _merge_conditions(p, r, new_kind, language)
    if p.intent == "chart":
        return _merge_into_chart(p, r, new_kind, language)
    if p.intent in ("query", "rows", "distinct"):
        return _merge_into_result(p, r, new_kind, language, index)
    raise fail(r, language, prev.table, "how to change the previous request")


def _merge_conditions(p: Plan, r: Roles, new_kind: str | None, language: str) -> None:
    """The follow-up's filters and bare columns, whatever the previous plan drew or computed."""
    # filters: a new condition on a column replaces the old one on that column
    for f in r.filters:
        p.filters = [g for g in p.filters if g.key() != f.key()]
        p.filters.append(f)
    for c in r.bare:
        if c.binary:
            p.filters = [g for g in p.filters if g.column is None or g.column.name != c.name]
            p.filters.append(Filter(c, "=", 1))
        elif p.intent == "chart" and new_kind in ("stacked_bar", "grouped_bar") and r.color is None \
                and splittable(c) and len(r.bare) == 1:
            r.color = c  # "make the bars stacked with the ship status"
        else:
            raise fail(r, language, p.table, "what to do with " + c.name)


def _merge_into_chart(p: Plan, r: Roles, new_kind: str | None, language: str) -> Plan:
    """A follow-up to a chart: new axes, colours, kind, order or limit; never a new measure."""
    keys = set(r.keys)
    if r.measures:
        raise fail(r, language, p.table, "changing the measure of a chart (ask for the whole chart)")
    if r.groups:
        # a scatter's, histogram's or line's x is a number or a date: a new grouping splits it by colour,
        # as do panels ("facet it by origin", drawn as colours) and "also by"
        if "ALSO" in keys or "FACET_BY" in keys or p.chart_kind in ("scatter", "histogram", "line", "area"):
            if len(r.groups) > 1 or not splittable(r.groups[0].column):
                raise fail(r, language, p.table, "splitting this chart by " + r.groups[-1].column.name)
            p.chart_color = r.groups[0].column
        else:
            p.chart_x = r.groups[0].column
            if len(r.groups) > 1:
                p.chart_color = r.groups[1].column
    if r.color is not None:
        p.chart_color = r.color
    if new_kind:
        if new_kind in ("scatter", "histogram", "box") and new_kind != p.chart_kind:
            raise fail(r, language, p.table, f"turning this chart into a {new_kind}")
        if new_kind == "bar" and p.chart_color is not None:
            new_kind = split_bars(p.chart_agg) if p.chart_kind not in ("grouped_bar", "stacked_bar") \
                else p.chart_kind
        p.chart_kind = new_kind
    if r.descending is not None:
        p.descending = r.descending
    if r.limit:
        p.limit = r.limit
    return p


def _merge_into_result(p: Plan, r: Roles, new_kind: str | None, language: str, index: SchemaIndex | None) -> Plan:
    """A follow-up to a query, rows or distinct values: new measures, groups, order or limit, or the same
    result as a chart."""
    keys = set(r.keys)
    also = "ALSO" in keys
    if r.measures:
        p.measures = list(r.measures)
        if p.intent != "query":
            p.intent = "query"
    if r.groups:
        p.groups = (p.groups + r.groups) if also else list(r.groups)
        p.intent = "query" if p.measures else p.intent
    if r.grain:  # "y por mes?": group by the date column at that grain
        _group_by_grain(p, r, also, language, index)
    _merge_order(p, r, language)
    if r.limit:
        p.limit = r.limit
        if p.intent == "query" and p.order is None:
            p.order, p.descending = "measure", True
    if new_kind or "CHART" in keys:
        if new_kind in ("scatter", "histogram", "box", "heatmap"):
            raise fail(r, language, p.table, f"turning this result into a {new_kind}")
        chart = as_chart(p, new_kind)
        if chart is None:
            raise fail(r, language, p.table, "turning this result into a chart")
        return chart
    return p


def _group_by_grain(p: Plan, r: Roles, also: bool, language: str, index: SchemaIndex | None) -> None:
    """Group by the table's one date column at the follow-up's grain (a count when nothing was measured)."""
    times = index.time_columns(p.table) if index is not None else []
    if len(times) != 1:
        raise fail(r, language, p.table, "a time grain without a single date column")
    tc = times[0]
    if tc.year_like and r.grain != "year":
        raise fail(r, language, p.table, f"'per {r.grain}' on the year column {tc.name}")
    group = Group(tc, None if tc.year_like else r.grain)
    kept = [g for g in p.groups if g.column.name != tc.name]
    p.groups = (kept + [group]) if also else [group]
    if not p.measures:
        p.measures = [Measure("count")]
    p.intent = "query"


def _merge_order(p: Plan, r: Roles, language: str) -> None:
    """A new direction or order column: a query orders by its group or its measure, rows by a column."""
    if r.descending is not None:
        if p.intent == "query":
            p.order, p.descending = ("group", r.descending) if r.order_column is not None and any(
                g.column.name == r.order_column.name for g in p.groups) else ("measure", r.descending)
        elif p.order_column is not None or r.order_column is not None:
            p.order_column = r.order_column or p.order_column
            p.descending = r.descending
        else:
            raise fail(r, language, p.table, "the column to order by")
    elif r.order_column is not None:
        if p.intent == "rows":
            p.order_column, p.descending = r.order_column, False
        else:
            raise fail(r, language, p.table, "ordering by " + r.order_column.name)
