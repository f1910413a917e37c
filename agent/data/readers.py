"""Reading one file source into the workspace's connection, before the lock.

A CSV or JSON file is copied into a DuckDB table when small and scanned in place by a view when big
(`Workspace.materialise_max_bytes`); Parquet is always scanned in place; a DuckDB database is
attached read-only; SQLite is copied through Python's sqlite3 (agent/data/sqlite.py). A table wider
than `MAX_TABLE_COLUMNS` is refused, a CSV by its header before DuckDB reads it. Each problem is a
`DataError(path, problem)`: one line, exit 2.
"""

from __future__ import annotations

import duckdb

from dsagent.data.naming import quote_ident, quote_literal
from dsagent.data.sources import Source, diagnose_csv, explain_read_error, renamed_note
from dsagent.data.tables import TableInfo
from dsagent.errors import DataError

# Wider tables are refused with the way out: DuckDB's CSV reader alone needs about 1 ms a column
# (16 s for 20,000), and every pass over the columns (card, linker, prompt) grows with them.
MAX_TABLE_COLUMNS = 10_000


def read_source(ws, source: Source) -> list[str]:
    """Register one file source in `ws` (a Workspace before its lock); returns the table names."""
    reader = {"csv": _read_text, "json": _read_text, "parquet": _read_parquet,
              "duckdb": _attach_duckdb, "sqlite": _read_sqlite}[source.format]
    try:
        return reader(ws, source)
    except duckdb.Error as exc:
        problem = None
        if source.format == "csv" and not source.hive:
            problem = diagnose_csv(source.path, source.encoding)
        raise DataError(source.path, problem or explain_read_error(exc)) from None


def _read_sqlite(ws, source: Source) -> list[str]:
    from dsagent.data.sqlite import read_sqlite  # here: Python's sqlite3 only for a SQLite file

    return read_sqlite(ws, source)


def scan_expr(source: Source) -> str:
    path = quote_literal(source.pattern or source.path)
    if source.format == "parquet":
        hive = ", hive_partitioning = true" if source.hive else ""
        return f"read_parquet({path}{hive})"
    if source.format == "json":
        return f"read_json_auto({path})"
    options = ["strict_mode = true"]
    if source.encoding and source.encoding != "utf-8":
        options.append(f"encoding = {quote_literal(source.encoding)}")
    if source.hive:
        options.append("hive_partitioning = true")
    return f"read_csv({path}, {', '.join(options)})"


def _read_text(ws, source: Source) -> list[str]:
    if source.format == "csv" and not source.hive:
        check_width(source.path, header_fields(source.path))
    name = ws.new_name(source.stem)
    scan = scan_expr(source)
    size = source.identity[1]
    materialise = size <= ws.materialise_max_bytes and not source.hive
    storage = "table" if materialise else "view"
    kind = "TABLE" if materialise else "VIEW"
    ws.con.execute(f"CREATE {kind} {quote_ident(name)} AS SELECT * FROM {scan}")
    columns = [r[0] for r in ws.con.execute(f"DESCRIBE {quote_ident(name)}").fetchall()]
    if not columns:
        raise DataError(source.path, "no columns found")
    if len(columns) > MAX_TABLE_COLUMNS:
        ws.con.execute(f"DROP {kind} {quote_ident(name)}")
        check_width(source.path, len(columns))
    problem, sniffed = _suspicious_csv(ws.con, source, columns)
    if problem:
        ws.con.execute(f"DROP {kind} {quote_ident(name)}")
        raise DataError(source.path, problem)
    count = ws.con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {quote_ident(name)} LIMIT 1)").fetchone()[0]
    if count == 0:
        ws.con.execute(f"DROP {kind} {quote_ident(name)}")
        raise DataError(source.path, "has a header but no data rows")
    if sniffed is not None:
        from dsagent.data import cache

        cache.store("csv_quote", _quote_key(source), sniffed)
    if not materialise:
        ws.allow(source)
    ws.tables[name] = TableInfo(name, source.path, source.format, storage, source.identity,
                                note=renamed_note(columns, source))
    return [name]


