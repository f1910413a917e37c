"""The guard's size rule: no single value built from constants may outgrow the memory limit.

`range(1e9)`, `repeat('x', 1e9)` or `lpad('', 1e9, 'x')` each build one list or string inside one
function call. DuckDB's memory_limit does not bound that allocation and `interrupt()` does not reach
inside it; with constant arguments the optimizer even builds it while planning, at about 110 bytes
per list element (measured: `len(range(1e7))` folds in 5.9 s to 1.2 GB). The Workspace's runtime
ceiling stops such a query whatever function builds it (`dsagent.data.memory`); this rule refuses
the ones whose size can be read from the statement itself, before anything runs, with a message a
model or a person can act on.

It reads DuckDB's own parse tree (the text that will run), evaluates constant arguments (numbers,
casts, arithmetic, dates and intervals, string and list lengths) and estimates each builder's size.
An argument read from a column is unknown here and left to the runtime ceiling. Table functions
(`FROM range(1e9)`) stream rows in chunks that the time limit does interrupt, so only their
arguments are checked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable

from dsagent.errors import SqlRejected

# What one list element costs while DuckDB folds a constant list (a Value each, ~110 bytes measured),
# with room to spare: a list may hold at most memory_limit / LIST_ELEMENT_BYTES elements.
LIST_ELEMENT_BYTES = 1024
# A string is stored flat, but is copied while it is built (and again into Python): at most 1/16 of
# the memory limit in one text value.
TEXT_SHARE = 16


@dataclass(frozen=True)
class Const:
    """What the rule knows of a constant: a number, a text (its length, and its value when short),
    a list (its length), a point in time or a span of time (seconds)."""

    kind: str  # 'number' | 'text' | 'list' | 'time' | 'span'
    value: float = 0.0  # the number, seconds, or the length of a text or list
    text: str | None = None


@dataclass(frozen=True)
class Limits:
    """The largest list (elements) and text (characters) one value may hold, and the limit they come from."""

    list_elements: int
    text_chars: int
    memory_limit: str

    @classmethod
    def for_memory(cls, memory_bytes: int, memory_limit: str) -> "Limits":
        return cls(max(memory_bytes // LIST_ELEMENT_BYTES, 1000), max(memory_bytes // TEXT_SHARE, 100_000), memory_limit)


def check_sizes(tree: dict[str, Any], limits: Limits) -> None:
    """Raise SqlRejected when a function in DuckDB's parse tree would build a value over the limits."""
    for statement in tree.get("statements", []):
        _visit(statement.get("node"), limits)


def _visit(node: Any, limits: Limits) -> Const | None:
    """Evaluate and check bottom-up; returns what is known of the node's value (None: not constant)."""
    if isinstance(node, list):
        for item in node:
            _visit(item, limits)
        return None
    if not isinstance(node, dict):
        return None
    if node.get("type") == "TABLE_FUNCTION":  # streamed in chunks; only its arguments build values
        function = node.get("function") or {}
        for argument in function.get("arguments") or []:
            _visit(argument, limits)
        for key, value in node.items():
            if key != "function" and isinstance(value, (dict, list)):
                _visit(value, limits)
        return None
    cls = node.get("class")
    if cls == "CONSTANT":
        return _literal(node.get("literal") or {})
    if cls == "CAST":
        child = _visit(node.get("child"), limits)
        return _cast(child, (node.get("type_expr") or {}).get("type_name", ""))
    if cls == "FUNCTION":
        arguments = [_visit((a or {}).get("expression"), limits) for a in node.get("arguments") or []]
        for key, value in node.items():
            if key != "arguments" and isinstance(value, (dict, list)):
                _visit(value, limits)
        name = str(node.get("function_name", "")).lower()
        result = _apply(name, arguments, bool(node.get("is_operator")))
        _check(name, result, limits)
        return result
    for value in node.values():
        if isinstance(value, (dict, list)):
            _visit(value, limits)
    return None


def _check(name: str, value: Const | None, limits: Limits) -> None:
    if value is None:
        return
    if value.kind == "list" and value.value > limits.list_elements:
        raise SqlRejected(
            f"{name}() here builds one list of {_count(value.value)} values in memory; under the memory limit "
            f"({limits.memory_limit}) one value may hold at most {limits.list_elements:,}. To count or aggregate "
            "many numbers read them as rows instead (SELECT count(*) FROM range(n)), or ask for fewer.")
    if value.kind == "text" and value.value > limits.text_chars:
        raise SqlRejected(
            f"{name}() here builds one text of {_count(value.value)} characters in memory; under the memory limit "
            f"({limits.memory_limit}) one value may hold at most {limits.text_chars:,}. Ask for a shorter text.")


