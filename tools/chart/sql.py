"""Chart spec -> SQL: resolve the spec's columns, fix what would mislead, build aggregated DuckDB queries.

Only validated column names reach SQL, always through `quote_ident`; the one free-text piece of a
spec (`where`) is checked by the SQL guard together with the whole statement. Every query groups,
bins or samples in DuckDB, so a chart never pulls raw rows beyond a few thousand into Python.
"""

from __future__ import annotations

from typing import Any

from dsagent.errors import ModelError
from dsagent.data.naming import quote_ident, quote_literal

from dsagent.tools.chart.lint import MISSING, Plan
from dsagent.words.language import say

SCATTER_SAMPLE = 5000  # points drawn at most; more rows are sampled (and the notes say so)
MAX_BARS = 20  # single-series bars before top N + Other
MAX_GROUPS = 12  # x categories of grouped/stacked bars and box plots
MAX_SERIES = 7  # colours in one chart (the Okabe-Ito palette has 8; grey is kept for Other)
MAX_HEAT = 25  # categories per heatmap axis
MAX_PIE = 6  # parts of a pie
MAX_LINE_POINTS = 400  # x values of a line over a numeric axis before it is binned
SMALL_GROUP = 20  # D1: groups under this many rows are marked
HIDE_GROUP = 5  # D1: an average of fewer rows than this is not shown

_SQL_AGG = {"sum": "sum({})", "mean": "avg({})", "median": "median({})", "min": "min({})", "max": "max({})",
            "distinct": "count(DISTINCT {})"}


def where_clause(p: Plan, extra: list[str] | None = None) -> str:
    parts = ([f"({p.where})"] if p.where else []) + (extra or [])
    return (" WHERE " + " AND ".join(parts)) if parts else ""


def stats_sql(p: Plan, date_col: str | None) -> str:
    """One cheap query: row count, distinct counts and ranges that decide grain, bins, top N and the title."""
    q = quote_ident
    items = ["count(*) AS rows"]
    for role in ("x", "y", "color"):
        col = getattr(p, role)
        if col:
            items.append(f"count(DISTINCT {q(col)}) AS {role}_distinct")
            if p.cls(col) in ("number", "time"):
                items += [f"min({q(col)}) AS {role}_min", f"max({q(col)}) AS {role}_max"]
    if p.y and p.cls(p.x) in ("number", "time") and p.cls(p.y) == "number":  # a lint may still make it a scatter
        items.append(f"count(*) FILTER (WHERE {q(p.x)} IS NOT NULL AND {q(p.y)} IS NOT NULL) AS pairs")
    if p.y and p.cls(p.x) == "number" and p.cls(p.y) == "number":  # a scatter says how close to a line it is
        items.append(f"corr({q(p.x)}, {q(p.y)}) AS xy_corr")
    if date_col:
        items += [f"min({q(date_col)}) AS date_min", f"max({q(date_col)}) AS date_max"]
    return f"SELECT {', '.join(items)} FROM {q(p.table)}{where_clause(p)}"


def choose_grain(lo, hi) -> str:
    """A time grain giving a readable number of points for a date span."""
    import datetime as dt

    def as_date(v):
        return dt.date.fromisoformat(str(v)[:10])

    days = (as_date(hi) - as_date(lo)).days
    if days <= 92:
        return "day"
    if days <= 366 * 5:
        return "month"
    if days <= 366 * 20:
        return "quarter"
    return "year"


def _agg_expr(p: Plan, measure: str | None) -> str:
    if p.aggregate == "count" or measure is None:
        return "count(*)"
    return _SQL_AGG[p.aggregate].format(quote_ident(measure))


def value_name(p: Plan, measure: str | None) -> str:
    if p.aggregate == "count" or measure is None:
        return "count"
    return f"{p.aggregate}_{measure}" if p.aggregate != "distinct" else f"distinct_{measure}"


