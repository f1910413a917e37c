"""Sources that change while a chat is open: noticed before each request, said once, never silent.

A source is read in one of two ways (agent/data/workspace.py): copied into DuckDB when it is small
(`storage == "table"`), or scanned in place (`"view"`). After the workspace is locked no file can be
read again, so a copied source that changes or disappears keeps answering from its copy — and the
person is told so. A scanned source is read afresh by every query: when it changes, what was learned
about it (its columns, the planner's index, cached cards keyed by its old size and time) is dropped;
when it is gone or no longer readable, its table is removed with one line instead of failing later
with a misleading "Permission Error" or an internal error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

import duckdb

from dsagent.data.naming import quote_ident

FILE_STORAGES = ("table", "view")


@dataclass(frozen=True)
class SourceChange:
    table: str
    path: str
    what: Literal["deleted", "changed", "unreadable"]
    copy_kept: bool  # the table still answers from the copy read when it was loaded

    def line(self) -> str:
        from dsagent.words.language import say

        name = os.path.basename(self.path)
        happened = say("changes", self.what)  # deleted | changed | unreadable
        said = "copy_kept" if self.copy_kept else "reread" if self.what == "changed" else "gone"
        return say("changes", said, name=name, happened=happened, table=self.table)


def check_sources(ws) -> list[SourceChange]:
    """Compare every file source with its size and time at loading; act and say what happened."""
    remote = getattr(ws, "remote", None)
    if remote is not None:  # a server table's change marker is read again for this request
        remote.forget_markers()
    changes = []
    for name, info in list(ws.tables.items()):
        if (info.storage not in FILE_STORAGES or not info.identity or info.format == "duckdb"
                or os.path.isdir(str(info.identity[0]))):
            continue  # a DuckDB file stays attached (held open, read-only); a folder's files are globbed anew
        path = str(info.identity[0])
        try:
            st = os.stat(path)
            now = (path, st.st_size, st.st_mtime)
        except OSError:
            now = None
        known = ws.source_seen.get(name, tuple(info.identity))
        if now == known:
            continue
        ws.source_seen[name] = now
        what = "deleted" if now is None else "changed"
        if info.storage == "table":  # a copy: it cannot be read again after the lock
            changes.append(SourceChange(name, path, what, copy_kept=True))
            continue
        if now is not None and _readable(ws, name):
            info.identity = now  # caches keyed by the file follow the new version
            ws.forget_columns(name)
            changes.append(SourceChange(name, path, "changed", copy_kept=False))
        else:
            ws.drop_source(name)
            changes.append(SourceChange(name, path, what if now is None else "unreadable", copy_kept=False))
    return changes


def _readable(ws, table: str) -> bool:
    try:
        ws.con.execute(f"DESCRIBE {quote_ident(table)}").fetchall()
        ws.con.execute(f"SELECT 1 FROM {quote_ident(table)} LIMIT 1").fetchall()
        return True
    except duckdb.Error:
        return False
