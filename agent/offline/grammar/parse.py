"""The offline planner's grammar: typed items in, `Roles` (or what was not understood) out.

One left-to-right pass tries, for each item, the rules of its kind in the order of
`grammar/rules.RULES`; the first rule that takes the item gives it its role (measure, group, filter,
order, limit, chart encoding, model feature ...). Then `offline.intent.finish` decides the intent and
fills defaults. Anything left without a role makes the parse fail: the planner never guesses past a
word it did not understand.
"""

from __future__ import annotations

from dsagent.offline.grammar.roles import Roles
from dsagent.offline.grammar.rules import CLOSING_RULES, RULES, UNKNOWN_RULES
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.linker import SchemaIndex
from dsagent.offline.rereading import request_items
from dsagent.offline.tokens import Item
from dsagent.words.language import detect_language


def assign_roles(items: list[Item], index: SchemaIndex, table: str) -> Roles:
    """The roles of a request's resolved items on `table`."""
    g = GrammarPass(items, index, table)
    j = 0
    while j < len(g.items):
        j = _apply(g, j)
    for closing in CLOSING_RULES:
        closing(g)
    for it in g.items:  # how the request named each column, for the readings a decline offers
        if it.col is not None:
            g.r.mentions.setdefault(it.col.name, it.text)
    return g.r


def _apply(g: GrammarPass, j: int) -> int:
    """The index after item j, from the first of its kind's rules that takes it."""
    for rule in RULES.get(g.items[j].kind, UNKNOWN_RULES):
        after = rule(g, j)
        if after is not None:
            return after
    raise RuntimeError(f"no grammar rule took the item {g.items[j]!r}")  # each tuple ends with a catch-all


def parse_items(question: str, index: SchemaIndex, default_table: str, table: str | None = None):
    """(table, resolved items, language, table was ambiguous) of a request; `table` forces the table."""
    table, items, ambiguous = request_items(question, index, default_table, table)
    return table, items, detect_language(question), ambiguous
