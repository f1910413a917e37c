"""The offline planner: a deterministic LangChain chat model that turns a request into one tool call.

It reads the latest HumanMessage (and earlier turns for follow-ups such as "now only for women"),
parses it with a small English/Spanish grammar over the workspace's schema card, and answers with an
AIMessage carrying exactly one tool call — the same calls an LLM would emit — or a `respond` call
{"text": ...} that says what it understood, what it did not, and how to rephrase. No network, no
download, milliseconds per request. Hybrid mode uses `OfflinePlanner.parse` to answer confident
parses at once and hand the rest to a real model.
"""

from __future__ import annotations

import time
from typing import Any, Iterable

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, PrivateAttr

from dsagent.offline.planner import RESPOND, Planner, _text
from dsagent.offline.grammar.roles import NotUnderstood
from dsagent.offline.plan import Plan

__all__ = ["OfflinePlanner", "Planner", "RESPOND"]  # RESPOND: the name of the not-acting call


class OfflinePlanner(BaseChatModel):
    """A chat model that needs no model: a deterministic parser of English and Spanish data requests."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    _planner: Planner | None = PrivateAttr(default=None)
    last_seconds: float = 0.0

    @classmethod
    def for_workspace(cls, ws, cards: dict | None = None, prefer: str | None = None) -> "OfflinePlanner":
        """Index the workspace's tables (schema cards when given, and low-cardinality values) once.

        prefer="chart" answers a chartable question ("average mpg by origin") with its chart.
        """
        model = cls()
        model._planner = Planner.for_workspace(ws, cards, prefer)
        return model

    @property
    def planner(self) -> Planner:
        if self._planner is None:
            raise RuntimeError("OfflinePlanner needs a workspace: use OfflinePlanner.for_workspace(ws)")
        return self._planner

    @property
    def _llm_type(self) -> str:
        return "dsagent-offline"

    # ------------------------------------------------------------------ hybrid API
    def parse(self, question: str, history: Iterable[BaseMessage | str] = ()) -> Plan | None:
        """The plan of `question` (with `.confident`; `plan_sql.tool_call` carries it out), or None when not understood."""
        earlier = [h if isinstance(h, str) else _text(h) for h in history
                   if isinstance(h, str) or getattr(h, "type", None) == "human"]  # LangChain's or plain Messages
        try:
            return self.planner.plan(question, earlier)
        except NotUnderstood:
            return None
        except Exception:  # noqa: BLE001 - a fault of the grammar: the model answers it, as it does what is not understood
            return None

    # ------------------------------------------------------------------ LangChain
    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        started = time.perf_counter()
        name, args, confident = self.planner.answer(messages)
        self.last_seconds = time.perf_counter() - started
        call_id = f"offline_{len(messages)}"
        message = AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}],
                            usage_metadata={"input_tokens": 0, "output_tokens": 0, "total_tokens": 0},
                            response_metadata={"planner": "offline", "confident": confident,
                                               "seconds": round(self.last_seconds, 5)})
        return ChatResult(generations=[ChatGeneration(message=message)])

    def bind_tools(self, tools: Any, *, tool_choice: Any = None, **kwargs: Any) -> "OfflinePlanner":
        """The offline planner knows the built-in tools already; binding is accepted and ignored."""
        return self
