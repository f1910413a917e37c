"""`dsagent log [-n N] [--json]`: what was recently sent to which model, and reviewer overrides."""

from __future__ import annotations

import json
from typing import Any

from dsagent.llm import audit


def run(args: Any) -> int:
    entries = audit.recent(int(args.n))
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, default=str))
        return 0
    from rich.markup import escape

    from dsagent.render.console import make_console

    console = make_console()
    if not entries:
        console.print(f"No audit entries yet ({audit.log_path()}).")
        return 0
    for e in entries:
        if e.get("kind") == "override":
            console.print(f"[bold]{e.get('time')}[/bold] override --allow {' '.join(e.get('allow', []))} "
                          f"(overrode {', '.join(e.get('overrode', []))}) for: {e.get('question', '')}",
                          markup=True, highlight=False)
            continue
        if e.get("kind") == "mcp_call":
            args = " ".join(json.dumps(e.get("arguments") or {}, ensure_ascii=False, default=str).split())
            end = f" [red]{escape(str(e['error']))}[/red]" if e.get("error") else ""
            console.print(f"[bold]{e.get('time')}[/bold] mcp {escape(str(e.get('tool')))} {escape(args[:300])} — {e.get('seconds', 0)} s{end}",
                          highlight=False)
            continue
        head = (f"[bold]{e.get('time')}[/bold] {e.get('provider')} {e.get('model') or ''} "
                f"{e.get('base_url') or ''} — {e.get('prompt_tokens', 0)}+{e.get('completion_tokens', 0)} tokens, "
                f"{e.get('seconds', 0)} s" + (f" [red]{e['error']}[/red]" if e.get("error") else ""))
        console.print(head, highlight=False)
        for m in e.get("messages", []):
            text = m.get("content") or ""
            if m.get("tool_calls"):
                text += " " + json.dumps(m["tool_calls"], ensure_ascii=False)
            text = " ".join(str(text).split())
            console.print(f"  {m.get('role')}: {text[:300]}{'…' if len(text) > 300 else ''}", markup=False,
                          highlight=False)
    console.print(f"[dim]{audit.log_path()}[/dim]")
    return 0
