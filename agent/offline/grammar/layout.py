"""Layout: grouping, panels, colour, time grain, axes, model features and histogram bins."""

from __future__ import annotations

from dsagent.offline.grammar.measures import recurring_identifier
from dsagent.offline.grammar.periods import years_covered
from dsagent.offline.grammar.roles import AGG_KEYS, CHART_KEYS, CMP_KEYS, GRAIN_KEYS
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.columns import Column, yes_no_of_text
from dsagent.offline.plan import Group, Measure
from dsagent.offline.tokens import Item
from dsagent.words.data import load as load_words
from dsagent.words.measures import is_additive
from dsagent.words.names import event_words, is_date_name
from dsagent.words.text import name_words
from dsagent.words.text import norm

_DATES = load_words("dates")
DISTRIBUTIVE_GRAIN_WORDS = set(_DATES["distributive_adjectives"])
DISTRIBUTIVE_FIRST_WORDS = set(_DATES["distributive_first_words"])
GROUPING_FIRST_WORDS = set(_DATES["grouping_first_words"])  # 'by month and region': a list of groups
AXIS_POSITIONS = frozenset(load_words("charts")["axis_positions"])
BINS_COUNTED = frozenset(load_words("charts")["bins_counted"])  # 'X on the x axis' places X

BIN_WORDS = ("bins", "bin", "buckets", "bucket")


def listed_after_by(g: GrammarPass, j: int) -> bool:
    """Item j is the second or later value of one column listed right after 'by'."""
    k, n = j, 0
    while g.at(k) is not None and g.at(k).kind == "val" and g.at(k).col is g.items[j].col:
        n += 1
        k -= 1
        if g.is_kw(k, "AND"):
            k -= 1
    return n >= 2 and g.is_kw(k, "BY", "FACET_BY")


def axis_mention(g: GrammarPass, j: int) -> None:
    """'X on the x axis' names the column before; 'x axis is X', 'y axis: mean Y', 'y = count' the one after."""
    it, prev = g.items[j], g.at(j - 1)
    after = j + 1
    while g.is_kw(after, *AGG_KEYS) and not (g.at(after + 1) is None and g.at(after).key == "COUNT"):
        after += 1  # "y axis mean MPG": the column after the aggregate
    nxt = g.at(after)
    before = prev.col if prev is not None and prev.kind == "col" else None
    following = nxt.col if nxt is not None and nxt.kind == "col" else None
    if it.text.split()[0] in AXIS_POSITIONS:
        target = before
    else:
        target = following if following is not None else before
    if target is not None:
        g.r.axis[it.key[0].lower()] = target
    elif it.key == "YAXIS" and (g.is_kw(j + 1, "COUNT") or prev is not None and prev.kind == "kw"
                                and prev.key == "COUNT" or g.pending and g.pending[-1].key == "COUNT"
                                or any(m.agg == "count" for m in g.r.measures)):
        pass  # "y axis count", "count on the y axis": the count of rows, planned from the words themselves
    else:
        g.r.problems.append(f"'{it.text}' without a column")


def by_role(g: GrammarPass, it: Item) -> Column | None:
    """The one candidate of an ambiguous word that fits a grouping or colour (discrete, 2 to 50 values)."""
    names = [n.strip() for n in str(it.value).split(":", 1)[1].split(",") if "=" not in n]
    cols = [c for c in (g.index.column(g.table, n) for n in names) if c is not None]
    fit = [c for c in cols if c.discrete and 2 <= (c.distinct or len(c.values)) <= 50]
    return fit[0] if len(fit) == 1 and len(cols) == len(names) else None


