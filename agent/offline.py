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
from typing import Any, Iterable, Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, PrivateAttr

from .offline_chart import as_chart
from .offline_followup import merge
from .offline_intent import finish, is_modifier_only
from .offline_linker import SchemaIndex
from .offline_parse import CHART_KEYS, Grammar, NotUnderstood, detect_language, parse_items
from .offline_plan import Plan
from .offline_respond import not_understood, step_done, step_failed, suggestions

RESPOND = "respond"
_MAX_FOLLOW_DEPTH = 4
_CUES = {"NOW", "ONLY", "ALSO", "MAKE_IT"}


class Planner:
    """The parser behind the chat model: request (+ earlier requests) -> Plan, or NotUnderstood."""

    def __init__(self, index: SchemaIndex, default_table: str, prefer: str | None = None):
        self.index = index
        self.default_table = default_table
        self.prefer = prefer  # "chart": answer a chartable query with its chart (a chart-first session)

    def plan(self, question: str, history: Sequence[str] = (), depth: int = 0, table: str | None = None) -> Plan:
        """The plan of `question`; earlier requests (oldest first) give follow-ups their context."""
        language = detect_language(question)
        chosen, items, _, ambiguous = parse_items(question, self.index, self.default_table, table)
        roles = Grammar(items, self.index, chosen).run()
        first = next((it for it in items if it.kind not in ("stop",)), None)
        cue = roles.first_key in _CUES or (first is not None and first.kind == "kw" and first.key in ("AND", "BY")) \
            or (first is not None and first.text in ("make", "haz", "hazlo", "change", "cambia", "turn", "convert",
                                                    "convierte") and any(k in CHART_KEYS for k in roles.keys))
        if history and depth < _MAX_FOLLOW_DEPTH and (cue or is_modifier_only(roles)):
            try:
                prev = self.plan(history[-1], history[:-1], depth + 1)
            except NotUnderstood:
                prev = None
            if prev is None and depth == 0:  # "show me bars" / "of gross by genre": one request in two messages
                try:
                    return self.plan(history[-1] + " " + question, history[:-1], depth + 1)
                except NotUnderstood:
                    pass
            if prev is not None:
                if prev.table != chosen:
                    chosen, items, _, _ = parse_items(question, self.index, self.default_table, prev.table)
                    roles = Grammar(items, self.index, chosen).run()
                if cue or is_modifier_only(roles):
                    plan = merge(prev, roles, language, self.index)
                    plan.understood.append("follow-up of: " + history[-1])
                    if self.prefer == "chart" and plan.intent in ("query", "rows", "distinct"):
                        plan = as_chart(plan) or plan
                    return plan
        plan = finish(roles, self.index, chosen, language, question)
        if self.prefer == "chart" and plan.intent in ("query", "rows", "distinct"):
            plan = as_chart(plan) or plan
        if ambiguous:
            plan.confident = False
            plan.notes.append(f"table {chosen} chosen among several")
        return plan

    def parses(self, question: str) -> bool:
        try:
            self.plan(question)
            return True
        except NotUnderstood:
            return False

    def explain(self, exc: NotUnderstood, question: str) -> str:
        mentioned = [w for w in exc.understood]
        tries = suggestions(self.index, exc.table, exc.language, mentioned, self.parses)
        return not_understood(exc.language, exc.understood, exc.unknown, exc.problems, tries)


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, list):
        return " ".join(c if isinstance(c, str) else str(c.get("text", "")) for c in content)
    return str(content)


def _is_error(message: ToolMessage) -> bool:
    """A tool message after our call is an error report, or the loop's note that the result is empty."""
    if getattr(message, "status", None) == "error":
        return True
    return not _text(message).lstrip().lower().startswith(("the query ran but returned no rows", "empty result"))


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
        model._planner = Planner(SchemaIndex.build(ws, cards), ws.default_table(), prefer)
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
        """The plan of `question` (with `.confident` and `.tool_call()`), or None when not understood."""
        earlier = [h if isinstance(h, str) else _text(h) for h in history
                   if isinstance(h, str) or isinstance(h, HumanMessage)]
        try:
            return self.planner.plan(question, earlier)
        except NotUnderstood:
            return None

    def plan_call(self, messages: Sequence[BaseMessage]) -> tuple[str, dict[str, Any]]:
        """(tool name, args) the planner emits for a conversation; `respond` when it does not act."""
        return self._plan_call(messages)[:2]

    def _plan_call(self, messages: Sequence[BaseMessage]) -> tuple[str, dict[str, Any], bool]:
        humans = [m for m in messages if isinstance(m, HumanMessage)]
        if not humans:
            return RESPOND, {"text": "Ask a question about the data."}, False
        question = _text(humans[-1])
        language = detect_language(question)
        last = messages[-1]
        if isinstance(last, ToolMessage):  # our call ran: never loop
            if _is_error(last):
                return RESPOND, {"text": step_failed(language, _text(last))}, False
            return RESPOND, {"text": step_done(language)}, False
        earlier = [_text(m) for m in humans[:-1]]
        try:
            plan = self.planner.plan(question, earlier)
        except NotUnderstood as exc:
            return RESPOND, {"text": self.planner.explain(exc, question)}, False
        name, args = plan.tool_call()
        return name, args, plan.confident

    # ------------------------------------------------------------------ LangChain
    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        started = time.perf_counter()
        name, args, confident = self._plan_call(messages)
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
