"""English or Spanish: the one answer the planner, the narrative and the guide give for a request."""

from __future__ import annotations

import re

from dsagent.words.data import load, word_set
from dsagent.words.text import words_of

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")


def detect_language(text: str) -> str:
    """'es' or 'en': Spanish when the Spanish words (and ¿ ¡ ñ or an accent, worth 2) outnumber the English ones."""
    text = _QUOTED.sub(" ", text or "")  # a quoted value ('la casa de papel') is data, not the request's language
    words = words_of(text)
    es = sum(w in word_set("language", "es") for w in words)
    es += 2 * any(c in text.lower() for c in load("language")["signs"])
    en = sum(w in word_set("language", "en") for w in words)
    return "es" if es > en else "en"
