"""The word lists of prompts/words/*.json, read once."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed content of prompts/words/<name>.json (package data)."""
    return read_json("words", f"{name}.json")


def read_json(*parts: str) -> Any:
    """The parsed content of the JSON file prompts/<parts...> (package data)."""
    return json.loads(resources.files("dsagent.prompts").joinpath(*parts).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """One list of prompts/words/<name>.json as a set ("names", "identifier_last")."""
    return frozenset(load(name)[key])
