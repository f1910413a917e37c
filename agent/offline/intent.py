"""From the roles the grammar found to a complete `Plan`: the intent, its slots, and honest defaults.

`finish(roles, ...)` decides the tool (guide, synth, clean, model, chart, profile, schema, query, rows,
distinct) and fills its slots, raising `NotUnderstood` rather than guess. Charts are planned in
`offline_chart`, follow-ups in `offline_followup`.
"""

from __future__ import annotations

from dsagent.offline.chart import (chart_kind_of, chart_plan, counted_quantity, default_agg, fail, grain_times,
                                   named_in_plural, ranked_records_of, unstated_aggregate)
from dsagent.offline.columns import Column
from dsagent.offline.linker import SchemaIndex
from dsagent.offline.grammar.roles import Roles
from dsagent.offline.plan import Filter, Group, Measure, Plan, one_year_of
from dsagent.words.data import word_set
from dsagent.words.text import name_words, norm


MAX_SYNTH_ROWS = 1_000_000  # the synthesize tool's own bound on n_rows (tools/synth/tool.py)


def is_modifier_only(r: Roles) -> bool:
    """True when the request only adjusts something (filters, grouping, chart type, order, limit)."""
    core = {"SHOW", "ROWS", "COLUMNS", "DESCRIBE", "PROFILE", "PREDICT", "CLEAN", "DUPLICATES", "SYNTH",
            "GENERATIVE", "BALANCE", "FILL", "OVER_TIME", "VS", "RELATION", "CLIP", "NEAR_DUPLICATES"}
    if r.measures or r.bare and not all(c.binary for c in r.bare) or r.entity or core & set(r.keys):
        return False
    return True


def _contradictory_filters(r: Roles) -> None:
    """Rule `contradictory_filters`: two values of one column asked at once (region = 'North' AND region =
    'South') match no row; a reading that gives them is not answered (the rules that read 'north and south'
    as both, or as a comparison, come first). Said as a problem, so the request is declined."""
    equal: dict[str, set] = {}
    for f in r.filters:
        if f.op == "=" and f.column is not None:
            equal.setdefault(f.column.name, set()).add(str(f.value))
    for name, values in equal.items():
        if len(values) > 1:
            r.problems.append(f"{name} = {' and '.join(sorted(values))} at once (no row is both)")


def finish(r: Roles, index: SchemaIndex, table: str, language: str, question: str) -> Plan:
    """The complete plan of a standalone request."""
    if "GENERATIVE" in r.keys and not any("generative" in f for f in r.fuzzy):  # the guide reads the question
        return Plan(intent="guide", table=table, language=language, question=question)
    _contradictory_filters(r)
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
    if keys & {"CLEAN", "DUPLICATES", "FILL", "TRIM", "CLIP", "NEAR_DUPLICATES"} or ("REMOVE" in keys and r.null_cols):
        return clean_plan(r, p)
    if "PREDICT" in keys:
        return model_plan(r, p)
    if _correlation(r):
        keys -= {"RELATION", "VS"}
    _count_of_compared_values(r)
    _count_by_number(r)
    if r.facets:  # panels are the outer split: after the other groupings, so a chart colours by them
        r.groups = [g for g in r.groups if g.column not in r.facets] + [g for g in r.groups if g.column in r.facets]
    named = {c.name: c for c in r.bare + [g.column for g in r.groups]}
    conts = [c for c in named.values() if c.continuous] + [m.column for m in r.measures if m.column is not None]
    discs = [c for c in named.values() if c.discrete and not c.binary]
    pair = len(conts) == 2 or (len(conts) <= 1 and len(discs) == 1 and (conts or r.measures))
    if not pair and not chart_kind_of(r) and not keys & {"CHART", "OVER_TIME", "XAXIS", "YAXIS"}:
        keys -= {"VS", "RELATION"}  # "promo days vs non promo days" is no scatter; answer it as a question
    charting = bool(chart_kind_of(r) or keys & {"CHART", "OVER_TIME", "VS", "RELATION", "XAXIS", "YAXIS"})
    stray = keys & {"REMOVE", "FILL", "APPLY", "GENERATE", "TRIM", "DUPLICATES", "USING", "EXPORT"}
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
        p.all_tables = len(index.columns) > 1 and not r.entity  # "profile the data": every table
        return p
    # 'how many columns', 'number of fields': the schema answers (it counted the rows: 40 for 6 columns)
    columns_counted = "COLUMNS" in keys and [m.agg for m in r.measures] == ["count"] and r.measures[0].column is None
    if keys & {"COLUMNS", "DESCRIBE"} and (not r.measures or columns_counted) and not r.groups and not r.filters:
        if r.bare and "DESCRIBE" in keys:
            p.measures = [Measure("count")] + [m for c in r.bare for m in _describe(c)]
            p.understood.append("summary statistics of " + ", ".join(c.name for c in r.bare))
            return p
        if r.bare:
            raise fail(r, language, table, "what to show about " + ", ".join(c.name for c in r.bare))
        p.intent = "schema"
        p.all_tables = len(index.columns) > 1 and not r.entity
        return p
    return query_plan(r, p, index)


