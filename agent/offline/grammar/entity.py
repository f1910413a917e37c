"""The row entity: a plural noun that is not a column names what a row describes.

"how many professors" on a table of employees, "personas mayores de 60" on a survey, "the 5 ships
with the largest crew": the noun is not a column, a value or the table's name, but it stands where a
row noun stands, so it is read as the table's rows (as `entity_noun` reads 'passengers'). Values of the
data right before it ("how many male professors") are its filters: the noun is then some of the rows.
"""

from __future__ import annotations

from dsagent.offline.grammar.layout import entity_noun
from dsagent.offline.grammar.roles import CHART_KEYS, GRAIN_KEYS
from dsagent.offline.grammar.measures import count_of_entity
from dsagent.offline.grammar.shares import ask_share_of_qualified_rows
from dsagent.offline.grammar.state import GrammarPass
from dsagent.words.measures import is_additive
from dsagent.words.names import is_spelled_unit
from dsagent.words.text import is_row_noun, norm

# keys after which a noun stands for the rows: a count word, a show/list word, a share word ("share of
# professors by rank": the share of rows)
_BEFORE = ("COUNT", "SHOW", "LIST", "ROWS", "PERCENT", "RATE")
# keys that may follow a row noun: a condition, 'with', an order word, 'by', nothing
_CONDITIONS = ("WITH", "GT", "GE", "LT", "LE", "EQ", "BETWEEN", "WHERE")
_AFTER = ("WITH", "GT", "GE", "LT", "LE", "EQ", "BETWEEN", "WHERE", "BY", "NOT", "MAX", "MIN", "ORDER", "SORT")
_MEASURES = ("AVG", "SUM", "MEDIAN", "MIN", "MAX")


def _unknown_row_noun(g: GrammarPass, j: int) -> bool:
    it = g.items[j]
    # 'over 200 euros': a unit after a number, never what a row is
    return it.kind == "unknown" and is_row_noun(it.text) and not g.r.entity and not is_spelled_unit(norm(it.text)) \
        and _people_of_a_people_table(g, it.text)


def _people_of_a_people_table(g: GrammarPass, word: str) -> bool:
    """An unknown plural is the rows when it is a word for people (professors,
    encuestadas, staff) over a table whose rows are people, or any other plural over a table whose rows
    are not ('los 5 viajes más caros' over trips). Over a table of people, another plural names some of
    them by what they do or are: "how many smokers" over passengers, which have no smoking column, counted
    all 900 passengers as smokers; such a noun is not placed, so the request is declined."""
    from dsagent.words.names import names_people

    forms = {word, word[:-2] + "os" if word.endswith("as") else word}  # Spanish feminine: encuestadas
    return any(names_people(w, table=True) for w in forms) == _rows_are_people(g)


def _rows_are_people(g: GrammarPass) -> bool:
    """The table's name says people (passengers, plantilla), or a column is a person's attribute, a
    protected attribute or personal data (salary, sexo, age, email); a column named for a person (driver)
    says a row has one, not that it is one: a trip with a driver is a trip."""
    from dsagent.ethics.people import describes_people

    return describes_people([c.name for c in g.index.columns.get(g.table, [])], [g.table], rows_are=True)


