"""Conditions for the offline grammar: comparisons, between, values, units and missing values (dates and
periods: grammar/periods.py)."""

from __future__ import annotations

from dsagent.offline.columns import Column
from dsagent.offline.plan import Filter
from dsagent.offline.grammar.days import day_comparison
from dsagent.offline.grammar.measures import age_of_the_rows
from dsagent.offline.grammar.periods import date_filter, range_follows
from dsagent.offline.grammar.roles import AGG_KEYS, CMP_KEYS
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.tokens import ORDINAL_WORDS, Item
from dsagent.words.data import word_set
from dsagent.words.measures import is_money
from dsagent.words.names import is_currency_word, is_identifier, unit_spellings, without_unit
from dsagent.words.text import name_words, norm, singulars, variants

DATE_WORDS = ("from", "since", "desde", "between", "entre", "after", "before", "antes de", "despues de",
              "a partir de", "until", "hasta")
# Words of a comparison that are prepositions as often: without a number after them they compare nothing.
SOFT_COMPARISONS = ("from", "since", "desde", "until", "hasta", "over", "after", "before", "under")
NEGATED_OP = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "<>", "<>": "="}


def comparison(g: GrammarPass, j: int, negate: bool) -> int:
    """A comparison keyword at j: find its subject (column before, or implied) and its value(s)."""
    it = g.items[j]
    subject, prev = _subject_before(g, j)
    subject, j = _subject_after(g, j, subject, prev)
    nxt = g.at(j + 1)
    if nxt is not None and nxt.kind == "year" and subject is not None and subject.numeric \
            and not subject.year_like and not (it.text in DATE_WORDS and g.time_col() is not None):
        nxt.kind = "num"  # "revenue above 2000" is a number, not a year ("from 1995 to 2009" stays years)
    if nxt is not None and nxt.kind == "day":
        return day_comparison(g, j, subject)
    if nxt is not None and nxt.kind in ("year", "month") and (subject is None or subject.temporal or subject.year_like):
        op = "between" if it.key == "BETWEEN" or (it.key == "GE" and range_follows(g, j + 1)) else CMP_KEYS[it.key]
        if it.text == "over" and subject is None:
            # rule `over_a_period`: 'how trip counts changed over 2023' is during it, 'cars over 1975' may be
            # after it: asked, with 'in 2023' to accept (only a column named before 'over' is compared:
            # 'year over 2000'); it was read as after 2023
            said = f"{it.text} {nxt.text}"
            g.r.problems.append(f"'{said}': during it or after it?")
            g.r.rewordings.append((said, f"in {nxt.text}"))
            nxt.used = True
            return j + 2
        return date_filter(g, j + 1, op=op, subject=subject)
    if nxt is None or nxt.kind != "num":
        return _without_number(g, j, it, subject, prev)
    return _number_comparison(g, j, it, subject, negate)


def _held_back(g: GrammarPass, subject: Column | None, prev: Item | None) -> bool:
    """The column right before the comparison, taken as its subject, and not measured."""
    return subject is not None and prev is not None and prev.kind == "col" and subject is prev.col \
        and not any(m.column is subject for m in g.r.measures)


def _subject_before(g: GrammarPass, j: int) -> tuple[Column | None, Item | None]:
    """(subject, the item before the comparison): the column just before ('age over 30'), or implied ('older')."""
    k = j - 1
    while k >= 0 and g.items[k].kind == "kw" and g.items[k].key in ("NOT", "WITH", "AND") and k >= j - 2:
        k -= 1
    prev = g.at(k)
    subject = None
    if prev is not None and prev.kind == "col":
        subject = prev.col
        prev.used = True
        g.unbare(subject, prev)
    implied = g.column_by_word(g.items[j].param)
    if subject is None and implied is None:
        implied = _age_of_people(g, j, prev)
    return (subject if subject is not None else implied), prev