def _correlation(r: Roles) -> bool:
    """Rule correlation_word, as a table: 'correlation between wind speed and energy output for each site'
    is Pearson's coefficient of the two number columns (by the groups asked). A chart request keeps its
    scatter; a chart-first session draws the scatter (as_chart)."""
    if not r.correlation or r.measures or chart_kind_of(r) or set(r.keys) & {"CHART", "OVER_TIME", "XAXIS", "YAXIS"}:
        return False
    nums = [c for c in r.bare if c.continuous]
    if len(nums) != 2 or len(r.bare) != 2:
        return False
    r.measures = [Measure("corr", nums[0], other=nums[1])]
    r.bare = []
    r.keys = [k for k in r.keys if k not in ("RELATION", "VS")]
    r.understood.append(f"correlation of {nums[0].name} and {nums[1].name}")
    return True


def _count_of_compared_values(r: Roles) -> None:
    """'machos vs hembras', 'weekdays compared with weekends' with nothing measured: the values are compared
    by how many rows each has, one row each (it listed the rows of both)."""
    listed = [f for f in r.filters if f.op == "in" and f.column is not None]
    charted = chart_kind_of(r) or set(r.keys) & {"CHART", "OVER_TIME", "XAXIS", "YAXIS"}
    if not r.compare or r.measures or any(not c.binary for c in r.bare) or r.groups or len(listed) != 1 \
            or charted or r.limit:
        return  # a yes/no column named alone is a filter ('survivors: men vs women')
    r.measures = [Measure("count")]
    r.understood.append(f"count of rows for each {listed[0].column.name}")


def _count_by_number(r: Roles) -> None:
    """'number of cars by weight', 'count by weight buckets': rows counted per range of one number, a histogram."""
    if not r.measures or any(m.agg != "count" or m.column is not None or m.condition for m in r.measures):
        return
    conts = [g.column for g in r.groups if g.column.continuous and not g.grain] + [c for c in r.bare if c.continuous]
    others = [g for g in r.groups if g.column not in conts] + [c for c in r.bare if c not in conts]
    kind = chart_kind_of(r)
    if len(conts) != 1 or others or r.grain or kind not in (None, "bar", "histogram") or r.limit or r.superlative:
        return
    r.measures, r.groups, r.bare = [], [], [conts[0]]
    r.keys.append("CHART_HIST")
    r.understood.append(f"rows counted per range of {conts[0].name} (a histogram)")


def _describe(c: Column) -> list[Measure]:
    if not c.numeric:
        return [Measure("count_distinct", c)]
    return [Measure(a, c) for a in ("avg", "median", "min", "max")]


