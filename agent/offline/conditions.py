"""Conditions for the offline grammar: comparisons, between, missing values, dates, months and periods."""

from __future__ import annotations

from dsagent.offline.linker import Column
from dsagent.offline.plan import Filter
from dsagent.offline.roles import AGG_KEYS
from dsagent.offline.tokens import Item

CMP_KEYS = {"GT": ">", "GE": ">=", "LT": "<", "LE": "<=", "EQ": "=", "NE": "<>"}


class ConditionRoles:
    """Mixin of `offline_parse.Grammar`: filters from comparison words, missing values and dates."""

    def comparison(self, j: int, negate: bool) -> int:
        """A comparison keyword at j: find its subject (column before, or implied) and its value(s)."""
        r = self.r
        it = self.items[j]
        subject = None
        k = j - 1
        while k >= 0 and self.items[k].kind == "kw" and self.items[k].key in ("NOT", "WITH", "AND") and k >= j - 2:
            k -= 1
        prev = self.at(k)
        if prev is not None and prev.kind == "col":
            subject = prev.col
            prev.used = True
            if subject in r.bare:
                r.bare.remove(subject)
        implied = self.column_by_word(it.param)
        if subject is None:
            subject = implied
        nxt = self.at(j + 1)
        after = self.at(j + 2)
        date_words = ("from", "since", "desde", "between", "entre", "after", "before", "antes de", "despues de",
                      "a partir de", "until", "hasta")
        if nxt is not None and nxt.kind in ("year", "month") and subject is not None and not (
                subject.temporal or subject.year_like) and not (nxt.kind == "year" and subject.numeric
                                                                and it.text not in date_words):
            if prev is not None and prev.kind == "col" and subject is prev.col and not any(
                    m.column is subject for m in r.measures):
                r.bare.append(subject)  # "revenue between march and june": revenue keeps no role yet
            subject = None  # "sales from january": the date column, not sales
        if nxt is not None and nxt.kind == "col" and after is not None and after.kind == "num":
            if subject is not None and prev is not None and prev.kind == "col" and subject is prev.col and \
                    subject not in r.bare and not any(m.column is subject for m in r.measures):
                r.bare.append(subject)  # "income between age 30 and 40": income was not the subject
            subject = nxt.col  # "between age 20 and 30"
            nxt.used = True
            if subject in r.bare:
                r.bare.remove(subject)
            j += 1
            nxt = after
        if nxt is not None and nxt.kind == "year" and subject is not None and subject.numeric \
                and not subject.year_like and not (it.text in date_words and self.time_col() is not None):
            nxt.kind = "num"  # "revenue above 2000" is a number, not a year ("from 1995 to 2009" stays years)
        if nxt is not None and nxt.kind in ("year", "month") and (subject is None or subject.temporal or subject.year_like):
            op = "between" if it.key == "BETWEEN" or (it.key == "GE" and self._range_follows(j + 1)) else CMP_KEYS[it.key]
            return self.date_filter(j + 1, op=op, subject=subject)
        if nxt is None or nxt.kind != "num":
            if nxt is not None and nxt.kind == "kw" and nxt.key in AGG_KEYS:
                r.problems.append(f"a comparison with an aggregate ('{it.text} {nxt.text}')")
            elif it.key in ("GE", "LE", "GT", "LT") and it.text in ("from", "since", "desde", "until", "hasta", "over",
                                                                    "after", "before", "under") and not (
                    nxt is not None and nxt.kind in ("year", "month", "num")):
                if it.text in ("over", "under"):
                    return self.soft_fail(j, it)
                if prev is not None and prev.kind == "col" and subject is prev.col and subject not in r.bare \
                        and not any(m.column is subject for m in r.measures):
                    r.bare.append(subject)  # 'from' was only a preposition: "profit from the table"
                return j + 1
            else:
                r.problems.append(f"'{it.text}' without a number after it")
            return j + 1
        if subject is None:
            r.problems.append(f"'{it.text} {nxt.text}' without a column")
            return j + 2
        if not subject.numeric:
            r.problems.append(f"comparing the text column '{subject.name}' with a number")
            return j + 2
        value = nxt.value
        if it.key == "BETWEEN":
            sep, hi = self.at(j + 2), self.at(j + 3)
            if sep is None or hi is None or hi.kind != "num" or not (sep.kind == "kw" and sep.key in ("AND",) or sep.text in ("to", "a", "-", "hasta", "y")):
                r.problems.append("'between' needs two numbers")
                return j + 2
            lo, hi_v = sorted([value, hi.value])
            unit = self.at(j + 4)
            if unit is not None and unit.kind == "kw" and unit.key == "UNIT" and unit.param == "year":
                self.items[j + 4] = Item("stop", unit.text, unit.start)
            self.add_filter(Filter(subject, "between", lo, hi_v))
            r.understood.append(f"{subject.name} between {lo} and {hi_v}")
            return j + 4
        unit = self.at(j + 2)
        if unit is not None and unit.kind == "kw" and unit.key == "UNIT" and unit.param == "year":
            self.items[j + 2] = Item("stop", unit.text, unit.start)  # "mayores de 70 anos"
        op = CMP_KEYS[it.key]
        if negate:
            op = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "<>", "<>": "="}[op]
        self.add_filter(Filter(subject, op, value))
        r.understood.append(f"{subject.name} {op} {value}")
        return j + 2

    def _range_follows(self, j: int) -> bool:
        """A date at j followed by 'to'/'a'/'-'/'hasta' and another date: 'from january to october 2017'."""
        k = j + 1
        if self.at(k) is not None and self.at(k).kind == "year" and self.items[j].kind == "month":
            k += 1
        sep = self.at(k)
        return sep is not None and (sep.text in ("to", "a", "-", "hasta", "until", "through", "y", "and")) and \
            self.at(k + 1) is not None and self.at(k + 1).kind in ("year", "month")

    def soft_fail(self, j: int, it: Item) -> int:
        self.r.problems.append(f"'{it.text}' without a number after it")
        return j + 1

    def null_mention(self, j: int, negate: bool) -> None:
        """'missing age' / 'age is missing' / 'sin edad': a null filter on the neighbouring column."""
        r = self.r
        prev, nxt = self.at(j - 1), self.at(j + 1)
        col = None
        if nxt is not None and nxt.kind == "col" and not nxt.used:
            col = nxt.col
            nxt.used = True
            self.items[j + 1] = Item("stop", nxt.text, nxt.start)  # consumed here
        elif prev is not None and prev.kind == "col":
            col = prev.col
            if col in r.bare:
                r.bare.remove(col)
        if col is None:
            r.keys.append("NULL_ANY")
            return
        r.null_cols.append(col)
        self.add_filter(Filter(col, "is not null" if negate else "is null"))
        r.understood.append(f"{col.name} is {'not ' if negate else ''}missing")

    def date_filter(self, j: int, op: str, subject: Column | None = None) -> int:
        """A year / month (/ 'March 2014') at j, compared with `op` to the time column."""
        r = self.r
        it = self.items[j]
        col = subject or self.time_col()
        if col is None:
            if it.kind == "year":
                r.problems.append(f"the year {it.value} (no single date column to apply it to)")
            else:
                r.problems.append(f"the month '{it.text}' (no single date column)")
            return j + 1
        year, month, used = None, None, 1
        if it.kind == "month":
            month = it.value
            nxt = self.at(j + 1)
            if nxt is not None and nxt.kind == "year":
                year, used = nxt.value, 2
        else:
            year = it.value
        if op == "between" and (it.kind == "month" or (self.at(j + used + 1) is not None
                                                         and self.at(j + used + 1).kind == "month")):
            return self.month_range(j, col)
        if op == "between":
            sep, hi = self.at(j + used), self.at(j + used + 1)
            if hi is not None and hi.kind == "year" and year is not None and (sep.kind == "kw" and sep.key == "AND" or sep.text in ("to", "a", "hasta", "y", "-", "until", "through")):
                lo_y, hi_y = sorted([year, hi.value])
                cond = (f"{col.q} BETWEEN {lo_y} AND {hi_y}" if col.year_like else
                        f"year({col.q}) BETWEEN {lo_y} AND {hi_y}")
                self.add_filter(Filter(col, "sql", sql=cond))
                r.understood.append(f"{col.name} from {lo_y} to {hi_y}")
                return j + used + 2
            r.problems.append("'between' needs two years")
            return j + used
        nxt_after = self.at(j + used)
        if op == "=" and year is not None and month is None and nxt_after is not None and nxt_after.kind == "kw" \
                and nxt_after.key == "UNTIL_NOW":
            op, used = ">=", used + 1  # "1995 to now", "desde 2020 hasta hoy"
        if col.year_like:
            if month is not None:
                r.problems.append(f"a month on the year column '{col.name}'")
                return j + used
            self.add_filter(Filter(col, op, year))
            r.understood.append(f"{col.name} {op} {year}")
            return j + used
        if not col.temporal:
            r.problems.append(f"a date filter on '{col.name}'")
            return j + used
        if op == "=":
            parts = []
            if year is not None:
                parts.append(f"year({col.q}) = {year}")
            if month is not None:
                parts.append(f"month({col.q}) = {month}")
            cond = " AND ".join(parts)
        else:
            start = f"DATE '{year or 1970:04d}-{month or 1:02d}-01'"
            if year is None:
                r.problems.append("a month comparison without a year")
                return j + used
            # before/after a period compare with its first/last day
            if op in (">", "<="):
                end = (f"(DATE '{year:04d}-{month:02d}-01' + INTERVAL 1 MONTH)" if month else f"DATE '{year + 1:04d}-01-01'")
                cond = f"{col.q} >= {end}" if op == ">" else f"{col.q} < {end}"
            else:
                cond = f"{col.q} {op} {start}"
        self.add_filter(Filter(col, "sql", sql=cond))
        r.understood.append(f"{col.name}: {it.text}{' ' + str(year) if month and year else ''}")
        return j + used

    def month_range(self, j: int, col: Column) -> int:
        """'from january to october 2017', 'de marzo de 2023 a junio de 2023': first day to end of month."""
        r = self.r
        k = j
        ends = []
        for _ in range(2):
            it = self.at(k)
            month, year = None, None
            if it is not None and it.kind == "month":
                month = it.value
                k += 1
                if self.at(k) is not None and self.at(k).kind == "year":
                    year = self.at(k).value
                    k += 1
            elif it is not None and it.kind == "year":
                year = it.value
                k += 1
            ends.append([month, year])
            if len(ends) == 1:
                k += 1  # the separator
        (m1, y1), (m2, y2) = ends
        y1 = y1 or y2
        if y1 is None or y2 is None or not col.temporal:
            r.problems.append("a range of months without a year" if col.temporal else f"a month range on {col.name}")
            return k
        start = f"DATE '{y1:04d}-{(m1 or 1):02d}-01'"
        end = f"(DATE '{y2:04d}-{(m2 or 12):02d}-01' + INTERVAL 1 MONTH)"
        self.add_filter(Filter(col, "sql", sql=f"{col.q} >= {start} AND {col.q} < {end}"))
        r.understood.append(f"{col.name} from {m1 or 1}/{y1} to {m2 or 12}/{y2}")
        return k

    def named_period(self, it: Item) -> None:
        """'this year', 'el mes pasado', 'last year': a calendar period relative to today."""
        r = self.r
        which, _, unit = (it.param or "").partition("_")
        col = self.time_col()
        if col is None or not col.temporal:
            r.problems.append(f"'{it.text}' (no single date column)")
            return
        start = f"date_trunc('{unit}', current_date)"
        if which == "this":
            cond = f"{col.q} >= {start} AND {col.q} < {start} + INTERVAL 1 {unit.upper()}"
        else:
            cond = f"{col.q} >= {start} - INTERVAL 1 {unit.upper()} AND {col.q} < {start}"
        self.add_filter(Filter(col, "sql", sql=cond))
        r.understood.append(f"{col.name}: {it.text}")

    def period(self, j: int) -> int:
        """'last month', 'last 3 months', 'el ultimo ano' -> a filter relative to today; else a bottom-N."""
        r = self.r
        nxt, nxt2 = self.at(j + 1), self.at(j + 2)
        count, unit, used = 1, None, 1
        if nxt is not None and nxt.kind == "kw" and nxt.key == "UNIT":
            unit, used = nxt.param, 2
        elif nxt is not None and nxt.kind == "num" and nxt2 is not None and nxt2.kind == "kw" and nxt2.key == "UNIT":
            count, unit, used = int(nxt.value), nxt2.param, 3
        elif nxt is not None and nxt.kind == "col" and nxt.col.temporal is False and nxt.text in ("year", "month", "ano", "mes"):
            unit, used = {"year": "year", "ano": "year"}.get(nxt.text, "month"), 2
        if unit is None:
            if nxt is not None and nxt.kind == "num" and isinstance(nxt.value, int):
                r.limit = nxt.value
                r.descending = False if r.descending is None else r.descending
                r.keys.append("BOTTOM")
                return j + 2
            r.problems.append("'last' without a period (say 'last month' or 'last 3 months')")
            return j + 1
        col = self.time_col()
        if col is None or not col.temporal:
            r.problems.append(f"'last {unit}' (no single date column)")
            return j + used
        if count == 1 and unit in ("month", "year", "quarter", "week"):
            cond = (f"{col.q} >= date_trunc('{unit}', current_date) - INTERVAL 1 {unit.upper()} "
                    f"AND {col.q} < date_trunc('{unit}', current_date)")
        else:
            cond = f"{col.q} >= current_date - INTERVAL {count} {unit.upper()}"
        self.add_filter(Filter(col, "sql", sql=cond))
        r.understood.append(f"{col.name} in the last {count} {unit}(s)")
        return j + used
