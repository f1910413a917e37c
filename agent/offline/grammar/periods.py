"""Conditions on dates for the offline grammar: a year or month ('in 2016', 'March 2014'), ranges of them,
periods relative to today ('last month', 'this year'), and parts of the year or week over the one date
column (seasons, quarters, halves, days of the week)."""

from __future__ import annotations

from dsagent.offline.columns import Column
from dsagent.offline.plan import Filter, one_year_filter
from dsagent.offline.grammar.days import RANGE_WORDS
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.tokens import Item
from dsagent.words.text import norm


def range_follows(g: GrammarPass, j: int) -> bool:
    """A date at j followed by 'to'/'a'/'-'/'hasta' and another date: 'from january to october 2017'."""
    k = j + 1
    if g.at(k) is not None and g.at(k).kind == "year" and g.items[j].kind == "month":
        k += 1
    sep = g.at(k)
    return sep is not None and sep.text in RANGE_WORDS and \
        g.at(k + 1) is not None and g.at(k + 1).kind in ("year", "month")


def date_filter(g: GrammarPass, j: int, op: str, subject: Column | None = None) -> int:
    """A year / month (/ 'March 2014') at j, compared with `op` to the time column (a second year: `years_together`)."""
    r = g.r
    it = g.items[j]
    col = subject or g.time_col()
    if col is None:
        if it.kind == "year":
            r.problems.append(f"the year {it.value} (no single date column to apply it to)")
        else:
            r.problems.append(f"the month '{it.text}' (no single date column)")
        return j + 1
    year, month, used = None, None, 1
    date_named_before(g, j, col)
    if it.kind == "month":
        month = it.value
        nxt = g.at(j + 1)
        if nxt is not None and nxt.kind == "year":
            year, used = nxt.value, 2
    else:
        year = it.value
    if op == "between" and (it.kind == "month" or (g.at(j + used + 1) is not None
                                                     and g.at(j + used + 1).kind == "month")):
        return month_range(g, j, col)
    if op == "between":
        sep, hi = g.at(j + used), g.at(j + used + 1)
        if hi is not None and hi.kind == "year" and year is not None and (
                sep.kind == "kw" and sep.key == "AND" or sep.text in RANGE_WORDS):
            lo_y, hi_y = sorted([year, hi.value])
            cond = (f"{col.q} BETWEEN {lo_y} AND {hi_y}" if col.year_like else
                    f"year({col.q}) BETWEEN {lo_y} AND {hi_y}")
            g.add_filter(Filter(col, "sql", sql=cond))
            r.understood.append(f"{col.name} from {lo_y} to {hi_y}")
            return j + used + 2
        r.problems.append("'between' needs two years")
        return j + used
    nxt_after = g.at(j + used)
    if op == "=" and year is not None and month is None and nxt_after is not None and nxt_after.kind == "kw" \
            and nxt_after.key == "UNTIL_NOW":
        op, used = ">=", used + 1  # "1995 to now", "desde 2020 hasta hoy"
    if col.year_like:
        if month is not None:
            r.problems.append(f"a month on the year column '{col.name}'")
            return j + used
        g.add_filter(Filter(col, op, year))
        r.understood.append(f"{col.name} {op} {year}")
        return j + used
    if not col.temporal:
        r.problems.append(f"a date filter on '{col.name}'")
        return j + used
    if op == "=" and year is not None and month is None and years_together(g, j, col, year):
        return j + used
    if op == "=" and month is not None and year is None and range_follows(g, j) \
            and g.at(j + 1).text not in ("and", "y"):
        return month_range(g, j, col)  # '(June to August)'; 'june and august' are two months
    if op == "=" and month is not None and months_together(g, j, col, month, year):
        return j + used
    if op == "=":
        parts = []
        if year is not None:
            parts.append(f"year({col.q}) = {year}")
        if month is not None:
            parts.append(f"month({col.q}) = {month}")
        cond = " AND ".join(parts)
        if month is None and year is not None:
            g.add_filter(Filter(col, "sql", value=year, sql=cond))
            r.understood.append(f"{col.name}: {it.text}")
            return j + used
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
    g.add_filter(Filter(col, "sql", sql=cond))
    r.understood.append(f"{col.name}: {it.text}{' ' + str(year) if month and year else ''}")
    return j + used


