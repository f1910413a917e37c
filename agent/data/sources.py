"""Finding and checking data sources before they are registered in the Workspace.

Everything here only reads: files are opened read-only, a few kilobytes at a time, to tell their
format and encoding and to refuse what cannot be read with one clear line.
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path

from dsagent.errors import DataError, UserError

# Extension (lower case, compression suffix removed) -> format.
FORMATS = {
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".tab": "csv", ".psv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
    ".json": "json", ".ndjson": "json", ".jsonl": "json",
    ".duckdb": "duckdb", ".ddb": "duckdb",
    ".sqlite": "sqlite", ".sqlite3": "sqlite", ".db": "sqlite",
}
COMPRESSIONS = {".gz", ".zst"}
SNIFF_BYTES = 64 * 1024
MAX_FOLDER_SOURCES = 200  # a folder naming more tables than this is almost surely a mistake
MAX_FOLDER_DEPTH = 3
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PARQUET_MAGIC = b"PAR1"
_DUCKDB_MAGIC = b"DUCK"  # at offset 8 of a DuckDB database file


@dataclass(frozen=True)
class Source:
    """One file (or one hive-partitioned folder) to register."""

    path: str  # absolute path; for a hive folder, the folder
    format: str  # csv | parquet | json | duckdb | sqlite
    stem: str  # what the table name is derived from
    encoding: str | None = None  # for text formats: 'utf-8' or 'latin-1'
    hive: bool = False  # a folder of key=value/ partitions read as one table
    pattern: str | None = None  # for hive folders: the glob that DuckDB reads

    @property
    def identity(self) -> tuple[str, int, float]:
        """(path, size, mtime): the cache key of everything computed from this source."""
        p = Path(self.path)
        if p.is_dir():
            files = sorted(p.rglob("*"))
            size = sum(f.stat().st_size for f in files if f.is_file())
            mtime = max((f.stat().st_mtime for f in files if f.is_file()), default=0.0)
            return (self.path, size, mtime)
        st = p.stat()
        return (self.path, st.st_size, st.st_mtime)


def _format_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSIONS:
        suffixes = suffixes[:-1]
    return FORMATS.get(suffixes[-1]) if suffixes else None


def _stem_of(path: Path) -> str:
    name = path.name
    for _ in range(2):  # data.csv.gz -> data
        stem, ext = os.path.splitext(name)
        if ext.lower() in FORMATS or ext.lower() in COMPRESSIONS:
            name = stem
    return name


def _is_hive_folder(folder: Path) -> bool:
    return any(child.is_dir() and "=" in child.name for child in folder.iterdir())


def discover(paths: list[str]) -> list[Source]:
    """Expand files, folders and globs into checked Sources, in the order given."""
    if not paths:
        raise UserError("no data given: name one or more files, folders or globs")
    found: list[Source] = []
    for raw in paths:
        expanded = [raw]
        if any(ch in raw for ch in "*?["):
            expanded = sorted(glob.glob(os.path.expanduser(raw), recursive=True))
            if not expanded:
                raise DataError(raw, "no file matches this pattern")
        for item in expanded:
            found.extend(_discover_one(Path(os.path.expanduser(item))))
    return found


def _discover_one(path: Path) -> list[Source]:
    if not path.exists():
        raise DataError(str(path), "no such file or folder")
    path = path.resolve()
    if path.is_dir():
        if _is_hive_folder(path):
            return [_hive_source(path)]
        found = _folder_sources(path, depth=0)
        if not found:
            known = ", ".join(sorted({e.lstrip(".") for e in FORMATS}))
            raise DataError(str(path), f"folder has no supported data files (looked for: {known})")
        if len(found) > MAX_FOLDER_SOURCES:
            raise DataError(str(path), f"folder holds {len(found)} data files, more than {MAX_FOLDER_SOURCES}; "
                                       "name a sub-folder or a glob")
        return found
    return [check_file(path)]


def _folder_sources(folder: Path, depth: int) -> list[Source]:
    """Files directly in `folder` first, then each sub-folder (a hive-partitioned one as one table),
    skipping hidden entries, down to MAX_FOLDER_DEPTH levels."""
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_")))
    out = [check_file(p) for p in entries if p.is_file() and _format_of(p)]
    if depth < MAX_FOLDER_DEPTH:
        for sub in (p for p in entries if p.is_dir()):
            if _is_hive_folder(sub):
                out.append(_hive_source(sub))
            else:
                out.extend(_folder_sources(sub, depth + 1))
            if len(out) > MAX_FOLDER_SOURCES:
                break
    return out


def _hive_source(folder: Path) -> Source:
    files = [p for p in folder.rglob("*") if p.is_file() and _format_of(p)]
    formats = {_format_of(p) for p in files}
    if not files or len(formats) != 1 or formats & {"duckdb", "sqlite"}:
        raise DataError(str(folder), "partitioned folder must hold files of one format (parquet, csv or json)")
    fmt = formats.pop()
    ext = files[0].suffix
    return Source(path=str(folder), format=fmt, stem=folder.name, hive=True,
                  pattern=str(folder / "**" / f"*{ext}"), encoding="utf-8" if fmt != "parquet" else None)


def check_file(path: Path) -> Source:
    """Tell a file's format and encoding, refusing empty, binary or unsupported files."""
    if not os.access(path, os.R_OK):
        raise DataError(str(path), "permission denied")
    fmt = _format_of(path)
    size = path.stat().st_size
    if size == 0:
        raise DataError(str(path), "file is empty")
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    # Trust the bytes over the name for binary formats.
    if head.startswith(_SQLITE_MAGIC):
        fmt = "sqlite"
    elif head.startswith(_PARQUET_MAGIC):
        fmt = "parquet"
    elif head[8:12] == _DUCKDB_MAGIC:
        fmt = "duckdb"
    if fmt is None:
        known = ", ".join(sorted({e.lstrip(".") for e in FORMATS}))
        raise DataError(str(path), f"unsupported file type '{path.suffix or '(none)'}' (supported: {known})")
    if fmt == "sqlite" and not head.startswith(_SQLITE_MAGIC):
        raise DataError(str(path), "not a SQLite database (bad header)")
    if fmt == "parquet" and not head.startswith(_PARQUET_MAGIC):
        raise DataError(str(path), "not a Parquet file (bad header)")
    if fmt == "duckdb" and head[8:12] != _DUCKDB_MAGIC:
        raise DataError(str(path), "not a DuckDB database (bad header)")
    encoding = None
    if fmt in ("csv", "json"):
        compressed = path.suffix.lower() in COMPRESSIONS
        encoding = "utf-8" if compressed else _text_encoding(path, head)
    return Source(path=str(path), format=fmt, stem=_stem_of(path), encoding=encoding)


