"""ChatApp in process (no terminal): what the status line shows while a tool runs."""

from __future__ import annotations

import io
from types import SimpleNamespace

from conftest import EXAMPLES


def test_tool_progress_reaches_the_status_line(open_ws):
    from rich.console import Console

    from dsagent.chat.app import ChatApp
    from dsagent.config import Settings
    from dsagent.session import Session

    ws = open_ws(EXAMPLES / "passengers.csv")
    settings = Settings(provider="offline")
    session = Session(ws, settings)
    app = ChatApp(session, ws, settings, Console(file=io.StringIO(), width=200), interactive=False)
    shown: list[str] = []
    app._status = SimpleNamespace(update=lambda line: shown.append(line.label))  # what rich's status gets
    app.ask("profile the data")
    assert any(label.startswith("profiling passengers") for label in shown), shown
