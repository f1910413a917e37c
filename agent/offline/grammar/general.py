"""Rules about any item: what every keyword and near spelling records, and words left without a role.

The planner never guesses past a word it did not understand: the last rule for each kind of item
either gives it a plain role (a bare column, a loose number) or records it as a problem or unknown.
"""

from __future__ import annotations

from dsagent.offline.grammar.roles import AGG_KEYS
from dsagent.offline.columns import Column
from dsagent.offline.plan import Filter
from dsagent.words.data import load, word_set
from dsagent.words.language import detect_language
from dsagent.words.names import event_words
from dsagent.words.text import name_words, norm
from dsagent.offline.grammar.state import GrammarPass

ORDER_KEYS = ("SORT", "BY", "ASC", "DESC", "TOP", "BOTTOM")  # words that order or group
TIMES_WORDS = frozenset(load("language")["times_words"])  # '5 times', '3 veces'


def kept_stop(g: GrammarPass, j: int) -> int | None:
    """'to', 'a', 'until': range separators kept for the rules that read them; alone they mean nothing."""
    return j + 1


def quantity_value(g: GrammarPass, j: int) -> int | None:
    """'total stock value by supplier', 'valor del stock por proveedor': the worth of a count of things over a
    table with a price is the count times the price, which is not computed here; 'value' was a stop word, so
    the answer summed the stock and said nothing. Not understood, naming both columns."""
    it = g.items[j]
    words = load("measures")
    value_words, price_words = set(words["value_words"]), set(words["price_words"])
    if it.col is None or it.col.kind != "integer" or set(name_words(it.col.name)) & price_words:
        return None
    after = g.word_at(it.start + len(it.text.split()))
    before = [g.word_at(k) for k in range(it.start - 1, max(it.start - 4, -1), -1)]
    while before and before[0] in ("of", "the", "de", "del", "la", "el", "los", "las"):
        before.pop(0)
    if after not in value_words and not (before and before[0] in value_words):
        return None
    prices = [c.name for c in g.index.columns.get(g.table, []) if set(name_words(c.name)) & price_words]
    if not prices:
        return None
    g.r.problems.append(f"'{it.text} value': {it.col.name} times {prices[0]}? (columns are not multiplied here)")
    it.used = True
    return j + 1


def columns_word_as_column(g: GrammarPass, j: int) -> int | None:
    """'rank types by total crew' beside a column `type`: a word for the schema ('types', 'fields') that is
    also a column's name is the column when the request computes or orders something; 'what are the
    column types' stays a question about the schema. Read as the schema word it was dropped: the answer
    was the total crew of all rows. Naming no column ('average crew by fields'), it is not understood."""
    it = g.items[j]
    if it.key != "COLUMNS":
        return None
    cols = {a.column for a in it.aliases if a.kind == "column" and a.table == g.table}
    # 'how many columns', 'number of fields' count the schema's columns: a count is no computation here
    computes = any(x.kind == "kw" and (x.key in AGG_KEYS and x.key != "COUNT" or x.key in ORDER_KEYS)
                   for x in g.items)
    if not computes:
        return None
    if len(cols) != 1:
        if g.is_kw(j - 1, "BY"):  # 'average crew by fields': a grouping by no column
            g.r.problems.append(f"'{it.text}'")
            return j + 1
        return None
    it.kind, it.col, it.key = "col", g.index.column(g.table, next(iter(cols))), None
    return j  # read again as the column


def note_keyword(g: GrammarPass, j: int) -> int | None:
    """Every keyword: its key in order, a near spelling ('avergae -> avg'), the first one (passed on)."""
    it, r = g.items[j], g.r
    r.keys.append(it.key)
    if it.fuzzy:
        r.fuzzy.append(f"{it.text} -> {it.key.lower()}")
    if r.first_key is None and it.key != "SHOW":
        r.first_key = it.key
    return None


