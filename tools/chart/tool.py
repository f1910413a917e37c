"""The chart tool: a typed chart spec in, an aggregated query in DuckDB, a matplotlib PNG out."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from dsagent.errors import ModelError

from dsagent.tools.base import Result, ToolContext, capped, tool
from dsagent.tools.chart.notes import grain_word
from dsagent.words.language import say

_MAX_COUNT_BARS = 20  # counts per number with more values than this are a histogram
_MAX_CHART_ROWS = 10_000  # the chart queries aggregate or sample; this only guards against a surprise
ChartKind = Literal["bar", "grouped_bar", "stacked_bar", "line", "area", "scatter", "histogram", "box",
                    "heatmap", "pie"]
Aggregate = Literal["count", "sum", "mean", "median", "min", "max", "distinct", "none"]
TimeGrain = Literal["year", "quarter", "month", "week", "day", "hour"]


class ChartSpec(BaseModel):
    """What to draw. The planner fills this; nothing model-written is ever executed as code."""

    kind: ChartKind = Field(description="bar (one measure per category), grouped_bar/stacked_bar (split by "
                            "color), line/area (over time or an ordered x), scatter (two numbers), histogram "
                            "(distribution of one number), box (distribution per category), heatmap, pie.")
    table: str | None = Field(None, description="Table to plot; the default table when omitted.")
    x: str | None = Field(None, description="Column on the x axis: the category, the time, or the number "
                          "binned by a histogram.")
    y: str | None = Field(None, description="Column of the measure on the y axis; omit to count rows. "
                          "Heatmap: the second category.")
    color: str | None = Field(None, description="Column that splits the data into colours/series. Heatmap: "
                              "the measure shown as colour.")
    aggregate: Aggregate | None = Field(None, description="How y is aggregated per x: count (no y), sum, mean, "
                                        "median, min, max, distinct; none for a scatter.")
    bins: int | None = Field(None, description="Number of bins for a histogram.")
    time_grain: TimeGrain | None = Field(None, description="Truncate a date x to this grain.")
    sort: Literal["x", "x_desc", "y_desc", "y_asc"] | None = Field(
        None, description="Order of bars: x by their labels (A to Z), x_desc (Z to A), y_desc or y_asc by value.")
    top_n: int | None = Field(None, description="Keep the N categories with the largest values, the rest as 'Other'.")
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
    data_path: str | None = None  # the CSV of the rows behind the chart
    spec_path: str | None = None  # the spec as drawn, with the SQL and the notes, as JSON
    title: str = ""
    count_column: str | None = None  # rows behind each plotted value (for the reviewer's D1 check)
    small_groups: list[str] = []  # labels of groups under 20 rows, marked in the chart (D1)
    hidden_groups: list[str] = []  # labels of groups under 5 rows whose value is not shown (D1)
    sample_of: int | None = None  # a scatter drawn from a sample: the number of rows it was taken from
    draw: dict[str, Any] = {}  # what was drawn: axis limits, scales, series (read by tests and the renderer)
    preview: dict[str, Any] = {}  # a small text-preview model: labels and values, or a series of points

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "spec": self.spec, "path": self.path,
                "data": {"columns": self.columns, "rows": self.rows},
                "notes": self.notes, "data_path": self.data_path, "spec_path": self.spec_path}

    def summary(self) -> str:
        import json

        head = {"kind": "chart", "title": self.title, "path": self.path, "spec": self.spec, "notes": self.notes,
                "columns": self.columns, "rows": self.rows[:15], "row_count": len(self.rows)}
        return capped(json.dumps(head, default=str))

    @property
    def sql(self) -> str | None:
        return self.query


@tool(ChartSpec)
def make_chart(ws, args: ChartSpec, ctx: ToolContext) -> ChartResult:
    """Draw a chart (bar, line, area, scatter, histogram, box, heatmap, pie) of the data and save it as an image."""
    from dsagent.tools.chart import sql as cs
    from dsagent.tools.chart.lint import resolve

    plan = resolve(args, ws, ctx.question)
    from dsagent.tools.chart.where import check_where, empty_result_message

    check_where(plan)
    date_col = _date_column(plan)
    plan.stats = _query(ws, cs.stats_sql(plan, date_col), 1).dicts[0]
    if plan.cls(plan.x) == "time" and plan.kind not in ("scatter", "histogram") and not plan.time_grain \
            and plan.stats.get("x_min") is not None and int(plan.stats.get("x_distinct") or 0) > 40:
        plan.time_grain = cs.choose_grain(plan.stats["x_min"], plan.stats["x_max"])
    _lint_with_stats(plan)
    if plan.kind == "bar" and plan.aggregate == "count" and plan.cls(plan.x) == "number" \
            and int(plan.stats.get("x_distinct") or 0) > _MAX_COUNT_BARS:
        plan.kind = "histogram"
        plan.note(say("chart_notes", "many_numbers_histogram", x=plan.x, distinct=f"{int(plan.stats['x_distinct']):,}"))
    st = plan.stats
    if plan.aggregate == "mean" and plan.cls(plan.y) == "number" and plan.kind != "heatmap" \
            and st.get("y_min") == 0 and st.get("y_max") == 1 and int(st.get("y_distinct") or 0) <= 2:
        plan.roles["rate"] = True  # the mean of a 0/1 column is a share: titled and shown as one
    if plan.kind == "scatter" and st.get("xy_corr") is not None:  # of every pair, not only the drawn sample
        plan.note(say("chart_notes", "correlation", x=plan.x, y=plan.y, r=f"{float(st['xy_corr']):.2f}",
                      pairs=f"{int(st.get('pairs') or 0):,}"))
    cs.build_sql(plan)
    data = _query(ws, plan.sql, _MAX_CHART_ROWS)
    if data.truncated:
        plan.note(say("chart_notes", "rows_cut", shown=f"{_MAX_CHART_ROWS:,}", rows=f"{data.row_count:,}"))
    rows = data.dicts
    if not rows:
        raise ModelError(empty_result_message(ws, plan, ctx.privacy))
    rows = _in_scale_order(plan, rows)
    _lint_values(plan, rows)
    small, hidden = _mark_small_groups(plan, rows)
    _note_partial_periods(plan)
    from dsagent.tools.chart.titles import auto_title, axis_label, subtitle as subtitle_of, value_label

    title = args.title or auto_title(plan)
    title = title[:1].upper() + title[1:]
    subtitle = subtitle_of(plan, date_col)
    labels = {"x": args.x_label or axis_label(plan, "x"), "y": args.y_label or axis_label(plan, "y")}
    if plan.kind == "heatmap":
        labels["value"] = value_label(plan)
    from dsagent.tools.chart.draw import draw

    image, drawn = draw(plan, rows, title, subtitle, labels, args.format)
    columns = [c for c in data.columns if c != "fliers"]
    table_rows = [[r[c] for c in columns] for r in rows]
    spec = _drawn_spec(args, plan, title, labels)
    from dsagent.tools.chart.files import preview_model, save_chart

    paths = save_chart(Path(ctx.output_dir), title, args.format, image, spec, plan, columns, table_rows)
    return ChartResult(spec=spec, path=paths["image"], columns=columns, rows=table_rows, query=plan.sql,
                       notes=plan.notes, data_path=paths["csv"], spec_path=paths["json"], title=title,
                       count_column=None if plan.kind in ("histogram", "scatter") else plan.roles.get("n"),
                       small_groups=small, hidden_groups=hidden, sample_of=plan.sampled, draw=drawn,
                       preview=preview_model(plan, rows))


# One short hint per field for small local models: every token of a tool schema is read on every call.
_SHORT_HINTS = {
    "kind": "chart type", "x": "column on x (category, time, or the binned number)",
    "y": "numeric column measured; omit to count rows", "color": "category column that splits bars/lines/points",
    "aggregate": "how y is aggregated per x", "where": "optional DuckDB filter condition",
}


def chart_tool_schema(name: str = "make_chart") -> dict[str, Any]:
    """ChartSpec as a compact OpenAI tool schema (no titles, no null unions) for small models.

    The model's arguments are validated with `ChartSpec.model_validate`, so both schemas accept the
    same thing; this one costs about a third of the prompt tokens of the full JSON schema.
    """
    from typing import get_args, get_origin

    props: dict[str, Any] = {}
    for field_name, info in ChartSpec.model_fields.items():
        ann = info.annotation
        options = [a for a in get_args(ann) if a is not type(None)] if get_origin(ann) is not Literal else [ann]
        base = options[0] if options else ann
        if get_origin(base) is Literal:
            prop: dict[str, Any] = {"type": "string", "enum": list(get_args(base))}
        else:
            prop = {"type": {int: "integer", bool: "boolean", float: "number"}.get(base, "string")}
        if field_name in _SHORT_HINTS:
            prop["description"] = _SHORT_HINTS[field_name]
        props[field_name] = prop
    return {"type": "function", "function": {"name": name, "description": "Draw a chart of the table.",
                                             "parameters": {"type": "object", "properties": props,
                                                            "required": ["kind"]}}}


def chart_prompt() -> str:
    """The planner's guidance for filling a ChartSpec (prompts/chart_spec.txt)."""
    from importlib.resources import files

    return files("dsagent.prompts").joinpath("chart_spec.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- helpers of make_chart
class _Rows:
    def __init__(self, result):
        self.columns, self.truncated, self.row_count = result.columns, result.truncated, result.row_count
        self.dicts = [dict(zip(result.columns, r)) for r in result.rows]


def _query(ws, sql: str, max_rows: int) -> _Rows:
    """Run chart SQL through the SQL guard and the workspace's limits."""
    from dsagent.sql.guard import guard_sql

    guard_sql(sql, ws)
    import duckdb

    try:
        return _Rows(ws.query(sql, max_rows=max_rows))
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"The chart query failed: {first}") from None


