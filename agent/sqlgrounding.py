"""Filters a model made up: text values in a query's WHERE or HAVING that the request never names.

A small model shown a column's common values (the schema card lists a few, so that "laser printers"
can become `type = 'laser'`) sometimes copies one into a query whose request does not ask for it:
"the maximum price for each color of printer" comes back as `... WHERE type = 'ink-jet'`. The rows
are real, so nothing fails, and the answer is wrong. The loop asks the model once about such a
filter (prompts/ungrounded_filter.txt); the model keeps it by sending the same query again.

A value counts as named when one of its words is one of the request's words, or one is the start of
the other ('pc' and "PCs", 'BRU' and "Bruxelles"). Values without letters (numbers, dates) and
true/false words are never asked about: a request names those in too many ways.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from .naming import fold_accents

MAX_FILTERS = 3  # filters named in one note
_TRUTH_WORDS = {"true", "false", "yes", "no", "t", "f", "y", "n", "si", "sí"}
_COMPARISONS = (exp.EQ, exp.NEQ, exp.In, exp.Like, exp.ILike)


def request_words(text: str) -> set[str]:
    """Lower-case, accent-folded words, with a plural 's' dropped ('PCs' -> 'pc')."""
    out = set()
    for word in re.findall(r"[a-z0-9]+", fold_accents(text.lower())):
        out.add(word)
        if len(word) > 2 and word.endswith("s"):
            out.add(word[:-1])
    return out


def is_named(value: str, words: set[str]) -> bool:
    """True when the request names `value`, or the value has nothing a request would name."""
    own = request_words(value.replace("%", " ").replace("_", " "))
    if not own or not re.search(r"[a-z]", " ".join(own)) or own <= _TRUTH_WORDS:
        return True
    for w in own:
        if w in words:
            return True
        if any((len(w) >= 2 and q.startswith(w)) or (len(q) >= 3 and w.startswith(q)) for q in words):
            return True
    return False


def ungrounded_filters(sql: str, request: str) -> list[str]:
    """The WHERE/HAVING comparisons of `sql` with a text value `request` does not name, as SQL text."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError:
        return []
    if tree is None:
        return []
    words = request_words(request)
    found: list[str] = []
    for node in tree.find_all(*_COMPARISONS):
        if not isinstance(node.find_ancestor(exp.Where, exp.Having, exp.Select), (exp.Where, exp.Having)):
            continue  # a CASE in the select list or a JOIN condition is not a filter on the rows
        operands = [node.this, *(node.expressions if isinstance(node, exp.In) else [node.expression])]
        if not any(isinstance(o, exp.Column) or (o and o.find(exp.Column)) for o in operands):
            continue
        values = [o.this for o in operands if isinstance(o, exp.Literal) and o.is_string]
        if values and not all(is_named(v, words) for v in values):
            text = node.sql(dialect="duckdb")
            if text not in found:
                found.append(text)
    return found[:MAX_FILTERS]
