"""The Workspace: one hardened DuckDB connection over the person's data.

Each source becomes a table or view with a clean name (see `naming.table_name_for`). After
registration the connection is locked down: it can read only the files registered, cannot install or
load extensions, cannot change settings, and every query runs with a row cap, a time limit and can be
interrupted (Ctrl-C cancels the query, not the program). Source files are never written; derived data
(cleaned versions, predictions, synthetic rows) are new in-memory tables.

The module is about 600 lines because `Workspace` is one idea: registration, the hardening, the
queries, their cancellation and the tables all share the one connection, its lock and its cancel
event, and splitting the class would mean mixins or private state read across modules. What stands
apart is elsewhere: the readers (readers.py), the spill folder (spill.py), the memory cap (memory.py).
"""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import duckdb

from dsagent.errors import QueryCancelled, QueryTimeout, QueryTooLarge, SqlRejected, UserError
from dsagent.data.memory import budget_bytes, ceiling, headroom, process_memory
from dsagent.data.naming import quote_ident, quote_literal, table_name_for
from dsagent.data.readers import read_source
from dsagent.data.sources import Source, discover
from dsagent.data.spill import new_spill_dir
from dsagent.data.tables import QueryResult, TableInfo
from dsagent.data.values import to_jsonable

# A CSV or JSON file up to this size is parsed once into a DuckDB table, so repeated questions do
# not parse it again; a bigger one is scanned in place by a view (no copy in memory). Parquet and
# DuckDB files are always scanned in place: DuckDB reads them column by column, with statistics,
# so a copy gains nothing. See docs/data.md for the measurements behind this number.
MATERIALISE_MAX_BYTES = 256 * 1024 * 1024
DEFAULT_MEMORY_LIMIT = "4GB"
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_ROWS = 1000
# How long interrupts are repeated before a query that does not answer them is left behind: an
# interrupt is seen within one chunk (milliseconds) whenever DuckDB can see it at all; the rest is
# for a machine so loaded that the worker thread waits for a core.
STOP_GRACE_S = 2.0

# Settings applied before the lock. Each one closes a door that a query could otherwise open; each
# has a test in tests/test_workspace_hardening.py.
_HARDENING = (
    "SET autoinstall_known_extensions = false",  # no download of an extension a query mentions
    "SET autoload_known_extensions = false",  # no loading of one already on disk
    "SET allow_community_extensions = false",
    "SET allow_persistent_secrets = false",  # no secrets written to or read from ~/.duckdb
    "SET enable_external_access = false",  # no read_csv/ATTACH/COPY/INSTALL of other files or URLs
    "SET lock_configuration = true",  # and nothing above can be SET back
)