def _in_scale_order(plan, rows: list[dict]) -> list[dict]:
    """Bars of an ordered scale's values ('strongly disagree' ... 'strongly agree', 'low' ... 'urgent')
    in its order, unless the request sorted them by their values (words/scales.py)."""
    from dsagent.words.scales import scale_order

    x = plan.roles.get("x")
    if plan.sort not in (None, "x") or plan.kind not in ("bar", "pie", "grouped_bar", "stacked_bar") or not x \
            or plan.cls(plan.x) != "text":
        return rows
    ordered = scale_order(r.get(x) for r in rows)
    if not ordered:
        return rows
    rank = {v: i for i, v in enumerate(ordered)}
    return sorted(rows, key=lambda r: rank.get(r.get(x), len(rank)))


def _date_column(plan) -> str | None:
    if plan.cls(plan.x) == "time":
        return plan.x
    return next((c for c, k in plan.classes.items() if k == "time"), None)


def _mark_small_groups(plan, rows: list[dict]) -> tuple[list[str], list[str]]:
    """D1: groups under 20 rows are marked; an average of under 5 rows is not shown. Returns the
    labels of both (marked, not shown)."""
    from dsagent.tools.chart.style import value_label
    from dsagent.tools.chart.lint import MEAN_LIKE
    from dsagent.tools.chart.sql import HIDE_GROUP, SMALL_GROUP

    n_col = plan.roles.get("n")
    # D1 is about rates and averages: a count or a total from a few rows is still exact.
    if not n_col or plan.kind in ("histogram", "scatter") or (plan.aggregate not in MEAN_LIKE and plan.kind != "box"):
        return [], []
    small, hidden, tiny = [], [], []
    keys = [plan.roles.get(k) for k in ("x", "series", "heat_y") if plan.roles.get(k)]
    for r in rows:
        n = r.get(n_col) or 0
        if n < SMALL_GROUP:
            label = " / ".join(value_label(plan, r[k], plan.x if k == plan.roles.get("x") else None)
                               for k in keys) or say("chart_notes", "all_rows")
            small.append(label)
            r["_small"] = True
            if n < HIDE_GROUP and plan.aggregate in ("mean", "median", "min", "max") and plan.kind != "box":
                tiny.append((r, label))
    # A few averages of a handful of rows among many are hidden; when they are most of the chart (a daily
    # line of one reading a day per station) they are the data itself, and hiding them drew an empty chart:
    # they are kept, marked as small groups, and the note says why.
    if tiny and len(tiny) > len(rows) / 2:
        plan.note(say("chart_notes", "tiny_groups_kept", limit=HIDE_GROUP, count=len(tiny), total=len(rows)))
    else:
        for r, label in tiny:
            r[plan.roles["value"]] = None
            hidden.append(label)
    if small:
        shown = ", ".join(small[:8])
        if len(small) > 8:
            shown = say("chart_notes", "and_more", names=shown, n=len(small) - 8)
        plan.note(say("chart_notes", "small_groups", count=len(small), limit=SMALL_GROUP, groups=shown))
    if hidden:
        plan.note(say("chart_notes", "hidden_groups", limit=HIDE_GROUP, groups=", ".join(hidden[:8])))
    return small, hidden