def _time_group(r: Roles, p: Plan, index: SchemaIndex) -> None:
    if not r.grain:
        return
    times = grain_times(r, index, p.table)
    if r.grain == "hour_of_day":  # a date without a time has no hours: every row would be at 0
        times = [c for c in times if c.kind == "timestamp"]
    if len(times) != 1:
        raise fail(r, p.language, p.table, "a time grain without a single date column")
    tc = times[0]
    # 'what hour of the day do most cycles start': 'most' fell on the date the grain is of (max(started_at) per
    # hour of started_at), an aggregate of the grouped date itself, which answers nothing asked: declined
    own = [m for m in r.measures if m.column is tc and m.agg not in ("count", "count_distinct")]
    if own:
        raise fail(r, p.language, p.table, f"an aggregate ({own[0].agg}) of the grouped date {tc.name} itself")
    # one row per date within the other groupings (daily_sales: a row per date and region) makes "average
    # units per day (by region)" the plain average; otherwise rows are grouped by day
    cells = tc.distinct
    for g in r.groups:
        if g.column is not tc:
            cells *= max(1, g.column.distinct)
    one_row_a_day = tc.table_rows is None or 0.9 * tc.table_rows <= cells <= 1.1 * tc.table_rows  # a full grid
    if r.grain == "day" and tc.kind == "date" and one_row_a_day and r.measures and \
            all(m.agg in ("avg", "median") for m in r.measures):
        p.understood.append("per day (one row per date already)")  # "average units per day"
        return
    others = [g for g in r.groups if g.column is not tc]
    if r.grain == "day" and r.grain_per and others and r.measures and all(m.agg == "avg" for m in r.measures):
        # rule `average_per_day_beside_groups`: 'average price per day by car class', 'avg daily kWh per panel
        # type' ask one number a group: the average of each day's total, of the rows, or a rate per day of a
        # column (price / rental_days)? A table of days by groups answers none of them
        raise fail(r, p.language, p.table, f"an average per day by {others[0].column.name} (of each day's total, "
                   f"of the rows, or a rate per day?)")
    if any(g.column.name == tc.name for g in r.groups):
        r.groups = [g for g in r.groups if g.column.name != tc.name]
    if tc.year_like:
        if r.grain not in ("year", "decade"):
            raise fail(r, p.language, p.table, f"'per {r.grain}' on the year column {tc.name}")
        r.groups.insert(0, Group(tc, "decade") if r.grain == "decade" else Group(tc))
    else:
        r.groups.insert(0, Group(tc, _quarters_of_one_year(r, tc) or r.grain))
    p.understood.append(f"per {r.grain}")


def _quarters_of_one_year(r: Roles, tc: Column) -> str | None:
    """'revisiones por trimestre en 2024', 'revenue per quarter in 2023': within one year the quarters are
    its first to fourth (quarter_of_year: 1-4), as every outside writer grouped them, not four dates."""
    return "quarter_of_year" if r.grain == "quarter" and one_year_of(r.filters, tc) else None


def query_plan(r: Roles, p: Plan, index: SchemaIndex) -> Plan:
    """A question answered by a query: an aggregate (by groups), or rows, or distinct values."""
    _query_groups(r, p, index)
    measures, groups, bare = list(r.measures), list(r.groups), list(r.bare)
    _yes_no_filters(r, p, bare)
    ranked = _rows_ranked_by(r, p, measures, groups, bare)
    if ranked is not None:
        return ranked
    _numbers_that_rank(r, p, index, measures, groups, bare)
    _default_measure(r, p, index, measures, groups, bare)
    p.filters = list(r.filters)
    p.limit = r.limit
    if measures:
        return _aggregate_plan(r, p, index, measures, groups, bare)
    return _rows_plan(r, p, index, groups, bare)


def _query_groups(r: Roles, p: Plan, index: SchemaIndex) -> None:
    """The groupings a table has for what the request named: a colour, the compared values, a time grain."""
    lang, table = p.language, p.table
    if r.numbers:
        raise fail(r, lang, table, "the number " + ", ".join(str(n) for n in r.numbers))
    if r.color is not None and r.groups:  # "X by A colored by B" as a table: grouped by A and B
        r.groups.append(Group(r.color))
        r.color = None
    if r.compare and r.measures:  # "approval rate between men and women": grouped by the compared values
        listed = [f for f in r.filters if f.op == "in" and f.column is not None]
        if len(listed) != 1 or len(r.groups) > 1:
            raise fail(r, lang, table, "what to compare")
        if not any(g.column is listed[0].column for g in r.groups):
            r.groups.append(Group(listed[0].column))
        if "VS" in r.keys:
            r.keys.remove("VS")
    _time_group(r, p, index)
    if r.per_row and (r.measures or r.groups):
        raise fail(r, lang, table, "a value for each row (say 'show ...' or 'plot ...')")