def years_together(g: GrammarPass, j: int, col: Column, year: int) -> bool:
    """'cost per department in 2023 vs 2024', 'visits in 2023 and 2024', '2023 or 2024': a second year of
    the same date column widens the first to both years, never both at once (a row is in one year: that
    answered nothing). Compared ('vs', 'and'), each year is a group of its own; 'or' keeps one total."""
    first = one_year_filter(g.r.filters, col)
    if first is None:
        return False
    g.r.filters.remove(first)
    if f"{col.name}: {first.value}" in g.r.understood:
        g.r.understood.remove(f"{col.name}: {first.value}")
    years = sorted({first.value, year})
    g.add_filter(Filter(col, "sql", value=years, sql=f"year({col.q}) IN ({', '.join(str(y) for y in years)})"))
    between = g.at(j - 1)
    if not (between is not None and between.kind == "kw" and between.text in ("or", "o")) and g.r.grain is None:
        g.r.grain, g.r.grain_column = "year", col  # one group a year ('per month' said too: the months show both)
    if between is not None and between.kind == "kw" and between.key == "VS" and "VS" in g.r.keys:
        g.r.keys.remove("VS")  # years compared side by side, not a scatter of two columns
    g.r.understood.append(f"{col.name}: {' and '.join(str(y) for y in years)}")
    return True


def month_range(g: GrammarPass, j: int, col: Column) -> int:
    """'from january to october 2017', 'de marzo de 2023 a junio de 2023': first day to end of month."""
    r = g.r
    k = j
    ends = []
    for _ in range(2):
        it = g.at(k)
        month, year = None, None
        if it is not None and it.kind == "month":
            month = it.value
            k += 1
            if g.at(k) is not None and g.at(k).kind == "year":
                year = g.at(k).value
                k += 1
        elif it is not None and it.kind == "year":
            year = it.value
            k += 1
        ends.append([month, year])
        if len(ends) == 1:
            k += 1  # the separator
    (m1, y1), (m2, y2) = ends
    y1 = y1 or y2
    if y1 is None and y2 is None and col.temporal and m1 and m2 and m1 <= m2 and _year_said_or_one(g, col):
        # 'the summer of 2024 (June to August)', 'from june to august' over one year of data: those months
        # of the year (the year rule, or the data, says which)
        g.add_filter(Filter(col, "sql", sql=f"month({col.q}) BETWEEN {m1} AND {m2}"))
        r.understood.append(f"{col.name}: months {m1}-{m2}")
        return k
    if y1 is None or y2 is None or not col.temporal:
        r.problems.append("a range of months without a year" if col.temporal else f"a month range on {col.name}")
        return k
    start = f"DATE '{y1:04d}-{(m1 or 1):02d}-01'"
    end = f"(DATE '{y2:04d}-{(m2 or 12):02d}-01' + INTERVAL 1 MONTH)"
    g.add_filter(Filter(col, "sql", sql=f"{col.q} >= {start} AND {col.q} < {end}"))
    r.understood.append(f"{col.name} from {m1 or 1}/{y1} to {m2 or 12}/{y2}")
    return k


def _year_said_or_one(g: GrammarPass, col: Column) -> bool:
    """Whether the request says a year, or the date column covers one calendar year."""
    first, last = years_covered(col)
    return any(it.kind == "year" for it in g.items) or bool(first) and first == last


def years_covered(col: Column | None) -> tuple[str, str]:
    """The first and last year a date column covers, as written ('' when not known)."""
    if col is None or not col.temporal:
        return "", ""
    return str(col.min or "")[:4], str(col.max or "")[:4]