def _periods(lo: Any, hi: Any, grain: str | None) -> int:
    import datetime as dt

    a, b = dt.date.fromisoformat(str(lo)[:10]), dt.date.fromisoformat(str(hi)[:10])
    months = (b.year - a.year) * 12 + b.month - a.month
    return {"year": b.year - a.year, "quarter": months // 3, "month": months, "week": (b - a).days // 7,
            "hour": (b - a).days * 24}.get(grain or "day", (b - a).days) + 1


def cs_max_series() -> int:
    from dsagent.tools.chart.sql import MAX_SERIES

    return MAX_SERIES


def _lint_with_stats(plan) -> None:
    """Kind switches that need the data's shape: many periods of bars, a measure against a measure."""
    import re

    st = plan.stats
    year_x = plan.cls(plan.x) == "number" and bool(re.search(r"(^|[^a-z])(year|año|anio)s?$", (plan.x or "").lower()))
    if (plan.cls(plan.x) == "time" or year_x) and plan.kind in ("bar", "grouped_bar", "stacked_bar") \
            and st.get("x_min") is not None:
        periods = _periods(st["x_min"], st["x_max"], plan.time_grain) if plan.time_grain and not year_x \
            else int(st["x_distinct"] or 0)
        # a time series reads as a line; bars the person asked for by name stay up to 60 periods
        from dsagent.words.charts import kind_named

        bars_asked = kind_named(plan.question) in ("bar", "grouped_bar", "stacked_bar")
        if periods > (60 if bars_asked and not plan.color else 12):
            plan.kind = "line"
            plan.note(say("chart_notes", "bars_to_lines", periods=periods))
    if plan.color and plan.cls(plan.color) == "number" and plan.kind not in ("scatter", "heatmap") \
            and int(st.get("color_distinct") or 0) > cs_max_series():
        plan.note(say("chart_notes", "numeric_split_dropped", color=plan.color,
                      distinct=f"{int(st['color_distinct']):,}"))
        plan.color = None
        if plan.kind in ("grouped_bar", "stacked_bar"):
            plan.kind = "bar"
    distinct, rows = int(st.get("x_distinct") or 0), int(st.get("rows") or 0)
    if plan.kind == "box" and plan.x and rows >= 20 and distinct > 0.5 * rows:
        plan.note(say("chart_notes", "one_box", x=plan.x, distinct=f"{distinct:,}"))
        plan.x = None
    colors = int(st.get("color_distinct") or 0)
    if plan.kind != "heatmap" and plan.color and plan.cls(plan.color) in ("text", "bool") and rows >= 20 \
            and colors > 0.5 * rows:  # a name per row: six names and "Other" would tell nothing
        plan.note(say("chart_notes", "split_dropped", color=plan.color, distinct=f"{colors:,}"))
        plan.color = None
        if plan.kind in ("grouped_bar", "stacked_bar"):
            plan.kind = "bar"
    # the person's words decide whether an aggregate was asked for; without a request, the spec does
    asked = bool(plan.asked_aggregate) if plan.question else plan.stated_aggregate
    if plan.kind in ("bar", "grouped_bar", "stacked_bar", "line", "area") and not asked and plan.aggregate != "count" \
            and plan.cls(plan.x) == "number" and plan.cls(plan.y) == "number" \
            and not re.search(r"year|año", plan.x.lower()) and distinct > max(50, 0.3 * rows):
        plan.kind, plan.aggregate = "scatter", "none"
        plan.note(say("chart_notes", "measure_to_scatter", x=plan.x, distinct=f"{distinct:,}"))