def _key_expr(p: Plan, col: str, lumped_cte: str | None, other_label: str | None) -> str:
    """The grouping expression of a category/time column, with Other when it was lumped."""
    q = quote_ident
    cls = p.cls(col)
    if cls == "time" and p.time_grain and col == p.x:
        return f"date_trunc({quote_literal(p.time_grain)}, {q(col)})"
    if lumped_cte:
        return (f"CASE WHEN {q(col)} IN (SELECT k FROM {lumped_cte}) THEN CAST({q(col)} AS VARCHAR) "
                f"ELSE {quote_literal(other_label)} END")
    if cls in ("text", "bool"):
        return f"coalesce(CAST({q(col)} AS VARCHAR), {quote_literal(MISSING)})"
    return q(col)


def _top_cte(p: Plan, name: str, col: str, n: int, measure: str | None, asked: bool = False) -> str:
    """Keys of the N largest groups: by the value for totals and counts, and for any aggregate when the
    request asked for a top N ('the top 5 genres by average box office' ranked by the average; by row count
    they were other genres than asked); by row count for averages lumped only because there were too many."""
    ranked_by_value = p.aggregate in ("count", "sum", "distinct") or asked and p.aggregate in (
        "mean", "median", "min", "max")
    metric = _agg_expr(p, measure) if ranked_by_value else "count(*)"
    if p.aggregate == "sum":
        metric = f"abs({metric})"
    q = quote_ident
    return (f"{name} AS (SELECT {q(col)} AS k FROM {q(p.table)}{where_clause(p)} GROUP BY 1 "
            f"ORDER BY {metric} DESC NULLS LAST, 1 LIMIT {int(n)})")


def _nice_step(span: float, bins: int) -> float:
    """A round bin width (1, 2, 2.5 or 5 times a power of ten) near span / bins."""
    import math

    raw = span / max(bins, 1)
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def bin_layout(lo: float, hi: float, bins: int | None, integer: bool, distinct: int, rows: int) -> tuple[float, float, int]:
    """(start, width, count) of equal-width bins with round edges; one bin per value for small integers."""
    import math

    lo, hi = float(lo), float(hi)
    if integer and distinct <= 40 and hi - lo <= 60 and not bins:
        return lo - 0.5, 1.0, int(hi - lo) + 1
    if hi == lo:
        return lo - 0.5, 1.0, 1
    want = bins or max(10, min(40, round(math.sqrt(max(rows, 1)))))
    want = max(2, min(int(want), 200))
    width = _nice_step(hi - lo, want)
    start = math.floor(lo / width) * width
    count = max(1, math.ceil((hi - start) / width + 1e-9))
    if start + count * width <= hi:
        count += 1
    return start, width, min(count, 400)


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        base, k = n, 2
        while n in seen:
            n = f"{base}_{k}"
            k += 1
        seen.add(n)
        out.append(n)
    return out


def _num(v: Any) -> str:
    return repr(float(v))


def _lump(p: Plan, ctes: list[str], role: str, col: str, limit: int, measure: str | None) -> tuple[str | None, str | None]:
    """Top N + Other for one category column when it has more than `limit` values (or top_n asks)."""
    distinct = int(p.stats.get(f"{role}_distinct") or 0)
    wanted = p.top_n if (p.top_n and role == "x") else None
    if p.cls(col) not in ("text", "bool") and not wanted:
        return None, None
    n = wanted or (limit - 1 if distinct > limit else None)
    if not n or distinct <= n:
        return None, None
    n = max(1, min(int(n), 50))
    name = f"top_{role}"
    ctes.append(_top_cte(p, name, col, n, measure, asked=wanted is not None))
    label = say("chart_notes", "other_label", count=distinct - n)
    p.note(say("chart_notes", "top_n_and_other", column=col, distinct=f"{distinct:,}", n=n, label=label))
    p.roles[f"{role}_other"] = label
    return name, label


def build_sql(p: Plan) -> None:
    """Set p.sql and p.roles for the plan's kind (p.stats must hold the stats query's row)."""
    {"bar": _grouped, "grouped_bar": _grouped, "stacked_bar": _grouped, "pie": _grouped, "line": _grouped,
     "area": _grouped, "heatmap": _grouped, "histogram": _histogram, "box": _box, "scatter": _scatter}[p.kind](p)


