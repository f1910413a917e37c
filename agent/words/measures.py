"""Whether a measure adds up: its total means something (revenue, units) or only its average does (age, price)."""

from __future__ import annotations

from dsagent.words.data import word_set
from dsagent.words.text import name_words


def is_additive(name: str) -> bool:
    """A word of the name is money or a count of things, or a unit of mass of an amount gathered (kg_uva,
    kilos; not weight_kg) (prompts/words/measures.json): sum it by default."""
    words = name_words(name)
    if any(w in word_set("measures", "additive") for w in words):
        return True
    return any(w in word_set("measures", "mass_amounts") for w in words) \
        and not any(w in word_set("measures", "mass_attributes") for w in words)


def is_money(name: str) -> bool:
    """A word of the name says it holds money (price, importe, salary, fare; prompts/words/measures.json money)."""
    return any(w in word_set("measures", "money") for w in name_words(name))


def default_aggregate(name: str) -> str:
    """'sum' for an additive measure, else 'mean'."""
    return "sum" if is_additive(name) else "mean"
