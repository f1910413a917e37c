"""From the roles the grammar found to a complete `Plan`: the intent, its slots, and honest defaults.

`finish(roles, ...)` decides the tool (guide, synth, clean, model, chart, profile, schema, query, rows,
distinct) and fills its slots; `merge(prev_plan, roles)` applies a follow-up ("now only for women",
"make it a line chart") to the previous request's plan. Both raise `NotUnderstood` rather than guess.
"""

from __future__ import annotations

from .offline_lexicon import ADDITIVE_HINTS
from .offline_linker import Column, SchemaIndex, norm
from .offline_parse import CHART_KEYS, NotUnderstood, Roles
from .offline_plan import Filter, Group, Measure, Plan

CHART_AGG = {"avg": "mean", "count_distinct": "distinct", "sum": "sum", "count": "count", "median": "median",
             "min": "min", "max": "max", "rate": "mean"}
FOLLOW_CUES = {"NOW", "ONLY", "ALSO", "MAKE_IT", "AND", "SORT", "DESC", "ASC", "BY", "NOT"}


def default_agg(col: Column) -> str:
    """sum for money-like or count-like measures, avg for the rest (age, rating, temperature)."""
    name = norm(col.name)
    return "sum" if any(h in name for h in ADDITIVE_HINTS) else "avg"


def fail(r: Roles, plan_lang: str, table: str, *problems: str) -> NotUnderstood:
    return NotUnderstood(list(r.unknown), list(r.problems) + [p for p in problems if p], list(r.understood),
                         plan_lang, table)


def chart_kind_of(r: Roles) -> str | None:
    kinds = [CHART_KEYS[k] for k in r.keys if k in CHART_KEYS]
    if not kinds:
        return None
    # "stacked bar" / "grouped bar" are more specific than "bar"; 'distribution' is weaker than a named chart
    for pref in ("stacked_bar", "grouped_bar", "scatter", "line", "area", "pie", "box", "heatmap", "bar", "histogram"):
        if pref in kinds:
            return pref
    return kinds[0]


def is_modifier_only(r: Roles) -> bool:
    """True when the request only adjusts something (filters, grouping, chart type, order, limit)."""
    core = {"SHOW", "ROWS", "COLUMNS", "DESCRIBE", "PROFILE", "PREDICT", "CLEAN", "DUPLICATES", "SYNTH",
            "GENERATIVE", "BALANCE", "FILL", "OVER_TIME", "VS", "RELATION"}
    if r.measures or r.bare and not all(c.binary for c in r.bare) or r.entity or core & set(r.keys):
        return False
    return True


def finish(r: Roles, index: SchemaIndex, table: str, language: str, question: str) -> Plan:
    """The complete plan of a standalone request."""
    if "GENERATIVE" in r.keys and not any("generative" in f for f in r.fuzzy):  # the guide reads the question
        return Plan(intent="guide", table=table, language=language, question=question)
    if r.unknown or r.problems:
        raise fail(r, language, table)
    p = Plan(intent="query", table=table, language=language, question=question, understood=list(r.understood))
    if r.fuzzy:
        p.confident = False
        p.notes.append("read " + "; ".join(r.fuzzy))
    keys = set(r.keys)
    if "GENERATIVE" in keys:
        p.intent = "guide"
        return p
    if keys & {"SYNTH", "BALANCE"}:
        return synth_plan(r, p)
    if keys & {"CLEAN", "DUPLICATES", "FILL", "TRIM"} or ("REMOVE" in keys and r.null_cols):
        return clean_plan(r, p)
    if "PREDICT" in keys:
        return model_plan(r, p)
    charting = bool(chart_kind_of(r) or keys & {"CHART", "OVER_TIME", "VS", "RELATION", "XAXIS", "YAXIS"})
    stray = keys & {"REMOVE", "FILL", "APPLY", "GENERATE", "TRIM", "DUPLICATES", "USING"}
    if charting:
        stray -= {"GENERATE"}  # "create a bar chart", "make a scatter plot"
    if stray:  # "drop the table", "delete everything": an action no read-only answer performs
        raise fail(r, language, table, "the action '" + "', '".join(sorted(k.lower() for k in stray)) + "'")
    if chart_kind_of(r) or keys & {"CHART", "OVER_TIME", "VS", "RELATION", "XAXIS", "YAXIS"}:
        return chart_plan(r, p, index)
    if "PROFILE" in keys or ("NULL_ANY" in keys and not r.measures and not r.bare):
        if r.measures or r.groups or r.filters or r.bare:
            raise fail(r, language, table, "a profile with extra conditions")
        p.intent = "profile"
        return p
    if keys & {"COLUMNS", "DESCRIBE"} and not r.measures and not r.groups and not r.filters:
        if r.bare and "DESCRIBE" in keys:
            p.measures = [Measure("count")] + [m for c in r.bare for m in _describe(c)]
            p.understood.append("summary statistics of " + ", ".join(c.name for c in r.bare))
            return p
        if r.bare:
            raise fail(r, language, table, "what to show about " + ", ".join(c.name for c in r.bare))
        p.intent = "schema"
        return p
    return query_plan(r, p, index)