def _yes_no_filters(r: Roles, p: Plan, bare: list[Column]) -> None:
    """A yes/no column named alone is a filter: "who survived", "approved loans", and one of a yes and a
    no as text, its yes: "hoteles con piscina" over tiene_piscina = 'sí'/'no' (it listed the column)."""
    from dsagent.offline.columns import yes_no_of_text

    for c in list(bare):
        yes_no = None if c.binary else yes_no_of_text(c)
        if c.binary or yes_no:
            if any(f.column is c for f in r.filters):  # "survivors and non survivors"
                raise fail(r, p.language, p.table, f"both yes and no of '{c.name}' (say 'count by {c.name}')")
            value = yes_no[0] if yes_no else 1
            r.filters.append(Filter(c, "=", value))
            p.understood.append(f"{c.name} = {value!r}" if yes_no else f"{c.name} = 1")
            bare.remove(c)


def _rows_ranked_by(r: Roles, p: Plan, measures: list[Measure], groups: list[Group], bare: list[Column]) -> Plan | None:
    """"top 5 passengers by fare": the rows, ranked by the one continuous column after 'by'."""
    if not measures and r.entity and groups and all(g.column.continuous for g in groups) \
            and len(groups) == 1 and not bare and (r.limit or r.superlative or r.descending is not None):
        p.intent, p.order_column = "rows", groups[0].column
        p.descending = r.descending if r.descending is not None else r.superlative != "min"
        p.limit, p.filters = r.limit, list(r.filters)
        return p
    return None


def _numbers_that_rank(r: Roles, p: Plan, index: SchemaIndex, measures: list[Measure], groups: list[Group],
                       bare: list[Column]) -> None:
    """A continuous number after 'by' ranks rather than groups: "top 5 regions by revenue"."""
    for g in list(groups):
        c = g.column
        if c.continuous and not g.grain:
            groups.remove(g)
            if measures or not (groups or any(b.discrete for b in bare)):  # nothing it could rank
                raise fail(r, p.language, p.table, f"grouping by the continuous column '{c.name}'")
            measures.append(Measure(unstated_aggregate(r, p, index, c), c, stated=False))
            p.order, p.descending = "measure", r.descending if r.descending is not None else True


def _default_measure(r: Roles, p: Plan, index: SchemaIndex, measures: list[Measure], groups: list[Group],
                     bare: list[Column]) -> None:
    """A bare numeric column with a grouping and no aggregate: its default aggregate; nothing at all: a count."""
    if measures or not groups:
        return
    ids = [c for c in bare if c.label and named_in_plural(r, c)]
    if len(ids) == 1 == len(bare):
        # rule `things_per_group`: "reservas por mes" over id_reserva: the things its ids name, counted per
        # group (once each when an id repeats); it averaged the ids
        c = bare.pop()
        unique = c.table_rows and c.distinct >= 0.95 * c.table_rows
        measures.append(Measure("count", stated=False) if unique else Measure("count_distinct", c, stated=False))
        return
    nums = [c for c in bare if c.continuous or counted_quantity(c)]
    if len(nums) == 1:
        bare.remove(nums[0])
        measures.append(Measure(unstated_aggregate(r, p, index, nums[0]), nums[0], stated=False))
        p.confident = False
        p.notes.append(f"no aggregate named: used {measures[-1].agg} of {nums[0].name}")
    elif not nums and not bare:
        measures.append(Measure("count", stated=False))


