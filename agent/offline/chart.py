"""Charts for the offline planner: the ChartSpec a request describes, and the chart of a query's answer.

Also the helpers the intent modules share (`fail`, `default_agg`, `unstated_aggregate`, `chart_kind_of`).
"""

from __future__ import annotations

from dataclasses import dataclass

from dsagent.words.data import word_set
from dsagent.words.measures import is_additive, is_money
from dsagent.words.text import name_words, norm, singulars
from dsagent.offline.columns import Column, yes_no_of_text
from dsagent.offline.linker import SchemaIndex
from dsagent.offline.grammar.roles import CHART_KEYS, NotUnderstood, Roles
from dsagent.offline.plan import Filter, Group, Measure, Plan, one_year_of

CHART_AGG = {"avg": "mean", "count_distinct": "distinct", "sum": "sum", "count": "count", "median": "median",
             "min": "min", "max": "max", "rate": "mean", "fraction": "mean"}


def default_agg(col: Column) -> str:
    """sum for money-like or count-like measures, avg for the rest (age, rating, temperature)."""
    return "sum" if is_additive(col.name) else "avg"


def unstated_aggregate(r: Roles, p: Plan, index: SchemaIndex, col: Column) -> str:
    """Rule `total_or_average`: the aggregate of a measure the request names without one.

    A total is the default for a measure that adds up (default_agg) only when rows are parts of a
    whole (order lines, daily sales). When each row is a thing of its own (a movie, a ship: a text
    column names every row, SchemaIndex.row_name), "gross by genre" reads as the genre's total or its
    typical movie, and both are common: the request is declined with the average as the reading to
    accept, never answered with a guess."""
    agg = default_agg(col)
    named = index.row_name(p.table) if agg == "sum" else None
    if named is None:
        return agg
    mention = r.mentions.get(col.name)
    if mention:
        r.rewordings.append((mention, ("promedio de " if p.language == "es" else "average ") + mention))
    raise fail(r, p.language, p.table, f"'{col.name}' without total or average (each row is one '{named.name}')")


def grain_times(r: Roles, index: SchemaIndex, table: str) -> list[Column]:
    """The date columns a time grain may be of: the one the request named ('products launched per year'),
    else the table's."""
    return [r.grain_column] if r.grain_column is not None else index.time_columns(table)


def ranked_records_of(r: Roles, measures: list[Measure], groups: list, bare: list[Column]) -> Column | None:
    """Rule ranked_records_of: 'the meter with the highest total consumption' over a table `meters` of readings
    ranks the meters (the recurring id of the table's noun) by an aggregate of their records; None when the
    request is no such ranking."""
    if r.entity_ident is not None and r.entity_first and r.superlative and measures and not groups and not bare \
            and all(m.agg not in ("max", "min") for m in measures):
        return r.entity_ident
    return None


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
        raise fail(r, p.language, p.table, f"bins of {r.bin_width} over '{col.name}', whose range is {col.min}..{col.max}")
    p.understood.append(f"bins of {r.bin_width} ({n} bins)")
    return n


def _row_label(c: Column) -> bool:
    """A text column that names rows (hundreds of distinct values, or an id): no grouping or colour fits it."""
    return c.label or (c.kind == "text" and not splittable(c) and (c.distinct or 0) > 50)


def counted_quantity(c: Column) -> bool:
    """Rule counted_quantity: a whole number of few values named as a quantity (units, orders, visits,
    unidades) is an amount to add up, not a category: "bar chart of units by product" and "units by product"
    sum the units per product, instead of a colour per number of units or declining."""
    return c.kind == "integer" and c.categorical and not c.label and is_additive(c.name)


def listed_split(p: Plan, x: Column) -> Column | None:
    """'sales of furniture, office supplies and technology over time': one series per listed value."""
    for f in p.filters:
        if f.op == "in" and f.column is not None and f.column is not x and splittable(f.column):
            return f.column
    return None


