"""Values as people write them, for tables and prose: 103,800 (not 1.038e+05), 9.4 (not 9.399999999999999),
2012-01 for a month (not 2012-01-01T00:00:00), "count" for count_star(). JSON keeps the raw values.

Only formatting happens here: the result's values, types, column names and SQL are read, never changed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from typing import Any, Callable, Sequence

from dsagent.render.context import labels

_TEMPORAL = re.compile(r"^(DATE|TIMESTAMP|DATETIME)", re.I)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}(:?\d{2})?|Z)?)?$")
_TRUNC = re.compile(r"date_trunc\s*\(\s*'(\w+)'", re.I)
# A column name that says which calendar unit its dates stand for (English and Spanish).
_UNIT_WORDS = {"year": "year", "years": "year", "yr": "year", "ano": "year", "año": "year", "anio": "year",
               "month": "month", "months": "month", "mes": "month", "meses": "month", "quarter": "quarter",
               "trimestre": "quarter"}


def number(value: Any) -> str:
    """One number for prose: thousands separators, no exponent in everyday ranges, no float noise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    size = abs(value)
    if size == 0:
        return "0"
    if size >= 1e15 or size < 1e-4:
        return f"{value:.3g}"  # too large or too small to read as digits
    places = 1 if size >= 1_000 else 2 if size >= 1 else max(2, 2 - math.floor(math.log10(size)))
    text = f"{value:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def metric(value: Any, like: Any = None, missing: str = "–") -> str:
    """A model metric in a table: 13,566 at or above a thousand, else three decimals (0.073); a spread
    (`like` = the mean it belongs to) takes its mean's places, so "13,566 ± 820", never "1.357e+04"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return missing
    scale = abs(like) if isinstance(like, (int, float)) and math.isfinite(like) else abs(value)
    return f"{value:,.0f}" if scale >= 1000 else f"{value:.3f}"


def exact(value: Any) -> str:
    """A value where every digit matters (a before -> after diff): 9.4, not 9.399999999999999; 103800."""
    if isinstance(value, float) and math.isfinite(value):
        return f"{value:.10g}"
    return str(value)


# ------------------------------------------------------------------ dates and times
def is_temporal(kind: str, values: Sequence[Any]) -> bool:
    """A DATE/TIMESTAMP column, or (untyped) one whose values are all ISO dates."""
    if kind:
        return bool(_TEMPORAL.match(kind))
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, (dt.date, str)) and _ISO.match(str(v)) for v in present)


def _parse(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def temporal_format(name: str, values: Sequence[Any], sql: str | None = None) -> Callable[[Any], str]:
    """How to write the dates of one column: as a year, a month, a quarter, a day or a time of day.

    Dates at midnight lose the zero time. Values all on the first of a month stand for months when
    the column is named for one, the SQL truncates to one (date_trunc('month', ...)), or there are
    three or more of them (a real date column rarely falls on the 1st every time); likewise years.
    """
    parsed = [p for p in (_parse(v) for v in values if v is not None) if p is not None]
    if not parsed:
        return str
    midnight = all(p.time() == dt.time(0) for p in parsed)
    words = set(re.findall(r"[a-zñ]+", str(name).lower()))
    unit = next((_UNIT_WORDS[w] for w in words if w in _UNIT_WORDS), None)
    truncs = {t.lower() for t in _TRUNC.findall(sql or "")}
    if unit is None and len(truncs) == 1:
        unit = next(iter(truncs))
    many = len(set(parsed)) >= 3
    if midnight:
        if all(p.day == 1 and p.month == 1 for p in parsed) and (unit == "year" or (unit is None and many)):
            return lambda v: _with(v, lambda p: f"{p.year}")
        if all(p.day == 1 and p.month in (1, 4, 7, 10) for p in parsed) and unit == "quarter":
            return lambda v: _with(v, lambda p: f"{p.year} Q{(p.month - 1) // 3 + 1}")
        if all(p.day == 1 for p in parsed) and (unit in ("month", "quarter", "year") or (unit is None and many)):
            return lambda v: _with(v, lambda p: f"{p.year}-{p.month:02d}")
        return lambda v: _with(v, lambda p: p.date().isoformat())
    seconds = any(p.second or p.microsecond for p in parsed)
    return lambda v: _with(v, lambda p: p.isoformat(sep=" ", timespec="seconds" if seconds else "minutes"))


def _with(value: Any, write: Callable[[dt.datetime], str]) -> str:
    parsed = _parse(value)
    return str(value) if parsed is None else write(parsed)


# ------------------------------------------------------------------ column labels
def label(name: str) -> str:
    """A readable header for a column named by its expression ("count" for count_star()); other names as they are."""
    text = str(name)
    if "(" not in text:
        return text
    from dsagent.render.context import language

    return _expression_label(text, language())


@lru_cache(maxsize=256)
def _expression_label(text: str, lang: str) -> str:
    import sqlglot
    import sqlglot.expressions as exp

    try:
        tree = sqlglot.parse_one(text, read="duckdb")
    except Exception:  # noqa: BLE001 - a name that is not an expression stays as it is
        return text
    words = labels()

    def say(node: Any) -> str | None:
        while isinstance(node, (exp.Round, exp.Cast, exp.TryCast, exp.Paren)):  # presentation only
            node = node.this
        if isinstance(node, exp.Column):
            return node.name
        if isinstance(node, exp.Star):
            return None
        if not isinstance(node, exp.Func):
            return None
        if isinstance(node, exp.Anonymous):  # a function sqlglot does not know: its name, then its arguments
            fname, args = str(node.name).lower(), list(node.expressions)
        else:
            fname, args = node.sql_name().lower(), [node.this] if isinstance(node.this, exp.Expression) else []
        inner = args[0] if len(args) == 1 else None
        if isinstance(node, exp.Count) or fname in ("count_star", "count"):
            if inner is None or isinstance(inner, exp.Star):
                return words["count"]
            if isinstance(inner, exp.Distinct):
                cols = [say(e) for e in inner.expressions]
                return words["distinct"].format(of=", ".join(c for c in cols if c)) if all(cols) else None
            of = say(inner)
            return words["count_of"].format(of=of) if of else None
        template = words.get(fname)
        of = say(inner) if inner is not None else None
        return template.format(of=of) if template and of else None

    return say(tree) or text