def _lint_values(plan, rows: list[dict]) -> None:
    """Checks that need the numbers: no pie of negative parts, no log scale over zero or less."""
    key = plan.roles.get("y") if plan.kind == "scatter" else plan.roles.get("value")
    values = [r.get(key) for r in rows if isinstance(r.get(key), (int, float))] if key else []
    if plan.kind == "pie" and any(v < 0 for v in values):
        plan.kind = "bar"
        plan.note(say("chart_notes", "negative_pie"))
    if plan.log_y and any(v <= 0 for v in values):
        plan.log_y = False
        plan.note(say("chart_notes", "log_scale_off_values"))


def _note_partial_periods(plan) -> None:
    """A total for a period the data only partly covers looks like a drop: say which periods are partial."""
    import calendar
    import datetime as dt

    grain, st = plan.time_grain, plan.stats
    if plan.cls(plan.x) != "time" or grain not in ("week", "month", "quarter", "year") \
            or plan.aggregate not in ("sum", "count", "distinct") or st.get("x_min") is None:
        return
    lo, hi = dt.date.fromisoformat(str(st["x_min"])[:10]), dt.date.fromisoformat(str(st["x_max"])[:10])
    if grain == "week":
        starts, ends = lo.weekday() == 0, hi.weekday() == 6
    elif grain == "month":
        starts, ends = lo.day == 1, hi.day == calendar.monthrange(hi.year, hi.month)[1]
    elif grain == "quarter":
        starts = lo.day == 1 and lo.month in (1, 4, 7, 10)
        ends = (hi.month, hi.day) in ((3, 31), (6, 30), (9, 30), (12, 31))
    else:
        starts, ends = (lo.month, lo.day) == (1, 1), (hi.month, hi.day) == (12, 31)
    word = grain_word(grain)
    partial = ([say("chart_notes", "partial_first", grain=word, start=lo)] if not starts else []) + \
              ([say("chart_notes", "partial_last", grain=word, end=hi)] if not ends else [])
    if partial:
        periods = say("chart_notes", "partial_both", first=partial[0], last=partial[1]) if len(partial) == 2 \
            else partial[0]
        plan.note(say("chart_notes", "partial_periods", count=len(partial), periods=periods))


def _drawn_spec(args: ChartSpec, plan, title: str, labels: dict) -> dict[str, Any]:
    spec = args.model_dump(mode="json")
    spec.update({"kind": plan.kind, "table": plan.table, "x": plan.x, "y": plan.y, "color": plan.color,
                 "aggregate": plan.aggregate, "bins": plan.bins, "time_grain": plan.time_grain, "sort": plan.sort,
                 "top_n": plan.top_n, "where": plan.where, "title": title, "x_label": labels["x"],
                 "y_label": labels["y"], "log_y": plan.log_y})
    return spec
