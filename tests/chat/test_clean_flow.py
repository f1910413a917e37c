"""Clean -> ask -> export -> undo in one chat (in-process): the cleaned version is what the next
question reads, what /export writes and what the scripts rebuild; the source stays reachable."""

from __future__ import annotations

from clean_helpers import write_weather

from conftest import chat_app
from dsagent.config import Settings


def _rows(screen, since: int) -> str:
    return screen.getvalue()[since:]


def test_clean_apply_ask_undo(tmp_path, open_ws):
    ws = open_ws(write_weather(tmp_path))
    out = tmp_path / "out"
    app, screen = chat_app(ws, Settings(provider="offline", output_dir=str(out)))
    app.handle("count by weather")
    assert app.state.last_table_result.row_count == 15  # the dirty spellings
    app.handle("clean the data")
    app.handle("/apply")
    assert sorted(p.name for p in out.iterdir()) == ["weather_v2_clean.py", "weather_v2_clean.sql"]  # scripts too
    app.handle("count by weather")
    answer = app.state.last_table_result
    assert answer.row_count == 5 and "FROM weather " in answer.query + " "
    assert [r[0] for r in answer.rows] == ["drizzle", "fog", "rain", "snow", "sun"]
    # the planner names the source version by its own name
    app.handle("count by weather in weather_v1")
    assert app.state.last_table_result.row_count == 15 and "weather_v1" in app.state.last_table_result.query
    mark = len(screen.getvalue())
    app.handle("/undo")
    assert "weather (the source) is current again" in _rows(screen, mark)
    app.handle("count by weather")
    assert app.state.last_table_result.row_count == 15


def test_export_after_apply_writes_the_cleaned_table(tmp_path, open_ws):
    import pandas as pd

    ws = open_ws(write_weather(tmp_path))
    app, screen = chat_app(ws, Settings(provider="offline", output_dir=str(tmp_path / "out")))
    app.handle("clean the data")
    app.handle("/apply")
    app.handle(f"/export {tmp_path / 'cleaned.parquet'}")
    assert "no table yet" not in screen.getvalue()
    df = pd.read_parquet(tmp_path / "cleaned.parquet")
    assert len(df) == 1461 and sorted(df["weather"].unique()) == ["drizzle", "fog", "rain", "snow", "sun"]
    assert int(df["temp_max"].isna().sum()) == 4 and df["wind"].max() == 11.5


def test_a_spanish_plan_confirmed_with_s_is_applied_in_spanish(tmp_path, open_ws):
    ws = open_ws(write_weather(tmp_path))
    app, screen = chat_app(ws, Settings(provider="offline", output_dir=str(tmp_path / "out")))
    app.interactive, app.confirm = True, lambda question: question.endswith("[s/N]")
    app.handle("limpia los datos")
    shown = screen.getvalue()
    assert "valores cambiados por columna" in shown and "Las preguntas leen ahora la tabla limpia" in shown
    assert "values changed per column" not in shown and "Questions now read" not in shown
