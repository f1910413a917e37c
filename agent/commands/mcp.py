"""`dsagent mcp DATA...`: serve the agent's tools to an MCP client over stdio."""

from __future__ import annotations

import sys
from typing import Any

from dsagent.commands._common import open_workspace
from dsagent.config import load_settings


def run(args: Any) -> int:
    from dsagent.mcp.server import serve
    from dsagent.session import Session

    settings = load_settings(args)
    ws = open_workspace(args, settings)
    try:
        session = Session(ws, settings)
        from dsagent.report.record import Recorder

        session.recorder = Recorder(ws, settings, "mcp")  # `dsagent report` can write this session too
        tables = ", ".join(ws.tables) or "none"
        # stdout is the protocol's; what a person may want to read goes to stderr (clients log it)
        print(f"dsagent mcp: serving tables {tables} over stdio; privacy {settings.privacy}", file=sys.stderr)
        return serve(session)
    finally:
        ws.close()