def _stands_for_rows(g: GrammarPass, j: int, prev: int, qualified: bool = False) -> bool:
    """Whether the noun at j stands where a row noun stands, the item before its words being at `prev`;
    `qualified`: values of the data come right before the noun ("female professors")."""
    before, nxt = g.at(prev), g.at(j + 1)
    before_ok = before is None or before.kind in ("num", "stop") or before.kind == "kw" and before.key in _BEFORE
    # 'bar chart of professors by rank': drawn, the rows counted; not a word of an amount ('pie chart of
    # sales by channel': the number of sales or their money?)
    before_ok = before_ok or before is not None and before.kind == "kw" and before.key in CHART_KEYS \
        and not is_additive(g.items[j].text)
    measure_of = before is not None and bool(g.r.measures) and (
        before.kind == "col" or before.kind == "kw" and before.key in _MEASURES)
    after_ok = nxt is None or nxt.kind == "kw" and (nxt.key in _AFTER or nxt.text == ",") or nxt.kind in ("val", "num")
    # 'how many people were hired in 2020', 'how many professors have a salary over 100000': a count's noun,
    # then the column of what they did or have (count_of_entity reads it)
    after_ok = after_ok or nxt.kind == "col" and before is not None and before.kind == "kw" and before.key == "COUNT" \
        and _what_rows_did(g, nxt)
    # 'number of sales per quarter': counted, then a grain; 'ventas mensuales' alone may be an amount of money
    after_ok = after_ok or nxt.kind == "kw" and nxt.key in GRAIN_KEYS and before is not None and before.kind == "kw" \
        and before.key == "COUNT"
    # after a measure ("average fare of children") the noun may be a part of the rows, not all of them:
    # only with a condition after it that says which ("average salary of professors with less than ...")
    # values right before it say which part as well ("average salary of female professors")
    conditioned = nxt is not None and nxt.kind == "kw" and nxt.key in _CONDITIONS
    return before_ok and after_ok or measure_of and (conditioned or qualified and after_ok)


def _what_rows_did(g: GrammarPass, col: Item) -> bool:
    """After 'how many <noun>': a column that says what each did or is (a date named for its event, a yes/no
    'remote', a number compared next: 'salary above 100000'); not a column of kinds ('how many people
    department' would count departments)."""
    k = next((k for k, it in enumerate(g.items) if it is col), None)
    after = g.at(k + 1) if k is not None else None
    compared = after is not None and after.kind == "kw" and after.key in ("GT", "GE", "LT", "LE", "BETWEEN", "EQ")
    return col.col.temporal or col.col.binary or col.col.numeric and compared


def _take_row_noun(g: GrammarPass, j: int) -> int:
    it = g.items[j]
    entity_noun(g, j)
    count_of_entity(g, j)
    g.r.understood.append(f"'{it.text}' as the rows of {g.table}")
    g.r.fuzzy.append(f"{it.text} -> rows of {g.table}")  # a reading, not a word of the schema: not confident
    it.used = True
    return j + 1


def row_entity(g: GrammarPass, j: int) -> int | None:
    """'how many professors', 'the 5 professors with ...', 'personas mayores de 60', 'los 3 encuestados más
    jóvenes', 'share of professors by rank': an unknown plural noun where a row noun stands is what a row
    describes (one such noun)."""
    if not _unknown_row_noun(g, j) or not _stands_for_rows(g, j, j - 1):
        return None
    return _take_row_noun(g, j)


def qualified_row_entity(g: GrammarPass, j: int) -> int | None:
    """'how many male professors', 'the 3 female teachers with the highest salary', 'list the retired
    customers': values of the data right before an unknown plural noun are its filters (already read as
    such), and the noun, where a row noun stands, is what a row describes. After a share word and before a
    grouping ("share of female professors by rank") the share is of the female rows across ranks or of the
    female ones in each rank: asked, offering the second (the share of a value by a group)."""
    if not _unknown_row_noun(g, j):
        return None
    k = j - 1
    while g.is_kind(k, "val") and g.items[k].used:
        k -= 1
    if k == j - 1 or not _stands_for_rows(g, j, k, qualified=True):
        return None
    if g.is_kw(k, "PERCENT", "RATE") and g.is_kw(j + 1, "BY"):
        ask_share_of_qualified_rows(g, g.items[j])
        g.items[j].used = True
        return j + 1
    return _take_row_noun(g, j)


def value_as_rows(g: GrammarPass, j: int) -> int | None:
    """'the woman with the highest fare', 'lecturers with the lowest salary', 'the 3 women with the most
    years': a value of the data, first, then 'with the highest X' names rows (as 'the passenger with the
    highest fare' does), not the one extreme value among them (passed on: the value is also a filter)."""
    if g.r.entity or g.r.measures or g.pending or g.mode == "by" or not g.is_kw(j + 1, "WITH") \
            or not g.is_kw(j + 2, "MAX", "MIN") or any(it.kind in ("col", "table", "kw") and it.key != "SHOW"
                                                      for it in g.items[:j] if it.kind != "num"):
        return None
    entity_noun(g, j)
    return None