def _age_of_people(g: GrammarPass, j: int, prev: Item | None) -> Column | None:
    """Rule `people_over_n`: 'how many patients over 80', 'median stay for patients under 18': right after the
    rows' noun, when the rows are people (the noun was read as them) and the table has one age column of
    theirs, 'over'/'under' a number of years is their age, as 'older than' and 'mayores de' are. It was
    declined ("'over 80' without a column")."""
    nxt, after = g.at(j + 1), g.at(j + 2)
    if g.items[j].key not in ("GT", "GE", "LT", "LE") or prev is None or not g.r.entity \
            or not (prev.kind == "table" or prev.kind == "unknown" and prev.used) \
            or nxt is None or nxt.kind != "num" or not isinstance(nxt.value, int) or not 0 <= nxt.value <= 120 \
            or after is not None and after.kind == "col":  # '... over 30 years of service' names its column
        return None
    age = g.column_by_word("age")
    return age if age is not None and age.numeric and age_of_the_rows(g, age) else None


def _subject_after(g: GrammarPass, j: int, subject: Column | None, prev: Item | None) -> tuple[Column | None, int]:
    """(subject, j): a date compares the date column ('sales from january'); 'between age 20 and 30' names it after."""
    it, nxt, after = g.items[j], g.at(j + 1), g.at(j + 2)
    if nxt is not None and nxt.kind in ("year", "month", "day") and subject is not None and not (
            subject.temporal or subject.year_like) and not (nxt.kind == "year" and subject.numeric
                                                            and it.text not in DATE_WORDS):
        if _held_back(g, subject, prev):
            g.r.bare.append(subject)  # "revenue between march and june": revenue keeps no role yet
        subject = None  # "sales from january": the date column, not sales
    if nxt is not None and nxt.kind == "col" and after is not None and after.kind == "num":
        if _held_back(g, subject, prev) and subject not in g.r.bare:
            g.r.bare.append(subject)  # "income between age 30 and 40": income was not the subject
        subject = nxt.col  # "between age 20 and 30"
        nxt.used = True
        g.unbare(subject)
        j += 1
    return subject, j


def _without_number(g: GrammarPass, j: int, it: Item, subject: Column | None, prev: Item | None) -> int:
    """A comparison word with no number after it: an aggregate ('over average'), a preposition, or a problem."""
    r, nxt = g.r, g.at(j + 1)
    if nxt is not None and nxt.kind == "kw" and nxt.key in AGG_KEYS:
        r.problems.append(f"a comparison with an aggregate ('{it.text} {nxt.text}')")
    elif it.key in ("GE", "LE", "GT", "LT") and it.text in SOFT_COMPARISONS and not (
            nxt is not None and nxt.kind in ("year", "month", "num")):
        if it.text in ("over", "under"):
            r.problems.append(f"'{it.text}' without a number after it")
        elif _held_back(g, subject, prev) and subject not in r.bare:
            r.bare.append(subject)  # 'from' was only a preposition: "profit from the table"
    else:
        r.problems.append(f"'{it.text}' without a number after it")
    return j + 1


