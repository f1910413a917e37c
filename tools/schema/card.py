"""The schema tool: the schema card of each table, for the person and, compactly, for the planner.

A card is computed by DuckDB in as few passes as possible: one aggregate query over all columns
(count, distinct, min, max, mean), one `histogram` query over the low-cardinality columns only, and a
`LIMIT 100` read for sample values. Cards of source tables are cached by their data key (file path,
size, mtime) in-process, and on disk (agent/data/cache.py) when computing one took long enough to
matter.
Rendering to prompt text lives in `tools/schema/prompt.py`.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from dsagent.ethics.privacy import clip
from dsagent.tools.base import Result, ToolContext, capped, tool

ColumnKind = Literal["number", "integer", "text", "date", "timestamp", "boolean", "other"]

EXACT_DISTINCT_MAX_ROWS = 1_000_000  # above this, approx_count_distinct (HyperLogLog, ~2% error)
TOP_VALUES_MAX_DISTINCT = 50  # text/boolean columns with at most this many values get top values
TOP_INTEGER_MAX_DISTINCT = 10  # integer codes (0/1, classes) get them too
TOP_VALUES_KEEP = 10
SAMPLE_ROWS = 100
COLUMNS_PER_QUERY = 200  # a 5,000-column table is summarised in a few queries, not one huge one
# DuckDB's cost of many count(DISTINCT)/histogram aggregates in one query grows faster than linearly
# (400 of them over 20 rows: 11 s; 32: 0.06 s), so exact counts on small tables use
# len(list_distinct(list(x))) (measured: ~1 ms a column), and on bigger ones come 32 columns at a time.
SMALL_TABLE_ROWS = 50_000
DISTINCT_PER_QUERY = 32
UNPIVOT_MAX_CELLS = 5_000_000
DISK_CACHE_MIN_SECONDS = 0.5  # cards cheaper than this are not worth a file
CACHE_VERSION = 3  # 2: keyed by agent/data/cache.py's table key, without the column list; 3: a bare `name`
# column is personal only when the table describes people


@dataclass
class ColumnCard:
    """What the planner and the person need to know about one column."""

    name: str
    type: str  # DuckDB type, e.g. BIGINT, VARCHAR, DATE
    kind: ColumnKind
    null_share: float  # 0..1
    distinct: int
    distinct_approx: bool = False  # approx_count_distinct on big tables
    min: Any = None  # numbers and dates
    max: Any = None
    top_values: list[tuple[Any, int]] = field(default_factory=list)  # low-cardinality text: (value, count)
    samples: list[Any] = field(default_factory=list)  # three sample values (masked when personal)
    pii: str | None = None  # entity type when the reviewer marks the column personal (E2)
    mean: float | None = None  # numbers only

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["top_values"] = [[v, n] for v, n in self.top_values]
        return data


@dataclass
class SchemaCard:
    """Per table: row count and a ColumnCard per column. Computed by DuckDB, cached by file identity."""

    table: str
    row_count: int
    columns: list[ColumnCard]
    source: str = ""
    format: str = ""
    storage: str = ""
    note: str | None = None  # e.g. duplicate column names renamed
    seconds: float = 0.0  # time to compute (0 when served from a cache)

    def column(self, name: str) -> ColumnCard | None:
        return next((c for c in self.columns if c.name == name), None)

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "row_count": self.row_count, "source": self.source,
                "format": self.format, "storage": self.storage, "note": self.note,
                "columns": [c.to_json() for c in self.columns]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SchemaCard":
        cols = []
        for c in data["columns"]:
            c = dict(c)
            c["top_values"] = [(v, n) for v, n in c.get("top_values") or []]
            cols.append(ColumnCard(**c))
        return cls(data["table"], data["row_count"], cols, data.get("source", ""), data.get("format", ""),
                   data.get("storage", ""), data.get("note"))


def kind_of(duck_type: str) -> str:
    """The coarse kind of a DuckDB type."""
    t = duck_type.upper()
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
             "UBIGINT", "UHUGEINT"):
        return "integer"
    if t in ("FLOAT", "DOUBLE", "REAL") or t.startswith("DECIMAL"):
        return "number"
    if t.startswith("VARCHAR") or t in ("TEXT", "STRING"):
        return "text"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "timestamp"
    if t == "BOOLEAN":
        return "boolean"
    return "other"


# ------------------------------------------------------------------------------------------ cache
_CACHE: dict[tuple, SchemaCard] = {}


def _cache_key(ws, table: str) -> tuple | None:
    """The card's key: the table's data key (agent/data/cache.py) and this module's layout version.

    No column list: the columns follow from the file, and DESCRIBE of a CSV view re-reads its head."""
    from dsagent.data.cache import table_key

    key = table_key(ws, table)
    return None if key is None else (CACHE_VERSION, *key)


def clear_cache() -> None:
    """Forget the in-process cards (tests; `dsagent cache clear` removes the files)."""
    _CACHE.clear()


# ------------------------------------------------------------------------------------------ compute
def get_schema_card(ws, table: str) -> SchemaCard:
    """The schema card of one table, from the cache when its source file has not changed."""
    from dsagent.data import cache

    info = ws.require_table(table)
    key = _cache_key(ws, table)
    if key is not None:
        card = _CACHE.get(key)
        if card is None:
            stored = cache.load("schema", key)
            card = _from_stored(stored)
        if card is not None:
            _CACHE[key] = card
            # The same file may be registered under another name: a copy, never the shared card.
            return card if card.table == table else replace(card, table=table)
    started = time.perf_counter()
    card = _compute(ws, table, ws.columns(table))
    card.source, card.format, card.storage = info.source, info.format, info.storage
    card.note = "; ".join(n for n in (info.note, card.note) if n) or None  # the file's, then a sample's
    card.seconds = round(time.perf_counter() - started, 3)
    if key is not None:
        _CACHE[key] = card
        if card.seconds >= DISK_CACHE_MIN_SECONDS:
            cache.store("schema", key, card.to_json())
    return card


def _from_stored(data: Any) -> SchemaCard | None:
    if not isinstance(data, dict):
        return None
    try:
        return SchemaCard.from_json(data)
    except (KeyError, TypeError, ValueError):
        return None


def cached_schema_card(ws, table: str) -> SchemaCard | None:
    """The card of `table` if this process or an earlier one computed it; never computes one
    (the reviewer's shortcut: no query, no DESCRIBE)."""
    key = _cache_key(ws, table)
    if key is None:
        return None
    card = _CACHE.get(key)
    if card is None:
        from dsagent.data import cache

        card = _from_stored(cache.load("schema", key))
        if card is None:
            return None
        _CACHE[key] = card
    return card if card.table == table else replace(card, table=table)


def get_schema_cards(ws, tables: list[str] | None = None) -> list[SchemaCard]:
    return [get_schema_card(ws, t) for t in (tables or list(ws.tables))]


def _compute(ws, table: str, columns: list[tuple[str, str]]) -> SchemaCard:
    from dsagent.data.naming import quote_ident
    from dsagent.data.tables import scan_relation

    info = ws.tables[table]
    qt, sample_note, estimate = scan_relation(ws, table)
    # Row count first when it is cheap (materialised tables, Parquet/DuckDB metadata): it decides
    # exact or approximate distinct counts. A CSV/JSON scanned in place is big by construction.
    scanned_text = info.storage == "view" and info.format in ("csv", "json")
    n_rows = None if scanned_text or estimate else int(ws.scalar(f"SELECT count(*) FROM {qt}"))
    approx = n_rows is None or n_rows > EXACT_DISTINCT_MAX_ROWS
    cards = [ColumnCard(name, typ, kind_of(typ), 0.0, 0, approx) for name, typ in columns]
    if approx:
        distinct_of, per_query = "approx_count_distinct({})", COLUMNS_PER_QUERY
    elif n_rows <= SMALL_TABLE_ROWS:
        distinct_of, per_query = "len(list_distinct(list({})))", COLUMNS_PER_QUERY
    else:
        distinct_of, per_query = "count(DISTINCT {})", DISTINCT_PER_QUERY

    for start in range(0, len(cards), per_query):
        batch = cards[start:start + per_query]
        parts = ["count(*)"]
        for c in batch:
            q = quote_ident(c.name)
            value = q if c.kind != "other" else f"CAST({q} AS VARCHAR)"
            parts += [f"count({q})", distinct_of.format(value)]
            if c.kind in ("integer", "number", "date", "timestamp"):
                parts += [f"min({q})", f"max({q})"]
            if c.kind in ("integer", "number"):
                parts.append(f"avg({q})")
        row = ws.query(f"SELECT {', '.join(parts)} FROM {qt}", max_rows=1, count_total=False).rows[0]
        n_rows = int(row[0])
        i = 1
        for c in batch:
            non_null, distinct = int(row[i] or 0), int(row[i + 1] or 0)
            i += 2
            c.null_share = round(1 - non_null / n_rows, 4) if n_rows else 0.0
            c.distinct = min(distinct, non_null)
            if c.kind in ("integer", "number", "date", "timestamp"):
                c.min, c.max = row[i], row[i + 1]
                i += 2
            if c.kind in ("integer", "number"):
                c.mean = None if row[i] is None else round(float(row[i]), 4)
                i += 1

    _top_values(ws, qt, cards, int(n_rows or 0), remote=ws.is_remote(table))
    sample = _samples(ws, quote_ident(table), cards)
    _mark_personal(cards, sample, table)
    return SchemaCard(table, int(estimate or n_rows or 0), cards, note=sample_note)


def _wants_top(c: ColumnCard, n_rows: int) -> bool:
    non_null = round(n_rows * (1 - c.null_share))
    if c.distinct >= non_null and c.distinct > 5:  # every value unique: counts of 1 say nothing
        return False
    if c.kind in ("text", "boolean"):
        return 0 < c.distinct <= TOP_VALUES_MAX_DISTINCT
    return c.kind == "integer" and 0 < c.distinct <= TOP_INTEGER_MAX_DISTINCT


def _top_values(ws, qt: str, cards: list[ColumnCard], n_rows: int, remote: bool = False) -> None:
    """Exact counts of the low-cardinality columns only: `histogram`, a few columns per query, or
    for many columns of a small table one UNPIVOT ... GROUP BY (a 5,000-column table in ~2 s)."""
    from dsagent.data.naming import quote_ident

    wanted = [c for c in cards if _wants_top(c, n_rows)]
    if remote:
        _top_values_grouped(ws, qt, wanted)
        return
    if len(wanted) > DISTINCT_PER_QUERY and n_rows <= SMALL_TABLE_ROWS:
        per_query = max(1, UNPIVOT_MAX_CELLS // max(n_rows, 1))
        for start in range(0, len(wanted), per_query):
            batch = wanted[start:start + per_query]
            cols = ", ".join(f"CAST({quote_ident(c.name)} AS VARCHAR) AS c{i}" for i, c in enumerate(batch))
            sql = (f"SELECT name, value, count(*) FROM (UNPIVOT (SELECT {cols} FROM {qt}) ON COLUMNS(*) "
                   "INTO NAME name VALUE value) GROUP BY ALL")
            found: dict[int, list] = {}
            for name, value, n in ws.query(sql, max_rows=len(batch) * (TOP_VALUES_MAX_DISTINCT + 1),
                                           count_total=False).rows:
                found.setdefault(int(name[1:]), []).append((_typed(value, batch[int(name[1:])].kind), n))
            for i, c in enumerate(batch):
                c.top_values = _top(found.get(i, []))
        return
    for start in range(0, len(wanted), DISTINCT_PER_QUERY):
        batch = wanted[start:start + DISTINCT_PER_QUERY]
        # map_keys/map_values rather than the MAP itself: keys keep their type (a MAP's become text).
        sql = "SELECT " + ", ".join(
            f"map_keys(h{i}), map_values(h{i})" for i in range(len(batch))) + " FROM (SELECT " + ", ".join(
            f"histogram({quote_ident(c.name)}) AS h{i}" for i, c in enumerate(batch)) + f" FROM {qt})"
        row = ws.query(sql, max_rows=1, count_total=False).rows[0]
        for k, c in enumerate(batch):
            c.top_values = _top(list(zip(row[2 * k] or [], row[2 * k + 1] or [])))


def _top_values_grouped(ws, qt: str, wanted: list[ColumnCard]) -> None:
    """Top values with GROUP BY only, for a database server (histogram and UNPIVOT are DuckDB's):
    a few columns per query, each branch its own GROUP BY, values as text and typed back."""
    from dsagent.data.naming import quote_ident

    for start in range(0, len(wanted), DISTINCT_PER_QUERY):
        batch = wanted[start:start + DISTINCT_PER_QUERY]
        branches = [f"SELECT {i} AS c, CAST({quote_ident(c.name)} AS VARCHAR) AS v, count(*) AS n FROM {qt} "
                    f"WHERE {quote_ident(c.name)} IS NOT NULL GROUP BY 2" for i, c in enumerate(batch)]
        sql = " UNION ALL ".join(f"SELECT * FROM ({b}) AS b{i}" for i, b in enumerate(branches))
        found: dict[int, list] = {}
        for i, value, n in ws.query(sql, max_rows=len(batch) * (TOP_VALUES_MAX_DISTINCT + 1), count_total=False).rows:
            found.setdefault(int(i), []).append((_typed(value, batch[int(i)].kind), n))
        for i, c in enumerate(batch):
            c.top_values = _top(found.get(i, []))


def _top(items: list) -> list[tuple[Any, int]]:
    items.sort(key=lambda kv: (-kv[1], str(kv[0])))
    return [(v, int(n)) for v, n in items[:TOP_VALUES_KEEP]]


def _typed(text: str, kind: str) -> Any:
    """A value that went through VARCHAR for UNPIVOT, back to its kind."""
    if kind == "integer":
        return int(text)
    if kind == "boolean":
        return text.lower() == "true"
    return text


def _samples(ws, qt: str, cards: list[ColumnCard]) -> list[list[Any]]:
    """Three distinct non-null values per column from the first rows; returns those rows."""
    rows = ws.query(f"SELECT * FROM {qt} LIMIT {SAMPLE_ROWS}", max_rows=SAMPLE_ROWS, count_total=False).rows
    for pos, c in enumerate(cards):
        seen: list[Any] = []
        for row in rows:
            value = row[pos]
            if value is None or value in seen:
                continue
            seen.append(value)
            if len(seen) == 3:
                break
        c.samples = [clip(s, 80) if isinstance(s, str) else s for s in seen]
    return rows


def _mark_personal(cards: list[ColumnCard], rows: list[list[Any]], table: str = "") -> None:
    """Ask the privacy reviewer which columns hold personal data; mask their values.

    Only text columns are shown to it: numbers and dates alone are not personal data it can name.
    Plain rows, not a DataFrame: no pandas import (half a second of start-up)."""
    from dsagent.ethics.privacy import mask_text, pii_columns_of_rows

    text_cols = [i for i, c in enumerate(cards) if c.kind == "text"]
    if not text_cols or not rows:
        return
    names = [cards[i].name for i in text_cols]
    found = pii_columns_of_rows(names, [[r[i] for i in text_cols] for r in rows],
                                context=[c.name for c in cards], tables=[table] if table else None) or {}
    for c in cards:
        entity = found.get(c.name)
        if not entity:
            continue
        c.pii = str(entity)
        c.samples = [_mask(v, c.pii, mask_text) for v in c.samples]
        c.top_values = [(_mask(v, c.pii, mask_text), n) for v, n in c.top_values]


def _mask(value: Any, entity: str, masker) -> str:
    text = str(value)
    if masker is not None:
        masked = masker(text)
        if masked != text:
            return masked
    return f"<{entity}>"


# ------------------------------------------------------------------------------------------ the tool
class SchemaArgs(BaseModel):
    """Arguments of `describe_schema`."""

    table: str | None = Field(None, description="One table; all tables when omitted.")


class SchemaResult(Result):
    kind: ClassVar[str] = "schema"
    tables: list[dict[str, Any]]  # SchemaCard.to_json() of each table

    def summary(self) -> str:
        lines = []
        for t in self.tables:
            cols = ", ".join(f"{c['name']} {c['type']}" for c in t["columns"][:40])
            more = f" (+{len(t['columns']) - 40} more)" if len(t["columns"]) > 40 else ""
            lines.append(f"{t['table']}: {t['row_count']} rows; {cols}{more}")
        return capped("\n".join(lines))


@tool(SchemaArgs)
def describe_schema(ws, args: SchemaArgs, ctx: ToolContext) -> SchemaResult:
    """Describe the tables: columns, types, missing values, ranges, top values and samples."""
    tables = [ws.require_table(args.table).name] if args.table else list(ws.tables)
    cards = []
    for i, name in enumerate(tables):
        ctx.report(f"schema of {name}", i / max(len(tables), 1))
        cards.append(get_schema_card(ws, name).to_json())
    return SchemaResult(tables=cards)
