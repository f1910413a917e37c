"""An Answer as an MCP tool result: readable text, the `ask --json` object, and a chart as an image.

What a client receives leaves this process for whatever model the client runs, so it is screened by
the privacy mode exactly as a prompt to a model is: secrets always masked, personal values masked
unless the mode is `full`, and under `schema` no rows and no chart at all, only names and counts.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import mcp.types as types

_IMAGE_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}
# Keys of a result's JSON that carry no row values: what `schema` privacy lets through.
_SHAPE_KEYS = ("kind", "columns", "row_count", "truncated", "table", "source_table", "target", "task", "best",
               "metrics", "split", "features", "applied", "spec")
MAX_TEXT_ROWS = 20  # rows shown in the readable text; the structured content has them all (to --max-rows)


def error_result(message: str) -> types.CallToolResult:
    """A failed call: one line the client's model can read and act on."""
    return types.CallToolResult(content=[types.TextContent(text=" ".join(str(message).split()))], is_error=True)


def tool_result(answer: Any, privacy: str) -> types.CallToolResult:
    """A finished Answer (its error, if any, becomes an error result)."""
    if answer.error is not None:
        return error_result(answer.error["message"])
    data = answer.to_json()
    if privacy == "schema" and data.get("result"):
        data["result"] = {k: v for k, v in data["result"].items() if k in _SHAPE_KEYS}
        data["result"]["note"] = ("privacy mode 'schema': rows and values are not sent to the client; start "
                                  "dsagent mcp with --privacy masked or full to share them")
    data = screened(data, privacy)
    content: list[Any] = [types.TextContent(text=readable(data)),
                          types.TextContent(text=json.dumps(data, ensure_ascii=False, default=str))]
    image = chart_image(answer.result) if privacy != "schema" else None
    if image is not None:
        content.append(image)
    return types.CallToolResult(content=content, structured_content=data)


def chart_image(result: Any) -> types.ImageContent | None:
    """The chart file as image content (the spec and data travel in the structured content)."""
    if getattr(result, "kind", None) != "chart" or not getattr(result, "path", None):
        return None
    path = Path(result.path)
    mime = _IMAGE_TYPES.get(path.suffix.lower())
    if mime is None or not path.is_file():
        return None
    return types.ImageContent(data=base64.b64encode(path.read_bytes()).decode("ascii"), mime_type=mime)


def screened(value: Any, privacy: str, _cache: dict[str, str] | None = None) -> Any:
    """Every string in `value` as it may leave the machine under `privacy` (see llm.prompting.outgoing)."""
    from dsagent.llm.prompting import outgoing

    cache = {} if _cache is None else _cache
    if isinstance(value, str):
        if value not in cache:
            cache[value] = outgoing(value, privacy)
        return cache[value]
    if isinstance(value, dict):
        return {k: screened(v, privacy, cache) for k, v in value.items()}
    if isinstance(value, list):
        return [screened(v, privacy, cache) for v in value]
    return value


def readable(data: dict[str, Any]) -> str:
    """The answer, its SQL, the first rows and the reviewer's findings, as plain text."""
    lines = [data.get("answer") or ""]
    if data.get("sql"):
        lines += ["", "SQL:", data["sql"]]
    result = data.get("result") or {}
    rows = result.get("rows")
    if rows is None and isinstance(result.get("data"), dict):  # a chart: the rows behind it
        rows, columns = result["data"].get("rows"), result["data"].get("columns")
    else:
        columns = result.get("columns")
    if columns and rows:
        total = result.get("row_count", len(rows))
        lines += ["", f"{total} row{'s' if total != 1 else ''}" + (f", first {MAX_TEXT_ROWS}" if len(rows) > MAX_TEXT_ROWS else "")
                  + ":", " | ".join(map(str, columns))]
        lines += [" | ".join("" if v is None else str(v) for v in row) for row in rows[:MAX_TEXT_ROWS]]
    for f in data.get("review") or []:
        lines.append(f"[{f.get('severity')}] {f.get('id')}: {f.get('message')}")
    return "\n".join(lines).strip() or result.get("kind", "done")