def _numeric_bins(p: Plan, role: str, col: str, target: int) -> str | None:
    """Bin a numeric axis with too many values (lines, heatmaps) into round-width buckets."""
    st = p.stats
    distinct = int(st.get(f"{role}_distinct") or 0)
    if p.cls(col) != "number" or distinct <= target or st.get(f"{role}_min") is None:
        return None
    start, width, count = bin_layout(st[f"{role}_min"], st[f"{role}_max"], target, False, distinct, distinct)
    top = (float(st[f"{role}_max"]) - start) / width
    if count > 1 and abs(top - round(top)) < 1e-9:
        count -= 1  # the maximum on an edge (a rating of 100) closes the last range, not a range of its own
    p.note(say("chart_notes", "binned", column=col, width=f"{width:g}"))
    p.roles[f"{role}_bin_width"] = width
    index = f"least(floor(({quote_ident(col)} - {_num(start)}) / {_num(width)}), {count - 1})"
    return f"({_num(start)} + {index} * {_num(width)})"


def _grouped(p: Plan) -> None:
    q = quote_ident
    heat = p.kind == "heatmap"
    measure = p.color if heat else p.y
    series = None if heat else p.color
    ctes: list[str] = []
    limits = {"bar": MAX_BARS, "pie": MAX_BARS, "grouped_bar": MAX_GROUPS, "stacked_bar": MAX_GROUPS,
              "line": 10_000, "area": 10_000, "heatmap": MAX_HEAT}
    if p.kind == "pie" and int(p.stats.get("x_distinct") or 0) > MAX_PIE and not (p.top_n and p.top_n < MAX_PIE):
        p.kind = "bar"
        p.note(say("chart_notes", "pie_too_many_parts", parts=int(p.stats["x_distinct"])))
    extra: list[str] = []
    x_cte, x_other = _lump(p, ctes, "x", p.x, limits[p.kind], measure)
    targets = {"line": MAX_LINE_POINTS, "area": MAX_LINE_POINTS, "heatmap": MAX_HEAT, "bar": MAX_BARS,
               "grouped_bar": MAX_GROUPS, "stacked_bar": MAX_GROUPS}
    x_key = _numeric_bins(p, "x", p.x, targets[p.kind]) if p.kind in targets and not x_cte else None
    x_key = x_key or _key_expr(p, p.x, x_cte, x_other)
    if p.cls(p.x) in ("number", "time"):
        extra.append(f"{q(p.x)} IS NOT NULL")
    names = [p.x]
    keys = [x_key]
    second = p.y if heat else series
    if second:
        role = "y" if heat else "color"
        s_cte, s_other = _lump(p, ctes, role, second, MAX_HEAT if heat else MAX_SERIES, measure)
        s_key = _numeric_bins(p, role, second, 12) if heat else None
        if heat and p.cls(second) == "time" and p.stats.get("y_min") is not None:
            s_key = f"date_trunc({quote_literal(choose_grain(p.stats['y_min'], p.stats['y_max']))}, {q(second)})"
        s_key = s_key or _key_expr(p, second, s_cte, s_other)
        if p.cls(second) in ("number", "time"):
            extra.append(f"{q(second)} IS NOT NULL")
        names.append(second)
        keys.append(s_key)
    vname = value_name(p, measure)
    aliases = _unique(names + [vname, "rows"])
    select = [f"{k} AS {q(a)}" for k, a in zip(keys, aliases)]
    select += [f"{_agg_expr(p, measure)} AS {q(aliases[len(keys)])}", f"count(*) AS {q(aliases[-1])}"]
    with_ = ("WITH " + ", ".join(ctes) + " ") if ctes else ""
    inner = f"{with_}SELECT {', '.join(select)} FROM {q(p.table)}{where_clause(p, extra)} GROUP BY ALL"
    xa, va = q(aliases[0]), q(aliases[len(keys)])
    order = [f"{xa}"] + ([q(aliases[1])] if len(keys) > 1 else [])
    if len(keys) == 1 and p.cls(p.x) in ("text", "bool") and p.kind in ("bar", "pie"):
        last = f"{xa} = {quote_literal(x_other)}, " if x_other else ""
        if p.sort in (None, "y_desc"):
            order = [f"{last}{va} DESC", xa]
        elif p.sort == "y_asc":
            order = [f"{last}{va} ASC", xa]
        else:
            order = [f"{last}{xa}" + (" DESC" if p.sort == "x_desc" else "")]
    elif p.sort == "x_desc":  # grouped or stacked: the categories Z to A, each one's series in order
        order[0] = f"{xa} DESC"
    p.sql = f"SELECT * FROM ({inner}) AS chart ORDER BY {', '.join(order)}"
    p.roles.update({"x": aliases[0], "value": aliases[len(keys)], "n": aliases[-1], "measure": measure})
    if len(keys) > 1:
        p.roles["heat_y" if heat else "series"] = aliases[1]


