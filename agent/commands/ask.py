"""`dsagent ask DATA... "question"`: answer one question (or run one typed SQL statement) and exit."""

from __future__ import annotations

import json
import sys
from typing import Any

from dsagent.answer import Answer
from dsagent.config import load_settings
from dsagent.render.visible import visible
from dsagent.errors import DsagentError
from dsagent.commands._common import notice_once, open_workspace, require_question


def run(args: Any) -> int:
    output = getattr(args, "output", None)
    try:
        require_question(args.question)
        target = _check_output(output) if output else None
        settings = load_settings(args)
        ws = open_workspace(args, settings)
    except DsagentError as exc:
        if not args.json:
            raise
        return _emit_failure(args.question, exc, getattr(args, "provider", None) or "")
    written = None
    try:
        from dsagent.session import Session

        session = Session(ws, settings)
        session.chart_first = bool(getattr(args, "chart", False))
        answer = session.ask(args.question, apply=bool(args.apply))
        notice = session._backend.notice if session._backend is not None else None
        if target is not None and answer.exit_code == 0:
            written = _write_output(ws, answer, target, bool(getattr(args, "raw", False)), args.question)
    except DsagentError as exc:
        if not args.json:
            raise
        return _emit_failure(args.question, exc, getattr(args, "provider", None) or "")
    finally:
        ws.close()
    if notice_once(notice):
        print(f"dsagent: {notice}", file=sys.stderr)
    if written is not None:
        print(f"dsagent: wrote {written}", file=sys.stderr)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, default=str))
        if answer.exit_code == 2 and answer.error:
            print(f"dsagent: error: {visible(' '.join(str(answer.error['message']).split()))}", file=sys.stderr)
        return answer.exit_code
    if answer.exit_code == 2 and answer.error:
        print(f"dsagent: error: {visible(' '.join(str(answer.error['message']).split()))}", file=sys.stderr)
        return 2
    from dsagent.render.console import make_console

    from dsagent.render.answer import render_answer

    render_answer(answer, make_console())
    return answer.exit_code


def _check_output(output: str):
    """The -o target, refused before any work: an unknown extension, a folder, an existing file."""
    from pathlib import Path

    from dsagent.data.export import export_format
    from dsagent.errors import UserError

    target = Path(output).expanduser()
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name to -o")
    export_format(target, None)
    if target.exists():
        raise UserError(f"{target} already exists; choose another name for -o (an existing file is never replaced)")
    return target


def _write_output(ws: Any, answer: Answer, target, raw: bool, question: str):
    """Write the answer's data to `target`; values the reviewer withheld only with --raw."""
    from dsagent.errors import UserError
    from dsagent.export_answer import export_result, has_data, withheld

    result = answer.result
    if answer.withheld or result is None or not has_data(result):
        raise UserError("-o: the answer has no table to write" + (" (the reviewer withheld it)" if answer.withheld else ""))
    hidden = withheld(result)
    if hidden and not raw:
        raise UserError(f"-o: not written: the reviewer hid or masked values of the answer ({', '.join(hidden)}) "
                        "and the file would hold them as stored; add --raw to write them anyway (logged)")
    path = export_result(ws, result, target)
    if hidden:
        from dsagent.llm.audit import log_override

        log_override(hidden, f"{question} -o {target} --raw", hidden)
    return path


def _emit_failure(question: str, exc: DsagentError, provider: str) -> int:
    """With --json, a bad input still prints one JSON object (and the one line on stderr)."""
    answer = Answer.failed(question, provider, exc)
    print(json.dumps(answer.to_json(), ensure_ascii=False, default=str))
    print(f"dsagent: error: {exc}", file=sys.stderr)
    return exc.exit_code
