"""What a registered table is (TableInfo) and what one query gave back (QueryResult)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class TableInfo:
    """A registered table: its clean name and where it came from."""

    name: str
    source: str  # a path, or 'derived:<how>' for tables made in the session
    format: str
    storage: str  # 'table' (materialised) | 'view' (scanned in place) | 'derived'
    identity: tuple | None = None  # (path, size, mtime) of the source; None for derived tables
    parent: str | None = None  # the table a derived table was made from (its name now)
    note: str | None = None  # e.g. columns renamed from duplicate headers
    remote: Any = None  # for storage 'remote': the engines.base.RemoteTable it stands for
    # Versions (tools/clean/apply.py): a family of versions shares a base name, held by its current
    # version; the others are named <base>_v<N>. The source of a family is version 1.
    family: str | None = None
    version: int | None = None
    steps: tuple = ()  # the typed cleaning steps that made this version from `parent`


@dataclass
class QueryResult:
    """Rows of one query, capped for display, with the true total."""

    columns: list[str]
    types: list[str]
    rows: list[list[Any]]
    row_count: int
    truncated: bool
    seconds: float = 0.0


def scan_relation(ws, table: str) -> tuple[str, str | None, int | None]:
    """What statistics of `table` are computed over: the table itself, or for a large table on a
    database server (its own estimate above SAMPLE_ABOVE_ROWS) a TABLESAMPLE of it, said in a note.
    Returns (FROM text, note, estimated rows of the whole table when sampled)."""
    from dsagent.data.naming import quote_ident
    from dsagent.engines.base import SAMPLE_ABOVE_ROWS, SAMPLE_TARGET_ROWS

    qt = quote_ident(table)
    info = ws.tables[table]
    estimate = getattr(info.remote, "estimated_rows", None) if info.storage == "remote" else None
    if not estimate or estimate <= SAMPLE_ABOVE_ROWS:
        return qt, None, None
    percent = max(0.001, round(100 * SAMPLE_TARGET_ROWS / estimate, 3))
    note = (f"statistics from a {percent:g}% TABLESAMPLE of about {estimate:,} rows "
            f"(the server's estimate); counts are approximate")
    return f"{qt} TABLESAMPLE {percent:g}%", note, int(estimate)