def unit_alone(g: GrammarPass, j: int) -> int | None:
    """'per year' with no date column to read it on, 'the year' alone: a period word without a period."""
    it = g.items[j]
    if it.key != "UNIT":
        return None
    g.r.problems.append(f"'{it.text}' without a period I understand")
    return j + 1


def until_now_alone(g: GrammarPass, j: int) -> int | None:
    """'until now', 'hasta hoy' with no start date before it."""
    it = g.items[j]
    if it.key != "UNTIL_NOW":
        return None
    g.r.problems.append(f"'{it.text}' without a start date before it")
    return j + 1


def now_midway(g: GrammarPass, j: int) -> int | None:
    """'now' / 'ahora' opens a follow-up ('now only women', 'and now by class'); in the middle it is not understood."""
    it = g.items[j]
    if not (it.key == "NOW" and j > 0 and it.text in ("now", "ahora")):
        return None
    before = [x for x in g.items[:j] if x.kind != "stop"]
    if before and not (before[-1].kind == "kw" and before[-1].key in ("AND", "NOW")):
        g.r.problems.append(f"'{it.text}' in the middle of the request")
    return j + 1


def other_keyword(g: GrammarPass, j: int) -> int | None:
    """Any other keyword ('show', 'chart', 'predict' ...): recorded already; it ends a 'by' or colour list."""
    if g.items[j].key not in ("WITH", "USING"):
        g.mode = None
    return j + 1


def same_column_twice(g: GrammarPass, j: int) -> int | None:
    """'age age', 'Sales sales': the same column named twice in a row counts once."""
    before = g.at(j - 1)
    if before is not None and before.kind == "col" and before.col is g.items[j].col:
        return j + 1
    return None


def note_near_spelling(g: GrammarPass, j: int) -> int | None:
    """A column read from a near spelling or initials ('temprature', 'miles per gallon'): noted (passed on)."""
    it = g.items[j]
    if it.fuzzy:
        g.r.fuzzy.append(f"{it.text} -> {it.col.name}")
    return None


def bare_column(g: GrammarPass, j: int) -> int | None:
    """A column no rule gave a role: held bare, for the intent to place ('show age', 'fare by class')."""
    g.r.bare.append(g.items[j].col)
    return j + 1


def times_after_a_number(g: GrammarPass) -> None:
    """At the end: rule `times_after_a_number`: 'customers who have come in more than 5 times', 'socios que
    vinieron más de 3 veces': a number of times is how often something recurs (a count per customer,
    compared), which the planner does not write; 'times' named a time column and the 5 was compared with
    customer_id. Whatever took the words, the request is declined."""
    for prev, it in zip(g.items, g.items[1:]):
        if prev.kind == "num" and norm(it.text) in TIMES_WORDS:
            g.r.problems.append(f"'{prev.text} {it.text}': how often each one recurs (a count per group, compared)")
            it.used = True


def loose_number(g: GrammarPass, j: int) -> int | None:
    """A number no rule placed: kept for the intent (rows to synthesize) or reported there."""
    g.r.numbers.append(g.items[j].value)
    return j + 1


def stray_ordinal(g: GrammarPass, j: int) -> int | None:
    """An ordinal that names no value ('the third', '2nd customer')."""
    g.r.problems.append(f"the ordinal '{g.items[j].text}'")
    return j + 1


def quoted_alone(g: GrammarPass, j: int) -> int | None:
    """A quoted value with no column before it: which column is it in?"""
    g.r.problems.append(f"the quoted value '{g.items[j].text}' (say which column it is in)")
    return j + 1