def bin_number(g: GrammarPass, j: int) -> int | None:
    """A number that sizes a histogram's bins: the index after what it used, or None."""
    r, it, nxt = g.r, g.items[j], g.at(j + 1)
    if nxt is not None and nxt.kind == "kw" and nxt.key == "CHART_HIST" and nxt.text in BIN_WORDS \
            or g.is_kw(j - 1, "BIN_COUNT"):
        r.bins = int(it.value)  # "20 bins", "into 8 buckets", "number of bins 8"
        r.keys.append("CHART_HIST")
        return j + 1 + (not g.is_kw(j - 1, "BIN_COUNT"))
    if nxt is not None and norm(nxt.text) in BINS_COUNTED and isinstance(it.value, int) and (
            "CHART_HIST" in r.keys or g.is_kw(j + 1, "BIN_UNIT")):
        r.bins = it.value  # "histogram of delay with 30 intervals", "con 30 barras": that many (a width was 30)
        r.keys.append("CHART_HIST")
        return j + 2
    unit_then = nxt is not None and nxt.kind in ("unknown", "kw", "col")  # "20 minute bands", "10 day bins"
    if g.is_kw(j - 1, "BIN_WIDTH") or g.is_kw(j + 1, "BIN_UNIT") or unit_then and (
            g.is_kw(j + 2, "BIN_UNIT") or g.is_kw(j + 2, "CHART_HIST") and g.at(j + 2).text in BIN_WORDS):
        r.bin_width = it.value  # "bin size 500", "in 20 minute bands", "by 500 interval"
        r.keys.append("CHART_HIST")
        if g.is_kw(j - 1, "BIN_WIDTH"):  # "buckets of 20 minutes": the unit word goes with the number
            return j + 1 + (nxt is not None and nxt.kind == "unknown")
        return j + (2 if g.is_kw(j + 1, "BIN_UNIT") else 3)
    return None


# ---------------------------------------------------------------- rules of the pass (see grammar/rules.py)
def done_by_a_flag(g: GrammarPass, j: int) -> int | None:
    """'what percent of sessions are by residents', 'visitas hechas por socios': 'by' after a verb of being
    or doing (`language.passive_agent_verbs`) and before a yes/no column says who did what the rows record:
    the rows where it holds, as 'sessions are residents' reads. Taken as 'by' it grouped the share by the
    column (residents and others) instead of giving the residents' share."""
    it, nxt = g.items[j], g.at(j + 1)
    # a yes/no kept as text too ('ventas hechas por socios' over socio 'sí'/'no': it grouped the share by socio)
    if it.key != "BY" or nxt is None or nxt.kind != "col" or not (nxt.col.binary or yes_no_of_text(nxt.col)) \
            or g.negate:
        return None
    if norm(g.word_at(it.start - 1)) not in load_words("language")["passive_agent_verbs"]:
        return None
    after = g.at(j + 2)
    if after is not None and after.kind == "kw" and after.key in ("VS", "AND", "BY"):  # 'by members vs others'
        return None
    return j + 1


def grouping_word(g: GrammarPass, j: int) -> int | None:
    """'by', 'per', 'for each', 'por'; 'one chart per', 'small multiples by' (panels): columns next group."""
    key = g.items[j].key
    if key not in ("BY", "FACET_BY"):
        return None
    g.mode = "by"
    g.facet_from = len(g.r.groups) if key == "FACET_BY" else None
    g.split_next = g.items[j].param == "split"  # 'con y sin receta': in a chart of two groups, the colour
    return j + 1


def within_word(g: GrammarPass, j: int) -> int | None:
    """'percentage of each rank within each discipline', 'dentro de cada región': the columns next group, as
    the whole a share is taken within (grammar/shares.py); before anything else it is only a word."""
    if g.items[j].key != "WITHIN":
        return None
    if g.is_kind(j + 1, "col") or g.is_kw(j + 1, "BY", "UNIT"):
        g.mode = "by"
        g.facet_from = None
    return j + 1


def colour_word(g: GrammarPass, j: int) -> int | None:
    """'colored by', 'color by', 'coloreado por': the column next is the colour."""
    if g.items[j].key != "COLOR_BY":
        return None
    g.mode = "color"
    return j + 1


