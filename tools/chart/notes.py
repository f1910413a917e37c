"""The words the chart tool's notes are written with, in the answer's language (prompts/chart_notes.json).

The notes themselves are templates there ("Drew the bar chart the request asks for."); these name the
chart kinds and aggregates that fill them, so a Spanish note says "un diagrama de caja", not "a box".
"""

from __future__ import annotations

from dsagent.words.language import named


def kind_word(kind: str) -> str:
    """A chart kind as a note says it ("grouped bar", "gráfico de barras agrupadas")."""
    return named("chart_notes", "kinds", kind)


def aggregate_word(aggregate: str) -> str:
    """An aggregate as a note says it ("mean", "la media")."""
    return named("chart_notes", "aggregates", aggregate)