BAR_KINDS = ("bar", "grouped_bar", "stacked_bar", "pie")  # charts of categories, whose bars an order may sort
# a chart's time grain is a period the chart tool truncates to: these are parts of one (or ten years), tables
_PART_GRAINS = ("month_of_year", "quarter_of_year", "weekday", "hour_of_day", "decade", "day_type", "tipo_dia")


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
    if r.sort_axis is not None:
        chart_axis_order(r, p)
    chart_sort_word(r, p)
    chart_top_n(r, p)
    if r.order_column is not None:
        chart_order(p, r.order_column, r.descending, r)
    elif r.by_label:  # 'alphabetically', 'from Z to A': the bars in the order of their labels
        if p.chart_kind not in BAR_KINDS or p.chart_x is None:
            raise fail(r, p.language, p.table, f"an alphabetical order on a {p.chart_kind or 'chart'}")
        chart_order(p, p.chart_x, bool(r.descending), r)
        p.descending = None
    return p


def chart_axis_order(r: Roles, p: Plan) -> None:
    """'sort by the y-axis from high to low', 'x-axis in descending order' (rule sort_by_axis): bars by
    their heights or by their labels, in the direction said (ascending unless said, or 'rank': the
    highest first). A line or scatter keeps its x in order; any other order of one is declined."""
    if p.chart_kind not in BAR_KINDS or p.chart_x is None:
        if r.sort_axis == "x" and not r.descending and p.chart_kind in ("line", "area", "scatter"):
            return  # along x, as a line already is
        raise fail(r, p.language, p.table,
                   f"ordering a {p.chart_kind or 'chart'} by its {'x' if r.sort_axis == 'x' else 'y'} axis")
    descending = r.descending if r.descending is not None else ranks_highest_first(r)
    if r.sort_axis == "x":
        p.chart_sort = "x_desc" if descending else "x"
    else:
        p.chart_sort = "y_desc" if descending else "y_asc"
    p.descending = None
    r.by_label = False  # said, and done


def ranks_highest_first(r: Roles) -> bool:
    """A sort word with no direction: 'rank' puts the highest first, 'sort' the lowest."""
    return norm(r.sort_word or "").startswith(("rank", "clasific"))


_SORT_AGG_KEYS = {"count": "COUNT", "mean": "AVG", "sum": "SUM", "median": "MEDIAN", "min": "MIN", "max": "MAX",
                  "distinct": "DISTINCT"}


def chart_sort_word(r: Roles, p: Plan) -> None:
    """'bar chart of employees per department sorted by count': a sort word before the aggregate the bars show
    orders them by their heights ('rank' the highest first, 'sort' the lowest, unless a direction is said); it
    was dropped and the bars came in the labels' order. A sort word that orders nothing a chart shows is
    declined, as a table's is."""
    if "SORT" not in r.keys or p.chart_sort is not None or p.descending is not None or r.order_column is not None \
            or r.by_label:
        return
    after = r.keys[r.keys.index("SORT") + 1:]
    if p.chart_kind in BAR_KINDS and _SORT_AGG_KEYS.get(p.chart_agg) in after:
        p.chart_sort = "y_desc" if ranks_highest_first(r) else "y_asc"
        return
    raise fail(r, p.language, p.table, "what to order by")


def chart_top_n(r: Roles | None, p: Plan) -> None:
    """'bar chart of the 3 departments with the highest average salary', '... the five departments with the
    lowest total salary': the chart tool's top_n keeps the N groups with the largest value of the bars
    (total, count, average, median, min or max), so a bottom N would draw other groups than the words ask
    for. Then every group is drawn, lowest first, and the plan says so (not confident); the largest N keep
    top_n."""
    if p.limit and p.chart_kind in ("line", "area", "scatter", "histogram", "box"):
        # a line's top_n lumped the dates themselves into 'the N with the most rows' and 'Other'
        if r is None:
            p.limit = None  # an answer drawn as a chart (as_chart) leaves lines to the table before this
            return
        raise fail(r, p.language, p.table, f"the top {p.limit} on a {p.chart_kind} chart")
    if not p.limit or p.chart_kind not in BAR_KINDS:
        return
    lowest = (r is not None and r.superlative == "min") or p.descending is False or p.chart_sort == "y_asc"
    if p.chart_agg in ("count", "sum", "distinct", "mean", "median", "min", "max") and not lowest:
        return
    p.notes.append(f"all groups drawn, {'lowest' if lowest else 'highest'} first: a chart's top {p.limit} keeps "
                   "the groups with the largest value")
    p.chart_sort, p.descending, p.limit, p.confident = ("y_asc" if lowest else "y_desc"), None, None, False


