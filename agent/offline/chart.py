"""Charts for the offline planner: the ChartSpec a request describes, and the chart of a query's answer.

Also the helpers the intent modules share (`fail`, `default_agg`, `chart_kind_of`).
"""

from __future__ import annotations

from dsagent.words.measures import is_additive
from dsagent.offline.linker import Column, SchemaIndex
from dsagent.offline.grammar.roles import CHART_KEYS, NotUnderstood, Roles
from dsagent.offline.plan import Measure, Plan

CHART_AGG = {"avg": "mean", "count_distinct": "distinct", "sum": "sum", "count": "count", "median": "median",
             "min": "min", "max": "max", "rate": "mean"}


def default_agg(col: Column) -> str:
    """sum for money-like or count-like measures, avg for the rest (age, rating, temperature)."""
    return "sum" if is_additive(col.name) else "avg"


def fail(r: Roles, plan_lang: str, table: str, *problems: str) -> NotUnderstood:
    exc = NotUnderstood(list(r.unknown), list(r.problems) + [p for p in problems if p], list(r.understood),
                        plan_lang, table)
    exc.rewordings = list(r.rewordings)
    return exc


def chart_kind_of(r: Roles) -> str | None:
    kinds = [CHART_KEYS[k] for k in r.keys if k in CHART_KEYS]
    if not kinds:
        return None
    # "stacked bar" / "grouped bar" are more specific than "bar"; 'distribution' is weaker than a named chart
    for pref in ("stacked_bar", "grouped_bar", "scatter", "line", "area", "pie", "box", "heatmap", "bar", "histogram"):
        if pref in kinds:
            return pref
    return kinds[0]


def split_bars(agg: str | None) -> str:
    """Bars split by a second column: stacked when the parts add up (sums, counts), side by side otherwise
    (stacked averages or rates would draw a total that means nothing)."""
    return "stacked_bar" if agg in ("sum", "count", None) else "grouped_bar"


def splittable(c: Column | None) -> bool:
    """A column a chart can split series or colours by: discrete, 2 to 50 values."""
    return c is not None and c.discrete and 2 <= (c.distinct or len(c.values)) <= 50


def bins_of_width(r: Roles, p: Plan, col: Column) -> int:
    """How many bins of `r.bin_width` cover the column's range (ChartSpec takes a count)."""
    import math

    try:
        n = math.ceil((float(col.max) - float(col.min)) / float(r.bin_width))
    except (TypeError, ValueError, ZeroDivisionError):
        n = 0
    if not 1 <= n <= 200:
        raise fail(r, p.language, p.table, f"bins of {r.bin_width} over {col.name} ({col.min} to {col.max})")
    p.understood.append(f"bins of {r.bin_width} ({n} bins)")
    return n


def _row_label(c: Column) -> bool:
    """A text column that names rows (hundreds of distinct values, or an id): no grouping or colour fits it."""
    return c.label or (c.kind == "text" and not splittable(c) and (c.distinct or 0) > 50)


def listed_split(p: Plan, x: Column) -> Column | None:
    """'sales of furniture, office supplies and technology over time': one series per listed value."""
    for f in p.filters:
        if f.op == "in" and f.column is not None and f.column is not x and splittable(f.column):
            return f.column
    return None


_PART_GRAINS = ("month_of_year", "quarter_of_year", "weekday")  # a chart's time grain is a period, not a part


def chart_plan(r: Roles, p: Plan, index: SchemaIndex) -> Plan:
    if r.grain in _PART_GRAINS:
        raise fail(r, p.language, p.table, f"a chart by {r.grain.replace('_', ' ')}")
    kind = chart_kind_of(r)
    keys = set(r.keys)
    p.intent = "chart"
    p.filters = list(r.filters)
    p = chart_plan_inner(r, p, index, kind, keys)
    if r.axis:
        p = _with_axes(p, r)
    if "FACET_BY" in keys and p.chart_color is not None:  # ChartSpec draws no panels
        p.notes.append(f"separate panels drawn as one chart with a colour per {p.chart_color.name}")
    if r.order_column is not None:
        chart_order(p, r.order_column, r.descending, r)
    return p