def _number_comparison(g: GrammarPass, j: int, it: Item, subject: Column | None, negate: bool) -> int:
    """'age over 30', 'fare between 10 and 50', 'mayores de 70 anos': a numeric filter on the subject."""
    r, nxt = g.r, g.items[j + 1]
    after = g.at(j + 2)
    named_after = _column_of_the_number(g, j + 2)
    if named_after is not None and (subject is None or subject.binary) and it.key != "BETWEEN":
        # rule `number_in_its_column`: "sessions that converted with more than $100 in revenue": a yes/no
        # column is no subject of 100; the column after 'in' is (it compared converted > 100)
        if subject is not None and subject not in r.bare:
            r.bare.append(subject)  # the flag keeps its own reading: converted = 1
        _compare_named_after(g, it, nxt, named_after, negate)
        return g.items.index(named_after) + 1
    if subject is not None and subject.binary and nxt.value not in (0, 1):
        r.problems.append(f"comparing the yes/no column '{subject.name}' with {nxt.text}")
        return j + 2
    if subject is None and after is not None and after.kind == "col" and after.col.numeric and it.key != "BETWEEN":
        # "more than 30 years of service", "less than 5 crew": the number's column comes after it
        _compare_named_after(g, it, nxt, after, negate)
        return j + 3
    if subject is None and after is not None and after.kind == "kw" and after.key == "UNIT" and after.param == "year":
        # "encuestados con más de 65 años", "people over 40 years old": years of a person are the age column
        subject = g.column_by_word("age")
    if subject is None:
        r.problems.append(f"'{it.text} {nxt.text}' without a column")
        return j + 2
    if not subject.numeric:
        r.problems.append(f"comparing the text column '{subject.name}' with a number")
        return j + 2
    named = next((x for x in reversed(g.items[:j]) if x.kind in ("col", "table") and x.col is subject), None)
    said = norm(named.text if named is not None else subject.name)
    typed = said.replace(" ", "") == norm(subject.name).replace(" ", "") or is_identifier(said)
    if subject.label and is_identifier(subject.name) and not typed and not g.is_kind(j + 2, "col"):
        # '¿cuántos socios han hecho más de 15 entregas?': a number of rows per socio, never socio_id > 15 (an
        # id named as such, 'passenger_id above 800', is compared as asked)
        r.problems.append(f"comparing the identifier '{subject.name}' with a number")
        return j + 2
    if it.key == "BETWEEN":
        sep, hi = g.at(j + 2), g.at(j + 3)
        if sep is None or hi is None or hi.kind != "num" or not (
                sep.kind == "kw" and sep.key == "AND" or sep.text in ("to", "a", "-", "hasta", "y")):
            r.problems.append("'between' needs two numbers")
            return j + 2
        lo, hi_v = sorted([nxt.value, hi.value])
        _drop_years_unit(g, j + 4)
        _drop_own_unit(g, j + 4, subject)
        g.add_filter(Filter(subject, "between", lo, hi_v))
        r.understood.append(f"{subject.name} between {lo} and {hi_v}")
        return j + 4
    _drop_years_unit(g, j + 2, subject)  # "mayores de 70 anos"
    _drop_own_unit(g, j + 2, subject)  # "speed over 20 knots"
    op = NEGATED_OP[CMP_KEYS[it.key]] if negate else CMP_KEYS[it.key]
    g.add_filter(Filter(subject, op, nxt.value))
    r.understood.append(f"{subject.name} {op} {nxt.value}")
    return j + 2


def _compare_named_after(g: GrammarPass, it: Item, number: Item, col: Item, negate: bool) -> None:
    """The number compared with the column named after it: a filter on that column."""
    col.used = True
    g.unbare(col.col, col)
    op = NEGATED_OP[CMP_KEYS[it.key]] if negate else CMP_KEYS[it.key]
    g.add_filter(Filter(col.col, op, number.value))
    g.r.understood.append(f"{col.col.name} {op} {number.value}")


_IN_WORDS = ("in", "of", "en", "de")


def _column_of_the_number(g: GrammarPass, j: int) -> Item | None:
    """The numeric column named right after a compared number, after 'in'/'of' ('more than $100 in revenue',
    'over 20 km of distance', 'más de 100 euros en ventas') and a unit or currency word; or None."""
    k = j
    unit = g.at(k)
    if unit is not None and unit.kind in ("unknown", "kw") and (is_currency_word(norm(unit.text)) or unit.key == "UNIT"):
        k += 1
    if g.is_kind(k, "stop") and g.items[k].text in _IN_WORDS:
        k += 1  # the grammar's items may keep it
    col = g.at(k)
    if col is None or col.kind != "col" or col.used:
        return None
    return col if col.col.numeric and not col.col.binary and not col.col.temporal else None


