"""What a rendering needs to know about where it is shown: the answer's language and the surface.

`render_answer` sets them for one answer (`rendering(lang=..., surface=...)`), so a renderer deep
down writes "3 filas" for a Spanish question and "/export FILE" in chat but "-o FILE" for
`dsagent ask`. The words are data: prompts/render.json, one object per language.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator

_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("dsagent_render_lang", default="en")
_SURFACE: contextvars.ContextVar[str] = contextvars.ContextVar("dsagent_render_surface", default="ask")


@contextmanager
def rendering(lang: str | None = None, surface: str | None = None) -> Iterator[None]:
    """Render in `lang` ('en' | 'es') for `surface` ('ask' | 'chat' | 'sql') inside the block."""
    tokens = []
    if lang:
        tokens.append((_LANG, _LANG.set(lang if lang in _phrases() else "en")))
    if surface:
        tokens.append((_SURFACE, _SURFACE.set(surface)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def language() -> str:
    return _LANG.get()


def surface() -> str:
    return _SURFACE.get()


@lru_cache(maxsize=None)
def _phrases() -> dict[str, Any]:
    from dsagent.llm.prompting import load_json

    return load_json("render.json")


def phrase(key: str, **values: Any) -> str:
    """The phrase `key` of prompts/render.json in the current language, filled with `values`."""
    table = _phrases()
    text = table.get(language(), {}).get(key) or table["en"][key]
    return text.format(**values) if values else text


def labels() -> dict[str, str]:
    """Readable labels of aggregate expressions in the current language (count_star() -> "count")."""
    table = _phrases()
    return {**table["en"]["labels"], **table.get(language(), {}).get("labels", {})}
