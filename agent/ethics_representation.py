"""Representation checks on answers and charts: tiny groups (D1), imbalance (D2), misleading axes (D3),
joins that multiply rows (D4).

D1 needs the number of rows behind each row of a grouped result. It reads a count column when the
result has one (free); otherwise it re-counts with DuckDB from the result's own SQL, rewritten by
sqlglot to `SELECT <group keys>, count(*) ... GROUP BY <group keys>`. On a big table it first counts
on a block sample: a sampled count is a lower bound of the true count, so a group with >= 20 sampled
rows is certainly big enough and only uncertain groups cost an exact count.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Sequence

from dsagent.ethics_stats import imbalance
from dsagent.thresholds import SOURCES, resolve
from dsagent.tools.base import Finding

COUNT_NAMES = {"count", "n", "count_star()", "count(*)", "cnt", "rows", "n_rows", "num_rows", "row_count",
               "count_rows", "total_rows", "frequency", "freq", "filas", "conteo", "cantidad", "numero", "num",
               "n_filas", "recuento"}
SAMPLE_ABOVE = 200_000  # rows in the scanned table from which D1 counts on a sample first
SAMPLE_ROWS = 100_000  # about how many rows the sample holds
RECOUNT_TIMEOUT_S = 10.0


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
        label = ", ".join(str(row[i]) for i in keys) or "(all rows)"
        if n < hide_below and measures and (hide or overridden):
            if hide:
                for i in measures:
                    row[i] = None
            hidden.append((label, int(n)))
        elif n < warn_below:
            small.append((label, int(n)))
    findings = []
    if hidden:
        shown = "; ".join(f"{k} ({_rows(n)})" for k, n in hidden[:5])
        shown += f" and {len(hidden) - 5} more" if len(hidden) > 5 else ""
        done = "their values were hidden" if hide else "their values are shown as asked"
        findings.append(_f("D1", "block", f"{len(hidden)} group(s) rest on fewer than {hide_below} rows, too few for "
                           f"a rate or average to mean anything: {done} — {shown}{sampled_note}.",
                           statistic="rows behind a grouped value", value=float(min(n for _, n in hidden)),
                           threshold=float(hide_below), columns=[cols[i] for i in measures],
                           fix="Group more coarsely or filter less; override with --allow D1 to show the values."))
    if small:
        shown = "; ".join(f"{k} ({_rows(n)})" for k, n in small[:5])
        more = f" and {len(small) - 5} more" if len(small) > 5 else ""
        findings.append(_f("D1", "warn", f"{len(small)} group(s) rest on fewer than {warn_below} rows, so their "
                           f"values can swing by chance: {shown}{more}{sampled_note}.",
                           statistic="rows behind a grouped value", value=float(min(n for _, n in small)),
                           threshold=float(warn_below), columns=[cols[i] for i in keys],
                           fix="Read these values with care, or group more coarsely."))
    return findings


def _rows(n: int) -> str:
    return "1 row" if n == 1 else f"{n} rows"


def find_count_column(columns: Sequence[str], rows: Sequence[Sequence[Any]], sql: str | None = None) -> int | None:
    """The index of a column holding plain row counts: a count-like name with whole numbers, or count(*) in the SQL."""
    for i, name in enumerate(columns):
        if str(name).strip().lower() in COUNT_NAMES and rows and all(
                isinstance(r[i], int) and not isinstance(r[i], bool) for r in rows[:50]):
            return i  # by name first: no SQL parse needed
    select = _outer_select(sql) if sql else None
    if select is not None:
        import sqlglot.expressions as exp

        for i, e in enumerate(select.expressions[: len(columns)]):
            inner = e.this if isinstance(e, exp.Alias) else e
            if isinstance(inner, exp.Count) and not isinstance(inner.this, exp.Distinct) and not inner.find(exp.Filter):
                return i
    return None


def _outer_select(sql: str):
    """The parsed outer SELECT of `sql` (shared and cached: copy it before changing it), or None."""
    return _parse(sql)


@functools.lru_cache(maxsize=64)
def _parse(sql: str):
    import sqlglot
    import sqlglot.expressions as exp

    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except Exception:  # noqa: BLE001 - SQL sqlglot cannot read just gets no SQL-based check
        return None
    return tree if isinstance(tree, exp.Select) else None


def group_counts(ws, sql: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                 thresholds: dict | None = None) -> tuple[list[int] | None, list[int], str]:
    """Re-count the rows behind each result row of a GROUP BY query: (counts, key column indexes, note).

    Returns (None, [], "") when the query is not a plain grouped SELECT (windows, unions, DISTINCT ...).
    """
    import sqlglot.expressions as exp

    th = resolve(thresholds)
    simple = _simple_group(sql, columns)
    if simple is not None:  # the common `SELECT key, agg(..) FROM t GROUP BY key`: no parse needed
        table_name, key_name, idx = simple
        wanted = {(str(r[idx]),) for r in rows}
        known, _ = _card_lookup(ws, table_name, key_name, wanted, th)
        if known is not None and wanted <= set(known):
            return [known.get((str(r[idx]),)) for r in rows], [idx], "schema card"
    select = _outer_select(sql)
    if select is None or not select.args.get("group") or select.args.get("distinct"):
        return None, [], ""
    if any(e.find(exp.Window) for e in select.expressions):
        return None, [], ""
    outputs = select.expressions
    group = select.args["group"]
    aliases = {e.alias.lower(): i for i, e in enumerate(outputs) if isinstance(e, exp.Alias)}
    unaliased = [e.this if isinstance(e, exp.Alias) else e for e in outputs]
    key_idx: list[int] = []
    if group.args.get("all"):
        key_idx = [i for i, e in enumerate(unaliased) if not e.find(exp.AggFunc)]
    else:
        for g in group.expressions:
            idx = None
            if isinstance(g, exp.Literal) and g.is_int:
                idx = int(g.this) - 1
            elif isinstance(g, exp.Column) and not g.table and g.name.lower() in aliases:
                idx = aliases[g.name.lower()]
            else:
                for i, e in enumerate(unaliased):
                    if e == g:
                        idx = i
                        break
            if idx is None or not 0 <= idx < len(columns):
                return None, [], ""  # grouped by something not shown: rows cannot be matched
            key_idx.append(idx)
    if not key_idx or len(outputs) != len(columns):
        return None, [], ""

    def key_of(values) -> tuple:
        return tuple(str(v) for v in values)

    wanted = {key_of(r[i] for i in key_idx) for r in rows}
    key_exprs = [unaliased[i] for i in key_idx]
    known, tail_small = _card_counts(ws, select, key_exprs, wanted, th)
    if known is not None and wanted <= set(known):
        return [known.get(key_of(r[i] for i in key_idx)) for r in rows], key_idx, "schema card"
    known = dict(known or {})
    count_sel = select.copy()
    for arg in ("order", "limit", "offset", "having", "qualify"):
        count_sel.set(arg, None)
    count_sel.set("expressions", [exp.alias_(e.copy(), f"__k{j}") for j, e in enumerate(key_exprs)]
                  + [exp.alias_(exp.Count(this=exp.Star()), "__n")])
    count_sel.set("group", exp.Group(expressions=[exp.column(f"__k{j}") for j in range(len(key_idx))]))

    uncertain = wanted - set(known)
    sampled = None if tail_small else _sampled(ws, count_sel)
    if sampled is not None:
        res = ws.query(sampled.sql(dialect="duckdb"), max_rows=1_000_000, timeout_s=RECOUNT_TIMEOUT_S)
        lower = {key_of(r[:-1]): int(r[-1]) for r in res.rows}
        for k in list(uncertain):
            if lower.get(k, 0) >= th["D1_warn"]:
                known[k] = lower[k]  # a sampled count is a lower bound: this group is certainly big enough
                uncertain.discard(k)
    if uncertain:
        exact_sel = _restricted(count_sel, key_exprs, uncertain, rows, key_idx, key_of)
        res = ws.query(exact_sel.sql(dialect="duckdb"), max_rows=1_000_000, timeout_s=RECOUNT_TIMEOUT_S)
        exact = {key_of(r[:-1]): int(r[-1]) for r in res.rows}
        for k in uncertain:
            known[k] = exact.get(k)
    note = "sampled" if sampled is not None and not uncertain else ""
    return [known.get(key_of(r[i] for i in key_idx)) for r in rows], key_idx, note


MAX_RESTRICTED_KEYS = 200


def _restricted(count_sel, key_exprs, uncertain: set, rows, key_idx, key_of):
    """The exact count limited to the uncertain groups (a filter is cheaper than grouping every row)."""
    import sqlglot.expressions as exp

    if len(uncertain) > MAX_RESTRICTED_KEYS:
        return count_sel
    originals = {}
    for r in rows:
        k = key_of(r[i] for i in key_idx)
        if k in uncertain:
            originals[k] = [r[i] for i in key_idx]
    terms = []
    for values in originals.values():
        parts = []
        for expr, v in zip(key_exprs, values):
            if v is None or isinstance(v, (list, dict)):
                return count_sel  # NULL or nested keys: count every group
            if isinstance(v, bool):
                lit = exp.Boolean(this=v)
            elif isinstance(v, (int, float)):
                lit = exp.Literal.number(v)
            else:
                lit = exp.Literal.string(str(v))
            parts.append(exp.EQ(this=expr.copy(), expression=lit))
        terms.append(exp.and_(*parts) if len(parts) > 1 else parts[0])
    if not terms:
        return count_sel
    condition = exp.or_(*terms) if len(terms) > 1 else terms[0]
    return count_sel.copy().where(exp.paren(condition), copy=False)


def _card_counts(ws, select, keys, wanted: set, th: dict) -> tuple[dict | None, bool]:
    """Group sizes read from the cached schema card: one plain column of one table, no filter, no join.

    The card holds exact value counts (a DuckDB histogram) of low-cardinality columns. Returns (the
    sizes it knows, whether the groups it does not know are all below the warn level), or (None, False)
    when the card cannot answer; the caller then counts with DuckDB.
    """
    import sqlglot.expressions as exp

    if len(keys) != 1 or not isinstance(keys[0], exp.Column):
        return None, False
    for arg in ("where", "joins", "with", "qualify"):
        if select.args.get(arg):
            return None, False
    source = select.args.get("from") or select.args.get("from_")
    table = source.this if source is not None else None
    if not isinstance(table, exp.Table) or table.args.get("sample") or table.db or table.name not in getattr(
            ws, "tables", {}):
        return None, False
    return _card_lookup(ws, table.name, keys[0].name, wanted, th)


_SIMPLE_GROUP = re.compile(r"\s*SELECT\s+(?P<select>.+?)\s+FROM\s+(?P<table>\"[^\"]+\"|\w+)\s+GROUP\s+BY\s+"
                           r"(?P<key>\"[^\"]+\"|\w+)(?:\s+ORDER\s+BY\s+[\w\"\s,().*]+?)?(?:\s+LIMIT\s+\d+)?\s*;?\s*",
                           re.IGNORECASE | re.DOTALL)
_NOT_SIMPLE = re.compile(r"\b(select|from|join|where|over|having|union|distinct|qualify)\b|'", re.IGNORECASE)
_PLAIN_COLUMN = re.compile(r'\s*(?:"([^"]+)"|(\w+))\s*')


def _select_items(text: str) -> list[str]:
    """The select list split at top-level commas."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return items


