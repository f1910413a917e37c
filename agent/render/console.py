"""The terminal console every command prints through: text from data can never drive the terminal.

A cell, a column name or a file name may hold terminal control sequences (`\\x1b]0;TITLE\\x07`
retitles the window, `\\x1b[2J` clears the screen, `\\r` overwrites the line, a bidi override
reorders what is read). `SafeConsole` escapes them in every piece of text it writes — tables,
narratives, error lines, the chat — while rich's own styling and cursor control, which it emits as
separate control segments, pass as they are. One place, so a new renderer cannot forget it.
"""

from __future__ import annotations

from typing import Any, Iterable

from rich.console import Console
from rich.segment import Segment

from dsagent.render.visible import visible

class SafeConsole(Console):
    """A rich Console that escapes control characters in the text it renders (see module doc)."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(Segment(visible(text), style, control) if not control else
                                      Segment(text, style, control) for text, style, control in buffer)


def make_console(**options: Any) -> SafeConsole:
    """The console for a command's output (same options as rich's Console)."""
    return SafeConsole(**options)
