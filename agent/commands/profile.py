"""`dsagent profile DATA... [--json]`: a data-quality overview of each table."""

from __future__ import annotations

import json
import sys
from typing import Any

from ._common import open_workspace


def run(args: Any) -> int:
    from ..config import load_settings
    from ..tools.base import ToolContext
    from ..tools.profile import ProfileArgs, profile_data

    settings = load_settings(args)
    ws = open_workspace(args, settings)
    try:
        result = profile_data(ws, ProfileArgs(), ToolContext(privacy=settings.privacy))
        if args.json:
            sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, default=str) + "\n")
            return 0
        from rich.console import Console

        from ..render import render_result

        render_result(result, Console())
        return 0
    finally:
        ws.close()