def chart_order(p: Plan, col: Column, descending: bool | None, r: Roles | None = None) -> None:
    """'... sorted from low to high by the names': bars in the order of their labels (Z to A when
    descending), or of their heights; an order by a column the chart does not show is not understood."""
    if p.chart_x is not None and col.name == p.chart_x.name:
        p.chart_sort = "x_desc" if descending else "x"
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


@dataclass(eq=False)
class ChartRead:
    """A chart request as its chart is being decided: what it named, and the kind so far.

    The steps below (`CHART_STEPS`) read it in order; each returns the finished plan, or None to pass the
    request on (a distribution of a category passes on to the bars, as counts)."""

    r: Roles
    p: Plan
    index: SchemaIndex
    kind: str | None
    keys: set
    measures: list[Measure]
    groups: list[Column]
    bare: list[Column]
    color: Column | None
    nums: list[Column]  # bare numbers
    cats: list[Column]  # bare other columns
    mcols: list[Column]  # the measures' columns

    def fail(self, *problems: str) -> NotUnderstood:
        return fail(self.r, self.p.language, self.p.table, *problems)

    def measure_of(self, col: Column | None) -> tuple[Column | None, str]:
        """The y column and its chart aggregate: the one named for `col`, else a count, else its default."""
        for m in self.measures:
            if m.column is not None and (col is None or m.column.name == col.name):
                return m.column, CHART_AGG.get(m.agg, m.agg)
        if col is None:
            return None, "count"
        p = self.p
        agg = unstated_aggregate(self.r, p, self.index, col)
        p.confident = False  # no aggregate named: the default is a guess a model may make better
        p.notes.append(f"no aggregate named: used {agg} of {col.name}")
        return col, CHART_AGG[agg]


def chart_plan_inner(r: Roles, p: Plan, index: SchemaIndex, kind: str | None, keys: set) -> Plan:
    """The chart a request names: its columns read, its kind settled, then the first step that draws it."""
    c = _chart_read(r, p, index, kind, keys)
    _kind_from_columns(c)
    for step in CHART_STEPS:
        plan = step(c)
        if plan is not None:
            return plan
    raise c.fail(f"a {c.kind} chart of these columns")


def _chart_read(r: Roles, p: Plan, index: SchemaIndex, kind: str | None, keys: set) -> ChartRead:
    """The request's columns sorted for a chart; the plan takes its filters, grain, bins, limit and order."""
    measures = [m for m in r.measures]
    groups = list(dict.fromkeys(g.column for g in r.groups))
    if len(groups) == 2 and groups[0] in r.split_by and groups[1] not in r.split_by:
        # 'operaciones con y sin receta por sucursal': the branches on x, with and without in colour
        groups.reverse()
    if len(measures) == 1 and measures[0].agg == "count_distinct" and not groups and not r.bare \
            and measures[0].column.discrete:
        # "frequency chart of quantity", "count of quantity as bars": a chart of one category counts its values
        groups, measures = [measures[0].column], [Measure("count")]
    bare = [c for c in dict.fromkeys(r.bare) if c not in groups]  # a column named twice counts once
    _highest_total(r, p, index, measures, groups, bare)
    p.filters = list(r.filters)
    _events_of_a_flag(r, p, kind, measures, bare)
    p.time_grain = r.grain
    p.bins = r.bins
    p.limit = r.limit
    p.descending = r.descending
    if r.numbers:
        raise fail(r, p.language, p.table, "the number " + ", ".join(str(n) for n in r.numbers))
    # a quantity of few whole values is added up along a grouping or along time ("units by product",
    # "units over time", "evolución mensual de las unidades"), never drawn as a line a value
    along = bool(groups or r.grain or "OVER_TIME" in keys or kind in ("line", "area"))
    nums = [c for c in bare if c.continuous or (along and not measures and counted_quantity(c))]
    return ChartRead(r, p, index, kind, keys, measures, groups, bare, r.color, nums,
                     [c for c in bare if c not in nums], [m.column for m in measures if m.column is not None])