def _text_encoding(path: Path, head: bytes) -> str:
    """'utf-8' (with or without BOM) or 'latin-1'; refuses binary content and UTF-16."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head
    if b"\x00" in sample:
        raise DataError(str(path), "looks like a binary file, not text (found NUL bytes)")
    if not sample.strip():
        raise DataError(str(path), "file is empty (only whitespace)")
    # A multi-byte character may be cut at the sniff boundary: ignore a short tail.
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4 and len(sample) == SNIFF_BYTES:
            return "utf-8"
    # Control characters other than tab/CR/LF in a non-UTF-8 file mean binary, not latin-1 text.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    if controls > len(sample) // 100:
        raise DataError(str(path), "looks like a binary file, not text")
    mixed = _mixed_encoding_line(sample)
    if mixed:  # read as latin-1, its UTF-8 part would turn "José" into "JosÃ©" without a word
        raise DataError(str(path), f"mixes UTF-8 and latin-1 text (line {mixed} is not UTF-8, earlier lines "
                                   "are); save the file in one encoding (UTF-8) and try again")
    return "latin-1"


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mixed_encoding_line(sample: bytes) -> int | None:
    """The first line that is not UTF-8 when other lines hold UTF-8 multi-byte characters, else None.

    Real latin-1 text almost never holds a valid UTF-8 sequence (it would read as 'Ã©')."""
    first_bad, utf8_seen = None, False
    for number, line in enumerate(sample.split(b"\n"), 1):
        try:
            line.decode("utf-8")
            if _UTF8_MULTIBYTE.search(line):
                utf8_seen = True
        except UnicodeDecodeError:
            if first_bad is None:
                first_bad = number
            if _UTF8_MULTIBYTE.search(line):
                utf8_seen = True
        if first_bad and utf8_seen:
            return first_bad
    return None


# Python's csv module reads at most this much when a CSV has already failed (or looks wrong) to say
# which line is at fault; the healthy path never reads a file in Python.
DIAGNOSE_MAX_BYTES = 64 * 1024 * 1024
_DELIMITERS = (",", ";", "\t", "|")


def diagnose_csv(path: str, encoding: str | None, max_bytes: int = DIAGNOSE_MAX_BYTES) -> str | None:
    """Name the first ragged row or broken quote of a delimited text file, or None if none is seen.

    Used only after DuckDB's reader failed or sniffed something suspicious (one column where the
    header clearly has delimiters, or no quoting in a file full of quotes), to turn its multi-line
    message into one line a person can act on.
    """
    import csv
    import io

    with open(path, encoding=encoding or "utf-8", errors="replace", newline="") as fh:
        text = fh.read(max_bytes)
        complete = not fh.read(1)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not complete and "\n" in text:
        text = text[: text.rindex("\n") + 1]  # a row cut in half is not the file's fault
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in _DELIMITERS}
    delimiter = max(counts, key=counts.get)
    if counts[delimiter] == 0:
        return None
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', strict=True)
    width = None
    start = 1
    try:
        for row in reader:
            if row:
                if width is None:
                    width = len(row)
                elif len(row) != width:
                    return (f"rows have different numbers of fields: line {start} has {len(row)}, "
                            f"the header has {width}")
            start = reader.line_num + 1
    except csv.Error as exc:
        if "end of data" in str(exc) or (not complete and reader.line_num >= text.count("\n")):
            return f"broken quoting: the quoted field starting on line {start} is never closed"
        return f"broken quoting on line {start} ({exc})"
    return None


def renamed_note(columns: list[str], source: Source | None = None) -> str | None:
    """Say which columns DuckDB renamed because the header repeated a name (`a,a` -> `a`, `a_1`).

    Judged against the file's own header when it can be read, so a real column called `a_1` next
    to `a` is not reported."""
    import re

    present = set(columns)
    suspects = [c for c in columns if re.search(r"_\d+$", c) and re.sub(r"_\d+$", "", c) in present]
    if not suspects:
        return None
    if source is not None and source.format == "csv" and not source.hive:
        header = _raw_header(source)
        if header is not None:
            if len(set(header)) == len(header):
                return None
            suspects = [c for c in suspects if c not in set(header)]
    return f"duplicate column names renamed: {', '.join(suspects)}" if suspects else None


def _raw_header(source: Source) -> list[str] | None:
    import csv
    import io

    try:
        with open(source.path, encoding=source.encoding or "utf-8", errors="replace", newline="") as fh:
            first = fh.readline(1 << 20).lstrip("\ufeff")
    except OSError:
        return None
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    delimiter = max(counts, key=counts.get)
    rows = list(csv.reader(io.StringIO(first), delimiter=delimiter))
    return [c.strip() for c in rows[0]] if rows else None


def explain_read_error(exc: Exception) -> str:
    """DuckDB's multi-line reader error as one line a person can act on (the path is said already)."""
    import re

    text = str(exc)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    first = re.sub(r"^[A-Za-z ]*Error: ", "", first)  # "Invalid Input Error: "
    first = re.sub(r"\s*(in file|when sniffing file)\s+\"[^\"]*\"", "", first)
    first = re.sub(r"^File '[^']*'\s*", "", first).strip().rstrip(".")
    lower = text.lower()
    line = ""
    for part in text.splitlines():
        if part.startswith("CSV Error on Line"):
            line = part.replace("CSV Error on Line:", "line").strip()
    if "expected" in lower and "columns" in lower or "too many columns" in lower or "not enough columns" in lower:
        return f"rows have different numbers of fields ({line or first}); fix the file or quoting"
    if "unterminated quote" in lower or "quote" in lower and "error" in lower:
        return f"broken quoting ({line or first})"
    if "invalid unicode" in lower:
        return "text is not valid UTF-8 or latin-1"
    if "no magic bytes" in lower or "not a parquet" in lower or "parquet file" in lower:
        return f"not a valid Parquet file ({first})"
    if "json" in lower and ("malformed" in lower or "parse" in lower):
        return f"malformed JSON ({first})"
    if "sniffing" in lower or "not possible to automatically detect" in lower:
        return "cannot tell the delimiter, quoting or columns of this text file"
    return first
