"""The columns the offline planner sees: `Column` (kind, distinct count, range, the values of a
low-cardinality column) and how they are computed from a table.

`load_columns(ws, table)` takes them from a schema card when given, else from one light DuckDB
aggregate query, then reads the values of low-cardinality columns; a long table's distinct counts
come from its first rows. The result is cached across processes (agent/data/cache.py). The linker
(`linker.py`) indexes the words that name these columns.
"""

from __future__ import annotations

import math
import time
from datetime import date
from dataclasses import dataclass, field, fields
from typing import Any

from dsagent.data.naming import quote_ident, quote_literal
from dsagent.data.tables import scan_relation
from dsagent.words.names import is_code, is_identifier, is_label, is_year_name

# Columns computed faster than this are not worth a cache file (a small CSV: a few milliseconds).
DISK_CACHE_MIN_SECONDS = 0.05
COLUMNS_CACHE_VERSION = 1  # the layout of a cached Column list
MAX_INDEXED_VALUES = 200  # text columns with more distinct values are not value-indexed (names, ids)
MAX_VALUE_COLUMNS = 400  # at most this many columns of a table get their values indexed
VALUE_COLUMNS_A_QUERY = 50  # DISTINCT branches in one UNION ALL query
WIDE_TABLE_COLUMNS = 500  # from this width one UNPIVOT scan replaces the branches (see _values_sql)
STATS_COLUMNS_A_QUERY = 500  # columns whose distinct counts and ranges one aggregate query computes
FIRST_ROWS = 200_000  # distinct counts are counted over this many first rows (see _column_stats)


@dataclass(eq=False)
class Column:
    """One column as the planner sees it."""

    table: str
    name: str
    type: str
    kind: str  # number | integer | text | date | timestamp | boolean | other
    distinct: int = 0
    values: list[Any] = field(default_factory=list)  # all values when low-cardinality
    min: Any = None
    max: Any = None
    table_rows: int | None = None  # rows of its table ("per day" groups only when dates repeat)

    @property
    def q(self) -> str:
        return quote_ident(self.name)

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "integer")

    @property
    def binary(self) -> bool:
        """A boolean or a 0/1 column (a rate is its mean)."""
        if self.kind == "boolean":
            return True
        return self.kind == "integer" and self.distinct <= 2 and self.min in (0, 1) and self.max in (0, 1)

    @property
    def temporal(self) -> bool:
        return self.kind in ("date", "timestamp")

    @property
    def year_like(self) -> bool:
        return self.kind == "integer" and is_year_name(self.name)

    @property
    def categorical(self) -> bool:
        if self.kind in ("text", "boolean"):
            return True
        return self.kind == "integer" and 0 < self.distinct <= 25 and not self.binary

    @property
    def discrete(self) -> bool:
        """Fit to group by: text, booleans, 0/1 and small-integer codes."""
        return self.categorical or self.binary or self.kind in ("text", "boolean")

    @property
    def continuous(self) -> bool:
        """A measure: a number that is not a code, a flag or a year."""
        return self.numeric and not self.discrete and not self.year_like

    @property
    def identifier(self) -> bool:
        return is_identifier(self.name)

    @property
    def row_number(self) -> bool:
        """Whole numbers 1, 2, 3 ... one a row, whatever the name ('partido', 'match'): it numbers the rows.
        Its range spans the rows exactly and nearly every value is distinct (`distinct` is DuckDB's estimate)."""
        return (self.kind == "integer" and bool(self.table_rows) and self.min is not None and self.max is not None
                and self.max - self.min + 1 == self.table_rows and self.distinct >= 0.9 * self.table_rows)

    @property
    def code(self) -> bool:
        """zip_code, country_code: a label shared by rows, not an identifier."""
        return is_code(self.name)

    @property
    def label(self) -> bool:
        """An identifier or a code: it names rows or groups (a join key), it never measures."""
        return is_label(self.name)


def _kind_of(type_name: str) -> str:
    t = type_name.upper()
    if t.startswith(("DECIMAL", "DOUBLE", "FLOAT", "REAL", "NUMERIC")):
        return "number"
    if any(t.startswith(p) for p in ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER",
                                     "USMALLINT", "UTINYINT", "INT")):
        return "integer"
    if t.startswith(("VARCHAR", "TEXT", "STRING", "CHAR", "ENUM")):
        return "text"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "timestamp"
    if t.startswith("BOOL"):
        return "boolean"
    return "other"


