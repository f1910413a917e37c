"""A calendar day written in a request: "weather on 2022-07-04", "revenue after 2024-03-01", "orders
between 2024-01-01 and 2024-01-31", "desde 2023/06/15".

Only year-first forms (2024-03-01, 2024/3/1; read by `tokens.parse_day`) are days: 03/04/2024 is the
3rd of April in one country and March 4th in another, so it stays a problem (the request is declined)
rather than a guess. A day compares whole days, so a timestamp column on that day matches: 'after' a
day starts the next day, 'until' a day ends with it.
"""

from __future__ import annotations

from dsagent.offline.columns import Column
from dsagent.offline.plan import Filter
from dsagent.offline.grammar.roles import CMP_KEYS
from dsagent.offline.grammar.state import GrammarPass

RANGE_WORDS = ("to", "a", "-", "hasta", "until", "through", "y", "and")  # between two dates of a range


def day_mention(g: GrammarPass, j: int) -> int | None:
    """'weather on 2022-07-04', 'ventas del 2024-03-01': rows of that day of the table's date column."""
    return day_filter(g, j, "=")


def day_comparison(g: GrammarPass, j: int, subject: Column | None) -> int:
    """The comparison keyword at j before a day: 'after', 'before', 'since', 'until', 'between ... and'."""
    it = g.items[j]
    return day_filter(g, j + 1, "between" if it.key == "BETWEEN" else CMP_KEYS[it.key], subject)


def day_filter(g: GrammarPass, j: int, op: str, subject: Column | None = None) -> int:
    """The day at j compared with `op` to the date column (a second day after 'to'/'and': a range)."""
    r, it = g.r, g.items[j]
    col = subject if subject is not None and subject.temporal else g.time_col()
    if col is None or not col.temporal:
        r.problems.append(f"the day {it.value} (no single date column to apply it to)")
        return j + 1
    sep, hi = g.at(j + 1), g.at(j + 2)
    if op in ("between", ">=", "=") and sep is not None and sep.text in RANGE_WORDS \
            and hi is not None and hi.kind == "day":
        lo_day, hi_day = sorted([it.value, hi.value])
        g.add_filter(Filter(col, "sql", sql=f"{col.q} >= DATE '{lo_day}' AND {col.q} < DATE '{hi_day}' + INTERVAL 1 DAY"))
        r.understood.append(f"{col.name} from {lo_day} to {hi_day}")
        return j + 3
    if op == "between":
        r.problems.append("'between' needs two days")
        return j + 1
    day = f"DATE '{it.value}'"
    cond = {"=": f"CAST({col.q} AS DATE) = {day}", "<>": f"CAST({col.q} AS DATE) <> {day}",
            ">": f"{col.q} >= {day} + INTERVAL 1 DAY", ">=": f"{col.q} >= {day}",
            "<": f"{col.q} < {day}", "<=": f"{col.q} < {day} + INTERVAL 1 DAY"}[op]
    g.add_filter(Filter(col, "sql", sql=cond))
    r.understood.append(f"{col.name} {op} {it.value}")
    return j + 1
