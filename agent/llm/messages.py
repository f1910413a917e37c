"""Chat messages as the loop and the session keep them: plain objects, LangChain's only at a model.

LangChain's message classes cost about as much to import as DuckDB, pydantic and sqlglot together
(they pull in requests, urllib3 and pydantic.v1), and the offline planner reads nothing but `.type`,
`.content` and `.tool_calls`. So the loop builds `Message`s, and `for_model` turns them into
LangChain's own classes just before a LangChain chat model is invoked; the offline planner takes
them as they are. A model's reply (a LangChain `AIMessage`) goes back into the conversation as it
came: both kinds have the same four attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence


@dataclass
class Message:
    """One turn: `type` is "system", "human", "ai" or "tool", as LangChain names them."""

    type: str
    content: str = ""
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    tool_call_id: str | None = None  # a tool result answers this call
    response_metadata: dict[str, Any] = field(default_factory=dict)


def system(text: str) -> Message:
    return Message("system", text)


def human(text: str) -> Message:
    return Message("human", text)


def ai(content: str = "", tool_calls: list[dict[str, Any]] | None = None, **metadata: Any) -> Message:
    return Message("ai", content, [dict(tc) for tc in tool_calls or []], response_metadata=dict(metadata))


def tool_result(content: str, call_id: str) -> Message:
    return Message("tool", content, tool_call_id=call_id)


def for_model(messages: Sequence[Any]) -> list[Any]:
    """The conversation as LangChain messages (messages that are LangChain's already stay as they are)."""
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

    out = []
    for m in messages:
        if not isinstance(m, Message):
            out.append(m)
        elif m.type == "system":
            out.append(SystemMessage(content=m.content))
        elif m.type == "human":
            out.append(HumanMessage(content=m.content))
        elif m.type == "ai":
            calls = [{"name": tc["name"], "args": tc.get("args") or {}, "id": tc.get("id"), "type": "tool_call"}
                     for tc in m.tool_calls]
            out.append(AIMessage(content=m.content, tool_calls=calls))
        elif m.type == "tool":
            out.append(ToolMessage(content=m.content, tool_call_id=m.tool_call_id or "call"))
        else:
            raise ValueError(f"unknown message type {m.type!r}")
    return out