def _describe(c: Column) -> list[Measure]:
    if not c.numeric:
        return [Measure("count_distinct", c)]
    return [Measure(a, c) for a in ("avg", "median", "min", "max")]


def _time_group(r: Roles, p: Plan, index: SchemaIndex) -> None:
    if not r.grain:
        return
    times = index.time_columns(p.table)
    if len(times) != 1:
        raise fail(r, p.language, p.table, "a time grain without a single date column")
    tc = times[0]
    if r.grain == "day" and tc.kind == "date" and r.measures and all(m.agg in ("avg", "median") for m in r.measures):
        p.understood.append("per day (one row per date already)")  # "average units per day"
        return
    if any(g.column.name == tc.name for g in r.groups):
        r.groups = [g for g in r.groups if g.column.name != tc.name]
    if tc.year_like:
        if r.grain != "year":
            raise fail(r, p.language, p.table, f"'per {r.grain}' on the year column {tc.name}")
        r.groups.insert(0, Group(tc))
    else:
        r.groups.insert(0, Group(tc, r.grain))
    p.understood.append(f"per {r.grain}")


def query_plan(r: Roles, p: Plan, index: SchemaIndex) -> Plan:
    lang, table = p.language, p.table
    if r.numbers:
        raise fail(r, lang, table, "the number " + ", ".join(str(n) for n in r.numbers))
    if r.color is not None and r.groups:  # "X by A colored by B" as a table: grouped by A and B
        r.groups.append(Group(r.color))
        r.color = None
    _time_group(r, p, index)
    if r.per_row and (r.measures or r.groups):
        raise fail(r, lang, table, "a value for each row (say 'show ...' or 'plot ...')")
    measures = list(r.measures)
    groups = list(r.groups)
    bare = list(r.bare)
    # a yes/no column named alone is a filter: "who survived", "approved loans"
    for c in list(bare):
        if c.binary:
            r.filters.append(Filter(c, "=", 1))
            p.understood.append(f"{c.name} = 1")
            bare.remove(c)
    # "top 5 passengers by fare": rows ranked by a column
    if not measures and r.entity and groups and all(g.column.continuous for g in groups) \
            and len(groups) == 1 and not bare:
        p.intent, p.order_column = "rows", groups[0].column
        p.descending = r.descending if r.descending is not None else r.superlative != "min"
        p.limit, p.filters = r.limit, list(r.filters)
        return p
    # a continuous number after 'by' ranks rather than groups: "top 5 regions by revenue"
    for g in list(groups):
        c = g.column
        if c.continuous and not g.grain:
            groups.remove(g)
            if measures:
                raise fail(r, lang, table, f"grouping by the continuous column '{c.name}'")
            measures.append(Measure(default_agg(c), c, stated=False))
            p.order, p.descending = "measure", r.descending if r.descending is not None else True
    # a bare numeric column with a grouping and no aggregate: its default aggregate
    if not measures and groups:
        nums = [c for c in bare if c.continuous]
        if len(nums) == 1:
            bare.remove(nums[0])
            measures.append(Measure(default_agg(nums[0]), nums[0], stated=False))
            p.confident = False
            p.notes.append(f"no aggregate named: used {measures[-1].agg} of {nums[0].name}")
        elif not nums and not bare:
            measures.append(Measure("count", stated=False))
    p.filters = list(r.filters)
    p.limit = r.limit
    if measures:
        sup = r.superlative
        if r.entity and r.entity_first and sup and len(measures) == 1 and measures[0].agg in ("max", "min") \
                and not groups and not bare:
            # "the passenger with the highest fare": the row, not the number
            p.intent, p.order_column = "rows", measures[0].column
            p.descending, p.limit = measures[0].agg == "max", r.limit or 1
            p.projection = []
            return p
        if not groups and bare and sup:
            cats = [c for c in bare if c.categorical or c.kind == "text"]
            if len(cats) == 1 and len(bare) == 1:  # "which region has the highest revenue"
                bare.remove(cats[0])
                groups.append(Group(cats[0]))
                m = measures[0]
                if m.agg in ("max", "min") and m.column is not None and default_agg(m.column) == "sum" and m.stated:
                    m.agg = "sum"
                p.order, p.descending = "measure", sup == "max"
                p.limit = r.limit or 1
        if bare:
            raise fail(r, lang, table, "what to do with " + ", ".join(c.name for c in bare))
        for m in measures:  # "for each category, the count of the category": rows per group
            if m.agg == "count_distinct" and any(g.column is m.column for g in groups):
                m.agg, m.column = "count", None
        if sup and groups and p.order is None and r.limit:
            p.order, p.descending = "measure", sup == "max"
        if r.limit and groups and p.order is None:
            p.order, p.descending = "measure", r.descending if r.descending is not None else True
        if r.order_column is not None:
            if any(g.column.name == r.order_column.name for g in groups):
                p.order = "group"
            elif any(m.column is not None and m.column.name == r.order_column.name for m in measures):
                p.order = "measure"
            else:
                raise fail(r, lang, table, f"ordering by {r.order_column.name}")
            p.descending = bool(r.descending)
        elif r.descending is not None and p.order is None:
            p.order, p.descending = "measure", r.descending
        if p.limit and not groups:
            p.limit = None
        if any(m.agg == "share" for m in measures) and not groups:
            raise fail(r, lang, table, "a share without a grouping (say 'share of X by Y')")
        p.measures, p.groups = measures, groups
        p.intent = "query"
        if not any(m.stated for m in measures):
            p.confident = p.confident and all(m.agg == "count" for m in measures)
        return p
    # no aggregate: rows or distinct values
    if groups:
        raise fail(r, lang, table, "a grouping without anything to compute")
    if r.superlative and r.order_column is not None:
        p.intent, p.order_column = "rows", r.order_column
        p.descending, p.limit = r.superlative == "max", r.limit or 1
        p.projection = bare
        return p
    keys = set(r.keys)
    if bare and ("DISTINCT_VALUES" in keys or "SHOW" in keys and not r.entity and not r.filters
                 and all(c.categorical for c in bare) and "ROWS" not in keys):
        if any(c.continuous for c in bare):
            raise fail(r, lang, table, "distinct values of the measure " + ", ".join(c.name for c in bare if c.continuous))
        p.intent, p.projection = "distinct", bare
        return p
    if not (bare or r.filters or r.entity or keys & {"SHOW", "ROWS"} or r.limit or r.order_column):
        raise fail(r, lang, table, "what to compute or show")
    if bare and not (keys & {"SHOW", "ROWS"} or r.entity or r.order_column) and (
            any(c.continuous for c in bare) or not r.filters):
        # "revenue in 2023": a total? an average? the rows? ask rather than guess
        raise fail(r, lang, table, "what to compute about " + ", ".join(c.name for c in bare) +
                   (" (total, average, ...)" if lang == "en" else " (total, promedio, ...)"))
    if r.superlative and r.order_column is None:
        raise fail(r, lang, table, "the column that 'most/highest/lowest' refers to")
    p.intent, p.projection = "rows", bare
    p.order_column = r.order_column
    p.descending = r.descending if r.order_column is not None else None
    if r.descending is not None and r.order_column is None:
        raise fail(r, lang, table, "the column to order by")
    return p


