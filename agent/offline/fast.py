"""The offline planner without LangChain's chat-model machinery, for the `offline` provider.

`OfflinePlanner` (agent/offline/chat_model.py) is a real LangChain chat model, used by the hybrid provider and
by anyone composing dsagent with LangChain. Importing LangChain's chat-model base class costs about
0.3 s, a third of a whole `dsagent ask ... --json` run, so the `offline` provider uses this object
instead: the same planner, the same messages in and the same tool call out, with the two methods
the agent loop calls (`bind_tools`, `invoke`). It reads the loop's plain messages (agent/llm/messages.py,
or LangChain's: both have `.type` and `.content`) and answers with a plain `Message`, so an offline
request never imports LangChain at all (its message classes alone cost as much as DuckDB's import).
"""

from __future__ import annotations

import time
from typing import Any, Sequence

from dsagent.llm.messages import Message, ai
from dsagent.offline.planner import Planner


class OfflineFastPlanner:
    """`bind_tools(...)` and `invoke(messages) -> Message`, the tool call OfflinePlanner answers."""

    callbacks: list = []
    binds_tools = False  # the loop need not build the tools' JSON schemas for it

    def __init__(self, planner: Planner):
        self.planner = planner
        self.last_seconds = 0.0

    @classmethod
    def for_workspace(cls, ws: Any, cards: dict | None = None, prefer: str | None = None) -> "OfflineFastPlanner":
        return cls(Planner.for_workspace(ws, cards, prefer))

    @property
    def _llm_type(self) -> str:
        return "dsagent-offline"

    def bind_tools(self, tools: Any, *, tool_choice: Any = None, **kwargs: Any) -> "OfflineFastPlanner":
        """The planner knows the built-in tools already; binding is accepted and ignored."""
        return self

    def invoke(self, messages: Sequence[Any], config: Any = None, **kwargs: Any) -> Message:
        started = time.perf_counter()
        name, args, confident = self.planner.answer(list(messages))
        self.last_seconds = time.perf_counter() - started
        return ai(tool_calls=[{"name": name, "args": args, "id": f"offline_{len(messages)}", "type": "tool_call"}],
                  planner="offline", confident=confident, seconds=round(self.last_seconds, 5))