def _simple_group(sql: str, columns: Sequence[str]) -> tuple[str, str, int] | None:
    """(table, key column, its index) for a one-table, one-key GROUP BY with no filter; None otherwise.

    The key must be a bare column in the select list (`region`, not `upper(x) AS region`), named or
    by position (`GROUP BY 1`), and the select list as long as the result's columns.
    """
    m = _SIMPLE_GROUP.fullmatch(sql or "")
    if m is None or _NOT_SIMPLE.search(m.group("select")):
        return None
    items = _select_items(m.group("select"))
    if len(items) != len(columns):
        return None
    key = m.group("key")
    if key.isdigit():
        idx = int(key) - 1
        if not 0 <= idx < len(items):
            return None
    else:
        key = key.strip('"')
        plain = [(_PLAIN_COLUMN.fullmatch(it) or None) for it in items]
        names = [(p.group(1) or p.group(2)) if p else None for p in plain]
        if names.count(key) != 1:
            return None
        idx = names.index(key)
    bare = _PLAIN_COLUMN.fullmatch(items[idx])
    name = (bare.group(1) or bare.group(2)) if bare else None
    if name is None or columns[idx] != name:
        return None
    return m.group("table").strip('"'), name, idx


def _card_lookup(ws, table: str, key: str, wanted: set, th: dict) -> tuple[dict | None, bool]:
    """Sizes of the `wanted` groups of `table.key` from its cached schema card (see `_card_counts`)."""
    if table not in getattr(ws, "tables", {}):
        return None, False
    card = _cached_card(ws, table)
    if card is None:
        return None, False
    column = next((c for c in card.columns if c.name == key), None)
    if column is None or not column.top_values or column.pii or column.null_share != 0:
        return None, False  # (a NULL group's size is not in the card: the null share is rounded)
    counts = {(str(v),): int(n) for v, n in column.top_values}
    rest = card.row_count - sum(counts.values())
    known = {k: counts[k] for k in wanted if k in counts}
    return known, rest < th["D1_warn"]


