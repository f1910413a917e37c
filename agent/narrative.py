"""The short narrative beside a result, written from the result's structured data.

Deterministic templates (prompts/narrative.json) in English or Spanish; every number comes from the
result, never from model prose.
"""

from __future__ import annotations

import re
from typing import Any

from dsagent.llm.prompting import load_json
from dsagent.render.context import phrase, rendering
from dsagent.render.values import is_temporal, label, number, temporal_format
from dsagent.words.language import detect_language


_METRICS = ("roc_auc", "balanced_accuracy", "accuracy", "f1", "rmse", "mae", "r2", "mse")  # metric_<name> phrases


def _fmt(value: Any) -> str:
    """A number as people write it (103,800; 9.4), anything else as it is."""
    return number(value)


def _writers(result: Any, rows: list[list[Any]], cols: list[str]) -> list[Any]:
    """One writer per column for the values that name a group: dates at their grain (2012-01), a
    group's number as it is (year 2015, class 1: a label, never "2,015"), float noise dropped."""
    types = list(getattr(result, "types", None) or []) + [""] * len(cols)
    sql = getattr(result, "sql", None)
    out = []
    for i, (name, kind) in enumerate(zip(cols, types)):
        values = [r[i] for r in rows]
        if is_temporal(kind, values) and not any(isinstance(v, (int, float)) for v in values):
            out.append(temporal_format(name, values, sql))
        else:
            out.append(_key)
    return out


def _key(value: Any) -> str:
    return number(value) if isinstance(value, float) else str(value)


def _columns(cols: list[str], lang: str) -> str:
    cols = [label(str(c)) for c in cols]
    if len(cols) > 5:
        more = "más" if lang == "es" else "more"
        return ", ".join(cols[:5]) + f" (+{len(cols) - 5} {more})"
    return ", ".join(cols)


def _extremes(rows: list[list[Any]], cols: list[str], writers: list[Any]) -> dict[str, str] | None:
    """Top and bottom group of a grouped result: keys first, one numeric measure last."""
    if len(cols) < 2 or len(rows) < 2:
        return None
    valued = [r for r in rows if r[-1] is not None]
    if len(valued) < 2 or not all(isinstance(r[-1], (int, float)) and not isinstance(r[-1], bool) for r in valued):
        return None
    top, bottom = max(valued, key=lambda r: r[-1]), min(valued, key=lambda r: r[-1])
    if top[-1] == bottom[-1]:
        return None

    def group(row: list[Any]) -> str:
        return ", ".join("NULL" if v is None else writers[i](v) for i, v in enumerate(row[:-1]))

    return {"measure": label(str(cols[-1])), "top": group(top), "top_value": _fmt(top[-1]),
            "bottom": group(bottom), "bottom_value": _fmt(bottom[-1])}


def narrate(result: Any, question: str, withheld: bool = False) -> str:
    """One or two sentences describing `result` in the question's language."""
    lang = detect_language(question)
    with rendering(lang=lang):  # column labels ("recuento" for count_star()) in the same language
        return _narrate(result, lang, withheld)


def _narrate(result: Any, lang: str, withheld: bool) -> str:
    t = load_json("narrative.json")[lang]
    if result is None:
        return ""
    data = result.to_json()
    kind = data.get("kind")
    if withheld:
        return t["blocked"]
    if kind == "text":
        return data.get("text", "")
    if kind == "table":
        rows, cols = data["rows"], data["columns"]
        if data["row_count"] == 0:
            return t["empty"]
        writers = _writers(result, rows, cols)
        if data["row_count"] == 1 and len(cols) == 1:
            value = "NULL" if rows[0][0] is None else _fmt(rows[0][0]) if isinstance(rows[0][0], (int, float)) \
                else writers[0](rows[0][0])
            return t["single"].format(column=label(str(cols[0])), value=value)
        grouped = bool(re.search(r"\bGROUP\s+BY\b", getattr(result, "sql", None) or "", re.I))
        extremes = _extremes(rows, cols, writers) if grouped and not data["truncated"] else None
        if extremes:
            return t["extremes"].format(row_count=_fmt(data["row_count"]), **extremes)
        key = "rows_truncated" if data["truncated"] else "one_row" if data["row_count"] == 1 else "rows"
        return t[key].format(row_count=_fmt(data["row_count"]), columns=_columns(cols, lang), shown=len(rows))
    if kind == "chart":
        return t["chart"].format(path=data.get("path", ""))
    if kind == "model":
        best = data.get("best", "")
        metrics = (data.get("metrics") or {}).get(best) or {}
        task = str(data.get("task", ""))
        task = phrase(f"task_name_{task}") if task in ("binary", "multiclass", "regression") else task
        if metrics:
            metric, value = next(iter(metrics.items()))
            if metric in _METRICS:
                metric = phrase(f"metric_{metric}")  # "ROC AUC", "exactitud": the name the table shows
            return t["model"].format(task=task, target=data.get("target", ""), best=best,
                                     metric=metric, value=_fmt(value))
        return t["model_nometric"].format(task=task, target=data.get("target", ""), best=best)
    if kind == "clean":
        key = "clean_applied" if data.get("applied") else "clean_plan"
        return t[key].format(steps=len(data.get("plan") or []), table=data.get("table", ""))
    if kind == "synthetic":
        return t["synthetic"].format(row_count=_fmt(data.get("row_count", 0)), table=data.get("table", ""))
    if kind == "schema":
        names = [str(x.get("table", "")) for x in data.get("tables", [])]
        return t["schema"].format(count=len(names), tables=", ".join(names))
    if kind == "profile":
        names = [str(x.get("table", "")) for x in data.get("tables", [])] if isinstance(data.get("tables"), list) else []
        return t["profile"].format(tables=", ".join(names) or "-")
    return t["other"]


def check_text(check: Any, question: str) -> str:
    """A ResultCheck (agent/sql/after.py) as one plain sentence in the question's language:
    "No rows: year = 2020 is outside the data; the data covers 2012–2015 (year)." """
    t = load_json("after_result.json")[detect_language(question)]
    if check.kind == "all_null":
        lead = t["lead_null"].format(columns=t["and"].join(check.null_columns))
    else:
        lead = t["lead_empty"]
    parts: list[str] = []
    for miss in check.misses:
        parts.append(t["outside" if miss.outside else "no_match"].format(condition=miss.condition))
        parts += _range_parts(miss, t)
    if check.together:
        parts.append(t["together"].format(conditions=t["and"].join(check.conditions)))
        if check.span is not None:
            parts += _range_parts(check.span, t)
    return lead + (": " + t["join"].join(parts) if parts else "") + "."


def _range_parts(miss: Any, t: dict) -> list[str]:
    if miss.kind in ("date", "year") and miss.low is not None:  # years and dates as written, never '2,012'
        return [t["covers"].format(low=miss.low, high=miss.high, column=miss.column)]
    if miss.kind == "number" and miss.low is not None:
        return [t["ranges"].format(column=miss.column, low=_fmt(miss.low), high=_fmt(miss.high))]
    if miss.values:
        return [t["values"].format(column=miss.column, values=", ".join(repr(v) for v in miss.values))]
    return []
