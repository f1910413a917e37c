"""Sentinel codes in number columns: 999, -99, 9999 written where a value was not known.

Surveys and instruments write a row of nines for "missing", "refused" or "no reading". Such a value
is a code, not a measurement: cleaning sets it to missing (it never becomes a made-up 57 °C by
clipping). A value is taken for a sentinel only when both hold:

- it is a run of nines (at least two: 99, 999, 9999 ..., or its negative), a form a real
  measurement rarely takes exactly;
- it lies beyond the far-outlier fences of the column's other values (3 x IQR from the quartiles),
  so a real 99-year-old or a price of 99 among prices of that size stays.

Pure Python over counts the planner measured in DuckDB; `tests/tools/clean/test_sentinel.py` holds
its fixtures.
"""

from __future__ import annotations

NINES = tuple(int("9" * k) for k in range(2, 10))  # 99 ... 999999999
CANDIDATES = tuple(sorted(NINES + tuple(-v for v in NINES)))
FENCE_K = 3.0


def sentinel_values(present: dict[float, int], q1: float | None, q3: float | None) -> list[float]:
    """The candidate values (`present`: value -> count, among CANDIDATES) that are sentinel codes,
    given the quartiles of the column's *other* values."""
    if q1 is None or q3 is None:
        return []
    spread = max(q3 - q1, 0.0)
    low, high = q1 - FENCE_K * spread, q3 + FENCE_K * spread
    if spread == 0:  # a column of one repeated value: only a code far from it
        low, high = q1 - abs(q1) - 1, q3 + abs(q3) + 1
    return sorted(v for v, n in present.items() if n and (v > high or v < low))