def colour_without_column(g: GrammarPass) -> None:
    """At the end: a colour word with no column after it nor just before it ('how many trips by colour'
    over a table with no colour column counted every trip; 'with genre as a legend' names its column
    first): the split it asks for is not there, so nothing is guessed."""
    if g.mode != "color" or g.r.color is not None:
        return
    at = max(j for j, it in enumerate(g.items) if it.kind == "kw" and it.key == "COLOR_BY")
    before = next((it for it in reversed(g.items[:at]) if not (it.kind == "stop" or it.kind == "kw" and it.key in (
        "MAKE_IT", "IN"))), None)
    if before is None or before.col is None:
        g.r.problems.append(f"'{g.items[at].text}' without a column to colour by")


_PERIOD_BIN_WORDS = ("bin", "binned", "binning", "bins")
_PERIODS = ("year", "quarter", "month", "week", "day")


def bins_of_a_period(g: GrammarPass, j: int) -> int | None:
    """'bin the date into year interval', 'binned by month', 'bin by weekday': bins of a date are its periods,
    a time grain, not a histogram ('year' had no period it belonged to, and the request was declined)."""
    it = g.items[j]
    if not (it.key == "CHART_HIST" and it.text in _PERIOD_BIN_WORDS or it.key == "BIN_WIDTH" and it.text.startswith("bin")):
        return None
    k = j + 1
    while k < len(g.items) and (g.items[k].kind == "stop" or g.items[k].kind == "col" and g.items[k].col.temporal):
        k += 1
    unit = g.at(k)
    if unit is None or unit.kind != "kw" or not (unit.key == "UNIT" and unit.param in _PERIODS or unit.key in GRAIN_KEYS):
        return None
    if g.time_col() is None:
        return None
    for c in (x for x in g.items[j + 1:k] if x.kind == "col"):
        c.used = True
        g.time_cols, g.r.grain_column = [c.col], c.col
    if it.key == "CHART_HIST":
        g.r.keys.remove("CHART_HIST")  # noted when the word was read: no histogram is asked for
    g.r.grain = unit.param if unit.key == "UNIT" else GRAIN_KEYS[unit.key]
    g.r.keys.append(unit.key)
    return k + 1 + g.is_kw(k + 1, "BIN_UNIT")


def years_along(g: GrammarPass, j: int) -> int | None:
    """'score trend over the years', 'a lo largo de los años': along time, one point a year (it was one a
    month) unless the request names its grain."""
    it = g.items[j]
    if it.key != "OVER_TIME" or it.param != "year":
        return None
    g.r.grain = g.r.grain or "year"
    g.mode = None
    return j + 1


def time_grain_word(g: GrammarPass, j: int) -> int | None:
    """'monthly', 'per quarter', 'por ano': the grain of the date column (a 'by' list goes on). A grain
    said with a grouping word opens a 'by' list (rule grain_opens_a_list): "revenue by month and region"
    groups by both; it was declined ('region' had no role), while "by region and month" was answered."""
    key = g.items[j].key
    if key not in GRAIN_KEYS:
        return None
    g.r.grain = GRAIN_KEYS[key]
    words = norm(g.items[j].text).split()
    g.r.grain_per = distributive_grain(g.items[j]) and words[0] != "by"  # 'by day' groups
    g.mode = "by" if g.mode == "by" or words[0] in GROUPING_FIRST_WORDS and g.is_kw(j + 1, "AND") else None
    nxt = g.at(j + 1)
    if nxt is not None and nxt.kind == "kw" and nxt.key in ("MAX", "MIN") and not nxt.param and not g.r.groups \
            and not g.r.measures and not distributive_grain(g.items[j]):
        g.r.limit = g.r.limit or 1  # "which day of the week has the most rain": the top period
    return j + 1