def months_together(g: GrammarPass, j: int, col: Column, month: int, year: int | None) -> bool:
    """Rule `months_together`: 'tickets in june and august', 'june 2024 and august 2024': a second month of
    the same date column widens the first to both months (a row is in one month: both at once answered
    nothing). Compared ('june vs august'), each month of the year is a group of its own."""
    key = ("month", year)  # months of any year, or of one year each
    first = next((f for f in g.r.filters if f.op == "sql" and f.column is col and isinstance(f.value, tuple)
                  and f.value[:2] == key), None)
    text = f"{g.items[j].text}{' ' + str(year) if year else ''}"
    if first is None:
        sql = f"month({col.q}) = {month}" if year is None else f"year({col.q}) = {year} AND month({col.q}) = {month}"
        g.add_filter(Filter(col, "sql", value=(*key, [month]), sql=sql))
        g.r.understood.append(f"{col.name}: {text}")
        return True
    months = sorted(set(first.value[2]) | {month})
    first.value = (*key, months)
    if year is None:
        first.sql = f"month({col.q}) IN ({', '.join(str(m) for m in months)})"
    else:
        first.sql = f"year({col.q}) = {year} AND month({col.q}) IN ({', '.join(str(m) for m in months)})"
    between = g.at(j - 1)
    if between is not None and between.kind == "kw" and between.key == "VS" and g.r.grain is None:
        g.r.grain, g.r.grain_column = "month_of_year", col
        if "VS" in g.r.keys:
            g.r.keys.remove("VS")
    g.r.understood.append(f"{col.name}: months {' and '.join(str(m) for m in months)}")
    return True


def named_period(g: GrammarPass, it: Item) -> None:
    """'this year', 'el mes pasado', 'last year': a calendar period relative to today."""
    r = g.r
    which, _, unit = (it.param or "").partition("_")
    col = g.time_col()
    if col is None or not col.temporal:
        r.problems.append(f"'{it.text}' (no single date column)")
        return
    start = f"date_trunc('{unit}', current_date)"
    if which == "this":
        cond = f"{col.q} >= {start} AND {col.q} < {start} + INTERVAL 1 {unit.upper()}"
    else:
        cond = f"{col.q} >= {start} - INTERVAL 1 {unit.upper()} AND {col.q} < {start}"
    g.add_filter(Filter(col, "sql", sql=cond))
    r.understood.append(f"{col.name}: {it.text}")


def period(g: GrammarPass, j: int) -> int:
    """'last month', 'last 3 months', 'el ultimo ano' -> a filter relative to today; else a bottom-N."""
    r = g.r
    nxt, nxt2 = g.at(j + 1), g.at(j + 2)
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
    col = g.time_col()
    if col is None or not col.temporal:
        r.problems.append(f"'last {unit}' (no single date column)")
        return j + used
    if count == 1 and unit in ("month", "year", "quarter", "week"):
        cond = (f"{col.q} >= date_trunc('{unit}', current_date) - INTERVAL 1 {unit.upper()} "
                f"AND {col.q} < date_trunc('{unit}', current_date)")
    else:
        cond = f"{col.q} >= current_date - INTERVAL {count} {unit.upper()}"
    g.add_filter(Filter(col, "sql", sql=cond))
    r.understood.append(f"{col.name} in the last {count} {unit}(s)")
    return j + used


def last_period(g: GrammarPass, j: int) -> int | None:
    """'last month', 'last 3 months', 'el ultimo ano' (a period before today), 'last 5' (a bottom-N)."""
    return period(g, j) if g.items[j].key == "LAST" else None


def named_period_word(g: GrammarPass, j: int) -> int | None:
    """'this year', 'el mes pasado': a calendar period relative to today."""
    if g.items[j].key != "PERIOD":
        return None
    named_period(g, g.items[j])
    return j + 1


def date_named_before(g: GrammarPass, j: int, col: Column) -> None:
    """Rule date_named_before: in 'ships built in 2010', 'hired in March 2020' the word just before the
    date names the date column the date is of ('built' for year_built), so that column has its role: the
    filter. It stayed a column to list ('SELECT year_built ... WHERE year_built = 2010') and left 'how
    many ships built in 2010' declined."""
    prev = g.at(j - 1)
    if prev is not None and prev.kind == "col" and prev.col.name == col.name:
        prev.used = True
        g.unbare(prev.col)


def date_mention(g: GrammarPass, j: int) -> int | None:
    """'in 2016', 'in july', 'March 2014': that year or month of the table's date column."""
    return date_filter(g, j, op="=")