@dataclass
class Workspace:
    """One DuckDB connection with the person's sources registered and the doors closed."""

    memory_limit: str = DEFAULT_MEMORY_LIMIT
    threads: int | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_rows: int = DEFAULT_MAX_ROWS
    materialise_max_bytes: int = MATERIALISE_MAX_BYTES
    tables: dict[str, TableInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        try:
            self._budget = budget_bytes(self.memory_limit)
        except ValueError as exc:
            raise UserError(f"memory limit {exc}") from None
        self._tmp = new_spill_dir()
        config = {
            "memory_limit": self.memory_limit,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "temp_directory": self._tmp,
        }
        if self.threads:
            config["threads"] = int(self.threads)
        self.con = duckdb.connect(":memory:", config=config)
        self.con.execute("SET enable_progress_bar = false")  # DuckDB would draw bars on our terminal
        self._allowed_paths: list[str] = []
        self._allowed_dirs: list[str] = [self._tmp + os.sep]
        self._locked = False
        self._lock = threading.Lock()
        self._cancel = threading.Event()  # set by interrupt() from another thread
        self.attached = 0  # DuckDB databases attached (readers.py names them src0, src1, ...)
        self.remote = None  # engines.attach.RemoteSide when a database URL was given
        self.generation = 0  # counts changes to the set of tables, so that indexes of it know when to rebuild
        self._abandoned: list[tuple[duckdb.DuckDBPyConnection, threading.Event]] = []
        self._columns: dict[str, list[tuple[str, str]]] = {}  # table -> DESCRIBE, asked once
        self._parser: duckdb.DuckDBPyConnection | None = None  # see parser()
        self._closed = False
        self.source_seen: dict[str, tuple | None] = {}  # table -> its file's last seen (path, size, mtime); changes.py

    # ---------------------------------------------------------------- registration
    @classmethod
    def open(cls, paths: list[str], tables: list[str] | None = None, **options: Any) -> "Workspace":
        """Register every source in `paths` (files, folders, globs, at most one database URL),
        then harden the connection. `tables` narrows a database's tables (--tables)."""
        from dsagent.engines.url import is_engine_url

        urls = [p for p in paths if is_engine_url(p)]
        files = [p for p in paths if not is_engine_url(p)]
        if len(urls) > 1:
            raise UserError("one database URL at a time (each query runs on one engine)")
        if tables and not urls:
            raise UserError("--tables names tables of a database URL (postgresql://... or sc://...); none was given")
        ws = cls(**options)
        try:
            for source in discover(files) if files or not urls else []:
                ws.register(source)
            if urls:
                ws.attach_engine(urls[0], tables or [])
            ws.harden()
        except BaseException:
            ws.close()
            raise
        return ws

    def register(self, source: Source) -> list[str]:
        """Register one source (agent/data/readers.py); returns the table names it produced."""
        if self._locked:
            raise UserError("sources must be registered before the workspace is hardened")
        return read_source(self, source)

    def new_name(self, stem: str) -> str:
        """A clean table name from `stem` that no registered table has."""
        return table_name_for(stem, set(self.tables))

    def allow(self, source: Source) -> None:
        """Keep a scanned-in-place source readable after the lock (materialised ones need nothing)."""
        if source.hive or os.path.isdir(source.path):
            self._allowed_dirs.append(source.path.rstrip(os.sep) + os.sep)
        else:
            self._allowed_paths.append(source.path)

    def attach_engine(self, url: str, patterns: list[str]) -> list[str]:
        """Register the readable tables of a PostgreSQL or Spark Connect URL: each as an empty
        DuckDB stand-in with the same columns (DuckDB binds against it), queries routed to the engine."""
        from dsagent.engines.attach import RemoteSide, connect

        if self._locked:
            raise UserError("sources must be registered before the workspace is hardened")
        engine = connect(url)
        try:
            side = RemoteSide(engine, patterns, set(self.tables))
            for name, table in side.names.items():
                columns = engine.columns(table)
                if not columns:
                    raise UserError(f"{engine.shown}: table {table.qualified} has no columns")
                body = ", ".join(f"{quote_ident(c)} {_stand_in_type(t)}" for c, t in columns)
                self.con.execute(f"CREATE TABLE {quote_ident(name)} ({body})")
                self.tables[name] = TableInfo(name, f"{engine.shown}#{table.qualified}", engine.dialect, "remote",
                                              None, remote=table)
        except BaseException:
            engine.close()
            raise
        side.bind(self.columns, lambda sql: [c for c, _ in self._describe_local(sql)])
        engine.cancel = self._cancel  # Workspace.interrupt from another thread stops its statements too
        self.remote = side
        return list(side.names)

    def _describe_local(self, sql: str) -> list[tuple[str, str]]:
        """Names and DuckDB types of a query's columns, bound on this connection, nothing run."""
        rows = self.run_interruptible(lambda cur: cur.execute(f"DESCRIBE {_strip_sql(sql)}\n").fetchall())
        return [(r[0], str(r[1])) for r in rows]

    def is_remote(self, table: str) -> bool:
        """True for a table that lives on a database server (PostgreSQL, Spark), not in DuckDB."""
        info = self.tables.get(table)
        return info is not None and info.storage == "remote"

    def reads_remote(self, sql: str) -> bool:
        """True when `sql` reads a table on a database server (it then runs there, not in DuckDB)."""
        return self._routes_remote(sql)

    def fetch_remote_arrow(self, sql: str, max_rows: int, timeout_s: float | None = None):
        """(Arrow table with DuckDB's column names, truncated) of a query on the server."""
        self.check_read_only(sql)
        names = [c for c, _ in self._describe_local(sql)]
        got = self.remote.run(sql, max_rows, self.timeout_s if timeout_s is None else timeout_s)
        return got.table.rename_columns(names), got.truncated

    def _routes_remote(self, sql: str) -> bool:
        if self.remote is None:
            return False
        local = {n for n, t in self.tables.items() if t.storage != "remote"}
        return self.remote.reads(sql, local)

    def _remote_query(self, sql: str, cap: int, timeout_s: float | None, count_total: bool) -> QueryResult:
        """Bind on the stand-ins (DuckDB's names, types and errors), then run on the engine."""
        self._cancel.clear()  # as a local query does: an interrupt cancels the query running, not the next
        described = self._describe_local(sql)
        limit = self.timeout_s if timeout_s is None else timeout_s
        got = self.remote.run(sql, cap, limit)
        if got.num_columns != len(described):
            raise SqlRejected(f"{self.remote.label} returned {got.num_columns} columns where DuckDB expects "
                              f"{len(described)}; write the query with explicit columns.")
        rows = [[to_jsonable(v) for v in row] for row in got.python_rows()]
        total = len(rows)
        if got.truncated:
            total = cap
            if count_total:
                counted = self.remote.run(f"SELECT count(*) FROM ({_strip_sql(sql)}\n)", 1, limit)
                total = int(counted.python_rows()[0][0])
        return QueryResult([c for c, _ in described], [t for _, t in described], rows, total, got.truncated,
                           got.seconds)

    def harden(self) -> None:
        """Close the doors: only the registered files stay readable; no settings can change."""
        if self._locked:
            return
        if self._allowed_paths:
            self.con.execute("SET allowed_paths = " + _sql_list(self._allowed_paths))
        self.con.execute("SET allowed_directories = " + _sql_list(self._allowed_dirs))
        for statement in _HARDENING:
            self.con.execute(statement)
        self._locked = True

    # ---------------------------------------------------------------- queries
    def query(self, sql: str, max_rows: int | None = None, timeout_s: float | None = None,
              count_total: bool = True) -> QueryResult:
        """Run one read query with a row cap and a time limit; the true total is still counted.

        The caller is responsible for passing SQL through the guard first (see `sqlguard`); this
        method only checks, with DuckDB's own parser, that it is one read-only statement.
        """
        self.check_read_only(sql)
        cap = self.max_rows if max_rows is None else max_rows
        if self._routes_remote(sql):
            return self._remote_query(sql, cap, timeout_s, count_total)
        started = time.perf_counter()

        def work(cur: duckdb.DuckDBPyConnection) -> QueryResult:
            rel = cur.execute(sql)
            columns = [d[0] for d in rel.description] if rel.description else []
            types = [str(d[1]) for d in rel.description] if rel.description else []
            raw = rel.fetchmany(cap + 1)
            truncated = len(raw) > cap
            if truncated:
                finish_result(cur)  # the rows past the cap are not read; the result must not stay open
            rows = [[to_jsonable(v) for v in r] for r in raw[:cap]]
            total = len(rows)
            if truncated:
                total = cur.execute(f"SELECT count(*) FROM ({_strip_sql(sql)}\n)").fetchall()[0][0] if count_total else cap
            return QueryResult(columns, types, rows, total, truncated)

        result = self.run_interruptible(work, timeout_s)
        result.seconds = round(time.perf_counter() - started, 4)
        return result

    def fetch_df(self, sql: str, limit: int | None = None, timeout_s: float | None = None):
        """A pandas DataFrame of a query, capped at `limit` rows (tools sample before this)."""
        self.check_read_only(sql)
        text = sql if limit is None else f"SELECT * FROM ({_strip_sql(sql)}\n) LIMIT {int(limit)}"
        if self._routes_remote(text):
            names = [c for c, _ in self._describe_local(text)]
            # a remote frame is always bounded: the caller's limit, or the workspace's sample cap
            got = self.remote.run(text, int(limit) if limit is not None else REMOTE_FRAME_MAX_ROWS,
                                  self.timeout_s if timeout_s is None else timeout_s)
            frame = got.table.to_pandas()
            frame.columns = names
            return frame
        return self.run_interruptible(lambda cur: cur.execute(text).df(), timeout_s)

    def scalar(self, sql: str, params: list | None = None, timeout_s: float | None = None) -> Any:
        """The first value of the first row (for our own trusted helper queries)."""
        self.check_read_only(sql)
        if self._routes_remote(sql):
            if params:
                raise SqlRejected("parameters are not passed to a remote engine; inline the values")
            rows = self._remote_query(sql, 1, timeout_s, count_total=False).rows
            return rows[0][0] if rows else None
        # fetchall, not fetchone: DuckDB 2 keeps an unfinished result open after fetchone, and the
        # next register_frame on the connection then fails.
        return self.run_interruptible(lambda cur: (cur.execute(sql, params or []).fetchall() or [[None]])[0][0],
                                      timeout_s)

    def check_read_only(self, sql: str) -> None:
        """Refuse anything but one SELECT-like statement, judged by DuckDB's own parser.

        A second line of defence behind the SQL guard: the hardening settings stop reads of other
        files, but a view scanned in place keeps its own path writable to DuckDB, so COPY ... TO that
        path must never reach the connection.
        """
        try:
            statements = self.con.extract_statements(sql)
        except duckdb.Error as exc:
            raise SqlRejected(f"SQL does not parse: {_first_line(exc)}") from None
        if len(statements) != 1:
            raise SqlRejected(f"exactly one statement is allowed, got {len(statements)}")
        kind = statements[0].type
        if kind not in _READ_STATEMENTS:
            name = str(kind).rsplit(".", 1)[-1]
            raise SqlRejected(f"only read-only SELECT queries can run here, not {name}")

    def parser(self) -> duckdb.DuckDBPyConnection | None:
        """A cursor of this workspace's database on which the SQL guard lets DuckDB parse (never run)
        a statement (agent/sql/duckdb_parse.py), or None before the lock or after `close` (the
        guard's private connection then parses).

        Its own cursor, not `con`: a query may be running on `con` in the worker thread (or be left
        there, see `_abandon`). The hardened database rather than a second, empty one, which would
        cost about 20 ms of CPU to open on every run: parsing binds no name and reads no table."""
        if not self._locked or self._closed:
            return None
        if self._parser is None:
            self._parser = self.con.cursor()
        return self._parser

    def run_interruptible(self, work, timeout_s: float | None = None):
        """Run `work(connection)` in a worker thread so that Ctrl-C and the time limit can cancel it.

        On KeyboardInterrupt (or `interrupt()` from another thread) the query is interrupted and
        `QueryCancelled` is raised; the program and the workspace go on. On the time limit,
        `QueryTimeout`; past the memory budget, `QueryTooLarge`.

        While it runs the process's address space is capped (`memory.ceiling`) and a watchdog reads
        its resident memory every 50 ms. DuckDB checks an interrupt only between chunks, so a query
        stuck inside one function call (a huge `repeat()`) cannot be stopped: after `STOP_GRACE_S`
        of interrupts the workspace gives up waiting, leaves that query on its old connection (its
        allocations still under the ceiling, interrupts still sent until it ends) and goes on with a new
        connection to the same database.
        """
        limit = self.timeout_s if timeout_s is None else timeout_s
        box: dict[str, Any] = {}
        # Our own "finished" flag rather than Thread.is_alive(): a KeyboardInterrupt landing inside
        # Thread.join() can leave is_alive() reporting False while the worker still runs.
        done = threading.Event()

        with self._lock:
            con = self.con
            self._cancel.clear()
            self._forget_finished()
            hold = ceiling(self._budget)
            started_rss = (process_memory() or (0, 0))[1]
            rss_ceiling = started_rss + headroom(self._budget, started_rss)

            def target() -> None:
                # Ctrl-C must reach the main thread, which cancels the query; if the worker took the
                # signal, DuckDB could swallow it while the query runs on.
                if hasattr(signal, "pthread_sigmask"):
                    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    box["value"] = work(con)
                except BaseException as exc:  # carried to the calling thread
                    box["error"] = exc
                finally:
                    hold.release()  # the worker's own: a query given up on stays bounded until it ends
                    done.set()

            worker = threading.Thread(target=target, daemon=True, name="dsagent-query")
            deadline = time.monotonic() + limit if limit else None
            try:
                # start() inside the try: a Ctrl-C that lands the moment the worker exists must still
                # stop it (once the worker runs, only it releases the hold)
                try:
                    worker.start()
                except BaseException:
                    if worker.ident is None:
                        hold.release()
                        raise
                    raise KeyboardInterrupt from None
                while not done.wait(0.05):
                    if self._cancel.is_set():
                        self._stop(con, done, box)
                        raise QueryCancelled("query cancelled")
                    if deadline and time.monotonic() > deadline:
                        self._stop(con, done, box)
                        raise QueryTimeout(f"query stopped after the {limit:g} s time limit (raise it with --timeout)")
                    usage = process_memory()
                    if usage and usage[1] > rss_ceiling:
                        self._stop(con, done, box)
                        raise QueryTooLarge(self._too_large())
            except KeyboardInterrupt:
                self._stop(con, done, box)
                raise QueryCancelled("query cancelled") from None
            except (SystemExit, GeneratorExit):  # SIGTERM/SIGHUP (see cli.py): stop the work, clean up, go
                self._stop(con, done, box)
                raise
        if "error" in box:
            error = box["error"]
            if _is_interrupt(error) or self._cancel.is_set():
                raise QueryCancelled("query cancelled") from None
            if isinstance(error, (MemoryError, duckdb.OutOfMemoryException)):
                raise QueryTooLarge(self._too_large()) from None
            raise error
        return box["value"]

    def _too_large(self) -> str:
        return (f"query stopped: it needed more memory than the {self.memory_limit} limit allows (ask for fewer "
                "or smaller values, or raise it with --memory-limit)")

    def _stop(self, con: duckdb.DuckDBPyConnection, done: threading.Event, box: dict) -> None:
        """Interrupt until the worker has finished, for at most `STOP_GRACE_S`.

        An interrupt that lands between two statements (or before the first one starts) is
        otherwise lost, so it is repeated. A second Ctrl-C while waiting is absorbed: the query is
        being cancelled already. A worker still running after the grace is inside one function call
        that DuckDB does not interrupt: it is abandoned (see `run_interruptible`)."""
        give_up = time.monotonic() + STOP_GRACE_S
        while not done.is_set():
            try:
                if time.monotonic() > give_up:
                    self._abandon(con, done, box)
                    return
                con.interrupt()
                done.wait(0.05)
            except KeyboardInterrupt:
                continue

    def _abandon(self, con: duckdb.DuckDBPyConnection, done: threading.Event, box: dict) -> None:
        """Leave a query that cannot be interrupted on its connection; queries go on on a new one.

        The new connection shares the database (tables, views, locked settings). The old one is
        kept referenced until its query ends, so that no destructor waits for it."""
        box["abandoned"] = True
        self._abandoned.append((con, done))
        if con is self.con:
            self.con = con.cursor()

        def keep_interrupting() -> None:  # it stops at its first chunk boundary, not at its natural end
            while not done.wait(0.05):
                con.interrupt()

        threading.Thread(target=keep_interrupting, daemon=True, name="dsagent-reaper").start()

    def _forget_finished(self) -> None:
        self._abandoned = [(c, d) for c, d in self._abandoned if not d.is_set()]

    @property
    def busy_elsewhere(self) -> bool:
        """True while a query that was given up on still runs (the process should exit with os._exit)."""
        self._forget_finished()
        return bool(self._abandoned)

    def interrupt(self) -> None:
        """Cancel the running query, if any (safe to call from another thread)."""
        self._cancel.set()
        self.con.interrupt()
        if self.remote is not None:
            self.remote.engine.interrupt()

    # ---------------------------------------------------------------- tables
    def columns(self, table: str) -> list[tuple[str, str]]:
        """(name, type) of each column of a registered table.

        Asked once a table: a registered table's columns never change, and DESCRIBE of a view over a
        CSV sniffs the file again (the planner, the guard's hints and the memory all ask)."""
        self.require_table(table)
        known = self._columns.get(table)
        if known is None:
            rows = self.con.execute(f"DESCRIBE {quote_ident(table)}").fetchall()
            known = self._columns[table] = [(r[0], str(r[1])) for r in rows]
        return list(known)

    def row_count(self, table: str) -> int:
        self.require_table(table)
        return int(self.scalar(f"SELECT count(*) FROM {quote_ident(table)}"))

    def require_table(self, table: str) -> TableInfo:
        if table not in self.tables:
            from difflib import get_close_matches

            close = get_close_matches(table, list(self.tables), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; tables: {', '.join(self.tables)}"
            raise UserError(f"unknown table '{table}'{hint}")
        return self.tables[table]

    def default_table(self) -> str:
        """The table a request means when it names none: the first source, or its current version
        when it has been cleaned (the version that holds the source's base name)."""
        if not self.tables:
            raise UserError("no tables loaded")
        sources = [t for t in self.tables.values() if t.storage != "derived"] or list(self.tables.values())
        first = sources[0]
        return first.family if first.family in self.tables else first.name

    def create_derived(self, stem: str, select_sql: str, parent: str | None, how: str) -> str:
        """Create a new in-memory table from trusted SQL built by a tool; never touches a source."""
        if self._routes_remote(select_sql):
            raise UserError(f"a copy of a table on {self.remote.label} is not made in dsagent's memory (it could be "
                            "millions of rows); ask questions of it, or export a bounded sample with /export")
        name = self.new_name(stem)
        self.run_interruptible(lambda cur: cur.execute(f"CREATE TABLE {quote_ident(name)} AS {select_sql}"))
        self.tables[name] = TableInfo(name, f"derived:{how}", "derived", "derived", None, parent=parent)
        self.generation += 1
        return name

    def register_frame(self, stem: str, frame, parent: str | None, how: str) -> str:
        """Copy a pandas DataFrame or Arrow table made by a tool into a new in-memory table."""
        temp = f"_frame_{uuid.uuid4().hex[:8]}"
        self.con.register(temp, frame)
        try:
            return self.create_derived(stem, f"SELECT * FROM {temp}", parent, how)
        finally:
            self.con.unregister(temp)

    def drop_derived(self, name: str) -> None:
        self._drop(name, "derived", "TABLE", f"'{name}' is a source table and cannot be dropped")

    def drop_source(self, name: str) -> None:
        """Remove a scanned-in-place source whose file is gone or unreadable (agent/data/changes.py)."""
        self._drop(name, "view", "VIEW", f"'{name}' is not a table read in place from a file")

    def _drop(self, name: str, storage: str, kind: str, refusal: str) -> None:
        if self.require_table(name).storage != storage:
            raise UserError(refusal)
        self.con.execute(f"DROP {kind} IF EXISTS {quote_ident(name)}")
        del self.tables[name]
        self.source_seen.pop(name, None)
        self.forget_columns(name)

    def forget_columns(self, table: str) -> None:
        """Describe `table` again when next asked, and let indexes of the tables rebuild (its file
        changed, agent/data/changes.py, or it is gone)."""
        self._columns.pop(table, None)
        self.generation += 1

    def rename_table(self, old: str, new: str) -> None:
        """Give a registered table (source or derived) another name; tables made from it follow.

        Only the workspace's name changes: a source file is not touched, and keeps its identity
        (and so its cached schema card and its protection from being overwritten by an export).
        """
        info = self.require_table(old)
        if new in self.tables:
            raise UserError(f"a table named '{new}' exists already")
        if info.storage == "remote":
            raise UserError(f"'{old}' lives in a database server; it cannot be renamed here")
        kind = "VIEW" if info.storage == "view" else "TABLE"
        self.con.execute(f"ALTER {kind} {quote_ident(old)} RENAME TO {quote_ident(new)}")
        info.name = new
        if old in self.source_seen:
            self.source_seen[new] = self.source_seen.pop(old)
        self._columns.pop(old, None)
        self._columns.pop(new, None)
        order = [(new if k == old else k, v) for k, v in self.tables.items()]
        self.tables.clear()  # in place, keeping the order: others may hold this dict
        self.tables.update(order)
        for other in self.tables.values():
            if other.parent == old:
                other.parent = new
        self.generation += 1

    def close(self) -> None:
        self._closed = True
        try:
            if self.remote is not None:
                self.remote.close()
            if self._parser is not None:
                parser, self._parser = self._parser, None
                try:
                    parser.close()
                except duckdb.Error:
                    pass
            for _ in range(40):  # a query still finishing (interrupted a moment ago) keeps it busy
                try:
                    self.con.close()
                    break
                except duckdb.Error:
                    self.con.interrupt()
                    time.sleep(0.05)
        finally:
            import shutil

            shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_READ_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
# A frame pulled from a remote engine without a limit of its own stops here (tools sample first).
REMOTE_FRAME_MAX_ROWS = 200_000


def _stand_in_type(duck_type: str) -> str:
    """The DuckDB type of a stand-in column; JSON (an extension type) is read as text."""
    return "VARCHAR" if duck_type.upper() == "JSON" else duck_type


def finish_result(con: duckdb.DuckDBPyConnection) -> None:
    """Close the open result of the connection's last execute(), read to its end or not.

    DuckDB 2 keeps a partly read result (fetchone, fetchmany short of the end) open, and then refuses
    any relation (`con.sql`, `register`) on that connection with "unfinished result from execute()":
    a chat's /export after an answer of more than `max_rows` rows failed so. Older DuckDB closes it
    on the next statement and has no `abort`.
    """
    abort = getattr(con, "abort", None)
    if abort is not None:
        abort()


def _strip_sql(sql: str) -> str:
    """A statement without its trailing semicolon, to nest it as a subquery (callers close the
    parenthesis on a new line, so a trailing -- comment cannot swallow it)."""
    return sql.strip().rstrip(";").strip()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _is_interrupt(exc: BaseException) -> bool:
    """DuckDB reports an interrupted query as InterruptException, or, when its own check of Python's
    signals caught the Ctrl-C inside the worker thread, as a RuntimeError 'Query interrupted'."""
    return isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower())


def _sql_list(items: list[str]) -> str:
    return "[" + ", ".join(quote_literal(i) for i in items) + "]"
