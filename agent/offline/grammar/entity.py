"""The row entity: a plural noun that is not a column names what a row describes.

"how many professors" on a table of employees, "personas mayores de 60" on a survey, "the 5 ships
with the largest crew": the noun is not a column, a value or the table's name, but it stands where a
row noun stands, so it is read as the table's rows (as `entity_noun` reads 'passengers').
"""

from __future__ import annotations

from dsagent.offline.grammar.layout import entity_noun
from dsagent.offline.grammar.measures import count_of_entity
from dsagent.offline.grammar.state import GrammarPass
from dsagent.words.data import load

# keys after which a noun stands for the rows: a count word, a show/list word
_BEFORE = ("COUNT", "SHOW", "LIST", "ROWS")
# keys that may follow a row noun: a condition, 'with', an order word, 'by', nothing
_CONDITIONS = ("WITH", "GT", "GE", "LT", "LE", "EQ", "BETWEEN", "WHERE")
_AFTER = ("WITH", "GT", "GE", "LT", "LE", "EQ", "BETWEEN", "WHERE", "BY", "NOT", "MAX", "MIN", "ORDER", "SORT")


def is_row_noun(word: str) -> bool:
    """A plural noun (a regular -s plural, or one of prompts/words/rows.json)."""
    if word in load("rows")["en"] or word in load("rows")["es"]:
        return True
    return len(word) >= 5 and word.isalpha() and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def row_entity(g: GrammarPass, j: int) -> int | None:
    """'how many professors', 'the 5 professors with ...', 'personas mayores de 60', 'los 3 encuestados más
    jóvenes': an unknown plural noun where a row noun stands is what a row describes (one such noun)."""
    it = g.items[j]
    if it.kind != "unknown" or not is_row_noun(it.text) or g.r.entity:
        return None
    prev, nxt = g.at(j - 1), g.at(j + 1)
    before_ok = prev is None or prev.kind == "num" or prev.kind == "kw" and prev.key in _BEFORE \
        or prev.kind == "stop"
    measure_of = prev is not None and bool(g.r.measures) and (prev.kind == "col" or prev.kind == "kw" and prev.key
                                                              in ("AVG", "SUM", "MEDIAN", "MIN", "MAX"))
    after_ok = nxt is None or nxt.kind == "kw" and nxt.key in _AFTER or nxt.kind in ("val", "num")
    # after a measure ("average fare of children") the noun may be a part of the rows, not all of them:
    # only with a condition after it that says which ("average salary of professors with less than ...")
    conditioned = nxt is not None and nxt.kind == "kw" and nxt.key in _CONDITIONS
    if not (before_ok and after_ok or measure_of and conditioned):
        return None
    entity_noun(g, j)
    count_of_entity(g, j)
    g.r.understood.append(f"'{it.text}' as the rows of {g.table}")
    g.r.fuzzy.append(f"{it.text} -> rows of {g.table}")  # a reading, not a word of the schema: not confident
    it.used = True
    return j + 1
