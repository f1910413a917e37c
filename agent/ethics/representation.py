"""Representation checks on answers and charts: tiny groups (D1), imbalance (D2), misleading axes (D3),
joins that multiply rows (D4).

D1 needs the number of rows behind each row of a grouped result: a count column when the result has
one (free), otherwise `dsagent.ethics.groupsize.group_counts` (schema card, block sample, exact count).
"""

from __future__ import annotations

from typing import Any, Sequence

from dsagent.ethics.groupsize import SAMPLE_ABOVE, outer_select, row_count
from dsagent.ethics.stats import imbalance
from dsagent.ethics.thresholds import SOURCES, resolve
from dsagent.words.language import say
from dsagent.ethics.finding import Finding

COUNT_NAMES = {"count", "n", "count_star()", "count(*)", "cnt", "rows", "n_rows", "num_rows", "row_count",
               "count_rows", "total_rows", "frequency", "freq", "filas", "conteo", "cantidad", "numero", "num",
               "n_filas", "recuento"}


def _f(id_: str, severity: str, message: str, **kw: Any) -> Finding:
    return Finding(id=id_, severity=severity, message=message, source=SOURCES.get(id_), **kw)


# ------------------------------------------------------------------ D1
def check_group_sizes(columns: Sequence[str], rows: Sequence[Sequence[Any]], count_column: int | str | None = None,
                      counts: Sequence[int | None] | None = None, key_columns: Sequence[int] | None = None,
                      thresholds: dict | None = None, hide: bool = True, overridden: bool = False,
                      sampled_note: str = "") -> list[Finding]:
    """D1: rows resting on few data rows. With `hide`, values of groups under 5 rows are blanked in place.

    With `overridden` (the person allowed D1) they stay shown but still get the block finding, which the
    reviewer turns into a warn saying so; with neither (a chart already drawn) they are warned about.

    Counts come from `count_column` (a column index or name) or `counts` (one per row). The key columns
    (default: every column that is not a count) name the groups in the message; the measure columns
    (the rest) are blanked when hidden.
    """
    th = resolve(thresholds)
    warn_below, hide_below = int(th["D1_warn"]), int(th["D1_hide"])
    cols = list(columns)
    ci = cols.index(count_column) if isinstance(count_column, str) and count_column in cols else count_column
    if counts is None:
        if ci is None:
            return []
        counts = [r[ci] for r in rows]
    keys = list(key_columns) if key_columns is not None else [i for i in range(len(cols)) if i != ci]
    measures = [i for i in range(len(cols)) if i not in keys and i != ci]
    small, hidden = [], []
    for row, n in zip(rows, counts):
        if n is None or not isinstance(n, (int, float)):
            continue
        label = ", ".join("NULL" if row[i] is None else str(row[i]) for i in keys) or say("ethics", "D1_all_rows")
        if n < hide_below and measures and (hide or overridden):
            if hide:
                for i in measures:
                    row[i] = None
            hidden.append((label, int(n)))
        elif n < warn_below and measures:
            # Only a value computed over the group (a rate, an average) can swing by chance; a row
            # count is exact however small, so a counts-only result (a histogram's bins) is not flagged.
            small.append((label, int(n)))
    findings = []
    if hidden:
        shown = "; ".join(f"{k} ({_rows(n)})" for k, n in hidden[:5])
        shown += say("ethics", "D1_more", n=len(hidden) - 5) if len(hidden) > 5 else ""
        done = say("ethics", "D1_hidden_done" if hide else "D1_shown_done")
        findings.append(_f("D1", "block", say("ethics", "D1_block", n=len(hidden), below=hide_below, done=done,
                                              shown=shown, note=sampled_note),
                           statistic="rows behind a grouped value", value=float(min(n for _, n in hidden)),
                           threshold=float(hide_below), columns=[cols[i] for i in measures],
                           fix=say("ethics", "D1_block_fix")))
    if small:
        shown = "; ".join(f"{k} ({_rows(n)})" for k, n in small[:5])
        more = say("ethics", "D1_more", n=len(small) - 5) if len(small) > 5 else ""
        findings.append(_f("D1", "warn", say("ethics", "D1_warn", n=len(small), below=warn_below, shown=shown,
                                             more=more, note=sampled_note),
                           statistic="rows behind a grouped value", value=float(min(n for _, n in small)),
                           threshold=float(warn_below), columns=[cols[i] for i in keys],
                           fix=say("ethics", "D1_warn_fix")))
    return findings


def _rows(n: int) -> str:
    return say("ethics", "D1_rows", count=n)


def find_count_column(columns: Sequence[str], rows: Sequence[Sequence[Any]], sql: str | None = None) -> int | None:
    """The index of a column holding plain row counts: a count-like name with whole numbers, or count(*) in the SQL."""
    for i, name in enumerate(columns):
        if str(name).strip().lower() in COUNT_NAMES and rows and all(
                isinstance(r[i], int) and not isinstance(r[i], bool) for r in rows[:50]):
            return i  # by name first: no SQL parse needed
    select = outer_select(sql) if sql else None
    if select is not None:
        import sqlglot.expressions as exp

        for i, e in enumerate(select.expressions[: len(columns)]):
            inner = e.this if isinstance(e, exp.Alias) else e
            if isinstance(inner, exp.Count) and not isinstance(inner.this, exp.Distinct) and not inner.find(exp.Filter):
                return i
    return None


