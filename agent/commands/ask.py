"""`dsagent ask DATA... "question"`: answer one question (or run one typed SQL statement) and exit."""

from __future__ import annotations

import json
import sys
from typing import Any

from dsagent.answer import Answer
from dsagent.config import load_settings
from dsagent.errors import DsagentError
from dsagent.commands._common import open_workspace


def run(args: Any) -> int:
    try:
        settings = load_settings(args)
        ws = open_workspace(args, settings)
    except DsagentError as exc:
        if not args.json:
            raise
        return _emit_failure(args.question, exc, getattr(args, "provider", None) or "")
    try:
        from dsagent.session import Session

        session = Session(ws, settings)
        session.chart_first = bool(getattr(args, "chart", False))
        answer = session.ask(args.question, apply=bool(args.apply))
        notice = session._backend.notice if session._backend is not None else None
    finally:
        ws.close()
    if notice:
        print(f"dsagent: {notice}", file=sys.stderr)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, default=str))
        if answer.exit_code == 2 and answer.error:
            print(f"dsagent: error: {answer.error['message']}", file=sys.stderr)
        return answer.exit_code
    if answer.exit_code == 2 and answer.error:
        print(f"dsagent: error: {' '.join(answer.error['message'].split())}", file=sys.stderr)
        return 2
    from rich.console import Console

    from dsagent.render.answer import render_answer

    render_answer(answer, Console())
    return answer.exit_code


def _emit_failure(question: str, exc: DsagentError, provider: str) -> int:
    """With --json, a bad input still prints one JSON object (and the one line on stderr)."""
    answer = Answer.failed(question, provider, exc)
    print(json.dumps(answer.to_json(), ensure_ascii=False, default=str))
    print(f"dsagent: error: {exc}", file=sys.stderr)
    return exc.exit_code
