"""The local audit log: exactly what was sent to which model, and every reviewer override.

One JSON object per line in `state_dir()/audit.jsonl`. Entries of kind `prompt` are written by
`AuditCallback`, a LangChain callback attached only to models that run outside this process's
planner code (a remote or local LLM), so the offline planner, which sends nothing anywhere, is not
logged. Entries of kind `override` record `--allow` of a reviewer block.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler

from dsagent.config import state_dir
from dsagent.errors import ProviderError

MAX_LOG_BYTES = 20_000_000  # rotate to audit.jsonl.1 beyond this, so the log stays bounded
_SESSION: str | None = None  # the chat whose entries these are (one chat per process; see tag_session)


def tag_session(session_id: str | None) -> None:
    """Entries written from now on carry `session`, so a chat's /log shows that chat's own entries."""
    global _SESSION
    _SESSION = session_id


def log_path() -> Path:
    return state_dir() / "audit.jsonl"


class AuditUnavailable(ProviderError):
    """The record of what leaves the machine cannot be written: so nothing leaves (fail closed)."""


def write(entry: dict[str, Any]) -> None:
    """Append one entry (with a UTC timestamp) to the audit log, flushed to disk.

    Raises AuditUnavailable (one line, exit 2) when it cannot: a full disk or a read-only folder must
    stop the prompt, not let it go out unlogged."""
    path = log_path()
    tag = {"session": _SESSION} if _SESSION else {}
    line = json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **tag, **entry},
                      ensure_ascii=False, default=str) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_suffix(".jsonl.1"))
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise AuditUnavailable(f"the audit log {path} cannot be written ({exc.strerror or exc}), so nothing "
                               "was sent to the model: free space or fix DSAGENT_HOME") from None


def recent(n: int = 10, session: str | None = None) -> list[dict[str, Any]]:
    """The last `n` entries (of one chat `session` when given), oldest first."""
    path = log_path()
    if not path.exists() or n <= 0:
        return []
    from collections import deque

    # errors="replace": one line of another encoding (edited by hand, a broken disk) must not hide
    # the others (it ended `dsagent log` in a traceback)
    marker = f'"session": {json.dumps(session)}' if session else None  # a cheap text test first
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = deque((line for line in fh if line.strip() and (marker is None or marker in line)), maxlen=4 * n)
    out: list[dict[str, Any]] = []
    prompts: dict[str, dict[str, Any]] = {}
    for line in lines:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # a half-written line from a killed process
        if not isinstance(entry, dict) or (session is not None and entry.get("session") != session):
            continue
        if entry.get("kind") == "reply":  # how a logged prompt ended: merged into it
            if entry.get("id") in prompts:
                prompts[entry["id"]].update({k: v for k, v in entry.items() if k not in ("kind", "id", "time")})
            continue
        if entry.get("kind") == "prompt" and entry.get("id"):
            prompts[entry["id"]] = entry
        out.append(entry)
    return out[-n:]


def log_override(ids: list[str], question: str, finding_ids: list[str]) -> None:
    write({"kind": "override", "allow": sorted(ids), "overrode": sorted(finding_ids), "question": question})


def _message_json(m: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"role": m.type, "content": m.content}
    if getattr(m, "tool_calls", None):
        entry["tool_calls"] = [{"name": tc["name"], "args": tc["args"]} for tc in m.tool_calls]
    if getattr(m, "tool_call_id", None):
        entry["tool_call_id"] = m.tool_call_id
    return entry


class AuditCallback(BaseCallbackHandler):
    """Logs each chat-model request as sent, and counts calls and tokens for the usage record."""

    def __init__(self, provider: str, model: str | None, base_url: str | None, enabled: bool = True):
        self.provider, self.model, self.base_url, self.enabled = provider, model, base_url, enabled
        self._pending: dict[Any, dict[str, Any]] = {}
        self.reset()

    def reset(self) -> None:
        self.llm_calls = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0

    # LangChain swallows a callback's exception unless this is set: the audit must be able to stop a call.
    raise_error = True

    def on_chat_model_start(self, serialized: dict, messages: list[list[Any]], *, run_id: Any, **kwargs: Any) -> None:
        """The prompt is logged before it is sent; if it cannot be, the call does not happen."""
        params = kwargs.get("invocation_params") or {}
        entry = {
            "kind": "prompt", "id": str(run_id), "provider": self.provider, "model": self.model or params.get("model"),
            "base_url": self.base_url, "messages": [_message_json(m) for m in messages[0]],
            "tools": [t.get("function", t).get("name") for t in params.get("tools", []) or []],
            "tool_choice": params.get("tool_choice"),
        }
        if self.enabled:
            write(entry)
        self._pending[run_id] = {"started": time.perf_counter()}

    def on_llm_end(self, response: Any, *, run_id: Any, **kwargs: Any) -> None:
        entry = self._pending.pop(run_id, None)
        if entry is None:
            return
        usage: dict[str, Any] = {}
        try:
            usage = response.generations[0][0].message.usage_metadata or {}
        except (AttributeError, IndexError):
            usage = {}
        if not usage and response.llm_output:  # some providers report usage only here
            raw = response.llm_output.get("token_usage") or {}
            usage = {"input_tokens": raw.get("prompt_tokens", 0), "output_tokens": raw.get("completion_tokens", 0)}
        self.llm_calls += 1
        self.prompt_tokens += int(usage.get("input_tokens") or 0)
        self.completion_tokens += int(usage.get("output_tokens") or 0)
        reply = {"kind": "reply", "id": str(run_id), "seconds": round(time.perf_counter() - entry["started"], 3),
                 "prompt_tokens": int(usage.get("input_tokens") or 0),
                 "completion_tokens": int(usage.get("output_tokens") or 0)}
        if self.enabled:
            _write_quietly(reply)

    def on_llm_error(self, error: BaseException, *, run_id: Any, **kwargs: Any) -> None:
        entry = self._pending.pop(run_id, None)
        if entry is None:
            return
        self.llm_calls += 1
        reply = {"kind": "reply", "id": str(run_id), "seconds": round(time.perf_counter() - entry["started"], 3),
                 "error": f"{type(error).__name__}: {error}"[:500]}
        if self.enabled:
            _write_quietly(reply)


def _write_quietly(entry: dict[str, Any]) -> None:
    """How a call ended: the prompt itself is on record already, so a failure here stops nothing."""
    try:
        write(entry)
    except AuditUnavailable:
        pass


def log_tool_call(tool: str, arguments: Any, error: str | None, seconds: float) -> None:
    """One call of an MCP client (`dsagent mcp`): the tool, its arguments, and how it ended."""
    write({"kind": "mcp_call", "tool": tool, "arguments": arguments, "error": error, "seconds": round(seconds, 3)})