def value_by_direction(g: GrammarPass, j: int) -> int | None:
    """'flights from ROM to MAD', 'vuelos de ROM a MAD': a value found in two columns, one of the way it
    goes out and one of the way it comes in (origin and destination), after a word that says the way
    ('from', 'to', 'desde', 'a'): that column's value. prompts/words/columns.json `directions`."""
    it = g.items[j]
    if not (isinstance(it.value, str) and it.value.startswith("ambiguous:")):
        return None
    pairs = [p.split("=", 1) for p in it.value.split(":", 1)[1].split(", ") if "=" in p]
    if len(pairs) != 2 or len({v.lower() for _, v in pairs}) != 1:
        return None
    said = g.word_at(it.start - 1)
    ways = [w for w, d in load("columns")["directions"].items() if said in d["said"]]
    if len(ways) != 1 or g.word_at(it.start - 2) in ("or", "and", "o", "y"):
        return None  # 'to or from MAD': either way (still asked)
    words = load("columns")["directions"][ways[0]]["columns"]
    picked = [c for c, _ in pairs if any(w in name_words(c) for w in words)]
    if len(picked) != 1:
        return None
    col = g.index.column(g.table, picked[0])
    value = next((v for v in col.values if str(v).lower() == pairs[0][1].lower()), pairs[0][1])
    op = "<>" if g.take_negation() else "="
    g.add_filter(Filter(col, op, value))
    g.r.understood.append(f"{col.name} {op} {value!r}")
    it.used = True
    return j + 1


def ambiguous_word(g: GrammarPass, j: int) -> int | None:
    """'rating' in a table with three ratings: which one is asked."""
    it = g.items[j]
    if isinstance(it.value, str) and it.value.startswith("ambiguous"):
        g.r.problems.append(f"'{it.text}' could be {it.value.split(':', 1)[1]}")
        return j + 1
    return None


def other_table_word(g: GrammarPass, j: int) -> int | None:
    """A column of another table that no lookup reaches."""
    it = g.items[j]
    if it.value == "other-table":
        g.r.problems.append(f"'{it.text}' is not a column of {g.table}")
        return j + 1
    return None


def _participle(word: str) -> bool:
    """'borrowed', 'visited', 'prestados', 'vendidas': a verb's past participle, as 'most' qualifies it."""
    w = norm(word)
    return w.isalpha() and (len(w) >= 6 and w.endswith("ed")
                            or len(w) >= 6 and w.endswith(("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas")))


def most_done(g: GrammarPass, j: int) -> int | None:
    """Rule most_done: 'the 5 most borrowed titles', 'los 5 títulos más prestados', 'least visited branches':
    'most' before a verb's participle no column or value names counts the rows, each what was done once, and
    ranks the groups by that count, over a table whose rows are dated records of events. Over a table with
    a quantity column ('most sold products' beside units) the count of rows or the total of the quantity
    could be meant, and it is asked; a verb whose stem begins a number column's name ('most populated' beside
    population, 'most rated' beside rating) is left to decline. It was declined."""
    it, prev = g.items[j], g.at(j - 1)
    if not (_participle(it.text) and prev is not None and prev.kind == "kw" and prev.key in ("MAX", "MIN")
            and not prev.param and any(p is prev for p in g.pending) and not g.r.measures):
        return None
    grouped = g.at(j + 1) if norm(prev.text) in ("most", "least") else g.at(j - 2)  # 'títulos más prestados'
    if grouped is None or grouped.kind != "col" or not grouped.col.discrete:
        return None
    # only rows that record events, each with its date (loans, inspections, orders): over a table of cities
    # 'the most visited countries' would count cities as visits
    if not any(c.temporal for c in g.index.all_columns(g.table)):
        return None
    # 'the 5 most populated cities' beside population, 'most rated' beside rating: the verb's number is a column
    stem = norm(it.text)[:-2] if norm(it.text).endswith("ed") else norm(it.text)[:-3].rstrip("a")
    stem = stem[:max(3, min(len(stem), 5))]
    if any(w.startswith(stem) for c in g.index.all_columns(g.table) if c.numeric and not c.label
           for w in name_words(c.name)):
        return None
    quantities = [c for c in g.index.all_columns(g.table)
                  if c.numeric and any(w in word_set("measures", "quantity") for w in name_words(c.name))]
    if quantities:
        g.r.problems.append(f"'{prev.text} {it.text}' (the number of rows or the total of {quantities[0].name}?)")
        g.pending = [p for p in g.pending if p is not prev]
        return j + 1
    g.r.entity = True  # the rows, counted: what 'the most loans' would have said
    g.r.superlative = prev.key.lower()
    g.pending = [p for p in g.pending if p is not prev]
    number = g.at(j - 2)  # 'the 3 most visited branches': a limit
    if norm(prev.text) in ("most", "least") and number is not None and number.kind == "num" \
            and isinstance(number.value, int) and number.value in g.r.numbers and not g.r.limit:
        g.r.numbers.remove(number.value)
        g.r.limit = number.value
    g.r.understood.append(f"'{prev.text} {it.text}' as the number of rows")
    return j + 1


