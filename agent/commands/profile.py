"""`dsagent profile DATA... [--json]`: a data-quality overview of each table."""

from __future__ import annotations

from typing import Any

from dsagent.commands._common import open_workspace, print_result


def run(args: Any) -> int:
    from dsagent.config import load_settings
    from dsagent.tools.base import ToolContext
    from dsagent.tools.profile import ProfileArgs, profile_data

    settings = load_settings(args)
    ws = open_workspace(args, settings)
    try:
        result = profile_data(ws, ProfileArgs(), ToolContext(privacy=settings.privacy))
        return print_result(result, args.json)
    finally:
        ws.close()
