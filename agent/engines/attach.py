"""A remote engine seen from the Workspace: which queries go to it, and how they get there.

The Workspace keeps, for every remote table, an empty DuckDB table with the same columns (a
*stand-in*). DuckDB binds a query against the stand-ins first, so a wrong column or type gets
DuckDB's own precise error and its repair hints, and the result columns get exactly the names and
types they would have on DuckDB; then the query is rewritten, transpiled, checked again and run on
the engine (`translate.to_engine_sql`). Nothing above the Workspace knows which engine answered.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from dsagent.data.cache import key_function
from dsagent.engines.base import ArrowResult, Engine, EngineConnectionError, EngineQueryError, RemoteTable
from dsagent.engines.rewrite import Target
from dsagent.engines.select import pick_tables, workspace_names
from dsagent.engines.translate import tables_in, to_engine_sql
from dsagent.engines.url import is_engine_url, parse_engine_url
from dsagent.sql.duckdb_parse import ident_key

__all__ = ["RemoteSide", "connect", "is_engine_url"]


def connect(url_text: str) -> Engine:
    """Open the engine a URL names (PostgreSQL or Spark Connect)."""
    url = parse_engine_url(url_text)
    if url.engine == "postgres":
        from dsagent.engines.postgres import PostgresEngine

        return PostgresEngine(url)
    from dsagent.engines.spark import SparkEngine

    return SparkEngine(url)


class RemoteSide:
    """One engine's tables in a workspace, and the route of a query to it."""

    def __init__(self, engine: Any, patterns: list[str], taken: set[str]):
        self.engine = engine
        split = getattr(engine, "list_tables_split", None)
        readable, denied = split() if split else (engine.list_tables(), [])
        defaults = list(getattr(engine, "default_schemas", []) or [])
        chosen = pick_tables(readable, defaults, patterns, engine.shown, denied)
        self.names: dict[str, RemoteTable] = workspace_names(chosen, defaults, taken)
        self._keys = {ident_key(n): t for n, t in self.names.items()}
        self.target: Target | None = None
        self._markers: dict[str, tuple | None] | None = None

    def bind(self, columns: Callable[[str], list[tuple[str, str]]], describe: Callable[[str], list[str]]) -> None:
        """Give the rewrites the workspace's view of columns and its local binder."""
        self.target = Target(self.engine.dialect, self.engine.label, self._keys, columns, describe)

    @property
    def label(self) -> str:
        return self.engine.label

    def reads(self, sql: str, local_names: set[str]) -> bool:
        """True when `sql` reads a remote table; EngineQueryError when it mixes them with tables
        that live in this session's DuckDB (one query cannot run in two places)."""
        found = tables_in(sql)
        if found is None:  # DuckDB-only syntax: judge by the names that appear at all
            words = {ident_key(w) for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", sql)}
            return bool(words & set(self._keys))
        remote = found & set(self._keys)
        local = found & {ident_key(n) for n in local_names}
        if remote and local:
            raise EngineQueryError(
                f"This query reads {', '.join(sorted(remote))} on {self.label} and {', '.join(sorted(local))}, "
                "which lives in this session only; one query runs in one place. Query them separately.")
        return bool(remote)

    def translate(self, sql: str) -> str:
        if self.target is None:
            raise RuntimeError("RemoteSide.bind() must be called before translate()")
        return to_engine_sql(sql, self.target)

    def run(self, sql: str, max_rows: int, timeout_s: float) -> ArrowResult:
        return self.engine.query_arrow(self.translate(sql), max_rows, timeout_s)

    def marker(self, table: RemoteTable) -> tuple | None:
        """The engine's change marker of one chosen table (None: not cached), read for all of them
        at once and kept until `forget_markers` (before each request: agent/data/changes.py)."""
        if self._markers is None:
            read = getattr(self.engine, "change_markers", None)
            try:
                self._markers = read(list(self.names.values())) if read is not None else {}
            except (EngineQueryError, EngineConnectionError):  # no marker: facts are computed afresh
                self._markers = {}
        return self._markers.get(table.qualified)

    def forget_markers(self) -> None:
        self._markers = None

    def close(self) -> None:
        self.engine.close()


@key_function("remote")
def _remote_key(ws: Any, info: Any) -> tuple | None:
    """The cache key of a server table's facts: where it is (server, role, table) and its change
    marker. Spark has none (docs/engines.md), so its tables are never cached."""
    side = getattr(ws, "remote", None)
    if side is None or info.remote is None:
        return None
    marker = side.marker(info.remote)
    return None if marker is None else (info.source, *marker)