def _aggregate_plan(r: Roles, p: Plan, index: SchemaIndex, measures: list[Measure], groups: list[Group],
                    bare: list[Column]) -> Plan:
    """Measures by groups (or the one row an extreme names), in the order and number the request asks for."""
    lang, table = p.language, p.table
    sup = r.superlative
    if r.entity and r.entity_first and sup and len(measures) == 1 and measures[0].agg in ("max", "min") \
            and not groups and not bare:
        # "the passenger with the highest fare": the row, not the number
        p.intent, p.order_column = "rows", measures[0].column
        p.descending, p.limit = measures[0].agg == "max", r.limit or 1
        p.projection = []
        return p
    if r.entity and r.entity_first and sup and len(measures) == 1 and measures[0].agg in ("max", "min") and groups:
        # rule extreme_row_per_group: "the employee with the lowest performance score in each department" is a
        # row of each group, which one query of groups does not name; it answered the lowest score alone
        raise fail(r, lang, table, f"the row with the {'highest' if sup == 'max' else 'lowest'} "
                   f"{measures[0].column.name if measures[0].column is not None else 'value'} in each group "
                   "(one row per group)")
    if "MODE" in r.keys and "BY" in r.keys and len(groups) >= 2 and r.limit == 1:
        _most_common_within_groups(r, p, groups)
    if r.entity and r.entity_first and sup and groups and all(g.grain for g in groups) and not bare:
        # 'top 3 turbines by mean daily energy', 'los 3 perros con mayor peso medio diario': the things the
        # table is of ranked, or the days? It ranked the days.
        ranked = r.entity_ident.name if r.entity_ident is not None else table
        raise fail(r, lang, table, f"ranking {ranked} beside a time grain (the {ranked} ranked, or the periods?)")
    if ranked_records_of(r, measures, groups, bare) is not None:
        # the meters ranked by the total of their readings (it was declined: of which groups?)
        groups.append(Group(r.entity_ident))
        p.order, p.descending = "measure", sup == "max"
        p.limit = r.limit or 1
    if not groups and bare and sup:
        cats = [c for c in bare if c.categorical or c.kind == "text"]
        if len(cats) == 1 and len(bare) == 1:  # "which region has the highest revenue"
            bare.remove(cats[0])
            groups.append(Group(cats[0]))
            m = measures[0]
            if m.agg in ("max", "min") and m.column is not None and default_agg(m.column) == "sum" and m.stated:
                m.agg = unstated_aggregate(r, p, index, m.column)  # the highest total (or not said)
            p.order, p.descending = "measure", sup == "max"
            p.limit = r.limit or 1
    if not groups and len(measures) == 1:
        categories_listed(r, p, measures[0], groups, bare)
    # "importe total de cada mes de 2023 (número de mes e importe)": the answer's columns said again at the
    # end; the measured column named there is the measure, not a column without a role
    bare[:] = [c for c in bare if not any(m.stated and m.column is c for m in measures)]
    if bare:
        raise fail(r, lang, table, "what to do with " + ", ".join(c.name for c in bare))
    for m in measures:  # "for each category, the count of the category": rows per group
        if m.agg == "count_distinct" and any(g.column is m.column for g in groups):
            m.agg, m.column = "count", None
    measures[:] = _once_each(measures)
    _aggregate_order(r, p, index, measures, groups)
    if "SORT" in r.keys and p.order is None:  # 'rank ... by' that ordered nothing: never dropped silently
        raise fail(r, lang, table, "what to order by")
    ungrouped_extreme(r, p, measures, groups)
    if p.limit and not groups:
        p.limit = None
    if any(m.agg == "share" for m in measures) and not groups:
        raise fail(r, lang, table, "a share without a grouping (say 'share of X by Y')")
    p.measures, p.groups = measures, groups
    p.intent = "query"
    if not any(m.stated for m in measures):
        p.confident = p.confident and all(m.agg == "count" for m in measures)
    return p


def _most_common_within_groups(r: Roles, p: Plan, groups: list[Group]) -> None:
    """Rule `most_common_within_groups`: "the most common purpose in each region" is one value per region,
    a ranking within groups that one query of groups does not write; it answered the single most common
    (purpose, region) pair. Declined, offering the counts of every pair to read the answer from."""
    said = [r.mentions.get(g.column.name) or g.column.name for g in groups]
    counts = "recuento por {} y {}" if p.language == "es" else "count by {} and {}"
    exc = fail(r, p.language, p.table, f"the most common {groups[0].column.name} within each "
               f"{groups[1].column.name} (one value per group)")
    exc.suggestion = counts.format(said[1], said[0])
    raise exc


