"""Measures: which aggregate a column takes from the words before or after it.

`take_measure` runs `MEASURE_RULES` in order; the first rule that applies decides. Aggregate words whose
column never came, and the measures' last checks, are in grammar/orphans.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from dsagent.offline.grammar.roles import AGG_KEYS, CMP_KEYS, GRAIN_KEYS
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.columns import Column, yes_no_of_text
from dsagent.words.data import load, word_set
from dsagent.words.measures import is_additive
from dsagent.words.names import event_words, is_identifier
from dsagent.words.text import name_words, norm, singulars
from dsagent.offline.plan import Filter, Group, Measure
from dsagent.offline.tokens import Item

NUMBER_OF = {"number of", "numbers of", "total number of", "numero de", "numero total de"}
AGG_NOUNS = {"max", "maximum", "min", "minimum", "maximo", "maxima", "minimo", "minima"}
HOW_MUCH = ("how much", "cuanto", "cuanta")
UNIT_HINTS = ("unit", "quantity", "amount", "count", "cantidad")  # numbers whose 'how many' is their total
# the words that ask how many things there were ('frequency' and 'count of' ask how often each value is)
HOW_MANY = NUMBER_OF | {"how many", "cuantos", "cuantas", "cuanto", "cuanta"}
AGE_WORDS = frozenset(load("columns")["age_words"])  # the words of an age column's name that say 'age'
PROPORTION = tuple(load("shares")["proportion"])
FRACTION = tuple(load("shares")["fraction"])  # rate words that name a share of a column that is not yes/no


@dataclass
class Asked:
    """The aggregate words that reached one column."""

    aggs: list[Item]
    keys: list[str]
    sup: list[str]  # MAX / MIN among them
    others: list[str]  # every other aggregate key
    named: str = ""  # the words that named the column ("delays" for delay_minutes)

    @classmethod
    def of(cls, aggs: list[Item], named: str = "") -> "Asked":
        keys = [a.key for a in aggs]
        return cls(aggs, keys, [k for k in keys if k in ("MAX", "MIN")], [k for k in keys if k not in ("MAX", "MIN")],
                   named)

    def said(self, *texts: str) -> bool:
        return any(a.text in texts for a in self.aggs)


MeasureRule = Callable[[GrammarPass, Column, Asked], bool]


def several_aggregates(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'min and max age', 'count and average fare': one measure per plain aggregate word."""
    plain = [x for x in a.aggs if x.key in ("SUM", "AVG", "MEDIAN", "COUNT") or x.key in ("MAX", "MIN")
             and x.text in AGG_NOUNS]
    if not (len(plain) > 1 and len(plain) == len(a.aggs)):
        return False
    for x in plain:
        if x.key == "COUNT":
            g.r.measures.append(Measure("count"))
        else:
            take_measure(g, c, [x], None)
    return True


