"""The end of the grammar's pass for measures: aggregate words whose column never came ('how many', 'the
total', 'cuánto se facturó': the first of ORPHAN_RULES that applies), then measures said twice or asked
again ('… y cuántas fueron'). The measure rules that meet their column are in grammar/measures.py."""

from __future__ import annotations

from typing import Callable

from dsagent.offline.grammar.measures import (AGG_NOUNS, COUNTED_EXTREMES, HOW_MUCH, PROPORTION, age_of_the_rows,
                                              grouping_next, numbers_named)
from dsagent.offline.grammar.roles import AGG_KEYS
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.plan import Measure
from dsagent.offline.tokens import Item
from dsagent.words.data import word_set
from dsagent.words.measures import is_additive
from dsagent.words.names import is_identifier
from dsagent.words.text import name_words, norm, singulars


OrphanRule = Callable[[GrammarPass, Item], bool]


def count_of_rows(g: GrammarPass, p: Item) -> bool:
    """'how many', 'count': with no column after it, the rows."""
    if p.key != "COUNT":
        return False
    if not any(m.agg == "count" for m in g.r.measures):
        g.r.measures.append(Measure("count"))
        g.r.understood.append("count of rows")
    return True


def second_aggregate_of_last_column(g: GrammarPass, p: Item) -> bool:
    """'edad minima y maxima', 'average and total sales': the other aggregate of the column just measured."""
    r = g.r
    last = r.measures[-1] if r.measures else None
    if last is not None and last.column is not None and last.agg in ("min", "max", "avg", "sum", "median") and (
            p.key in ("SUM", "AVG", "MEDIAN") or p.key in ("MAX", "MIN") and p.text in AGG_NOUNS):
        r.measures.append(Measure(AGG_KEYS[p.key], last.column))
        r.understood.append(f"{AGG_KEYS[p.key]} of {last.column.name}")
        return True
    return False


def oldest_rows(g: GrammarPass, p: Item) -> bool:
    """'the 3 oldest loans', 'the newest ship', 'the most recent orders', 'the oldest passengers': the age of
    what a row describes. An age column is it when its name is only the age ('age', 'edad') or names the
    row's noun ('applicant_age' for 'the oldest applicants'); an age named for something else (the oldest
    loans ranked by applicant_age was a wrong answer) gives way to the table's one date or year column, the
    earliest first. 'newest', 'latest', 'most recent' name that column alone; without one, or with no row
    noun to be old, they are not understood."""
    if p.key not in ("MAX", "MIN") or p.param not in ("age", "date"):
        return False
    r = g.r
    age = g.column_by_word("age") if p.param == "age" else None
    if age is not None and age_of_the_rows(g, age):
        r.superlative, r.order_column, r.descending = p.key.lower(), age, p.key == "MAX"
        r.understood.append(f"{'highest' if p.key == 'MAX' else 'lowest'} {age.name}")
        return True
    time = g.time_col()
    if time is None or not r.entity:
        what = f"by {age.name} or by a date" if age is not None else "of what"
        r.problems.append(f"'{p.text}' {what}")
        return True
    earliest = (p.key == "MAX") == (p.param == "age")  # the oldest is the earliest; the newest the latest
    r.superlative, r.order_column, r.descending = "min" if earliest else "max", time, not earliest
    r.understood.append(f"{'earliest' if earliest else 'latest'} {time.name}")
    return True


def most_of_a_value(g: GrammarPass, p: Item) -> bool:
    """'which sensor has the most faults', 'qué tienda tiene más devoluciones': 'most' right before a
    value of the data (fault, of status) counts the rows of that value; the groups are ranked by the count.
    It was declined ('most' of what)."""
    if p.key not in ("MAX", "MIN") or p.param or norm(p.text) not in COUNTED_EXTREMES or g.r.measures:
        return False
    k = next((k for k, it in enumerate(g.items) if it is p), None)
    value = g.at(k + 1) if k is not None else None
    if value is None or value.kind != "val" or not any(f.column is value.col and f.op == "=" for f in g.r.filters) \
            or any(it.kind == "col" and it.col is value.col for it in g.items) \
            or numbers_named(g, value):  # 'which sky has the most fog'; 'menos lluvia' beside lluvia_mm
        return False
    g.r.measures.append(Measure("count"))
    g.r.superlative = p.key.lower()
    g.r.understood.append(f"count of rows where {value.col.name} = {value.value!r}")
    return True


def extreme_alone(g: GrammarPass, p: Item) -> bool:
    """'the oldest' (a word implying its column), 'the region with the most orders' (an extreme of the count)."""
    if p.key not in ("MAX", "MIN"):
        return False
    r = g.r
    col = g.column_by_word(p.param)
    if col is not None:
        r.superlative, r.order_column, r.descending = p.key.lower(), col, p.key == "MAX"
        r.understood.append(f"{'highest' if p.key == 'MAX' else 'lowest'} {col.name}")
    elif r.measures or r.entity:
        r.superlative = p.key.lower()
    else:
        r.problems.append(f"'{p.text}' of what")
    return True


def rate_of_a_measure(g: GrammarPass, p: Item) -> bool:
    """'percentage' or 'rate' beside a measure that already says it ('survival rate in percent'); beside a
    count or an average it is a measure of its own ('count and share of each X by Y')."""
    return p.key in ("PERCENT", "RATE") and any(m.agg in ("rate", "fraction", "percent", "share") for m in g.r.measures)