def _once_each(measures: list[Measure]) -> list[Measure]:
    """A measure said twice is one column: "revenue (sum of price) per vet" names the sum of price_usd as
    the revenue and again in the brackets; it ran two identical columns under one name."""
    kept: list[Measure] = []
    for m in measures:
        same = next((k for k in kept if (k.agg, k.column, k.condition, k.within, k.other) ==
                     (m.agg, m.column, m.condition, m.within, m.other)), None)
        if same is None:
            kept.append(m)
        else:
            same.stated = same.stated or m.stated
    return kept


def ungrouped_extreme(r: Roles, p: Plan, measures: list[Measure], groups: list[Group]) -> None:
    """'the 3 devices with the lowest average battery': an aggregate of all rows is one number, so a
    number of them or a 'lowest' of it names groups the request did not say (the device column was not
    read); it answered the average of every row. Declined, not dropped. 'the highest salary' (the
    superlative is the measure's own max) and 'the 3 ... with the highest X' (rows) never reach here."""
    if groups:
        return
    own = r.superlative is not None and any(m.agg == r.superlative for m in measures)
    if (r.limit and r.limit > 1) or (r.superlative and not own):
        raise fail(r, p.language, p.table, "a ranking of one aggregate over all rows (of which groups?)")


def _aggregate_order(r: Roles, p: Plan, index: SchemaIndex, measures: list[Measure], groups: list[Group]) -> None:
    """The order of the groups: by the measure for a superlative or a limit, or by the column named."""
    if r.by_label and groups and r.order_column is None and not r.superlative:
        p.order, p.descending = "group", False  # 'alphabetically': by the first group's labels
        return
    sup = r.superlative
    if sup and groups and p.order is None and r.limit:
        p.order, p.descending = "measure", sup == "max"
        for m in measures:  # "which weekday has the most rain": the most in total, for a measure that adds up
            if m.agg in ("max", "min") and m.column is not None and default_agg(m.column) == "sum" and m.stated \
                    and r.grain:
                m.agg = unstated_aggregate(r, p, index, m.column)
    if r.limit and groups and p.order is None:
        p.order, p.descending = "measure", r.descending if r.descending is not None else True
    if r.order_column is not None:
        if any(g.column.name == r.order_column.name for g in groups):
            p.order = "group"
        elif any(m.column is not None and m.column.name == r.order_column.name for m in measures):
            p.order = "measure"
        else:
            raise fail(r, p.language, p.table, f"ordering by {r.order_column.name}")
        p.descending = sort_direction(r)
    elif r.descending is not None and p.order is None:
        if not groups:  # "count sub-category asc": an order for a single number means something else
            raise fail(r, p.language, p.table, "an order for a single number")
        p.order, p.descending = "measure", r.descending
    if sup and groups and p.order is None and not any(m.agg in ("max", "min") for m in measures):
        _superlative_of_groups(r, p, groups)  # 'highest salary by rank' took it as its aggregate


def _superlative_of_groups(r: Roles, p: Plan, groups: list[Group]) -> None:
    """Rule `superlative_of_groups`: a superlative beside groups that nothing else ordered. After 'with' ('day
    of the week with the most sessions') it is the top group, as 'which ... has the most' is; otherwise ('most
    sessions by subject': the top subject, or every subject ranked?) it is asked. It was dropped: the counts
    came in the groups' order."""
    keys = r.keys
    k = next((i for i, key in enumerate(keys) if key in ("MAX", "MIN")), None)
    if k is not None and k > 0 and keys[k - 1] == "WITH":
        p.order, p.descending, p.limit = "measure", r.superlative == "max", 1
        return
    raise fail(r, p.language, p.table, f"a superlative beside the groups of {groups[0].column.name} (only the "
               "first group, or every group ranked?)")