def _drop_years_unit(g: GrammarPass, j: int, subject: Column | None = None) -> None:
    """'70 years' after a compared number: the unit says nothing more, nor 'old' or the subject's own name
    after it ('over 60 years old', 'más de 65 años de edad')."""
    unit = g.at(j)
    if unit is not None and unit.kind == "kw" and unit.key == "UNIT" and unit.param == "year":
        g.items[j] = Item("stop", unit.text, unit.start)
        nxt = g.at(j + 1)
        if nxt is not None and (nxt.text == "old" or subject is not None and nxt.kind == "col" and nxt.col is subject):
            g.items[j + 1] = Item("stop", nxt.text, nxt.start)


def participle_after_a_measure(g: GrammarPass, j: int) -> int | None:
    """Rule participle_after_a_measure: 'total quantity ordered', 'units sold': a date's event word in its past
    form right after a number column says which number, not a date to use; with nothing of a date after it
    (a year, a month, a grain) it is read as said and left."""
    it, prev, nxt = g.items[j], g.at(j - 1), g.at(j + 1)
    if not (it.col.temporal and norm(it.text).endswith("ed") and prev is not None and prev.kind == "col"
            and prev.col.numeric and not prev.col.temporal):
        return None
    if nxt is not None and (nxt.kind in ("year", "month", "day")
                            or nxt.kind == "kw" and (nxt.key or "").startswith("GRAIN")):
        return None
    it.used = True
    g.r.understood.append(f"'{prev.text} {it.text}' as {prev.col.name}")
    return j + 1


_PERCENT_UNITS = ("pct", "percent", "percentage", "porcentaje", "pc")


def percent_of_its_column(g: GrammarPass, j: int) -> int | None:
    """Rule percent_of_its_column: '%' or 'percent' right after a column measured in percent ('avg bonus %'
    on bonus_pct, 'humedad %') is that column's unit, not a share of rows: it added a share of rows by the
    column after it."""
    col, it = g.items[j], g.at(j + 1)  # a column rule, first of them: the rules after it look ahead
    if it is None or it.kind != "kw" or it.key != "PERCENT" \
            or it.text.lower() not in ("%", "percent", "pct", "por ciento", "porcentaje") \
            or _own_unit(col.col) not in _PERCENT_UNITS:
        return None
    g.items[j + 1] = Item("stop", it.text, it.start)
    return None  # the column itself is read by the rules after this one


def _own_unit(subject: Column) -> str | None:
    """The unit that ends the column's name (knots of speed_knots, usd of fare_usd), or that begins it
    (days of days_kept, hours of hours_worked), or None."""
    words = name_words(subject.name)
    if without_unit(subject.name):
        return words[-1]
    return words[0] if len(words) > 1 and words[0] in word_set("names", "unit_last") else None


def _drop_own_unit(g: GrammarPass, j: int, subject: Column) -> None:
    """Rule `unit_of_the_number`: the unit after a compared number is the compared column's own ('a speed
    over 20 knots' on speed_knots, 'a fare over 20 usd' on fare_usd, 'kept between 30 and 45 days' on
    days_kept): it says nothing more. Another
    unit ('a distance over 5 km' on distance_miles) is left, and not understood."""
    unit, own = g.at(j), _own_unit(subject)
    if unit is not None and own is not None and unit.kind != "num" and (
            norm(unit.text) in variants(own) or norm(unit.text) in unit_spellings(own)):  # 'minutes': 'min'
        g.items[j] = Item("stop", unit.text, unit.start)
    elif unit is not None and own is None and unit.kind == "unknown" and is_currency_word(norm(unit.text)) \
            and is_money(subject.name):  # 'an importe over 200 euros': money, in the data's currency
        g.items[j] = Item("stop", unit.text, unit.start)


# ---------------------------------------------------------------- rules of the pass (see grammar/rules.py)
def _ordinal_filter(g: GrammarPass, col_item: Item, value: int) -> None:
    """'first class', '3rd class', 'not in second class': the integer column's value the ordinal names."""
    op = "<>" if g.take_negation() else "="
    g.add_filter(Filter(col_item.col, op, value))
    g.r.understood.append(f"{col_item.col.name} {op} {value}")
    col_item.used = True


