"""English or Spanish: the one answer the planner, the narrative, the tools and the reviewer give for a request.

`detect_language` reads a request. `speaking(lang)` carries the answer for the rest of the request (the
session sets it around one question, `render_answer` around one rendering), so a check deep down in
the reviewer or a tool writes its message in the request's language with `say(family, key, ...)`.
The messages are data: prompts/<family>.json, English and Spanish side by side.
"""

from __future__ import annotations

import contextvars
import re
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator

from dsagent.words.data import load, read_json, word_set
from dsagent.words.text import words_of

LANGUAGES = ("en", "es")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")
_SPOKEN: contextvars.ContextVar[str] = contextvars.ContextVar("dsagent_language", default="en")


def detect_language(text: str) -> str:
    """'es' or 'en': Spanish when the Spanish words (and ¿ ¡ ñ or an accent, worth 2) outnumber the English ones."""
    text = _QUOTED.sub(" ", text or "")  # a quoted value ('la casa de papel') is data, not the request's language
    words = words_of(text)
    es = sum(w in word_set("language", "es") for w in words)
    es += 2 * any(c in text.lower() for c in load("language")["signs"])
    en = sum(w in word_set("language", "en") for w in words)
    return "es" if es > en else "en"


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Answer in `lang` ('en' | 'es'; anything else is English) inside the block; None keeps the current one."""
    if not lang:
        yield
        return
    token = _SPOKEN.set(lang if lang in LANGUAGES else "en")
    try:
        yield
    finally:
        _SPOKEN.reset(token)


def spoken() -> str:
    """The language of the current answer ('en' outside any `speaking` block)."""
    return _SPOKEN.get()


@lru_cache(maxsize=None)
def messages(family: str) -> dict[str, Any]:
    return read_json(f"{family}.json")


def named(family: str, section: str, name: str) -> str:
    """`name` (a key a program reads: a statistic, an attribute) as the current language says it, from the
    section `section` of prompts/<family>.json ({"es": {name: words}}); itself when it has no entry."""
    return messages(family).get(section, {}).get(spoken(), {}).get(name, name)


def say(family: str, key: str, /, count: float | None = None, **values: Any) -> str:
    """Message `key` of prompts/<family>.json in the current language, filled with `values`.

    An entry may be {"one": ..., "other": ...}: `count` (else the value `n`) picks the form ("1 value",
    "2 values"); `count` is given to the template as {count}.
    """
    table = messages(family)
    entry = table.get(spoken(), {}).get(key)
    if entry is None:
        entry = table["en"][key]
    if isinstance(entry, dict):
        entry = entry["one" if (count if count is not None else values.get("n")) == 1 else "other"]
    if count is not None:
        values = {"count": count, **values}
    return entry.format(**values) if values else entry
