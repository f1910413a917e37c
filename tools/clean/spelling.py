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


# When a rare spelling is a typo of a frequent one: one edit away (an insertion, a deletion, a
# substitution, or two neighbouring letters swapped: 'rian' of 'rain', 'fgo' of 'fog'), and far rarer.
# Short words need more evidence: one edit turns many short words into other real words, so a word
# of 3-4 letters joins only a spelling at least 10 x as frequent, and only while it is rare in the
# column itself (at most 2% of its values). Words under 3 letters and anything with digits (codes
# such as AB123 / AB124) never join another.
LONG_WORD = 5
LONG_RATIO = 3.0
SHORT_WORD = 3
SHORT_RATIO = 10.0
SHORT_MAX_SHARE = 0.02


def is_typo_of(rare: str, rare_count: int, common: str, common_count: int, column_total: int) -> bool:
    """True when the key `rare` reads as a misspelling of the much more frequent key `common`."""
    if rare == common or any(ch.isdigit() for ch in rare + common):
        return False
    shortest = min(len(rare), len(common))
    if shortest >= LONG_WORD:
        ratio = LONG_RATIO
    elif shortest >= SHORT_WORD and rare.isalpha() and common.isalpha():
        if rare_count > SHORT_MAX_SHARE * column_total:
            return False
        ratio = SHORT_RATIO
    else:
        return False
    return common_count >= ratio * rare_count and edit_distance(rare, common) <= 1


def spelling_groups(counts: list[tuple[str, int]]) -> list[list[str]]:
    """[[spelling, canonical], ...] for values that are variants of a more frequent spelling.

    Variants: same letters and digits ignoring case, accents, spaces and punctuation ('U.S.A.', 'usa '
    -> 'USA'), or a typo of a far more frequent spelling (`is_typo_of`: 'Germny' -> 'Germany',
    'rian' -> 'rain'). The canonical spelling of a group is its most frequent one.
    """
    groups: dict[str, list[tuple[str, int]]] = {}
    for value, n in counts:
        groups.setdefault(_key(value), []).append((value, n))
    groups.pop("", None)
    canon = {k: max(v, key=lambda x: (x[1], x[0] != x[0].lower(), x[0]))[0] for k, v in groups.items()}
    totals = {k: sum(n for _, n in v) for k, v in groups.items()}
    column_total = sum(totals.values())
    # rare keys that read as a typo of a much more frequent key join it
    merged: dict[str, str] = {}
    for k in sorted(groups, key=lambda k: totals[k]):
        for other in sorted(groups, key=lambda o: -totals[o]):
            if other not in merged and is_typo_of(k, totals[k], other, totals[other], column_total):
                merged[k] = other
                break
    mapping = []
    for k, members in groups.items():
        target = canon[merged.get(k, k)]
        for value, _ in members:
            if value != target:
                mapping.append([value, target])
    return sorted(mapping)


def edit_distance(a: str, b: str, limit: int = 1) -> int:
    """Edit distance with transpositions (optimal string alignment: 'rian' -> 'rain' is 1), stopping
    early: any distance above `limit` is returned as `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            cur.append(best)
        if min(cur) > limit:
            return limit + 1
        before, prev = prev, cur
    return min(prev[-1], limit + 1)
