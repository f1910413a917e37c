"""A Spanish request that is not fully understood says, in Spanish, what was understood."""

from __future__ import annotations

from dsagent.offline.respond import not_understood


def test_what_was_understood_is_said_in_spanish():
    text = not_understood("es", ["count of rows", "avg of fare", "share of rows by sex", "Price Of Cars"], ["niños"],
                          [], [])
    assert "Entendí: recuento de filas; media de fare; proporción de filas por sex; Price Of Cars." in text
    assert "count of rows" not in text


def test_english_stays_english():
    text = not_understood("en", ["count of rows"], ["kids"], [], [])
    assert "Understood: count of rows." in text
