"""Verified question -> SQL pairs, kept per schema under the dsagent home.

A person marks an answer as right (`/good`), corrects it (`/fix`), or adds pairs from the command
line (`dsagent memory add`). Pairs are stored as JSONL, one file per schema fingerprint, so a team
can export them, keep them in git and import them elsewhere. A pair of one dataset never shows up
on another: the fingerprint is a hash of the tables, their columns and their types.

Every stored SQL passes the SQL guard when it is stored and again when it is used: the schema may
have changed since (`usable` says so and the pair is skipped).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dsagent.words.text import fold_accents
from dsagent.errors import SqlRejected, UserError

if TYPE_CHECKING:
    from dsagent.data.workspace import Workspace

MAX_PAIRS = 5_000  # pairs kept per schema; the oldest go first
MAX_QUESTION_CHARS = 2_000
SOURCES = ("good", "fix", "cli", "import")


@dataclass
class Pair:
    """One verified pair. `id` is derived from the normalised question and the SQL."""

    id: str
    question: str
    sql: str
    source: str = "cli"  # good | fix | cli | import
    added: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))

    def to_json(self) -> dict:
        return asdict(self)


def normalise(question: str) -> str:
    """The form two askings of one question share: case, accents, punctuation and spacing folded."""
    text = fold_accents(question).lower()
    text = re.sub(r"[^\w%<>=.'-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .")


def pair_id(question: str, sql: str) -> str:
    digest = hashlib.sha256(f"{normalise(question)}\n{sql.strip()}".encode()).hexdigest()
    return digest[:10]


def fingerprint(ws: "Workspace") -> str:
    """A hash of the workspace's tables with their columns and types (not of the data)."""
    parts = []
    for table in sorted(ws.tables):
        columns = ",".join(f"{name}:{typ}" for name, typ in ws.columns(table))
        parts.append(f"{table}({columns})")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def memory_dir(home: Path) -> Path:
    return Path(home) / "memory"


class MemoryStore:
    """The verified pairs of one schema, in `<home>/memory/<fingerprint>.jsonl`."""

    def __init__(self, home: Path, schema: str):
        self.schema = schema
        self.path = memory_dir(home) / f"{schema}.jsonl"

    @classmethod
    def for_workspace(cls, ws: "Workspace", home: Path) -> "MemoryStore":
        return cls(home, fingerprint(ws))

    # ------------------------------------------------------------ reading
    def pairs(self) -> list[Pair]:
        if not self.path.exists():
            return []
        out = []
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            raise UserError(f"cannot read the memory file {self.path}: {exc.strerror or exc}") from None
        for line in lines:
            try:
                raw = json.loads(line)
                out.append(Pair(**{k: raw[k] for k in ("id", "question", "sql", "source", "added") if k in raw}))
            except (json.JSONDecodeError, TypeError, KeyError):
                continue  # a damaged line is skipped, not fatal: the rest of the memory still serves
        return out

    def get(self, pid: str) -> Pair:
        matches = [p for p in self.pairs() if p.id.startswith(pid)] if pid else []
        if len(matches) != 1:
            what = "no stored pair" if not matches else "more than one stored pair"
            raise UserError(f"{what} with id '{pid}' (dsagent memory list shows the ids)")
        return matches[0]

    # ------------------------------------------------------------ writing
    def add(self, ws: "Workspace", question: str, sql: str, source: str = "cli") -> Pair:
        """Check `sql` with the guard, then store the pair (once: the same pair again is a no-op)."""
        question, sql = (question or "").strip(), (sql or "").strip().rstrip(";").strip()
        if not question:
            raise UserError("a verified pair needs a question")
        if len(question) > MAX_QUESTION_CHARS:
            raise UserError(f"the question is too long to store ({len(question):,} characters)")
        if not sql:
            raise UserError("a verified pair needs an SQL statement")
        check(ws, sql)
        pair = Pair(pair_id(question, sql), question, sql, source if source in SOURCES else "cli")
        pairs = [p for p in self.pairs() if p.id != pair.id]
        self._write([*pairs, pair][-MAX_PAIRS:])
        return pair

    def remove(self, pid: str) -> Pair:
        pair = self.get(pid)
        self._write([p for p in self.pairs() if p.id != pair.id])
        return pair

    def import_file(self, ws: "Workspace", path: Path) -> tuple[int, list[str]]:
        """Pairs from a JSONL export; each is checked by the guard. Returns (added, skipped reasons)."""
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
        added, skipped = 0, []
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                self.add(ws, str(raw["question"]), str(raw["sql"]), "import")
                added += 1
            except (json.JSONDecodeError, KeyError, TypeError):
                skipped.append(f"line {n}: expected {{question, sql}}")
            except (SqlRejected, UserError) as exc:
                skipped.append(f"line {n}: {exc}")
        return added, skipped

    def export_file(self, path: Path) -> int:
        pairs = self.pairs()
        target = Path(path)
        if target.exists():
            raise UserError(f"{target} exists already; choose a new file name")
        _atomic_write(target, "".join(json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in pairs))
        return len(pairs)

    def _write(self, pairs: list[Pair]) -> None:
        _atomic_write(self.path, "".join(json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in pairs))


def check(ws: "Workspace", sql: str) -> None:
    """The guard's verdict on a stored or about-to-be-stored statement (raises SqlRejected)."""
    from dsagent.sql.guard import guard_sql

    guard_sql(sql, ws)


def usable(ws: "Workspace", pair: Pair) -> str | None:
    """None when the pair's SQL still passes the guard on this workspace, else why not."""
    try:
        check(ws, pair.sql)
    except SqlRejected as exc:
        return str(exc)
    return None


def _atomic_write(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temp file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
