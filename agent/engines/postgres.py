"""PostgreSQL through psycopg 3: every query in a READ ONLY transaction with statement_timeout.

The connection's `read_only` flag makes psycopg open each transaction with BEGIN READ ONLY, and
each query sets `SET LOCAL statement_timeout` inside it, then the transaction is rolled back (there
is nothing to keep). Rows come through a server-side cursor, so a capped query never pulls more
than the cap into this process. A read-only role is still the person's best protection, and
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
from dsagent.engines.base import ArrowResult, EngineConnectionError, EngineQueryError, RemoteTable, run_cancellable
from dsagent.engines.url import EngineUrl, redact
from dsagent.errors import QueryCancelled, QueryTimeout, UserError

CONNECT_TIMEOUT_S = 10
# The client waits this much longer than statement_timeout, so the server's own limit speaks first.
CLIENT_GRACE_S = 2.0

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


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PostgresEngine:
    """One psycopg connection, read-only, UTC, one statement at a time."""

    dialect = "postgres"
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
        self._cursors = 0
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

    def _catalogue(self, sql: str, params: list | None = None) -> list[tuple]:
        def work():
            with self.con.transaction():
                return self.con.execute(sql, params).fetchall()

        return self._run(work, self._timeout_s)

    # ---------------------------------------------------------------- queries
    def query_arrow(self, sql: str, max_rows: int, timeout_s: float) -> ArrowResult:
        started = time.perf_counter()

        def work():
            with self.con.transaction():
                self.con.execute(f"SET LOCAL statement_timeout = {max(1, int(timeout_s * 1000))}")
                self._cursors += 1
                # a server-side cursor: only the rows fetched cross the network
                with self.con.cursor(name=f"dsagent_{self._cursors}") as cur:
                    cur.execute(sql)
                    rows = cur.fetchmany(max_rows + 1)
                    names = [d.name for d in cur.description or []]
                    types = [self._typname(d.type_code) for d in cur.description or []]
            truncated = len(rows) > max_rows
            return rows_to_arrow(names, rows[:max_rows], types), truncated

        table, truncated = self._run(work, timeout_s)
        return ArrowResult(table, truncated, round(time.perf_counter() - started, 4))

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
            return run_cancellable(work, self.interrupt, limit, self._lock)
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
