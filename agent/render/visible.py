"""Control characters written out as escapes, so text from data cannot drive a terminal.

Pure and dependency-free: the console (`render/console.py`) applies it to everything it prints, and
`errors.DsagentError.__str__` to every one-line error.
"""

from __future__ import annotations

import re

# C0 controls but the line break (rich's own line breaks are text), DEL, C1 controls, and the Unicode
# bidi embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with each control character written out as an escape (`\\x1b`, `\\r`, `\\u202e`)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def _escape(match: re.Match) -> str:
    ch = match.group()
    named = {"\t": "\\t", "\r": "\\r"}.get(ch)
    if named:
        return named
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