def _histogram(p: Plan) -> None:
    q = quote_ident
    st = p.stats
    if st.get("x_min") is None:
        raise ModelError(f"'{p.x}' has no values to draw (all missing or filtered out).")
    integer = "INT" in p.types.get(p.x, "").upper()
    start, width, count = bin_layout(st["x_min"], st["x_max"], p.bins, integer, int(st.get("x_distinct") or 0),
                                     int(st.get("rows") or 0))
    p.bins = count
    ctes: list[str] = []
    s_key = None
    if p.color:
        s_cte, s_other = _lump(p, ctes, "color", p.color, MAX_SERIES, None)
        s_key = _key_expr(p, p.color, s_cte, s_other)
    b = f"least(greatest(floor(({q(p.x)} - {_num(start)}) / {_num(width)}), 0), {count - 1})"
    aliases = _unique(["bin_start", "bin_end"] + ([p.color] if p.color else []) + ["count"])
    inner_sel = [f"{b} AS b"] + ([f"{s_key} AS s"] if s_key else [])
    with_ = ("WITH " + ", ".join(ctes) + " ") if ctes else ""
    inner = (f"{with_}SELECT {', '.join(inner_sel)} FROM {q(p.table)}"
             f"{where_clause(p, [f'{q(p.x)} IS NOT NULL'])}")
    outer = [f"{_num(start)} + b * {_num(width)} AS {q(aliases[0])}",
             f"{_num(start)} + (b + 1) * {_num(width)} AS {q(aliases[1])}"]
    if s_key:
        outer.append(f"s AS {q(aliases[2])}")
    outer.append(f"count(*) AS {q(aliases[-1])}")
    p.sql = f"SELECT {', '.join(outer)} FROM ({inner}) AS binned GROUP BY ALL ORDER BY 1" + (", 3" if s_key else "")
    p.roles.update({"bin_start": aliases[0], "bin_end": aliases[1], "value": aliases[-1], "n": aliases[-1],
                    "width": width})
    if s_key:
        p.roles["series"] = aliases[2]