def chart_order(p: Plan, col: Column, descending: bool | None, r: Roles | None = None) -> None:
    """'... sorted from low to high by the names': bars in the order of their labels (ascending only), or
    of their heights; an order by a column the chart does not show is not understood."""
    if p.chart_x is not None and col.name == p.chart_x.name and not descending:
        p.chart_sort = "x"
    elif p.chart_y is not None and col.name == p.chart_y.name:
        p.chart_sort = "y_desc" if descending else "y_asc"
    else:
        problem = f"ordering the chart by {col.name}" + (" from high to low" if descending else "")
        raise NotUnderstood(list(r.unknown) if r else [], [problem], list(r.understood) if r else [], p.language,
                            p.table)


def _with_axes(p: Plan, r: Roles) -> Plan:
    """Honour 'X on the x axis': swap a scatter's axes, refuse anything else that disagrees."""
    want_x, want_y = r.axis.get("x"), r.axis.get("y")
    if (want_x is None or want_x is p.chart_x) and (want_y is None or want_y is p.chart_y):
        return p
    if p.chart_kind == "scatter" and (want_x in (None, p.chart_y)) and (want_y in (None, p.chart_x)):
        p.chart_x, p.chart_y = p.chart_y, p.chart_x
        return p
    raise fail(r, p.language, p.table, "the axes asked for")