def load_columns(ws, table: str, card=None) -> list[Column]:
    """Columns of a table with kinds, distinct counts, ranges and (low-cardinality) values.

    From the persistent cache (agent/data/cache.py) when the table's source did not change since an
    earlier process computed them: two passes over a 10M-row Parquet file cost 1.6 s, reading them
    back about a millisecond.
    """
    from dsagent.data import cache

    key = cache.table_key(ws, table)
    if key is not None:
        key = (COLUMNS_CACHE_VERSION, "card" if card is not None else "own", *key)
        stored = _columns_from(cache.load("columns", key), table)
        if stored is not None:
            return stored
    started = time.perf_counter()
    cols = _compute_columns(ws, table, card)
    if key is not None and time.perf_counter() - started >= DISK_CACHE_MIN_SECONDS:
        cache.store("columns", key, [_column_json(c) for c in cols])
    return cols


def _column_json(c: Column) -> dict[str, Any]:
    return {f.name: getattr(c, f.name) for f in fields(Column) if f.name != "table"}


def _columns_from(data: Any, table: str) -> list[Column] | None:
    if not isinstance(data, list):
        return None
    try:
        return [Column(table=table, **item) for item in data]
    except TypeError:  # another layout: recompute
        return None


def _column_stats(ws, table: str, described: list[tuple[str, str]]) -> list[Column]:
    """Distinct counts and ranges of some columns of `table`.

    Distinct counts come from the first FIRST_ROWS rows: on a 10M-row Parquet file the distinct
    counts of seven columns took 0.7 s of CPU, the first rows 0.06 s. For a table no longer than
    that they are the table's own. For a longer one, ranges, the row count and the distinct counts
    of dates (a per-day plan compares them with the row count) are taken over the whole table in a
    second query, which Parquet files and DuckDB tables answer from their statistics except for the
    dates (a date whose first rows hold every day of its range needs no count: `_every_day`; 0.8 s of
    CPU on 100M rows otherwise); the other distinct counts are estimated from the first rows
    (`_estimated_distinct`). A
    count of the first rows is never above the table's, so a column with more than the linker's
    thresholds of values there has more in the table; one under them gets its exact values from
    the whole table in `_compute_columns`, and its exact count with them.
    """
    relation, _, estimate = scan_relation(ws, table)
    if estimate:
        # A large table on a server is read through its TABLESAMPLE, as the schema card is: the exact
        # distinct counts of every column of a 10M-row PostgreSQL table took 20 s on every question.
        return _aggregate(ws, table, relation, described, distinct=True, ranges=True, rows=int(estimate))
    names = ", ".join(quote_ident(name) for name, _ in described)
    first = f"(SELECT {names} FROM {relation} LIMIT {FIRST_ROWS}) AS first_rows"
    days = [(name, typ) for name, typ in described if _kind_of(typ) == "date"]
    cols, seen_days = _aggregate_counting(ws, table, first, described, distinct=True, ranges=True,
                                          exact=[name for name, _ in days])
    seen = cols[0].table_rows if cols else 0
    if seen < FIRST_ROWS:
        return cols  # the first rows are the whole table
    if _scanned_text(ws, table):  # text scanned in place: one pass, not two
        whole = _aggregate(ws, table, relation, described, distinct=_temporal, ranges=True)
    else:  # ranges and count from the statistics; a distinct count of dates alone scans only those columns
        whole = _aggregate(ws, table, relation, described, distinct=lambda kind: False, ranges=True)
        dates = [(c.name, c.type) for c in whole if c.temporal and not _every_day(c, seen_days.get(c.name))]
        counted = {c.name: c.distinct for c in _aggregate(ws, table, relation, dates, distinct=True, ranges=False)} \
            if dates else {}
        for full in whole:
            full.distinct = counted.get(full.name, seen_days.get(full.name, full.distinct))
    rows = whole[0].table_rows or seen
    for col, full in zip(cols, whole):
        col.min, col.max, col.table_rows = full.min, full.max, rows
        col.distinct = full.distinct if col.temporal else _estimated_distinct(col.distinct, seen, rows)
    return cols


def _scanned_text(ws, table: str) -> bool:
    """A CSV or JSON file read in place: every pass parses all of it, so passes are merged."""
    info = ws.tables[table]
    return info.storage == "view" and info.format in ("csv", "json")


def _temporal(kind: str) -> bool:
    return kind in ("date", "timestamp")


def _every_day(col: Column, seen_days: int | None) -> bool:
    """The first rows hold every day from the table's first date to its last: the table has those days
    and no other (a daily series in any order; a file sorted by date is counted whole instead)."""
    try:
        span = (date.fromisoformat(str(col.max)) - date.fromisoformat(str(col.min))).days + 1
    except ValueError:
        return False
    return seen_days is not None and seen_days == span