def _events_of_a_flag(r: Roles, p: Plan, kind: str | None, measures: list[Measure], bare: list[Column]) -> None:
    """Rule `events_of_a_flag`: 'line chart of conversions per quarter', 'bar chart of the number of survivors
    by class': the rows where a 0/1 column is 1, counted along something, are drawn as the sum of that
    column, so a group or a period with none shows 0 instead of vanishing under a filter. A flag named in the
    plural by its event or its doers with nothing measured ('bar chart of bounces by country', 'survivors by
    class') is that count too; it drew the rows split by the flag, both its 1s and its 0s. A flag said as its
    own verb beside what is drawn ('bar chart of sessions that converted by country', 'histogram of spend for
    trials that converted') picks the rows, as it does in a query; it split them."""
    def counted(c: Column | None) -> bool:
        return c is not None and c.binary and c.kind == "integer"

    if kind not in ("histogram", "scatter", "box", "heatmap"):
        ones = [f for f in p.filters if counted(f.column) and f.op == "=" and f.value == 1]
        if len(measures) == 1 and measures[0].agg == "count" and measures[0].column is None and len(ones) == 1 \
                and not any(c.binary for c in bare):
            p.filters.remove(ones[0])
            measures[0] = Measure("sum", ones[0].column)
            return
        plural = [c for c in bare if counted(c) and named_in_plural(r, c)]
        if not measures and len(plural) == 1 and r.color is None:
            bare.remove(plural[0])
            measures.append(Measure("sum", plural[0]))
            return
        # a yes/no kept as text ('Y'/'N': "line of cancellations per month") has no sum: its yes rows, counted
        worded = [c for c in bare if yes_no_of_text(c) and named_in_plural(r, c)]
        if not measures and len(worded) == 1 and r.color is None:
            bare.remove(worded[0])
            p.filters.append(Filter(worded[0], "=", yes_no_of_text(worded[0])[0]))
            measures.append(Measure("count"))
            return
    said = [c for c in bare if c.binary and norm(r.mentions.get(c.name) or "") in norm(c.name).split()]
    if len(said) == 1 and (len(bare) > 1 or r.groups or measures):
        bare.remove(said[0])
        p.filters.append(Filter(said[0], "=", True if said[0].kind == "boolean" else 1))


def named_in_plural(r: Roles, c: Column) -> bool:
    """'clinics' for clinic, 'classes' for pclass, 'bounces' for is_bounce: the request named the column as
    things, in the plural."""
    said = norm(r.mentions.get(c.name) or "")
    return said.endswith("s") and said != norm(c.name) and len(singulars(said)) > 1


def _highest_total(r: Roles, p: Plan, index: SchemaIndex, measures: list[Measure], groups: list[Column],
                   bare: list[Column]) -> None:
    """'bar chart of the 3 regions with the highest importe': bars of categories ranked by a measure that adds
    up are ranked by its total, as the same request as a table is (intent `_aggregate_plan`); it drew each
    region's largest single sale. Rows that are things of their own decline (rule total_or_average). Not
    after 'by' ('maximum importe by región' is the maximum)."""
    if r.superlative is None or len(measures) != 1 or groups or not any(x.discrete for x in bare):
        return
    m = measures[0]
    if m.agg == r.superlative and m.column is not None and m.stated and default_agg(m.column) == "sum":
        measures[0] = Measure(unstated_aggregate(r, p, index, m.column), m.column, stated=False)


