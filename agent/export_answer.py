"""The data of an answer written to a file: `/export FILE` in chat and `dsagent ask ... -o FILE`.

Which rows an answer holds depends on its kind: a query's full result (re-run, not the rows shown),
a synthetic table, an applied cleaning's version. The file gets them streamed (agent/data/export.py).
Values the reviewer hid or masked on screen are written only when the person says so (`--raw`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dsagent.errors import UserError


def withheld(result: Any) -> list[str]:
    """Reviewer checks that hid or masked values of the table shown (`ethics.review.changed_on_display`)."""
    from dsagent.ethics.review import changed_on_display

    return changed_on_display(result)


def has_data(result: Any) -> bool:
    """True when the result holds rows that can be written to a file."""
    kind = getattr(result, "kind", None)
    if kind == "synthetic":
        return True
    if kind == "clean":
        return bool(getattr(result, "applied", False))
    return bool(getattr(result, "query", None))


def cleaned_table(ws: Any, result: Any) -> str:
    """The table that holds an applied cleaning's version now: the base name while it is current,
    its own name (weather_v2) once a later version took the base name."""
    for name, info in ws.tables.items():
        if info.family and info.version and f"{info.family}_v{info.version}" == result.version:
            return name
    raise UserError(f"the cleaned version {result.version} is gone (undone); nothing to export")


def export_result(ws: Any, result: Any, target: Path) -> Path:
    """Write the rows of `result` to `target` (format from its extension); returns the path written."""
    from dsagent.data.export import export_query, export_table

    kind = getattr(result, "kind", None)
    if kind == "synthetic":
        return export_table(ws, result.table, target)
    if kind == "clean":
        if not result.applied:
            raise UserError("the cleaning plan is not applied yet: nothing cleaned to write (apply it first)")
        return export_table(ws, cleaned_table(ws, result), target)
    if getattr(result, "query", None):
        return export_query(ws, result.query, target)
    raise UserError("the answer has no table to write to a file")
