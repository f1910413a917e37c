"""`dsagent schema DATA... [--json] [--prompt [QUESTION]]`: the schema card of each table."""

from __future__ import annotations

import sys
from typing import Any

from dsagent.commands._common import open_workspace, print_result


def run(args: Any) -> int:
    from dsagent.config import load_settings
    from dsagent.tools.schema.card import SchemaResult, get_schema_cards
    from dsagent.tools.schema.prompt import render_prompt

    settings = load_settings(args)
    ws = open_workspace(args, settings)
    try:
        cards = get_schema_cards(ws)
        if args.prompt is not None:
            text = render_prompt(cards, question=args.prompt or None, budget_tokens=args.budget,
                                 privacy=settings.privacy)
            sys.stdout.write(text + "\n")
            return 0
        result = SchemaResult(tables=[c.to_json() for c in cards])
        return print_result(result, args.json)
    finally:
        ws.close()