def unknown_word(g: GrammarPass, j: int) -> int | None:
    """A word the vocabulary and the schema do not know."""
    g.r.unknown.append(g.items[j].text)
    return j + 1


def unattached_negation(g: GrammarPass) -> None:
    """At the end: a 'not' that nothing after it took."""
    if g.negate:
        g.r.problems.append("a negation ('not') I could not attach")


def grain_of_the_named_date(g: GrammarPass) -> None:
    """At the end: 'hires per month' over a table of several dates is per month of the one the request
    names (hired_on, by its event word) or the one its dates went to, as a year said is; with none named the grain stays unplaced,
    the request is declined, and the reading by the first date column is offered ('tickets per month'
    over opened_at and closed_at: 'tickets per month by opened_at')."""
    if g.r.grain == "hour_of_day" and g.r.grain_column is None:
        # only a date with a time has hours: of one such column, it is that one ('sales by hour of the day'
        # over an order date and a shipping timestamp)
        stamps = [c for c in g.index.time_columns(g.table) if c.kind == "timestamp"]
        if len(stamps) == 1 and g.named_time_cols() in ([], stamps):
            g.r.grain_column = stamps[0]
            return
    if not (g.r.grain and g.r.grain_column is None and len(g.index.time_columns(g.table)) > 1):
        return
    g.r.grain_column = g.time_col() or _the_dated_column(g)
    said = next((it for it in g.items if it.kind == "kw" and (it.key or "").startswith("GRAIN_")), None)
    if g.r.grain_column is None and said is not None and len(said.text.split()) > 1:  # 'per month', 'por mes'
        by = "por" if detect_language(said.text) == "es" else "by"
        g.r.rewordings.append((said.text, f"{said.text} {by} {g.time_cols[0].name}"))


def _the_dated_column(g: GrammarPass) -> Column | None:
    """The one date column the request's dates went to ('ingresos por mes en 2023': the year is of
    fecha_ingreso, named by 'ingresos'), so the grain is of it too."""
    dated = {f.column.name: f.column for f in g.r.filters if f.column is not None and f.column in g.time_cols}
    return next(iter(dated.values())) if len(dated) == 1 else None


def event_of_its_date(g: GrammarPass, j: int) -> int | None:
    """'employees hired in 2019', 'orders shipped after March': the event word of a date column (rule
    event_date_verb) before a date says which date the date is of; it is no column to list."""
    it = g.items[j]
    # 'que entraron en 2024': the Spanish 'en' is a stop item before the year
    following = [x for x in g.items[j + 1:] if x.kind != "stop"]
    nxt, after = (following + [None, None])[:2]
    col = it.col
    if col is None or not col.temporal or norm(it.text) not in event_words(col.name) or nxt is None:
        return None
    dated = nxt.kind in ("year", "month", "day") or (
        nxt.kind == "kw" and after is not None and after.kind in ("year", "month", "day"))
    if not dated:
        return None
    g.time_cols = [col]
    return j + 1
