"""A chart is drawn in the request's language: title, subtitle, axis labels, the small-group mark and the
month names on a time axis (prompts/chart.json); English stays as it was."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dsagent.tools.base import ToolContext
from dsagent.tools.chart.style import time_label
from dsagent.tools.chart.titles import months
from dsagent.tools.chart.tool import ChartSpec, make_chart
from dsagent.words.language import speaking


@pytest.fixture
def ws(make_csv, open_ws):
    lines = ["date,region,revenue,age"]
    for i in range(400):
        region = "Tiny" if i < 5 else ["North", "South"][i % 2]
        lines.append(f"{date(2023, 1, 1) + timedelta(days=i)},{region},{1000 + i % 37},{18 + i % 50}")
    return open_ws(make_csv("sales.csv", "\n".join(lines) + "\n"))


def _chart(ws, tmp_path, lang, **spec):
    with speaking(lang):
        return make_chart(ws, ChartSpec(**spec), ToolContext(output_dir=tmp_path / lang))


def test_a_spanish_bar_chart_has_spanish_title_subtitle_axes_and_mark(ws, tmp_path):
    es = _chart(ws, tmp_path, "es", kind="bar", x="region", y="revenue", aggregate="mean")
    assert es.title == "Media de revenue por region"
    assert es.draw["y_label"] == "Media de revenue"
    assert es.draw["subtitle"].startswith("date del 2023-01-01 al 2024-02-04 · 400 filas de sales")
    assert "barras rayadas: menos de 20 filas detrás del valor" in es.draw["subtitle"]
    assert es.path.endswith("media-de-revenue-por-region.png")
    en = _chart(ws, tmp_path, "en", kind="bar", x="region", y="revenue", aggregate="mean")
    assert en.title == "Average revenue by region" and en.draw["y_label"] == "Average revenue"
    assert en.draw["subtitle"] == ("date 2023-01-01 to 2024-02-04 · 400 rows of sales · hatched: fewer than 20 rows "
                                   "behind the value")


@pytest.mark.parametrize("spec,es_title,en_title", [
    (dict(kind="histogram", x="age"), "Distribución de age", "Distribution of age"),
    (dict(kind="line", x="date", y="revenue", aggregate="sum"), "Total de revenue por mes", "Total revenue per month"),
    (dict(kind="pie", x="region"), "Proporción de sales por region", "Share of sales by region"),  # rows: the table's name
    (dict(kind="scatter", x="age", y="revenue"), "revenue frente a age", "revenue vs age"),
])
def test_each_kind_is_titled_in_the_request_language(ws, tmp_path, spec, es_title, en_title):
    es, en = _chart(ws, tmp_path, "es", **spec), _chart(ws, tmp_path, "en", **spec)
    assert es.title.lower() == es_title.lower() and en.title.lower() == en_title.lower()
    if spec["kind"] == "histogram":
        assert es.draw["y_label"] == "Número de sales" and en.draw["y_label"] == "Number of sales"
    if spec["kind"] == "line":
        assert es.draw["x_label"] == "date (mes)" and en.draw["x_label"] == "date (month)"
        assert es.draw["subtitle"].startswith("date del 2023-01-01 al 2024-02-04")


def test_month_names_follow_the_language():
    assert time_label(date(2023, 4, 1), "month") == "Apr 2023"
    with speaking("es"):
        assert time_label(date(2023, 4, 1), "month") == "abr 2023"
        assert months("Jan 2024 · Dec") == "ene 2024 · dic" and months("Sales") == "Sales"


def test_the_notes_of_a_chart_speak_the_requests_language(ws, tmp_path):
    # the data end on 2024-02-04: the last month is partial; a histogram of a category is drawn as bars
    es = _chart(ws, tmp_path, "es", kind="line", x="date", y="revenue", aggregate="sum")
    assert any(n.startswith("Periodo incompleto: el último periodo (mes, datos hasta el 2024-02-04)") for n in es.notes)
    en = _chart(ws, tmp_path, "en", kind="line", x="date", y="revenue", aggregate="sum")
    assert any(n.startswith("Partial period: the last month (data up to 2024-02-04) covers fewer days") for n in en.notes)
    es = _chart(ws, tmp_path, "es", kind="histogram", x="region")
    assert "'region' es categórica: se ha dibujado un gráfico de barras de recuentos en lugar de un histograma." \
        in es.notes
    en = _chart(ws, tmp_path, "en", kind="histogram", x="region")
    assert "'region' is categorical: drew a bar chart of counts instead of a histogram." in en.notes


def test_the_words_inside_a_note_are_spanish_too(ws, tmp_path):
    es = _chart(ws, tmp_path, "es", kind="pie", x="region", y="revenue", aggregate="mean")
    note = next(n for n in es.notes if "circular" in n)
    assert "la media" in note and "mean" not in note
    en = _chart(ws, tmp_path, "en", kind="pie", x="region", y="revenue", aggregate="mean")
    assert "A pie shows parts of a whole; a mean is not one: drew a bar chart." in en.notes


def test_a_pie_of_thin_slices_names_them_in_a_legend_and_a_missing_part_in_the_language(make_csv, open_ws, tmp_path):
    # a kind recorded only for some rows: most rows have none, and three kinds are thin slices side by side
    kinds = ["traffic"] * 12 + ["breakdown"] * 6 + ["passenger"] * 4 + [""] * 178
    ws = open_ws(make_csv("trips.csv", "trip,kind\n" + "".join(f"{i},{k}\n" for i, k in enumerate(kinds))))
    es = _chart(ws, tmp_path, "es", kind="pie", x="kind")
    assert es.draw["legend"] == ["(sin valor) (89%)", "traffic (6%)", "breakdown (3%)", "passenger (2%)"]
    assert "(sin valor)" in es.preview["labels"] and "(missing)" not in es.preview["labels"]
    en = _chart(ws, tmp_path, "en", kind="pie", x="kind")
    assert en.draw["legend"][0] == "(missing) (89%)"
    wide = _chart(ws, tmp_path, "en", kind="pie", x="kind", where="kind IS NOT NULL")  # three wide slices
    assert "legend" not in wide.draw
