"""Export of any workspace table to CSV, Parquet or JSON, written atomically.

Rows are streamed as Arrow batches from DuckDB (the hardened connection cannot write files itself)
into a temporary file in the destination folder, which replaces the destination only when complete:
an interrupted or failed export leaves no half-written file. A registered source file is never
overwritten unless the person names it and passes `force=True`; any other existing file only with
`overwrite=True`. Without it the name is taken exclusively at the end (`publish`): a file another
chat made under the same name meanwhile is kept, and the export gets the next free name.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from pathlib import Path

from dsagent.errors import UserError
from dsagent.data.naming import quote_ident
from dsagent.data.workspace import finish_result

FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".json": "json", ".jsonl": "jsonl",
           ".ndjson": "jsonl"}
BATCH_ROWS = 65_536


def export_format(path: Path, fmt: str | None) -> str:
    """The format named by `fmt`, or by the file's extension."""
    if fmt:
        fmt = fmt.lower().lstrip(".")
        if fmt == "ndjson":
            fmt = "jsonl"
        if fmt not in {"csv", "parquet", "json", "jsonl"}:
            raise UserError(f"cannot export as '{fmt}'; use csv, parquet, json or jsonl")
        return fmt
    found = FORMATS.get(path.suffix.lower())
    if not found:
        raise UserError(f"{path}: unknown extension '{path.suffix}'; use .csv, .parquet, .json or .jsonl")
    return found


def source_paths(ws) -> list[Path]:
    """The files and folders the workspace's sources were read from."""
    found = []
    for info in ws.tables.values():
        if info.storage == "derived" or not info.identity:
            continue
        found.append(Path(str(info.identity[0])).resolve())
    return found


def _is_source(ws, path: Path) -> bool:
    target = path.resolve()
    for src in source_paths(ws):
        if target == src or (src.is_dir() and src in target.parents):
            return True
    return False


def export_table(ws, table: str, path: str | os.PathLike, fmt: str | None = None, overwrite: bool = False,
                 force: bool = False) -> Path:
    """Write `table` to `path` atomically; returns the path written.

    Refuses to write over a source file unless `force` (the person named it explicitly), and over
    any other existing file unless `overwrite`.
    """
    ws.require_table(table)
    path = Path(path).expanduser()
    kind = export_format(path, fmt)
    _check_target(ws, path, overwrite, force)
    sql = f"SELECT * FROM {quote_ident(table)}"
    with _writing(path):
        return _write_any(ws, sql, path, kind, overwrite or force)


def export_query(ws, sql: str, path: str | os.PathLike, fmt: str | None = None, overwrite: bool = False,
                 force: bool = False) -> Path:
    """Write the full result of one read-only query (e.g. the SQL of the last answer) to `path` atomically.

    The SQL must already have passed the SQL guard; the workspace checks again that it is a single
    read-only statement. Same refusals as `export_table`.
    """
    path = Path(path).expanduser()
    kind = export_format(path, fmt)
    _check_target(ws, path, overwrite, force)
    ws.check_read_only(sql)
    body = sql.strip().rstrip(";")
    with _writing(path):
        return _write_any(ws, body, path, kind, overwrite or force)


# A result from a database server is pulled whole before it is written: at most this many rows.
REMOTE_EXPORT_MAX_ROWS = 1_000_000


def _write_any(ws, sql: str, path: Path, kind: str, replace: bool) -> Path:
    """Write a query's rows: by DuckDB itself, or for a query on a database server, its rows pulled
    (bounded) and written by DuckDB from Arrow. Over the bound nothing is written."""
    timeout = max(ws.timeout_s, 600.0)
    if not ws.reads_remote(sql):
        return ws.run_interruptible(lambda con: _write(con, sql, path, kind, replace), timeout_s=timeout)
    rows, truncated = ws.fetch_remote_arrow(sql, REMOTE_EXPORT_MAX_ROWS, timeout_s=timeout)
    if truncated:
        raise UserError(f"the result has more than {REMOTE_EXPORT_MAX_ROWS:,} rows on the server; export a "
                        "filtered or aggregated query instead (nothing was written)")

    def write(con) -> Path:
        con.register("_dsagent_export", rows)
        try:
            return _write(con, "SELECT * FROM _dsagent_export", path, kind, replace)
        finally:
            con.unregister("_dsagent_export")

    return ws.run_interruptible(write, timeout_s=timeout)


