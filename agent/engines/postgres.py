"""PostgreSQL through psycopg 3: every query in a READ ONLY transaction with statement_timeout.

The connection's `read_only` flag makes psycopg open each transaction with BEGIN READ ONLY, and
each query sets `SET LOCAL statement_timeout` inside it. The cap is part of the SQL
(`SELECT * FROM (q) AS _capped LIMIT cap + 1`: one row more says the result was cut), and the rows
are streamed in chunks (`Cursor.stream`, the extended protocol, so one statement only) and counted
in bytes as they come, so neither many rows nor a few wide ones pull more than MAX_RESULT_BYTES
into this process. A server-side (named) cursor would bound memory too, but PostgreSQL makes no
parallel plan for a cursor: over a 10M-row table the answer's own aggregate took twice psql's time.
A read-only role is still the person's best protection, and
docs/engines.md shows how to make one: the guard and the READ ONLY transaction are dsagent's walls,
a role without write grants is the server's.

The password never passes through dsagent: libpq reads PGPASSWORD or ~/.pgpass itself, and every
message shown is passed through `url.redact`.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from dsagent.engines.arrow import duck_type_of_pg, rows_to_arrow
from dsagent.engines.base import (MAX_RESULT_BYTES, ArrowResult, EngineConnectionError, EngineQueryError, RemoteTable,
                                  run_cancellable)
from dsagent.engines.url import EngineUrl, redact
from dsagent.errors import QueryCancelled, QueryTimeout, UserError

CONNECT_TIMEOUT_S = 10
# The client waits this much longer than statement_timeout, so the server's own limit speaks first.
CLIENT_GRACE_S = 2.0
# Rows a result is streamed in (libpq 17's chunked mode; one row at a time with an older libpq).
STREAM_CHUNK_ROWS = 2000
# Types whose values have a width of their own; any other column is charged FIXED_VALUE_BYTES.
_FIXED_WIDTH = {"int2", "int4", "int8", "oid", "float4", "float8", "money", "bool", "date", "time", "timetz",
                "timestamp", "timestamptz", "interval", "uuid"}
FIXED_VALUE_BYTES = 16

_LIST_TABLES = """
SELECT n.nspname, c.relname, c.reltuples::bigint, has_table_privilege(c.oid, 'SELECT')
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
ORDER BY n.nspname, c.relname
"""
_COLUMNS = """
SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod)
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
"""

# What changes when a table's rows change, read in one round trip for all chosen tables (the
# cache's key for facts computed from them: agent/data/cache.py). The cumulative statistics count
# every inserted, updated and deleted row; relfilenode changes on TRUNCATE, VACUUM FULL, CLUSTER and
# rewriting ALTERs (which the counters do not see); the main fork's size grows at once with an
# insert, before a session's counters reach the shared statistics. lock_timeout: pg_relation_size
# waits for a lock a long ALTER may hold, and a marker not read is only a fact recomputed.
_MARKERS = """
SELECT n.nspname, c.relname, c.relkind::text, c.relrowsecurity, c.oid::bigint, c.relfilenode::bigint,
       c.reltuples::float8, pg_relation_size(c.oid), pg_stat_get_tuples_inserted(c.oid),
       pg_stat_get_tuples_updated(c.oid), pg_stat_get_tuples_deleted(c.oid),
       pg_stat_get_db_stat_reset_time(d.oid)::text, d.oid::bigint, current_setting('track_counts'),
       CASE WHEN has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')
            THEN (SELECT system_identifier FROM pg_catalog.pg_control_system())::text END
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_database d ON d.datname = current_database()
WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest(%s::text[], %s::text[]))
"""
# Tables whose rows the counters follow: plain tables and materialized views. A view's rows are
# other tables', a partitioned table's are its partitions', a foreign table's another server's.
_MARKED_KINDS = ("r", "m")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PostgresEngine:
    """One psycopg connection, read-only, UTC, one statement at a time."""

    dialect = "postgres"
    cancel: threading.Event | None = None  # the workspace's: set, the running statement stops
    label = "PostgreSQL"

    def __init__(self, url: EngineUrl):
        try:
            import psycopg
        except ImportError:
            raise UserError("PostgreSQL needs psycopg 3: pip install 'dsagent[postgres]'") from None
        self._psycopg = psycopg
        self.url = url
        self.shown = url.shown
        try:
            self.con = psycopg.connect(url.text, connect_timeout=CONNECT_TIMEOUT_S, autocommit=False,
                                       application_name="dsagent")
        except psycopg.Error as exc:
            raise EngineConnectionError(f"{url.shown}: {_connect_problem(exc)}") from None
        info = self.con.info
        self.shown = f"postgresql://{info.user}@{info.host}:{info.port}/{info.dbname}"
        self.con.read_only = True  # every transaction psycopg opens is BEGIN READ ONLY
        self._lock = threading.Lock()
        self._timeout_s: float = 60.0
        with self.con.transaction():
            self.con.execute("SET TimeZone TO 'UTC'")  # session-level: timestamps read as DuckDB reads them
            row = self.con.execute("SELECT current_setting('server_version'), current_schemas(false)").fetchone()
        self.con.commit()
        self.version = str(row[0])
        self.default_schemas = list(row[1] or [])

    # ---------------------------------------------------------------- catalogue
    def list_tables(self) -> list[RemoteTable]:
        readable, _ = self.list_tables_split()
        return readable

    def list_tables_split(self) -> tuple[list[RemoteTable], list[RemoteTable]]:
        """(tables the role may read, tables it may not): the second only to say 'permission denied'."""
        rows = self._catalogue(_LIST_TABLES)
        readable, denied = [], []
        for schema, name, estimate, allowed in rows:
            table = RemoteTable(schema, name, int(estimate) if estimate is not None and estimate >= 0 else None)
            (readable if allowed else denied).append(table)
        return readable, denied

    def columns(self, table: RemoteTable) -> list[tuple[str, str]]:
        rows = self._catalogue(_COLUMNS, [f"{_ident(table.schema)}.{_ident(table.name)}"])
        return [(name, duck_type_of_pg(typname, formatted)) for name, typname, formatted in rows]

    def change_markers(self, tables: list[RemoteTable]) -> dict[str, tuple | None]:
        """For each table (by `qualified`), a tuple that changes when its rows change, or None when
        the server cannot tell (a view, a partitioned or foreign table, row-level security, counters
        off). The statistics can lag a few seconds behind a commit of another open session: see
        docs/engines.md."""
        if not tables:
            return {}
        rows = self._catalogue(_MARKERS, [[t.schema for t in tables], [t.name for t in tables]],
                               lock_timeout_ms=1000)
        found = {}
        for schema, name, kind, row_security, oid, filenode, tuples, size, ins, upd, dele, reset, db, track, \
                system in rows:
            sound = kind in _MARKED_KINDS and not row_security and track == "on"
            found[f"{schema}.{name}"] = (system, db, oid, filenode, size, ins, upd, dele, reset, tuples) \
                if sound else None
        return {t.qualified: found.get(t.qualified) for t in tables}

    def _catalogue(self, sql: str, params: list | None = None, lock_timeout_ms: int | None = None) -> list[tuple]:
        def work():
            with self.con.transaction():
                if lock_timeout_ms:
                    self.con.execute(f"SET LOCAL lock_timeout = {int(lock_timeout_ms)}")
                return self.con.execute(sql, params).fetchall()

        return self._run(work, self._timeout_s)

    # ---------------------------------------------------------------- queries
    def query_arrow(self, sql: str, max_rows: int, timeout_s: float) -> ArrowResult:
        started = time.perf_counter()
        # The subquery keeps its ORDER BY: PostgreSQL does not reorder a subquery scan under a
        # plain SELECT * ... LIMIT. The newline ends a trailing -- comment.
        capped = f"SELECT * FROM ({sql}\n) AS _capped LIMIT {int(max_rows) + 1}"

        def work():
            with self.con.transaction():
                self.con.execute(f"SET LOCAL statement_timeout = {max(1, int(timeout_s * 1000))}")
                with self.con.cursor() as cur:
                    rows, names, types, cut = self._stream(cur, capped, max_rows + 1)
            return rows[:max_rows], names, types, cut or len(rows) > max_rows

        rows, names, types, truncated = self._run(work, timeout_s)
        return ArrowResult(None, truncated, round(time.perf_counter() - started, 4), names=names, rows=rows,
                           build=lambda: rows_to_arrow(names, rows, types))

    def _stream(self, cur, sql: str, max_rows: int) -> tuple[list[tuple], list[str], list[str], bool]:
        """(rows, names, type names, cut short by the byte budget) of one statement, streamed."""
        from contextlib import closing

        from psycopg import capabilities

        chunk = STREAM_CHUNK_ROWS if capabilities.has_stream_chunked() else 1
        rows: list[tuple] = []
        names: list[str] = []
        types: list[str] = []
        wide: list[int] = []
        fixed = used = 0
        with closing(cur.stream(sql, size=chunk)) as stream:  # closing early cancels the rest on the server
            for row in stream:
                if not rows:
                    names = [d.name for d in cur.description or []]
                    types = [self._typname(d.type_code) for d in cur.description or []]
                    wide = [i for i, t in enumerate(types) if t not in _FIXED_WIDTH]
                    fixed = FIXED_VALUE_BYTES * (len(types) - len(wide))
                used += fixed + sum(_width(row[i]) for i in wide)
                if used > MAX_RESULT_BYTES:
                    return rows, names, types, True
                rows.append(row)
                if len(rows) >= max_rows:
                    break
        if not rows:  # a stream that yields no row keeps no description: ask for the columns alone
            cur.execute(f"SELECT * FROM ({sql}\n) AS _q LIMIT 0")
            names = [d.name for d in cur.description or []]
            types = [self._typname(d.type_code) for d in cur.description or []]
        return rows, names, types, False

    def describe(self, sql: str, timeout_s: float) -> list[tuple[str, str]]:
        def work():
            with self.con.transaction():
                self.con.execute(f"SET LOCAL statement_timeout = {max(1, int(timeout_s * 1000))}")
                cur = self.con.execute(f"SELECT * FROM ({sql}\n) AS _q LIMIT 0")
                return [(d.name, duck_type_of_pg(self._typname(d.type_code))) for d in cur.description or []]

        return self._run(work, timeout_s)

    def _typname(self, oid: int) -> str:
        info = self.con.adapters.types.get(oid)
        return info.name if info is not None else ""

    def _run(self, work, timeout_s: float) -> Any:
        psycopg = self._psycopg
        limit = timeout_s + CLIENT_GRACE_S if timeout_s else None
        try:
            return run_cancellable(work, self.interrupt, limit, self._lock, self.cancel)
        except QueryTimeout:
            self._recover()
            raise QueryTimeout(f"query stopped after the {timeout_s:g} s time limit (raise it with --timeout)") from None
        except QueryCancelled:
            self._recover()
            raise
        except psycopg.errors.QueryCanceled as exc:
            if "statement timeout" in str(exc):
                raise QueryTimeout(f"PostgreSQL stopped the query at the {timeout_s:g} s time limit "
                                   "(raise it with --timeout)") from None
            raise QueryCancelled("query cancelled") from None
        except psycopg.OperationalError as exc:
            raise EngineConnectionError(f"{self.shown}: {_connect_problem(exc)}") from None
        except psycopg.errors.InsufficientPrivilege as exc:
            raise EngineQueryError(f"PostgreSQL refused the query: {_first_line(exc)} (the role may not read "
                                   "it; use another table)") from None
        except psycopg.Error as exc:
            raise EngineQueryError(f"PostgreSQL could not run the query: {_first_line(exc)}.") from None

    def _recover(self) -> None:
        """After a cancel the transaction may be aborted or still open: leave the connection idle."""
        try:
            if not self.con.closed:
                self.con.rollback()
        except self._psycopg.Error:
            pass

    def interrupt(self) -> None:
        try:
            cancel = getattr(self.con, "cancel_safe", None)
            if cancel is not None:
                cancel(timeout=5.0)
            else:
                self.con.cancel()
        except self._psycopg.Error:
            pass

    def close(self) -> None:
        try:
            self.con.close()
        except self._psycopg.Error:
            pass


def _width(value: Any) -> int:
    """About how many bytes a value of a variable-width column took on the wire."""
    if value is None:
        return 1
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        return len(value)
    return len(str(value))  # json, arrays, numeric: their text form is what was sent


def _first_line(exc: Exception) -> str:
    text = redact(str(exc).strip())
    return (text.splitlines()[0] if text else type(exc).__name__).rstrip(".")


def _connect_problem(exc: Exception) -> str:
    """libpq's connection error as one line a person can act on (never with a password)."""
    text = redact(" ".join(str(exc).split()))
    low = text.lower()
    if "password authentication failed" in low:
        return "password authentication failed (check PGPASSWORD or ~/.pgpass; it is never read from the URL)"
    if "no password supplied" in low or "fe_sendauth" in low:
        return "the server asks for a password: set PGPASSWORD or add the login to ~/.pgpass"
    if "does not exist" in low and "database" in low:
        return "no such database on that server"
    if "role" in low and "does not exist" in low:
        return "no such role (user) on that server"
    if "connection refused" in low or "could not connect" in low or "no such file or directory" in low:
        return "cannot reach the server (is it running, and are the host and port right?)"
    if "timeout expired" in low or "timed out" in low:
        return f"no answer from the server within {CONNECT_TIMEOUT_S} s"
    if "could not translate host name" in low or "name or service not known" in low:
        return "unknown host name"
    if "server closed the connection" in low or "terminating connection" in low or "connection is lost" in low \
            or "consuming input failed" in low or "the connection is closed" in low:
        return "the server closed the connection"
    return text.split(": ", 1)[-1][:300] if ": " in text else text[:300]