def _cached_card(ws, table: str):
    """The schema card of `table` if the schema tool already computed it; never computes one here."""
    try:
        from dsagent.tools import schema
    except ImportError:
        return None
    public = getattr(schema, "cached_schema_card", None)
    try:
        if public is not None:
            return public(ws, table)
        info = ws.tables[table]
        if info.identity is None:
            return None
        # the schema tool's cache key is (version, source, identity, columns): match the file, skip DESCRIBE
        for key, card in list(schema._CACHE.items()):
            if key[1:3] == (info.source, tuple(info.identity)):
                return card
        return None
    except Exception:  # noqa: BLE001 - no card, no shortcut
        return None


def _sampled(ws, count_sel):
    """The count query over a block sample of its one big base table, or None when that does not apply."""
    import sqlglot.expressions as exp

    if count_sel.args.get("with") or count_sel.args.get("joins"):
        return None
    source = count_sel.args.get("from") or count_sel.args.get("from_")
    table = source.this if source is not None else None
    if not isinstance(table, exp.Table) or table.args.get("sample") or table.db:
        return None
    name = table.name
    if name not in getattr(ws, "tables", {}):
        return None
    total = _row_count(ws, name)
    if total <= SAMPLE_ABOVE:
        return None
    percent = max(1.0, min(50.0, 100.0 * SAMPLE_ROWS / total))
    sampled = count_sel.copy()
    src = sampled.args.get("from") or sampled.args.get("from_")
    alias = table.alias_or_name
    sub = exp.select("*").from_(exp.Table(this=exp.to_identifier(name, quoted=True)))
    sub.set("sample", exp.TableSample(method=exp.var("SYSTEM"), percent=exp.Literal.number(round(percent, 2)),
                                           seed=exp.Literal.number(0)))  # repeatable: same answer, same review
    src.this.replace(exp.alias_(exp.Subquery(this=sub), exp.to_identifier(alias, quoted=True), table=True))
    return sampled


