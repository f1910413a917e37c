"""Values a result shows beside its rows, masked the way displayed rows are (docs/ethics.md).

A cleaning shows examples of the rows it removed, of the values it changed (before -> after) and of
the values its plan's reasons quote; a finding may quote a value of the data. Unless privacy is `full`
these are masked with the reviewer's own masker (`privacy.mask_rows`, `privacy.mask_text`): a column of
personal data (E2, judged on a sample of the table the values come from) cell by cell, recognised
values (E1) wherever they stand. Nothing here decides what is personal: privacy.py does.
"""

from __future__ import annotations

import re
from typing import Any

from dsagent.ethics.privacy import mask_rows, mask_text, scan_text

# A value a message quotes: the tools quote values with repr() ('Germny' -> 'Germany').
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def mask_clean(result: Any, pii: dict[str, str], min_score: float) -> tuple[set[str], dict[str, int]]:
    """Mask in place what a cleaning result shows of the data: the removed rows, the changed values'
    examples, and values quoted in its steps' reasons and its notes.

    Returns (personal columns whose values were masked, {entity: values masked in other columns}).
    """
    columns_masked: set[str] = set()
    entities: dict[str, int] = {}

    def add(found: dict[str, int]) -> None:
        for entity, n in found.items():
            entities[entity] = entities.get(entity, 0) + n

    diff = getattr(result, "diff", None) or {}
    removed = diff.get("removed_examples") or {}
    if removed.get("rows"):
        cols = [str(c) for c in removed.get("columns") or []]
        rows = [list(r) for r in removed["rows"]]
        whole, found = mask_rows(cols, rows, pii, min_score)
        removed["rows"] = rows
        add(found)
        if whole:
            columns_masked |= {c for c in cols if c in pii and any(r[cols.index(c)] is not None for r in rows)}
    for col, entry in (diff.get("columns") or {}).items():
        pairs = [list(p) for p in entry.get("examples") or []]
        if not pairs:
            continue
        own = {col: pii[col]} if col in pii else {}
        whole, found = mask_rows([col, col], pairs, own, min_score)
        entry["examples"] = pairs
        add(found)
        if whole:
            columns_masked.add(col)
    for step in [*(getattr(result, "plan", None) or []), *(getattr(result, "options", None) or [])]:
        entity = pii.get(step.column or "")
        quoted = _QUOTED.sub(f"<{entity}>", step.reason) if entity else step.reason
        if quoted != step.reason:  # a personal column: every value its reason quotes
            step.reason = quoted
            columns_masked.add(step.column)
        else:
            step.reason = _masked_text(step.reason, min_score, add)
    notes = list(getattr(result, "notes", None) or [])
    if notes:
        result.notes = [_masked_text(n, min_score, add) for n in notes]
    return columns_masked, entities


def _masked_text(text: str, min_score: float, add) -> str:
    """`text` with recognised personal values masked; `add` counts them by entity."""
    matches = scan_text(text, min_score)
    if not matches:
        return text
    found: dict[str, int] = {}
    for m in matches:
        found[m.entity] = found.get(m.entity, 0) + 1
    add(found)
    return mask_text(text, min_score)


def mask_messages(findings: list, min_score: float) -> list:
    """Findings whose message or fix quotes a recognised personal value (D2 naming a class that is an
    e-mail address), with the value masked."""
    out = []
    for f in findings:
        message, fix = mask_text(f.message, min_score), mask_text(f.fix, min_score) if f.fix else f.fix
        out.append(f if (message, fix) == (f.message, f.fix) else f.model_copy(update={"message": message,
                                                                                       "fix": fix}))
    return out
