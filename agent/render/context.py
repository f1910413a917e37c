"""What a rendering needs to know about where it is shown: the answer's language and the surface.

`render_answer` sets them for one answer (`rendering(lang=..., surface=...)`), so a renderer deep
down writes "3 filas" for a Spanish question and "/export FILE" in chat but "-o FILE" for
`dsagent ask`. The language is the one `dsagent.words.language.speaking` carries (the tools and the
reviewer read it too). The words are data: prompts/render.json, one object per language.
"""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator

from dsagent.words.language import speaking, spoken

_SURFACE: contextvars.ContextVar[str] = contextvars.ContextVar("dsagent_render_surface", default="ask")


@contextmanager
def rendering(lang: str | None = None, surface: str | None = None) -> Iterator[None]:
    """Render in `lang` ('en' | 'es') for `surface` ('ask' | 'chat' | 'sql') inside the block."""
    token = _SURFACE.set(surface) if surface else None
    try:
        with speaking(lang):  # the one carrier of the answer's language (dsagent.words.language)
            yield
    finally:
        if token is not None:
            _SURFACE.reset(token)


def language() -> str:
    return spoken()


def surface() -> str:
    return _SURFACE.get()


@lru_cache(maxsize=None)
def _phrases() -> dict[str, Any]:
    from dsagent.llm.prompting import load_json

    return load_json("render.json")


def phrase(key: str, **values: Any) -> str:
    """The phrase `key` of prompts/render.json in the current language, filled with `values`; an entry
    {"one": ..., "other": ...} is picked by `n` or `count`, as `words.language.say` picks it."""
    table = _phrases()
    text = table.get(language(), {}).get(key) or table["en"][key]
    if isinstance(text, dict):
        text = text["one" if values.get("count", values.get("n")) == 1 else "other"]
    return text.format(**values) if values else text


def labels() -> dict[str, str]:
    """Readable labels of aggregate expressions in the current language (count_star() -> "count")."""
    table = _phrases()
    return {**table["en"]["labels"], **table.get(language(), {}).get("labels", {})}
