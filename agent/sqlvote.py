"""Self-consistency for a small model's SQL: a few sampled queries vote with their executed results.

A 1.5B model's first greedy query is often one of several readings of a question. Sampling a couple
more queries from the same prompt and running each (every one through the guard, each under the
time limit) shows which result the model's readings agree on; measured on DuckDB-NSQL's first
attempts, the agreed result was right more often than the greedy one alone (docs/sql.md).

Only the plain-SQL path of small local models votes (`sql_votes`, 3 by default for them, 1 for
hosted models and the offline planner). The greedy query keeps its result unless another result is
shared by more candidates; a candidate that runs replaces a greedy query that failed or returned no
rows only when two or more candidates agree on it (or, for a failed greedy query, when one runs).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .errors import UserError

SMALL_MODEL_VOTES = 3  # candidates for the forced style's plain-SQL path: the greedy one and two sampled
MAX_VOTES = 5
SAMPLE_TEMPERATURE = 0.7


@dataclass
class Candidate:
    action: Any  # loop.Action
    result: Any
    error: str | None
    seconds: float
    reply: Any = None  # the model's message that wrote it


def votes_from(settings: Any, default: int) -> int:
    """The `sql_votes` setting (config, DSAGENT_SQL_VOTES or the flag) or the backend's default."""
    raw = getattr(settings, "sql_votes", None)
    if raw in (None, ""):
        return default
    try:
        votes = int(raw)
    except (TypeError, ValueError):
        raise UserError(f"sql_votes must be a whole number from 1 to {MAX_VOTES}, not '{raw}'") from None
    if not 1 <= votes <= MAX_VOTES:
        raise UserError(f"sql_votes must be a whole number from 1 to {MAX_VOTES}, not {votes}")
    return votes


def result_key(result: Any) -> str | None:
    """What two results must share to agree: the row count and the rows' values (names and column
    order aside: `SELECT a, b` and `SELECT b AS x, a` agree). None for no rows or no table."""
    if getattr(result, "kind", "") != "table" or not getattr(result, "row_count", 0):
        return None
    rows = sorted(json.dumps(sorted(map(str, row)), ensure_ascii=False) for row in result.rows)
    return f"{result.row_count}|{len(result.columns)}|" + "\n".join(rows)


def pick(candidates: list[Candidate]) -> tuple[Candidate, int]:
    """The candidate to keep (the greedy one first in the list) and how many candidates agree with it."""
    greedy = candidates[0]
    keys = [result_key(c.result) if c.error is None else None for c in candidates]
    counts = Counter(k for k in keys if k is not None)
    if not counts:
        return greedy, 1
    top = max(counts.values())
    leader = next(c for c, k in zip(candidates, keys) if k is not None and counts[k] == top)
    if keys[0] is not None:  # the greedy query has rows: it stands unless more candidates agree elsewhere
        return (greedy, counts[keys[0]]) if counts[keys[0]] == top else (leader, top)
    if greedy.error is not None or top >= 2:  # failed greedy: any that runs; no rows: only an agreed result
        return leader, top
    return greedy, 1
