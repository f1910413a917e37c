"""The short narrative beside a result, written from the result's structured data.

Deterministic templates (prompts/narrative.json) in English or Spanish; every number comes from the
result, never from model prose.
"""

from __future__ import annotations

import math
import re
from typing import Any

from dsagent.llm.prompting import load_json
from dsagent.render.context import phrase, rendering
from dsagent.render.values import is_temporal, label, number, temporal_format
from dsagent.words.language import detect_language
from dsagent.words.synonyms import synonyms
from dsagent.words.text import name_words, norm


_METRICS = ("roc_auc", "balanced_accuracy", "accuracy", "f1", "rmse", "mae", "r2", "mse")  # metric_<name> phrases


def _fmt(value: Any) -> str:
    """A number as people write it (103,800; 9.4), anything else as it is."""
    return number(value)


def _writers(result: Any, rows: list[list[Any]], cols: list[str], words: dict) -> list[Any]:
    """One writer per column for the values that name a group: dates at their grain (2012-01), a
    quarter or month of the year by its name (Q3, July), a group's number as it is (year 2015,
    class 1: a label, never "2,015"), float noise dropped. `words`: the narrative's templates."""
    types = list(getattr(result, "types", None) or []) + [""] * len(cols)
    sql = getattr(result, "sql", None)
    parts = _parts_of_the_year(sql)
    out = []
    for i, (name, kind) in enumerate(zip(cols, types)):
        values = [r[i] for r in rows]
        part = parts.get(str(name).lower())
        if part and all(v is None or (isinstance(v, int) and 1 <= v <= len(words[part])) for v in values):
            out.append(lambda v, names=words[part]: names[v - 1])
        elif is_temporal(kind, values) and not any(isinstance(v, (int, float)) for v in values):
            out.append(temporal_format(name, values, sql))
        else:
            out.append(_key)
    return out


def _parts_of_the_year(sql: str | None) -> dict[str, str]:
    """The result columns the SQL made as a quarter or a month of the year (QUARTER(d) AS q):
    {'q': 'quarter_of_year'}. Their numbers 1-4 or 1-12 read as "3" alone; the narrative names them."""
    if not sql or not re.search(r"\b(quarter|month)\s*\(", sql, re.I):
        return {}
    import sqlglot
    import sqlglot.expressions as exp

    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except Exception:  # noqa: BLE001 - a query sqlglot cannot read keeps its numbers
        return {}
    select = tree if isinstance(tree, exp.Select) else tree.find(exp.Select)
    kinds = {exp.Quarter: "quarter_of_year", exp.Month: "month_of_year"}
    return {p.alias_or_name.lower(): kinds[type(p.unalias())] for p in getattr(select, "expressions", None) or []
            if type(p.unalias()) in kinds}


def _key(value: Any) -> str:
    return number(value) if isinstance(value, float) else str(value)


# Words an SQL alias joins to a column's name for its aggregate (avg_age, total_fare, age_mean, n_rows)
_FUNCTION_WORDS = {"avg": "avg", "mean": "avg", "average": "avg", "sum": "sum", "total": "sum", "min": "min",
                   "max": "max", "median": "median", "count": "count", "cnt": "count", "n": "count", "num": "count"}


def _said(name: str, sql: str | None, question: str) -> str | None:
    """A measure the SQL named by joining its function to its column ('avg_age' for AVG(age)), said in
    words, the column by the person's own word for it: 'media de edad' for "media de edad por clase"."""
    if not sql or "(" in name:
        return None
    import sqlglot
    import sqlglot.expressions as exp

    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except Exception:  # noqa: BLE001 - a query sqlglot cannot read keeps its column names
        return None
    select = tree if isinstance(tree, exp.Select) else tree.find(exp.Select)
    for p in getattr(select, "expressions", None) or []:
        if not isinstance(p, exp.Alias) or p.alias != name or not isinstance(p.this, exp.AggFunc):
            continue
        columns = list(p.this.find_all(exp.Column))
        if not columns and isinstance(p.this, exp.Count) and _FUNCTION_WORDS.get(name.lower()) == "count":
            return label(p.this.sql(dialect="duckdb"))  # 'count' for COUNT(*): "recuento"
        if len(columns) != 1:
            return None
        column = columns[0].name
        extra = [w for w in name_words(name) if w not in name_words(column)]
        if len(extra) != 1 or extra[0] not in _FUNCTION_WORDS or len(name_words(name)) == len(extra):
            return None  # an alias a person chose ('media', 'ventas_2024'): their word, kept
        expression = p.this.copy()
        next(expression.find_all(exp.Column)).set("this", exp.to_identifier(_person_word(column, question)))
        return label(expression.sql(dialect="duckdb"))
    return None


