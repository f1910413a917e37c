"""The `hybrid` planner: the offline planner first, the configured model when it does not understand."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult


class HybridPlanner(BaseChatModel):
    """Offline parse when it is confident (a tool call); otherwise the remote model, with the tools bound.

    The offline planner says it did not understand by calling `respond`, and marks a guess with
    response_metadata["confident"] = False; both go to the remote model, as does a repair step (the last
    message is a tool error) and any step after the remote model took over go to the remote model.
    """

    offline: Any = None  # None: every step goes to the remote model (a workspace without tables)
    remote: Any
    note: str = ""  # a sentence the session adds after requests for the model (chart-first): not for offline

    @property
    def _llm_type(self) -> str:
        return "hybrid"

    def bind_tools(self, tools: list, tool_choice: Any = None, **kwargs: Any):
        return self.bind(tools=tools, tool_choice=tool_choice, **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        if self.offline is not None and not self._remote_owns(messages):
            reply = self.offline.invoke(self._without_note(messages))
            calls = getattr(reply, "tool_calls", None) or []
            confident = (reply.response_metadata or {}).get("confident", True)
            if calls and calls[0]["name"] != "respond" and confident:
                reply.response_metadata = {**(reply.response_metadata or {}), "planner": "offline"}
                return ChatResult(generations=[ChatGeneration(message=reply)])
        model = self.remote
        if kwargs.get("tools"):
            model = model.bind_tools(kwargs["tools"], tool_choice=kwargs.get("tool_choice"))
        if kwargs.get("temperature") is not None:  # the loop samples the remote model (a retry, candidates)
            model = model.bind(temperature=kwargs["temperature"])
        reply = model.invoke(messages)
        reply.response_metadata = {**(reply.response_metadata or {}), "planner": "remote"}
        return ChatResult(generations=[ChatGeneration(message=reply)])

    def _without_note(self, messages: list[BaseMessage]) -> list[BaseMessage]:
        """The requests as the person typed them: the offline planner has the preference as a setting."""
        if not self.note:
            return messages
        return [HumanMessage(m.content[: -len(self.note)].rstrip())
                if m.type == "human" and isinstance(m.content, str) and m.content.endswith(self.note) else m
                for m in messages]

    @staticmethod
    def _remote_owns(messages: list[BaseMessage]) -> bool:
        """After a failed tool call, or once the remote model has answered in this request."""
        tail = []
        for m in reversed(messages):  # the current request: messages after the last HumanMessage
            if m.type == "human":
                break
            tail.append(m)
        if any(isinstance(m, AIMessage) and (m.response_metadata or {}).get("planner") == "remote" for m in tail):
            return True
        return bool(tail) and isinstance(tail[0], ToolMessage)