def categories_listed(r: Roles, p: Plan, m: Measure, groups: list[Group], bare: list[Column]) -> None:
    """'list clinics from lowest to highest average cost', 'rank departments by total cost', 'sort clinics
    by average wait', 'clinics by average cost, lowest first': a category named in the plural, to be
    listed or ordered by one measure, is one row per value: grouped by it, ordered by the measure ('rank'
    puts the highest first, 'sort' and 'order' the lowest, unless a direction is said). Not when a
    condition is on the measured column: in 'which clinics have an average cost above 180' the 180 is of
    the average (a condition on groups), which a row filter would get wrong."""
    named = r.order_column if r.order_column is not None and "BY" in r.keys else None
    cats = [c for c in bare if c.categorical or c.kind == "text"] if named is None else [named]
    ordered = r.descending is not None or "SORT" in r.keys
    if len(cats) != 1 or (named is None and len(bare) != 1) or not ordered or not m.stated \
            or not named_in_plural(r, cats[0]):
        return
    c = cats[0]
    if m.column is not None and any(f.column is m.column for f in r.filters):
        raise fail(r, p.language, p.table, f"a condition on {m.agg}({m.column.name}) (on groups, not rows)")
    if named is None:
        bare.remove(c)
    groups.append(Group(c))
    r.order_column = None
    p.order, p.descending = "measure", sort_direction(r)
    r.descending = p.descending


def sort_direction(r: Roles) -> bool:
    """Descending? As said ('descending', 'from highest to lowest'); else 'rank' puts the highest first
    ('rank passengers by fare') and 'sort', 'order', 'ordena' the lowest."""
    return r.descending if r.descending is not None else norm(r.sort_word).startswith(("rank", "clasific"))


def _rows_plan(r: Roles, p: Plan, index: SchemaIndex, groups: list[Group], bare: list[Column]) -> Plan:
    """No aggregate: rows (filtered, ordered, the extreme ones) or distinct values."""
    lang, table = p.language, p.table
    if groups:
        raise fail(r, lang, table, "a grouping without anything to compute")
    if r.superlative and r.order_column is not None:
        return _extreme_rows(r, p, index, bare)
    if r.by_label and r.order_column is None:  # 'list the ships alphabetically': by the column naming each row
        labels = [c for c in bare if c.kind == "text"] or [c for c in [index.row_name(table)] if c is not None]
        if len(labels) != 1:
            raise fail(r, lang, table, "the names to put in alphabetical order")
        r.order_column = labels[0]
    keys = set(r.keys)
    if bare and ("DISTINCT_VALUES" in keys or keys & {"SHOW", "ALPHA"} and not r.entity and not r.filters
                 and all(c.categorical for c in bare) and "ROWS" not in keys):
        if any(c.continuous for c in bare):
            raise fail(r, lang, table, "distinct values of the measure " + ", ".join(c.name for c in bare if c.continuous))
        p.intent, p.projection = "distinct", bare
        return p
    if not (bare or r.filters or r.entity or keys & {"SHOW", "ROWS"} or r.limit or r.order_column):
        raise fail(r, lang, table, "what to compute or show")
    if len(bare) == 1 and bare[0].continuous and not keys & {"SHOW", "ROWS"} and r.order_column is None \
            and not r.limit and _average_said_in_its_name(r, bare[0]):
        # rule `average_in_the_name`: 'average rating of explicit episodes' over avg_rating, 'nota media de las
        # solicitudes denegadas' over nota_media: the name says it is an average, and said so, with no grouping,
        # it is its mean over the rows picked; it listed every row's value
        p.measures = [Measure("avg", bare[0], stated=False)]
        p.understood.append(f"avg of {bare[0].name}")
        return p
    if bare and not (keys & {"SHOW", "ROWS"} or r.entity or r.order_column) and (
            any(c.continuous for c in bare) or not r.filters):
        # "revenue in 2023": a total? an average? the rows? ask rather than guess
        raise fail(r, lang, table, "what to compute about " + ", ".join(c.name for c in bare) +
                   (" (total, average, ...)" if lang == "en" else " (total, promedio, ...)"))
    cats = [c for c in bare if c.discrete]
    if r.superlative and r.order_column is None and r.entity and len(cats) == 1 == len(bare):
        # "which genre had the most movies": rows counted per value, the extreme first
        p.intent, p.measures, p.groups = "query", [Measure("count")], [Group(cats[0])]
        p.order, p.descending, p.limit = "measure", r.superlative == "max", r.limit or 1
        p.understood.append(f"{'most' if r.superlative == 'max' else 'fewest'} rows by {cats[0].name}")
        return p
    if r.superlative and r.order_column is None:
        raise fail(r, lang, table, "the column that 'most/highest/lowest' refers to")
    if len(bare) == 1 and r.filters and r.order_column is None and bare[0].label and named_in_plural(r, bare[0]) \
            and "DISTINCT_VALUES" not in keys:
        # rule `things_with_a_condition`: "show students with attendance below 80% who scored over 85": the
        # students' rows, whole (the id alone hid the values that chose them, and repeated ids said nothing)
        bare = []
    p.intent, p.projection = "rows", bare
    p.order_column = r.order_column
    if bare and r.order_column is not None and r.order_column not in bare:
        # "the tonnage of each ship, listed by the names": the column the rows are ordered by is shown too
        p.projection = [r.order_column] + bare
    p.descending = sort_direction(r) if r.order_column is not None else None
    if r.descending is not None and r.order_column is None:
        raise fail(r, lang, table, "the column to order by")
    return p


