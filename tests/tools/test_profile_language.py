"""The data-quality profile speaks the request's language (prompts/profile.json), with singular forms
in both languages ("1 duplicate row", "1 fila duplicada")."""

from __future__ import annotations

from dsagent.render.console import SafeConsole
from dsagent.render.context import rendering
from dsagent.render.profile import render
from dsagent.tools.base import ToolContext, get_tool
from dsagent.words.language import speaking


def _ws(make_csv, open_ws):
    rows = ["id,ciudad,importe"] + [f"{i},{'Lima' if i % 2 else 'Quito'},{'' if i == 3 else i * 10}" for i in range(1, 30)]
    rows.append(rows[-1])  # one duplicate row
    return open_ws(make_csv("t.csv", "\n".join(rows) + "\n"))


def _profile(ws):
    return get_tool("profile_data").run(ws, {}, ToolContext())


def test_a_spanish_request_gets_a_spanish_profile(make_csv, open_ws):
    ws = _ws(make_csv, open_ws)
    with speaking("es"):
        result = _profile(ws)
    issues = result.tables[0]["issues"]
    assert "1 fila duplicada" in issues and any(i.startswith("importe: falta el") for i in issues), issues
    console = SafeConsole(record=True, width=200)
    with rendering(lang="es"):
        render(result, console)
    text = console.export_text()
    assert "Valores ausentes" in text and "30 filas · 3 columnas" in text and "Missing values" not in text


def test_english_profile_says_one_duplicate_row(make_csv, open_ws):
    issues = _profile(_ws(make_csv, open_ws)).tables[0]["issues"]
    assert "1 duplicate row" in issues and "importe: 3.3% missing" in issues, issues
