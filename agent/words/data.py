"""The word lists of prompts/words/*.json, read once."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed content of prompts/words/<name>.json (package data)."""
    text = resources.files("dsagent.prompts").joinpath("words", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """One list of prompts/words/<name>.json as a set ("names", "identifier_last")."""
    return frozenset(load(name)[key])
