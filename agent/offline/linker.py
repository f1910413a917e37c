"""Schema and value linking for the offline planner: which words name which columns, tables and values.

`SchemaIndex.build(ws)` reads each table's columns (from a schema card when given, else from one
light DuckDB query, then the values of low-cardinality columns; cached across processes) and indexes:
- column aliases: the normalised name, singular/plural forms, synonyms in English and Spanish
  (`dsagent.words.synonyms`), and unique parts of multi-word names ("age" -> applicant_age);
- table aliases (entity nouns: "passengers", "pedidos");
- a value index over low-cardinality text columns ("europe" -> region = 'Europe', "women" -> sex = 'female').
Matching is on folded, lower-case tokens; `fuzzy_column` uses difflib for typos.
"""

from __future__ import annotations

import math
import time
from datetime import date
from dataclasses import dataclass, field, fields
from difflib import get_close_matches
from typing import Any

from dsagent.data.naming import quote_ident, quote_literal
from dsagent.data.tables import scan_relation
from dsagent.offline.lexicon import PLACE_WORDS, PLACES
from dsagent.words.data import load as load_words
from dsagent.words.names import (duration_words, is_code, is_display_name, is_identifier, is_label, is_time_span,
                                 is_distance, is_year_name, length_words, without_unit)
from dsagent.words.synonyms import head_of, targets as synonym_targets, value_synonyms
from dsagent.words.text import name_words, norm, variants

# Columns computed faster than this are not worth a cache file (a small CSV: a few milliseconds).
DISK_CACHE_MIN_SECONDS = 0.05
COLUMNS_CACHE_VERSION = 1  # the layout of a cached Column list
MAX_INDEXED_VALUES = 200  # text columns with more distinct values are not value-indexed (names, ids)
MAX_VALUE_COLUMNS = 400  # at most this many columns of a table get their values indexed
VALUE_COLUMNS_A_QUERY = 50  # DISTINCT branches in one UNION ALL query
WIDE_TABLE_COLUMNS = 500  # from this width one UNPIVOT scan replaces the branches (see _values_sql)
STATS_COLUMNS_A_QUERY = 500  # columns whose distinct counts and ranges one aggregate query computes
FIRST_ROWS = 200_000  # distinct counts are counted over this many first rows (see _column_stats)
ROW_NAME_SHARE = 0.9  # a text column with this share of distinct values names each row (SchemaIndex.row_name)
ROW_NAME_MIN_ROWS = 20  # below this, any text column looks unique
_DATE_WORDS = {"date", "fecha", "fechas", "dia", "day", "days"}
GENERIC_PARTS = {"id", "name", "to", "of", "the", "de", "del", "la", "el", "and", "y", "in", "en", "no", "is"}


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


@dataclass
class Alias:
    """A word sequence that names a column, a table or a value."""

    kind: str  # column | table | value
    strength: int  # 3 exact name, 2 plural/synonym/whole value, 1 part of a name or value synonym
    table: str
    column: str | None = None
    value: Any = None


