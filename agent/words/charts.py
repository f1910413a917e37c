"""The chart kinds a request names, and whether it asks for a chart at all (prompts/words/charts.json)."""

from __future__ import annotations

import re
from functools import lru_cache

from dsagent.words.data import load, word_set
from dsagent.words.text import fold_chars, words_of


def kind_phrases() -> dict[str, list[str]]:
    """{chart kind: phrases that name it}, in the order `kind_named` tries them."""
    return load("charts")["kinds"]


def chart_words() -> list[str]:
    """Words that ask for a chart of any kind ("plot", "gráfico", "visualise")."""
    return load("charts")["chart_words"]


@lru_cache(maxsize=None)
def _kind_patterns() -> list[tuple[str, re.Pattern]]:
    out = []
    for kind, phrases in kind_phrases().items():
        body = "|".join(r"[\s_-]?".join(re.escape(w) for w in re.split(r"[\s-]+", p))
                        for p in sorted(phrases, key=len, reverse=True))
        out.append((kind, re.compile(rf"(?<![a-z])(?:{body})(?![a-z])")))
    return out


def kind_named(question: str) -> str | None:
    """The chart kind the request names outright ("a histogram of", "scatter plot"), else None.

    The first kind in prompts/words/charts.json that the request names wins, so "stacked bar chart"
    is a stacked bar and "scatter plot with a trend line" a scatter.
    """
    text = fold_chars(question or "")
    return next((kind for kind, pattern in _kind_patterns() if pattern.search(text)), None)


def asks_for_chart(question: str) -> bool:
    """A word that asks for a chart ("plot", "gráfico", "trend") or names a kind of one."""
    cues = word_set("charts", "chart_words") | word_set("charts", "trend_words")
    return any(w in cues for w in words_of(question or "")) or kind_named(question) is not None