def season_word(g: GrammarPass, j: int) -> int | None:
    """'in summer', 'en invierno': the months of that season over the one date column (meteorological,
    northern hemisphere: said in the plan, which is then not confident)."""
    read = _months_of(g, j, "SEASON")
    if read is None:
        return None
    it, months, tc = read
    if tc is not None:
        g.r.understood.append(f"{it.text}: months {', '.join(str(m) for m in months)} of {tc.name}")
        g.r.fuzzy.append(f"{it.text} -> months {months[0]}-{months[-1]} (northern hemisphere)")
    return j + 1


def _months_of(g: GrammarPass, j: int, key: str) -> tuple[Item, list[int], Column | None] | None:
    """(the item, its months, the date column filtered to them) of a word of months with `key` at j."""
    it = g.items[j]
    if it.key != key:
        return None
    months = [int(m) for m in it.param.split(",")]
    return it, months, _months_filter(g, it, months)


def day_of_week_word(g: GrammarPass, j: int) -> int | None:
    """Rule day_of_week_word: 'on mondays', 'at weekends', 'los sábados', 'entre semana': the rows whose date
    falls on those days of the week (ISO numbers, `prompts/words/dates.json` days_of_week) over the one date
    column. They were unknown words, declined. Two of them are either ('on saturdays and sundays': it asked
    both at once, which no day is)."""
    it = g.items[j]
    if it.key != "DOW":
        return None
    values = [a for a in g.index.lookup(tuple(norm(it.text).split())) if a.kind == "value" and a.table == g.table]
    if len({a.column for a in values}) == 1:  # a column of day names ('Saturday' of day_name): that value
        it.kind, it.col, it.value = "val", g.index.column(g.table, values[0].column), values[0].value
        return j
    days = [int(d) for d in it.param.split(",")]
    tc = g.time_col()
    if tc is None or not tc.temporal:
        g.r.problems.append(f"'{it.text}' without a single date column")
        return j + 1
    earlier = next((f for f in g.r.filters if f.op == "sql" and f.column is tc and isinstance(f.value, tuple)
                    and f.value[0] == "dow"), None)
    if earlier is not None:
        # 'on saturdays and sundays', 'lunes o martes': one day or the other (both at once is no day)
        days = sorted(set(earlier.value[1]) | set(days))
        g.r.filters.remove(earlier)
    g.add_filter(Filter(tc, "sql", value=("dow", days), sql=f"isodow({tc.q}) IN ({', '.join(str(d) for d in days)})"))
    g.r.understood.append(f"{it.text}: days {', '.join(str(d) for d in days)} of the week (Monday 1) of {tc.name}")
    return j + 1


def _months_filter(g: GrammarPass, it: Item, months: list[int]) -> Column | None:
    """Rows whose date is in one of `months` (of any year) on the one date column, which is returned;
    None, and the problem said, when there is no such column. As month IN (...): quarter() and a
    season's words do not carry over to PostgreSQL."""
    tc = g.time_col()
    if tc is None or not tc.temporal:
        g.r.problems.append(f"'{it.text}' without a single date column")
        return None
    g.add_filter(Filter(tc, "sql", sql=f"month({tc.q}) IN ({', '.join(str(m) for m in months)})"))
    return tc


def quarter_word(g: GrammarPass, j: int) -> int | None:
    """'in Q1', 'the third quarter', 'el primer trimestre': that quarter of the year over the one date
    column (a year beside it, 'Q1 2023', is the year rule's)."""
    it = g.items[j]
    if it.key != "QUARTER":
        return None
    first = 3 * int(it.param) - 2
    tc = _months_filter(g, it, [first, first + 1, first + 2])
    if tc is not None:
        g.r.understood.append(f"quarter of {tc.name}: {int(it.param)}")
    return j + 1


def half_word(g: GrammarPass, j: int) -> int | None:
    """Rule `period_of_a_year`: 'the first half of 2024', 'el segundo semestre': the months of that half of the
    year over the one date column (a year beside it is the year rule's). 'the last quarter of 2023' is its
    fourth quarter (`quarter_word`); it was the quarter before today."""
    read = _months_of(g, j, "HALF")
    if read is None:
        return None
    it, months, tc = read
    if tc is not None:
        g.r.understood.append(f"{it.text}: months {months[0]}-{months[-1]} of {tc.name}")
    return j + 1