def chart_plan(r: Roles, p: Plan, index: SchemaIndex) -> Plan:
    lang, table = p.language, p.table
    kind = chart_kind_of(r)
    keys = set(r.keys)
    measures = [m for m in r.measures]
    groups = [g.column for g in r.groups]
    bare = list(r.bare)
    color = r.color
    p.intent = "chart"
    p.filters = list(r.filters)
    if r.axis:
        return _with_axes(chart_plan_inner(r, p, index, kind, keys), r)
    return chart_plan_inner(r, p, index, kind, keys)


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
        return col, CHART_AGG[default_agg(col)]

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
        rest = [c for c in bare + groups if c not in pair]
        p.chart_color = color or (rest[0] if len(rest) == 1 and splittable(rest[0]) else None)
        if len(rest) > (0 if p.chart_color is None else 1):
            raise fail(r, lang, table, "what to do with " + ", ".join(c.name for c in rest))
        p.understood.append(f"scatter of {y.name} against {x.name}")
        return p
    # --- histogram / distribution of one number
    if kind in ("histogram", "box") and not measures:
        target = nums  # a discrete number ("cylinders") is counted per value, not binned
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
            return p
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
    if kind in ("line", "area") or "OVER_TIME" in keys or (kind is None and times):
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
        if not xs and len(nums) == 1 and not measures and len(groups) == 0 and kind is None and "CHART" in keys:
            p.chart_kind, p.chart_x = "histogram", nums[0]
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
            kind = "stacked_bar" if p.chart_color is not None else "bar"
        if p.chart_color is not None and not splittable(p.chart_color):
            raise fail(r, lang, table, f"colouring by '{p.chart_color.name}' ({p.chart_color.distinct} values)")
        if kind == "pie" and p.chart_color is not None:
            raise fail(r, lang, table, "a pie chart split by a second column")
        p.chart_kind = kind
        return p
    raise fail(r, lang, table, f"a {kind} chart of these columns")


