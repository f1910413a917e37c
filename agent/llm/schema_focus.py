"""The part of a wide database a question plausibly needs, and the values it names.

A small local model reads about 65 prompt tokens a second on two cores, so a 15-20 table schema
costs tens of seconds before the first generated token, and buries the tables that matter. When the
compact card of every table would pass `FOCUS_BUDGET_TOKENS`, the prompt keeps in full:
1. the tables the question names, by the words of a table's name (weight 3), of its columns (1) or
   of its low-cardinality values (2) — the shared vocabulary's plural and accent rules;
2. the tables that connect two kept tables (a join key: the same column name in both, or
   `<table>_<column>` naming the other table's column), so a kept pair can still be joined;
and names the rest in one line, so the model knows they exist. Below the budget nothing is left out.

Value hints: a word or phrase of the question that is a value of a low-cardinality text column
("Boston", "BEL") is said with its column (`airport.city = 'Boston'`), so filters use the data's own
column and spelling. Personal-data columns never lend hints; privacy mode `schema` sends none; a
table on a database server lends none (its values would cost queries on the server every prompt).
"""

from __future__ import annotations

from dataclasses import dataclass

from dsagent.sql.joins import key_pairs
from dsagent.words.names import personal_data
from dsagent.words.text import fold_chars, name_words, phrase_pattern, singulars

FOCUS_BUDGET_TOKENS = 600  # an estimate (characters / 4); the system prompt and tools take about as much again
MAX_KEPT_TABLES = 6
MAX_VALUE_HINTS = 5


@dataclass(frozen=True)
class Focus:
    keep: list[str]  # tables shown in full, in the workspace's order
    others: list[str]  # tables only named
    hints: list[str]  # "table.column = 'value'" lines


def estimate_tokens(text: str) -> int:
    return len(text) // 4


def focus(ws, question: str, card_chars: int, privacy: str) -> Focus:
    """Which tables to show for `question` when the full compact card has `card_chars` characters."""
    tables = list(ws.tables)
    values = _values(ws, tables) if privacy != "schema" else {}
    hints = _value_hints(question, values)
    if estimate_tokens("x" * card_chars) <= FOCUS_BUDGET_TOKENS or len(tables) <= 2:
        return Focus(tables, [], hints)
    words = _question_words(question)
    columns = {t: [c for c, _ in ws.columns(t)] for t in tables}
    scores = {t: _score(t, columns[t], values.get(t, {}), words) for t in tables}
    ranked = [t for t in sorted(tables, key=lambda t: -scores[t]) if scores[t] > 0][:MAX_KEPT_TABLES]
    if not ranked:  # nothing named: keep everything rather than guess
        return Focus(tables, [], hints)
    keep = set(ranked)
    for bridge in _bridges(ranked, tables, columns):
        keep.add(bridge)
    return Focus([t for t in tables if t in keep], [t for t in tables if t not in keep], hints)


def _question_words(question: str) -> set[str]:
    out: set[str] = set()
    for w in name_words(question):
        if len(w) >= 3:
            out |= singulars(w)
    return out


def _score(table: str, columns: list[str], values: dict[str, list[str]], words: set[str]) -> int:
    def hits(name: str) -> int:
        return len({w for w in name_words(name) if len(w) >= 3 and singulars(w) & words})

    score = 3 * hits(table) + sum(hits(c) for c in columns)
    for column_values in values.values():
        score += 2 * sum(1 for v in column_values if hits(v))
    return score


def joins(a: str, b: str, columns: dict[str, list[str]]) -> bool:
    """Two tables share a join key (agent/sql/joins.py)."""
    return bool(key_pairs(a, columns[a], b, columns[b]))


def _bridges(kept: list[str], tables: list[str], columns: dict[str, list[str]]) -> list[str]:
    """Tables that join two kept tables that do not join each other (one hop)."""
    out = []
    for i, a in enumerate(kept):
        for b in kept[i + 1:]:
            if joins(a, b, columns):
                continue
            for t in tables:
                if t not in kept and t not in out and joins(a, t, columns) and joins(t, b, columns):
                    out.append(t)
                    break
    return out


def _values(ws, tables: list[str]) -> dict[str, dict[str, list[str]]]:
    """Low-cardinality text values per table and column, from the offline planner's cached index."""
    from dsagent.errors import DsagentError
    from dsagent.offline.columns import load_columns

    out: dict[str, dict[str, list[str]]] = {}
    for t in tables:
        if ws.is_remote(t):  # values of a server's table would cost queries on it for every prompt
            continue
        try:
            cols = load_columns(ws, t)
        except DsagentError:  # a table that cannot be read lends no values
            continue
        out[t] = {c.name: [str(v) for v in c.values] for c in cols
                  if c.kind == "text" and c.values and not personal_data(c.name)}
    return out


def _value_hints(question: str, values: dict[str, dict[str, list[str]]]) -> list[str]:
    folded = fold_chars(question or "")
    hints = []
    for table, cols in values.items():
        for column, column_values in cols.items():
            for v in column_values:
                words = name_words(v)
                if not words or (len(words) == 1 and len(words[0]) < 3) or words[0].isdigit():
                    continue
                if phrase_pattern(words).search(folded):
                    literal = v.replace("'", "''")
                    hints.append(f"{table}.{column} = '{literal}'")
    return hints[:MAX_VALUE_HINTS] if len(hints) <= MAX_VALUE_HINTS * 2 else []  # a common word matching
    # many values (e.g. 'yes') is no hint at all