def most_common_period(g: GrammarPass, j: int) -> int | None:
    """'busiest day of the week', 'most common hour', 'el mes más frecuente': the period of the date column
    with the most rows (as 'the most common zone' is the zone with the most rows). The word had no column
    to apply to and was declined."""
    it, nxt = g.items[j], g.at(j + 1)
    if it.key != "MODE" or nxt is None or nxt.kind != "kw":
        return None
    if nxt.key in GRAIN_KEYS and not distributive_grain(nxt):
        g.r.grain = GRAIN_KEYS[nxt.key]
    elif nxt.key == "UNIT" and nxt.param in ("year", "quarter", "month", "week", "day"):
        tc = g.time_col()
        if tc is not None and not any(x.kind == "year" for x in g.items) and _asked_which_year(g, nxt, tc):
            return j + 2  # as 'which month has the most ...' asks
        g.r.grain = nxt.param  # 'the busiest month of 2024'
    else:
        return None
    g.r.measures.append(Measure("count"))
    g.r.superlative, g.r.descending, g.r.limit = "max", True, g.r.limit or 1
    g.r.understood.append(f"the {g.r.grain.replace('_', ' ')} with the most rows")
    return j + 2


def distributive_grain(it: Item) -> bool:
    """Rule distributive_grain: 'monthly maximum temperature', 'per week highest humidity', 'máximo
    mensual' name one value per period, never the period with the top value (which a grain said as a noun
    can be: 'the day of the week with the most rain'). It answered the single hottest month."""
    words = norm(it.text).split()
    return bool(words) and (words[0] in DISTRIBUTIVE_FIRST_WORDS
                            or len(words) == 1 and words[0] in DISTRIBUTIVE_GRAIN_WORDS)


def along_word(g: GrammarPass, j: int) -> int | None:
    """'weight over year', 'gross over major genre': 'over'/'across' before a column or a unit means along."""
    it, nxt, prev = g.items[j], g.at(j + 1), g.at(j - 1)
    if not (it.key == "GT" and it.text in ("over", "across") and nxt is not None and (
            nxt.kind == "col" or nxt.kind == "kw" and nxt.key == "UNIT")):
        return None
    r = g.r
    if nxt.kind == "kw" and nxt.param == "year" and norm(nxt.text) in ("year", "ano") \
            and g.stops_between(it, nxt) in (["the"], ["el"]):
        return _over_the_year(g, j, nxt)
    if prev is not None and prev.kind == "col" and prev.col not in r.bare and not any(
            m.column is prev.col for m in r.measures):
        r.bare.append(prev.col)  # it was held for a comparison that is not one
    if nxt.kind == "kw":
        r.grain = nxt.param
        r.keys.append("OVER_TIME")
        nxt.kind = "stop"
    g.mode = "by"
    return j + 1


def _over_the_year(g: GrammarPass, j: int, year: Item) -> int:
    """Rule `over_the_year`: 'total energy produced by each site over the year': the one year the data covers,
    not a line along time (it drew a chart for a question). Over data of several years, which year is asked."""
    year.kind = "stop"
    tc = g.time_col()
    first, last = years_covered(tc)
    if first and first == last:
        g.r.understood.append(f"over the year ({tc.name}: {first})")
    else:
        span = f": the data covers {first}–{last}" if first and last else ""
        g.r.problems.append(f"'over the year' (which year?{span})")
    return j + 1


def correlation_word(g: GrammarPass, j: int) -> int | None:
    """'correlation between wind speed and energy', 'correlación entre edad y peso': the coefficient is asked,
    not only a picture of the relation (passed on: the columns after it are read as for 'relationship')."""
    it = g.items[j]
    if it.key == "RELATION" and it.param == "corr":
        g.r.correlation = True
    return None


def relation_between(g: GrammarPass, j: int) -> int | None:
    """'scatter plot between horsepower and acceleration': 'between' two columns relates them."""
    if g.items[j].key == "BETWEEN" and g.is_kind(j + 1, "col") and not g.is_kind(j + 2, "num"):
        g.r.keys.append("RELATION")
        return j + 1
    return None


