"""A session: one workspace, one planner backend, and the recent conversation for follow-ups."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Callable

from dsagent.answer import Answer
from dsagent.config import Settings
from dsagent.errors import DsagentError, ProviderError, UserError
from dsagent.llm.messages import Message, ai, human, tool_result
from dsagent.ethics.review import must_withhold, review_result
from dsagent.narrative import narrate
from dsagent.sql.typed import looks_like_sql
from dsagent.words.language import detect_language, say, speaking

HISTORY_TURNS = 3  # recent question/call/result turns the planner sees


class Session:
    """Answers questions over `ws`; keeps the recent turns so follow-ups can refer to them."""

    def __init__(self, ws: Any, settings: Settings, chat_model: Any = None,
                 progress: Callable[[str, float | None], None] | None = None, style: str | None = None):
        self.ws, self.settings, self.progress = ws, settings, progress
        self._backend = None
        if chat_model is not None:
            from dsagent.llm.audit import AuditCallback
            from dsagent.llm.providers import Backend

            audit = AuditCallback("fake", getattr(chat_model, "_llm_type", "custom"), None)
            chat_model.callbacks = [*(chat_model.callbacks or []), audit]
            self._backend = Backend("fake", chat_model, style or settings.style or "tools", remote=True,
                                    model_name=getattr(chat_model, "_llm_type", None), audit=audit)
            if self._backend.style == "auto":
                self._backend.style = "tools"
        self.history: list[list[Message]] = []
        self.last_result = None
        self.chart_first = False  # --chart, /chart on: answer with a chart whenever the answer can be drawn
        self._memory = None
        self.memory_exact = True  # answer a verified question from memory (eval --memory turns this off)
        self.memory_exclude: set[str] = set()  # pair ids never used (eval --memory leaves each one out)
        self.recorder: Any = None  # report.record.Recorder: keeps each answer for /report and `dsagent report`

    @property
    def backend(self):
        if self._backend is None:
            from dsagent.llm.providers import resolve_backend

            self._backend = resolve_backend(self.settings, self.ws)
        return self._backend

    @property
    def provider_name(self) -> str:
        if self._backend is not None:
            return self._backend.name
        from dsagent.llm.providers import default_provider

        return default_provider(self.settings)

    def context(self, question: str, apply: bool) -> Any:
        from dsagent.tools.base import ToolContext

        return ToolContext(output_dir=Path(self.settings.output_dir), privacy=self.settings.privacy,
                           allow=set(self.settings.allow), question=question, apply=apply,
                           progress=self.progress, last_result=self.last_result,
                           settings={"thresholds": dict(self.settings.thresholds), "max_rows": self.settings.max_rows,
                                     "timeout": self.settings.timeout})

    # ------------------------------------------------------------ one question
    def ask(self, question: str, apply: bool = False) -> Answer:
        """Answer one question (or run one typed statement); the answer is recorded when recording.

        A source file that changed since it was loaded is said first (agent/data/changes.py)."""
        from dsagent.data.changes import check_sources

        with speaking(detect_language(question)):  # the tools' and the reviewer's messages speak the request's language
            changed = [c.line() for c in check_sources(self.ws)]
            answer = self._ask(question, apply)
        if changed:
            answer.narrative = "\n".join([*changed, answer.narrative]).strip()
        return self._recorded(answer)

    def _recorded(self, answer: Answer) -> Answer:
        if self.recorder is not None:
            self.recorder.record(answer)
        return answer

    def _ask(self, question: str, apply: bool) -> Answer:
        started = time.perf_counter()
        ctx = self.context(question, apply)
        if looks_like_sql(question):
            typed = self._typed_sql(question, ctx, started)
            if not _reads_as_words(question, typed):
                return typed
            # "select all columns from the customer table, except customer_id" starts like SQL but is a
            # request in words: DuckDB cannot parse it, so it goes to the planner as a question.
        remembered = self._from_memory(question, ctx, started)
        if remembered is not None:
            return remembered
        try:
            backend = self.backend
        except DsagentError as exc:
            return Answer.failed(question, self.provider_name, exc, time.perf_counter() - started)
        if backend.audit:
            backend.audit.reset()
        _refresh_planner(backend, self.ws)
        from dsagent.tools.base import tool_set

        from dsagent.loop import run_request
        from dsagent.llm.prompting import schema_text, screen_findings

        privacy = self.settings.privacy if backend.remote else "full"
        steps: list[dict] = []
        screened: list = []
        token = screen_findings.set(screened)
        try:
            schema = (schema_text(self.ws, question, privacy, compact=backend.style == "forced")
                      if backend.reads_prompt else "(the planner reads the workspace itself)")
            if backend.reads_prompt:
                schema = "\n\n".join(part for part in (schema, self._examples(question, privacy)) if part)
            from dsagent.llm.providers import prefer_charts

            note = prefer_charts(backend, self.chart_first, question, self._history())
            request = question + (" " + note if note else "")
            outcome = run_request(backend, self.ws, ctx, request, self._history(), schema, tool_set())
            steps = outcome.steps
        except ProviderError as exc:
            return self._usage(Answer.failed(question, backend.name, exc), backend, started)
        except DsagentError as exc:
            answer = Answer.failed(question, backend.name, exc)
            answer.steps = list(getattr(exc, "steps", []) or [])
            answer.review = _prompt_findings(screened)
            return self._usage(answer, backend, started)
        finally:
            screen_findings.reset(token)
        answer = Answer(question=question, provider=backend.name, steps=steps)
        self._finish(answer, outcome.result, ctx)
        if outcome.call is not None and outcome.call.tool == "respond":  # words, not a result: exit 1
            answer.error = {"type": "not_answered",
                            "message": "the planner replied in words instead of running a tool (see answer)"}
            said = outcome.call.args or {}
            if "unplaced" in said or "suggestion" in said:  # the offline planner: what it could not place
                answer.error["unplaced"] = list(said.get("unplaced") or [])
                answer.error["suggestion"] = said.get("suggestion")
        answer.review = answer.review + [f for f in _prompt_findings(screened)
                                         if (f.id, f.message) not in {(r.id, r.message) for r in answer.review}]
        self._remember(question, outcome, answer, privacy)
        return self._usage(answer, backend, started)

    def run_tool(self, name: str, args: dict[str, Any]) -> Answer:
        with speaking(detect_language(str(args.get("question") or ""))):
            return self._recorded(self._run_tool(name, args))

    def _run_tool(self, name: str, args: dict[str, Any]) -> Answer:
        """One tool called by name with its arguments (an MCP client's call), reviewed like an answer.

        run_sql is typed SQL: the same path, guard and messages as a statement typed in `ask` or
        `chat`. Any other tool runs as the agent loop runs it, and its errors are the loop's messages.
        A cleaning plan is applied only when the call says `apply`.
        """
        started = time.perf_counter()
        if name == "run_sql":
            sql = str(args.get("sql") or "")
            return self._typed_sql(sql, self.context(sql, apply=False), started)
        from dsagent.errors import ModelError
        from dsagent.loop import run_tool
        from dsagent.tools.base import get_tool

        import json

        question = str(args.get("question") or "")
        ctx = self.context(question, apply=bool(args.get("apply")))
        result, error, seconds = run_tool(get_tool(name), self.ws, args, ctx)
        # the answer is labelled by the call itself (a report of an MCP session shows what was called)
        question = question or f"{name} {json.dumps(args, ensure_ascii=False, default=str)}"
        if error is not None:
            answer = Answer.failed(question, "tool", ModelError(error))
            answer.error["type"] = "tool_error"
        else:
            answer = Answer(question=question, provider="tool")
            self._finish(answer, result, ctx)
            self.last_result = answer.result
        answer.steps = [{"tool": name, "args": args, "sql": getattr(result, "sql", None), "error": error,
                         "seconds": seconds}]
        answer.usage["seconds"] = round(time.perf_counter() - started, 3)
        return answer

    def review(self, result: Any, question: str = "") -> Answer:
        """A result made outside a question (a plan applied in chat), reviewed and recorded as an answer
        is: the reviewer masks what it shows (privacy) and its findings come with it."""
        answer = Answer(question=question, provider="tool")
        self._finish(answer, result, self.context(question, apply=False))
        self.last_result = answer.result
        return self._recorded(answer)

    def _typed_sql(self, question: str, ctx: Any, started: float, sql: str | None = None,
                   provider: str = "sql") -> Answer:
        """A typed (or remembered) statement runs through the guard and run_sql, with no planner."""
        sql = question if sql is None else sql
        import duckdb

        from dsagent.tools.base import get_tool

        from dsagent.errors import ModelError

        step = {"tool": "run_sql", "args": {"sql": sql}, "sql": sql, "error": None, "seconds": 0.0}
        try:
            result = get_tool("run_sql").run(self.ws, {"sql": sql}, ctx)
        except ModelError as exc:  # SqlRejected: typed by a person, it is theirs to fix
            step["error"] = exc.message
            answer = Answer.failed(question, provider, UserError(exc.message), time.perf_counter() - started)
            answer.error["type"] = "sql_rejected"
        except duckdb.Error as exc:
            step["error"] = str(exc)
            answer = Answer.failed(question, provider, UserError(str(exc)), time.perf_counter() - started)
            answer.error["type"] = "sql_error"
        except DsagentError as exc:
            step["error"] = exc.message
            answer = Answer.failed(question, provider, exc, time.perf_counter() - started)
        else:
            answer = Answer(question=question, provider=provider)
            self._finish(answer, result, ctx)
            self.last_result = answer.result
        step["seconds"] = round(time.perf_counter() - started, 4)
        answer.steps = [step]
        answer.usage["seconds"] = round(time.perf_counter() - started, 3)
        return answer

    def _finish(self, answer: Answer, result: Any, ctx: Any) -> None:
        """Review the result; a block withholds the artifact unless the person allowed it."""
        findings = list(review_result(result, self.ws, ctx) or []) if result is not None else []
        blocks = [f for f in must_withhold(findings, result) if f.id.upper() not in ctx.allow]
        if ctx.allow:
            from dsagent.llm.audit import log_override

            log_override(sorted(ctx.allow), ctx.question,
                         [f.id for f in findings if f.id.upper() in ctx.allow or "--allow" in f.message])
        answer.review = findings
        answer.final_sql = getattr(result, "sql", None)
        if blocks:
            from dsagent.tools.base import TextResult

            lines = [f"{f.id}: {f.message}" + (f" {f.fix}" if f.fix else "") for f in blocks]
            ids = " ".join(f"--allow {i}" for i in dict.fromkeys(f.id for f in blocks))
            answer.result = TextResult(text=say("ethics", "withheld", lines=" ".join(lines), ids=ids))
            answer.withheld = True
            answer.narrative = answer.result.text
            return
        try:
            result.findings = findings
        except (AttributeError, ValueError):
            pass  # a frozen result keeps its findings only in the answer's review
        answer.result = result
        answer.narrative = narrate(result, ctx.question)
        self._check_after(answer, result, ctx)

    def _check_after(self, answer: Answer, result: Any, ctx: Any) -> None:
        """An empty or all-NULL result says why, with the data's range (agent/sql/after.py); a result
        of NULLs only is not an answer (exit 1, nothing shown but the reason)."""
        from dsagent.sql.after import check_result

        check = check_result(self.ws, result)
        if check is None:
            return
        from dsagent.narrative import check_text

        answer.narrative = check_text(check, ctx.question)
        if check.kind == "all_null":
            answer.final_sql = getattr(result, "sql", None)
            answer.result = None
            answer.error = {"type": "no_value", "message": answer.narrative, "check": check.to_json()}

    # ------------------------------------------------------------ verified pairs (dsagent.memory)
    @property
    def memory(self):
        """The verified pairs of this workspace's schema, or None when memory is off."""
        if not self.settings.use_memory:
            return None
        if self._memory is None:
            from dsagent.memory.store import MemoryStore

            self._memory = MemoryStore.for_workspace(self.ws, self.settings.home)
        return self._memory

    def _from_memory(self, question: str, ctx: Any, started: float) -> Answer | None:
        """A question asked before and verified is answered from its stored SQL, with no planner."""
        if self.memory is None or not self.memory_exact:
            return None
        from dsagent.memory.recall import exact

        pair = exact(self.memory, self.ws, question, self.memory_exclude)
        if pair is None:
            return None
        answer = self._typed_sql(question, ctx, started, sql=pair.sql, provider="memory")
        answer.steps.insert(0, {"tool": "memory", "args": {"id": pair.id, "question": pair.question},
                                "sql": pair.sql, "error": None, "seconds": 0.0})
        if answer.answered:
            answer.narrative = f"From memory (verified pair {pair.id}). {answer.narrative}".strip()
        return answer

    def _examples(self, question: str, privacy: str) -> str:
        """Similar verified pairs as prompt examples, within their token budget and the privacy mode."""
        if self.memory is None or self.settings.memory_examples <= 0:
            return ""
        from dsagent.memory.recall import examples_text, similar

        chosen = similar(self.memory, self.ws, question, self.settings.memory_examples, self.memory_exclude)
        return examples_text(chosen, privacy) if chosen else ""

    # ------------------------------------------------------------ memory of recent turns
    def _history(self) -> list[Message]:
        return [m for turn in self.history[-HISTORY_TURNS:] for m in turn]

    def _remember(self, question: str, outcome: Any, answer: Answer, privacy: str) -> None:
        action = outcome.call
        if action is None:
            return
        call_id = f"h{len(self.history)}"
        call = ai(tool_calls=[{"name": action.tool, "args": action.args, "id": call_id, "type": "tool_call"}])
        self.history.append([human(question), call,
                             tool_result(history_summary(answer.result, privacy), call_id)])
        self.history = self.history[-HISTORY_TURNS:]
        self.last_result = answer.result

    def _usage(self, answer: Answer, backend: Any, started: float) -> Answer:
        audit = backend.audit
        answer.usage = {"llm_calls": audit.llm_calls if audit else 0,
                        "prompt_tokens": audit.prompt_tokens if audit else 0,
                        "completion_tokens": audit.completion_tokens if audit else 0,
                        "seconds": round(time.perf_counter() - started, 3)}
        return answer


def _refresh_planner(backend: Any, ws: Any) -> None:
    """An offline planner (alone, or inside hybrid) indexed the tables once: after a cleaning, a
    synthetic table or an undo it indexes them again, so it reads and can name the current ones."""
    model = backend.model
    planner = getattr(getattr(model, "offline", None) or model, "planner", None)
    if planner is not None and hasattr(planner, "refresh"):
        planner.refresh(ws)


def history_summary(result: Any, privacy: str) -> str:
    """What the planner is told about a past result: schema mode gives only names and counts."""
    if result is None:
        return ""
    if privacy == "schema":
        data = result.to_json()
        shape = {k: v for k, v in data.items() if k in ("kind", "columns", "row_count", "table", "target", "task")}
        return str(shape)
    from dsagent.llm.prompting import outgoing

    return outgoing(result.summary(), privacy)


def _reads_as_words(text: str, typed: Answer) -> bool:
    """A typed 'statement' that failed to parse and reads like prose (a request starting with an SQL word)."""
    if typed.error is None or not typed.error["message"].lower().startswith("syntax error"):
        return False
    words = re.findall(r"[A-Za-z]+", text)
    prose = {"the", "all", "from", "of", "and", "that", "with", "for", "each", "every", "except", "only", "table",
             "columns", "column", "rows", "values", "me", "show", "which", "where", "in", "to", "by", "is", "are"}
    return len(words) >= 5 and sum(w.lower() in prose for w in words) >= 3 and not re.search(r"[=<>(]", text)


def _prompt_findings(findings: list) -> list:
    """Findings about what was masked in prompts, once each; a masked prompt is fixed, so at most a warn."""
    out, seen = [], set()
    for f in findings:
        key = (f.id, f.message)
        if key in seen:
            continue
        seen.add(key)
        if f.severity == "block":  # the values were masked and never sent: nothing is withheld from the person
            f = f.model_copy(update={"severity": "warn"})
        out.append(f)
    return out
