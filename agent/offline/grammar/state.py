"""The state of one pass of the grammar over a request's items, and the small questions rules ask of it."""

from __future__ import annotations

from dsagent.offline.grammar.roles import Roles
from dsagent.offline.columns import Column
from dsagent.offline.linker import SchemaIndex
from dsagent.offline.plan import Filter
from dsagent.offline.tokens import Item
from dsagent.words.names import start_of_the_span

# Stop words the rules still read: range separators ("from 1995 to 2009", "de marzo a junio", "until").
KEPT_STOPS = ("to", "a", "-", "hasta", "until", "through")


class GrammarPass:
    """Items, schema and the roles found so far, plus what is carried from one item to the next.

    `pending` holds aggregate keywords waiting for their column ("average ... age"); `mode` says what a
    column named next becomes (by | color | sort | using); `negate` is a 'not' waiting for what it negates;
    `facet_from` is set after a panel phrase ("one chart per"): the groups named from then on are panels.
    """

    def __init__(self, items: list[Item], index: SchemaIndex, table: str):
        self.items = [it for it in items if it.kind != "stop" or it.text in KEPT_STOPS]
        self.stops = {it.start: it.text for it in items if it.kind == "stop"}  # by position: the words between
        self.index = index
        self.table = table
        self.r = Roles()
        self.time_cols = index.time_columns(table)
        self.pending: list[Item] = []
        self.facet_from: int | None = None
        self.mode: str | None = None
        self.negate = False
        self.split_next = False  # the next grouped column was said 'with and without' (grammar/layout.py)

    def word_at(self, start: int) -> str:
        """The request's word at a position, an item's or a stop word's ('' past either end)."""
        return next((x.text for x in self.items if x.start == start), self.stops.get(start, ""))

    def stops_between(self, a: Item, b: Item) -> list[str]:
        """The stop words the request said between items a and b ('survivors who were women': who, were)."""
        return [self.stops[k] for k in range(a.start + 1, b.start) if k in self.stops]

    def at(self, j: int) -> Item | None:
        return self.items[j] if 0 <= j < len(self.items) else None

    def is_kw(self, j: int, *keys: str) -> bool:
        it = self.at(j)
        return it is not None and it.kind == "kw" and (not keys or it.key in keys)

    def is_kind(self, j: int, *kinds: str) -> bool:
        it = self.at(j)
        return it is not None and it.kind in kinds

    def time_col(self) -> Column | None:
        """The date column a year, month or grain applies to: the table's only one, or of several the
        one the request names ('hired in 2018' over hired_on and left_at)."""
        if len(self.time_cols) == 1:
            return self.time_cols[0]
        named = self.named_time_cols()
        if named:
            return named[0] if len(named) == 1 else None
        start = start_of_the_span([c.name for c in self.time_cols])  # 'tickets in 2024': by opened_at
        return next((c for c in self.time_cols if c.name == start), None)

    def named_time_cols(self) -> list[Column]:
        """The date columns the request names by a word of theirs ('hired' of hired_on)."""
        return [c for c in self.time_cols if any(it.kind == "col" and it.col is c for it in self.items)]

    def take_negation(self) -> bool:
        """The pending 'not', now used by the item that reads it."""
        negate, self.negate = self.negate, False
        return negate

    def add_filter(self, f: Filter) -> None:
        """Add a condition; a second value of the same column widens it to 'in' / 'not in'."""
        r = self.r
        if f.column is not None and f.column.binary and any(
                old.column is f.column and old.op in ("=", "<>") and old.value != f.value for old in r.filters):
            r.problems.append(f"both yes and no of '{f.column.name}' (say 'count by {f.column.name}')")
            return
        if f.column is not None and f.op in ("=", "<>"):
            for old in r.filters:
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
        r.filters.append(f)

    def column_by_word(self, word: str | None) -> Column | None:
        """The table's column for an implied word (older than -> age)."""
        cols = self.columns_by_word(word)
        return cols[0] if len(cols) == 1 else None

    def columns_by_word(self, word: str | None) -> list[Column]:
        """Every column of the table an implied word may stand for ('length': duration_min, distance_km)."""
        if not word:
            return []
        hits = self.index.lookup(tuple(word.split()))
        names = sorted({a.column for a in hits if a.kind == "column" and a.table == self.table})
        return [c for c in (self.index.column(self.table, n) for n in names) if c is not None]

    def unbare(self, c: Column, mention: Item | None = None) -> None:
        """A column held without a role has found one. With the `mention` that gave it the role: unless the
        column was also named before it, free ("show pass id and price where price above 900": the price is
        shown as well as compared; it was dropped from what is shown)."""
        if mention is not None and any(it is not mention and it.kind == "col" and it.col is c and not it.used
                                       and it.start < mention.start for it in self.items):
            return
        if c in self.r.bare:
            self.r.bare.remove(c)
