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