def _aggregate(ws, table: str, relation: str, described: list[tuple[str, str]], distinct, ranges: bool,
               rows: int | None = None) -> list[Column]:
    """One aggregate query over `relation`: approx_count_distinct of the columns `distinct` (True, or a
    test of the column's kind) picks, min and max of numbers and dates, and count(*)."""
    return _aggregate_counting(ws, table, relation, described, distinct, ranges, rows)[0]


def _aggregate_counting(ws, table: str, relation: str, described: list[tuple[str, str]], distinct, ranges: bool,
                        rows: int | None = None, exact: list[str] = ()) -> tuple[list[Column], dict[str, int]]:
    """`_aggregate`, and in the same query the exact distinct count of each column named in `exact`."""
    parts = []
    for name, typ in described:
        q, kind = quote_ident(name), _kind_of(typ)
        if distinct is True or distinct(kind):
            parts.append(f"approx_count_distinct({q})")
        if ranges and kind in ("number", "integer", "date", "timestamp"):
            parts += [f"min({q})", f"max({q})"]
    parts += [f"count(DISTINCT {quote_ident(name)})" for name in exact]
    parts.append("count(*)")
    row = ws.query(f"SELECT {', '.join(parts)} FROM {relation}", max_rows=1).rows[0]
    cols, i = [], 0
    for name, typ in described:
        kind = _kind_of(typ)
        col = Column(table, name, typ, kind)
        if distinct is True or distinct(kind):
            col.distinct = int(row[i] or 0)
            i += 1
        if ranges and kind in ("number", "integer", "date", "timestamp"):
            col.min, col.max = row[i], row[i + 1]
            i += 2
        col.table_rows = int(rows or row[-1])
        cols.append(col)
    counts = {name: int(row[i + k] or 0) for k, name in enumerate(exact)}
    return cols, counts


def _estimated_distinct(seen_distinct: int, seen_rows: int, rows: int) -> int:
    """The distinct values of `rows` rows, from `seen_distinct` among `seen_rows` of them: the D for
    which rows drawn from D equally frequent values show seen_distinct values on average
    (D * (1 - exp(-seen_rows / D)) = seen_distinct), at most `rows`. An estimate, used only above the
    thresholds that decide a plan (a column with that many values is neither a code nor a category);
    low when the first rows are sorted by the column."""
    if seen_distinct <= 0 or rows <= seen_rows:
        return seen_distinct
    expected = lambda d: d * -math.expm1(-seen_rows / d)  # noqa: E731 - increasing in d
    if expected(rows) <= seen_distinct:
        return rows
    low, high = float(seen_distinct), float(rows)
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if expected(mid) < seen_distinct else (low, mid)
    return int(round(high))


def _values_sql(relation: str, chunk: list[Column], wide: bool) -> str:
    """(k, value) rows: the distinct non-null values of each column chunk[k], as text.

    A DISTINCT ... LIMIT branch a column is fastest on a tall table (0.2 s for three columns of 10M
    rows); but each branch reads the file's metadata again, which on a 5,000-column Parquet file cost
    0.3 s a branch. A wide table is therefore unpivoted in one scan instead (cost rows x columns).
    `relation` is the table or, for a large table on a server, its TABLESAMPLE: a value seen in no
    sampled row is not indexed, and a request naming it is declined rather than answered wrongly."""
    qt = relation
    if not wide:
        return " UNION ALL ".join(f"SELECT {i} AS k, CAST(v AS VARCHAR) AS v FROM (SELECT DISTINCT {c.q} AS v FROM "
                                  f"{qt} WHERE {c.q} IS NOT NULL LIMIT {MAX_INDEXED_VALUES + 1})"
                                  for i, c in enumerate(chunk))
    cast = ", ".join(f"CAST({c.q} AS VARCHAR) AS \"{i}\"" for i, c in enumerate(chunk))
    return (f"SELECT DISTINCT CAST(k AS INTEGER) AS k, v FROM (UNPIVOT (SELECT {cast} FROM {qt}) "
            "ON COLUMNS(*) INTO NAME k VALUE v)")


