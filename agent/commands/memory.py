"""`dsagent memory ACTION DATA...`: the verified question -> SQL pairs of DATA's schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dsagent.commands._common import open_workspace
from dsagent.config import load_settings
from dsagent.errors import SqlRejected, UserError


def run(args: Any) -> int:
    from rich.console import Console

    from dsagent.memory.store import MemoryStore

    settings = load_settings(args)
    ws = open_workspace(args, settings)
    console = Console()
    try:
        store = MemoryStore.for_workspace(ws, settings.home)
        if args.action == "add":
            try:
                pair = store.add(ws, args.question, args.sql, "cli")
            except SqlRejected as exc:  # typed by a person: theirs to fix, exit 2
                raise UserError(f"not stored: {exc}") from None
            console.print(f"stored verified pair [bold]{pair.id}[/bold]")
        elif args.action == "list":
            pairs = store.pairs()
            if args.json:
                print(json.dumps([p.to_json() for p in pairs], ensure_ascii=False))
            else:
                _print_list(console, pairs, store)
        elif args.action == "show":
            pair = store.get(args.id)
            if args.json:
                print(json.dumps(pair.to_json(), ensure_ascii=False))
            else:
                from rich.syntax import Syntax

                console.print(f"[bold]{pair.id}[/bold] ({pair.source}, {pair.added})\n{pair.question}")
                console.print(Syntax(pair.sql, "sql", word_wrap=True, background_color="default"))
        elif args.action == "remove":
            pair = store.remove(args.id)
            console.print(f"removed {pair.id}: {pair.question}")
        elif args.action == "export":
            count = store.export_file(Path(args.file))
            console.print(f"wrote {count} pairs to {args.file}")
        elif args.action == "import":
            added, skipped = store.import_file(ws, Path(args.file))
            console.print(f"imported {added} pairs" + (f"; skipped {len(skipped)}:" if skipped else ""))
            for reason in skipped[:20]:
                console.print(f"  {reason}", markup=False)
            return 2 if skipped and not added else 0
    finally:
        ws.close()
    return 0


def _print_list(console: Any, pairs: list, store: Any) -> None:
    from rich.table import Table

    if not pairs:
        console.print(f"no verified pairs for this schema yet ({store.path})")
        return
    table = Table(box=None, pad_edge=False)
    for name in ("id", "question", "sql", "source"):
        table.add_column(name, overflow="fold")
    for p in pairs:
        table.add_row(p.id, p.question, " ".join(p.sql.split())[:80], p.source)
    console.print(table)