def _check_target(ws, path: Path, overwrite: bool, force: bool) -> None:
    if _is_source(ws, path):
        if not force:
            raise UserError(f"{path} is a source file of this session; it is never overwritten unless you "
                            "name it explicitly with force")
    elif path.exists() and not overwrite:
        raise UserError(f"{path} already exists; choose another name or allow overwriting")
    if path.exists() and path.is_dir():
        raise UserError(f"{path} is a folder; give a file name")
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def _writing(path: Path):
    """A file that cannot be written (read-only folder, full disk, a file where a folder should be)
    is the person's to fix: one line naming it, never a traceback."""
    try:
        yield
    except OSError as exc:
        raise UserError(f"{path}: cannot write it ({exc.strerror or exc})") from None


def _temp_path(path: Path) -> Path:
    import uuid

    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")


def _write(con, sql: str, path: Path, kind: str, replace: bool = False) -> Path:
    """Stream the query's batches into a temp file beside `path`, then publish it; returns the path."""
    tmp = _temp_path(path)
    reader = None
    try:
        finish_result(con)  # whatever ran before on this connection must not hold a result open
        reader = con.sql(sql).to_arrow_reader(BATCH_ROWS)
        write_batches(reader, tmp, kind)
        return publish(tmp, path, replace)
    finally:
        tmp.unlink(missing_ok=True)
        if reader is not None:
            reader.close()  # frees the connection's open result, drained or not


def publish(tmp: Path, path: Path, replace: bool = False) -> Path:
    """Give the finished file `tmp` its name; returns the name it got.

    With `replace`, `path` is replaced atomically. Otherwise the name is taken exclusively (a hard
    link fails when the name exists, even if another process made it a moment ago): when `path`
    was taken meanwhile, the next free name (`-2`, `-3` ...) is used, so nothing is ever overwritten.
    The caller removes `tmp`."""
    if replace:
        os.replace(tmp, path)
        return path
    candidate = path
    for n in range(2, 10_002):
        try:
            os.link(tmp, candidate)
            return candidate
        except FileExistsError:
            candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        except OSError as exc:  # a file system without hard links: reserve the name, then fill it
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            try:
                os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            except FileExistsError:
                candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
                continue
            os.replace(tmp, candidate)
            return candidate
    raise UserError(f"{path}: no free file name beside it")


def write_batches(reader, tmp: Path, kind: str) -> None:
    """Write an Arrow RecordBatchReader to `tmp` as `kind` (csv | parquet | json | jsonl)."""
    if kind == "csv":
        import pyarrow.csv as pcsv

        with pcsv.CSVWriter(str(tmp), reader.schema,
                            write_options=pcsv.WriteOptions(quoting_style="needed")) as writer:
            for batch in reader:
                writer.write_batch(batch)
    elif kind == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(str(tmp), reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
    else:
        from dsagent.data.values import to_jsonable

        with open(tmp, "w", encoding="utf-8") as out:
            first = True
            if kind == "json":
                out.write("[")
            for batch in reader:
                for row in batch.to_pylist():
                    text = json.dumps({k: to_jsonable(v) for k, v in row.items()}, ensure_ascii=False)
                    if kind == "json":
                        out.write(("\n" if first else ",\n") + text)
                    else:
                        out.write(text + "\n")
                    first = False
            if kind == "json":
                out.write("\n]\n")
            out.flush()
            os.fsync(out.fileno())


def write_text_atomic(path: Path, text: str) -> Path:
    """Write a small text file (a script, a report) under a new name: `path`, or the next free one.

    Written whole to a temp file first (a full disk leaves nothing), then published exclusively:
    an existing file is never overwritten. Returns the path written."""
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_path(path)
        try:
            tmp.write_text(text, encoding="utf-8")
            return publish(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)


def unique_path(path: Path) -> Path:
    """`path`, or `path` with -2, -3 ... before the extension when it exists already."""
    n = 2
    candidate = path
    while candidate.exists() and n < 10_000:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
