"""`/log` in chat shows this chat's audit entries by default; `/log all` every chat's."""

from __future__ import annotations

from conftest import FIXTURES, chat_app
from dsagent.config import Settings
from dsagent.llm import audit

PEOPLE = FIXTURES / "agent" / "people.csv"


def test_log_shows_this_chats_entries(open_ws):
    from dsagent.report.record import Recorder
    from dsagent.session import Session

    ws = open_ws(PEOPLE)
    audit.tag_session("an-earlier-chat")
    audit.log_override(["A1"], "a question of an earlier chat", ["A1"])
    settings = Settings(provider="offline")
    session = Session(ws, settings)
    session.recorder = Recorder(ws, settings, "chat")
    try:
        app, screen = chat_app(ws, settings, session=session)
        app.handle("/log")
        assert "nothing sent to any model in this chat yet" in screen.getvalue()
        assert "a question of an earlier chat" not in screen.getvalue()
        audit.log_override(["D1"], "average sales by region", ["D1"])
        app.handle("/log")
        shown = screen.getvalue()
        assert "average sales by region" in shown and "a question of an earlier chat" not in shown
        assert "/log all" in shown
        app.handle("/log all")
        assert "a question of an earlier chat" in screen.getvalue()
        assert audit.recent(10, session=session.recorder.id)[0]["question"] == "average sales by region"
    finally:
        audit.tag_session(None)