def _count(n: float) -> str:
    return f"{n:,.0f}" if n < 1e15 else f"{n:.3g}"


# ------------------------------------------------------------------------------------ constants
_SHORT_TEXT = 256  # texts up to this length are kept, so that a cast of them can be read


def _literal(literal: dict[str, Any]) -> Const | None:
    kind, text = str(literal.get("kind", "")), literal.get("text")
    if text is None:
        return None
    if kind == "STRING":
        return Const("text", len(text), text if len(text) <= _SHORT_TEXT else None)
    try:
        return Const("number", float(text))
    except (TypeError, ValueError):
        return None


_NUMERIC_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                  "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "REAL", "DECIMAL", "NUMERIC", "INT4",
                  "INT8", "INT2", "FLOAT4", "FLOAT8", "VARINT", "BIGNUM"}
_TIME_TYPES = {"DATE", "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP WITH TIME ZONE",
               "TIMESTAMPTZ", "DATETIME"}
_TEXT_TYPES = {"VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR"}


def _cast(value: Const | None, type_name: str) -> Const | None:
    if value is None:
        return None
    target = str(type_name).upper()
    if target in _NUMERIC_TYPES:
        if value.kind == "number":
            return value
        if value.kind == "text" and value.text is not None:
            try:
                return Const("number", float(value.text))
            except ValueError:
                return None
        return None
    if target in _TIME_TYPES:
        return _time(value.text) if value.kind == "text" and value.text is not None else (
            value if value.kind == "time" else None)
    if target == "INTERVAL":
        if value.kind == "span":
            return value
        return _span(value.text) if value.kind == "text" and value.text is not None else None
    if target in _TEXT_TYPES:
        return value if value.kind == "text" else None
    return None