def _box(p: Plan) -> None:
    q = quote_ident
    if p.y is None or p.cls(p.y) != "number":
        raise ModelError(f"A box plot needs a numeric y; '{p.y}' is not a number.")
    ctes: list[str] = []
    g_key = None
    if p.x:
        g_cte, g_other = _lump(p, ctes, "x", p.x, MAX_GROUPS + 3, None)
        # a number with many values is grouped into round ranges: one box per value is unreadable
        g_key = (_numeric_bins(p, "x", p.x, MAX_GROUPS + 3) if not g_cte else None) or _key_expr(p, p.x, g_cte, g_other)
    base = f"SELECT {g_key + ' AS g, ' if g_key else ''}{q(p.y)} AS v FROM {q(p.table)}{where_clause(p, [f'{q(p.y)} IS NOT NULL'])}"
    ctes += [f"base AS ({base})",
             "s AS (SELECT " + ("g, " if g_key else "") + "count(*) AS n, quantile_cont(v, 0.25) AS q1, "
             "median(v) AS med, quantile_cont(v, 0.75) AS q3, avg(v) AS mean FROM base GROUP BY ALL)"]
    lo, hi = "s.q1 - 1.5 * (s.q3 - s.q1)", "s.q3 + 1.5 * (s.q3 - s.q1)"
    join = "JOIN base AS b ON b.g IS NOT DISTINCT FROM s.g" if g_key else "CROSS JOIN base AS b"
    names = ([p.x] if g_key else []) + ["rows", "whisker_low", "q1", "median", "q3", "whisker_high", "mean", "outliers"]
    a = _unique(names)
    off = 1 if g_key else 0
    sel = ([f"s.g AS {q(a[0])}"] if g_key else []) + [
        f"s.n AS {q(a[off])}", f"min(b.v) FILTER (WHERE b.v >= {lo}) AS {q(a[off + 1])}", f"s.q1 AS {q(a[off + 2])}",
        f"s.med AS {q(a[off + 3])}", f"s.q3 AS {q(a[off + 4])}",
        f"max(b.v) FILTER (WHERE b.v <= {hi}) AS {q(a[off + 5])}", f"s.mean AS {q(a[off + 6])}",
        f"count(*) FILTER (WHERE b.v < {lo} OR b.v > {hi}) AS {q(a[off + 7])}",
        f"list_slice(list(b.v ORDER BY abs(b.v - s.med) DESC) FILTER (WHERE b.v < {lo} OR b.v > {hi}), 1, 200) AS fliers"]
    group = ", ".join((["s.g"] if g_key else []) + ["s.n", "s.q1", "s.med", "s.q3", "s.mean"])
    order = f"{q(a[0])}" if g_key and p.cls(p.x) in ("number", "time") or p.sort == "x" else (
        f"{q(a[0])} DESC" if p.sort == "x_desc" else f"{q(a[off + 3])} DESC" if g_key else "1")
    if g_key and p.roles.get("x_other"):  # Other last, whatever its median
        order = f"{q(a[0])} = {quote_literal(p.roles['x_other'])}, {order}"
    p.sql = f"WITH {', '.join(ctes)} SELECT {', '.join(sel)} FROM s {join} GROUP BY {group} ORDER BY {order}"
    p.roles.update({"x": a[0] if g_key else None, "n": a[off], "value": a[off + 3], "measure": p.y})


def _scatter(p: Plan) -> None:
    q = quote_ident
    for col in (p.x, p.y):
        if p.cls(col) not in ("number", "time"):
            raise ModelError(f"A scatter plot needs numbers (or dates) on both axes; '{col}' is {p.cls(col)}.")
    ctes: list[str] = []
    c_key = None
    if p.color:
        if p.cls(p.color) == "number":
            c_key = q(p.color)
        else:
            c_cte, c_other = _lump(p, ctes, "color", p.color, MAX_SERIES, None)
            c_key = _key_expr(p, p.color, c_cte, c_other)
    a = _unique([p.x, p.y] + ([p.color] if p.color else []))
    sel = [f"{q(p.x)} AS {q(a[0])}", f"{q(p.y)} AS {q(a[1])}"] + ([f"{c_key} AS {q(a[2])}"] if c_key else [])
    with_ = ("WITH " + ", ".join(ctes) + " ") if ctes else ""
    inner = (f"{with_}SELECT {', '.join(sel)} FROM {q(p.table)}"
             f"{where_clause(p, [f'{q(p.x)} IS NOT NULL', f'{q(p.y)} IS NOT NULL'])}")
    pairs = int(p.stats.get("pairs") or 0)
    if pairs > SCATTER_SAMPLE:
        p.sql = f"SELECT * FROM ({inner}) AS points USING SAMPLE reservoir({SCATTER_SAMPLE} ROWS) REPEATABLE (42)"
        p.sampled = pairs
        p.note(say("chart_notes", "scatter_sample", sample=f"{SCATTER_SAMPLE:,}", rows=f"{pairs:,}"))
    else:
        p.sql = inner
    p.roles.update({"x": a[0], "y": a[1], "color": a[2] if p.color else None})
