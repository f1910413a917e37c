"""The cleaning plan speaks the request's language, and counts agree with their nouns in both
languages ("1 value has", never "1 values have"). The texts are data in prompts/clean.json."""

from __future__ import annotations

from clean_helpers import write_dirty

from dsagent.render.clean import render
from dsagent.render.console import SafeConsole
from dsagent.render.context import rendering
from dsagent.tools.base import ToolContext, get_tool
from dsagent.words.language import speaking


def _plan(ws, **args):
    return get_tool("clean_data").run(ws, args, ToolContext())


def _reasons(result) -> list[str]:
    return [s.reason for s in [*result.plan, *result.options]] + list(result.notes)


def test_a_spanish_request_gets_a_spanish_plan(tmp_path, open_ws):
    path, *_ = write_dirty(tmp_path)
    ws = open_ws(path)
    english = _reasons(_plan(ws))
    with speaking("es"):
        result = _plan(ws)
    spanish = _reasons(result)
    assert len(spanish) == len(english)
    assert any("filas son copias exactas de una fila anterior" in r for r in spanish)
    assert any(r.startswith("números guardados como texto") for r in spanish)
    assert any("se conservan" in r and "valores ausentes" in r for r in spanish)
    assert not any(w in r for r in spanish for w in (" rows ", " values ", "missing"))
    assert any("rows are exact copies of an earlier row" in r for r in english)  # English as before
    console = SafeConsole(record=True, width=200)
    with rendering(lang="es", surface="ask"):
        render(result, console)
    text = console.export_text()
    assert "Plan de limpieza" in text and "valores ausentes" in text and "missing values" not in text


def test_one_value_is_singular_in_both_languages(make_csv, open_ws):
    rows = ["id,city,score"] + [f"{i},{'  Lima' if i == 3 else 'Lima'},{i % 7}" for i in range(1, 40)]
    rows[5] = "5,Lima,"  # one missing value
    ws = open_ws(make_csv("one.csv", "\n".join(rows) + "\n"))
    result = _plan(ws)
    trim = [s.reason for s in result.plan if s.step == "trim"]
    assert trim == ["1 value has spaces before or after the text, or doubled inside"]
    assert "score: 1 missing value kept: filling it is an option (nothing is guessed unless asked)" in result.notes
    with speaking("es"):
        result = _plan(ws)
    assert [s.reason for s in result.plan if s.step == "trim"] == [
        "1 valor tiene espacios antes o después del texto, o dobles en medio"]
    assert any(n.startswith("score: se conserva 1 valor ausente") for n in result.notes)
