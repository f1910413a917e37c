"""The reviewer's findings as one rich panel under the answer, coloured by the worst severity.

Blocks first (red), then warns (yellow), then infos (dim). Each line: the check id, the message, the
number against its threshold, and what was done or what to do. Nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from dsagent.ethics.finding import statistic_named
from dsagent.render.context import phrase

_ORDER = {"block": 0, "warn": 1, "info": 2}
_STYLE = {"block": "bold red", "warn": "yellow", "info": "dim"}


def _get(f: Any, key: str, default: Any = None) -> Any:
    return f.get(key, default) if isinstance(f, dict) else getattr(f, key, default)


def _number(v: Any) -> str:
    from dsagent.render.values import number

    return number(v)


def render(findings: list, console: Any) -> None:
    """Draw `findings` (Finding objects or their dicts) as a panel; nothing when there are none."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    if not findings:
        return
    ordered = sorted(findings, key=lambda f: _ORDER.get(_get(f, "severity", "info"), 3))
    worst = _get(ordered[0], "severity", "info")
    lines = []
    width = max(len(phrase(f"severity_{s}")) for s in _ORDER)  # ids line up (BLOQUEO is longer than BLOCK)
    for f in ordered:
        severity = _get(f, "severity", "info")
        style = _STYLE.get(severity, "")
        line = Text()
        word = phrase(f"severity_{severity}") if severity in _ORDER else str(severity)
        line.append(f"{word:{width}} {_get(f, 'id', '')}  ", style=style)
        line.append(str(_get(f, "message", "")))
        value, threshold, statistic = _get(f, "value"), _get(f, "threshold"), _get(f, "statistic")
        if statistic and value is not None:
            bound = f" ({phrase('threshold')} {_number(threshold)})" if threshold is not None else ""
            line.append(f"\n      {statistic_named(statistic)}: {_number(value)}{bound}", style="dim")
        fix = _get(f, "fix")
        if fix and severity != "info":
            line.append(f"\n      → {fix}", style="italic")
        lines.append(line)
    counts = {s: sum(1 for f in findings if _get(f, "severity") == s) for s in ("block", "warn", "info")}
    title = phrase("review_title") + ": " + ", ".join(phrase(f"count_{s}", n=n) for s, n in counts.items() if n)
    border = {"block": "red", "warn": "yellow"}.get(worst, "grey50")
    console.print(Panel(Group(*lines), title=title, title_align="left", border_style=border, expand=False))
