"""`dsagent chat DATA...`: an interactive conversation (or a piped script of questions)."""

from __future__ import annotations

from typing import Any

from dsagent.config import load_settings
from dsagent.commands._common import open_workspace


def run(args: Any) -> int:
    from dsagent.chat.app import run_chat
    from dsagent.session import Session

    settings = load_settings(args)
    ws = open_workspace(args, settings)
    try:
        session = Session(ws, settings)
        session.chart_first = bool(getattr(args, "chart", False))  # as /chart on
        from dsagent.report.record import Recorder

        session.recorder = Recorder(ws, settings, "chat")  # for /report, and `dsagent report` later
        return run_chat(session, ws, settings)
    finally:
        ws.close()
