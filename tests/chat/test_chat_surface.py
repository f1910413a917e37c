"""Hints in chat name the chat's commands (/apply, /export), never ask's flags (--apply, -o)."""

from __future__ import annotations

from conftest import chat_app
from dsagent.config import Settings


def test_chat_hints_name_slash_commands(make_csv, open_ws, tmp_path):
    rows = [f"{i},{'rain' if i % 2 else 'sun'},{10 + i % 7}" for i in range(60)] + ["60,rain ,999", "61,Sun,12"]
    ws = open_ws(make_csv("sky.csv", "id,sky,temp\n" + "\n".join(rows) + "\n"))
    app, screen = chat_app(ws, Settings(provider="offline", output_dir=str(tmp_path / "out")))
    app.handle("clean the data")
    shown = screen.getvalue()
    assert "/apply" in shown and "--apply" not in shown
    app.handle("SELECT * FROM sky")
    shown = screen.getvalue()
    assert "showing first 20 and last 20 of 62 rows; /export FILE.csv" in " ".join(shown.split())
    assert "-o FILE" not in shown


def test_slash_commands_speak_the_language_of_the_last_question(make_csv, open_ws, tmp_path):
    rows = [f"{g},{v}" for g, n in (("norte", 30), ("este", 2)) for v in range(n)]
    ws = open_ws(make_csv("ventas.csv", "region,importe\n" + "\n".join(rows) + "\n"))
    app, screen = chat_app(ws, Settings(provider="offline", output_dir=str(tmp_path / "out")))
    app.handle("average importe by region")
    mark = len(screen.getvalue())
    app.handle("/review")
    assert "review:" in screen.getvalue()[mark:]
    app.handle("importe medio por region")
    mark = len(screen.getvalue())
    app.handle("/review")
    assert "revisión:" in screen.getvalue()[mark:]