def share_of_rows(g: GrammarPass, p: Item) -> bool:
    """'share of passengers by class', 'proporción de empleados por puesto': the share of rows per group. With
    a filter only when a grouping comes right after the share word (or its rows' noun): in 'share of each
    party among women by schooling' the women are the rows shared out; 'percentage of women' is elsewhere."""
    r = g.r
    if (p.key == "PERCENT" or p.key == "RATE" and p.text in PROPORTION) and (r.entity or r.groups) and (
            not r.filters or grouping_next(g, p)):
        r.measures.append(Measure("share", None))
        r.understood.append("share of rows")
        return True
    return False


def distinct_alone(g: GrammarPass, p: Item) -> bool:
    """'the distinct values': asks for values, whatever column the rest names."""
    if p.key != "DISTINCT":
        return False
    g.r.keys.append("DISTINCT_VALUES")
    return True


def how_much_was_paid(g: GrammarPass, p: Item) -> bool:
    """Rule `how_much_was_paid`: '¿cuánto se facturó en total en cada sucursal?', 'how much was paid in 2024':
    'how much' with a verb of money changing hands (measures.json money_verbs) and no column is the total of
    the table's one additive money column; with two (price and cost) it is still asked."""
    if not (p.key == "SUM" and p.text in HOW_MUCH and not g.r.measures):
        return False
    said = {norm(w) for w in g.stops.values()} | {norm(it.text) for it in g.items}
    if not said & word_set("measures", "money_verbs"):
        return False
    money = [c for c in g.index.money_columns(g.table) if is_additive(c.name)]
    if len(money) != 1:
        return False
    g.r.measures.append(Measure("sum", money[0]))
    g.r.understood.append(f"sum of {money[0].name} (the money paid)")
    return True


def total_of_an_amount_noun(g: GrammarPass, p: Item) -> bool:
    """Rule total_of_an_amount_noun: 'total loans by purpose' over a table `loans` with a `loan_amount`: the
    total is the number of loans or the sum of their amounts, and the words do not say which, so it is asked.
    It counted the loans. 'total number of loans' and 'total loan amount' say which."""
    if not (p.key == "SUM" and p.text in ("total", "totales") and not g.r.measures):
        return False
    k = next((k for k, it in enumerate(g.items) if it is p), None)
    noun = g.at(k + 1) if k is not None else None
    if noun is None or noun.kind != "table":
        return False
    forms = {f for w in norm(noun.text).split()[-1:] for f in singulars(w)}
    amounts = [c for c in g.index.all_columns(g.table) if c.numeric and not is_identifier(c.name)
               and forms & set(name_words(c.name)) and is_additive(c.name)]
    if not amounts:
        return False
    g.r.problems.append(f"'{p.text} {noun.text}' (the number of {noun.text} or the sum of {amounts[0].name}?)")
    g.r.rewordings.append((f"{p.text} {noun.text}", f"{p.text} {amounts[0].name}"))
    return True


def total_as_adjective(g: GrammarPass, p: Item) -> bool:
    """'total number', 'the total', 'overall': a word that only stresses the count or sum around it."""
    return p.key == "SUM" and p.text in ("total", "totales", "overall", "combined")


def aggregate_without_column(g: GrammarPass, p: Item) -> bool:
    """Anything else: an aggregate the request never applies to a column."""
    g.r.problems.append(f"'{p.text}' without a column it applies to")
    return True


ORPHAN_RULES: tuple[OrphanRule, ...] = (
    count_of_rows, second_aggregate_of_last_column, oldest_rows, most_of_a_value, extreme_alone, rate_of_a_measure,
    share_of_rows, distinct_alone, how_much_was_paid, total_of_an_amount_noun, total_as_adjective,
    aggregate_without_column,
)


def orphan_aggregate(g: GrammarPass, p: Item) -> None:
    """An aggregate keyword whose column never came: the first of ORPHAN_RULES that applies."""
    for rule in ORPHAN_RULES:
        if rule(g, p):
            return


# ---------------------------------------------------------------- rules of the pass (see grammar/rules.py)


def orphan_aggregates(g: GrammarPass) -> None:
    """At the end: aggregate words whose column never came (see ORPHAN_RULES)."""
    for p in g.pending:
        orphan_aggregate(g, p)


def same_measure_once(g: GrammarPass) -> None:
    """Rule `same_measure_once`: 'cuánto se ha pagado en total', 'how much was paid in total': two words
    asking the same aggregate of the same column are one measure (it was answered twice, side by side)."""
    once: list[Measure] = []
    for m in g.r.measures:
        if m not in once:
            once.append(m)
    if len(once) < len(g.r.measures):
        g.r.measures = once


def how_many_of_the_answer(g: GrammarPass) -> None:
    """Rule `how_many_of_the_answer`: 'which branch sold the most units of antibiotics, and how many?',
    '¿qué sucursal vendió más unidades y cuántas fueron?': a last 'and how many' asks the number already
    measured (a sum of a whole-number column), which the answer shows; it added a count of the rows."""
    last, before = g.at(len(g.items) - 1), g.at(len(g.items) - 2)
    if not (last is not None and last.kind == "kw" and last.key == "COUNT" and before is not None
            and before.kind == "kw" and before.key == "AND"):
        return
    counts = [m for m in g.r.measures if m.agg == "count"]
    others = [m for m in g.r.measures if m.agg != "count"]
    # 'the most units' is a superlative of the column (its total per group when the plan is made)
    summed = len(others) == 1 and others[0].column is not None and others[0].column.kind == "integer" and (
        others[0].agg == "sum" or others[0].agg == "max" and g.r.superlative == "max")
    if len(counts) == 1 and summed:
        g.r.measures.remove(counts[0])
