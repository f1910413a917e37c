"""A scripted fake chat model for tests: replies are queued, every request is recorded.

    model = FakeChatModel(replies=[call("run_sql", sql="SELECT 1"), respond("which table?")])

A reply is an AIMessage, or a function `(messages, kwargs) -> AIMessage` for replies that depend on
what was sent. `model.requests` keeps (messages, kwargs) of every call, so a test can read exactly
what a remote model would have received. Running out of replies is a test bug and raises.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

_ids = itertools.count(1)


def call(tool: str, /, usage: tuple[int, int] = (10, 5), **args: Any) -> AIMessage:
    """A native tool call of `tool` with `args`."""
    return AIMessage(content="", tool_calls=[{"name": tool, "args": args, "id": f"call_{next(_ids)}",
                                              "type": "tool_call"}],
                     usage_metadata={"input_tokens": usage[0], "output_tokens": usage[1],
                                     "total_tokens": sum(usage)})


def act(tool: str, arguments: dict | None = None, text: str = "", usage: tuple[int, int] = (10, 5)) -> AIMessage:
    """A forced structured action: one call of the `act` function."""
    return call("act", usage=usage, tool=tool, arguments=arguments or {}, text=text)


def respond(text: str) -> AIMessage:
    return call("respond", text=text)


def prose(text: str) -> AIMessage:
    """A reply with no tool call (what small models do when left free)."""
    return AIMessage(content=text, usage_metadata={"input_tokens": 10, "output_tokens": 5, "total_tokens": 15})


class FakeChatModel(BaseChatModel):
    """Replies from a script, in order; records every request."""

    replies: list[Any] = []
    requests: list[tuple[list[BaseMessage], dict]] = []
    bound: list[dict] = []
    cycle: bool = False  # repeat the last reply forever (for bound tests)

    @property
    def _llm_type(self) -> str:
        return "fake"

    def bind_tools(self, tools: list, tool_choice: Any = None, **kwargs: Any):
        self.bound.append({"tools": tools, "tool_choice": tool_choice})
        return self.bind(tools=tools, tool_choice=tool_choice, **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        self.requests.append((list(messages), dict(kwargs)))
        index = len(self.requests) - 1
        if index >= len(self.replies):
            if not (self.cycle and self.replies):
                raise AssertionError(f"FakeChatModel: no scripted reply for request {index + 1}")
            index = len(self.replies) - 1
        reply = self.replies[index]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply) and not isinstance(reply, BaseMessage):
            reply = reply(messages, kwargs)
        if isinstance(reply, AIMessage) and reply.tool_calls:  # fresh ids so repeated replies stay distinct
            reply = reply.model_copy(update={"tool_calls": [dict(tc, id=f"call_{next(_ids)}") for tc in reply.tool_calls]})
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def sent_text(self) -> str:
        """Everything sent to this model, as one string (for privacy assertions)."""
        parts = []
        for messages, _ in self.requests:
            for m in messages:
                parts.append(m.content if isinstance(m.content, str) else str(m.content))
                parts.extend(str(tc.get("args")) for tc in getattr(m, "tool_calls", []) or [])
        return "\n".join(parts)


ReplyFn = Callable[[list[BaseMessage], dict], AIMessage]
