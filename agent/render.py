"""Terminal rendering of typed results with rich. Computing never happens here.

Each result kind has a renderer `render(result, console)` in `dsagent.render_<kind>` (for example
`render_table.py`, `render_chart.py`), found by name; a kind without one is shown as its summary.
"""

from __future__ import annotations

import importlib
from typing import Any


def render_result(result: Any, console: Any) -> None:
    """Draw one typed result on a rich Console."""
    try:
        module = importlib.import_module(f"dsagent.render_{result.kind}")
    except ModuleNotFoundError as exc:
        if exc.name != f"dsagent.render_{result.kind}":
            raise
        console.print(result.summary())
        return
    module.render(result, console)
