"""How the tables of a workspace join: the key columns two tables share, and short paths between tables.

A join key is a key-like column name in both tables (`*_id`, `*_code`, `*_no`; a shared `name` is no
key), or a column of one named `<other table>_<column of the other>` (`flight.airline_icao_code` ->
`airline.icao_code`). The schema focus (agent/llm/schema_focus.py) keeps the tables that connect the
ones a question names; a repair message (agent/sql/repair.py) spells out the joins of a path, since a
small model rarely finds a two-hop join (fines -> loans -> members) by itself.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from sqlglot import exp

from dsagent.words.names import is_label
from dsagent.words.text import name_words, variants

MAX_HOPS = 3  # joins in a path; longer paths are no help to a small model (and rarely meant)


@dataclass(frozen=True)
class Join:
    """`JOIN table ON table.column = other.other_column`: `other` is already in the query."""
    table: str
    column: str
    other: str
    other_column: str

    def sql(self) -> str:
        return f"JOIN {self.table} ON {self.table}.{self.column} = {self.other}.{self.other_column}"


def joined(select: exp.Select, ref: str, chain: list[Join]) -> exp.Select:
    """`select` with the JOINs of `chain` appended; the chain's first table is read as `ref` (its
    alias in `select`)."""
    start = chain[0].other if chain else None
    for j in chain:
        other = ref if j.other == start else j.other
        on = exp.EQ(this=exp.column(j.column, table=j.table), expression=exp.column(j.other_column, table=other))
        select = select.join(exp.to_table(j.table), on=on)
    return select


def key_like(column: str) -> bool:
    """Named like an identifier or a code (the shared vocabulary), or one word ending in 'id' ('userid')."""
    words = name_words(column)
    return is_label(column) or (len(words) == 1 and words[0].endswith("id") and len(words[0]) >= 6)


def key_pairs(a: str, a_columns: list[str], b: str, b_columns: list[str]) -> list[tuple[str, str]]:
    """The (column of a, column of b) pairs `a` and `b` join on, best first; [] when they share no key."""
    by_b = {c.lower(): c for c in b_columns}
    pairs = [(c, by_b[c.lower()]) for c in a_columns if c.lower() in by_b and key_like(c)]
    for left, left_cols, right, right_cols, flip in ((a, a_columns, b, b_columns, False),
                                                     (b, b_columns, a, a_columns, True)):
        right_by = {c.lower(): c for c in right_cols}
        for prefix in _prefixes(right):
            for c in left_cols:
                rest = c.lower()[len(prefix) + 1:] if c.lower().startswith(prefix + "_") else ""
                if rest in right_by:
                    pair = (right_by[rest], c) if flip else (c, right_by[rest])
                    if pair not in pairs:
                        pairs.append(pair)
    return pairs


def _prefixes(table: str) -> set[str]:
    words = name_words(table)
    if not words:
        return set()
    return {"_".join([*words[:-1], w]) for w in variants(words[-1])}


def names_table(key: str, table: str) -> bool:
    """A key column's name names the table: `genre_id` names `genres`, `origin_airport_code` names
    `airports` (its last words before the key word, singular or plural)."""
    key_words, table_words = name_words(key)[:-1], name_words(table)
    if not key_words or not table_words or len(key_words) < len(table_words):
        return False
    tail = key_words[len(key_words) - len(table_words):]
    return tail[:-1] == table_words[:-1] and bool(variants(tail[-1]) & variants(table_words[-1]))


def references(columns: dict[str, list[str]]) -> list[Join]:
    """The joins the schema's names declare, as foreign keys would: a key of one table whose name
    names the other (`books.genre_id = genres.genre_id`, `books.genre_id = genres.id`); a key two
    tables share that names neither (`staff.branch_id = members.branch_id`) is no reference."""
    out = []
    for table, own in columns.items():
        for other, theirs in columns.items():
            if other == table:
                continue
            for mine, their in key_pairs(table, own, other, theirs):
                if names_table(mine, other) and not names_table(mine, table):
                    out.append(Join(other, their, table, mine))
    return out


def path(columns: dict[str, list[str]], start: list[str], target: str, max_hops: int = MAX_HOPS) -> list[Join] | None:
    """The shortest chain of joins from one of the `start` tables to `target` (breadth first, tables in
    `columns`' order on a tie), or None when there is none within `max_hops`."""
    if target in start:
        return []
    seen = set(start)
    queue: deque[tuple[str, list[Join]]] = deque((t, []) for t in start if t in columns)
    while queue:
        table, joins = queue.popleft()
        if len(joins) >= max_hops:
            continue
        for other in columns:
            if other in seen:
                continue
            pairs = key_pairs(table, columns[table], other, columns[other])
            if not pairs:
                continue
            mine, theirs = pairs[0]
            step = [*joins, Join(other, theirs, table, mine)]
            if other == target:
                return step
            seen.add(other)
            queue.append((other, step))
    return None