def _kind_from_columns(c: ChartRead) -> None:
    """A kind the columns contradict, changed to the one they draw (two numbers' 'distribution' is a scatter)."""
    conts_named = [x for x in dict.fromkeys(c.bare + c.groups) if x.continuous]
    if c.kind == "histogram" and "CHART_HIST" not in c.keys and len(conts_named) == 2 and not c.measures:
        c.kind = None  # "the distribution of acceleration vs horsepower": two numbers are a scatter
        c.keys.add("RELATION")
    if c.kind == "histogram" and c.measures and not any(g.continuous for g in c.groups):
        c.kind = "bar"  # "histogram of the count of models by origin", "average mpg by cylinders histogram"
    # "plot horsepower by acceleration", "X distribution by Y" with Y a measure too: a scatter
    cont_groups = [g for g in c.groups if g.continuous]
    if cont_groups and c.kind in (None, "bar", "box", "histogram") and not c.measures and len(c.nums) == 1 \
            and len(cont_groups) == 1:
        c.kind = "scatter"
        c.keys.add("VS")  # y is the column named first, x the one after 'by'


def _scatter(c: ChartRead) -> Plan | None:
    """Two numbers: a scatter (y the one named first after 'vs'), coloured by one category named with them."""
    p, keys, nums = c.p, c.keys, c.nums
    cont_all = [x for x in c.bare + c.groups if x.continuous]
    if not (c.kind == "scatter" or (c.kind is None and ("VS" in keys or "RELATION" in keys) and len(cont_all) == 2
                                    and not c.measures) or
            (c.kind is None and len(nums) == 2 and not c.measures and not c.groups)):
        return None
    pair = nums if len(nums) == 2 else [x for x in c.bare + c.groups if x.continuous]
    if len(pair) != 2 and c.kind == "scatter":  # asked by name: a number of few values (distance_km) is an axis too
        numbers = [x for x in c.bare + c.groups if x.numeric and not x.label and not x.temporal]
        pair = numbers if len(numbers) == 2 and any(x.continuous for x in numbers) else pair
    if len(pair) != 2 or c.measures:
        raise c.fail("two numeric columns for a scatter plot")
    y, x = (pair[0], pair[1]) if "VS" in keys else (pair[1], pair[0])
    if _outcome_rank(x) > _outcome_rank(y):
        x, y = y, x
    p.chart_kind, p.chart_x, p.chart_y = "scatter", x, y
    rest = [o for o in c.bare + c.groups if o not in pair and o is not c.color]
    labels = [o for o in rest if _row_label(o)]  # "for individual car models": a point per row already
    rest = [o for o in rest if o not in labels]
    if labels:
        p.understood.append("one point per row (" + ", ".join(o.name for o in labels) + ")")
    p.chart_color = c.color or (rest[0] if len(rest) == 1 and splittable(rest[0]) else None) or listed_split(p, x)
    if len([o for o in rest if o is not p.chart_color]):
        raise c.fail("what to do with " + ", ".join(o.name for o in rest))
    p.understood.append(f"scatter of {y.name} against {x.name}")
    return p


def _outcome_rank(c: Column) -> int:
    """Rule `outcome_on_the_y_axis`: of two numbers, the one that is an outcome of the row goes on a scatter's y
    axis whichever was said first ('student age vs skill score', 'weight vs payout', 'precio frente a
    puntuación'), as every outside writer drew them: a judgement (score, rating; measures.json judgements)
    before money, money before anything else. Two of one rank keep the order of the words ('tip vs order
    total': y first after 'vs'). Axes said ('X on the x axis') are honoured after this (_with_axes)."""
    if any(w in word_set("measures", "judgements") for w in name_words(c.name)):
        return 2
    return 1 if is_money(c.name) else 0


