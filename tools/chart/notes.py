"""The words that fill the chart's texts, in the answer's language.

The notes themselves are templates in prompts/chart_notes.json ("Drew the bar chart the request asks
for."); these name the chart kinds, aggregates and time grains that fill them (and, for grains, the
titles of titles.py), so a Spanish note says "un diagrama de caja", not "a box". A module of its own:
titles.py reads the chart's SQL bounds, which read the lint, which reads intent.py, which writes notes.
"""

from __future__ import annotations

from dsagent.words.language import named


def kind_word(kind: str) -> str:
    """A chart kind as a note says it ("grouped bar", "gráfico de barras agrupadas")."""
    return named("chart_notes", "kinds", kind)


def aggregate_word(aggregate: str) -> str:
    """An aggregate as a note says it ("mean", "la media")."""
    return named("chart_notes", "aggregates", aggregate)


def grain_word(grain: str) -> str:
    """A time grain as the chart says it ("month", "mes"): prompts/chart.json's 'grains'."""
    return named("chart", "grains", grain)