def _person_word(column: str, question: str) -> str:
    """The question's word for `column` (itself or a synonym of the shared vocabulary), else the column."""
    wanted = {norm(column), *(norm(s) for s in synonyms(norm(column)))}
    for token in re.findall(r"\w+", question):
        if norm(token) in wanted:
            return token.lower()
    return column


def _name(column: str, result: Any, question: str, lang: str) -> str:
    """A column as the narrative names it: an expression's label ("recuento"); in Spanish, an alias
    made of a function and a column ('avg_age') in words ("media de edad")."""
    said = _said(str(column), getattr(result, "sql", None), question) if lang == "es" else None
    return said or label(str(column))


def _columns(cols: list[str], lang: str, name=label) -> str:
    cols = [name(str(c)) for c in cols]
    if len(cols) > 5:
        more = "más" if lang == "es" else "more"
        return ", ".join(cols[:5]) + f" (+{len(cols) - 5} {more})"
    return ", ".join(cols)


MAX_TIED_NAMED = 3  # groups named when several share the highest or the lowest value


def _extremes(rows: list[list[Any]], cols: list[str], writers: list[Any], name, words: dict) -> dict[str, str] | None:
    """Top and bottom group of a grouped result: keys first, one numeric measure last. Groups that share the
    highest (or lowest) value are all named: 'A House of Ash and The Silent River (89 each)', never one of
    them as if it stood alone. `words`: the narrative's templates in the answer's language."""
    if len(cols) < 2 or len(rows) < 2:
        return None
    valued = [r for r in rows if r[-1] is not None]
    if len(valued) < 2 or not all(isinstance(r[-1], (int, float)) and not isinstance(r[-1], bool) for r in valued):
        return None
    top, bottom = max(r[-1] for r in valued), min(r[-1] for r in valued)
    if top == bottom:
        return None

    def group(row: list[Any]) -> str:
        return ", ".join("NULL" if v is None else writers[i](v) for i, v in enumerate(row[:-1]))

    def groups(value: Any) -> tuple[str, str]:
        tied = [group(r) for r in valued if r[-1] == value]
        if len(tied) == 1:
            return tied[0], _fmt(value)
        named = words["tie_and"].join(tied[:MAX_TIED_NAMED]) if len(tied) <= MAX_TIED_NAMED else \
            ", ".join(tied[:MAX_TIED_NAMED]) + words["gaps_more"].format(count=_fmt(len(tied) - MAX_TIED_NAMED))
        return named, words["tie_each"].format(value=_fmt(value))

    (top_names, top_value), (bottom_names, bottom_value) = groups(top), groups(bottom)
    return {"measure": name(str(cols[-1])), "top": top_names, "top_value": top_value,
            "bottom": bottom_names, "bottom_value": bottom_value}


# A count per period lists only the periods that have rows: the lowest count of such a result is not
# the lowest of the span when a period between the first and the last has none (it counted 0).
_GRAIN_OF_SQL = re.compile(r"date_trunc\(\s*'(month|year|quarter|day)'", re.I)
MAX_PERIODS = 1_000  # a span longer than this is not enumerated