def ordinal_word_value(g: GrammarPass, j: int) -> int | None:
    """'first class', 'segunda clase': an ordinal word before an integer column holding that value."""
    it, nxt = g.items[j], g.at(j + 1)
    if not (it.key in ("TOP", "FIRST") and it.text in ORDINAL_WORDS and nxt is not None and nxt.kind == "col"
            and nxt.col.kind == "integer" and ORDINAL_WORDS[it.text] in (nxt.col.values or [])):
        return None
    _ordinal_filter(g, nxt, ORDINAL_WORDS[it.text])
    g.r.keys.pop()  # an order word no more
    return j + 2


def ordinal_value(g: GrammarPass, j: int) -> int | None:
    """'1st class', '3a clase': a numbered ordinal before an integer column holding that value."""
    it, nxt = g.items[j], g.at(j + 1)
    if not (nxt is not None and nxt.kind == "col" and nxt.col.kind == "integer" and it.value in (nxt.col.values or [])):
        return None
    _ordinal_filter(g, nxt, it.value)
    return j + 2


def compared_values_word(g: GrammarPass, j: int) -> int | None:
    """'between men and women', 'women vs men': values compared side by side, one row each."""
    it, nxt = g.items[j], g.at(j + 1)
    if not (it.key in ("BETWEEN", "VS") and (nxt is not None and nxt.kind == "val"
                                             or it.key == "VS" and g.is_kind(j - 1, "val"))):
        return None
    g.r.compare = True
    if it.key == "VS":
        g.r.keys.pop()  # a comparison of values, not a scatter of two columns
    return j + 1


def comparison_word(g: GrammarPass, j: int) -> int | None:
    """'older than 60', 'fare > 100', 'between 10 and 50', 'from 2015 to 2017', 'mayores de 70 anos'."""
    if g.items[j].key not in CMP_KEYS and g.items[j].key != "BETWEEN":
        return None
    return comparison(g, j, g.take_negation())


def column_named_with_its_value(g: GrammarPass, j: int) -> int | None:
    """'region Europe', 'the north region', 'clase primera': the value beside it carries the filter."""
    c, nxt, prev = g.items[j].col, g.at(j + 1), g.at(j - 1)
    if nxt is not None and nxt.kind == "val" and nxt.col.name == c.name or \
            prev is not None and prev.kind == "val" and prev.col.name == c.name:
        g.items[j].used = True
        return j + 1
    return None


def comparison_subject(g: GrammarPass, j: int) -> int | None:
    """'age over 30': the comparison that follows takes the column as its subject."""
    nxt = g.at(j + 1)
    if nxt is not None and (nxt.kind == "kw" and nxt.key in CMP_KEYS or g.is_kw(j + 1, "BETWEEN")):
        g.items[j].used = True
        return j + 1
    return None


def column_then_its_number(g: GrammarPass, j: int) -> int | None:
    """'class 1', 'cylinders 6': a number after an integer column, among its values, is that value."""
    it, nxt = g.items[j], g.at(j + 1)
    c = it.col
    if not (nxt is not None and nxt.kind == "num" and c.kind == "integer" and c.values and nxt.value in c.values
            and not g.pending):
        return None
    g.add_filter(Filter(c, "=", nxt.value))
    it.used = nxt.used = True
    return j + 2


