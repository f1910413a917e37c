"""How many rows stand behind each row of a grouped answer (for D1), as cheaply as possible.

In order of cost: the schema card already cached for the table (exact value counts of
low-cardinality columns; free for a plain `GROUP BY column` with no filter or join); on a big table a
repeatable block sample (a sampled count is a lower bound of the true one, so a group with >= 20
sampled rows is certainly big enough); then an exact count with DuckDB of the result's own SQL,
rewritten by sqlglot to `SELECT <group keys>, count(*) ... GROUP BY <group keys>` and restricted to
the groups still uncertain.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Sequence

from dsagent.ethics.thresholds import resolve

SAMPLE_ABOVE = 200_000  # rows in the scanned table from which D1 counts on a sample first
SAMPLE_ROWS = 100_000  # about how many rows the sample holds
RECOUNT_TIMEOUT_S = 10.0


def outer_select(sql: str):
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
    select = outer_select(sql)
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
    shape = _group_shape(sql)
    if shape is None:
        return None
    table, name, idx, width = shape
    if width != len(columns) or columns[idx] != name:
        return None
    return table, name, idx


def _group_shape(sql: str) -> tuple[str, str, int, int] | None:
    """(table, key column, its index, select-list length) of a one-table, one-key GROUP BY with no
    filter, read from the SQL alone (before it runs); see `_simple_group`."""
    m = _SIMPLE_GROUP.fullmatch(sql or "")
    if m is None or _NOT_SIMPLE.search(m.group("select")):
        return None
    items = _select_items(m.group("select"))
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
    if name is None:
        return None
    return m.group("table").strip('"'), name, idx, len(items)


# ------------------------------------------------------------------ sizes an earlier answer counted
# A plain `GROUP BY column` over a whole table counts every value of that column: the counts an answer
# got in its own scan (with_group_count) hold for the next question grouped the same way, whatever it
# aggregates, as long as the table's data key holds (agent/data/cache.py). Kept as a table fact, they
# spare that question the extra count(*) (about a tenth of a sum over 10M rows).
REMEMBERED_GROUPS_MAX = 1_000  # D1 is about a few small groups; a long grouping is not kept
_LIMITED = re.compile(r"\bLIMIT\b", re.IGNORECASE)


def _sizes_fact(column: str) -> str:
    return f"group sizes by {column}"


def _value_key(value: Any) -> str:
    import json

    return json.dumps(value, default=str, sort_keys=True)


def remembered_sizes(ws, sql: str) -> dict[str, int] | None:
    """The rows behind every group of `sql`'s plain grouping, as an earlier answer counted them, or None."""
    shape = _group_shape(sql)
    if shape is None or shape[0] not in getattr(ws, "tables", {}):
        return None
    from dsagent.data.cache import known_fact

    sizes = known_fact(ws, shape[0], _sizes_fact(shape[1]))
    return sizes if isinstance(sizes, dict) else None


def sizes_of_rows(sql: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                  sizes: dict[str, int]) -> list[int] | None:
    """The remembered size of each result row's group, or None when a row's group is not among them."""
    simple = _simple_group(sql, columns)
    if simple is None:
        return None
    got = [sizes.get(_value_key(row[simple[2]])) for row in rows]
    return None if any(n is None for n in got) else [int(n) for n in got]


def remember_sizes(ws, sql: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], counts: Sequence[int],
                   complete: bool, seconds: float) -> None:
    """Keep the group sizes a plain grouping over a whole table counted (every group in `rows`:
    `complete`, no LIMIT) for the next question grouped by the same column."""
    simple = _simple_group(sql, columns)
    if simple is None or not complete or _LIMITED.search(sql) or len(rows) > REMEMBERED_GROUPS_MAX:
        return
    table, name, idx = simple
    if table not in getattr(ws, "tables", {}):
        return
    from dsagent.data.cache import remember_fact

    remember_fact(ws, table, _sizes_fact(name), {_value_key(r[idx]): int(n) for r, n in zip(rows, counts)}, seconds)


def _card_lookup(ws, table: str, key: str, wanted: set, th: dict) -> tuple[dict | None, bool]:
    """Sizes of the `wanted` groups of `table.key` from its cached schema card (see `_card_counts`)."""
    from dsagent.tools.schema.card import cached_schema_card

    card = cached_schema_card(ws, table)
    if card is None:
        return None, False
    column = next((c for c in card.columns if c.name == key), None)
    if column is None or not column.top_values or column.pii or column.null_share != 0:
        return None, False  # (a NULL group's size is not in the card: the null share is rounded)
    counts = {(str(v),): int(n) for v, n in column.top_values}
    rest = card.row_count - sum(counts.values())
    known = {k: counts[k] for k in wanted if k in counts}
    return known, rest < th["D1_warn"]


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
    total = row_count(ws, name)
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


def row_count(ws, table: str) -> int:
    """Row count of a registered table: from the cached schema card, else counted once for the file
    (agent/data/cache.py; counting a CSV scanned in place reads all of it)."""
    from dsagent.data.cache import table_fact
    from dsagent.tools.schema.card import cached_schema_card

    card = cached_schema_card(ws, table)
    if card is not None:
        return int(card.row_count)
    return int(table_fact(ws, table, "rows", lambda: int(ws.row_count(table))))


GROUP_COUNT_COLUMN = "__dsagent_rows"


def with_group_count(sql: str) -> str | None:
    """`sql` with `count(*) AS __dsagent_rows` appended to a grouped SELECT, or None when not applicable.

    For the SQL and chart tools: running this instead of `sql` gives the same rows plus the number of
    rows behind each, in the same scan. Strip the last column before showing the rows and pass the
    counts as the result's `group_sizes`; the reviewer then needs no query of its own.
    """
    import sqlglot.expressions as exp

    select = outer_select(sql)
    if select is None or not select.args.get("group") or select.args.get("distinct"):
        return None
    if any(e.find(exp.Window) for e in select.expressions) or any(isinstance(e, exp.Star) for e in select.expressions):
        return None
    counted = select.copy()
    counted.set("expressions", [*counted.expressions,
                                exp.alias_(exp.Count(this=exp.Star()), GROUP_COUNT_COLUMN, quoted=True)])
    return counted.sql(dialect="duckdb")