def _distribution(c: ChartRead) -> Plan | None:
    """A histogram or box of one number (split by one category); a 'distribution' of a category passes on
    to the bars as counts per value."""
    if c.kind not in ("histogram", "box") or c.measures:
        return None
    r, p = c.r, c.p
    # a discrete number ("cylinders") is counted per value, not binned; "distribution of cars by weight"
    target = c.nums or ([g for g in c.groups if g.continuous][:1] if len(c.groups) == 1 else [])
    c.groups = [g for g in c.groups if g not in target]
    if len(target) == 1 and any(_row_label(x) for x in c.cats):  # "distribution of models by weight": rows
        c.cats = [x for x in c.cats if not _row_label(x)]
    if len(target) == 1 and len(c.cats) <= 1:
        col = target[0]
        split = [x for x in c.groups + c.cats if x is not col][:1]
        if split and not splittable(split[0]):
            raise c.fail(f"splitting by '{split[0].name}' ({split[0].distinct} values)")
        # 'distribution of fare by class' is a box per class; 'histogram of fare by class' stays a histogram,
        # coloured by class (rule histogram_by_group: the check read the word 'histogram' among the keys, where
        # it is CHART_HIST, so every split histogram became a box)
        if c.kind == "box" or (split and "CHART_HIST" not in r.keys):
            if not split and c.kind == "box":
                p.chart_kind, p.chart_y = "box", col
                return p
            if c.kind == "box" or split:
                p.chart_kind, p.chart_x, p.chart_y = "box", split[0], col
                p.chart_color = c.color
                return p
        p.chart_kind, p.chart_x = "histogram", col
        p.chart_color = c.color or (split[0] if split else None)
        if r.bin_width:
            p.bins = bins_of_width(r, p, col)
        return p
    labels = [x for x in c.cats if _row_label(x)]
    if labels and len(c.cats) == 1 and not target and c.groups:  # "histogram of car models by country": rows
        c.cats, c.bare = [], [x for x in c.bare if x not in labels]
        p.understood.append(f"count of rows ({labels[0].name})")
    if not c.cats and not target and len(c.groups) == 1 and not c.groups[0].continuous and c.kind == "histogram":
        c.cats, c.groups = [c.groups[0]], []
    if len(c.cats) == 1 and not target and c.kind == "histogram":
        c.kind = "bar"  # "distribution of purpose": counts per category
        c.groups, c.bare = [c.cats[0]] + c.groups, []
        c.cats = []
        if len(c.groups) == 2 and c.color is None and splittable(c.groups[1]):
            c.kind = "stacked_bar"
        return None
    raise c.fail("one numeric column for a histogram")


def _over_time(c: ChartRead) -> Plan | None:
    """A line (or area) over the date or year column: named, or the table's one date column."""
    r, p, index, kind = c.r, c.p, c.index, c.kind
    times = [x for x in c.bare + c.groups if x.temporal or x.year_like] or (
        [r.grain_column] if r.grain_column is not None else [])  # "chart the number of products launched per year"
    # "plot revenue per month": a time grain with no chart named means a line over the date column
    if not (kind in ("line", "area") or "OVER_TIME" in c.keys or (kind is None and (times or r.grain))):
        return None
    x = times[0] if times else None
    if x is None:
        tcs = index.time_columns(p.table)
        if len(tcs) != 1:
            if kind in ("line", "area") and c.groups and not times:
                x = c.groups[0]
            else:
                raise c.fail("a single date column for the x axis")
        else:
            x = tcs[0]
    others = [o for o in c.nums if o not in c.mcols]
    if any(m.agg in ("percent", "share") for m in c.measures):  # ChartSpec has no share aggregate
        raise c.fail("a percentage chart")
    ycol, agg = c.measure_of(None if not (c.mcols or others) else (c.mcols or others)[0])
    if agg == "distinct" and ycol is not None and ycol.name == x.name:
        # "evolución del número de altas por año": the rows of each period (hires), not its distinct dates
        ycol, agg = None, "count"
    if len(others) + len(c.mcols) > 1:
        raise c.fail("one measure for the y axis")
    rest = [o for o in c.cats + c.groups if o.name != x.name]
    if len(rest) > 1 or (rest and c.color):
        raise c.fail("what to do with " + ", ".join(o.name for o in rest))
    p.chart_kind = kind if kind in ("line", "area") else "line"
    p.chart_x, p.chart_y, p.chart_agg = x, ycol, agg
    p.chart_color = c.color or (rest[0] if rest else None) or listed_split(p, x)
    if p.chart_color is not None and not splittable(p.chart_color):
        raise c.fail(f"one line per '{p.chart_color.name}' ({p.chart_color.distinct} values)")
    return p


