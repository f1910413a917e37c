"""The offline planner's grammar: typed items in, a `Plan` (or what was not understood) out.

One left-to-right pass assigns each item a role (measure, group, filter, order, limit, chart
encoding, model target ...), then `offline_intent.finish` decides the intent and fills defaults.
Anything left without a role makes the parse fail: the planner never guesses past a word it did
not understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .offline_lexicon import ADDITIVE_HINTS, ENGLISH_MARKERS, NEGATIVE_FORMS, POSITIVE_FORMS, SPANISH_MARKERS
from .offline_linker import Column, SchemaIndex, norm
from .offline_plan import Filter, Group, Measure, Plan
from .offline_tokens import ORDINAL_WORDS, Item, annotate, choose_table, resolve, tokenize

AGG_KEYS = {"COUNT": "count", "SUM": "sum", "AVG": "avg", "MEDIAN": "median", "MIN": "min", "MAX": "max",
            "DISTINCT": "count_distinct", "RATE": "rate", "PERCENT": "percent", "MODE": "mode"}
CMP_KEYS = {"GT": ">", "GE": ">=", "LT": "<", "LE": "<=", "EQ": "=", "NE": "<>"}
GRAIN_KEYS = {"GRAIN_YEAR": "year", "GRAIN_QUARTER": "quarter", "GRAIN_MONTH": "month", "GRAIN_WEEK": "week",
              "GRAIN_DAY": "day"}
CHART_KEYS = {"CHART_BAR": "bar", "CHART_GROUPED": "grouped_bar", "CHART_STACKED": "stacked_bar",
              "CHART_LINE": "line", "CHART_AREA": "area", "CHART_SCATTER": "scatter", "CHART_HIST": "histogram",
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
    per_row: bool = False  # "for each movie": one value per row, not a grouping
    entity_first: bool = False  # the entity came before any aggregate ("the passenger with the highest fare")
    limit: int | None = None
    order_column: Column | None = None
    descending: bool | None = None
    grain: str | None = None
    features: list[Column] = field(default_factory=list)
    numbers: list[float] = field(default_factory=list)  # numbers with no role yet (n rows, bins)
    bins: int | None = None
    vs_pairs: list[tuple[Column, Column]] = field(default_factory=list)
    null_cols: list[Column] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    understood: list[str] = field(default_factory=list)
    first_key: str | None = None  # the first meaningful keyword (follow-up cues)

    def has(self, *keys: str) -> bool:
        return any(k in self.keys for k in keys)


class Grammar:
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
                if key in AGG_KEYS:
                    prev = self.at(j - 1)
                    # post-positioned aggregate: "survival rate", "ventas totales", "edad media"
                    if prev is not None and prev.kind == "col" and not prev.used and (
                            nxt is None or nxt.kind not in ("col", "kw") or nxt.key not in AGG_KEYS and nxt.kind == "kw") \
                            and (key in ("SUM", "AVG", "MEDIAN", "RATE", "PERCENT") or it.text in _ES_EXTREMES) \
                            and not pending:
                        if prev.col in r.bare:
                            r.bare.remove(prev.col)
                        self.take_measure(prev.col, [it], prev)
                    else:
                        pending.append(it)
                    if mode == "by":
                        mode = None
                elif key == "BY":
                    mode = "by"
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
                elif key in ("TOP", "BOTTOM"):
                    if nxt is not None and nxt.kind == "num" and isinstance(nxt.value, int):
                        r.limit = nxt.value
                        nxt.used = True
                        j += 1
                    r.superlative = "max" if key == "TOP" else "min"
                    if r.descending is None:
                        r.descending = key == "TOP"
                elif key == "LAST":
                    j = self.period(j)
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
                elif key == "BETWEEN" and nxt is not None and nxt.kind == "col" and \
                        not (self.at(j + 2) is not None and self.at(j + 2).kind == "num"):
                    r.keys.append("RELATION")  # "scatter plot between horsepower and acceleration"
                elif key in CMP_KEYS or key == "BETWEEN":
                    j = self.comparison(j, negate)
                    negate = False
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
                    prev = self.at(j - 1)
                    target = prev.col if prev is not None and prev.kind == "col" else (
                        nxt.col if nxt is not None and nxt.kind == "col" else None)
                    if target is None:
                        r.problems.append(f"'{it.text}' without a column")
                    else:
                        r.axis[key[0].lower()] = target
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
                    r.groups.append(Group(c))
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
                elif pending and nxt is not None and nxt.kind == "kw" and nxt.key in CMP_KEYS and \
                        not any(p.key == "COUNT" for p in pending):
                    self.take_measure(c, pending, it)  # "total sales from january ...", "average age over 30"
                    pending = []
                elif nxt is not None and (nxt.kind == "kw" and nxt.key in CMP_KEYS or self.is_kw(j + 1, "BETWEEN")):
                    it.used = True  # the comparison that follows takes it as subject
                elif nxt is not None and nxt.kind in ("num",) and c.kind == "integer" and c.values \
                        and nxt.value in c.values and not pending:
                    self.add_filter(Filter(c, "=", nxt.value))
                    it.used = nxt.used = True
                    j += 1
                elif pending:
                    self.take_measure(c, pending, it)
                    pending = []
                else:
                    r.bare.append(c)
                j += 1
                continue
            if it.kind == "val":
                values = it.value if isinstance(it.value, list) else [it.value]
                for v in values:
                    self.add_filter(Filter(it.col, "<>" if negate else "=", v))
                r.understood.append(f"{it.col.name} {'<>' if negate else '='} {values[0]!r}")
                negate = False
                it.used = True
                if pending and pending[-1].key in ("PERCENT", "RATE") and len(r.filters):
                    self.take_percent(pending)
                    pending = []
                if mode == "by":
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
                if mode == "by" and not (nxt is not None and nxt.kind == "col"):
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
                elif nxt is not None and nxt.kind == "col" and nxt.col.discrete and isinstance(it.value, int) \
                        and it.value not in (nxt.col.values or []) and not r.has("GENERATE", "SYNTH"):
                    r.limit = it.value  # "the 3 regions with the highest ..."
                elif nxt is not None and nxt.kind == "kw" and nxt.key == "CHART_HIST" and nxt.text in ("bins", "bin"):
                    r.bins = int(it.value)
                    nxt.used = True
                    j += 1
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
        return r

    # ------------------------------------------------------------------ roles
    def take_measure(self, c: Column, aggs: list[Item], item: Item) -> None:
        r = self.r
        item.used = True
        keys = [a.key for a in aggs]
        sup = [k for k in keys if k in ("MAX", "MIN")]
        others = [k for k in keys if k not in ("MAX", "MIN")]
        if sup and others:  # "the highest survival rate": an extreme of the rate
            r.superlative = "max" if sup[0] == "MAX" else "min"
        if "PERCENT" in keys or "RATE" in keys:
            if c.binary:
                if "PERCENT" in keys:
                    r.measures.append(Measure("percent", None, Filter(c, "=", 1)))
                else:
                    r.measures.append(Measure("rate", c))
                r.understood.append(f"rate of {c.name}")
                return
            if c.numeric and "PERCENT" in keys:
                r.measures.append(Measure("share", c))
                r.understood.append(f"share of {c.name}")
                return
            if c.categorical and "PERCENT" in keys:
                r.measures.append(Measure("share", None))
                r.groups.append(Group(c))
                r.understood.append(f"share of rows by {c.name}")
                return
            r.problems.append(f"a rate of '{c.name}' (it is not a yes/no column)")
            return
        if "MODE" in keys:
            r.groups.append(Group(c))
            r.measures.append(Measure("count"))
            r.superlative, r.descending, r.limit = "max", True, r.limit or 1
            r.understood.append(f"most common {c.name}")
            return
        if "COUNT" in keys and "DISTINCT" not in keys and c.kind == "text" and not c.values and not c.identifier:
            r.measures.append(Measure("count"))  # "number of models": names are one per row
            r.understood.append(f"count of rows ({c.name})")
            return
        if "COUNT" in keys:
            if "DISTINCT" in keys or (c.categorical or c.identifier or c.kind == "text" or c.temporal) and not c.binary:
                r.measures.append(Measure("count_distinct", c))
                r.understood.append(f"number of distinct {c.name}")
            elif c.binary:
                r.measures.append(Measure("count"))
                self.add_filter(Filter(c, "=", 1))
                r.understood.append(f"count where {c.name} = 1")
            elif c.numeric and any(h in norm(c.name) for h in ("unit", "quantity", "amount", "count", "cantidad")):
                r.measures.append(Measure("sum", c))
                r.understood.append(f"total {c.name}")
            else:
                r.problems.append(f"'how many' of the numeric column '{c.name}'")
            return
        if "DISTINCT" in keys:
            r.measures.append(Measure("count_distinct", c)) if r.has("COUNT") else r.bare.append(c)
            if not r.has("COUNT"):
                r.keys.append("DISTINCT_VALUES")
            return
        if others == ["SUM"] and any(a.text in ("how much", "cuanto", "cuanta") for a in aggs) and c.numeric \
                and not any(h in norm(c.name) for h in ADDITIVE_HINTS):
            r.problems.append(f"'how much' of '{c.name}' (a total? an average?)")  # "how much do cars weigh"
            return
        if not c.numeric and not (c.temporal and (others or sup)):
            if sup and not others and c.temporal:
                pass
            else:
                r.problems.append(f"an aggregate of the text column '{c.name}'")
                return
        if others:
            agg = AGG_KEYS[others[-1]]
            r.measures.append(Measure(agg, c))
            r.understood.append(f"{agg} of {c.name}")
            if sup:
                r.superlative = "max" if sup[0] == "MAX" else "min"
            return
        r.measures.append(Measure(AGG_KEYS[sup[0]], c))
        r.superlative = r.superlative or ("max" if sup[0] == "MAX" else "min")
        r.understood.append(f"{AGG_KEYS[sup[0]]} of {c.name}")

    def take_percent(self, pending: list[Item]) -> None:
        """'percentage of women': the share of rows meeting the last filter."""
        r = self.r
        cond = r.filters.pop()
        r.measures.append(Measure("percent", None, cond) if pending[-1].key == "PERCENT" else
                          Measure("percent", None, cond))
        if pending[-1].key == "RATE":
            r.measures[-1].agg = "percent"
        r.understood.append("share of rows where " + (cond.column.name if cond.column else "condition"))

    def orphan_aggregate(self, p: Item) -> None:
        """An aggregate keyword whose column never came: count(*), an implied column, or a problem."""
        r = self.r
        key = p.key
        if key == "COUNT":
            if not any(m.agg == "count" for m in r.measures):
                r.measures.append(Measure("count"))
                r.understood.append("count of rows")
            return
        if key in ("MAX", "MIN"):
            col = self.column_by_word(p.param)
            if col is not None:
                r.superlative = key.lower()
                r.order_column = col
                r.descending = key == "MAX"
                r.understood.append(f"{'highest' if key == 'MAX' else 'lowest'} {col.name}")
                return
            if r.measures or r.entity:  # "the region with the most orders": an extreme of the count
                r.superlative = key.lower()
                return
            r.problems.append(f"'{p.text}' of what")
            return
        if key in ("PERCENT", "RATE") and r.measures:
            return
        if key == "PERCENT" and (r.entity or r.groups) and not r.filters:
            r.measures.append(Measure("share", None))  # "share of passengers by class"
            r.understood.append("share of rows")
            return
        if key == "DISTINCT":
            r.keys.append("DISTINCT_VALUES")
            return
        if key == "SUM" and p.text in ("total", "totales", "overall", "combined"):
            return  # 'total' as an adjective: "total number", "the total"
        r.problems.append(f"'{p.text}' without a column it applies to")

    def comparison(self, j: int, negate: bool) -> int:
        """A comparison keyword at j: find its subject (column before, or implied) and its value(s)."""
        r = self.r
        it = self.items[j]
        subject = None
        k = j - 1
        while k >= 0 and self.items[k].kind == "kw" and self.items[k].key in ("NOT", "WITH", "AND") and k >= j - 2:
            k -= 1
        prev = self.at(k)
        if prev is not None and prev.kind == "col":
            subject = prev.col
            prev.used = True
            if subject in r.bare:
                r.bare.remove(subject)
        implied = self.column_by_word(it.param)
        if subject is None:
            subject = implied
        nxt = self.at(j + 1)
        after = self.at(j + 2)
        if nxt is not None and nxt.kind in ("year", "month") and subject is not None and not (
                subject.temporal or subject.year_like) and not (nxt.kind == "year" and subject.numeric):
            if prev is not None and prev.kind == "col" and subject is prev.col and not any(
                    m.column is subject for m in r.measures):
                r.bare.append(subject)  # "revenue between march and june": revenue keeps no role yet
            subject = None  # "sales from january": the date column, not sales
        if subject is None and nxt is not None and nxt.kind == "col" and after is not None and after.kind == "num":
            subject = nxt.col  # "between age 20 and 30"
            nxt.used = True
            if subject in r.bare:
                r.bare.remove(subject)
            j += 1
            nxt = after
        if nxt is not None and nxt.kind == "year" and subject is not None and subject.numeric and not subject.year_like:
            nxt.kind = "num"  # "revenue above 2000" is a number, not a year
        if nxt is not None and nxt.kind in ("year", "month") and (subject is None or subject.temporal or subject.year_like):
            op = "between" if it.key == "BETWEEN" or (it.key == "GE" and self._range_follows(j + 1)) else CMP_KEYS[it.key]
            return self.date_filter(j + 1, op=op, subject=subject)
        if nxt is None or nxt.kind != "num":
            if nxt is not None and nxt.kind == "kw" and nxt.key in AGG_KEYS:
                r.problems.append(f"a comparison with an aggregate ('{it.text} {nxt.text}')")
            elif it.key in ("GE", "LE", "GT", "LT") and it.text in ("from", "since", "desde", "until", "hasta", "over",
                                                                    "after", "before", "under"):
                if it.text in ("over", "under"):
                    return self.soft_fail(j, it)
                if prev is not None and prev.kind == "col" and subject is prev.col and subject not in r.bare \
                        and not any(m.column is subject for m in r.measures):
                    r.bare.append(subject)  # 'from' was only a preposition: "profit from the table"
                return j + 1
            else:
                r.problems.append(f"'{it.text}' without a number after it")
            return j + 1
        if subject is None:
            r.problems.append(f"'{it.text} {nxt.text}' without a column")
            return j + 2
        if not subject.numeric:
            r.problems.append(f"comparing the text column '{subject.name}' with a number")
            return j + 2
        value = nxt.value
        if it.key == "BETWEEN":
            sep, hi = self.at(j + 2), self.at(j + 3)
            if sep is None or hi is None or hi.kind != "num" or not (sep.kind == "kw" and sep.key in ("AND",) or sep.text in ("to", "a", "-", "hasta", "y")):
                r.problems.append("'between' needs two numbers")
                return j + 2
            lo, hi_v = sorted([value, hi.value])
            unit = self.at(j + 4)
            if unit is not None and unit.kind == "kw" and unit.key == "UNIT" and unit.param == "year":
                self.items[j + 4] = Item("stop", unit.text, unit.start)
            self.add_filter(Filter(subject, "between", lo, hi_v))
            r.understood.append(f"{subject.name} between {lo} and {hi_v}")
            return j + 4
        unit = self.at(j + 2)
        if unit is not None and unit.kind == "kw" and unit.key == "UNIT" and unit.param == "year":
            self.items[j + 2] = Item("stop", unit.text, unit.start)  # "mayores de 70 anos"
        op = CMP_KEYS[it.key]
        if negate:
            op = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "<>", "<>": "="}[op]
        self.add_filter(Filter(subject, op, value))
        r.understood.append(f"{subject.name} {op} {value}")
        return j + 2

    def _range_follows(self, j: int) -> bool:
        """A date at j followed by 'to'/'a'/'-'/'hasta' and another date: 'from january to october 2017'."""
        k = j + 1
        if self.at(k) is not None and self.at(k).kind == "year" and self.items[j].kind == "month":
            k += 1
        sep = self.at(k)
        return sep is not None and (sep.text in ("to", "a", "-", "hasta", "until", "through", "y", "and")) and \
            self.at(k + 1) is not None and self.at(k + 1).kind in ("year", "month")

    def soft_fail(self, j: int, it: Item) -> int:
        self.r.problems.append(f"'{it.text}' without a number after it")
        return j + 1

    def null_mention(self, j: int, negate: bool) -> None:
        """'missing age' / 'age is missing' / 'sin edad': a null filter on the neighbouring column."""
        r = self.r
        prev, nxt = self.at(j - 1), self.at(j + 1)
        col = None
        if nxt is not None and nxt.kind == "col" and not nxt.used:
            col = nxt.col
            nxt.used = True
            self.items[j + 1] = Item("stop", nxt.text, nxt.start)  # consumed here
        elif prev is not None and prev.kind == "col":
            col = prev.col
            if col in r.bare:
                r.bare.remove(col)
        if col is None:
            r.keys.append("NULL_ANY")
            return
        r.null_cols.append(col)
        self.add_filter(Filter(col, "is not null" if negate else "is null"))
        r.understood.append(f"{col.name} is {'not ' if negate else ''}missing")

    def date_filter(self, j: int, op: str, subject: Column | None = None) -> int:
        """A year / month (/ 'March 2014') at j, compared with `op` to the time column."""
        r = self.r
        it = self.items[j]
        col = subject or self.time_col()
        if col is None:
            if it.kind == "year":
                r.problems.append(f"the year {it.value} (no single date column to apply it to)")
            else:
                r.problems.append(f"the month '{it.text}' (no single date column)")
            return j + 1
        year, month, used = None, None, 1
        if it.kind == "month":
            month = it.value
            nxt = self.at(j + 1)
            if nxt is not None and nxt.kind == "year":
                year, used = nxt.value, 2
        else:
            year = it.value
        if op == "between" and (it.kind == "month" or (self.at(j + used + 1) is not None
                                                         and self.at(j + used + 1).kind == "month")):
            return self.month_range(j, col)
        if op == "between":
            sep, hi = self.at(j + used), self.at(j + used + 1)
            if hi is not None and hi.kind == "year" and year is not None and (sep.kind == "kw" and sep.key == "AND" or sep.text in ("to", "a", "hasta", "y", "-", "until", "through")):
                lo_y, hi_y = sorted([year, hi.value])
                cond = (f"{col.q} BETWEEN {lo_y} AND {hi_y}" if col.year_like else
                        f"year({col.q}) BETWEEN {lo_y} AND {hi_y}")
                self.add_filter(Filter(col, "sql", sql=cond))
                r.understood.append(f"{col.name} from {lo_y} to {hi_y}")
                return j + used + 2
            r.problems.append("'between' needs two years")
            return j + used
        nxt_after = self.at(j + used)
        if op == "=" and year is not None and month is None and nxt_after is not None and nxt_after.kind == "kw" \
                and nxt_after.key == "UNTIL_NOW":
            op, used = ">=", used + 1  # "1995 to now", "desde 2020 hasta hoy"
        if col.year_like:
            if month is not None:
                r.problems.append(f"a month on the year column '{col.name}'")
                return j + used
            self.add_filter(Filter(col, op, year))
            r.understood.append(f"{col.name} {op} {year}")
            return j + used
        if not col.temporal:
            r.problems.append(f"a date filter on '{col.name}'")
            return j + used
        if op == "=":
            parts = []
            if year is not None:
                parts.append(f"year({col.q}) = {year}")
            if month is not None:
                parts.append(f"month({col.q}) = {month}")
            cond = " AND ".join(parts)
        else:
            start = f"DATE '{year or 1970:04d}-{month or 1:02d}-01'"
            if year is None:
                r.problems.append("a month comparison without a year")
                return j + used
            # before/after a period compare with its first/last day
            if op in (">", "<="):
                end = (f"(DATE '{year:04d}-{month:02d}-01' + INTERVAL 1 MONTH)" if month else f"DATE '{year + 1:04d}-01-01'")
                cond = f"{col.q} >= {end}" if op == ">" else f"{col.q} < {end}"
            else:
                cond = f"{col.q} {op} {start}"
        self.add_filter(Filter(col, "sql", sql=cond))
        r.understood.append(f"{col.name}: {it.text}{' ' + str(year) if month and year else ''}")
        return j + used

    def month_range(self, j: int, col: Column) -> int:
        """'from january to october 2017', 'de marzo de 2023 a junio de 2023': first day to end of month."""
        r = self.r
        k = j
        ends = []
        for _ in range(2):
            it = self.at(k)
            month, year = None, None
            if it is not None and it.kind == "month":
                month = it.value
                k += 1
                if self.at(k) is not None and self.at(k).kind == "year":
                    year = self.at(k).value
                    k += 1
            elif it is not None and it.kind == "year":
                year = it.value
                k += 1
            ends.append([month, year])
            if len(ends) == 1:
                k += 1  # the separator
        (m1, y1), (m2, y2) = ends
        y1 = y1 or y2
        if y1 is None or y2 is None or not col.temporal:
            r.problems.append("a range of months without a year" if col.temporal else f"a month range on {col.name}")
            return k
        start = f"DATE '{y1:04d}-{(m1 or 1):02d}-01'"
        end = f"(DATE '{y2:04d}-{(m2 or 12):02d}-01' + INTERVAL 1 MONTH)"
        self.add_filter(Filter(col, "sql", sql=f"{col.q} >= {start} AND {col.q} < {end}"))
        r.understood.append(f"{col.name} from {m1 or 1}/{y1} to {m2 or 12}/{y2}")
        return k

    def named_period(self, it: Item) -> None:
        """'this year', 'el mes pasado', 'last year': a calendar period relative to today."""
        r = self.r
        which, _, unit = (it.param or "").partition("_")
        col = self.time_col()
        if col is None or not col.temporal:
            r.problems.append(f"'{it.text}' (no single date column)")
            return
        start = f"date_trunc('{unit}', current_date)"
        if which == "this":
            cond = f"{col.q} >= {start} AND {col.q} < {start} + INTERVAL 1 {unit.upper()}"
        else:
            cond = f"{col.q} >= {start} - INTERVAL 1 {unit.upper()} AND {col.q} < {start}"
        self.add_filter(Filter(col, "sql", sql=cond))
        r.understood.append(f"{col.name}: {it.text}")

    def period(self, j: int) -> int:
        """'last month', 'last 3 months', 'el ultimo ano' -> a filter relative to today; else a bottom-N."""
        r = self.r
        nxt, nxt2 = self.at(j + 1), self.at(j + 2)
        count, unit, used = 1, None, 1
        if nxt is not None and nxt.kind == "kw" and nxt.key == "UNIT":
            unit, used = nxt.param, 2
        elif nxt is not None and nxt.kind == "num" and nxt2 is not None and nxt2.kind == "kw" and nxt2.key == "UNIT":
            count, unit, used = int(nxt.value), nxt2.param, 3
        elif nxt is not None and nxt.kind == "col" and nxt.col.temporal is False and nxt.text in ("year", "month", "ano", "mes"):
            unit, used = {"year": "year", "ano": "year"}.get(nxt.text, "month"), 2
        if unit is None:
            if nxt is not None and nxt.kind == "num" and isinstance(nxt.value, int):
                r.limit = nxt.value
                r.descending = False if r.descending is None else r.descending
                r.keys.append("BOTTOM")
                return j + 2
            r.problems.append("'last' without a period (say 'last month' or 'last 3 months')")
            return j + 1
        col = self.time_col()
        if col is None or not col.temporal:
            r.problems.append(f"'last {unit}' (no single date column)")
            return j + used
        if count == 1 and unit in ("month", "year", "quarter", "week"):
            cond = (f"{col.q} >= date_trunc('{unit}', current_date) - INTERVAL 1 {unit.upper()} "
                    f"AND {col.q} < date_trunc('{unit}', current_date)")
        else:
            cond = f"{col.q} >= current_date - INTERVAL {count} {unit.upper()}"
        self.add_filter(Filter(col, "sql", sql=cond))
        r.understood.append(f"{col.name} in the last {count} {unit}(s)")
        return j + used


def binary_forms(items: list[Item], index: SchemaIndex, table: str) -> list[Item]:
    """'survivors' / 'died' / 'rejected': a 0/1 column named by a word for its yes or no."""
    out = []
    cols = {c.name: c for c in index.all_columns(table) if c.binary}
    for it in items:
        if it.kind == "unknown":
            for forms, value in ((NEGATIVE_FORMS, 0),):
                for colword, words in forms.items():
                    if it.text in words:
                        hit = [c for name, c in cols.items() if norm(name) == colword]
                        if hit:
                            it = Item("val", it.text, it.start, col=hit[0], value=value)
        out.append(it)
    return out


def parse_items(question: str, index: SchemaIndex, default_table: str, table: str | None = None):
    """(table, resolved items, language, table was ambiguous) of a request; `table` forces the table."""
    items = annotate(question, index)
    ambiguous = False
    if table is None:
        table, ambiguous = choose_table(items, index, default_table)
    items = resolve(items, index, table)
    items = binary_forms(items, index, table)
    return table, items, detect_language(question), ambiguous


# POSITIVE_FORMS is used by offline_intent (a binary column named alone is a '= 1' filter)
__all__ = ["Grammar", "NotUnderstood", "parse_items", "detect_language", "POSITIVE_FORMS", "Plan"]
