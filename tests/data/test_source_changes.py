"""Sources that change during a chat: said once before the next answer, never answered silently.

Found by the red team: a truncated or deleted CSV kept answering from the old copy with no notice; a
Parquet replaced by one with another schema answered silently; a deleted Parquet gave a misleading
"Permission Error"; after a truncated Parquet, /tables said "internal error".
"""

from __future__ import annotations

import io
import os
import time

import duckdb

from dsagent.config import Settings
from dsagent.data.workspace import Workspace
from dsagent.session import Session


def _session(*paths):
    ws = Workspace.open([str(p) for p in paths])
    return ws, Session(ws, Settings(provider="offline"))


def _touch_later(path):
    later = time.time() + 5
    os.utime(path, (later, later))


def test_a_deleted_csv_answers_from_its_copy_and_says_so_once(tmp_path):
    path = tmp_path / "ships.csv"
    path.write_text("ship,tonnage\nA,10\nB,20\nC,30\n")
    ws, session = _session(path)
    try:
        path.unlink()
        first = session.ask("how many rows")
        assert first.result.rows == [[3]]
        assert first.narrative.startswith("ships.csv was deleted since it was loaded: table ships answers "
                                          "from the copy read then")
        second = session.ask("how many rows")
        assert "deleted" not in second.narrative
    finally:
        ws.close()


def test_a_truncated_csv_is_said_to_be_changed(tmp_path):
    path = tmp_path / "ships.csv"
    path.write_text("ship,tonnage\nA,10\nB,20\nC,30\n")
    ws, session = _session(path)
    try:
        path.write_text("ship,tonnage\nA,10\n")
        _touch_later(path)
        answer = session.ask("how many rows")
        assert answer.result.rows == [[3]] and "ships.csv changed since it was loaded" in answer.narrative
    finally:
        ws.close()


def test_a_parquet_replaced_with_another_schema_is_read_as_it_is_now(tmp_path):
    path = tmp_path / "sensors.parquet"
    duckdb.sql(f"COPY (SELECT 1 AS station, 2.5 AS reading) TO '{path}'")
    ws, session = _session(path)
    try:
        assert [c for c, _ in ws.columns("sensors")] == ["station", "reading"]
        duckdb.sql(f"COPY (SELECT 1 AS station, 7 AS humidity UNION ALL SELECT 2, 8) TO '{path}'")
        _touch_later(path)
        answer = session.ask("how many rows")
        assert "sensors.parquet changed since it was loaded: table sensors now reads it as it is" in answer.narrative
        assert answer.result.rows == [[2]]
        assert [c for c, _ in ws.columns("sensors")] == ["station", "humidity"]
    finally:
        ws.close()


def test_a_deleted_parquet_is_removed_with_one_line(tmp_path):
    keep, gone = tmp_path / "ships.csv", tmp_path / "sensors.parquet"
    keep.write_text("ship,tonnage\nA,10\n")
    duckdb.sql(f"COPY (SELECT 1 AS station) TO '{gone}'")
    ws, session = _session(keep, gone)
    try:
        gone.unlink()
        answer = session.ask("how many rows in ships")
        assert "sensors.parquet was deleted since it was loaded: table sensors is no longer available" in answer.narrative
        assert list(ws.tables) == ["ships"]
        assert "Permission" not in answer.narrative
    finally:
        ws.close()


def test_tables_after_a_truncated_parquet_names_it_instead_of_an_internal_error(tmp_path):
    from rich.console import Console

    from dsagent.chat.app import ChatApp

    path = tmp_path / "sensors.parquet"
    duckdb.sql(f"COPY (SELECT range AS station FROM range(1000)) TO '{path}'")
    keep = tmp_path / "ships.csv"
    keep.write_text("ship,tonnage\nA,10\n")
    ws, session = _session(keep, path)
    out = io.StringIO()
    app = ChatApp(session, ws, session.settings, Console(file=out, width=200), interactive=False)
    try:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        _touch_later(path)
        app.handle("/tables")
        shown = out.getvalue()
        assert "sensors.parquet changed since it was loaded and can no longer be read: table sensors is no longer available" in shown
        assert "internal error" not in shown and "sensors" not in list(ws.tables)
    finally:
        ws.close()


def test_a_spanish_question_hears_of_the_change_in_spanish(tmp_path):
    path = tmp_path / "barcos.csv"
    path.write_text("barco,tonelaje\nA,10\nB,20\nC,30\n")
    ws, session = _session(path)
    try:
        path.unlink()
        first = session.ask("cuántas filas hay")
        assert first.narrative.startswith("barcos.csv se borró después de cargarse: la tabla barcos responde "
                                          "con la copia leída entonces"), first.narrative
    finally:
        ws.close()