def splittable(c: Column | None) -> bool:
    """A column a chart can split series or colours by: discrete, 2 to 50 values."""
    return c is not None and c.discrete and 2 <= (c.distinct or len(c.values)) <= 50


def listed_split(p: Plan, x: Column) -> Column | None:
    """'sales of furniture, office supplies and technology over time': one series per listed value."""
    for f in p.filters:
        if f.op == "in" and f.column is not None and f.column is not x and splittable(f.column):
            return f.column
    return None


def model_plan(r: Roles, p: Plan) -> Plan:
    cols = list(r.bare) + [m.column for m in r.measures if m.column is not None]
    if r.filters or r.groups or r.measures or not cols:
        raise fail(r, p.language, p.table, "" if cols else "the column to predict",
                   "filters or groupings in a model request" if (r.filters or r.groups) else "")
    p.intent, p.target = "model", cols[0]
    p.features = [c for c in r.features + cols[1:] if c.name != cols[0].name]
    p.understood.append(f"predict {cols[0].name}")
    return p


def clean_plan(r: Roles, p: Plan) -> Plan:
    keys = set(r.keys)
    p.intent = "clean"
    only = []
    if "DUPLICATES" in keys:
        only.append("drop_duplicates")
    if "FILL" in keys:
        only.append("fill_missing")
    if "TRIM" in keys:
        only.append("trim")
    if "REMOVE" in keys and r.null_cols and "FILL" not in keys:
        only.append("drop_rows")
    other = [f for f in r.filters if f.op not in ("is null", "is not null")]
    if other or r.measures or r.groups:
        raise fail(r, p.language, p.table, "conditions in a cleaning request")
    p.clean_only = only
    p.clean_columns = list(dict.fromkeys(r.null_cols + r.bare))
    p.apply = "APPLY" in keys
    return p