_COUNT_CACHE: dict[tuple[int, str], int] = {}


def _row_count(ws, table: str) -> int:
    """Row count of a registered table; cached per workspace (tables do not change once registered)."""
    key = (id(ws), table)
    if key not in _COUNT_CACHE:
        _COUNT_CACHE[key] = int(ws.row_count(table))
    return _COUNT_CACHE[key]


# ------------------------------------------------------------------ D2
def check_imbalance(counts: Sequence[float], labels: Sequence[Any] | None = None, column: str | None = None,
                    thresholds: dict | None = None) -> list[Finding]:
    """D2: one class dominates a categorical distribution (1 - H / log2 k above 0.5)."""
    th = resolve(thresholds)
    value = imbalance(counts)
    if value <= th["D2_warn"]:
        return []
    total = float(sum(c for c in counts if c))
    top = max(range(len(counts)), key=lambda i: counts[i] or 0)
    top_label = f"'{labels[top]}'" if labels is not None else "one class"
    what = f"'{column}'" if column else "the distribution"
    return [_f("D2", "warn", f"{top_label} makes up {counts[top] / total:.0%} of {what} ({len(counts)} classes, "
               f"imbalance {value:.2f}): the other classes rest on few rows.", statistic="1 - H/log2(k)",
               value=value, threshold=th["D2_warn"], columns=[column] if column else [],
               fix="Report rates per class, and for a model use stratified splits and class-aware metrics.")]


