"""Chart spec lint: resolve the spec's table and columns, then fix what would mislead (ETHICS D3).

A model-given column name is matched exactly, or up to case, spacing and a plural `s`; anything else
is a `ModelError` with "did you mean". Kind switches (pie of averages -> bar, scatter of a category ->
box plot, histogram of text -> counts) and dropped options (log scale on bars) are written to the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dsagent.errors import ModelError
from dsagent.words.columns import match_column, stems, unknown_column
from dsagent.tools.chart.notes import aggregate_word, kind_word
from dsagent.words.language import say
from dsagent.words.measures import default_aggregate as default_measure_aggregate
from dsagent.words.names import rows_noun

# The key the chart's SQL gives a text or yes/no category that is NULL (tools/chart/sql.py), so that it
# is a group of its own; drawn as the language's word for it (style.value_label).
MISSING = "(missing)"
from dsagent.words.text import squash

BAR_KINDS = {"bar", "grouped_bar", "stacked_bar"}
_NOT_A_COLUMN = {"none", "null", "count", "rows", "records", "number", "n/a", "sum", "mean", "average", "total",
                 "frequency", "*"}
_ROW_COUNT = re.compile(r"(row|record)s?[ _]?(count|number|total)s?|(n|num|number|count|total)[ _]?(of[ _]?)?"
                        r"(rows|records)|count\(\*\)|count_?star|\*", re.I)
MEAN_LIKE = {"mean", "median", "min", "max"}


def column_class(duck_type: str) -> str:
    """number | time | bool | text for a DuckDB type name."""
    t = duck_type.upper()
    if t.startswith(("DATE", "TIMESTAMP", "TIME")):
        return "time"
    if t == "BOOLEAN":
        return "bool"
    if t.startswith(("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                     "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL", "REAL")):
        return "number"
    return "text"


def resolve_column(name: str, columns: dict[str, str], role: str, table: str) -> str:
    """The table's column a model-given name means (`words.columns.match_column`), else a ModelError
    with "did you mean"; a model-written expression of two columns ("Profit/Sales") gets its own advice."""
    found = match_column(name, columns)
    if found is not None:
        return found
    pair = expression_pair(name, columns)
    if pair:
        a, b = pair
        raise ModelError(f"'{name}' is not a column: x, y and color take one column each. To show '{a}' "
                         f"against '{b}', use kind=scatter with x='{b}' and y='{a}'.")
    raise ModelError(unknown_column(name, columns, role=role, table=table))


def expression_pair(name: str, columns) -> tuple[str, str] | None:
    """The two columns of a model-written expression ("Profit/Sales", "sales vs profit"), in its order."""
    if name in columns or not re.search(r"[/*+\-]|\b(vs|per|and|over|by)\b", name, re.I):
        return None
    words = stems(name)
    inside = [c for c in columns if stems(c) and stems(c) <= words]
    widest = [c for c in inside if not any(c != o and stems(c) < stems(o) for o in inside)]
    if len(widest) != 2:
        return None
    a, b = sorted(widest, key=lambda c: name.lower().find(c.lower()))
    return a, b


def default_aggregate(y: str | None) -> str:
    if y is None:
        return "count"
    return default_measure_aggregate(y)


@dataclass
class Plan:
    """The resolved chart: spec fields after lint, classes of the columns, the SQL and its column roles."""

    kind: str
    table: str
    x: str | None
    y: str | None
    color: str | None
    aggregate: str
    classes: dict[str, str]
    types: dict[str, str] = field(default_factory=dict)
    where: str | None = None
    bins: int | None = None
    time_grain: str | None = None
    sort: str | None = None
    top_n: int | None = None
    log_y: bool = False
    notes: list[str] = field(default_factory=list)
    sql: str = ""
    roles: dict[str, Any] = field(default_factory=dict)  # result column for x, series, value, n ...
    stats: dict[str, Any] = field(default_factory=dict)
    sampled: int | None = None  # rows of the full data when the scatter shows a sample
    stated_aggregate: bool = True  # False when the spec left the aggregate out
    question: str = ""  # the person's request, when the chart answers one
    asked_aggregate: str | None = None  # the aggregate the request names in words ("average ...")
    rows_noun: str | None = None  # what the rows are, by the table's names (words.names.rows_noun)

    def cls(self, col: str | None) -> str | None:
        return self.classes.get(col) if col else None

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


_AGG_WORDS = (("mean", r"\b(average|avg|mean|promedio|media)\b"), ("count", r"\b(how many|number of|count|cu[aá]nt[oa]s|n[uú]mero de)\b"),
              ("sum", r"\b(total|sum|suma)\b"), ("median", r"\b(median|mediana)\b"))


def aggregate_from_words(question: str, numbers: list[str] | None = None, columns: list[str] | None = None) -> str | None:
    """The aggregate a request names in words ("average price ..."), when exactly one is named.

    With the table's `numbers` (and `columns`), "number of rooms" and "room count" name a column,
    not a count of rows (see `chart_words.row_count_words`).
    """
    text = question or ""
    found = {agg for agg, pattern in _AGG_WORDS if agg != "count" and re.search(pattern, text, re.I)}
    counts = re.search(_AGG_WORDS[1][1], text, re.I) if numbers is None else None
    if numbers is not None:
        from dsagent.tools.chart.words import row_count_words

        counts = row_count_words(text, numbers, columns)
    if counts:
        found.add("count")
    return found.pop() if len(found) == 1 else None


def resolve(spec, ws, question: str = "") -> Plan:
    """Check table and columns, then apply the spec-level lint rules (kind switches, log scale, sort)."""
    table = spec.table or ws.default_table()
    if table not in ws.tables:  # "Cars" or "cars.csv" for cars
        stem = squash(table.rsplit(".", 1)[0] if table.lower().endswith((".csv", ".parquet", ".json")) else table)
        table = next((t for t in ws.tables if squash(t) == stem), table)
    if table not in ws.tables:
        from difflib import get_close_matches

        close = get_close_matches(table, list(ws.tables), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise ModelError(f"Unknown table '{table}'.{hint} Tables: {', '.join(ws.tables)}.")
    types = dict(ws.columns(table))
    classes = {c: column_class(t) for c, t in types.items()}
    given = {role: getattr(spec, role) for role in ("x", "y", "color")}
    aggregate = spec.aggregate or ""
    if not aggregate and spec.kind not in ("scatter", "histogram", "box"):  # the model left it out: the person's words
        aggregate = aggregate_from_words(question, _numbers(types), list(types)) or ""
    stated = bool(aggregate)
    for role, value in given.items():  # small models write the aggregate where a column belongs ("y": "count")
        if value and value not in types and value.strip().lower() in _NOT_A_COLUMN:
            given[role] = None
            if role == "y" and value.strip().lower() in ("count", "rows", "records", "number") and not aggregate:
                aggregate = "count"
        elif value and value not in types and _ROW_COUNT.fullmatch(value.strip()):  # "ROWCOUNT", "n_rows"
            given[role] = None
            if role == "y" and not aggregate:
                aggregate = "count"
    kind, notes = spec.kind, []
    for role in ("y", "x"):  # "y": "Profit/Sales": the model wants both columns; a scatter shows them
        pair = expression_pair(given[role], types) if given[role] else None
        if pair and kind not in ("histogram", "box", "heatmap"):
            other = given["x"] if role == "y" else given["y"]
            if other and other in types and column_class(types[other]) in ("text", "bool") and not given["color"]:
                given["color"] = other
            given["y"], given["x"], kind, aggregate = pair[0], pair[1], "scatter", "none"
            notes.append(say("chart_notes", "two_columns_scatter", y=pair[0], x=pair[1]))
            break
    cols = {role: resolve_column(value, types, role, table) if value else None for role, value in given.items()}
    plan = Plan(kind=kind, table=table, x=cols["x"], y=cols["y"], color=cols["color"],
                aggregate=aggregate, classes=classes, types=types, where=(spec.where or "").strip() or None,
                bins=spec.bins, time_grain=spec.time_grain, sort=spec.sort, top_n=spec.top_n, log_y=spec.log_y)
    plan.stated_aggregate = stated
    plan.rows_noun = rows_noun(table, list(types))  # "Number of tickets", not "Number of rows"
    for text in notes:
        plan.note(text)
    plan.question, plan.asked_aggregate = question or "", aggregate_from_words(question, _numbers(types), list(types))
    from dsagent.tools.chart.intent import apply_words

    apply_words(plan, question, _levels(ws, table))
    _lint_spec(plan)
    return plan


def _numbers(types: dict[str, str]) -> list[str]:
    return [c for c, t in types.items() if column_class(t) == "number"]


def _levels(ws, table: str):
    """Distinct values of a column (approximate, cached): tells a measure from a small-integer code."""
    from dsagent.data.naming import quote_ident

    cache: dict[str, int] = {}

    def levels(col: str) -> int:
        if col not in cache:
            cache[col] = int(ws.scalar(f"SELECT approx_count_distinct({quote_ident(col)}) FROM {quote_ident(table)}") or 0)
        return cache[col]

    return levels


def _lint_spec(p: Plan) -> None:
    """D3 and common sense before any query: the right kind for the columns, no log scale on bars.

    The fixes run in this order because each reads what the one before settled: the roles and the kind
    first, then whether the chart can be drawn at all, then its aggregate, then how it is shown.
    """
    _move_roles(p)
    _settle_scatter(p)
    _require_axes(p)
    _settle_aggregate(p)
    _settle_display(p)


def _move_roles(p: Plan) -> None:
    """Columns in the wrong role for the kind, or a kind wrong for the columns: a category on y splits the
    bars, a histogram of a category or of dates is a bar of counts, a category over time draws a line each."""
    if p.kind in ("grouped_bar", "stacked_bar", "line", "area") and p.y and p.y != p.x and p.cls(p.y) in ("text", "bool") \
            and (not p.color or p.color == p.x) and p.aggregate != "distinct":
        p.color, p.y = p.y, None  # a category on y cannot be measured: it was meant to split the bars
        p.note(say("chart_notes", "category_splits", color=p.color))
    if p.x is None and p.y is not None and p.kind in ("histogram", "box"):
        p.x, p.y = p.y, None
    if p.kind == "box" and p.y is None and p.cls(p.x) == "number":
        p.x, p.y = None, p.x
    if p.kind == "histogram" and p.x and p.cls(p.x) in ("text", "bool"):
        p.kind, p.aggregate = "bar", "count"
        p.note(say("chart_notes", "histogram_of_category", x=p.x))
    if p.kind == "histogram" and p.x and p.cls(p.x) == "time":
        p.kind, p.aggregate = "bar", "count"
        p.note(say("chart_notes", "histogram_of_date", x=p.x))
    if p.kind == "scatter" and p.cls(p.x) in ("text", "bool") and p.cls(p.y) == "number" and p.cls(p.color) == "number":
        p.x, p.color = p.color, p.x  # two measures and a category: the category splits the points
        p.note(say("chart_notes", "category_colours_scatter", y=p.y, x=p.x, color=p.color))
    if p.kind in ("bar", "grouped_bar", "stacked_bar") and p.x and p.x == p.color and p.y \
            and p.aggregate == "count" and p.cls(p.y) != "text":
        p.x = p.y  # "count of cars vs cylinders, coloured by origin" with the category put on y
        p.y = None
    if p.kind in ("line", "area") and p.cls(p.x) in ("text", "bool") and not p.color:
        time_col = _time_axis(p)
        if time_col:
            p.color, p.x = p.x, time_col
            p.note(say("chart_notes", "lines_over_time", time=time_col, color=p.color))


def _settle_scatter(p: Plan) -> None:
    """A scatter needs two numbers: of one column a histogram, of a category and a number a box."""
    if p.kind == "scatter":
        if p.y is None:
            p.kind = "histogram"
            p.note(say("chart_notes", "scatter_of_one"))
        elif p.cls(p.x) in ("text", "bool") and p.cls(p.y) == "number":
            p.kind = "box"
            p.note(say("chart_notes", "scatter_of_category", x=p.x, y=p.y))
        elif p.cls(p.y) in ("text", "bool") and p.cls(p.x) == "number":
            p.kind, p.x, p.y = "box", p.y, p.x
            p.note(say("chart_notes", "scatter_of_category", x=p.x, y=p.y))


def _require_axes(p: Plan) -> None:
    """The axes a kind cannot do without, and a colour only where it splits something."""
    if p.x is None and p.kind != "box":
        raise ModelError(f"A {p.kind} chart needs x (a column). Set x to one of the table's columns.")
    if p.kind == "heatmap" and p.y is None:
        raise ModelError("A heatmap needs x and y (two columns); color may name a measure to aggregate.")
    if p.kind in ("grouped_bar", "stacked_bar") and not p.color:
        p.kind = "bar"
    if p.kind == "bar" and p.color:
        p.kind = "grouped_bar"
    if p.x and p.color and p.x == p.color and p.kind != "scatter":
        p.color = None
        if p.kind in ("grouped_bar", "stacked_bar"):
            p.kind = "bar"


def _settle_aggregate(p: Plan) -> None:
    """The aggregate the kind and the measure allow: none or count for distributions, a number's for bars."""
    if p.kind in ("scatter", "histogram", "box"):
        if p.aggregate and p.aggregate not in ("none", "count"):
            p.note(say("chart_notes", "aggregate_ignored", aggregate=aggregate_word(p.aggregate),
                        kind=kind_word(p.kind)))
        p.aggregate = "none" if p.kind == "scatter" else "count"
    else:
        measure = p.color if p.kind == "heatmap" else p.y
        if p.kind == "heatmap" and p.color and p.cls(p.color) != "number" and p.aggregate not in ("distinct",):
            p.color, measure = None, None
        if not p.aggregate or p.aggregate == "none":
            p.aggregate = default_aggregate(measure)
        if measure is None:
            p.aggregate = "count"
        elif p.aggregate in ("sum", "mean", "median") and p.cls(measure) != "number":
            if p.aggregate and p.kind != "heatmap":
                p.note(say("chart_notes", "not_a_number", measure=measure, aggregate=aggregate_word(p.aggregate)))
            p.aggregate = "count"
        if p.kind == "heatmap" and p.aggregate == "count":
            p.color = None
        elif p.kind != "heatmap" and p.aggregate == "count":
            p.y = None


