"""Terminal rendering of typed results with rich. Computing never happens here.

`RENDERERS` maps a result kind to the function that draws it; a kind without one (such as `text`)
is shown as its summary.
"""

from __future__ import annotations

from typing import Any, Callable

from rich.markup import escape

from dsagent.render import chart, clean, findings, guide, model, profile, schema, synthetic, table
from dsagent.render.context import rendering

RENDERERS: dict[str, Callable[[Any, Any], None]] = {
    "table": table.render,
    "chart": chart.render,
    "clean": clean.render,
    "guide": guide.render,
    "model": model.render,
    "profile": profile.render,
    "schema": schema.render,
    "synthetic": synthetic.render,
}


def render_result(result: Any, console: Any) -> None:
    """Draw one typed result on a rich Console."""
    renderer = RENDERERS.get(result.kind)
    if renderer is None:
        console.print(result.summary(), markup=False)
        return
    renderer(result, console)


def render_findings(found: list, console: Any) -> None:
    """The reviewer's findings as a panel under the answer."""
    if found:
        findings.render(found, console)


def render_answer(answer: Any, console: Any, surface: str = "ask") -> None:
    """One answer as a person sees it: the result, the narrative, then the reviewer's findings.

    Used by `dsagent ask` (without --json) and by `dsagent chat` (`surface="chat"`: hints name the
    slash commands), so both look the same; the words around the data follow the question's language.
    """
    from dsagent.words.language import detect_language

    with rendering(lang=detect_language(getattr(answer, "question", "") or ""), surface=surface):
        _render_answer(answer, console)


def _render_answer(answer: Any, console: Any) -> None:
    error = getattr(answer, "error", None)
    result = getattr(answer, "result", None)
    if result is not None:
        render_result(result, console)
    narrative = getattr(answer, "narrative", None) or getattr(answer, "answer", None)
    shown_text = getattr(result, "text", None) if getattr(result, "kind", None) == "text" else None
    if narrative and not isinstance(narrative, (dict, list)) and narrative.strip() != (shown_text or "").strip():
        console.print(narrative, markup=False)  # built from data: "[/b]" is text, not markup
    # A planner that answered in words ("not understood, try ...") has said all there is to say;
    # the error record is for --json and the exit code.
    said_in_words = isinstance(error, dict) and (error.get("type") == "not_answered" and shown_text
                                                 or error.get("message") == narrative)  # said once
    if error and not said_in_words:
        message = error.get("message") if isinstance(error, dict) else str(error)
        console.print(f"[red]could not answer:[/red] {escape(str(message))}")
    render_findings(list(getattr(answer, "review", None) or []), console)
