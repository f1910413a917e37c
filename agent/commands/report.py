"""`dsagent report SESSION FILE`: an earlier chat as an HTML page or a notebook; `--list` shows the chats kept."""

from __future__ import annotations

from typing import Any

from dsagent.errors import UserError


def run(args: Any) -> int:
    from dsagent.report.record import list_sessions, load_session, sessions_dir

    if args.list:
        return _list(list_sessions(), sessions_dir())
    if not args.session or not args.file:
        raise UserError("usage: dsagent report SESSION FILE.html|FILE.ipynb (dsagent report --list shows sessions)")
    from dsagent.report.write import write_report

    path = write_report(load_session(args.session), args.file, force=bool(args.force))
    print(f"wrote {path}")
    return 0


def _list(sessions: list, root: Any) -> int:
    if not sessions:
        print(f"No sessions recorded yet ({root}).")
        return 0
    for record in sessions:
        first = record.turns[0]["question"] if record.turns else ""
        first = " ".join(str(first).split())
        first = first[:60] + ("…" if len(first) > 60 else "")
        tables = ", ".join(s.get("table", "") for s in record.meta.get("sources") or [])
        print(f"{record.id}  {record.meta.get('origin', 'chat'):<4}  {len(record.turns):>3} answers  "
              f"{tables[:40]}  {first}")
    return 0
