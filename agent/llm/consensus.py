"""Candidate selection on failure: which of several queries' results most of them agree on.

When a model's first query fails (an error, or no rows where a filter may be wrong), the loop asks
for a few candidates instead of one repair: the greedy repair and some sampled ones (agent/loop.py;
how many is the `candidates` setting, agent/config.py). Each runs through the guard like any query; the answers are grouped by what they
returned, and the largest group wins (self-consistency, as in text-to-SQL work since DIN-SQL and
MAC-SQL). Results are compared as the evaluation compares them (agent/evaluate.py): column names and
order do not matter, row order does not, floats at 2 decimals, so `avg(x) AS a` and `AVG(x)` agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any


def _cell(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, float, Decimal)):
        number = float(value)
        if math.isnan(number):
            return "nan"
        return f"{round(number, 2):.2f}"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def signature(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> tuple:
    """What a result says, independent of how the query named or ordered it."""
    del columns  # names differ between equivalent queries (`avg_fare`, `AVG(fare)`): not compared
    return tuple(sorted(tuple(sorted(_cell(v) for v in row)) for row in rows))


def pick(signatures: Sequence[tuple]) -> int:
    """The index of the candidate whose result the most candidates share; the earliest on a tie
    (the first candidate is the greedy one, the model's own best guess)."""
    if not signatures:
        raise ValueError("no candidates to pick from")
    counts: dict[tuple, int] = {}
    for sig in signatures:
        counts[sig] = counts.get(sig, 0) + 1
    best = max(counts.values())
    return next(i for i, sig in enumerate(signatures) if counts[sig] == best)
