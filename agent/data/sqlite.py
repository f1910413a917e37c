"""Copying SQLite tables into DuckDB through Python's own `sqlite3` (read-only; no DuckDB extension,
so nothing is downloaded at run time)."""

from __future__ import annotations

import sqlite3
import uuid

import duckdb

from dsagent.errors import DataError
from dsagent.data.naming import quote_ident
from dsagent.data.tables import TableInfo


def read_sqlite(ws, source) -> list[str]:
    """Copy every table and view of a SQLite file into the workspace's connection (before its lock)."""
    uri = "file:" + source.path + "?mode=ro"
    try:
        lite = sqlite3.connect(uri, uri=True)
        names = [r[0] for r in lite.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    except sqlite3.DatabaseError as exc:
        raise DataError(source.path, f"cannot read SQLite database ({exc})") from None
    if not names:
        lite.close()
        raise DataError(source.path, "SQLite database has no tables")
    made = []
    try:
        for table in names:
            name = ws.new_name(table)
            _copy_sqlite_table(lite, table, ws.con, name)
            ws.tables[name] = TableInfo(name, f"{source.path}:{table}", "sqlite", "table", source.identity)
            made.append(name)
    except sqlite3.DatabaseError as exc:
        raise DataError(source.path, f"cannot read SQLite database ({exc})") from None
    finally:
        lite.close()
    return made


def _sqlite_type(declared: str) -> str | None:
    """DuckDB type for a SQLite declared type, by SQLite's own affinity rules; None: infer."""
    d = (declared or "").upper()
    if "INT" in d:
        return "BIGINT"
    if any(k in d for k in ("CHAR", "CLOB", "TEXT")):
        return "VARCHAR"
    if any(k in d for k in ("REAL", "FLOA", "DOUB")):
        return "DOUBLE"
    if "BLOB" in d:
        return "BLOB"
    return None


def _infer_type(values: list) -> str:
    kinds = {type(v) for v in values if v is not None}
    if kinds <= {int}:
        return "BIGINT" if kinds else "VARCHAR"
    if kinds <= {int, float}:
        return "DOUBLE"
    if kinds <= {bytes}:
        return "BLOB"
    return "VARCHAR"


def _copy_sqlite_table(lite: sqlite3.Connection, table: str, con: duckdb.DuckDBPyConnection, name: str,
                       chunk_rows: int = 50_000) -> None:
    """Stream one SQLite table into a new DuckDB table, in chunks, keeping its declared types.

    SQLite lets any value sit in any column; a column whose values do not fit its type is kept as
    text rather than refused.
    """
    import pyarrow as pa

    declared = [(r[1], r[2]) for r in lite.execute(f"PRAGMA table_info({quote_ident(table)})")]
    cur = lite.execute(f"SELECT * FROM {quote_ident(table)}")
    columns = [d[0] for d in cur.description]
    chunk = cur.fetchmany(chunk_rows)
    types = []
    for i, col in enumerate(columns):
        decl = dict(declared).get(col, "")
        types.append(_sqlite_type(decl) or _infer_type([row[i] for row in chunk]))
    arrow_types = {"BIGINT": pa.int64(), "DOUBLE": pa.float64(), "VARCHAR": pa.string(), "BLOB": pa.binary()}
    con.execute(f"CREATE TABLE {quote_ident(name)} ("
                + ", ".join(f"{quote_ident(c)} {t}" for c, t in zip(columns, types)) + ")")
    temp = f"_sqlite_{uuid.uuid4().hex[:8]}"
    while chunk:
        arrays = []
        for i, col in enumerate(columns):
            values = [row[i] for row in chunk]
            try:
                arrays.append(pa.array(values, type=arrow_types[types[i]]))
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
                if types[i] != "VARCHAR":
                    con.execute(f"ALTER TABLE {quote_ident(name)} ALTER {quote_ident(col)} TYPE VARCHAR")
                    types[i] = "VARCHAR"
                arrays.append(pa.array([None if v is None else (v.hex() if isinstance(v, bytes) else str(v))
                                        for v in values], type=pa.string()))
        con.register(temp, pa.table(arrays, names=[f"c{i}" for i in range(len(columns))]))
        try:
            con.execute(f"INSERT INTO {quote_ident(name)} SELECT * FROM {temp}")
        finally:
            con.unregister(temp)
        chunk = cur.fetchmany(chunk_rows)