def model_features_word(g: GrammarPass, j: int) -> int | None:
    """'predict survived using age and sex', 'with': in a model request, the columns next are features."""
    if g.items[j].key in ("USING", "WITH") and g.r.has("PREDICT"):
        g.mode = "using"
        return j + 1
    return None


def based_on(g: GrammarPass, j: int) -> int | None:
    """'profit based on ship status', 'en base a': outside a model request, 'based on' groups like 'by'."""
    it = g.items[j]
    if it.key != "USING" or it.text not in ("based on", "en base a", "basado en"):
        return None
    g.r.keys.pop()
    g.r.keys.append("BY")
    g.mode = "by"
    return j + 1


def using_a_chart(g: GrammarPass, j: int) -> int | None:
    """'..., using a line chart', 'usando un gráfico de barras': 'using' before a chart names how to draw, no
    model's features (it was an action no answer performs, and the request was declined)."""
    it = g.items[j]
    if it.key != "USING" or g.r.has("PREDICT"):
        return None
    k = j + 1
    while g.is_kind(k, "stop"):
        k += 1
    nxt = g.at(k)
    if nxt is None or nxt.kind != "kw" or not (nxt.key in CHART_KEYS or nxt.key == "CHART"):
        return None
    g.r.keys.remove("USING")
    return j + 1


def list_continues(g: GrammarPass, j: int) -> int | None:
    """'and', 'y', ',': a list goes on in the current mode ('by sex and class')."""
    return j + 1 if g.items[j].key == "AND" else None


def axis_word(g: GrammarPass, j: int) -> int | None:
    """'X on the x axis', 'x axis is X', 'y axis: mean Y', 'X=sales Y=profit'."""
    if g.items[j].key not in ("XAXIS", "YAXIS"):
        return None
    axis_mention(g, j)
    return j + 1


def unit_after_by(g: GrammarPass, j: int) -> int | None:
    """'revenue by region and year': a period word in a 'by' list is the time grain."""
    it = g.items[j]
    if it.key == "UNIT" and g.mode == "by" and g.r.grain is None:
        g.r.grain = it.param
        return j + 1
    return None


def compared_after_groups(g: GrammarPass, j: int) -> int | None:
    """'average salary by department for employees with performance score below 3': a column compared next,
    after a grouping list has its first column, is the comparison's subject and ends the list (it was grouped
    by as well as compared, one row per score below 3). Passed on to rule comparison_subject."""
    nxt = g.at(j + 1)
    if g.mode != "by" or not g.r.groups or nxt is None:
        return None
    # 'total by product for the channel online': a column named with its own value is that value's filter
    # (rule column_named_with_its_value), never another group (it grouped by channel too)
    named_value = nxt.kind == "val" and nxt.col.name == g.items[j].col.name
    if not (nxt.kind == "kw" and nxt.key in CMP_KEYS or g.is_kw(j + 1, "BETWEEN") or named_value):
        return None
    g.mode = None
    return None


_CLAUSE_VERBS = {"have", "has", "had", "having", "with", "were", "was", "is", "are", "did", "tiene", "tienen", "tuvo",
                 "tuvieron", "tenian", "tenia", "con", "fueron", "fue", "son", "es"}


def event_qualifying_a_group(g: GrammarPass, j: int) -> int | None:
    """Rule `event_qualifying_a_group`: 'según el tipo de punto de muestreo' over tipo_punto and
    fecha_hora_muestreo: the event a date records, joined by 'de' / 'of' to the category just grouped by, says
    which category it is (the points where samples are taken), not another grouping; it grouped by the
    sampling time as well. A period ('by month of departure') is no category: its date is the grain's."""
    if g.mode != "by":
        return None
    it, before = g.items[j], g.at(j - 1)
    c, said = it.col, norm(it.text)
    if c is None or not c.temporal or before is None or before.kind != "col" or before.col is None \
            or before.col.temporal or not any(gr.column is before.col for gr in g.r.groups):
        return None
    # the event, by its verb or its noun in the name (muestreo of fecha_hora_muestreo), not a word for a date
    if not (said in event_words(c.name) or said in name_words(c.name) and not is_date_name(said)):
        return None
    if [norm(w) for w in g.stops_between(before, it)] not in (["de"], ["del"], ["of"], ["of", "the"]):
        return None
    it.used = True
    g.r.understood.append(f"a grouping qualified by '{it.text}': {before.col.name}")
    return j + 1


