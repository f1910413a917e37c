"""Helpers the subcommands share: opening the workspace from flags and settings."""

from __future__ import annotations

from typing import Any

from dsagent.config import Settings, load_settings


def require_question(question: Any) -> str:
    """The question of `ask` or `sql`: an empty one is a usage error (exit 2), not a failed answer."""
    from dsagent.errors import UserError

    text = question if isinstance(question, str) else ""
    if not text.strip():
        raise UserError("the question is empty: ask in plain language, or give one SELECT statement")
    return text


def open_workspace(args: Any, settings: Settings | None = None):
    """Open the Workspace over `args.data` with the limits from flags, environment and config."""
    from dsagent.data.workspace import Workspace

    from dsagent.engines.select import split_tables_flag

    s = settings or load_settings(args)
    return Workspace.open(list(args.data), tables=split_tables_flag(getattr(args, "tables", None)),
                          memory_limit=s.memory_limit, threads=s.threads,
                          timeout_s=float(s.timeout), max_rows=int(s.max_rows))


def print_result(result: Any, as_json: bool) -> int:
    """A tool result on stdout: its JSON object with --json, else the rich rendering."""
    if as_json:
        import json
        import sys

        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, default=str) + "\n")
        return 0
    from dsagent.render.console import make_console

    from dsagent.render.answer import render_result

    render_result(result, make_console())
    return 0


def notice_once(notice: str | None) -> str | None:
    """`notice` the first time this dsagent home sees it, else None (remembered in notices.json).

    The offline planner's notice helps once; on every run it is noise a person learns to skip. A
    home that cannot be written to shows it every time rather than never.
    """
    if not notice:
        return None
    import json
    import os
    import time

    from dsagent.config import state_dir

    path = state_dir() / "notices.json"
    try:
        seen = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        seen = {}
    if not isinstance(seen, dict):
        seen = {}
    if notice in seen:
        return None
    seen[notice] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(json.dumps(seen, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass
    return notice