class SchemaIndex:
    """Columns, tables and values of a workspace, indexed by normalised word sequences."""

    def __init__(self, columns: dict[str, list[Column]]):
        self.columns = columns  # table -> columns
        self.aliases: dict[tuple[str, ...], list[Alias]] = {}
        self.max_len = 1
        for table, cols in columns.items():
            self._index_table(table, cols)
        self.lookups = self._lookups()

    def _lookups(self) -> dict[str, dict[str, str]]:
        """table -> {lookup table: key}: orders.customer_id -> customers.customer_id (its own id).

        Only these many-to-one joins are planned, so every row of the main table stays one row.
        """
        out: dict[str, dict[str, str]] = {t: {} for t in self.columns}
        for one, cols in self.columns.items():
            stems = variants(norm(one).split()[-1]) if norm(one) else set()
            for key in (c for c in cols if c.label):
                words = norm(key.name).split()
                if len(words) < 2 or not (set(variants(words[-2])) & stems):
                    continue  # customers.customer_id names its own rows; orders.customer_id does not
                for many, other in self.columns.items():
                    if many != one and any(c.name == key.name for c in other):
                        out[many][one] = key.name
        return out

    @classmethod
    def build(cls, ws, cards: dict | None = None) -> "SchemaIndex":
        """Index every table of `ws`; `cards` ({table: SchemaCard}) are used when given."""
        cards = cards or {}
        return cls({t: load_columns(ws, t, cards.get(t)) for t in ws.tables})

    def column(self, table: str, name: str) -> Column | None:
        return next((c for c in self.columns.get(table, []) if c.name == name), None)

    def _add(self, words: tuple[str, ...], alias: Alias) -> None:
        if not words or all(w in GENERIC_PARTS for w in words):
            return
        bucket = self.aliases.setdefault(words, [])
        for a in bucket:
            if (a.kind, a.table, a.column, a.value) == (alias.kind, alias.table, alias.column, alias.value):
                a.strength = max(a.strength, alias.strength)
                return
        bucket.append(alias)
        self.max_len = max(self.max_len, len(words))

    def _index_table(self, table: str, cols: list[Column]) -> None:
        tw = tuple(norm(table).split())
        if len(tw) > 1:  # the name as typed, one token: 'weather_v1' (a cleaned table's earlier version)
            self._add(("_".join(tw),), Alias("table", 3, table))
        for i, w in enumerate(tw[-1:] and [tw[-1]]):
            for v in variants(w):
                self._add(tw[:-1] + (v,), Alias("table", 2, table))
                for syn in synonym_targets().get(v, ()):
                    for sv in variants(norm(syn)):
                        self._add(tw[:-1] + tuple(sv.split()), Alias("table", 2, table))
        for c in cols:
            words = tuple(norm(c.name).split())
            self._add(words, Alias("column", 3, table, c.name))
            if len(words) > 1:
                self._add(("".join(words),), Alias("column", 3, table, c.name))
            last = words[-1] if words else ""
            for v in variants(last):
                self._add(words[:-1] + (v,), Alias("column", 2, table, c.name))
            # synonyms of each word of the name, and of the whole name; before a unit the last word is the
            # head (distancia for distance_km)
            stem = without_unit(c.name)
            head_at = len(stem) - 1 if stem and tuple(stem) == words[:len(stem)] else len(words) - 1
            for i, w in enumerate(words):
                for syn_word, targets in _reverse_synonyms().get(w, {}).items():
                    if syn_word in _DATE_WORDS and not (c.temporal or c.year_like):
                        continue  # "date" is no name for a duration ("running time") or any other number
                    for v in variants(syn_word):
                        new = words[:i] + tuple(v.split()) + words[i + 1:]
                        self._add(new, Alias("column", 2 if len(words) == 1 else 1, table, c.name))
                        if len(words) > 1:  # a synonym of the head word alone names the column
                            self._add(tuple(v.split()), Alias("column", 1 if i == head_at else 0, table, c.name))
            # a synonym of the whole name ("duration" for Running Time)
            if len(words) > 1:
                for syn_word in _reverse_synonyms().get(" ".join(words), {}):
                    for v in variants(syn_word):
                        self._add(tuple(v.split()), Alias("column", 2, table, c.name))
            # a known word after a one- or two-letter prefix names the column ("class", "clase" -> pclass)
            head = head_of(words[0]) if len(words) == 1 else None
            if head:
                for w in {head} | set(_reverse_synonyms().get(head, {})):
                    for v in variants(w):
                        self._add(tuple(v.split()), Alias("column", 1, table, c.name))
            # Spanish order for two-word names: credit_score -> "puntuacion de credito"
            if len(words) == 2:
                rev = _reverse_synonyms()
                firsts = {words[0]} | {v for w in rev.get(words[0], {}) for v in variants(w)}
                heads = {words[1]} | {v for w in rev.get(words[1], {}) for v in variants(w)}
                for h in heads:
                    for f in firsts:
                        for prep in ("de", "del", "de la", "de los", "de las"):
                            self._add(tuple(h.split()) + tuple(prep.split()) + tuple(f.split()),
                                      Alias("column", 2, table, c.name))
            # short forms written out: yrs_service -> "years service", "years of service"
            long = _written_out(words)
            if long != words:
                self._add(long, Alias("column", 2, table, c.name))
                if len(long) == 2:
                    self._add((long[0], "of", long[1]), Alias("column", 2, table, c.name))
                    for v in variants(long[0]):
                        self._add((v, "of", long[1]), Alias("column", 2, table, c.name))
            # a unit at the end is not what the column measures: delay_minutes is "delay", distance_km
            # "distance" (a plural's strength, so a column named "delay" still wins)
            if stem and not all(w in GENERIC_PARTS for w in stem):
                for v in variants(stem[-1]):
                    self._add(stem[:-1] + (v,), Alias("column", 2, table, c.name))
            # contiguous parts of a multi-word name ("age" of applicant_age, "rotten tomatoes")
            if len(words) > 1:
                for n in range(1, len(words)):
                    for s in range(len(words) - n + 1):
                        part = words[s:s + n]
                        if n == 1 and (part[0] in GENERIC_PARTS or len(part[0]) < 3):
                            continue
                        # the head word ("age" of applicant_age) is a fair name; a modifier
                        # ("applicant", "loan" of loan_amount) only when nothing else matches
                        strength = 1 if s + n == len(words) or n > 1 else 0
                        for v in variants(part[-1]):
                            self._add(part[:-1] + (v,), Alias("column", strength, table, c.name))
            # id columns name their entity: application_id -> "applications"
            if c.label and len(words) > 1:
                for v in variants(words[-2]):
                    self._add((v,), Alias("table", 1, table))
            if c.values and c.kind == "text":
                for val in c.values:
                    vw = tuple(norm(val).split())
                    if not vw:
                        continue
                    self._add(vw, Alias("value", 3, table, c.name, val))
                    if len(vw) == 1 and len(vw[0]) >= 4:
                        for v in variants(vw[0]):
                            self._add((v,), Alias("value", 2, table, c.name, val))
        # "country", "region": a column of place names, by its values (a synonym's strength, so a column
        # named "region" still wins; two such columns make the word ambiguous, as any shared synonym)
        for c in cols:
            if c.kind == "text" and c.values and is_place_column(c):
                for word in PLACE_WORDS:
                    self._add((word,), Alias("column", 1, table, c.name))
        # a word for a length of time ("length", "duration") names a number measured in time (Running Time,
        # call_minutes), weakly: a column named "length" still wins, two such columns make it ambiguous
        for c in cols:
            if c.numeric and not c.year_like and not c.label and is_time_span(c.name):
                for word in duration_words():
                    self._add((word,), Alias("column", 1, table, c.name))
            elif c.numeric and not c.label and is_distance(c.name):  # "longest flight": distance or duration
                for word in length_words():
                    self._add((word,), Alias("column", 1, table, c.name))
        # value synonyms: "women" -> 'female' where some column holds 'female'
        by_norm: dict[str, list[tuple[str, str, Any]]] = {}
        for c in cols:
            if c.values and c.kind == "text":
                for val in c.values:
                    by_norm.setdefault(norm(val), []).append((table, c.name, val))
        for word, values in value_synonyms().items():
            for target in values:
                for t, col, val in by_norm.get(norm(target), []):
                    self._add(tuple(norm(word).split()), Alias("value", 1, t, col, val))

    # ------------------------------------------------------------------ lookups
    def lookup(self, words: tuple[str, ...]) -> list[Alias]:
        return self.aliases.get(words, [])

    def fuzzy_column(self, word: str, tables: list[str]) -> list[Alias]:
        """Columns whose name (or a word of it) is a near spelling of `word` (typos)."""
        if len(word) < 4:
            return []
        # only the columns' own words: a typo of a synonym ("pairs" ~ "pais") is too far to trust
        single = {k[0]: v for k, v in self.aliases.items() if len(k) == 1 and len(k[0]) >= (4 if len(word) < 5 else 5) and any(
            a.kind == "column" and a.strength == 3 and a.table in tables and not self._is_id(a) for a in v)}
        close = get_close_matches(word, list(single), n=3, cutoff=0.86)
        if not close and word.isalpha():  # "salray", "rnak": a swap of two letters or one slip, one column word
            near = [k for k in single if _one_slip(word, k)]
            close = near if len(near) == 1 else []
        out = []
        for k in close:
            out += [a for a in single[k] if a.kind == "column" and a.strength == 3 and a.table in tables]
        if out:
            return out
        # a word of a multi-word name ("poduction" of Production Budget) when it belongs to one column only
        parts: dict[str, set[tuple[str, str]]] = {}
        for table in tables:
            for c in self.columns.get(table, []):
                for w in norm(c.name).split():
                    if len(w) >= 5 and not c.label:
                        parts.setdefault(w, set()).add((table, c.name))
        for k in get_close_matches(word, [w for w, owners in parts.items() if len(owners) == 1], n=1, cutoff=0.86):
            table, name = next(iter(parts[k]))
            out.append(Alias("column", 2, table, name))
        return out

    def _is_id(self, a: Alias) -> bool:
        col = self.column(a.table, a.column) if a.column else None
        return col is not None and col.label

    def all_columns(self, table: str) -> list[Column]:
        return self.columns.get(table, [])

    def row_name(self, table: str) -> Column | None:
        """The text column that names each row, when rows are things (a movie, a ship, a person): named for
        a name of the row itself ('Title', 'name', 'movie_title' in movies, never 'vessel_name' in exports:
        that names another thing), and nearly every row has its own value (ROW_NAME_SHARE). Order lines or
        daily readings have none: an order id is unique but no name, and their names repeat."""
        stems = set(variants(norm(table).split()[-1])) if norm(table) else set()
        for c in self.all_columns(table):
            if c.kind != "text" or not is_display_name(c.name):
                continue
            before = name_words(c.name)[:-1]
            own = not before or bool(set(variants(before[-1])) & stems)
            rows = c.table_rows or 0
            if own and rows >= ROW_NAME_MIN_ROWS and c.distinct >= ROW_NAME_SHARE * min(rows, FIRST_ROWS):
                return c
        return None

    def row_measure(self, table: str) -> Column | None:
        """The one number column named for the row itself ('loan_amount' in loans, 'order_total' in orders),
        what 'the 5 largest loans' ranks. None when there are two ('trip_distance', 'trip_minutes': the
        longest trips by which?) or none; identifiers and codes never measure a row."""
        stems = set(variants(norm(table).split()[-1])) if norm(table) else set()
        own = [c for c in self.all_columns(table)
               if c.numeric and not c.label and len(name_words(c.name)) > 1
               and bool(set(variants(name_words(c.name)[0])) & stems)]
        return own[0] if len(own) == 1 else None

    def time_columns(self, table: str) -> list[Column]:
        cols = self.all_columns(table)
        dates = [c for c in cols if c.temporal]
        return dates or [c for c in cols if c.year_like]