def grouped_column(g: GrammarPass, j: int) -> int | None:
    """'by sex', 'per region and class', 'one chart per origin' (a panel): a column after 'by' groups.

    Two columns side by side after 'by' ('by model year') may be one name qualifying another: asked.
    """
    if g.mode != "by":
        return None
    it, before = g.items[j], g.at(j - 1)
    c, r = it.col, g.r
    if before is not None and set(g.stops_between(before, it)) & _CLAUSE_VERBS:
        # rule `verb_ends_a_grouping`: 'how many days did each site have an inverter fault': a verb after the
        # groups starts what is said of them (a condition), not another group (it grouped by the fault)
        g.mode = None
        return None
    if before is not None and before.kind == "col" and any(gr.column is before.col for gr in r.groups) \
            and before.start + len(before.text.split()) == it.start:
        r.problems.append(f"'{before.text} {it.text}' ({before.col.name} and {c.name}, or one of them)")
    r.groups.append(Group(c))
    if g.facet_from is not None:
        r.facets.append(c)
    if g.split_next:
        r.split_by.append(c)
        g.split_next = False
    it.used = True
    return j + 1


def coloured_column(g: GrammarPass, j: int) -> int | None:
    """'colored by origin': the column after a colour word is the colour."""
    if g.mode != "color":
        return None
    g.r.color = g.items[j].col
    g.items[j].used = True
    g.mode = None
    return j + 1


def feature_column(g: GrammarPass, j: int) -> int | None:
    """'using age, sex and fare': the columns after 'using' in a model request are its features."""
    if g.mode != "using":
        return None
    g.r.features.append(g.items[j].col)
    g.items[j].used = True
    return j + 1


def values_after_by(g: GrammarPass, j: int) -> int | None:
    """'separate by first class, second class': values listed after 'by' group by their column.

    One value after 'by' stays a filter ('fare paid by women'); any other value ends a 'by' list.
    """
    it = g.items[j]
    if g.mode == "by" and listed_after_by(g, j):
        if not any(gr.column is it.col for gr in g.r.groups):
            g.r.groups.append(Group(it.col))
    elif g.mode == "by" and not (g.is_kw(j + 1, "AND") and g.at(j + 2) is not None and g.at(j + 2).kind == "val"
                                 and g.at(j + 2).col is it.col):
        g.mode = None
    return j + 1


def entity_noun(g: GrammarPass, j: int) -> int | None:
    """'passengers', 'rows', 'orders': the request is about the table's rows (passed on). The noun of
    another table is not ('which product sold the most units' over orders answered the one order with the
    most units, not a product): not understood."""
    it = g.items[j]
    tables = [a for a in g.index.lookup(tuple(norm(it.text).split())) if a.kind == "table"]
    owners = {a.table for a in tables if a.strength == max(t.strength for t in tables)}
    qualifies = g.mode == "by" or g.is_kind(j + 1, "col", "val")  # 'per customer country', 'by product'
    if owners and g.table not in owners and not qualifies:
        g.r.problems.append(f"'{it.text}' (the rows here are {g.table})")
        it.used = True
        return j + 1
    g.r.entity = True
    if not g.r.measures and not g.pending:
        g.r.entity_first = True  # "the passenger with the highest fare"
    if it.kind == "table":
        g.r.entity_ident = g.r.entity_ident or recurring_identifier(g, it)
    return None