def _extreme_rows(r: Roles, p: Plan, index: SchemaIndex, bare: list[Column]) -> Plan:
    """"the oldest passenger": the extreme rows; "which station is the wettest": the extreme group."""
    if not r.entity and len(bare) == 1 and bare[0].discrete and not bare[0].label and r.order_column.continuous:
        # "which station is the wettest": the group whose total (or, for a measure never summed, average)
        # is the extreme, not the group of the one extreme row
        agg = unstated_aggregate(r, p, index, r.order_column)
        p.intent, p.measures, p.groups = "query", [Measure(agg, r.order_column, stated=False)], [Group(bare[0])]
        p.order, p.descending, p.limit = "measure", r.superlative == "max", r.limit or 1
        p.confident = False
        p.notes.append(f"ranked {bare[0].name} by the {agg} of {r.order_column.name}")
        return p
    p.intent, p.order_column = "rows", r.order_column
    p.descending, p.limit = r.superlative == "max", r.limit or 1
    # "the hottest day": the day and the temperature that makes it the hottest (the date alone hid it)
    p.projection = bare + [r.order_column] if bare and r.order_column not in bare else bare
    return p


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
    # Steps that change what the data says are in a plan only when asked for: with "clean", asking
    # adds them to the whole plan ("clean the data and fill the missing values"); alone, the plan is
    # only those steps ("fill the missing values").
    include = []
    if "FILL" in keys:
        include.append("fill_missing")
    if "CLIP" in keys:
        include.append("clip_outliers")
    if "NEAR_DUPLICATES" in keys:
        include.append("merge_near_duplicates")
    if "DUPLICATES" in keys or "NEAR_DUPLICATES" in keys:
        only.append("drop_duplicates")
    if "CLEAN" not in keys:
        only += [{"fill_missing": "fill_missing", "clip_outliers": "clip"}[o] for o in include
                 if o != "merge_near_duplicates"]
    if "TRIM" in keys:
        only.append("trim")
    if "REMOVE" in keys and r.null_cols and "FILL" not in keys:
        only.append("drop_rows")
    other = [f for f in r.filters if f.op not in ("is null", "is not null")]
    if other or r.measures or r.groups:
        raise fail(r, p.language, p.table, "conditions in a cleaning request")
    p.clean_only = list(dict.fromkeys(only))
    p.clean_include = include
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
    if p.n_rows is not None and not 1 <= p.n_rows <= MAX_SYNTH_ROWS:  # never a silent default instead
        raise fail(r, p.language, p.table, f"{p.n_rows:,} synthetic rows (from 1 to {MAX_SYNTH_ROWS:,})")
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


def _average_said_in_its_name(r: Roles, c: Column) -> bool:
    """The column's name holds a word for an average (avg_rating, nota_media) and the request said it."""
    said = set(norm(r.mentions.get(c.name) or "").split())  # 'average rating' for avg_rating
    averages = word_set("measures", "average_names")
    return bool(said & averages) and bool(set(name_words(c.name)) & averages)
