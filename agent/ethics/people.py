"""Does a table describe people? A bare `name` column is a person's name (E2) only when it does.

A column called `name` names whatever a row is: a ship, a mountain, a film, a person. Its values
alone rarely tell ('Queen Mary' is a ship, 'Mary Queen' a person), so the table says it: another
column named for one person or a person's attribute ('passenger_class', 'salary', 'surname'; a
plural there counts people: 'employees'), the table's own name with a word for people ('passengers'), a protected attribute ('sex', 'edad') or personal data ('email', 'telefono');
or the names themselves, when they carry honorifics ('Mr.', 'Sra.'). Without any of these the column
is left as it is: a person's name there is an unlikely reading. ('Last, First' is no sign: 'Paris,
France' reads the same.)
"""

from __future__ import annotations

from typing import Any, Iterable

from dsagent.words.data import word_set
from dsagent.words.names import (is_bare_name, names_people, names_person_attribute, personal_data,
                                 protected_attribute)
from dsagent.words.text import words_of

MIN_SHARE = 0.3  # of a name column's sampled values with an honorific


def describes_people(columns: Iterable[str], tables: Iterable[str] = (),
                     values: dict[str, list[Any]] | None = None, rows_are: bool = False) -> bool:
    """True when the table's other column names, its own name or its name columns' values say people.

    `rows_are`: whether a row *is* a person (the offline planner's rows' noun), not only mentions one: a
    column named for one person ('driver' of a trip) says a row has one, so it counts only here as a
    person's attribute would ('salary')."""
    columns = [str(c) for c in columns]
    for col in columns:
        if is_bare_name(col):
            continue
        named = names_person_attribute(col) if rows_are else names_people(col)
        if named or protected_attribute(col) or personal_data(col):
            return True
    if any(names_people(t, table=True) for t in tables):
        return True
    for col, cells in (values or {}).items():
        if is_bare_name(col) and names_read_as_people(cells):
            return True
    return False


def names_read_as_people(cells: Iterable[Any]) -> bool:
    """A sample of names where enough carry an honorific ('Braund, Mr. Owen Harris', 'Sra. Gómez')."""
    honorifics = word_set("names", "honorifics")
    sample = [c for c in cells if isinstance(c, str) and c.strip()][:200]
    if not sample:
        return False
    hits = sum(1 for c in sample if any(w in honorifics for w in words_of(c)))
    return hits >= MIN_SHARE * len(sample)