def chart_plan_inner(r: Roles, p: Plan, index: SchemaIndex, kind: str | None, keys: set) -> Plan:
    lang, table = p.language, p.table
    measures = [m for m in r.measures]
    groups = list(dict.fromkeys(g.column for g in r.groups))
    if len(measures) == 1 and measures[0].agg == "count_distinct" and not groups and not r.bare \
            and measures[0].column.discrete:
        # "frequency chart of quantity", "count of quantity as bars": a chart of one category counts its values
        groups, measures = [measures[0].column], [Measure("count")]
    bare = [c for c in dict.fromkeys(r.bare) if c not in groups]  # a column named twice counts once
    color = r.color
    p.filters = list(r.filters)
    p.time_grain = r.grain
    p.bins = r.bins
    p.limit = r.limit
    p.descending = r.descending
    if r.numbers:
        raise fail(r, lang, table, "the number " + ", ".join(str(n) for n in r.numbers))
    nums = [c for c in bare if c.continuous]
    cats = [c for c in bare if c not in nums]
    mcols = [m.column for m in measures if m.column is not None]

    def measure_of(col: Column | None) -> tuple[Column | None, str]:
        for m in measures:
            if m.column is not None and (col is None or m.column.name == col.name):
                return m.column, CHART_AGG.get(m.agg, m.agg)
        if col is None:
            return None, "count"
        p.confident = False  # no aggregate named: the default is a guess a model may make better
        p.notes.append(f"no aggregate named: used {default_agg(col)} of {col.name}")
        return col, CHART_AGG[default_agg(col)]

    conts_named = [c for c in dict.fromkeys(bare + groups) if c.continuous]
    if kind == "histogram" and "CHART_HIST" not in keys and len(conts_named) == 2 and not measures:
        kind = None  # "the distribution of acceleration vs horsepower": two numbers are a scatter
        keys.add("RELATION")
    if kind == "histogram" and measures and not any(c.continuous for c in groups):
        kind = "bar"  # "histogram of the count of models by origin", "average mpg by cylinders histogram"
    # "plot horsepower by acceleration", "X distribution by Y" with Y a measure too: a scatter
    cont_groups = [g for g in groups if g.continuous]
    if cont_groups and kind in (None, "bar", "box", "histogram") and not measures and len(nums) == 1 \
            and len(cont_groups) == 1:
        kind = "scatter"
        keys.add("VS")  # y is the column named first, x the one after 'by'
    # --- scatter: two numbers
    cont_all = [c for c in bare + groups if c.continuous]
    if kind == "scatter" or (kind is None and ("VS" in keys or "RELATION" in keys) and len(cont_all) == 2
                             and not measures) or \
            (kind is None and len(nums) == 2 and not measures and not groups):
        pair = nums if len(nums) == 2 else [c for c in bare + groups if c.continuous]
        if len(pair) != 2 or measures:
            raise fail(r, lang, table, "two numeric columns for a scatter plot")
        y, x = (pair[0], pair[1]) if "VS" in keys else (pair[1], pair[0])
        p.chart_kind, p.chart_x, p.chart_y = "scatter", x, y
        rest = [c for c in bare + groups if c not in pair and c is not color]
        labels = [c for c in rest if _row_label(c)]  # "for individual car models": a point per row already
        rest = [c for c in rest if c not in labels]
        if labels:
            p.understood.append("one point per row (" + ", ".join(c.name for c in labels) + ")")
        p.chart_color = color or (rest[0] if len(rest) == 1 and splittable(rest[0]) else None) or listed_split(p, x)
        if len([c for c in rest if c is not p.chart_color]):
            raise fail(r, lang, table, "what to do with " + ", ".join(c.name for c in rest))
        p.understood.append(f"scatter of {y.name} against {x.name}")
        return p
    # --- histogram / distribution of one number
    if kind in ("histogram", "box") and not measures:
        # a discrete number ("cylinders") is counted per value, not binned; "distribution of cars by weight"
        target = nums or ([g for g in groups if g.continuous][:1] if len(groups) == 1 else [])
        groups = [g for g in groups if g not in target]
        if len(target) == 1 and any(_row_label(c) for c in cats):  # "distribution of models by weight": rows
            cats = [c for c in cats if not _row_label(c)]
        if len(target) == 1 and len(cats) <= 1:
            col = target[0]
            split = [c for c in groups + cats if c is not col][:1]
            if split and not splittable(split[0]):
                raise fail(r, lang, table, f"splitting by '{split[0].name}' ({split[0].distinct} values)")
            if kind == "box" or (split and "histogram" not in " ".join(it for it in r.keys)):
                if not split and kind == "box":
                    p.chart_kind, p.chart_y = "box", col
                    return p
                if kind == "box" or split:
                    p.chart_kind, p.chart_x, p.chart_y = "box", split[0], col
                    p.chart_color = color
                    return p
            p.chart_kind, p.chart_x = "histogram", col
            p.chart_color = color or (split[0] if split else None)
            if r.bin_width:
                p.bins = bins_of_width(r, p, col)
            return p
        labels = [c for c in cats if _row_label(c)]
        if labels and len(cats) == 1 and not target and groups:  # "histogram of car models by country": rows
            cats, bare = [], [c for c in bare if c not in labels]
            p.understood.append(f"count of rows ({labels[0].name})")
        if not cats and not target and len(groups) == 1 and not groups[0].continuous and kind == "histogram":
            cats, groups = [groups[0]], []
        if len(cats) == 1 and not target and kind == "histogram":
            kind = "bar"  # "distribution of purpose": counts per category
            groups, bare = [cats[0]] + groups, []
            cats = []
            if len(groups) == 2 and color is None and splittable(groups[1]):
                kind = "stacked_bar"
        else:
            raise fail(r, lang, table, "one numeric column for a histogram")
    # --- line / area over time
    times = [c for c in bare + groups if c.temporal or c.year_like]
    # "plot revenue per month": a time grain with no chart named means a line over the date column
    if kind in ("line", "area") or "OVER_TIME" in keys or (kind is None and (times or r.grain)):
        x = times[0] if times else None
        if x is None:
            tcs = index.time_columns(table)
            if len(tcs) != 1:
                if kind in ("line", "area") and groups and not times:
                    x = groups[0]
                else:
                    raise fail(r, lang, table, "a single date column for the x axis")
            else:
                x = tcs[0]
        others = [c for c in nums if c not in mcols]
        if any(m.agg in ("percent", "share") for m in measures):  # ChartSpec has no share aggregate
            raise fail(r, lang, table, "a percentage chart")
        ycol, agg = measure_of(None if not (mcols or others) else (mcols or others)[0])
        if len(others) + len(mcols) > 1:
            raise fail(r, lang, table, "one measure for the y axis")
        rest = [c for c in cats + groups if c.name != x.name]
        if len(rest) > 1 or (rest and color):
            raise fail(r, lang, table, "what to do with " + ", ".join(c.name for c in rest))
        p.chart_kind = kind if kind in ("line", "area") else "line"
        p.chart_x, p.chart_y, p.chart_agg = x, ycol, agg
        p.chart_color = color or (rest[0] if rest else None) or listed_split(p, x)
        if p.chart_color is not None and not splittable(p.chart_color):
            raise fail(r, lang, table, f"one line per '{p.chart_color.name}' ({p.chart_color.distinct} values)")
        return p
    # --- bars and pies: a category on x, a measure or a count on y
    if kind in (None, "bar", "grouped_bar", "stacked_bar", "pie", "heatmap"):
        if kind == "heatmap":
            raise fail(r, lang, table, "a heatmap (say 'bar chart of ... by ... and ...')")
        xs = groups + [c for c in cats if c not in groups]
        conts = [c for c in nums if c not in mcols]
        if not xs and len(conts) == 2 and kind is None:
            raise fail(r, lang, table, "which column goes on which axis")
        if not xs and len(nums) == 1 and not measures and len(groups) == 0 and kind in (None, "bar") and (
                "CHART" in keys or kind == "bar"):
            p.chart_kind, p.chart_x = "histogram", nums[0]  # "bar chart of weight": bars of a number are bins
            if kind == "bar" and not keys & {"CHART_HIST", "CHART_DIST"}:
                p.notes.append(f"bars of the number {nums[0].name}: drawn as its histogram")
                p.confident = False
            return p
        if not xs:
            raise fail(r, lang, table, "a category for the x axis")
        # numeric 'groups' are measures: "bar chart of profit by state" puts state on x
        if len(conts) > 1 or (conts and mcols):
            raise fail(r, lang, table, "one measure for the y axis")
        ycol, agg = measure_of((mcols or conts or [None])[0])
        if any(m.agg in ("percent", "share") for m in measures):
            raise fail(r, lang, table, "a percentage chart")
        x = xs[0]
        if x.continuous:
            raise fail(r, lang, table, f"bars over the measure '{x.name}' (say 'scatter' or 'histogram')")
        for m in measures:  # "for each category, the count of the category"
            if m.agg == "count_distinct" and m.column is x:
                measures.remove(m)
                ycol, agg = None, "count"
        extra = xs[1:]
        if len(extra) > 1 or (extra and color):
            raise fail(r, lang, table, "what to do with " + ", ".join(c.name for c in extra))
        p.chart_color = color or (extra[0] if extra else None) or listed_split(p, x)
        p.chart_x, p.chart_y, p.chart_agg = x, ycol, agg
        if kind is None:
            kind = split_bars(agg) if p.chart_color is not None else "bar"
        if p.chart_color is not None and not splittable(p.chart_color):
            raise fail(r, lang, table, f"colouring by '{p.chart_color.name}' ({p.chart_color.distinct} values)")
        if kind == "pie" and p.chart_color is not None:
            raise fail(r, lang, table, "a pie chart split by a second column")
        p.chart_kind = kind
        return p
    raise fail(r, lang, table, f"a {kind} chart of these columns")