def _long_table_values(ws, relation: str, chunk: list[Column], one_scan: bool) -> None:
    """The values of each column of `chunk` over a long table, exactly, in two reads: those of its first
    FIRST_ROWS rows, then only the values not among them (`NOT IN`), which for the usual column whose
    first rows hold every value is a filter DuckDB answers from a Parquet file's dictionaries: on
    100M rows, three columns took 1.5 s of CPU as DISTINCT branches over the whole table."""
    names = ", ".join(c.q for c in chunk)
    lists = ", ".join(f"list(DISTINCT CAST({c.q} AS VARCHAR))" for c in chunk)  # few: these are the candidates
    row = ws.query(f"SELECT {lists} FROM (SELECT {names} FROM {relation} LIMIT {FIRST_ROWS}) AS first_rows",
                   max_rows=1).rows[0]
    for c, values in zip(chunk, row):
        c.values = [v for v in values or [] if v is not None]
    rest = []
    for i, c in enumerate(chunk):
        room = MAX_INDEXED_VALUES + 1 - len(c.values)
        if room <= 0:
            continue  # more than the index keeps already
        seen = ", ".join(str(int(v)) if c.kind == "integer" else quote_literal(v) for v in c.values)
        unseen = f"{c.q} IS NOT NULL" + (f" AND {c.q} NOT IN ({seen})" if seen else "")
        rest.append((i, room, unseen))
    if not rest:
        return
    if one_scan:  # text scanned in place: parsed once for all the columns (a FILTER is not pushed into the scan)
        sql = "SELECT " + ", ".join(f"list(DISTINCT CAST({chunk[i].q} AS VARCHAR)) FILTER (WHERE {unseen})"
                                    for i, _, unseen in rest) + f" FROM {relation}"
        for (i, room, _), values in zip(rest, ws.query(sql, max_rows=1).rows[0]):
            chunk[i].values += (values or [])[:room]
        return
    sql = " UNION ALL ".join(f"SELECT {i} AS k, CAST(v AS VARCHAR) AS v FROM (SELECT DISTINCT {chunk[i].q} AS v "
                             f"FROM {relation} WHERE {unseen} LIMIT {room})" for i, room, unseen in rest)
    for k, v in ws.query(sql, max_rows=(MAX_INDEXED_VALUES + 1) * len(chunk)).rows:
        chunk[k].values.append(v)


def _compute_columns(ws, table: str, card=None) -> list[Column]:
    """Uses a `tools.schema.SchemaCard` when the caller already has one; otherwise one light aggregate
    query of our own (the full card also samples rows, which the offline path must not pay for). The
    full value list of low-cardinality columns always comes from our own DISTINCT query."""
    cols: list[Column] = []
    if card is not None:
        for c in card.columns:
            kind = c.kind if c.kind in ("number", "integer", "text", "date", "timestamp", "boolean") else _kind_of(c.type)
            cols.append(Column(table, c.name, c.type, kind, int(c.distinct or 0), [], c.min, c.max,
                               getattr(card, "row_count", None)))
    else:
        described = ws.columns(table)
        for start in range(0, len(described), STATS_COLUMNS_A_QUERY):
            cols += _column_stats(ws, table, described[start:start + STATS_COLUMNS_A_QUERY])
    wanted = [c for c in cols if (c.kind == "text" and c.distinct <= MAX_INDEXED_VALUES * 1.2)
              or (c.kind == "integer" and c.distinct <= 25)]
    # A wide table (thousands of columns) gets values for its first MAX_VALUE_COLUMNS candidates only:
    # one DISTINCT branch per column is one scan, and thousands of them exhausted memory.
    wanted = sorted(wanted, key=lambda c: c.kind != "text")[:MAX_VALUE_COLUMNS]
    for c in wanted:
        c.values = []
    wide = len(cols) > WIDE_TABLE_COLUMNS
    step = VALUE_COLUMNS_A_QUERY * (4 if wide else 1)
    relation, _, _ = scan_relation(ws, table)
    long = relation == quote_ident(table) and not wide and (cols[0].table_rows or 0) > FIRST_ROWS if cols else False
    for start in range(0, len(wanted), step):
        chunk = wanted[start:start + step]
        if long:
            _long_table_values(ws, relation, chunk, _scanned_text(ws, table))
            continue
        for k, v in ws.query(_values_sql(relation, chunk, wide), max_rows=(MAX_INDEXED_VALUES + 1) * len(chunk)).rows:
            chunk[k].values.append(v)
    for c in wanted:
        if len(c.values) > MAX_INDEXED_VALUES:
            c.values = []
            c.distinct = max(c.distinct, MAX_INDEXED_VALUES + 1)  # that many were found: a count is at least that
        else:
            c.distinct = len(c.values)
            if c.kind == "integer":
                c.values = sorted(int(v) for v in c.values)
    return cols


def yes_no_of_text(c: Column) -> tuple[str, str] | None:
    """(its yes, its no) as the data writes them, for a text column of a yes and a no ('S'/'N', 'sí'/'no');
    else None (prompts/words/columns.json yes_words, no_words)."""
    from dsagent.words.data import load
    from dsagent.words.text import norm

    if c.kind != "text" or len(c.values) != 2:
        return None
    yes = [v for v in c.values if norm(str(v)) in load("columns")["yes_words"]]
    no = [v for v in c.values if norm(str(v)) in load("columns")["no_words"]]
    return (yes[0], no[0]) if len(yes) == 1 and len(no) == 1 else None