def _time(text: str) -> Const | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text.strip()), datetime.min.time())
        except ValueError:
            return None
    return Const("time", (moment.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds())


_SPAN_UNITS = {"microsecond": 1e-6, "millisecond": 1e-3, "second": 1, "minute": 60, "hour": 3600, "day": 86400,
               "week": 7 * 86400, "month": 30 * 86400, "year": 365 * 86400, "decade": 3650 * 86400,
               "century": 36500 * 86400, "millennium": 365000 * 86400}
_SPAN_PART = re.compile(r"(-?\d+(?:\.\d+)?)\s*([a-z]+)", re.I)


def _span(text: str) -> Const | None:
    seconds, found = 0.0, False
    for number, unit in _SPAN_PART.findall(text):
        unit = unit.lower().rstrip("s") if unit.lower() not in ("s", "ms", "us") else unit.lower()
        unit = {"s": "second", "sec": "second", "ms": "millisecond", "us": "microsecond", "min": "minute",
                "h": "hour", "hr": "hour", "d": "day", "mon": "month", "y": "year", "yr": "year",
                "millennia": "millennium", "centurie": "century"}.get(unit, unit)
        if unit not in _SPAN_UNITS:
            return None
        seconds += float(number) * _SPAN_UNITS[unit]
        found = True
    return Const("span", seconds) if found else None


# ------------------------------------------------------------------------------------ functions
def _number(value: Const | None) -> float | None:
    return value.value if value is not None and value.kind == "number" else None


def _arith(name: str, a: Const | None, b: Const | None) -> Const | None:
    if a is None or b is None:
        return None
    if name == "||" and a.kind == b.kind and a.kind in ("text", "list"):
        text = a.text + b.text if a.text is not None and b.text is not None and a.value + b.value <= _SHORT_TEXT else None
        return Const(a.kind, a.value + b.value, text)
    if a.kind == "time" and b.kind == "span" and name in ("+", "-"):
        return Const("time", a.value + b.value if name == "+" else a.value - b.value)
    if a.kind == "time" and b.kind == "number" and name in ("+", "-"):  # DATE + days
        return Const("time", a.value + (b.value if name == "+" else -b.value) * 86400)
    if a.kind == "span" and b.kind == "number" and name in ("*", "/"):
        return Const("span", a.value * b.value if name == "*" else a.value / b.value if b.value else math.inf)
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return None
    try:
        if name == "+":
            return Const("number", x + y)
        if name == "-":
            return Const("number", x - y)
        if name == "*":
            return Const("number", x * y)
        if name in ("/", "//"):
            return Const("number", x / y if name == "/" else x // y) if y else None
        if name == "%":
            return Const("number", math.fmod(x, y)) if y else None
        if name in ("**", "^", "pow", "power"):
            return Const("number", math.pow(x, y) if abs(y) < 1e4 else math.inf)
    except (OverflowError, ValueError):
        return Const("number", math.inf)
    return None


_SPAN_FUNCTIONS = {"to_microseconds": 1e-6, "to_milliseconds": 1e-3, "to_seconds": 1, "to_minutes": 60,
                   "to_hours": 3600, "to_days": 86400, "to_weeks": 7 * 86400, "to_months": 30 * 86400,
                   "to_years": 365 * 86400, "to_decades": 3650 * 86400, "to_centuries": 36500 * 86400,
                   "to_millennia": 365000 * 86400}


def _series(args: list[Const | None], inclusive: bool) -> Const | None:
    """range(end) / range(start, end[, step]) and generate_series (which includes the end)."""
    if len(args) == 1:
        start, end, step = Const("number", 0.0), args[0], Const("number", 1.0)
    elif len(args) in (2, 3):
        start, end = args[0], args[1]
        step = args[2] if len(args) == 3 else Const("number", 1.0)
    else:
        return None
    if start is None or end is None or step is None:
        return None
    if {start.kind, end.kind} == {"time"} and step.kind == "span":
        span, width = end.value - start.value, step.value
    elif {start.kind, end.kind, step.kind} == {"number"}:
        span, width = end.value - start.value, step.value
    else:
        return None
    if width == 0 or span * width < 0 or math.isnan(span):
        return Const("list", 0)
    count = math.floor(span / width) if inclusive else math.ceil(span / width)
    return Const("list", count + (1 if inclusive else 0))


def _repeat(args: list[Const | None]) -> Const | None:
    if len(args) != 2 or args[0] is None or _number(args[1]) is None:
        return None
    if args[0].kind not in ("text", "list"):
        return None
    return Const(args[0].kind, args[0].value * max(_number(args[1]), 0))


def _resize(args: list[Const | None]) -> Const | None:
    size = _number(args[1]) if len(args) >= 2 else None
    return Const("list", size) if size is not None else None


def _pad(args: list[Const | None]) -> Const | None:
    size = _number(args[1]) if len(args) >= 2 else None
    return Const("text", size) if size is not None else None


_WIDTH = re.compile(r"\d+")


def _format(args: list[Const | None]) -> Const | None:
    """printf('%1000000000d', x) / format('{:>1000000000}', x): the widest number in the pattern."""
    pattern = args[0] if args else None
    if pattern is None or pattern.kind != "text" or pattern.text is None:
        return None
    widths = [float(w) for w in _WIDTH.findall(pattern.text)]
    return Const("text", pattern.value + max(widths, default=0.0))


def _bar(args: list[Const | None]) -> Const | None:
    width = _number(args[3]) if len(args) >= 4 else None
    return Const("text", width * 3) if width is not None else None  # '█' is 3 bytes in UTF-8


def _list(args: list[Const | None]) -> Const:
    return Const("list", len(args))


_BUILDERS: dict[str, Callable[[list[Const | None]], Const | None]] = {
    "range": lambda a: _series(a, inclusive=False),
    "generate_series": lambda a: _series(a, inclusive=True),
    "repeat": _repeat,
    "list_resize": _resize, "array_resize": _resize,
    "lpad": _pad, "rpad": _pad,
    "printf": _format, "format": _format,
    "bar": _bar,
    "list_value": _list, "array_value": _list, "list_pack": _list,
}


def _apply(name: str, args: list[Const | None], is_operator: bool) -> Const | None:
    if name in _SPAN_FUNCTIONS and len(args) == 1 and _number(args[0]) is not None:
        return Const("span", _number(args[0]) * _SPAN_FUNCTIONS[name])
    if name in ("-", "+") and len(args) == 1:
        value = _number(args[0])
        return Const("number", -value if name == "-" else value) if value is not None else None
    if len(args) == 2 and (is_operator or name in ("pow", "power")):
        return _arith(name, args[0], args[1])
    if name in ("concat", "list_concat", "array_concat") and args and all(a is not None for a in args):
        kinds = {a.kind for a in args}
        if len(kinds) == 1 and kinds <= {"text", "list"}:
            return Const(kinds.pop(), sum(a.value for a in args))
        return None
    builder = _BUILDERS.get(name)
    return builder(args) if builder else None