def extreme_of_another_aggregate(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'the highest survival rate', 'la mayor edad media': an extreme of the other aggregate (noted, passed on)."""
    if a.sup and a.others:
        g.r.superlative = "max" if a.sup[0] == "MAX" else "min"
    return False


def rate_or_share(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'survival rate', 'percentage of approved' (0/1 column), 'share of sales' (number), 'percent by class',
    'proporción de voto' (a proportion of a column that is not yes/no: the share of each of its values)."""
    if "PERCENT" not in a.keys and "RATE" not in a.keys:
        return False
    r = g.r
    share = "PERCENT" in a.keys or a.said(*PROPORTION)
    yes_no = yes_no_of_text(c)
    if yes_no is not None:  # 'warranty share by bike type' over 'Y'/'N': the share of its yes
        r.measures.append(Measure("percent", None, Filter(c, "=", yes_no[0])))
        r.understood.append(f"rate of {c.name} = '{yes_no[0]}'")
    elif c.binary:
        # a rate is answered in percent, as people write it ('attrition rate': 16.2); a proportion, a ratio or
        # a fraction stays between 0 and 1 (plan_sql)
        fraction = "PERCENT" not in a.keys and a.said(*FRACTION)
        r.measures.append(Measure("percent", None, Filter(c, "=", 1)) if "PERCENT" in a.keys
                          else Measure("fraction" if fraction else "rate", c))
        r.understood.append(f"rate of {c.name}")
    elif c.numeric and share:
        r.measures.append(Measure("share", c))
        r.understood.append(f"share of {c.name}")
    elif c.categorical and share:
        r.measures.append(Measure("share", None))
        r.groups.append(Group(c))
        r.understood.append(f"share of rows by {c.name}")
    else:
        r.problems.append(f"a rate of '{c.name}' (it is not a yes/no column)")
    return True


def most_common(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'the most common class', 'la clase mas frecuente': rows counted per value, the largest first."""
    if "MODE" not in a.keys:
        return False
    r = g.r
    r.groups.append(Group(c))
    r.measures.append(Measure("count"))
    r.superlative, r.descending, r.limit = "max", True, r.limit or 1
    r.understood.append(f"most common {c.name}")
    return True


def number_of_small_count(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'number of cylinders' of a small integer column: the column itself, not its distinct count. Never an
    identifier or a code ('number of students' through student_id counts the students)."""
    if "COUNT" in a.keys and "DISTINCT" not in a.keys and c.kind == "integer" and c.categorical and not c.label \
            and a.said(*NUMBER_OF):
        g.r.bare.append(c)
        return True
    return False


def count_of_names(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'number of models' of a free-text column (about one name per row): a count of rows. Names that
    most rows share with others are of things that recur ('cuántos clientes hay' over 2,000 orders of 400
    customers answered 2,000): those are counted once each (count_of_column)."""
    recurring = bool(c.distinct and c.table_rows and c.distinct < c.table_rows / 2)
    if "COUNT" in a.keys and "DISTINCT" not in a.keys and c.kind == "text" and not c.values and not c.label \
            and not recurring:
        g.r.measures.append(Measure("count"))
        g.r.understood.append(f"count of rows ({c.name})")
        return True
    return False


def count_of_column(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'how many regions' (distinct), 'how many survived' (rows where 1), 'how many units' (their total)."""
    if "COUNT" not in a.keys:
        return False
    r = g.r
    if "DISTINCT" not in a.keys and _yes_no_text(c):
        # "cuántos clientes abandonan", "nº de donaciones aptas" over a yes and a no kept as text: the rows of
        # its yes (of its no after a 'not'), as a 0/1 column's 1; it had answered 2, the number of its values
        yes, no = yes_no_of_text(c)
        value = no if g.take_negation() else yes
        r.measures.append(Measure("count"))
        g.add_filter(Filter(c, "=", value))
        r.understood.append(f"count where {c.name} = {value!r}")
        return True
    if "DISTINCT" not in a.keys and c.temporal and a.named and norm(a.named) in event_words(c.name):
        # rule `event_date_verb`: "how many hires", "how many were hired": the rows the event happened to (its
        # date is set), not the number of distinct days it happened on
        r.measures.append(Measure("count"))
        g.add_filter(Filter(c, "is not null"))
        r.understood.append(f"count where {c.name} IS NOT NULL")
        return True
    if _kind_named_by_its_thing(c, a):
        # rule kinds_or_things: 'cuántos clientes' over tipo_cliente: the kinds of clients (3) or the clients
        # themselves, which no column numbers? It counted the kinds.
        r.problems.append(f"'how many {a.named}': the number of kinds ({c.name}) or of {a.named} themselves?")
        return True
    if "DISTINCT" not in a.keys and c.numeric and not c.label and not c.binary and a.said(*HOW_MANY) \
            and (any(h in norm(c.name) for h in UNIT_HINTS)
                 or any(w in word_set("measures", "quantity") for w in name_words(c.name))):
        # 'cuántas unidades de poesía se vendieron': a count of units is their total, even when a line holds
        # few distinct numbers of them (it counted the distinct unit counts, 1 to 5)
        r.measures.append(Measure("sum", c))
        r.understood.append(f"total {c.name}")
        return True
    if "DISTINCT" in a.keys or (c.categorical or c.label or c.kind == "text" or c.temporal) and not c.binary:
        r.measures.append(Measure("count_distinct", c))
        r.understood.append(f"number of distinct {c.name}")
    elif c.binary:
        r.measures.append(Measure("count"))
        g.add_filter(Filter(c, "=", 1))
        r.understood.append(f"count where {c.name} = 1")
    elif c.numeric and any(h in norm(c.name) for h in UNIT_HINTS):
        r.measures.append(Measure("sum", c))
        r.understood.append(f"total {c.name}")
    elif c.kind == "integer" and not c.year_like and c.table_rows and c.distinct >= 0.95 * c.table_rows:
        # 'número de pedidos' over a `pedido` that numbers the rows: a number of its own a row is not an amount
        r.measures.append(Measure("count_distinct", c))
        r.understood.append(f"number of distinct {c.name}")
    else:
        r.problems.append(f"'how many' of the numeric column '{c.name}'")
    return True


def _kind_named_by_its_thing(c: Column, a: Asked) -> bool:
    """A text column of kinds of a thing (tipo_cliente, member_type, product_category) named by the thing
    alone ('clientes', 'members'): counting it counts kinds, which 'how many clients' does not ask."""
    words = name_words(c.name)
    heads = word_set("names", "generic_label_heads") | word_set("names", "spanish_label_heads")
    said = set(norm(a.named or "").split())
    return c.kind == "text" and len(words) == 2 and bool(heads & set(words)) and not heads & said \
        and bool(said) and "DISTINCT" not in a.keys


def _yes_no_text(c: Column) -> bool:
    """A text column of two values, a yes and a no ('sí'/'no', 'Y'/'N'): a flag DuckDB did not read as one
    (words in prompts/words/columns.json)."""
    return yes_no_of_text(c) is not None


def distinct_values(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'distinct regions': the values themselves; with a count word, how many there are."""
    if "DISTINCT" not in a.keys:
        return False
    if g.r.has("COUNT"):
        g.r.measures.append(Measure("count_distinct", c))
    else:
        g.r.bare.append(c)
        g.r.keys.append("DISTINCT_VALUES")
    return True


def how_much_of_a_level(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'how much do cars weigh': 'how much' of a number that does not add up asks a total or an average?"""
    if a.others == ["SUM"] and a.said(*HOW_MUCH) and c.numeric and not is_additive(c.name):
        g.r.problems.append(f"'how much' of '{c.name}' (a total? an average?)")
        return True
    return False


def total_of_a_date(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'average order date': only the earliest, latest or median of a date means something."""
    if c.temporal and any(k not in ("MIN", "MAX", "MEDIAN") for k in a.others):
        g.r.problems.append(f"a total or average of the date column '{c.name}'")
        return True
    return False


def aggregate_of_text(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'average name': no aggregate of a text column (a date's extremes are fine)."""
    if not c.numeric and not (c.temporal and (a.others or a.sup)):
        g.r.problems.append(f"an aggregate of the text column '{c.name}'")
        return True
    return False


def stated_aggregate(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'average age', 'edad media', 'the highest average fare': the aggregate named last, an extreme of it."""
    if not a.others:
        return False
    r = g.r
    agg = AGG_KEYS[a.others[-1]]
    r.measures.append(Measure(agg, c))
    r.understood.append(f"{agg} of {c.name}")
    if a.sup:
        r.superlative = "max" if a.sup[0] == "MAX" else "min"
    return True


def most_occurrences(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'the day with the most delays': 'most' before the plural of a measure that does not add up counts
    occurrences (delayed flights), which is not its largest value; declined with 'the highest delay' to
    accept. 'most votes' of a column named votes, 'most passengers' (adds up) and 'the most delay' stay."""
    named = a.named.split()
    if not (a.sup == ["MAX"] and not a.others and a.said("most", "mas") and c.numeric and not is_additive(c.name)
            and len(named) == 1 and named[0].endswith("s") and named[0] not in name_words(c.name)):
        return False
    most = next(x.text for x in a.aggs if x.text in ("most", "mas"))
    g.r.problems.append(f"'{most} {named[0]}': the highest '{c.name}' or a count of rows")
    highest = "el mayor" if most == "mas" else "highest"  # English says "the most": the article stays
    g.r.rewordings.append((f"{most} {named[0]}", f"{highest} {c.name}"))
    return True


def most_of_a_measure(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'which carrier has the most delay', 'qué aerolínea tiene más retraso': 'most' before a measure
    that does not add up by its name reads as its total as often as its largest single value (which it
    answered) or its average: declined with the average to accept (a total of a level such as humidity means
    nothing; an average means something for any measure). 'the most passengers' (adds up) and 'the highest
    delay' (one value) are not asked; 'the best math scores' (a plural after 'best') is, as 'most'."""
    named = a.named.split()
    # 'best' before a plural ('which school has the best math scores') is as open: a mean, or the top one
    best = a.said("best") and named and named[-1].endswith("s") and named[-1] not in name_words(c.name)
    if not (a.sup == ["MAX"] and not a.others and (a.said("most", "mas") and len(named) == 1 or best) and c.numeric
            and not is_additive(c.name) and not c.binary):
        return False
    most = next(x.text for x in a.aggs if x.text in ("most", "mas", "best"))
    g.r.problems.append(f"'{most} {a.named}': the total, the average or the highest single '{c.name}'?")
    average = f"el mayor promedio de {c.name}" if most == "mas" else f"highest average {c.name}"
    g.r.rewordings.append((f"{most} {a.named}", average))
    return True


COUNTED_EXTREMES = frozenset(load("language")["counted_extremes"])  # 'most', 'fewest': of a number of things


def most_of_a_flag(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'which subject has the most passed', 'qué clase tiene más supervivientes' over a 0/1 column: the
    most rows where it is 1, not its largest value (1 in every group: it answered max(passed))."""
    if not (len(a.sup) == 1 and not a.others and c.binary and any(norm(x.text) in COUNTED_EXTREMES for x in a.aggs)):
        return False
    g.r.measures.append(Measure("count"))
    g.add_filter(Filter(c, "=", True if c.kind == "boolean" else 1))
    g.r.superlative = "max" if a.sup[0] == "MAX" else "min"
    g.r.understood.append(f"count where {c.name} = 1")
    return True


def extreme_of_column(g: GrammarPass, c: Column, a: Asked) -> bool:
    """'the maximum fare', 'la edad minima': the extreme as the measure, and as the order."""
    r = g.r
    r.measures.append(Measure(AGG_KEYS[a.sup[0]], c))
    r.superlative = r.superlative or ("max" if a.sup[0] == "MAX" else "min")
    r.understood.append(f"{AGG_KEYS[a.sup[0]]} of {c.name}")
    return True


MEASURE_RULES: tuple[MeasureRule, ...] = (
    several_aggregates, extreme_of_another_aggregate, rate_or_share, most_common, number_of_small_count,
    count_of_names, count_of_column, distinct_values, how_much_of_a_level, total_of_a_date, aggregate_of_text,
    stated_aggregate, most_of_a_flag, most_occurrences, most_of_a_measure, extreme_of_column,
)


def take_measure(g: GrammarPass, c: Column, aggs: list[Item], item: Item | None) -> None:
    """Column `c` with the aggregate words `aggs` that reach it: the first of MEASURE_RULES that applies."""
    if item is not None:
        item.used = True
    if len(aggs) > 1:  # "how much is the average of ...": the question word is not an aggregate
        aggs = [a for a in aggs if a.text not in HOW_MUCH + ("cuanto dinero",)] or aggs
    asked = Asked.of(aggs, item.text if item is not None else "")
    for rule in MEASURE_RULES:
        if rule(g, c, asked):
            return


def take_percent(g: GrammarPass) -> None:
    """'percentage of women': the share of rows meeting the last filter."""
    r = g.r
    cond = r.filters.pop()
    r.measures.append(Measure("percent", None, cond))
    r.understood.append("share of rows where " + (cond.column.name if cond.column else "condition"))


def age_of_the_rows(g: GrammarPass, age: Column) -> bool:
    """Whether an age column is the age of what the request's rows are ('age'; 'applicant_age' beside
    'applicants'), not of something else a row mentions ('applicant_age' beside 'loans')."""
    words = [w for w in name_words(age.name) if w not in AGE_WORDS]
    if not words:
        return True
    nouns = {n for it in g.items if it.kind == "table" or it.kind == "unknown" and it.used
             for w in norm(it.text).split() for n in singulars(w)}
    return any(n in nouns for w in words for n in singulars(w))


ES_EXTREMES = frozenset(load("language")["post_extremes"])  # 'el salario más alto': after its column
POST_AGGREGATES = ("SUM", "AVG", "MEDIAN", "RATE", "PERCENT")  # keys that may follow their column


_SUMMING = ("SUM", "AVG", "MEDIAN")  # aggregates of a number, which a value never takes


def value_or_measure(g: GrammarPass, j: int) -> int | None:
    """'lluvia total por mes', 'total rain by month', 'average snow': a word that is a value of one column
    ('lluvia' of cielo) and names a number column too (lluvia_mm), beside a total or an average, is that
    number: a value is never summed. It counted the rainy days ('total' fell to a count of rows)."""
    it, nxt = g.items[j], g.at(j + 1)
    before = bool(g.pending) and g.pending[-1].key in _SUMMING
    after = nxt is not None and nxt.kind == "kw" and nxt.key in _SUMMING
    if not (before or after):
        return None
    cols = numbers_named(g, it)
    if len(cols) != 1:
        return None
    it.kind, it.col, it.value = "col", cols[0], None
    return j  # read again as the column it names


def numbers_named(g: GrammarPass, it: Item) -> list[Column]:
    """The number columns of the table that the word of a value names too ('lluvia' of cielo: lluvia_mm)."""
    numbers = {a.column for a in g.index.lookup(tuple(norm(it.text).split()))
               if a.kind == "column" and a.table == g.table}
    return [c for c in (g.index.column(g.table, n) for n in numbers) if c is not None and c.numeric and not c.label]


def number_of_a_quantity(g: GrammarPass, j: int) -> int | None:
    """Rule `number_of_a_quantity`: 'average number of renewals', 'max number of items per order': after
    another aggregate, 'number of' before a number column says that the column counts something; the
    aggregate is the measure (it added a count of the rows beside it)."""
    it, prev, nxt = g.items[j], g.at(j - 1), g.at(j + 1)
    if not (it.key == "COUNT" and it.text in NUMBER_OF and prev is not None and prev.kind == "kw"
            and prev.key in ("AVG", "MEDIAN", "MIN", "MAX") and nxt is not None and nxt.kind == "col"
            and nxt.col.numeric and not nxt.col.label):
        return None
    g.r.keys.pop()  # noted by note_keyword: no count is asked
    return j + 1


def count_by_number_of(g: GrammarPass, j: int) -> int | None:
    """'mpg by the number of cylinders': after 'by', 'number of' a small integer column groups by its values."""
    it, nxt = g.items[j], g.at(j + 1)
    if not (it.key == "COUNT" and g.mode == "by" and it.text in NUMBER_OF and nxt is not None and nxt.kind == "col"
            and nxt.col.kind == "integer" and nxt.col.categorical):
        return None
    g.r.groups.append(Group(nxt.col))
    g.r.keys.pop()
    nxt.used = True
    return j + 2


def aggregate_after_column(g: GrammarPass, j: int) -> int | None:
    """'survival rate', 'ventas totales', 'edad media': an aggregate right after a free column takes it."""
    it, prev, nxt = g.items[j], g.at(j - 1), g.at(j + 1)
    if it.key not in AGG_KEYS:
        return None
    post = prev is not None and prev.kind == "col" and not prev.used and not g.pending
    # 'importe medio de la tienda Norte', 'importe total de la tienda Playa': a column that is no number after
    # the aggregate cannot be what it adds up, so the number before it is (it was declined)
    of_rows = nxt is not None and nxt.kind == "col" and not nxt.col.numeric and post and prev.col.numeric
    if not (post and it.key == "RATE" and prev.col.binary or post and (
            nxt is None or nxt.kind not in ("col", "kw") or nxt.key not in AGG_KEYS and nxt.kind == "kw" or of_rows)
            and (it.key in POST_AGGREGATES or it.text in ES_EXTREMES)):
        return None
    g.unbare(prev.col)
    take_measure(g, prev.col, [it], prev)
    if g.mode == "by":
        g.mode = None
    return j + 1


def aggregate_before_column(g: GrammarPass, j: int) -> int | None:
    """'average age', 'the highest fare': an aggregate waits for the column after it (ends a 'by' list)."""
    if g.items[j].key not in AGG_KEYS:
        return None
    g.pending.append(g.items[j])
    if g.mode == "by":
        g.mode = None
    return j + 1


def count_versus(g: GrammarPass, j: int) -> int | None:
    """'count vs sub-category': rows counted per value of what follows."""
    if g.items[j].key != "VS" or not g.pending or g.pending[-1].key != "COUNT":
        return None
    g.r.measures.append(Measure("count"))
    g.pending.pop()
    return j + 1


def extreme_of_a_rate(g: GrammarPass, j: int) -> int | None:
    """'the highest survival rate': an extreme waiting, the column, then its own aggregate word."""
    c, nxt = g.items[j].col, g.at(j + 1)
    if not (g.pending and all(p.key in ("MAX", "MIN") for p in g.pending) and nxt is not None and nxt.kind == "kw"
            and nxt.key in ("RATE", "AVG", "SUM", "MEDIAN", "PERCENT") and not g.is_kind(j + 2, "col")):
        return None
    take_measure(g, c, g.pending + [nxt], g.items[j])
    g.pending = []
    return j + 2


def measure_before_comparison(g: GrammarPass, j: int) -> int | None:
    """'total sales from january ...', 'average age over 30': the aggregate takes the column, the comparison
    that follows finds its own subject."""
    nxt = g.at(j + 1)
    if not (g.pending and nxt is not None and nxt.kind == "kw" and (nxt.key in CMP_KEYS or nxt.key == "BETWEEN")
            and not any(p.key == "COUNT" for p in g.pending)):
        return None
    take_measure(g, g.items[j].col, g.pending, g.items[j])
    g.pending = []
    return j + 1


def column_of_a_superlative(g: GrammarPass, j: int) -> int | None:
    """'the youngest survivors': a superlative that names its own column (age) leaves this one free. When
    this one is that column, after a number ('the 10 longest stays', length_of_stay), it names the rows with
    the N longest, as 'the 5 highest salaries' does (it listed the column alone)."""
    if g.pending and all(p.key in ("MAX", "MIN") and p.param for p in g.pending):
        col = g.items[j].col
        if g.r.limit and any(g.column_by_word(p.param) is col for p in g.pending):
            g.r.entity = g.r.entity_first = True
            return j + 1
        # the table's singular noun right before the column qualifies it ('trip duration'); a plural is the rows
        noun = g.at(j - 1)
        qualifier = noun is not None and noun.kind == "table" and not norm(noun.text).endswith("s")
        if not g.r.limit and (not g.r.entity or qualifier) and len(g.pending) == 1 \
                and any(c is col for c in g.columns_by_word(g.pending[0].param)):
            # 'the longest trip duration', 'el precio más barato': the column is one the word measures by
            take_measure(g, col, g.pending, g.items[j])
            g.pending = []
            return j + 1
        g.r.bare.append(col)
        return j + 1
    return None


def measured_column(g: GrammarPass, j: int) -> int | None:
    """'average age': the column the waiting aggregates apply to. A 'distinct' right after it goes with
    them ('cuántos clientes distintos', the adjective after its noun: it was left over, and the rows
    counted)."""
    if not g.pending:
        return None
    after = g.at(j + 1)
    distinct = after is not None and after.kind == "kw" and after.key == "DISTINCT" and g.pending[-1].key == "COUNT"
    take_measure(g, g.items[j].col, g.pending + ([after] if distinct else []), g.items[j])
    g.pending = []
    return j + 2 if distinct else j + 1


def count_of_entity(g: GrammarPass, j: int) -> int | None:
    """'how many passengers': a count word before the table's noun counts rows (passed on). A column right
    after the noun may be what is counted ('how many passengers survived': rows where 1), but not a date:
    'number of products launched per year' counts products along `launched`, never its distinct dates."""
    nxt = g.at(j + 1)
    # 'ships built in 2010', 'ships built per decade': a year column named right before a year or a grain is
    # the column of that date, not what is counted
    dated = nxt is not None and nxt.kind == "col" and nxt.col.year_like and (
        g.is_kind(j + 2, "year") or g.is_kw(j + 2, *GRAIN_KEYS))
    if g.pending and g.pending[-1].key == "COUNT" and not (nxt is not None and nxt.kind == "col"
                                                           and not nxt.col.temporal and not dated):
        ident = g.r.entity_ident if g.items[j].kind == "table" else None  # found by entity_noun, run first
        if ident is not None:  # 'how many meters' over readings of meters: the meters, not the readings
            g.r.measures.append(Measure("count_distinct", ident))
            g.r.understood.append(f"number of distinct {ident.name}")
        else:
            g.r.measures.append(Measure("count"))
            g.r.understood.append("count of rows")
        g.pending = [p for p in g.pending if p.key != "COUNT"]
        if nxt is not None and nxt.kind == "col":  # 'products launched': periods and years said are of this date
            nxt.used = True
            g.time_cols, g.r.grain_column = [nxt.col], nxt.col
            return j + 2
    return None


def recurring_identifier(g: GrammarPass, noun: Item) -> Column | None:
    """Rule recurring_identifier: the identifier column named for the table's own noun (meter_id of a
    table `meters`) when its values recur (under half as many as the rows): the rows are then records about
    those things, and 'how many meters' counts the meters (it counted 2,000 readings of 80 meters). None
    otherwise. A noun that is not the table's name goes by the linker's `repeated_id`."""
    forms = {f for w in norm(noun.text).split()[-1:] for f in singulars(w)}
    if not forms & {f for w in name_words(g.table) for f in singulars(w)}:
        return None  # the noun names the rows through a column ('orders' of order_id), not the table
    named = [c for c in g.index.all_columns(g.table)
             if is_identifier(c.name) and forms & set(name_words(c.name)) and c.distinct and c.table_rows]
    if any(c.distinct >= 0.9 * c.table_rows for c in named):  # distinct counts are estimates (5 % off seen)
        return None  # episode_id, one a row, beside an episode_number that repeats: the rows are the episodes
    found = [c for c in named if c.distinct < c.table_rows / 2]
    return found[0] if len(found) == 1 else None


def grouping_next(g: GrammarPass, word: Item) -> bool:
    """Whether a grouping word follows the item `word`, after the rows' noun if one is there."""
    k = next((k for k, it in enumerate(g.items) if it is word), len(g.items)) + 1
    while g.is_kind(k, "table") or g.is_kw(k, "ROWS") or g.is_kind(k, "unknown") and g.items[k].used:
        k += 1
    return g.is_kw(k, "BY", "FACET_BY", "WITHIN")


def revenue_of_the_rows(g: GrammarPass, j: int) -> int | None:
    """Rule `revenue_of_the_rows`: 'revenue per quarter in 2023' over jobs with one money column (price_usd),
    'line chart of monthly revenue' over sessions with fee_usd: a word for the money the rows brought in
    (measures.json revenue_words), when no column is named for it, is that column, summed unless an
    aggregate waits for it ('avg revenue'). With two money columns (price and cost) or a quantity beside a
    price (revenue is price times quantity) it stays unknown, and the request is declined; a total beside
    a quantity (total_usd of print jobs) is the revenue."""
    it = g.items[j]
    if norm(it.text) not in word_set("measures", "revenue_words") or g.is_kind(j - 1, "col"):
        return None  # 'gross revenue': the column before is the revenue meant
    money = g.index.money_columns(g.table)
    counted = [c for c in g.index.all_columns(g.table) if c.numeric
               and set(name_words(c.name)) & word_set("measures", "quantity")]
    priced = set(name_words(money[0].name)) & (word_set("measures", "price_words") | {"unit"}) if money else set()
    if len(money) != 1 or counted and priced or "unit" in name_words(money[0].name):  # unit_price: no revenue
        return None
    col = money[0]
    it.kind, it.col = "col", col
    g.r.mentions[col.name] = it.text
    if g.pending:
        return j  # 'avg revenue', 'total revenue': read again as the column the aggregate waits for
    g.r.measures.append(Measure("sum", col, stated=False))
    g.r.understood.append(f"sum of {col.name} ({it.text})")
    it.used = True
    return j + 1
