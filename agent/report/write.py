"""Writing a report file: the checks a person must hear about first, then one atomic write."""

from __future__ import annotations

import os
from pathlib import Path

from dsagent.errors import UserError
from dsagent.report.record import SessionRecord

FORMATS = {".html": "html", ".htm": "html", ".ipynb": "ipynb"}


def write_report(record: SessionRecord, target: str | Path, force: bool = False) -> Path:
    """Write `record` as HTML or a notebook (by the suffix of `target`); never half a file, never over one."""
    path = Path(target).expanduser()
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UserError(f"{path}: a report is .html or .ipynb")
    if not record.turns:
        raise UserError(f"session {record.id} has no answers yet: nothing to report")
    if path.is_dir():
        raise UserError(f"{path} is a folder; name a file")
    if path.exists() and not force:
        raise UserError(f"{path} already exists; use --force to overwrite it")
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"cannot write {path}: {folder} is not a folder")
    if not folder.is_dir():
        raise UserError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"cannot write {path}: the folder {folder} is not writable")
    if kind == "html":
        from dsagent.report.html import render_html

        text = render_html(record)
    else:
        from dsagent.report.notebook import notebook_json

        text = notebook_json(record)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
