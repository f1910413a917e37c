"""Synonyms of column words in English and Spanish (prompts/words/synonyms.json), one table for the
offline linker, the schema card's relevance filter and the model tool's target.

`synonyms` lists are one hop: a list [w, a, b] makes a and b synonyms of w and w of each, not a of b
("price" -> "cost" and "price" -> "precio" do not make "cost" a "precio").
"""

from __future__ import annotations

from functools import lru_cache

from dsagent.words.data import load
from dsagent.words.text import norm, singulars


@lru_cache(maxsize=None)
def targets() -> dict[str, tuple[str, ...]]:
    """word -> the words a person may use instead (its own list)."""
    out: dict[str, list[str]] = {}
    for head, *rest in load("synonyms")["synonyms"]:
        out.setdefault(head, []).extend(w for w in rest if w not in out.get(head, []))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _both_ways() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for head, rest in targets().items():
        for w in rest:
            out.setdefault(head, []).append(w)
            out.setdefault(w, []).append(head)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def synonyms(word: str) -> tuple[str, ...]:
    """One hop either way: the word's own list first, then the words that list it ('precio' -> price)."""
    return _both_ways().get(word, ())


@lru_cache(maxsize=None)
def known_words() -> frozenset[str]:
    """Every single word of the synonym lists (the words this vocabulary knows a meaning for)."""
    return frozenset(w for k, v in _both_ways().items() for w in (k, *v) if " " not in w and "_" not in w)


def head_of(word: str) -> str | None:
    """The known word a one-word column name ends with after a one- or two-letter prefix
    ('pclass' -> class, 'nrooms' -> rooms when rooms is known), else None."""
    for cut in (1, 2):
        rest = word[cut:]
        if len(rest) >= 4 and rest in known_words():
            return rest
    return None


def related(words: set[str]) -> set[str]:
    """The words, their singulars, their synonyms and the `related` groups they belong to (one hop)."""
    base: set[str] = set()
    for w in words:
        base |= singulars(w)
    out = set(base)
    for w in base:
        out.update(norm(s) for s in synonyms(w) if " " not in s)
    for group in load("synonyms")["related"]:
        if base & set(group):
            out |= set(group)
    return out


def value_synonyms() -> dict[str, list[str]]:
    """A person's word -> data values it may stand for ('women' -> female, f, mujer ...)."""
    return load("synonyms")["values"]


def opposites() -> dict[str, list[str]]:
    """A 0/1 column named for an outcome -> words for its 'no' ('died' for survived = 0)."""
    return load("synonyms")["opposites"]