def as_chart(p: Plan, kind: str | None = None) -> Plan | None:
    """The chart that shows a query's answer (one measure by one or two groups, or one column), or None."""
    c = p.copy()
    if p.intent == "query" and len(p.measures) == 1 and 1 <= len(p.groups) <= 2:
        if any(g.grain in _PART_GRAINS for g in p.groups):
            return None  # "by month of the year": the table answers
        m = p.measures[0]
        if m.agg in ("percent", "share") or any(g.column.continuous for g in p.groups):
            return None
        order = sorted(p.groups, key=lambda g: not (g.column.temporal or g.column.year_like))
        x = order[0].column  # a date goes on the x axis of a line
        kind = kind or ("line" if x.temporal or x.year_like else "bar")
        c.intent, c.chart_kind = "chart", kind
        c.chart_x, c.chart_y = x, m.column
        c.chart_agg = CHART_AGG.get(m.agg, m.agg) if m.column is not None else "count"
        c.confident = p.confident and (m.stated or m.agg == "count")
        c.time_grain = order[0].grain
        c.chart_color = order[1].column if len(order) > 1 else None
        if c.chart_color is not None and not splittable(c.chart_color):
            return None
        if kind == "bar" and c.chart_color is not None:
            c.chart_kind = split_bars(c.chart_agg)
        if p.order == "measure" and p.descending is not None:
            c.descending = p.descending
        if p.order == "group":  # "by type, listed from a to z": bars in the order of their labels
            if p.descending or c.chart_x is not p.groups[0].column or len(p.groups) > 1:
                return None  # a chart cannot show that order: the table answers
            c.chart_sort, c.descending = "x", None
        c.limit = p.limit if p.order == "measure" else None
        return c
    if p.intent in ("rows", "distinct") and len(p.projection) == 1 and kind in (None, "bar", "histogram") \
            and p.order_column is None and not p.limit:
        col = p.projection[0]
        c.intent = "chart"
        if col.continuous:
            c.chart_kind, c.chart_x = "histogram", col
        elif col.discrete and col.distinct <= 200:
            c.chart_kind, c.chart_x, c.chart_agg = "bar", col, "count"
        else:
            return None
        return c
    return None