# ------------------------------------------------------------------ D2
def check_imbalance(counts: Sequence[float], labels: Sequence[Any] | None = None, column: str | None = None,
                    thresholds: dict | None = None) -> list[Finding]:
    """D2: one class dominates a categorical distribution (1 - H / log2 k above 0.5).

    Not on a time column (a year, a date, a month): rows per period follow how the data was
    collected, and a recent year with more rows is not an under-represented class.
    """
    th = resolve(thresholds)
    if is_time_column(column, labels):
        return []
    value = imbalance(counts)
    if value <= th["D2_warn"]:
        return []
    total = float(sum(c for c in counts if c))
    top = max(range(len(counts)), key=lambda i: counts[i] or 0)
    top_label = f"'{labels[top]}'" if labels is not None else say("ethics", "D2_one_class")
    what = f"'{column}'" if column else say("ethics", "D2_distribution")
    return [_f("D2", "warn", say("ethics", "D2", top=top_label, share=counts[top] / total, what=what,
                                 classes=len(counts), value=value), statistic="1 - H/log2(k)",
               value=value, threshold=th["D2_warn"], columns=[column] if column else [], fix=say("ethics", "D2_fix"))]


def is_time_column(column: str | None, labels: Sequence[Any] | None) -> bool:
    """Named like a date or year ('year', 'fecha', 'order_month'), or holding dates or year numbers."""
    import datetime

    from dsagent.words.names import is_date_name, is_year_name

    if column and (is_year_name(str(column)) or is_date_name(str(column))):
        return True
    values = [v for v in labels or [] if v is not None]
    if not values:
        return False
    if all(isinstance(v, (datetime.date, datetime.datetime)) for v in values):
        return True
    return all(isinstance(v, int) and not isinstance(v, bool) and 1800 <= v <= 2100 for v in values) \
        and len(set(values)) >= 2


# ------------------------------------------------------------------ D3
def check_axis(kind: str, ylim: Sequence[float] | None = None, log_y: bool = False,
               values: Sequence[float] | None = None) -> list[Finding]:
    """D3: a bar or area chart whose value axis does not start at 0, or a log scale on bars."""
    findings = []
    if kind not in ("bar", "grouped_bar", "stacked_bar", "area", "histogram"):
        return findings
    if log_y:
        findings.append(_f("D3", "warn", say("ethics", "D3_log"), statistic="log scale on bars", columns=[],
                           fix=say("ethics", "D3_log_fix")))
    if ylim is not None and len(ylim) == 2 and ylim[0] is not None:
        low, high = float(ylim[0]), float(ylim[1])
        all_positive = values is None or all(v is None or v >= 0 for v in values)
        if all_positive and low > 0 or (not all_positive and high < 0):
            findings.append(_f("D3", "warn", say("ethics", "D3_axis", low=low), statistic="axis lower limit", value=low,
                               threshold=0.0, columns=[], fix=say("ethics", "D3_axis_fix")))
    return findings


# ------------------------------------------------------------------ D4
def _d4(share: float, extra: int, table: str, key: str, th: dict) -> list[Finding]:
    if share <= th["D4_warn"]:
        return []
    where = f"'{table}.{key}'" if table else say("ethics", "D4_key")
    return [_f("D4", "warn", say("ethics", "D4", where=where, extra=extra, share=share),
               statistic="share of duplicated keys", value=share, threshold=th["D4_warn"],
               columns=[key] if key else [], fix=say("ethics", "D4_fix", where=where))]


def check_join_sql(ws, sql: str, thresholds: dict | None = None, max_rows: int = SAMPLE_ABOVE) -> list[Finding]:
    """D4 on a query: for each equality join, duplicates in the joined table's key (dimension tables only)."""
    import sqlglot.expressions as exp

    th = resolve(thresholds)
    select = outer_select(sql)
    if select is None or not select.args.get("joins"):
        return []
    aliases: dict[str, str] = {}
    for t in select.find_all(exp.Table):
        if t.name in getattr(ws, "tables", {}):
            aliases[t.alias_or_name] = t.name
    findings: list[Finding] = []
    seen = set()
    for join in select.args["joins"]:
        on = join.args.get("on")
        if on is None:
            continue
        for eq in on.find_all(exp.EQ):
            for side in (eq.left, eq.right):
                if not isinstance(side, exp.Column) or not side.table or side.table not in aliases:
                    continue
                table, key = aliases[side.table], side.name
                if (table, key) in seen or not _is_dimension_key(ws, table, key):
                    continue
                seen.add((table, key))
                total = row_count(ws, table)
                if total == 0 or total > max_rows:
                    continue
                from dsagent.data.cache import table_fact
                from dsagent.data.naming import quote_ident

                distinct, nonnull = table_fact(  # one pass, once for the file (agent/data/cache.py)
                    ws, table, f"distinct and count of {key}", lambda: [int(v) for v in ws.query(
                        f"SELECT count(DISTINCT {quote_ident(key)}), count({quote_ident(key)}) FROM {quote_ident(table)}",
                        max_rows=1, count_total=False).rows[0]])
                if nonnull:
                    findings += _d4(1 - distinct / nonnull, nonnull - distinct, table, key, th)
    return findings


def _is_dimension_key(ws, table: str, key: str) -> bool:
    """A key meant to be unique in its table: its first column, or named after the table (customers.customer_id)."""
    try:
        cols = [c for c, _ in ws.columns(table)]
    except Exception:  # noqa: BLE001 - an unknown table is simply not checked
        return False
    if not cols or key not in cols:
        return False
    if cols[0] == key:
        return True
    stem = key.lower().removesuffix("_id").removesuffix("id").rstrip("_")
    return bool(stem) and stem in table.lower()
