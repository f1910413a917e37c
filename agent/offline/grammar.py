"""The offline planner's grammar: typed items in, a `Plan` (or what was not understood) out.

One left-to-right pass assigns each item a role (measure, group, filter, order, limit, chart
encoding, model target ...), then `offline_intent.finish` decides the intent and fills defaults.
Anything left without a role makes the parse fail: the planner never guesses past a word it did
not understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dsagent.offline.lexicon import ENGLISH_MARKERS, SPANISH_MARKERS
from dsagent.offline.linker import Column, SchemaIndex
from dsagent.offline.plan import Filter, Group, Measure, Plan
from dsagent.offline.conditions import CMP_KEYS, ConditionRoles
from dsagent.offline.roles import _NUMBER_OF, AGG_KEYS, LayoutRoles, MeasureRoles
from dsagent.offline.tokens import ORDINAL_WORDS, Item, request_items, tokenize

GRAIN_KEYS = {"GRAIN_YEAR": "year", "GRAIN_QUARTER": "quarter", "GRAIN_MONTH": "month", "GRAIN_WEEK": "week",
              "GRAIN_DAY": "day"}
CHART_KEYS = {"CHART_BAR": "bar", "CHART_GROUPED": "grouped_bar", "CHART_STACKED": "stacked_bar",
              "CHART_LINE": "line", "CHART_AREA": "area", "CHART_SCATTER": "scatter", "CHART_HIST": "histogram",
              "CHART_DIST": "histogram",
              "CHART_PIE": "pie", "CHART_BOX": "box", "CHART_HEATMAP": "heatmap"}


_ES_EXTREMES = {"maximo", "maxima", "maximos", "maximas", "minimo", "minima", "minimos", "minimas"}


class NotUnderstood(Exception):
    """The request has words or structure the grammar cannot place."""

    def __init__(self, unknown: list[str], problems: list[str], understood: list[str], language: str, table: str):
        super().__init__("; ".join(problems + [f"unknown words: {', '.join(unknown)}"]))
        self.unknown = unknown
        self.problems = problems
        self.understood = understood
        self.language = language
        self.table = table


def detect_language(question: str) -> str:
    tokens, _ = tokenize(question)
    es = sum(t in SPANISH_MARKERS for t in tokens) + 2 * any(c in question for c in "¿¡ñáéíóú")
    en = sum(t in ENGLISH_MARKERS for t in tokens)
    return "es" if es > en else "en"


@dataclass
class Roles:
    """What the pass found, before the intent is decided."""

    keys: list[str] = field(default_factory=list)  # every keyword key seen, in order
    measures: list[Measure] = field(default_factory=list)
    superlative: str | None = None  # max | min: the request asks for an extreme (argmax / order)
    groups: list[Group] = field(default_factory=list)
    color: Column | None = None
    filters: list[Filter] = field(default_factory=list)
    bare: list[Column] = field(default_factory=list)  # columns named without a role yet
    entity: bool = False  # "passengers", "rows", "orders"
    axis: dict = field(default_factory=dict)  # "x" / "y" -> column the person put on that axis
    compare: bool = False  # values to compare side by side ("between men and women")
    per_row: bool = False  # "for each movie": one value per row, not a grouping
    entity_first: bool = False  # the entity came before any aggregate ("the passenger with the highest fare")
    limit: int | None = None
    order_column: Column | None = None
    descending: bool | None = None
    grain: str | None = None
    features: list[Column] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)  # numbers with no role yet (n rows, bins)
    bins: int | None = None
    facets: list[Column] = field(default_factory=list)  # groups named as panels ("one chart per X")
    bin_width: float | None = None  # "bin size 500": the histogram's bins come from its column's range
    vs_pairs: list[tuple[Column, Column]] = field(default_factory=list)
    null_cols: list[Column] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    understood: list[str] = field(default_factory=list)
    first_key: str | None = None  # the first meaningful keyword (follow-up cues)

    def has(self, *keys: str) -> bool:
        return any(k in self.keys for k in keys)


class Grammar(MeasureRoles, LayoutRoles, ConditionRoles):
    """One pass over resolved items; see the module docstring."""

    def __init__(self, items: list[Item], index: SchemaIndex, table: str):
        self.items = [it for it in items if it.kind != "stop" or it.text in ("to", "a", "-", "hasta", "until", "through")]
        self.index = index
        self.table = table
        self.r = Roles()
        self.time_cols = index.time_columns(table)

    # ------------------------------------------------------------------ helpers
    def at(self, j: int) -> Item | None:
        return self.items[j] if 0 <= j < len(self.items) else None

    def is_kw(self, j: int, *keys: str) -> bool:
        it = self.at(j)
        return it is not None and it.kind == "kw" and (not keys or it.key in keys)

    def time_col(self) -> Column | None:
        return self.time_cols[0] if len(self.time_cols) == 1 else None

    def add_filter(self, f: Filter) -> None:
        if f.column is not None and f.column.binary and any(
                old.column is f.column and old.op in ("=", "<>") and old.value != f.value for old in self.r.filters):
            self.r.problems.append(f"both yes and no of '{f.column.name}' (say 'count by {f.column.name}')")
            return
        if f.column is not None and f.op in ("=", "<>"):
            for old in self.r.filters:
                if old.column is not None and old.column.name == f.column.name and old.op in ("=", "in") \
                        and f.op == "=":
                    old.value = (old.value if old.op == "in" else [old.value]) + [f.value]
                    old.op = "in"
                    return
                if old.column is not None and old.column.name == f.column.name and old.op in ("<>", "not in") \
                        and f.op == "<>":
                    old.value = (old.value if old.op == "not in" else [old.value]) + [f.value]
                    old.op = "not in"
                    return
        self.r.filters.append(f)

    def column_by_word(self, word: str | None) -> Column | None:
        """The table's column for an implied word (older than -> age)."""
        if not word:
            return None
        hits = self.index.lookup(tuple(word.split()))
        cols = {a.column for a in hits if a.kind == "column" and a.table == self.table}
        return self.index.column(self.table, next(iter(cols))) if len(cols) == 1 else None

    # ------------------------------------------------------------------ the pass
    def run(self) -> Roles:
        r = self.r
        items = self.items
        pending: list[Item] = []  # aggregate keywords waiting for their column
        facet_from: int | None = None  # set after a panel phrase: the groups it names are panels
        mode: str | None = None  # by | color | sort | using
        negate = False
        j = 0
        while j < len(items):
            it = items[j]
            nxt = self.at(j + 1)
            if it.kind == "stop":
                j += 1
                continue
            if it.kind == "kw":
                key = it.key
                r.keys.append(key)
                if it.fuzzy:
                    r.fuzzy.append(f"{it.text} -> {key.lower()}")
                if r.first_key is None and key not in ("SHOW",):
                    r.first_key = key
                if key == "COUNT" and mode == "by" and it.text in _NUMBER_OF and nxt is not None and nxt.kind == "col" \
                        and nxt.col.kind == "integer" and nxt.col.categorical:
                    r.groups.append(Group(nxt.col))  # "mpg by the number of cylinders": by the column's values
                    r.keys.pop()
                    nxt.used = True
                    j += 2
                    continue
                if key in AGG_KEYS:
                    prev = self.at(j - 1)
                    # post-positioned aggregate: "survival rate", "ventas totales", "edad media"
                    post = prev is not None and prev.kind == "col" and not prev.used and not pending
                    if post and key in ("RATE",) and prev.col.binary or post and (
                            nxt is None or nxt.kind not in ("col", "kw") or nxt.key not in AGG_KEYS and nxt.kind == "kw") \
                            and (key in ("SUM", "AVG", "MEDIAN", "RATE", "PERCENT") or it.text in _ES_EXTREMES):
                        if prev.col in r.bare:
                            r.bare.remove(prev.col)
                        self.take_measure(prev.col, [it], prev)
                    else:
                        pending.append(it)
                    if mode == "by":
                        mode = None
                elif key in ("BY", "FACET_BY"):
                    mode = "by"
                    facet_from = len(r.groups) if key == "FACET_BY" else None
                elif key == "VS" and pending and pending[-1].key == "COUNT":
                    r.measures.append(Measure("count"))  # "count vs sub-category": rows per value
                    pending.pop()
                elif key == "COLOR_BY":
                    mode = "color"
                elif key in GRAIN_KEYS:
                    r.grain = GRAIN_KEYS[key]
                    mode = "by" if mode == "by" else None
                elif key == "SORT":
                    mode = "sort"
                elif key in ("DESC", "ASC"):
                    r.descending = key == "DESC"
                elif key in ("TOP", "FIRST") and it.text in ORDINAL_WORDS and nxt is not None and nxt.kind == "col" \
                        and nxt.col.kind == "integer" and ORDINAL_WORDS[it.text] in (nxt.col.values or []):
                    self.add_filter(Filter(nxt.col, "<>" if negate else "=", ORDINAL_WORDS[it.text]))  # "first class"
                    negate = False
                    r.understood.append(f"{nxt.col.name} = {ORDINAL_WORDS[it.text]}")
                    r.keys.pop()
                    nxt.used = True
                    j += 2
                    continue
                elif key == "FIRST" and nxt is not None and nxt.kind == "num" and isinstance(nxt.value, int):
                    r.limit = nxt.value  # "the first 5 rows": a limit, not an order
                    nxt.used = True
                    j += 2
                    continue
                elif key == "FIRST" and not (nxt is not None and (nxt.kind == "table" or self.is_kw(j + 1, "ROWS"))):
                    r.problems.append(f"'{it.text}' (the first of what order?)")  # "the first phone number of each"
                elif key in ("TOP", "BOTTOM"):
                    if nxt is not None and nxt.kind == "num" and isinstance(nxt.value, int):
                        r.limit = nxt.value
                        nxt.used = True
                        j += 1
                    r.superlative = "max" if key == "TOP" else "min"
                    if r.descending is None:
                        r.descending = key == "TOP"
                elif key == "LAST":
                    j = self.period(j)  # the index after the period
                    continue
                elif key == "PERIOD":
                    self.named_period(it)
                elif key == "GT" and it.text in ("over", "across") and nxt is not None and (
                        nxt.kind == "col" or nxt.kind == "kw" and nxt.key == "UNIT"):
                    # "weight over year", "gross over major genre": along, not greater than
                    prev = self.at(j - 1)
                    if prev is not None and prev.kind == "col" and prev.col not in r.bare and not any(
                            m.column is prev.col for m in r.measures):
                        r.bare.append(prev.col)  # it was held for a comparison that is not one
                    if nxt.kind == "kw":
                        r.grain = nxt.param
                        r.keys.append("OVER_TIME")
                        nxt.kind = "stop"
                    mode = "by"
                elif key in ("BETWEEN", "VS") and (nxt is not None and nxt.kind == "val" or key == "VS" and
                                                   self.at(j - 1) is not None and self.at(j - 1).kind == "val"):
                    r.compare = True  # "between men and women", "women vs men": one row per value
                    if key == "VS":
                        r.keys.pop()  # a comparison of values, not a scatter of two columns
                elif key == "BETWEEN" and nxt is not None and nxt.kind == "col" and \
                        not (self.at(j + 2) is not None and self.at(j + 2).kind == "num"):
                    r.keys.append("RELATION")  # "scatter plot between horsepower and acceleration"
                elif key in CMP_KEYS or key == "BETWEEN":
                    j = self.comparison(j, negate)  # the index after what the comparison consumed
                    negate = False
                    continue
                elif key == "NOT":
                    negate = True
                elif key == "NULL":
                    self.null_mention(j, negate)
                    negate = False
                elif key in ("USING", "WITH") and r.has("PREDICT"):
                    mode = "using"
                elif key == "USING" and it.text in ("based on", "en base a", "basado en"):
                    r.keys.pop()  # "profit based on ship status": by
                    r.keys.append("BY")
                    mode = "by"
                elif key == "AND":
                    pass  # lists continue in the current mode
                elif key in ("XAXIS", "YAXIS"):
                    self.axis_mention(j, pending)
                elif key == "UNIT" and mode == "by" and r.grain is None:
                    r.grain = it.param  # "revenue by region and year"
                elif key == "UNIT":
                    r.problems.append(f"'{it.text}' without a period I understand")
                elif key == "UNTIL_NOW":
                    r.problems.append(f"'{it.text}' without a start date before it")
                elif key in ("NOW", "ONLY", "ALSO") and j > 0 and key == "NOW" and it.text in ("now", "ahora"):
                    prev_k = [x for x in items[:j] if x.kind != "stop"]
                    if prev_k and not (prev_k[-1].kind == "kw" and prev_k[-1].key in ("AND", "NOW")):
                        r.problems.append(f"'{it.text}' in the middle of the request")
                else:
                    mode = None if key not in ("WITH", "USING") else mode
                j += 1
                continue
            if it.kind == "col":
                c = it.col
                before = self.at(j - 1)
                if before is not None and before.kind == "col" and before.col is c:
                    j += 1  # the same column named twice in a row
                    continue
                if it.fuzzy:
                    r.fuzzy.append(f"{it.text} -> {c.name}")
                if negate and c.binary and mode is None:
                    self.add_filter(Filter(c, "=", 0))
                    r.understood.append(f"{c.name} = 0")
                    negate = False
                    it.used = True
                elif negate and mode is None and not pending and (nxt is None or nxt.kind in ("kw", "table")
                                                                   and nxt.key not in CMP_KEYS):
                    self.add_filter(Filter(c, "is null"))  # "with no age", "sin edad"
                    r.understood.append(f"{c.name} is missing")
                    negate = False
                    it.used = True
                elif mode == "by":
                    if before is not None and before.kind == "col" and any(g.column is before.col for g in r.groups) \
                            and before.start + len(before.text.split()) == it.start:
                        # "by model year": one column qualifying another, or two groupings? ask
                        r.problems.append(f"'{before.text} {it.text}' ({before.col.name} and {c.name}, or one of them)")
                    r.groups.append(Group(c))
                    if facet_from is not None:
                        r.facets.append(c)
                    it.used = True
                elif mode == "color":
                    r.color = c
                    it.used = True
                    mode = None
                elif mode == "sort":
                    r.order_column = c
                    it.used = True
                    mode = None
                elif mode == "using":
                    r.features.append(c)
                    it.used = True
                elif nxt is not None and nxt.kind == "val" and nxt.col.name == c.name:
                    it.used = True  # "region Europe": the value carries the filter
                elif (prev_it := self.at(j - 1)) is not None and prev_it.kind == "val" and prev_it.col.name == c.name:
                    it.used = True  # "the north region", "clase primera"
                elif pending and all(p.key in ("MAX", "MIN") for p in pending) and nxt is not None and \
                        nxt.kind == "kw" and nxt.key in ("RATE", "AVG", "SUM", "MEDIAN", "PERCENT") and \
                        not (self.at(j + 2) is not None and self.at(j + 2).kind == "col"):
                    self.take_measure(c, pending + [nxt], it)  # "the highest survival rate"
                    pending = []
                    j += 2
                    continue
                elif pending and nxt is not None and nxt.kind == "kw" and (nxt.key in CMP_KEYS or nxt.key == "BETWEEN") \
                        and not any(p.key == "COUNT" for p in pending):
                    self.take_measure(c, pending, it)  # "total sales from january ...", "average age over 30"
                    pending = []
                elif nxt is not None and (nxt.kind == "kw" and nxt.key in CMP_KEYS or self.is_kw(j + 1, "BETWEEN")):
                    it.used = True  # the comparison that follows takes it as subject
                elif nxt is not None and nxt.kind in ("num",) and c.kind == "integer" and c.values \
                        and nxt.value in c.values and not pending:
                    self.add_filter(Filter(c, "=", nxt.value))
                    it.used = nxt.used = True
                    j += 1
                elif pending and all(p.key in ("MAX", "MIN") and p.param for p in pending):
                    r.bare.append(c)  # "the youngest survivors": the superlative names its own column (age)
                elif pending:
                    self.take_measure(c, pending, it)
                    pending = []
                else:
                    r.bare.append(c)
                j += 1
                continue
            if it.kind == "val":
                before, before2 = self.at(j - 1), self.at(j - 2)
                if before is not None and before.kind == "kw" and before.key == "AND" and \
                        before.text in ("and", "y", "e", "&") and before2 is not None and before2.kind == "val" \
                        and before2.col is it.col and not negate:
                    r.compare = True  # "average income for men and women": one row each ('or' keeps one total)
                values = it.value if isinstance(it.value, list) else [it.value]
                for v in values:
                    self.add_filter(Filter(it.col, "<>" if negate else "=", v))
                r.understood.append(f"{it.col.name} {'<>' if negate else '='} {values[0]!r}")
                negate = False
                it.used = True
                if pending and pending[-1].key in ("PERCENT", "RATE") and len(r.filters):
                    self.take_percent(pending)
                    pending = []
                if mode == "by" and self.listed_after_by(j):
                    # "separate by first class, second class": the listed values' column is the grouping
                    # (one value after 'by' stays a filter: "fare paid by women")
                    if not any(g.column is it.col for g in r.groups):
                        r.groups.append(Group(it.col))
                elif mode == "by" and not (self.is_kw(j + 1, "AND") and self.at(j + 2) is not None and
                                           self.at(j + 2).kind == "val" and self.at(j + 2).col is it.col):
                    mode = None
                j += 1
                continue
            if it.kind == "table":
                r.entity = True
                if not r.measures and not pending:
                    r.entity_first = True
                if pending and pending[-1].key == "COUNT" and not (nxt is not None and nxt.kind == "col"):
                    r.measures.append(Measure("count"))
                    r.understood.append("count of rows")
                    pending = [p for p in pending if p.key != "COUNT"]
                if mode == "by" and self.is_kw(j - 1, "BY") and not (nxt is not None and nxt.kind == "col"):
                    r.per_row = True  # "for each movie", "across all movies": per row, no grouping
                j += 1
                continue
            if it.kind == "num":
                prev = self.at(j - 1)
                if nxt is not None and (nxt.kind == "table" or self.is_kw(j + 1, "ROWS")) and \
                        isinstance(it.value, int) and not r.has("GENERATE", "SYNTH"):
                    r.limit = it.value
                elif nxt is not None and nxt.kind == "col" and nxt.col.kind == "integer" and nxt.col.values \
                        and it.value in nxt.col.values:
                    self.add_filter(Filter(nxt.col, "=", it.value))
                    nxt.used = True
                    j += 1
                elif nxt is not None and nxt.kind == "kw" and nxt.key in ("MAX", "MIN") and nxt.param \
                        and isinstance(it.value, int):
                    r.limit = it.value  # "the 10 youngest survivors"
                elif nxt is not None and nxt.kind == "col" and nxt.col.discrete and isinstance(it.value, int) \
                        and it.value not in (nxt.col.values or []) and not r.has("GENERATE", "SYNTH"):
                    r.limit = it.value  # "the 3 regions with the highest ..."
                elif (after := self.bin_number(j)) is not None:
                    j = after  # "20 bins", "bin size 500", "in 20 minute bands"
                    continue
                else:
                    r.numbers.append(it.value)
                j += 1
                continue
            if it.kind == "ord":
                if nxt is not None and nxt.kind == "col" and nxt.col.kind == "integer" and it.value in (nxt.col.values or []):
                    self.add_filter(Filter(nxt.col, "<>" if negate else "=", it.value))
                    r.understood.append(f"{nxt.col.name} {'<>' if negate else '='} {it.value}")
                    negate = False
                    nxt.used = True
                    j += 2
                    continue
                r.problems.append(f"the ordinal '{it.text}'")
                j += 1
                continue
            if it.kind in ("year", "month"):
                j = self.date_filter(j, op="=")
                continue
            if it.kind == "quoted":
                prev = self.at(j - 1)
                if prev is not None and prev.kind == "col":
                    self.add_filter(Filter(prev.col, "<>" if negate else "=", it.text))
                    if prev.col in r.bare:
                        r.bare.remove(prev.col)
                    negate = False
                else:
                    r.problems.append(f"the quoted value '{it.text}' (say which column it is in)")
                j += 1
                continue
            # unknown
            if it.value == "ambiguous" or (isinstance(it.value, str) and it.value.startswith("ambiguous:")):
                only = self.by_role(it, mode) if mode in ("by", "color") else None
                if only is not None:  # "by rating": of three ratings only one can be grouped by
                    r.fuzzy.append(f"{it.text} -> {only.name} (the only one to group by)")
                    if mode == "by":
                        r.groups.append(Group(only))
                    else:
                        r.color, mode = only, None
                    j += 1
                    continue
                r.problems.append(f"'{it.text}' could be {it.value.split(':', 1)[1]}")
            elif it.value == "other-table":
                r.problems.append(f"'{it.text}' is not a column of {self.table}")
            else:
                r.unknown.append(it.text)
            j += 1
        for p in pending:
            self.orphan_aggregate(p)
        if negate:
            r.problems.append("a negation ('not') I could not attach")
        if "SORT" in r.keys and r.order_column is None and r.descending is None and not r.measures \
                and not r.superlative:
            r.problems.append("what to order by")  # "order by all columns": an order I cannot build
        return r



__all__ = ["Grammar", "NotUnderstood", "Roles", "parse_items", "detect_language", "Plan"]


def parse_items(question: str, index: SchemaIndex, default_table: str, table: str | None = None):
    """(table, resolved items, language, table was ambiguous) of a request; `table` forces the table."""
    table, items, ambiguous = request_items(question, index, default_table, table)
    return table, items, detect_language(question), ambiguous