def each_row(g: GrammarPass, j: int) -> int | None:
    """'for each movie', 'across all movies': one value per row, no grouping. 'Per' after an average is the
    average's own denominator ('average passengers per flight by carrier': the mean over flights), not a
    listing: it was declined as 'a value for each row'."""
    nxt = g.at(j + 1)
    if g.mode == "by" and g.is_kw(j - 1, "BY") and not (nxt is not None and nxt.kind == "col"):
        averaged = g.r.measures and all(m.agg in ("avg", "median") for m in g.r.measures)
        ident = g.r.entity_ident  # the table's noun, whose recurring id entity_noun found
        # an average of what does not add up ('avg gearbox temp per turbine') has one reading: each turbine's
        # average; of what adds up ('average kwh per meter') it may be the total over the number of meters
        additive = any(m.column is None or is_additive(m.column.name) for m in g.r.measures)
        if ident is not None and (not averaged or not additive):  # 'readings per meter' over meters of readings
            g.r.groups.append(Group(ident))
            g.r.understood.append(f"per {ident.name}")
            return j + 1
        if ident is not None:  # 'average kwh per meter': each meter's average, or an average over meters?
            it = g.items[j]
            g.r.problems.append(f"'{g.items[j - 1].text} {it.text}' after an average: the average of each "
                                f"{ident.name}, or one average over them?")
            g.r.rewordings.append((f"{g.items[j - 1].text} {it.text}", f"by {ident.name}"))
            return j + 1
        if not (g.items[j - 1].text in ("per", "por") and averaged):
            g.r.per_row = True
        else:
            g.mode = None
    return j + 1


def bin_size(g: GrammarPass, j: int) -> int | None:
    """'20 bins', 'into 8 buckets', 'bin size 500', 'in 20 minute bands': a number that sizes the bins."""
    return bin_number(g, j)


def ambiguous_in_role(g: GrammarPass, j: int) -> int | None:
    """'by rating' with three ratings: the one candidate that can group or colour is taken (as a guess)."""
    it = g.items[j]
    if not (it.value == "ambiguous" or isinstance(it.value, str) and it.value.startswith("ambiguous:")) \
            or g.mode not in ("by", "color"):
        return None
    only = by_role(g, it)
    if only is None:
        return None
    g.r.fuzzy.append(f"{it.text} -> {only.name} (the only one to group by)")
    if g.mode == "by":
        g.r.groups.append(Group(only))
    else:
        g.r.color, g.mode = only, None
    return j + 1


def which_period(g: GrammarPass, j: int) -> int | None:
    """'which month has the highest average temperature', 'which year had the most sales': the periods of the
    date column ranked by the measure, the top one. A month over data of several years is a month of one
    year or a calendar month: asked, offering 'month of the year'."""
    it, nxt = g.items[j], g.at(j + 1)
    if not (it.key == "UNIT" and it.param in ("year", "quarter", "month", "week", "day") and nxt is not None
            and nxt.kind == "kw" and nxt.key in ("MAX", "MIN") and not nxt.param and not g.r.groups):
        return None
    tc = g.time_col()
    if tc is None:
        return None
    if _asked_which_year(g, it, tc):
        return j + 1
    g.r.grain = it.param
    g.r.limit = g.r.limit or 1
    return j + 1


def _asked_which_year(g: GrammarPass, it: Item, tc: Column) -> bool:
    """A month or quarter word ('which month', 'the busiest quarter') over dates of several years is one month
    of one year or the month of the year (every year together): asked, offering 'month of the year'."""
    if it.param not in ("month", "quarter") or not tc.temporal or _years_spanned(tc) <= 1:
        return False
    g.r.problems.append(f"'{it.text}': one {it.param} of one year, or the {it.param} of the year (every year "
                        f"together)?")
    g.r.rewordings.append((it.text, f"{it.param} of the year"))
    return True


def _years_spanned(c: Column) -> int:
    try:
        return int(str(c.max)[:4]) - int(str(c.min)[:4]) + 1
    except (TypeError, ValueError):
        return 2  # unknown range: assume several years
