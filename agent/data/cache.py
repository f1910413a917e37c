"""Work done once: facts computed from a table's data, kept on disk and reused across processes.

The schema card, the offline linker's column values, profile facts and reviewer statistics cost one
or more passes over a table; a source that did not change gives the same answer, so each is stored
under the table's *data key* and read back by the next process. What each entry holds is its owner's
business (one `kind` per owner: "schema", "columns", ...); this module only keys, stores, bounds and
clears them.

- **Key.** `table_key(ws, table)`: for a file, (source, size, mtime) as `Source.identity` took it
  when the workspace opened; for a table whose storage has a key function (`key_function`, e.g. an
  engine's cheap change marker), what that returns; None (not cached) for tables made in the
  session and for anything without a trustworthy marker.
- **Safe.** Each entry is one JSON file written to a temporary name and renamed over the old one
  (atomic on POSIX), so a crash leaves either the old entry or the new one, never half of one. A file
  that does not parse, or whose stored key differs from the one asked for, counts as missing.
- **Bounded.** At most MAX_BYTES in all (the least recently used entries go first) and MAX_ENTRY_BYTES
  an entry; `dsagent cache clear` removes everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

CACHE_VERSION = 1  # part of every key: entries of an older layout are never read
MAX_BYTES = 64 * 1024 * 1024  # the whole cache; a schema card of 5,000 columns is about 2 MB
MAX_ENTRY_BYTES = 8 * 1024 * 1024
STALE_TMP_SECONDS = 3600  # a temporary file this old was left by a process that died mid-write

KeyFunction = Callable[[Any, Any], "tuple | None"]  # (workspace, TableInfo) -> data key or None
_KEY_FUNCTIONS: dict[str, KeyFunction] = {}


def key_function(storage: str) -> Callable[[KeyFunction], KeyFunction]:
    """Register how tables of one `TableInfo.storage` are keyed (e.g. "remote" for engines).

    The function gets the workspace and the TableInfo and returns a tuple of JSON values that
    changes whenever the table's data changes (for a database: a cheap change marker such as a
    modification counter or a snapshot id, read at most once per request), or None when it cannot
    tell, and the table is then never cached. PostgreSQL's is in agent/engines/attach.py.
    """

    def register(fn: KeyFunction) -> KeyFunction:
        _KEY_FUNCTIONS[storage] = fn
        return fn

    return register


def table_key(ws: Any, table: str) -> tuple | None:
    """What the facts computed from `table` depend on, or None when they must not be reused."""
    info = getattr(ws, "tables", {}).get(table)
    if info is None:
        return None
    fn = _KEY_FUNCTIONS.get(info.storage)
    if fn is not None:
        key = fn(ws, info)
        return None if key is None else ("key", info.storage, *key)
    if info.identity is None:  # derived tables live only in this session
        return None
    return ("file", info.source, *info.identity)


def cache_dir() -> Path:
    from dsagent.config import state_dir

    return state_dir() / "cache"


def _canonical(kind: str, key: Any) -> str:
    # DuckDB's version too: its CSV sniffer decides a file's columns and types.
    import duckdb

    return json.dumps([CACHE_VERSION, duckdb.__version__, kind, key], default=str, separators=(",", ":"))


def _path(kind: str, canonical: str) -> Path:
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    return cache_dir() / kind / f"{digest}.json"


def load(kind: str, key: Any) -> Any | None:
    """The value stored under (kind, key), or None (missing, unreadable, or another key's file)."""
    canonical = _canonical(kind, key)
    path = _path(kind, canonical)
    try:
        with open(path, encoding="utf-8") as fh:
            entry = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        _forget(path)  # a file that does not parse is no entry; the next store replaces it
        return None
    if not isinstance(entry, dict) or entry.get("key") != canonical:
        return None
    try:
        os.utime(path)  # recently used: evicted last
    except OSError:
        pass
    return entry.get("value")


def store(kind: str, key: Any, value: Any) -> bool:
    """Write `value` (JSON) under (kind, key) atomically; False when it was not kept (too big, disk)."""
    canonical = _canonical(kind, key)
    path = _path(kind, canonical)
    try:
        text = json.dumps({"key": canonical, "written": time.time(), "value": value}, default=str,
                          ensure_ascii=False)
    except (TypeError, ValueError):
        return False
    data = text.encode("utf-8")
    if len(data) > MAX_ENTRY_BYTES:
        return False
    tmp = None
    try:
        cache_dir().mkdir(mode=0o700, parents=True, exist_ok=True)  # it holds values of the person's data
        path.parent.mkdir(mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            _forget(Path(tmp))
        return False
    _bound(MAX_BYTES)
    return True


def _forget(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


@dataclass
class CacheUsage:
    """What the cache holds: entries and bytes, per kind."""

    path: str
    entries: int
    bytes: int
    kinds: dict[str, int]


def _entries() -> list[tuple[Path, os.stat_result]]:
    root = cache_dir()
    found = []
    try:
        kinds = [p for p in root.iterdir() if p.is_dir()]
    except OSError:
        return []
    for folder in kinds:
        try:
            for item in folder.iterdir():
                try:
                    found.append((item, item.stat()))
                except OSError:
                    continue
        except OSError:
            continue
    return found


def usage() -> CacheUsage:
    entries = [(p, st) for p, st in _entries() if p.suffix == ".json" and not p.name.startswith(".")]
    kinds: dict[str, int] = {}
    for p, _ in entries:
        kinds[p.parent.name] = kinds.get(p.parent.name, 0) + 1
    return CacheUsage(str(cache_dir()), len(entries), sum(st.st_size for _, st in entries), kinds)


def _bound(limit: int) -> None:
    """Remove the least recently used entries until the cache holds at most `limit` bytes, and any
    temporary file a dead process left behind."""
    now = time.time()
    kept = []
    for path, st in _entries():
        if path.name.startswith(".") and path.suffix == ".tmp":
            if now - st.st_mtime > STALE_TMP_SECONDS:
                _forget(path)
            continue
        kept.append((path, st))
    total = sum(st.st_size for _, st in kept)
    for path, st in sorted(kept, key=lambda e: e[1].st_mtime):
        if total <= limit:
            break
        _forget(path)
        total -= st.st_size


def clear() -> CacheUsage:
    """Remove every entry (and the folders); returns what was removed."""
    import shutil

    before = usage()
    root = cache_dir()
    if root.exists():
        shutil.rmtree(root, ignore_errors=True)
    return before


# ------------------------------------------------------------------ small facts of one table
FACTS_MIN_SECONDS = 0.05  # a fact cheaper than this (a Parquet row count: metadata) is not written
_FACTS: dict[tuple, dict[str, Any]] = {}


def table_fact(ws: Any, table: str, name: str, compute: Callable[[], Any]) -> Any:
    """One small fact of `table` (a row count, a column's distinct count), computed once: in this
    process and across processes under the table's key (kind "facts", one entry a table). A table
    without a key (made in the session) is asked each time. `compute` must return a JSON value."""
    key = table_key(ws, table)
    if key is None:
        return compute()
    known = _known_facts(key)
    if name in known:
        return known[name]
    started = time.perf_counter()
    value = compute()
    _keep(key, name, value, time.perf_counter() - started)
    return value


def known_fact(ws: Any, table: str, name: str) -> Any | None:
    """A fact of `table` that this process or an earlier one kept (`table_fact`, `remember_fact`), or
    None; never computes one."""
    key = table_key(ws, table)
    return None if key is None else _known_facts(key).get(name)


def remember_fact(ws: Any, table: str, name: str, value: Any, seconds: float) -> None:
    """Keep a fact that some other work produced on the way (the group sizes a grouped answer counted
    in its own scan); `seconds` is what that work cost, and decides whether it is worth writing."""
    key = table_key(ws, table)
    if key is not None:
        _keep(key, name, value, seconds)


def _known_facts(key: tuple) -> dict[str, Any]:
    known = _FACTS.setdefault(key, {})
    if not known:
        stored = load("facts", key)
        if isinstance(stored, dict):
            known.update(stored)
    return known


def _keep(key: tuple, name: str, value: Any, seconds: float) -> None:
    known = _known_facts(key)
    known[name] = value
    if seconds >= FACTS_MIN_SECONDS:
        store("facts", key, known)
