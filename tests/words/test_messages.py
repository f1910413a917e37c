"""The message families of prompts/ (ethics, clean, model, synth, chart notes ...): English and Spanish side by side.

Every English message has a Spanish one with the same placeholders, so a Spanish request never falls
back to English silently, and `say` picks the singular or plural form by its count.
"""

from __future__ import annotations

import string

import pytest

from dsagent.words.language import messages, say, speaking, spoken

FAMILIES = ["ethics", "clean", "model", "synth", "changes", "profile", "chart_notes"]


def _fields(entry) -> set[str]:
    forms = entry.values() if isinstance(entry, dict) else [entry]
    return {f for text in forms for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_english_message_has_a_spanish_one_with_the_same_placeholders(family):
    table = messages(family)
    missing = sorted(set(table["en"]) - set(table["es"]))
    assert not missing, f"{family}: no Spanish for {missing}"
    for key, entry in table["en"].items():
        english, spanish = _fields(entry) - {"count", "n"}, _fields(table["es"][key]) - {"count", "n"}
        assert english == spanish, f"{family}.{key}: {english} vs {spanish}"


def test_say_speaks_the_language_of_the_block_and_picks_the_plural():
    assert spoken() == "en"
    assert say("ethics", "D1_rows", count=1) == "1 row" and say("ethics", "D1_rows", count=3) == "3 rows"
    with speaking("es"):
        assert spoken() == "es"
        assert say("ethics", "D1_rows", count=1) == "1 fila" and say("ethics", "D1_rows", count=3) == "3 filas"
        with speaking(None):
            assert spoken() == "es"  # None keeps the current language
    with speaking("fr"):
        assert spoken() == "en"  # a language without messages is English
    assert spoken() == "en"