def _one_slip(word: str, target: str) -> bool:
    """Two adjacent letters swapped ('rnak' -> rank); from five letters on, also one letter wrong, missing
    or extra ('salery'). Four-letter words allow only the swap: one wrong letter makes another word."""
    if word == target or abs(len(word) - len(target)) > 1 or min(len(word), len(target)) < 4:
        return False
    if len(word) == len(target):
        diff = [i for i in range(len(word)) if word[i] != target[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] \
                and word[diff[1]] == target[diff[0]]:
            return True
        return len(diff) == 1 and len(word) >= 5
    if min(len(word), len(target)) < 5:
        return False
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _written_out(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a column name with its short forms written out (prompts/words/abbreviations.json)."""
    short = load_words("abbreviations")["abbreviations"]
    if len(words) < 2:  # a one-word name ("temp") is a name of its own; only parts of longer names expand
        return words
    return tuple(short.get(w, w) for w in words)


def is_place_column(c: Column) -> bool:
    """Most of the column's values (at least two) are countries or continents."""
    hits = sum(norm(v) in PLACES for v in c.values)
    return hits >= 2 and hits >= 0.5 * len(c.values)


_REVERSE: dict[str, dict[str, list[str]]] | None = None


def _reverse_synonyms() -> dict[str, dict[str, list[str]]]:
    """column word -> {word a person may use instead: [targets]} (both directions of the synonym lists)."""
    global _REVERSE
    if _REVERSE is None:
        rev: dict[str, dict[str, list[str]]] = {}
        for word, synonyms in synonym_targets().items():
            for t in synonyms:
                for tw in norm(t).split() if " " not in t else [norm(t)]:
                    rev.setdefault(tw, {}).setdefault(word, []).append(t)
                    rev.setdefault(word, {}).setdefault(tw, []).append(word)
        _REVERSE = rev
    return _REVERSE
