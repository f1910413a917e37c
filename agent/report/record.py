"""A session's record under the dsagent home: each answer as the person saw it, for `/report` and `dsagent report`.

A session is a folder `$DSAGENT_HOME/sessions/<id>/` with `meta.json` (the sources, the settings),
`turns.jsonl` (one answer a line, appended as it is given, so a chat that is killed keeps what it
had) and a copy of each chart. The record holds what the reviewer let through: masked values stay
masked and a withheld artifact stays withheld. Only the first rows of a table are kept, with the count.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dsagent.config import state_dir
from dsagent.errors import UserError

MAX_ROWS_KEPT = 50  # rows of a table kept per answer (the report shows 20; the notebook checks these)
MAX_CHART_ROWS_KEPT = 500  # rows behind a chart kept (a scatter may have thousands)
MAX_TEXT_KEPT = 200_000  # characters of a model card or retrain script kept


def sessions_dir() -> Path:
    return state_dir() / "sessions"


@dataclass
class SessionRecord:
    """A recorded session: its meta and its turns, oldest first."""

    folder: Path
    meta: dict[str, Any]
    turns: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.meta.get("id") or self.folder.name)

    def asset(self, name: str) -> Path:
        return self.folder / name


class Recorder:
    """Appends each answer of a live session to its record; a failure to write never stops the session."""

    def __init__(self, ws: Any, settings: Any, origin: str = "chat"):
        from dsagent import __version__

        stamp = time.strftime("%Y%m%d-%H%M%S")
        self.id = f"{stamp}-{uuid.uuid4().hex[:4]}"
        self.folder = sessions_dir() / self.id
        self.meta = {"id": self.id, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "origin": origin,
                     "dsagent": __version__, "privacy": getattr(settings, "privacy", None),
                     "provider": getattr(settings, "provider", None) or "", "sources": sources(ws)}
        self.turns = 0
        self.failed: str | None = None  # why recording stopped (disk full, home not writable)
        self.ws = ws

    def record(self, answer: Any) -> None:
        if self.failed:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.turns == 0:
                _write_atomic(self.folder / "meta.json", json.dumps(self.meta, ensure_ascii=False, default=str))
            turn = turn_record(answer, self.turns + 1, self.folder, self.ws)
            with open(self.folder / "turns.jsonl", "a", encoding="utf-8") as fh:
                fh.write(json.dumps(turn, ensure_ascii=False, default=str) + "\n")
            self.turns += 1
        except OSError as exc:
            self.failed = f"{exc.strerror or exc} ({self.folder})"

    def load(self) -> SessionRecord:
        """The record so far (empty when nothing was answered yet)."""
        if self.turns == 0:
            return SessionRecord(self.folder, dict(self.meta), [])
        return load_session(str(self.folder))


def sources(ws: Any) -> list[dict[str, Any]]:
    """Each table of the workspace and where it came from: what a notebook needs to load the same data."""
    from dsagent.tools.clean.scripts import source_file

    out = []
    for name, info in ws.tables.items():
        found = source_file(ws, name)
        out.append({"table": name, "source": info.source, "format": info.format, "storage": info.storage,
                    "path": found[0] if found else None, "parent": info.parent})
    return out


def turn_record(answer: Any, n: int, folder: Path, ws: Any = None) -> dict[str, Any]:
    """One answer as a JSON object: question, SQL, result (first rows), findings, and per kind its details."""
    result = answer.result
    turn: dict[str, Any] = {
        "n": n, "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "question": answer.question,
        "provider": answer.provider, "sql": answer.sql, "answer": answer.narrative, "error": answer.error,
        "withheld": bool(answer.withheld),
        "review": [f.model_dump(mode="json", exclude_none=True) if hasattr(f, "model_dump") else dict(f)
                   for f in answer.review],
        "steps": [{"tool": s.get("tool"), "args": s.get("args"), "error": s.get("error")} for s in answer.steps],
        "kind": getattr(result, "kind", None),
        "result": _trimmed(result.to_json(), MAX_ROWS_KEPT) if result is not None else None,
    }
    if result is None:
        return turn
    from dsagent.ethics.review import changed_on_display

    turn["changed_on_display"] = changed_on_display(result)  # D1/E1/E2: the values shown are not all as stored
    kind = turn["kind"]
    if kind == "table":
        turn["tables"] = list(getattr(result, "tables", []) or [])
    elif kind == "chart":
        turn["result"] = _trimmed(result.to_json(), MAX_CHART_ROWS_KEPT)
        turn["chart"] = {"query": result.query, "title": result.title, "notes": list(result.notes),
                         "count_column": result.count_column, "row_count": len(result.rows),
                         "asset": _copy_asset(Path(result.path), folder, f"chart-{n}")}
    elif kind == "model":
        extra = result.extra
        turn["model"] = {"task": result.task, "target": result.target, "best": result.best, "split": result.split,
                         "features": list(result.features), "excluded": list(result.excluded),
                         "metrics": result.metrics, "test_metrics": (extra.get("test_metrics") or {}),
                         "table": extra.get("table"), "card": _read_text(result.card_path),
                         "sampled": bool(extra.get("rows_used") and extra.get("rows_total")
                                         and extra["rows_used"] < extra["rows_total"]),
                         "script": _read_text(extra.get("script_path"))}
    elif kind == "clean":
        turn["clean"] = {"query": result.query, "applied": result.applied, "table": result.table,
                         "source_table": result.source_table}
    return turn


def _trimmed(data: Any, limit: int) -> Any:
    """`data` with every list of rows cut to `limit` (the count stays beside it)."""
    if isinstance(data, dict):
        return {k: (v[:limit] if k == "rows" and isinstance(v, list) else _trimmed(v, limit)) for k, v in data.items()}
    return data


def _copy_asset(source: Path, folder: Path, stem: str) -> str | None:
    if not source.is_file():
        return None
    name = f"{stem}{source.suffix.lower()}"
    shutil.copyfile(source, folder / name)
    return name


def _read_text(path: Any) -> str | None:
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")[:MAX_TEXT_KEPT]
    except (OSError, UnicodeDecodeError):
        return None


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ---------------------------------------------------------------- reading records back
def list_sessions() -> list[SessionRecord]:
    """Every recorded session, newest first (turns loaded)."""
    root = sessions_dir()
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir(), reverse=True):
        if (folder / "meta.json").is_file():
            try:
                found.append(load_session(str(folder)))
            except UserError:
                continue  # a damaged record is skipped in the list; naming it says what is wrong
    return found


def load_session(name: str) -> SessionRecord:
    """A session by id, by a unique prefix of its id, `last`, or by its folder."""
    folder = _find(name)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UserError(f"session {folder.name}: its record cannot be read ({exc})") from None
    turns = []
    path = folder / "turns.jsonl"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                turns.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # the half-written last line of a killed chat
    return SessionRecord(folder, meta, turns)


def _find(name: str) -> Path:
    direct = Path(name).expanduser()
    if direct.is_dir() and (direct / "meta.json").is_file():
        return direct
    root = sessions_dir()
    ids = sorted((p.name for p in root.iterdir() if (p / "meta.json").is_file()), reverse=True) if root.is_dir() else []
    if name == "last" and ids:
        return root / ids[0]
    matches = [i for i in ids if i == name] or [i for i in ids if i.startswith(name)]
    if len(matches) == 1:
        return root / matches[0]
    if len(matches) > 1:
        raise UserError(f"session '{name}' is ambiguous: {', '.join(matches[:5])}")
    raise UserError(f"no session '{name}' (dsagent report --list shows the recorded ones)")
