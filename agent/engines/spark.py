"""Spark through the Spark Connect client (`sc://host:port`): catalogue, capped Arrow, cancel by tag.

Spark has no read-only transaction: the guard and the second check in the Spark dialect are what
keep a query to one SELECT over the listed tables, and docs/engines.md asks for a server whose
catalogue grants this user only reads. Each query runs under a tag of its own, so Ctrl-C or the
time limit interrupts exactly that operation on the server. The session's time zone is UTC, so
timestamps read as DuckDB reads them.
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

from dsagent.engines.arrow import duck_type_of_spark
from dsagent.engines.base import ArrowResult, EngineConnectionError, EngineQueryError, RemoteTable, run_cancellable
from dsagent.engines.url import EngineUrl, redact
from dsagent.errors import QueryCancelled, QueryTimeout, UserError

CONNECT_TIMEOUT_S = 60.0  # a cold Spark Connect server answers its first request in seconds
MAX_DATABASES = 50  # databases listed for --tables db.* patterns; more are named one by one


class SparkEngine:
    """One Spark Connect session."""

    dialect = "spark"
    cancel: threading.Event | None = None  # the workspace's: set, the running statement stops
    label = "Spark"

    def __init__(self, url: EngineUrl):
        try:
            from pyspark.sql import SparkSession
            from pyspark.sql.connect.client.retries import DefaultPolicy
        except ImportError:
            raise UserError("Spark Connect needs the pyspark client: pip install 'dsagent[spark]'") from None
        self.url = url
        self.shown = url.shown
        self._lock = threading.Lock()
        self._tag: str | None = None
        try:
            self.spark = SparkSession.builder.remote(url.text).create()
            # the client's default retries wait up to ten minutes for a server that is not there
            self.spark.client.set_retry_policies([DefaultPolicy(max_retries=3, max_backoff=2000)])
        except Exception as exc:  # pyspark raises several unrelated classes for a bad URL or host
            raise EngineConnectionError(f"{url.shown}: {_problem(exc)}") from None

        def probe():
            self.spark.conf.set("spark.sql.session.timeZone", "UTC")
            return self.spark.version, self.spark.catalog.currentDatabase()

        try:
            self.version, database = run_cancellable(probe, self._interrupt_all, CONNECT_TIMEOUT_S, self._lock)
        except QueryTimeout:
            self.close()
            raise EngineConnectionError(f"{url.shown}: no answer from the server within {CONNECT_TIMEOUT_S:g} s") from None
        except Exception as exc:
            self.close()
            raise EngineConnectionError(f"{url.shown}: {_problem(exc)}") from None
        self.default_schemas = [database]

    # ---------------------------------------------------------------- catalogue
    def list_tables(self) -> list[RemoteTable]:
        def work():
            databases = [d.name for d in self.spark.catalog.listDatabases()][:MAX_DATABASES]
            found = []
            for db in databases:
                for t in self.spark.catalog.listTables(db):
                    if not t.isTemporary:
                        found.append(RemoteTable(db, t.name, None))
            return found

        return self._run(work, 60.0)

    def columns(self, table: RemoteTable) -> list[tuple[str, str]]:
        def work():
            fields = self.spark.table(_qualified(table)).schema.fields
            return [(f.name, duck_type_of_spark(f.dataType.simpleString())) for f in fields]

        return self._run(work, 60.0)

    # ---------------------------------------------------------------- queries
    def query_arrow(self, sql: str, max_rows: int, timeout_s: float) -> ArrowResult:
        started = time.perf_counter()

        def work():
            table = self.spark.sql(sql).limit(max_rows + 1).toArrow()
            truncated = table.num_rows > max_rows
            return table.slice(0, max_rows) if truncated else table, truncated

        table, truncated = self._run(work, timeout_s)
        return ArrowResult(table, truncated, round(time.perf_counter() - started, 4))

    def describe(self, sql: str, timeout_s: float) -> list[tuple[str, str]]:
        def work():
            return [(f.name, duck_type_of_spark(f.dataType.simpleString())) for f in self.spark.sql(sql).schema.fields]

        return self._run(work, timeout_s)

    def _run(self, work, timeout_s: float) -> Any:
        tag = f"dsagent-{uuid.uuid4().hex[:12]}"

        def tagged():
            self.spark.addTag(tag)  # tags belong to the thread that runs the operation
            try:
                return work()
            finally:
                self.spark.removeTag(tag)

        self._tag = tag
        try:
            return run_cancellable(tagged, self.interrupt, timeout_s, self._lock, self.cancel)
        except (QueryCancelled, QueryTimeout):
            raise
        except Exception as exc:
            if "OPERATION_CANCELED" in str(exc):  # interrupted from another thread (Workspace.interrupt)
                raise QueryCancelled("query cancelled") from None
            raise _classify(exc) from None
        finally:
            self._tag = None

    def interrupt(self) -> None:
        tag = self._tag
        try:
            if tag:
                self.spark.interruptTag(tag)
        except Exception:  # the server may be gone; the caller reports the cancel either way
            pass

    def _interrupt_all(self) -> None:
        try:
            self.spark.interruptAll()
        except Exception:
            pass

    def close(self) -> None:
        try:
            self.spark.client.close()
        except Exception:
            pass


def _qualified(table: RemoteTable) -> str:
    def q(name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    return f"{q(table.schema)}.{q(table.name)}" if table.schema else q(table.name)


def _classify(exc: Exception) -> Exception:
    """A pyspark error as a connection problem (exit 2) or a query problem (back to the planner)."""
    text = " ".join(redact(str(exc)).split())
    low = text.lower()
    grpc = type(exc).__name__ in ("SparkConnectGrpcException", "RetriesExceeded", "_InactiveRpcError") \
        or "statuscode.unavailable" in low or "failed to connect" in low
    if grpc and ("unavailable" in low or "connection" in low or "retries" in low or "socket" in low):
        return EngineConnectionError(f"Spark Connect: {_problem(exc)}")
    first = text.split(" JVM stacktrace:")[0].split("\n")[0]
    first = first[:500]
    if "TABLE_OR_VIEW_NOT_FOUND" in text or "INSUFFICIENT" in text.upper() and "PERMISSION" in text.upper():
        return EngineQueryError(f"Spark could not read a table: {first}")
    return EngineQueryError(f"Spark could not run the query: {first}")


def _problem(exc: Exception) -> str:
    text = " ".join(redact(str(exc)).split())
    low = text.lower()
    if "connection refused" in low or "failed to connect" in low or "unavailable" in low or "retries" in low:
        return "cannot reach the Spark Connect server (is it running, and are the host and port right?)"
    if "unauthenticated" in low or "permission_denied" in low:
        return "the server refused the login (check DSAGENT_SPARK_TOKEN)"
    return text[:300]