def synth_plan(r: Roles, p: Plan) -> Plan:
    keys = set(r.keys)
    p.intent = "synth"
    nums = [int(n) for n in r.numbers if float(n).is_integer()] + ([r.limit] if r.limit else [])
    if len(nums) > 1:
        raise fail(r, p.language, p.table, "which number is the row count")
    p.n_rows = nums[0] if nums else None
    if "BALANCE" in keys:
        cands = [g.column for g in r.groups] + [c for c in r.bare if c.categorical]
        if len(cands) != 1:
            raise fail(r, p.language, p.table, "the column to balance")
        p.balance = cands[0]
    elif r.groups or r.bare:
        raise fail(r, p.language, p.table, "what to do with " + ", ".join(c.name for c in r.bare + [g.column for g in r.groups]))
    if any(f.op != "=" for f in r.filters) or r.measures:
        raise fail(r, p.language, p.table, "conditions other than 'column = value' for synthetic rows")
    p.filters = list(r.filters)
    return p


def as_chart(p: Plan, kind: str | None = None) -> Plan | None:
    """The chart that shows a query's answer (one measure by one or two groups, or one column), or None."""
    c = p.copy()
    if p.intent == "query" and len(p.measures) == 1 and 1 <= len(p.groups) <= 2:
        m = p.measures[0]
        if m.agg in ("percent", "share") or any(g.column.continuous for g in p.groups):
            return None
        order = sorted(p.groups, key=lambda g: not (g.column.temporal or g.column.year_like))
        x = order[0].column  # a date goes on the x axis of a line
        kind = kind or ("line" if x.temporal or x.year_like else "bar")
        c.intent, c.chart_kind = "chart", kind
        c.chart_x, c.chart_y = x, m.column
        c.chart_agg = CHART_AGG.get(m.agg, m.agg) if m.column is not None else "count"
        c.time_grain = order[0].grain
        c.chart_color = order[1].column if len(order) > 1 else None
        if c.chart_color is not None and not splittable(c.chart_color):
            return None
        if kind == "bar" and c.chart_color is not None:
            c.chart_kind = "stacked_bar"
        if p.order == "measure" and p.descending is not None:
            c.descending = p.descending
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


def merge(prev: Plan, r: Roles, language: str, index: SchemaIndex | None = None) -> Plan:
    """Apply a follow-up's changes to the previous plan."""
    if r.unknown or r.problems:
        raise fail(r, language, prev.table)
    p = prev.copy()
    p.language = language
    p.understood = list(prev.understood)
    keys = set(r.keys)
    also = "ALSO" in keys
    # filters: a new condition on a column replaces the old one on that column
    for f in r.filters:
        p.filters = [g for g in p.filters if g.key() != f.key()]
        p.filters.append(f)
    new_kind = chart_kind_of(r)
    for c in r.bare:
        if c.binary:
            p.filters = [g for g in p.filters if g.column is None or g.column.name != c.name]
            p.filters.append(Filter(c, "=", 1))
        elif p.intent == "chart" and new_kind in ("stacked_bar", "grouped_bar") and r.color is None \
                and splittable(c) and len(r.bare) == 1:
            r.color = c  # "make the bars stacked with the ship status"
        else:
            raise fail(r, language, p.table, "what to do with " + c.name)
    if p.intent == "chart":
        if r.measures:
            raise fail(r, language, p.table, "changing the measure of a chart (ask for the whole chart)")
        if r.groups:
            if also:
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
                new_kind = "stacked_bar" if p.chart_kind != "grouped_bar" else "grouped_bar"
            p.chart_kind = new_kind
        if r.descending is not None:
            p.descending = r.descending
        if r.limit:
            p.limit = r.limit
        return p
    if p.intent in ("query", "rows", "distinct"):
        if r.measures:
            p.measures = list(r.measures)
            if p.intent != "query":
                p.intent = "query"
        if r.groups:
            p.groups = (p.groups + r.groups) if also else list(r.groups)
            p.intent = "query" if p.measures else p.intent
        if r.grain:  # "y por mes?": group by the date column at that grain
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
    raise fail(r, language, prev.table, "how to change the previous request")