def counted_or_value(g: GrammarPass, j: int) -> int | None:
    """'the 2 classes with the highest average fare': a number after 'the' (or 'top', 'los', 'las') before an
    integer column named in the plural may be that many of its values or its value ('2' is a class): it was
    read as pclass = 2 and the order and the limit were dropped. Asked; '6 cylinders' and 'the 6 cylinder
    cars' stay the value (rule number_then_its_column)."""
    it, nxt = g.items[j], g.at(j + 1)
    if not (nxt is not None and nxt.kind == "col" and nxt.col.kind == "integer" and nxt.col.values
            and it.value in nxt.col.values):
        return None
    led = norm(g.word_at(it.start - 1)) in ("the", "los", "las") or g.is_kw(j - 1, "TOP")
    said = norm(nxt.text)
    plural = said.endswith("s") and not said.endswith(("ss", "us", "is")) and said != norm(nxt.col.name) \
        and len(singulars(said)) > 1
    if not (led and plural):
        return None
    g.r.problems.append(f"'{it.text} {nxt.text}' (a number of them or the value {nxt.col.name} = {it.value}?)")
    nxt.used = True
    return j + 2


def number_then_its_column(g: GrammarPass, j: int) -> int | None:
    """'6 cylinders', '3 rooms': a number before an integer column, among its values, is that value."""
    it, nxt = g.items[j], g.at(j + 1)
    if not (nxt is not None and nxt.kind == "col" and nxt.col.kind == "integer" and nxt.col.values
            and it.value in nxt.col.values):
        return None
    g.add_filter(Filter(nxt.col, "=", it.value))
    nxt.used = True
    return j + 2


def compared_values(g: GrammarPass, j: int) -> int | None:
    """'average income for men and women': two values of one column joined by 'and' compare (passed on).

    'men or women' keeps one total. A count said again before the second value is the same comparison:
    "how many men and how many women" (it answered one total of both), "cuántos hombres y cuántas mujeres".
    """
    k = j - 1
    while g.is_kw(k, "COUNT") and g.is_kw(k - 1, "AND"):
        k -= 1
    it, before, before2 = g.items[j], g.at(k), g.at(k - 1)
    if before is not None and before.kind == "kw" and before.key == "AND" and before.text in ("and", "y", "e", "&") \
            and before2 is not None and before2.kind == "val" and before2.col is it.col and not g.negate:
        g.r.compare = True
    return None


def value_filter(g: GrammarPass, j: int) -> int | None:
    """'women', 'in Europe', 'cancelled orders', 'not in Europe': a value found in the data is a filter
    (passed on: a share or a 'by' list may read it next)."""
    it = g.items[j]
    values = it.value if isinstance(it.value, list) else [it.value]
    op = "<>" if g.take_negation() else "="
    for v in values:
        g.add_filter(Filter(it.col, op, v))
    g.r.understood.append(f"{it.col.name} {op} {values[0]!r}")
    it.used = True
    return None


def quoted_value(g: GrammarPass, j: int) -> int | None:
    """"name 'Smith'": a quoted value after a column is that column's value."""
    prev = g.at(j - 1)
    if prev is None or prev.kind != "col":
        return None
    g.add_filter(Filter(prev.col, "<>" if g.take_negation() else "=", g.items[j].text))
    g.unbare(prev.col)
    return j + 1


def columns_compared(g: GrammarPass, j: int) -> int | None:
    """'matches with more home goals than away goals', 'ventas con más unidades que devoluciones': one column
    compared with another, row by row, which no rule reads ('more' was a maximum, the second column a
    grouping: one row of the most common away score). Asked."""
    it, col, other = g.items[j], g.at(j + 1), g.at(j + 2)
    if it.kind != "kw" or it.key not in ("MAX", "MIN", "GT", "LT") or col is None or col.kind != "col" \
            or other is None or other.kind != "col":
        return None
    between = norm(g.word_at(other.start - 1))
    if between not in ("than", "que") or other.start - 1 <= col.start:
        return None
    g.r.problems.append(f"comparing two columns row by row ({col.col.name} and {other.col.name})")
    col.used = other.used = True
    return j + 3


def condition_word(g: GrammarPass, j: int) -> int | None:
    """'average salary by discipline where yrs_service > 20', 'ingreso por región donde edad > 50': 'where'
    ends a grouping list, so the column after it is a condition's subject, never another group."""
    if g.items[j].key != "WHERE":
        return None
    g.mode = None
    return j + 1

