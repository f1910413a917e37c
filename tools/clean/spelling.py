"""Which spellings of a category are variants of one: 'U.S.A.', 'usa ' and 'Usa' of 'USA', 'Germny' of 'Germany'.

Used by the cleaning planner (`tools/clean/detect.py`) to propose one spelling per category. Pure Python over
(value, count) pairs the planner counted in DuckDB.
"""

from __future__ import annotations

import re

from dsagent.words.text import fold_accents


def _key(value: str) -> str:
    """Letters, digits and meaningful signs: case, accents, spaces and light punctuation dropped ('A+' != 'A-')."""
    return re.sub(r"[\s.,;:'’`\"_/]", "", fold_accents(value).lower())


def spelling_groups(counts: list[tuple[str, int]]) -> list[list[str]]:
    """[[spelling, canonical], ...] for values that are variants of a more frequent spelling.

    Variants: same letters and digits ignoring case, accents, spaces and punctuation ('U.S.A.', 'usa '
    -> 'USA'), or one edit away from a spelling at least three times as frequent ('Germny' -> 'Germany').
    The canonical spelling of a group is its most frequent one.
    """
    groups: dict[str, list[tuple[str, int]]] = {}
    for value, n in counts:
        groups.setdefault(_key(value), []).append((value, n))
    groups.pop("", None)
    canon = {k: max(v, key=lambda x: (x[1], x[0] != x[0].lower(), x[0]))[0] for k, v in groups.items()}
    totals = {k: sum(n for _, n in v) for k, v in groups.items()}
    # rare keys one edit away from a much more frequent key join it
    merged: dict[str, str] = {}
    for k in sorted(groups, key=lambda k: totals[k]):
        if len(k) < 5 or any(ch.isdigit() for ch in k):  # codes like AB123 / AB124 are different things
            continue
        for other in sorted(groups, key=lambda o: -totals[o]):
            if other != k and totals[other] >= 3 * totals[k] and other not in merged and _edits(k, other) <= 1:
                merged[k] = other
                break
    mapping = []
    for k, members in groups.items():
        target = canon[merged.get(k, k)]
        for value, _ in members:
            if value != target:
                mapping.append([value, target])
    return sorted(mapping)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance, stopping early past 1."""
    if abs(len(a) - len(b)) > 1:
        return 2
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > 1:
            return 2
        prev = cur
    return prev[-1]
