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


def render_findings(findings: list, console: Any) -> None:
    """The reviewer's findings as a panel under the answer (drawn by `render_findings.py` when present)."""
    if not findings:
        return
    try:
        module = importlib.import_module("dsagent.render_findings")
    except ModuleNotFoundError as exc:
        if exc.name != "dsagent.render_findings":
            raise
        for f in findings:
            console.print(f"[{getattr(f, 'severity', 'info')}] {getattr(f, 'id', '')}: {getattr(f, 'message', f)}")
        return
    module.render(findings, console)


def render_answer(answer: Any, console: Any) -> None:
    """One answer as a person sees it: the result, the narrative, then the reviewer's findings.

    Used by `dsagent ask` (without --json) and by `dsagent chat`, so both look the same.
    """
    error = getattr(answer, "error", None)
    result = getattr(answer, "result", None)
    if result is not None:
        render_result(result, console)
    narrative = getattr(answer, "narrative", None) or getattr(answer, "answer", None)
    shown_text = getattr(result, "text", None) if getattr(result, "kind", None) == "text" else None
    if narrative and not isinstance(narrative, (dict, list)) and narrative.strip() != (shown_text or "").strip():
        console.print(narrative)
    # A planner that answered in words ("not understood, try ...") has said all there is to say;
    # the error record is for --json and the exit code.
    said_in_words = isinstance(error, dict) and error.get("type") == "not_answered" and shown_text
    if error and not said_in_words:
        message = error.get("message") if isinstance(error, dict) else str(error)
        console.print(f"[red]could not answer:[/red] {message}")
    render_findings(list(getattr(answer, "review", None) or []), console)