# ------------------------------------------------------------------ D3
def check_axis(kind: str, ylim: Sequence[float] | None = None, log_y: bool = False,
               values: Sequence[float] | None = None) -> list[Finding]:
    """D3: a bar or area chart whose value axis does not start at 0, or a log scale on bars."""
    findings = []
    if kind not in ("bar", "grouped_bar", "stacked_bar", "area", "histogram"):
        return findings
    if log_y:
        findings.append(_f("D3", "warn", "Bars drawn on a log scale: bar lengths no longer compare values.",
                           statistic="log scale on bars", columns=[],
                           fix="Draw bars on a linear axis from 0, or use points/lines for a log scale."))
    if ylim is not None and len(ylim) == 2 and ylim[0] is not None:
        low, high = float(ylim[0]), float(ylim[1])
        all_positive = values is None or all(v is None or v >= 0 for v in values)
        if all_positive and low > 0 or (not all_positive and high < 0):
            findings.append(_f("D3", "warn", f"The value axis starts at {low:g}, not 0, so bar lengths exaggerate "
                               f"differences.", statistic="axis lower limit", value=low, threshold=0.0, columns=[],
                               fix="Start the bar axis at 0."))
    return findings


# ------------------------------------------------------------------ D4
def check_join_duplicates(keys: Sequence[Any], table: str = "", key: str = "",
                          thresholds: dict | None = None) -> list[Finding]:
    """D4: duplicated keys in the table joined to, which multiply the rows of a join."""
    th = resolve(thresholds)
    values = [k for k in keys if k is not None]
    if not values:
        return []
    share = 1 - len(set(values)) / len(values)
    return _d4(share, len(values) - len(set(values)), table, key, th)


def _d4(share: float, extra: int, table: str, key: str, th: dict) -> list[Finding]:
    if share <= th["D4_warn"]:
        return []
    where = f"'{table}.{key}'" if table else "the join key"
    return [_f("D4", "warn", f"{where} repeats: {extra} extra rows share a key ({share:.1%}), so the join counts "
               f"those rows more than once and sums or counts come out too high.",
               statistic="share of duplicated keys", value=share, threshold=th["D4_warn"],
               columns=[key] if key else [], fix=f"Deduplicate {where} before joining, or aggregate it first.")]


def check_join_sql(ws, sql: str, thresholds: dict | None = None, max_rows: int = SAMPLE_ABOVE) -> list[Finding]:
    """D4 on a query: for each equality join, duplicates in the joined table's key (dimension tables only)."""
    import sqlglot.expressions as exp

    th = resolve(thresholds)
    select = _outer_select(sql)
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
                total = _row_count(ws, table)
                if total == 0 or total > max_rows:
                    continue
                from dsagent.naming import quote_ident

                distinct = int(ws.scalar(f"SELECT count(DISTINCT {quote_ident(key)}) FROM {quote_ident(table)}"))
                nonnull = int(ws.scalar(f"SELECT count({quote_ident(key)}) FROM {quote_ident(table)}"))
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
