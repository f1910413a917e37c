"""Columns and the words that name them: which columns a request mentions, and which one column a
given name means.

Both the chart tool (a small model's spec, the person's request) and the model tool (a target or a
feature a model wrote) resolve names here, with one set of rules and one error message.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches

from dsagent.words.data import word_set
from dsagent.words.text import fold_chars, name_words, phrase_pattern, same_name


@dataclass(frozen=True)
class Mention:
    column: str
    start: int  # character offsets of the mention in the request
    end: int
    exact: bool  # the whole column name (not one distinctive word of it)


def mentions(question: str, columns: list[str]) -> list[Mention]:
    """The table's columns the request names, in the order it names them.

    A column is named by its whole name (any case, accents, spaces or underscores, plural), or by one
    word of its name that no other column shares ("budget" for "Production Budget"); a word several
    columns share ("rating") names none of them, nor does a word too common to name anything alone
    (prompts/words/columns.json "weak"). Longer names claim their words first, so "sub-categories"
    names "Sub-Category" and not "Category".
    """
    found: dict[str, Mention] = {}
    for f in all_mentions(question or "", columns):  # in text order: the first mention of each column
        found.setdefault(f.column, f)
    return list(found.values())


def all_mentions(text: str, columns: list[str]) -> list[Mention]:
    """Every place the request names a column (see `mentions`), in text order."""
    folded = fold_chars(text or "")
    weak = word_set("columns", "weak")
    owners: dict[str, set[str]] = {}
    for col in columns:
        for w in set(name_words(col)):
            owners.setdefault(w, set()).add(col)
    candidates: list[tuple[int, int, int, str, bool]] = []  # (-length, start, end, column, exact)
    for col in columns:
        words = name_words(col)
        for m in phrase_pattern(words).finditer(folded) if words else ():
            candidates.append((-(m.end() - m.start()), m.start(), m.end(), col, True))
        for w in set(words):
            if w in weak or len(w) < 3 or w.isdigit() or len(owners[w]) != 1 or words == [w]:
                continue
            for m in phrase_pattern([w]).finditer(folded):
                candidates.append((-(m.end() - m.start()), m.start(), m.end(), col, False))
    taken: list[Mention] = []
    for _neg, a, b, col, exact in sorted(candidates, key=lambda c: (not c[4], c[0], c[1])):
        if not any(a < t.end and t.start < b for t in taken):
            taken.append(Mention(col, a, b, exact))
    return sorted(taken, key=lambda f: f.start)


def negates_name(word: str, name: str) -> bool:
    """Whether `word` is a negating prefix and the column's name, or one word of it ('uninsured' and
    'insured', 'inactive' and 'is_active', 'impagados' and 'pagado'); prompts/words/columns.json lists
    the prefixes. A near spelling matcher would read such a word as the column itself: its opposite."""
    folded = fold_chars(word).lower()
    for prefix in word_set("columns", "negating_prefixes"):
        rest = folded[len(prefix):]
        if folded.startswith(prefix) and len(rest) >= 3 and (
                same_name(rest, name) or any(same_name(rest, w) for w in name_words(name))):
            return True
    return False


def stems(name: str) -> set[str]:
    """The words of a name with a plural 's' dropped ('Order Quantities' -> order, quantitie)."""
    return {w.rstrip("s") if len(w) > 3 else w for w in name_words(name)}


def match_column(name: str, columns) -> str | None:
    """The column `name` means, or None: exact; the same up to case, accents, spacing or a plural; the
    one column whose whole name the words hold ("Order Quantity" -> Quantity when no wider name fits);
    the one column holding a single word ("Budget" -> Production Budget)."""
    if name in columns:
        return name
    for cand in columns:
        if same_name(cand, name):
            return cand
    words = stems(name)
    inside = [c for c in columns if stems(c) and stems(c) <= words]
    widest = [c for c in inside if all(stems(o) <= stems(c) for o in inside)]
    if len(widest) == 1:
        return widest[0]
    if len(words) == 1:
        holders = [c for c in columns if words <= stems(c)]
        if len(holders) == 1:
            return holders[0]
    return None


def close_names(name: str, columns, n: int = 3) -> list[str]:
    """Columns spelled close to `name` (case ignored), best first: the "did you mean" of an error."""
    lowered = {str(c).lower(): c for c in columns}
    return [lowered[c] for c in get_close_matches(str(name).lower(), list(lowered), n=n, cutoff=0.5)]


def unknown_column(name: str, columns, what: str = "column", role: str | None = None,
                   table: str | None = None) -> str:
    """The message for a name that is no column: what it is, the closest names, the columns there are."""
    close = close_names(name, columns)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    where = (f" for {role}" if role else "") + (f" in table '{table}'" if table else "")
    shown = list(columns)[:40]
    more = f" (+{len(columns) - 40} more)" if len(columns) > 40 else ""
    return f"Unknown {what} '{name}'{where}.{hint} Columns: {', '.join(map(str, shown))}{more}."


def resolve_column(name: str, columns, what: str = "column", role: str | None = None,
                   table: str | None = None) -> str:
    """The column `name` means (`match_column`), else a ModelError that says "did you mean"."""
    from dsagent.errors import ModelError

    found = match_column(name, columns)
    if found is None:
        raise ModelError(unknown_column(name, columns, what, role, table))
    return found