def _bars(c: ChartRead) -> Plan | None:
    """Bars or a pie: a category on x, a measure or a count on y, split by a second category."""
    p, kind, keys, nums = c.p, c.kind, c.keys, c.nums
    if kind not in (None, "bar", "grouped_bar", "stacked_bar", "pie", "heatmap"):
        return None
    xs = c.groups + [o for o in c.cats if o not in c.groups]
    if kind == "heatmap":
        return _heatmap(c, xs)
    xs = _months_on_x(c, xs)
    conts = [o for o in nums if o not in c.mcols]
    if not xs and len(conts) == 2 and kind is None:
        raise c.fail("which column goes on which axis")
    if not xs and len(nums) == 1 and not c.measures and len(c.groups) == 0 and kind in (None, "bar") and (
            "CHART" in keys or kind == "bar"):
        p.chart_kind, p.chart_x = "histogram", nums[0]  # "bar chart of weight": bars of a number are bins
        if kind == "bar" and not keys & {"CHART_HIST", "CHART_DIST"}:
            p.notes.append(f"bars of the number {nums[0].name}: drawn as its histogram")
            p.confident = False
        return p
    ranked = ranked_records_of(c.r, c.measures, [], c.bare) if not xs else None
    if ranked is not None:
        xs = [ranked]  # 'bar chart of the top 5 turbines by total energy'
    if not xs:
        raise c.fail("a category for the x axis")
    # numeric 'groups' are measures: "bar chart of profit by state" puts state on x
    if len(conts) > 1 or (conts and c.mcols):
        raise c.fail("one measure for the y axis")
    if kind == "pie" and len(c.measures) == 1 and c.measures[0].agg == "share" and not c.measures[0].within:
        # "share of revenue by region as a pie": a pie shows the shares of the total itself
        share = c.measures[0]
        c.measures = [Measure("sum", share.column) if share.column is not None else Measure("count")]
    ycol, agg = c.measure_of((c.mcols or conts or [None])[0])
    pie_of_unstated_average(c, kind, ycol, agg)
    if any(m.agg in ("percent", "share") for m in c.measures):
        raise c.fail("a percentage chart")
    x = xs[0]
    if x.continuous:
        raise c.fail(f"bars over the measure '{x.name}' (say 'scatter' or 'histogram')")
    for m in c.measures:  # "for each category, the count of the category"
        if m.agg == "count_distinct" and m.column is x:
            c.measures.remove(m)
            ycol, agg = None, "count"
    extra = xs[1:]
    if len(extra) > 1 or (extra and c.color):
        raise c.fail("what to do with " + ", ".join(o.name for o in extra))
    p.chart_color = c.color or (extra[0] if extra else None) or listed_split(p, x)
    p.chart_x, p.chart_y, p.chart_agg = x, ycol, agg
    if kind is None:
        kind = split_bars(agg) if p.chart_color is not None else "bar"
    if p.chart_color is not None and not splittable(p.chart_color):
        raise c.fail(f"colouring by '{p.chart_color.name}' ({p.chart_color.distinct} values)")
    if kind == "pie" and p.chart_color is not None:
        raise c.fail("a pie chart split by a second column")
    p.chart_kind = kind
    return p


