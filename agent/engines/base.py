"""The Engine boundary: what dsagent needs of a database that is not its own DuckDB.

An engine lists the tables a person may read and their columns, runs one read-only query with a
time limit and a row cap and hands back Arrow, and can be cancelled from another thread (Ctrl-C).
The Workspace (agent/data/workspace.py) is the DuckDB engine; PostgreSQL and Spark Connect live
beside this module. Everything above the Workspace (planner, tools, reviewer, rendering) sends
DuckDB-dialect SQL to the Workspace and never learns which engine ran it: the Workspace routes a
query over remote tables through `dsagent.engines.translate` and then to the engine here.
"""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol, runtime_checkable

from dsagent.errors import EngineConnectionError, EngineQueryError, QueryCancelled, QueryTimeout  # noqa: F401 (re-exported)

# A database whose readable tables outnumber this is almost surely not meant whole: the person
# names the ones to use with --tables (the same cap as a folder of files).
MAX_REMOTE_TABLES = 200
# Above this many rows (the engine's own estimate) a table's profile and schema card are computed
# on a TABLESAMPLE of it, and the result says so.
SAMPLE_ABOVE_ROWS = 1_000_000
SAMPLE_TARGET_ROWS = 200_000
# One result's values, counted as they arrive: past this the rest is not read and the result is
# marked truncated, as past the row cap (a few very wide rows must not fill the memory either).
MAX_RESULT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class RemoteTable:
    """A table (or view) on the engine: where it is and what the workspace calls it."""

    schema: str  # '' when the engine has none (Spark's default database is written out)
    name: str
    estimated_rows: int | None = None  # the engine's statistics; None when it keeps none

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


class ArrowResult:
    """One query's rows as Arrow, capped, with whether more rows existed.

    A driver that hands back Python rows (psycopg) gives them with the column names and a way to
    build the Arrow table, which is then built only when asked for: the answer's own path reads
    Python values (`python_rows`), and building Arrow from them only to read them back cost the
    imports of pyarrow and pandas (which pyarrow loads to convert a list), about 0.5 s a process.
    """

    def __init__(self, table: Any, truncated: bool, seconds: float = 0.0, *, names: list[str] | None = None,
                 rows: list[tuple] | None = None, build: Callable[[], Any] | None = None):
        self._table = table  # pyarrow.Table, or None until `table` is read (then `build()`)
        self.truncated = truncated
        self.seconds = seconds
        self._names = names
        self._rows = rows
        self._build = build

    @property
    def table(self) -> Any:
        if self._table is None and self._build is not None:
            self._table = self._build()
        return self._table

    @property
    def num_columns(self) -> int:
        return len(self._names) if self._names is not None else self.table.num_columns

    def python_rows(self) -> list[tuple]:
        """The rows as Python values (the driver's own when it gave them; else read from Arrow)."""
        if self._rows is not None:
            return self._rows
        columns = [c.to_pylist() for c in self.table.columns]
        return list(zip(*columns)) if columns else []


@dataclass
class EngineInfo:
    """What a person is told about where the data lives (no password, ever)."""

    engine: str  # 'postgres' | 'spark'
    where: str  # the URL without credentials
    version: str = ""
    notes: list[str] = field(default_factory=list)


@runtime_checkable
class Engine(Protocol):
    """The operations every engine offers. DuckDB's Workspace, PostgresEngine and SparkEngine."""

    dialect: str  # the sqlglot dialect its SQL is written in
    cancel: threading.Event | None  # set by the workspace that runs it: its statements stop when set

    def list_tables(self) -> list[RemoteTable]: ...

    def columns(self, table: RemoteTable) -> list[tuple[str, str]]:
        """(name, DuckDB type name) of each column: the rest of dsagent reasons in DuckDB types."""
        ...

    def query_arrow(self, sql: str, max_rows: int, timeout_s: float) -> ArrowResult:
        """Run one read-only statement (already in `dialect`), at most max_rows rows back."""
        ...

    def describe(self, sql: str, timeout_s: float) -> list[tuple[str, str]]:
        """The columns a statement would return, without running it."""
        ...

    def interrupt(self) -> None:
        """Cancel the running statement, if any; safe from another thread."""
        ...

    def close(self) -> None: ...


def run_cancellable(work: Callable[[], Any], interrupt: Callable[[], None], timeout_s: float | None,
                    lock: threading.Lock | None = None, cancel: threading.Event | None = None) -> Any:
    """Run `work()` in a worker thread so that Ctrl-C and the time limit cancel it, not the program.

    The same contract as Workspace.run_interruptible: KeyboardInterrupt -> QueryCancelled, the
    deadline -> QueryTimeout, and so does `cancel` once set (Workspace.interrupt from another thread);
    `interrupt()` is repeated until the worker has returned (an interrupt that lands before the
    statement reaches the server is otherwise lost: a single one sent from another thread was)."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        if hasattr(signal, "pthread_sigmask"):  # Ctrl-C must reach the main thread, which cancels
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            box["value"] = work()
        except BaseException as exc:  # carried to the calling thread
            box["error"] = exc
        finally:
            done.set()

    def stop() -> None:
        while not done.is_set():
            try:
                interrupt()
                done.wait(0.1)
            except KeyboardInterrupt:
                continue

    guard = lock or threading.Lock()
    with guard:
        worker = threading.Thread(target=target, daemon=True, name="dsagent-engine-query")
        worker.start()
        deadline = time.monotonic() + timeout_s if timeout_s else None
        try:
            while not done.wait(0.05):
                if cancel is not None and cancel.is_set():
                    stop()
                    raise QueryCancelled("query cancelled")
                if deadline and time.monotonic() > deadline:
                    stop()
                    raise QueryTimeout(f"query stopped after the {timeout_s:g} s time limit (raise it with --timeout)")
        except KeyboardInterrupt:
            stop()
            raise QueryCancelled("query cancelled") from None
    if "error" in box:
        raise box["error"]
    return box["value"]
