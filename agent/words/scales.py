"""Ordered scales: values whose order is a meaning, not the alphabet ('disagree' before 'agree',
'low' before 'high'); the scales are data in prompts/words/scales.json."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable

from dsagent.words.data import load
from dsagent.words.text import norm

MIN_VALUES = 3  # two values ('low', 'high') sort the same either way often enough; and a yes/no is no scale


@lru_cache(maxsize=None)
def _scales() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(norm(w) for w in scale) for scale in load("scales")["scales"])


def scale_order(values: Iterable[Any]) -> list[Any] | None:
    """`values` in the order of the one scale they all lie on, or None (not all on one, too few)."""
    distinct = list(dict.fromkeys(v for v in values if v is not None))
    if len(distinct) < MIN_VALUES or not all(isinstance(v, str) for v in distinct):
        return None
    for scale in _scales():
        rank = {w: i for i, w in enumerate(scale)}
        if all(norm(v) in rank for v in distinct):
            return sorted(distinct, key=lambda v: rank[norm(v)])
    return None
