"""The chart's notes speak the request's language (prompts/chart_notes.json), with the words of the code
(chart kinds, aggregates, grains) said in it too; English stays as it was. The terminal labels around
them (note:, chart:, data:, spec:) follow the answer's language as well."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta
from typing import get_args

import pytest
from rich.console import Console

from dsagent.render.answer import render_result
from dsagent.render.context import rendering
from dsagent.tools.base import ToolContext
from dsagent.tools.chart.tool import Aggregate, ChartKind, ChartSpec, make_chart
from dsagent.words.data import read_json
from dsagent.words.language import speaking

NOTES = read_json("chart_notes.json")


def _forms(entry) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_english_and_spanish_tables_have_the_same_notes_and_placeholders():
    en, es = NOTES["en"], NOTES["es"]
    assert set(en) == set(es)
    for key in en:
        # a one/other entry may add {count}; every form must take the same values as the English note
        wanted = _fields(_forms(en[key])[0]) - {"count"}
        for template in _forms(en[key]) + _forms(es[key]):
            assert _fields(template) - {"count"} == wanted, (key, template)
            template.format(**{name: "v" for name in wanted | {"count"}})  # formats without a KeyError


def test_every_chart_kind_and_aggregate_has_a_spanish_word():
    assert set(NOTES["kinds"]["es"]) == set(get_args(ChartKind))
    assert set(NOTES["aggregates"]["es"]) == set(get_args(Aggregate)) - {"none"}


@pytest.fixture
def ws(make_csv, open_ws):
    """Two years of daily sales ending on 2024-12-30 (December is short of a day), 30 products, and a
    region 'Tiny' of 8 rows."""
    rng = random.Random(7)
    lines = ["date,region,product,revenue,units"]
    for i in range(730):
        region = "Tiny" if i < 8 else ["North", "South", "East", "West"][i % 4]
        lines.append(f"{date(2023, 1, 1) + timedelta(days=i)},{region},product_{rng.randrange(30):02d},"
                     f"{1000 + rng.random() * 500:.2f},{rng.randrange(1, 40)}")
    return open_ws(make_csv("sales.csv", "\n".join(lines) + "\n"))


def _chart(ws, tmp_path, lang, **spec):
    with speaking(lang):
        return make_chart(ws, ChartSpec(**spec), ToolContext(output_dir=tmp_path / lang))


def test_a_monthly_line_has_spanish_notes_and_english_keeps_them(ws, tmp_path):
    spec = dict(kind="line", x="date", y="revenue", sort="y_desc")
    es, en = _chart(ws, tmp_path, "es", **spec), _chart(ws, tmp_path, "en", **spec)
    assert es.notes == [
        "El tiempo en el eje x se mantiene en orden cronológico (se ha ignorado el orden pedido).",
        "Periodo incompleto: el último periodo (mes, datos hasta el 2024-12-30) cubre menos días, "
        "así que su total es menor.",
    ]
    assert en.notes == [
        "Time on x is kept in time order (the requested sort was ignored).",
        "Partial period: the last month (data up to 2024-12-30) covers fewer days, so its total is lower.",
    ]


def test_top_n_small_groups_and_log_scale_are_said_in_spanish(ws, tmp_path):
    es = _chart(ws, tmp_path, "es", kind="bar", x="product", y="units", aggregate="sum", log_y=True)
    assert "Escala logarítmica desactivada: en un gráfico de barras, la longitud tiene que empezar en cero (D3)." \
        in es.notes
    assert "'product' tiene 30 valores: se muestran los 19 primeros y el resto como 'Otros (11 más)'." in es.notes
    en = _chart(ws, tmp_path, "en", kind="bar", x="product", y="units", aggregate="sum", log_y=True)
    assert "Log scale switched off: the length of a bar must start at zero (D3)." in en.notes
    assert "'product' has 30 values: showing the top 19 and the rest as 'Other (11 more)'." in en.notes
    small = _chart(ws, tmp_path, "es", kind="bar", x="region", y="revenue", aggregate="mean")
    assert "1 grupo tiene menos de 20 filas y está rayado: Tiny (D1)." in small.notes


def test_a_spanish_aggregate_and_kind_inside_a_note(ws, tmp_path):
    es = _chart(ws, tmp_path, "es", kind="histogram", x="revenue", aggregate="mean")
    assert es.notes[0] == "No se aplica la media: un histograma muestra la distribución de los valores."
    en = _chart(ws, tmp_path, "en", kind="histogram", x="revenue", aggregate="mean")
    assert en.notes[0] == "Aggregate 'mean' ignored: a histogram shows the distribution of values."


@pytest.mark.parametrize("lang,labels", [("es", ("nota: ", "gráfico: ", "datos: ", "especificación: ")),
                                         ("en", ("note: ", "chart: ", "data: ", "spec: "))])
def test_the_terminal_labels_follow_the_answer_language(ws, tmp_path, lang, labels):
    result = _chart(ws, tmp_path, lang, kind="line", x="date", y="revenue")
    console = Console(record=True, width=400, color_system=None)  # paths under pytest stay on one line
    with rendering(lang=lang):
        render_result(result, console)
    text = console.export_text()
    note, chart, data, spec = labels
    assert f"{note}{result.notes[0]}" in text
    assert f"{chart}{result.path}" in text and f"{data}{result.data_path}" in text
    assert f"{spec}{result.spec_path}" in text