def _missing_periods(rows: list[list[Any]], cols: list[str], sql: str | None) -> list[Any]:
    """The periods between the first and the last key of a count per period that have no row, as the
    key column writes them ('2015-07-01', 2019); empty when the result is no count per period."""
    from datetime import date

    if len(cols) != 2 or not sql or not re.search(rf"count\(\*\)\s+AS\s+\"?{re.escape(cols[-1])}\b", sql, re.I):
        return []
    keys = [r[0] for r in rows if r[0] is not None]
    if len(keys) < 2:
        return []
    if all(isinstance(k, int) and not isinstance(k, bool) for k in keys) and re.search(r"\byear\(", sql, re.I) \
            and 1000 <= min(keys) <= max(keys) <= 3000:
        # years one apart, or decades (1990, 2000): the step is what the keys have in common
        step = math.gcd(*(b - a for a, b in zip(sorted(keys), sorted(keys)[1:])))
        if not step or (max(keys) - min(keys)) // step >= MAX_PERIODS:
            return []
        return sorted(set(range(min(keys), max(keys) + 1, step)) - set(keys))
    grain = _GRAIN_OF_SQL.search(sql)
    if grain is None or not all(isinstance(k, str) and len(k) >= 10 for k in keys):
        return []
    try:
        days = sorted(date.fromisoformat(k[:10]) for k in keys)
    except ValueError:
        return []
    step = {"day": 0, "month": 1, "quarter": 3, "year": 12}[grain.group(1).lower()]
    seen, missing, current, tail = set(days), [], days[0], keys[0][10:]
    for _ in range(MAX_PERIODS):
        if current > days[-1]:
            break
        if current not in seen:
            missing.append(current.isoformat() + tail)
        if step == 0:
            current = date.fromordinal(current.toordinal() + 1)
        else:
            month = current.month - 1 + step
            current = date(current.year + month // 12, month % 12 + 1, 1)
    else:
        return []
    return missing


def narrate(result: Any, question: str, withheld: bool = False) -> str:
    """One or two sentences describing `result` in the question's language."""
    lang = detect_language(question)
    with rendering(lang=lang):  # column labels ("recuento" for count_star()) in the same language
        return _narrate(result, lang, withheld, question)


def _narrate(result: Any, lang: str, withheld: bool, question: str = "") -> str:
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
        writers = _writers(result, rows, cols, t)
        name = lambda column: _name(column, result, question, lang)  # noqa: E731
        if data["row_count"] == 1 and len(cols) == 1:
            value = "NULL" if rows[0][0] is None else _fmt(rows[0][0]) if isinstance(rows[0][0], (int, float)) \
                else writers[0](rows[0][0])
            return t["single"].format(column=name(str(cols[0])), value=value)
        grouped = bool(re.search(r"\bGROUP\s+BY\b", getattr(result, "sql", None) or "", re.I))
        extremes = _extremes(rows, cols, writers, name, t) if grouped and not data["truncated"] else None
        missing = _missing_periods(rows, cols, getattr(result, "sql", None)) if extremes else []
        if missing:  # the lowest count of the span is 0, in a period the result has no row for
            more = t["gaps_more"].format(count=_fmt(len(missing) - 1)) if len(missing) > 1 else ""
            return t["extremes_gap"].format(row_count=_fmt(data["row_count"]), measure=extremes["measure"],
                                            top=extremes["top"], top_value=extremes["top_value"],
                                            bottom=writers[0](missing[0]), more=more)
        if extremes:
            return t["extremes"].format(row_count=_fmt(data["row_count"]), **extremes)
        key = "rows_truncated" if data["truncated"] else "one_row" if data["row_count"] == 1 else "rows"
        return t[key].format(row_count=_fmt(data["row_count"]), columns=_columns(cols, lang, name), shown=_fmt(len(rows)))
    if kind == "chart":
        return t["chart"].format(path=data.get("path", ""))
    if kind == "model":
        best = data.get("best", "")
        metrics = (data.get("metrics") or {}).get(best) or {}
        task = str(data.get("task", ""))
        task = phrase(f"task_name_{task}") if task in ("binary", "multiclass", "regression") else task
        if metrics:
            from dsagent.tools.model.fit import primary_metric

            chosen = primary_metric(str(data.get("task", "")))[0]  # the metric that picked the best model
            metric, value = (chosen, metrics[chosen]) if chosen in metrics else next(iter(metrics.items()))
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
        return t["schema"]["one" if len(names) == 1 else "other"].format(count=len(names), tables=", ".join(names))
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
        lead = t["lead_zero" if check.kind == "zero" else "lead_empty"]
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
        key = "covers_one" if str(miss.low) == str(miss.high) else "covers"
        return [t[key].format(low=miss.low, high=miss.high, column=miss.column)]
    if miss.kind == "number" and miss.low is not None:
        return [t["ranges"].format(column=miss.column, low=_fmt(miss.low), high=_fmt(miss.high))]
    if miss.values:
        return [t["values"].format(column=miss.column, values=", ".join(repr(v) for v in miss.values))]
    return []