def _suspicious_csv(con, source: Source, columns: list[str]) -> tuple[str | None, dict | None]:
    """DuckDB's sniffer falls back to one column, or to no quoting, rather than fail on a ragged
    or badly quoted file; in those two cases only, ask `diagnose_csv` which line is at fault.

    Returns (the problem or None, a fresh sniff to keep once the file is read, or None)."""
    if source.format != "csv" or source.hive:
        return None, None
    with open(source.path, "rb") as fh:
        head = fh.read(64 * 1024)
    one_column = len(columns) == 1 and any(d in columns[0] for d in ",;\t|")
    unquoted, fresh = False, None
    if b'"' in head:  # only then can the sniffer have chosen the wrong quote (costs a second sniff)
        known = _known_quote(source)
        if known is None:
            options = f", encoding = {quote_literal(source.encoding)}" if source.encoding not in (None, "utf-8") else ""
            fresh = {"quote": con.execute(f"SELECT Quote FROM sniff_csv({quote_literal(source.path)}{options})")
                     .fetchone()[0]}
        quote = (known or fresh)["quote"]
        unquoted = quote != '"'  # no quoting, or ' chosen over "
    if one_column or unquoted:
        return diagnose_csv(source.path, source.encoding), fresh
    return None, fresh


# The second sniff above was about 20 ms of every warm run on the bundled CSV (issue 20). The same
# bytes sniff alike under the same DuckDB (the cache's key holds its version), so its answer is kept
# by the file's identity; only for a file that was read (bad input writes nothing).
def _quote_key(source: Source) -> tuple:
    return ("file", *source.identity, source.encoding)


def _known_quote(source: Source) -> dict | None:
    from dsagent.data import cache  # here: only a CSV with quotes needs it

    known = cache.load("csv_quote", _quote_key(source))
    return known if isinstance(known, dict) and "quote" in known else None


def _read_parquet(ws, source: Source) -> list[str]:
    name = ws.new_name(source.stem)
    ws.con.execute(f"CREATE VIEW {quote_ident(name)} AS SELECT * FROM {scan_expr(source)}")
    width = len(ws.con.execute(f"DESCRIBE {quote_ident(name)}").fetchall())  # fail now on a broken file
    if width > MAX_TABLE_COLUMNS:
        ws.con.execute(f"DROP VIEW {quote_ident(name)}")
        check_width(source.path, width)
    ws.allow(source)
    ws.tables[name] = TableInfo(name, source.path, "parquet", "view", source.identity)
    return [name]


def _attach_duckdb(ws, source: Source) -> list[str]:
    alias = f"src{ws.attached}"
    ws.attached += 1
    ws.con.execute(f"ATTACH {quote_literal(source.path)} AS {alias} (READ_ONLY)")
    rows = ws.con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? "
        "UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE database_name = ? AND NOT internal "
        "ORDER BY 1, 2", [alias, alias]).fetchall()
    if not rows:
        raise DataError(source.path, "DuckDB database has no tables")
    names = []
    for schema, table in rows:
        stem = table if schema == "main" else f"{schema}_{table}"
        name = ws.new_name(stem)
        ws.con.execute(f"CREATE VIEW {quote_ident(name)} AS SELECT * FROM "
                       f"{alias}.{quote_ident(schema)}.{quote_ident(table)}")
        ws.tables[name] = TableInfo(name, f"{source.path}:{schema}.{table}", "duckdb", "view",
                                    source.identity)
        names.append(name)
    # No ws.allow: the database stays readable through its READ_ONLY attachment, and its path is
    # not added to allowed_paths, so no query can ATTACH it again in write mode.
    return names


def header_fields(path: str, limit: int = 4 * 1024 * 1024) -> int:
    """How many fields the first line of a delimited file has, at most: the most frequent of the
    usual delimiters plus one (quotes ignored, so an upper bound). Reads at most `limit` bytes."""
    with open(path, "rb") as fh:
        head = fh.readline(limit)
    return max(head.count(d) for d in (b",", b";", b"\t", b"|")) + 1


def check_width(path: str, columns: int) -> None:
    if columns > MAX_TABLE_COLUMNS:
        raise DataError(path, f"has {columns:,} columns; dsagent reads tables of at most {MAX_TABLE_COLUMNS:,} "
                              "columns: copy the columns you need into a narrower file first, e.g. duckdb -c "
                              "\"COPY (SELECT col_a, col_b FROM 'wide.csv') TO 'narrow.parquet'\"")