def pie_of_unstated_average(c: ChartRead, kind: str | None, ycol: Column | None, agg: str) -> None:
    """'pie chart of salary by department': a pie's slices are parts of a whole, and a measure named without
    an aggregate that does not add up got its average (a pie of average salaries), not confident and
    counted as an answer. Asked, offering the average said outright (a measure that adds up is summed and
    never reaches here); 'pie chart of average salary by department' is drawn as asked."""
    if kind != "pie" or ycol is None or agg in ("sum", "count") or any(m.column is ycol for m in c.measures):
        return
    mention = c.r.mentions.get(ycol.name)
    if mention:
        c.r.rewordings.append((mention, ("promedio de " if c.p.language == "es" else "average ") + mention))
    raise c.fail(f"a pie of '{ycol.name}' without total or average (a pie's slices add up to a whole)")


def _months_on_x(c: ChartRead, xs: list[Column]) -> list[Column]:
    """'bar chart of revenue per month', 'units by region as a stacked bar per month': a time grain puts
    the date on x (a colour per category said); it was left on the category, which has no months, or the
    bars became the histogram of revenue."""
    p = c.p
    if not p.time_grain or c.color is not None or len(xs) > 1 or xs and (xs[0].temporal or xs[0].year_like):
        return xs
    times = grain_times(c.r, c.index, p.table)
    if len(times) != 1:
        raise c.fail("a single date column for the time grain")
    return [times[0]] + xs


def _heatmap(c: ChartRead, xs: list[Column]) -> Plan:
    """'heatmap of visits by clinic and department', 'heatmap of average cost by clinic and department':
    two categories on the axes, the rows counted (or one measure aggregated) in each cell's colour."""
    p = c.p
    conts = [o for o in c.nums if o not in c.mcols]
    if len(xs) != 2 or c.color is not None:
        raise c.fail("two categories for the heatmap's axes")
    if len(conts) + len(c.mcols) > 1:
        raise c.fail("one measure for the heatmap's colour")
    if any(m.agg in ("percent", "share") for m in c.measures):
        raise c.fail("a percentage chart")
    for x in xs:
        if x.continuous:
            raise c.fail(f"a heatmap over the measure '{x.name}' (say 'scatter')")
    ycol, agg = c.measure_of((c.mcols or conts or [None])[0])
    p.chart_kind, p.chart_x, p.chart_y = "heatmap", xs[0], xs[1]
    p.chart_color, p.chart_agg = ycol, agg
    return p


CHART_STEPS = (_scatter, _distribution, _over_time, _bars)  # the first that draws the request wins


def as_chart(p: Plan, kind: str | None = None) -> Plan | None:
    """The chart that shows a query's answer (one measure by one or two groups, or one column), or None."""
    c = p.copy()
    if p.intent == "query" and [m.agg for m in p.measures] == ["corr"] and len(p.groups) <= 1 \
            and kind in (None, "scatter"):
        m = p.measures[0]  # a correlation is seen as the scatter of its two columns, a colour per group
        c.intent, c.chart_kind, c.chart_x, c.chart_y, c.chart_agg = "chart", "scatter", m.column, m.other, None
        c.chart_color = p.groups[0].column if p.groups and splittable(p.groups[0].column) else None
        return c if not p.groups or c.chart_color is not None else None
    if p.intent == "query" and len(p.measures) == 1 and 1 <= len(p.groups) <= 2:
        groups = [Group(g.column, "quarter") if g.grain == "quarter_of_year" and one_year_of(p.filters, g.column)
                  else g for g in p.groups]  # the quarters of one year are its quarters on a time axis
        if any(g.grain in _PART_GRAINS for g in groups):
            return None  # "by month of the year": the table answers
        p = p.copy()  # read with those groups, the caller's plan left as it is
        p.groups, c.groups = groups, list(groups)
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
        if c.limit and c.chart_kind in ("line", "area"):
            return None  # "which day had the highest average temp_c": the one day, which a line's top_n is not
        chart_top_n(None, c)
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
