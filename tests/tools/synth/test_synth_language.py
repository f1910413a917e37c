"""The synthetic-data report speaks the request's language: the panel (agent/render/synthetic.py) and
the tool's notes and reasons (prompts/synth.json); English stays as it was."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dsagent.render.console import SafeConsole
from dsagent.render.context import rendering
from dsagent.render.synthetic import render
from dsagent.tools.base import ToolContext, get_tool
from dsagent.words.language import speaking


def _ws(open_ws, tmp_path, daily=False):
    rng = np.random.default_rng(1)
    n = 400
    x = rng.normal(size=n)
    df = pd.DataFrame({"edad": np.clip(40 + 10 * x, 18, 90).round().astype(int),
                       "ingresos": 50_000 + 8_000 * x + 3_000 * rng.normal(size=n),
                       "zona": rng.choice(["norte", "sur"], n),
                       "nota": [f"texto libre {i}" for i in range(n)]})
    if daily:
        df["fecha"] = pd.date_range("2020-01-01", periods=n, freq="D")
        df["ingresos"] = 100 + np.cumsum(rng.normal(size=n))
    path = tmp_path / "t.csv"
    df.to_csv(path, index=False)
    return open_ws(path)


def _panel(result, lang):
    console = SafeConsole(record=True, width=240)
    with rendering(lang=lang):
        render(result, console)
    return console.export_text()


def test_a_spanish_request_gets_a_spanish_report(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path)
    with speaking("es"):
        result = get_tool("synthesize").run(ws, {"n_rows": 200}, ToolContext())
    assert result.excluded[0]["reason"].startswith("texto libre o identificadores")
    text = _panel(result, "es")
    for words in ("filas sintéticas que imitan", "primeras filas", "fidelidad de cada columna", "privacidad:",
                  "puntuación de calidad", "la parte más débil", "sin sintetizar: nota"):
        assert words in text, words
    for english in ("synthetic rows imitating", "first rows", "privacy:", "quality score", "not synthesised"):
        assert english not in text, english


def test_english_report_is_unchanged(open_ws, tmp_path):
    result = get_tool("synthesize").run(_ws(open_ws, tmp_path), {"n_rows": 200}, ToolContext())
    assert result.excluded[0]["reason"] == ("free text or identifiers (names, e-mails, codes): not synthesised, "
                                            "so that no real value is copied")
    text = _panel(result, "en")
    assert "synthetic rows imitating t (Gaussian copula fitted on 400 rows). A new table: the source is unchanged." \
        in " ".join(text.split())
    assert "quality score" in text and "the weakest part:" in text


def test_the_time_series_note_in_spanish(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, daily=True)
    with speaking("es"):
        result = get_tool("synthesize").run(ws, {"n_rows": 200}, ToolContext())
    note = next(n for n in result.notes if n.startswith("Esta tabla es una serie"))
    assert "La cópula gaussiana" in note and "Lo que la conserva: un bootstrap por bloques" in note
    assert "estructura temporal" in _panel(result, "es")


def test_the_privacy_line_says_one_row_and_one_copy():
    from types import SimpleNamespace

    result = SimpleNamespace(table="s", source_table="t", row_count=10, fitted_rows=10, columns=["a"], rows=[],
                             fidelity={}, balance=None, combined_table=None, excluded=[], notes=[], export_path=None,
                             privacy={"exact_copies_dropped": 1, "too_close_dropped": 1, "threshold": 0.05,
                                      "dcr_min": 0.1, "dcr_p05": 0.2, "dcr_median": 0.3})
    english = " ".join(_panel(result, "en").split())
    assert "privacy: 1 exact copy of a real row and 1 row closer than 0.05 to a real record were dropped" in english
    spanish = " ".join(_panel(result, "es").split())
    assert "1 copia exacta de una fila real y 1 fila a menos de 0.05 de un registro real" in spanish
