"""Schema cards as compact prompt text within a token budget, and the columns a question needs.

The text is DDL with a comment per column (small code models write better SQL from DDL than from
prose):

    CREATE TABLE loans ( -- 2000 rows
      sex VARCHAR, -- 2 values: 'Male' 1062, 'Female' 938
      income DOUBLE, -- 9800..250000, 2% null
    );

When everything does not fit the budget, detail is shed step by step: only the columns relevant to
the question keep their comment (the rest are listed by name), then types only, then columns are cut
with a count of how many were left out. Tokens are estimated as characters / 4.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dsagent.data.naming import quote_ident
from dsagent.ethics.privacy import clip
from dsagent.tools.schema.card import get_schema_cards
from dsagent.words.names import is_label
from dsagent.words.synonyms import related
from dsagent.words.text import name_words, singulars, words_of

CHARS_PER_TOKEN = 4
MAX_SHOWN_VALUES = 6
MAX_KEY_COLUMNS = 4

_TIME_WORDS = {"month", "monthly", "year", "yearly", "annual", "day", "daily", "week", "weekly", "trend", "over",
               "time", "when", "date", "quarter", "mes", "mensual", "ano", "anual", "dia", "diario", "semana",
               "semanal", "tendencia", "cuando", "fecha", "trimestre", "evolution", "evolucion", "since", "desde"}
_STOP = {"the", "and", "for", "with", "what", "which", "how", "many", "much", "per", "por", "que", "cual", "cuales",
         "cuantos", "cuantas", "como", "los", "las", "del", "con", "para", "una", "uno", "are", "was", "were",
         "show", "list", "give", "muestra", "dame", "lista", "each", "cada", "all", "todos", "todas", "from", "top"}


def estimate_tokens(text: str) -> int:
    return (len(text) + CHARS_PER_TOKEN - 1) // CHARS_PER_TOKEN


def _expand(words: set[str]) -> set[str]:
    """Question words plus their singulars, synonyms and related words (`dsagent.words.synonyms`)."""
    return related(words)


def _column_matches(col, qwords: set[str], expanded: set[str], qtext: str) -> list[tuple[int, str | None]]:
    """(score, question word) of each way a question points at a column: 3 its name or a word of
    it, 2 a synonym/stem or one of its values, 1 a date column in a question about time. The word
    is None for matches that are specific by nature (the whole name, a value)."""
    words = name_words(col.name)
    if not words:
        return []
    phrase = " ".join(words)
    padded = f" {qtext} "  # words joined by single spaces: containment is a whole-word match
    if len(phrase) >= 2 and f" {phrase} " in padded:
        return [(3, None)]
    found: list[tuple[int, str | None]] = []
    for w in words:
        if len(w) < 3 or w in _STOP:
            continue
        hit = singulars(w) & qwords
        if hit:
            found.append((3, w))
        elif w in expanded or any(len(w) >= 5 and len(q) >= 5 and w[:5] == q[:5] for q in qwords):
            found.append((2, w))
    for value, _n in col.top_values:
        if isinstance(value, str) and len(value) >= 2 and col.pii is None:
            vwords = words_of(value)
            if vwords and f" {' '.join(vwords)} " in padded:
                found.append((2, None))
                break
    if col.kind in ("date", "timestamp") and qwords & _TIME_WORDS:
        found.append((1, None))
    return found


def _is_key(col) -> bool:
    return is_label(col.name)


def relevant_to(card, question: str):
    """A copy of `card` keeping only the columns a question could need, in their original order.

    Kept: columns named in the question (or by a singular/plural or a light EN/ES synonym), columns
    whose values the question mentions ('female' -> sex), date columns when the question speaks of
    time, and a few key columns for joins and counts. When nothing matches, the card is returned
    whole (nothing can be ruled out).
    """
    qtext = " ".join(words_of(question or ""))
    qwords = {w for w in qtext.split() if w not in _STOP}
    expanded = _expand(qwords)
    matches = {c.name: _column_matches(c, qwords, expanded, qtext) for c in card.columns}
    # A name word shared by many columns (feature_1 ... feature_5000) does not point at any of them.
    spread: dict[str, int] = {}
    for found in matches.values():
        for w in {w for _, w in found if w}:
            spread[w] = spread.get(w, 0) + 1
    common = {w for w, n in spread.items() if n > max(5, len(card.columns) // 10)}
    scores = {name: max((s for s, w in found if w not in common), default=0) for name, found in matches.items()}
    if not any(s >= 2 for s in scores.values()):
        return card
    keys = [c.name for c in card.columns if _is_key(c)][:MAX_KEY_COLUMNS]
    keep = {n for n, s in scores.items() if s >= 1} | set(keys)
    return replace(card, columns=[c for c in card.columns if c.name in keep])


# ------------------------------------------------------------------------------------------ text
def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, str):
        value = clip(value, 40)  # never inside an email or a key: the card is masked after this
        return "'" + value.replace("'", "''") + "'"
    return str(value)


def _comment(col, row_count: int, privacy: str) -> str:
    parts: list[str] = []
    with_values = privacy != "schema" and col.pii is None
    if col.pii:
        parts.append(f"personal data ({col.pii})")
    if col.top_values and with_values and col.kind in ("text", "boolean", "integer"):
        shown = ", ".join(f"{_fmt(v)} {n}" for v, n in col.top_values[:MAX_SHOWN_VALUES])
        more = ", ..." if col.distinct > MAX_SHOWN_VALUES else ""
        parts.append(f"{col.distinct} values: {shown}{more}")
    elif col.min is not None and with_values:
        parts.append(f"{_fmt(col.min) if col.kind in ('number', 'integer') else col.min}.."
                     f"{_fmt(col.max) if col.kind in ('number', 'integer') else col.max}")
    if not col.top_values or not with_values:
        if row_count and col.distinct >= row_count * (1 - col.null_share) and col.distinct > 1:
            parts.append("unique")
        elif col.kind == "text" or not with_values:
            parts.append(f"{'~' if col.distinct_approx else ''}{col.distinct} distinct")
    if col.null_share:
        parts.append(f"{col.null_share:.0%} null" if col.null_share >= 0.01 else "<1% null")
    if col.kind == "text" and not col.top_values and col.samples and with_values:
        parts.append("e.g. " + ", ".join(_fmt(s) for s in col.samples[:2]))
    return "; ".join(parts)


def _render_card(card, detail: set[str] | None, names_only: bool, level: str, privacy: str,
                 max_columns: int | None = None) -> str:
    """Columns in `detail` (all when None) as `name TYPE` lines, with a comment when level is
    'full'; the others listed by name (names_only) or counted."""
    shown = [c for c in card.columns if detail is None or c.name in detail]
    others = [c for c in card.columns if detail is not None and c.name not in detail]
    cut = 0
    if max_columns is not None and len(shown) > max_columns:
        cut = len(shown) - max_columns
        shown = shown[:max_columns]
    body = []
    for i, c in enumerate(shown):
        line = f"  {quote_ident(c.name)} {c.type}{',' if i < len(shown) - 1 else ''}"
        if level == "full":
            comment = _comment(c, card.row_count, privacy)
            if comment:
                line += f" -- {comment}"
        body.append(line)
    if others and names_only:
        body.append("  -- other columns: " + ", ".join(quote_ident(c.name) for c in others))
    elif others:
        cut += len(others)
    if cut:
        body.append(f"  -- ... and {cut} more columns")
    return "\n".join([f"CREATE TABLE {quote_ident(card.table)} ( -- {card.row_count} rows", *body, ");"])


def render_prompt(cards_or_ws, question: str | None = None, budget_tokens: int = 1500,
                  privacy: str = "masked") -> str:
    """The cards (or a workspace's cards) as DDL with comments, shedding detail until the text fits
    `budget_tokens` (chars / 4)."""
    if hasattr(cards_or_ws, "tables") and hasattr(cards_or_ws, "query"):
        cards = get_schema_cards(cards_or_ws)
    else:
        cards = list(cards_or_ws)
    if not cards:
        return ""
    # Per table, the columns the question needs; a table the question does not touch keeps none in
    # focus (its columns are then only named), unless no table matches at all.
    focus: dict[str, set[str]] | None = None
    if question:
        focus = {}
        for card in cards:
            kept = relevant_to(card, question)
            focus[card.table] = set() if kept is card else {c.name for c in kept.columns}
        if not any(focus.values()):
            focus = None

    def build(focused: bool, names_only: bool, level: str, max_columns: int | None = None) -> str:
        return "\n".join(_render_card(c, focus[c.table] if focused else None, names_only, level, privacy,
                                      max_columns) for c in cards)

    attempts = [(False, False, "full")]
    if focus:
        attempts += [(True, True, "full"), (True, False, "full")]
    attempts += [(False, False, "types")]
    for focused, names_only, level in attempts:
        text = build(focused, names_only, level)
        if estimate_tokens(text) <= budget_tokens:
            return text
    # Still too big (thousands of columns): as many columns per table as fit, relevant ones first.
    focused = bool(focus)
    level = "full" if focused else "types"
    low, high = 0, max(len(c.columns) for c in cards)
    best = build(focused, False, level, 0)
    while low <= high:
        mid = (low + high) // 2
        text = build(focused, False, level, mid)
        if estimate_tokens(text) <= budget_tokens:
            best, low = text, mid + 1
        else:
            high = mid - 1
    return best
