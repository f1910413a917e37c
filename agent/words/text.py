"""Normalising words and names: accents, case, the words of a column name, singular and plural.

Every part of dsagent compares a person's words with column names through these functions, so
'Precio_Final', 'precio final' and 'PrecioFinal' are the same name everywhere.
"""

from __future__ import annotations

import re
import unicodedata

_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def fold_accents(text: str) -> str:
    """'Málaga Ñu' -> 'Malaga Nu'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold_chars(text: str) -> str:
    """Accents folded and lower case, one character for one ('Año' -> 'ano'), so offsets still point
    into the original text."""
    return "".join((fold_accents(c)[:1] or c).lower() for c in text)


def norm(text: str) -> str:
    """The words of a name or phrase, folded, lower case, space-separated: 'PassengerId' -> 'passenger id',
    'Precio_Final' -> 'precio final'."""
    text = _CAMEL.sub(" ", str(text))
    return " ".join(_SPLIT.split(fold_accents(text).lower())).strip()


def name_words(name: str) -> list[str]:
    """norm(name) as a list: 'Release Year' -> ['release', 'year']."""
    return norm(name).split()


def squash(name: str) -> str:
    """Letters and digits only, folded, lower case: 'Precio_Final' -> 'preciofinal'."""
    return norm(name).replace(" ", "")


def words_of(text: str) -> list[str]:
    """The words of a sentence, folded and lower case (no camel-case split: sentences are not names)."""
    return [w for w in _SPLIT.split(fold_accents(str(text)).lower()) if w]


def variants(word: str) -> set[str]:
    """Singular and plural forms of one word in English and Spanish ('category' -> 'categories')."""
    out = {word}
    if len(word) <= 2 or word.isdigit():
        return out
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    if word.endswith("es") and len(word) > 4:
        out.add(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.add(word[:-1])
    else:
        out.add(word + "s")
        if word.endswith("y"):
            out.add(word[:-1] + "ies")
        if word[-1] in "rlnd" or word.endswith("ss") or word.endswith("x") or word.endswith("ch"):
            out.add(word + "es")
    return out


def singulars(word: str) -> set[str]:
    """The word and what it may be the plural of ('prices' -> price, 'classes' -> class), stems of 3+ letters."""
    out = {word}
    for suffix in ("es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.add(word[: -len(suffix)])
    return out


def same_name(a: str, b: str) -> bool:
    """Two names that differ only in case, accents, spacing or a plural 's' ('Unit Price' ~ 'unit_prices')."""
    x, y = squash(a), squash(b)
    return bool(x) and (x == y or x == y.rstrip("s") or x.rstrip("s") == y)


def word_pattern(word: str) -> str:
    """A regex for a word in its singular or plural ('category' / 'categories', 'class' / 'classes')."""
    if word.endswith("ies") and len(word) > 4:
        return rf"{re.escape(word[:-3])}(?:y|ies)"
    if word.endswith("y") and len(word) > 3:
        return rf"{re.escape(word[:-1])}(?:y|ies)"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return rf"{re.escape(word[:-1])}(?:s|es)?"
    return rf"{re.escape(word)}(?:e?s)?"


def phrase_pattern(words: list[str]) -> re.Pattern:
    """Words in sequence, any separator or none between them, each singular or plural, as a whole-word
    regex over `fold_chars` text ('unit price' finds 'unit_prices', 'unitprice')."""
    body = r"[\s_\-./]*".join(word_pattern(w) for w in words)
    return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])")


def is_row_noun(word: str) -> bool:
    """A plural noun that may say what a row is (a regular -s plural, or one of prompts/words/rows.json)."""
    from dsagent.words.data import load

    if word in load("rows")["en"] or word in load("rows")["es"]:
        return True
    return len(word) >= 5 and word.isalpha() and word.endswith("s") and not word.endswith(("ss", "us", "is"))