def _settle_display(p: Plan) -> None:
    """How the chart is shown: no pie of means, no log scale on bars, time in order, a grain only for time."""
    if p.kind == "pie" and p.aggregate in MEAN_LIKE:
        p.kind = "bar"
        p.note(say("chart_notes", "pie_of_mean", aggregate=aggregate_word(p.aggregate)))
    if p.log_y and p.kind in BAR_KINDS | {"histogram", "area", "pie", "heatmap"}:
        p.log_y = False
        p.note(say("chart_notes", "log_scale_off", kind=kind_word(p.kind)))
    if p.cls(p.x) == "time" and p.kind in ("line", "area", "bar", "grouped_bar", "stacked_bar") and p.sort not in (None, "x"):
        p.sort = "x"
        p.note(say("chart_notes", "time_order_kept"))
    if p.cls(p.x) != "time" and p.time_grain:
        p.time_grain = None


def _time_axis(p: Plan) -> str | None:
    """The table's one time axis: a date column, or else one numeric column named like a year."""
    dates = [c for c, k in p.classes.items() if k == "time"]
    if len(dates) == 1:
        return dates[0]
    years = [c for c, k in p.classes.items() if k == "number" and re.search(r"(^|[^a-z])(year|año|anio)s?$", c.lower())]
    return years[0] if len(years) == 1 and not dates else None