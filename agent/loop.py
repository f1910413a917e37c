"""The agent loop: the planner picks a tool call, the tool runs, errors go back to the planner.

Bounded: at most MAX_STEPS model calls and MAX_REPAIRS failed calls per request. A successful tool
result ends the request (the schema card is already in the prompt, so even `describe_schema` is an
answer the person asked for, not a step the planner needs). Two calling styles:

- "tools": every tool is bound natively (tool_choice auto) plus a `respond` tool;
- "forced": a single `act` function {tool, arguments, text} is forced with tool_choice, which small
  local models follow far more reliably (see shared/llm/README.md).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from dsagent.errors import (CannotAnswer, EngineConnectionError, ModelError, ProviderError, QueryTimeout,
                            QueryTooLarge, UserError)
from dsagent.llm.messages import ai, for_model, human, system, tool_result
from dsagent.llm.prompting import outgoing, render
from dsagent.sql.typed import looks_like_sql
from dsagent.sql.tidy import tidy_model_sql
from dsagent.words.charts import asks_for_chart

MAX_STEPS = 8
MAX_REPAIRS = 3
MIN_CALL_SECONDS = 2.0  # less than this left of a request's budget: no new model call is started
RETRY_TEMPERATURE = 0.7  # after the model repeats a failing call word for word, it is sampled instead
_ENTITIES = (("&#34;", '"'), ("&quot;", '"'), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"),
             ("&amp;", "&"))


@dataclass
class Action:
    tool: str
    args: dict[str, Any]
    call_id: str
    text: str = ""


@dataclass
class Outcome:
    """What one request produced: the final result (or None), the last call, and the record."""

    result: Any = None
    call: Action | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)

    def answered(self, result: Any, call: Action | None) -> Outcome:
        self.result, self.call = result, call
        return self


def unescape(value: Any) -> Any:
    """Undo the HTML entities some servers put into generated text (llama-cpp-python's known defect)."""
    if isinstance(value, str):
        for _ in range(3):  # a model that copies escaped text escapes it again: &amp;#39; is a quote too
            before = value
            for entity, char in _ENTITIES:
                value = value.replace(entity, char)
            if value == before:
                break
        return value
    if isinstance(value, dict):
        return {k: unescape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unescape(v) for v in value]
    return value


# ---------------------------------------------------------------- what the model is offered
def tool_specs(tools: dict, style: str) -> tuple[list[dict], Any]:
    """OpenAI-format function specs and the tool_choice for `style`."""
    if style == "forced":
        spec = {"type": "function", "function": {
            "name": "act", "description": "Take one step: call a tool with its arguments, or respond with text.",
            "parameters": {"type": "object", "properties": {
                "tool": {"type": "string", "enum": [*tools, "respond"]},
                "arguments": {"type": "object"},
                "text": {"type": "string"}},
                "required": ["tool", "arguments"]}}}
        return [spec], {"type": "function", "function": {"name": "act"}}
    specs = [{"type": "function", "function": {"name": t.name, "description": t.description,
                                               "parameters": _clean_schema(t.json_schema())}} for t in tools.values()]
    specs.append({"type": "function", "function": {
        "name": "respond", "description": "Ask a short clarifying question, or say the request cannot be done.",
        "parameters": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}})
    return specs, "auto"


def _clean_schema(schema: dict) -> dict:
    """Pydantic's schema without titles (fewer tokens, same meaning)."""
    if isinstance(schema, dict):
        return {k: _clean_schema(v) for k, v in schema.items() if k != "title"}
    if isinstance(schema, list):
        return [_clean_schema(v) for v in schema]
    return schema


# Keywords (EN/ES) that make a tool worth offering to a small model; run_sql is always offered.
_TOOL_WORDS = {
    "describe_schema": (r"\bschema|describ|what (columns|tables|fields)|which (columns|tables|fields)|list (the |all )?"
                        r"(columns|tables)|qu[eé] (columnas|tablas|campos)|esquema"),
    "profile_data": (r"data[- ]quality|missing values|duplicat|outlier|profil|calidad de (los )?datos|faltant|"
                     r"duplicad|atípic|perfil"),
    "train_model": r"predict|model|classif|regress|forecast|train|predec|predic|modelo|clasific|regresi|entrena",
    "clean_data": r"clean|fix|dedup|normali|impute|limpi|arregl|corrig|imput",
    "synthesize": r"synthetic|generate .*rows|fake rows|augment|balance|sintétic|sintetic|genera.*filas|aument|balance",
    "generative_guide": r"generative|gan\b|vae\b|diffusion|copula|generativ|difusi|cópula",
}


def offered_tools(tools: dict, question: str, style: str) -> dict:
    """All tools natively; for forced style only run_sql and the ones the question's words point to."""
    if style != "forced":
        return tools
    keep = {n: tools[n] for n in tools
            if n == "run_sql" or (n == "make_chart" and asks_for_chart(question))
            or (n in _TOOL_WORDS and re.search(_TOOL_WORDS[n], question, re.I))}
    return keep or tools


def system_prompt(tools: dict, style: str, schema: str, question: str = "") -> str:
    from dsagent.llm.prompting import tool_signatures

    if style == "sql":  # only run_sql fits: ask for the query itself, with the DuckDB know-how it may need
        from dsagent.sql.prompt_hints import hints_for

        return render("system_sql.txt", schema=schema, hints=hints_for(question))
    if style == "chart":  # a chart request: the chart guidance and the table
        from dsagent.tools.chart.tool import chart_prompt

        return chart_prompt().format(schema=schema)
    if style == "forced":  # the tools' descriptions travel in the prompt; natively they travel as specs
        return render("system_forced.txt", tools=tool_signatures(tools), schema=schema)
    return render("system_tools.txt", schema=schema)


def as_style(messages: list[Any], style: str) -> list[Any]:
    """History messages (native tool calls) in the shape the current style expects.

    Forced style: past calls become assistant text (`act {...}`) and tool results user turns. Some
    servers' function-calling templates drop tool messages (llama-cpp-python's chatml-function-calling
    does) and refuse an assistant message whose content is empty, so plain turns are what every
    server renders.
    """
    if style not in ("forced", "sql", "chart"):
        return list(messages)
    out: list[Any] = []
    for m in messages:
        if m.type == "ai" and m.tool_calls:
            out.append(ai(" ".join(_act_text(tc) for tc in m.tool_calls)))
        elif m.type == "tool":
            out.append(human(f"Result: {m.content}"))
        else:
            out.append(m)
    return out


def _act_text(tc: dict) -> str:
    if tc["name"] == "act":
        args = tc["args"]
    elif tc["name"] == "respond":
        args = {"tool": "respond", "arguments": {}, "text": tc["args"].get("text", "")}
    else:
        args = {"tool": tc["name"], "arguments": tc["args"]}
    return "act " + json.dumps(args, ensure_ascii=False)


# ---------------------------------------------------------------- reading the model's reply
_SQL_BLOCK = re.compile(r"```(?:sql|duckdb)?\s*(.+?)```", re.S | re.I)
_SQL_START = re.compile(r"^\s*(SELECT|WITH)\b", re.I)


def parse_action(reply: Any, tools: dict) -> Action:
    """The one action in `reply`; ModelError (fed back) when there is none or it is malformed."""
    calls = reply.tool_calls or []
    if not calls:
        bad = getattr(reply, "invalid_tool_calls", None) or []
        if bad:
            raise ModelError(f"The arguments of {bad[0].get('name')} were not valid JSON: {bad[0].get('error') or ''}".strip())
        text = unescape(reply.content if isinstance(reply.content, str) else str(reply.content))
        sql = _sql_in_prose(text)
        if sql and "run_sql" in tools:  # small models often write the query as markdown
            return Action("run_sql", {"sql": sql}, "prose_sql")
        raise ModelError("Reply with one DuckDB SELECT query, or one tool call (for example run_sql), not in prose.")
    tc = calls[0]
    name, args, call_id = tc["name"], unescape(tc.get("args") or {}), tc.get("id") or "call"
    if name == "act":
        name = str(args.get("tool") or "").strip()
        arguments = args.get("arguments")
        if isinstance(arguments, str):
            try:
                arguments = json.loads(arguments) if arguments.strip() else {}
            except json.JSONDecodeError:
                arguments = {"sql": arguments} if _is_sql(arguments) else {}
        arguments = dict(arguments or {})
        for key, value in args.items():  # tolerate arguments put beside `tool` instead of inside
            if key not in ("tool", "arguments", "text") and key not in arguments:
                arguments[key] = value
        if name == "respond":
            return Action("respond", {"text": args.get("text") or arguments.get("text") or ""}, call_id,
                          text=args.get("text") or arguments.get("text") or "")
        args = arguments
    if name == "respond":
        return Action("respond", args, call_id, text=str(args.get("text") or ""))
    if name not in tools:
        from difflib import get_close_matches

        close = get_close_matches(name, list(tools), n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise ModelError(f"Unknown tool '{name}'.{hint} Tools: {', '.join(tools)}, respond.")
    return Action(name, args, call_id)


def _is_sql(text: str) -> bool:
    """A reply that is a statement: a SELECT, or any other statement the guard answers (SUMMARIZE,
    EXPLAIN, SHOW TABLES are run; SET or DROP are refused with a reason the model can act on)."""
    return bool(_SQL_START.match(text)) or looks_like_sql(text)


def _sql_in_prose(text: str) -> str | None:
    block = _SQL_BLOCK.search(text)
    candidate = block.group(1).strip() if block else text.strip()
    return candidate if _is_sql(candidate) else None


def validation_message(tool: str, exc: ValidationError) -> str:
    """A pydantic error on a tool's arguments as one line the caller can act on."""
    parts = []
    for err in exc.errors()[:4]:
        where = ".".join(str(x) for x in err.get("loc", ())) or "arguments"
        parts.append(f"{where}: {err.get('msg')}")
    return f"Invalid arguments for {tool}: " + "; ".join(parts)


# ---------------------------------------------------------------- one request
def run_request(backend: Any, ws: Any, ctx: Any, question: str, history: list[Any], schema: str,
                tools: dict, max_steps: int | None = None, max_repairs: int | None = None) -> Outcome:
    """Plan and run tools until one succeeds; raises CannotAnswer with the reason when bounds are hit.

    One loop over bounded steps, longer than most functions here: its state (repairs, the answer
    that stands, sampling, the vote) is read by every branch, so the branches stay together and the
    work of each is in the helpers below."""
    max_steps = MAX_STEPS if max_steps is None else max_steps
    max_repairs = MAX_REPAIRS if max_repairs is None else max_repairs
    style, tools, bound = bind_model(backend, offered_tools(tools, question, backend.style))
    asked, start = _opening(backend, question, history, schema, tools, style)
    messages: list[Any] = [*start, human(asked)]
    # A LangChain chat model gets LangChain's messages; the offline planner reads these as they are.
    send = (lambda ms: ms) if getattr(backend, "plain_messages", False) else for_model
    out = Outcome()
    repairs = 0
    # an executed answer the model was asked to check (no rows, or a shape that does not fit the
    # question): it stands if the model gives up or its next attempts fail
    fallback: tuple[Any, Action] | None = None
    shape_checked = getattr(backend, "plain_messages", False)  # the offline planner's SQL fits by construction
    last_error = ""
    failed_calls: set[str] = set()
    sampling = False
    budget = getattr(backend, "request_budget_s", None)
    ends = time.monotonic() + budget if budget else None
    # Candidate selection on failure (agent/llm/consensus.py): after the first failed or empty query,
    # the repair call is joined by sampled ones from the same conversation, and the result most of
    # them agree on is the answer.
    candidates = getattr(backend, "candidates", 1)
    vote_from: list[Any] | None = None  # the repair conversation the candidates are sampled from
    voted = False
    for _ in range(max_steps):
        left = None if ends is None else ends - time.monotonic()
        if left is not None and left < MIN_CALL_SECONDS:  # the whole request's budget is spent
            if fallback is not None:  # an executed answer stands when the budget is spent
                return out.answered(*fallback)
            raise _over_budget(out.steps, budget, last_error)
        reply = _call_model(backend, lambda: bound.invoke(send(messages)), left,
                            lambda: _over_budget(out.steps, budget, last_error))
        try:
            action = parse_action(reply, tools)
        except ModelError as exc:
            last_error = exc.message
            out.steps.append({"tool": None, "args": {}, "sql": None, "error": last_error, "seconds": 0.0})
            repairs += 1
            if repairs > max_repairs:
                break
            messages += _feedback(reply, last_error, ctx, style)
            continue
        if action.tool == "run_sql" and isinstance(action.args.get("sql"), str):
            action.args["sql"] = tidy_model_sql(action.args["sql"])
        if action.tool == "respond":
            out.steps.append({"tool": "respond", "args": action.args, "sql": None, "error": None, "seconds": 0.0})
            # the model gave up after a note: the answer it was asked to check stands
            return out.answered(*fallback) if fallback is not None else out.answered(_text_answer(action), action)
        result, error = _recorded_run(tools[action.tool], ws, action, ctx, out.steps)
        nothing = _nothing_kind(result) if error is None else ""
        if vote_from is not None:  # this was the repair call: sample the others and count their answers
            pool = [(result, action)] if error is None and not nothing else []
            pool += _sampled_candidates(backend, bound, send, vote_from, candidates - 1, tools, ws, ctx, out.steps,
                                        ends)
            vote_from = None
            if pool:
                return out.answered(*_agreed(pool))
        if error is None and fallback is None and repairs < max_repairs:
            kind, note = _answer_note(ws, ctx, result, action, question, nothing, shape_checked)
            shape_checked = shape_checked or action.tool == "run_sql"  # one shape note a request at most
            if note:  # the answer may be right: say what looks wrong once and let the model check
                fallback = (result, action)
                messages += _feedback(reply, note, ctx, style)
                if kind == "empty" and candidates > 1 and not voted and action.tool == "run_sql":
                    vote_from, voted = list(messages), True
                continue
        if error is None:
            return out.answered(result, action)
        last_error = error
        repairs += 1
        signature = json.dumps([action.tool, action.args], sort_keys=True, default=str)
        repeated = signature in failed_calls
        if repairs > max_repairs or (repeated and sampling):
            break  # out of repairs, or the same failing call even when sampled: more tries would repeat it
        failed_calls.add(signature)
        if repeated:
            # Greedy decoding with the failed call in view sends it again: start over without it,
            # sampled, with what went wrong as a note to the question.
            sampling = True
            bound = bound.bind(temperature=RETRY_TEMPERATURE)
            note = outgoing(render("retry.txt", error=error).strip(), ctx.privacy)
            messages = [*start, human(f"{asked}\n\n{note}")]
            continue
        messages += _feedback(reply, _repair_note(backend, style, error), ctx, style)
        if candidates > 1 and not voted and action.tool == "run_sql":
            vote_from, voted = list(messages), True
    if fallback is not None:
        return out.answered(*fallback)
    raise _gave_up(out.steps, repairs, max_repairs, max_steps, last_error)


def _recorded_run(tool: Any, ws: Any, action: Action, ctx: Any, steps: list[dict]) -> tuple[Any, str | None]:
    """run_tool, with the step added to the request's record."""
    result, error, seconds = run_tool(tool, ws, action.args, ctx)
    steps.append({"tool": action.tool, "args": action.args,
                  "sql": getattr(result, "sql", None) or action.args.get("sql"), "error": error, "seconds": seconds})
    return result, error


def _text_answer(action: Action) -> Any:
    from dsagent.tools.base import TextResult

    return TextResult(text=action.text or "I could not work out what to do.")


def _opening(backend: Any, question: str, history: list[Any], schema: str, tools: dict,
             style: str) -> tuple[str, list[Any]]:
    """(the question as sent, the system prompt and history before it); a key pasted into a
    question or an earlier turn never leaves the machine for a remote model (E4)."""
    if backend.remote:
        history = [human(_without_secrets(m.content)) if m.type == "human" else m for m in history]
    asked = _without_secrets(question) if backend.remote else question
    return asked, [system(system_prompt(tools, style, schema, question)), *as_style(history, style)]


def _call_model(backend: Any, invoke: Any, left: float | None, over_budget: Any) -> Any:
    """One model call within the backend's deadline and what is left of the request's budget;
    client errors a person must fix become one line (ProviderError), others re-raise."""
    from dsagent.llm.deadline import call_with_deadline
    from dsagent.llm.providers import deadline_error, explain_provider_error

    limits = [t for t in (getattr(backend, "deadline_s", None), left) if t]
    call_limit = min(limits) if limits else None
    cut_by_budget = left is not None and call_limit == left
    try:
        return call_with_deadline(invoke, call_limit, over_budget if cut_by_budget else lambda: deadline_error(backend))
    except (ProviderError, CannotAnswer):
        raise
    except Exception as exc:  # noqa: BLE001 - client errors a person must fix become one line; others re-raise
        mapped = explain_provider_error(exc, backend)
        if mapped is None:
            raise
        raise mapped from None


def _answer_note(ws: Any, ctx: Any, result: Any, action: Action, question: str, nothing: str,
                 shape_checked: bool) -> tuple[str, str]:
    """(kind, text) of the note an executed answer gets before it stands, or ("", ""): no rows or
    only NULLs after a filter ("empty"), or a shape that does not fit the question ("shape",
    agent/sql/shape.py)."""
    from dsagent.sql.empty import filters_rows

    if nothing:
        if not filters_rows(getattr(result, "query", None)):
            return "", ""
        # both notes start "The query ran but returned no rows": the offline planner reads that
        # prefix as this note, not as an error (agent/offline/planner.py _is_error)
        note = "empty_result.txt" if nothing == "empty" else "null_result.txt"
        return "empty", render(note, why=_why_empty(ws, result, ctx)).strip()
    if shape_checked or action.tool != "run_sql":
        return "", ""
    from dsagent.sql.shape import shape_note

    found = shape_note(ws, getattr(result, "query", None) or "", question, getattr(result, "row_count", 0))
    return ("shape", render(found.template, **found.values).strip()) if found else ("", "")


def _sampled_candidates(backend: Any, bound: Any, send: Any, messages: list[Any], count: int, tools: dict, ws: Any,
                        ctx: Any, steps: list[dict], ends: float | None) -> list[tuple[Any, Action]]:
    """Up to `count` sampled queries from the repair conversation, each guarded and run; the ones
    that returned rows. Bounded by the request's budget; a sample that fails to arrive ends the
    sampling (the repair call's own answer still stands), and one query is run once however often
    it is sampled."""
    from dsagent.llm.deadline import call_with_deadline
    from dsagent.llm.providers import explain_provider_error

    sampler = bound.bind(temperature=RETRY_TEMPERATURE)
    ran: dict[str, tuple[Any, str | None]] = {}
    found: list[tuple[Any, Action]] = []
    for _ in range(count):
        left = None if ends is None else ends - time.monotonic()
        if left is not None and left < MIN_CALL_SECONDS:
            break
        limits = [t for t in (getattr(backend, "deadline_s", None), left) if t]
        try:
            reply = call_with_deadline(lambda: sampler.invoke(send(messages)), min(limits) if limits else None,
                                       lambda: CannotAnswer("a sampled candidate took too long"))
        except (ProviderError, CannotAnswer):
            break
        except Exception as exc:  # noqa: BLE001 - a server error ends the sampling, as it would the loop
            if explain_provider_error(exc, backend) is None:
                raise
            break
        try:
            action = parse_action(reply, tools)
        except ModelError:  # a garbled sample is no candidate; the next may be one
            continue
        if action.tool != "run_sql" or not isinstance(action.args.get("sql"), str):
            continue
        action.args["sql"] = tidy_model_sql(action.args["sql"])
        sql = action.args["sql"]
        if sql not in ran:
            result, error, seconds = run_tool(tools["run_sql"], ws, action.args, ctx)
            ran[sql] = (result, error)
            steps.append({"tool": "run_sql", "args": action.args, "sql": getattr(result, "sql", None) or sql,
                          "error": error, "seconds": seconds, "candidate": "sampled"})
        result, error = ran[sql]
        if error is None and not _nothing_kind(result):
            found.append((result, action))
    return found


def _agreed(pool: list[tuple[Any, Action]]) -> tuple[Any, Action]:
    """The candidate whose rows most candidates returned (the repair call's on a tie)."""
    from dsagent.llm.consensus import pick, signature

    return pool[pick([signature(r.columns, r.rows) for r, _ in pool])]


def bind_model(backend: Any, tools: dict) -> tuple[str, dict, Any]:
    """(style, tools, the chat model bound to them) for the tools offered to one request."""
    style = backend.style
    if style == "forced" and list(tools) == ["run_sql"]:
        # Nothing but SQL fits the question: a small model writes plain SQL more reliably than SQL
        # wrapped in a JSON action.
        return "sql", tools, backend.model
    if style == "forced" and set(tools) == {"run_sql", "make_chart"}:
        # A chart request: the compact chart schema forced as the one function, with the chart
        # guidance, as measured by bench/bench_charts.py (docs/charts.md).
        from dsagent.tools.chart.tool import chart_tool_schema

        bound = backend.model.bind_tools([chart_tool_schema()],
                                         tool_choice={"type": "function", "function": {"name": "make_chart"}})
        return "chart", {"make_chart": tools["make_chart"]}, bound
    if not getattr(backend.model, "binds_tools", True):  # the offline planner knows the tools: no schemas to build
        return style, tools, backend.model
    specs, choice = tool_specs(tools, style)
    return style, tools, backend.model.bind_tools(specs, tool_choice=choice)


def _gave_up(steps: list[dict], repairs: int, max_repairs: int, max_steps: int, last_error: str) -> CannotAnswer:
    """Why the loop stopped without a result, with the record of what was tried."""
    if repairs > max_repairs:
        reason = f"stopped after {repairs} failed attempts"
    elif repairs and len(steps) < max_steps:
        reason = f"stopped after {repairs} failed attempts: the model repeated a failing call"
    else:
        reason = f"stopped after {max_steps} steps"
    failure = CannotAnswer(f"{reason}; last error: {last_error}" if last_error else reason)
    failure.steps = steps  # the record of what was tried goes into the answer
    return failure


def _over_budget(steps: list[dict], budget: float, last_error: str) -> CannotAnswer:
    """The request's whole time budget (every model call and tool) is spent without an answer."""
    reason = f"no answer within the request's {budget:g} s budget (raise it with --timeout)"
    failure = CannotAnswer(f"{reason}; last error: {last_error}" if last_error else reason)
    failure.steps = steps
    return failure


def _without_secrets(text: str) -> str:
    """The person's own words with keys and tokens masked (their other words are theirs to send)."""
    from dsagent.ethics.privacy import mask_secrets, scan_secrets

    found = scan_secrets(text)
    if not found:
        return text
    from dsagent.ethics.finding import Finding
    from dsagent.llm.prompting import screen_findings
    from dsagent.words.language import say

    sink = screen_findings.get()
    if sink is not None:
        sink.append(Finding(id="E4", severity="block", source="llm-guard Secrets",
                            message=say("ethics", "E4_question", n=len(found)), statistic="secret patterns found",
                            value=float(len(found)), threshold=0.0, fix=say("ethics", "E4_question_fix")))
    return mask_secrets(text)


def _why_empty(ws: Any, result: Any, ctx: Any) -> str:
    """Which text filters match nothing, with the values that exist (never in privacy mode schema)."""
    if ctx.privacy == "schema" or not getattr(result, "query", None):
        return ""
    from dsagent.sql.empty import explain_empty

    why = explain_empty(ws, result.query, list(getattr(result, "tables", []) or []))
    return f"{why} " if why else ""


def _is_empty(result: Any) -> bool:
    return getattr(result, "kind", "") == "table" and getattr(result, "row_count", 1) == 0


def _nothing_kind(result: Any) -> str:
    """'empty' (no rows), 'null' (rows of NULLs only: `avg(x)` over rows a filter removed) or ''."""
    if _is_empty(result):
        return "empty"
    if getattr(result, "kind", "") == "table":
        from dsagent.sql.after import is_all_null

        return "null" if is_all_null(result) else ""
    return ""


def _repair_note(backend: Any, style: str, error: str) -> str:
    """What a failed call is answered with. A planner that reads no prompt (offline) gets the error
    alone: it does not rewrite calls, and it shows what it is given to the person, who should read
    the error, not instructions written for a model ("Fix the call: ...")."""
    if not getattr(backend, "reads_prompt", True):
        return error
    return render("repair_sql.txt" if style == "sql" else "repair.txt", error=error).strip()


def _feedback(reply: Any, text: str, ctx: Any, style: str) -> list[Any]:
    """The model's reply plus a message about what went wrong, screened for privacy."""
    safe = outgoing(text, ctx.privacy)
    if not reply.tool_calls:
        return [reply, human(safe)]
    if style in ("forced", "chart"):  # plain turns, see as_style
        return [ai(" ".join(_act_text(tc) for tc in reply.tool_calls)), human(safe)]
    return [reply, *[tool_result(safe, tc.get("id") or "call") for tc in reply.tool_calls]]


def run_tool(tool: Any, ws: Any, args: dict, ctx: Any) -> tuple[Any, str | None, float]:
    """Run one tool; errors the model can fix come back as text, everything else is raised."""
    import duckdb

    started = time.perf_counter()
    result, error = None, None
    try:
        result = tool.run(ws, args, ctx)
    except ValidationError as exc:
        error = validation_message(tool.name, exc)
    except EngineConnectionError:  # the database went away: the person's to fix, not the model's
        raise
    except (ModelError, UserError) as exc:  # a tool's UserError (unknown table ...) is the model's to fix here
        error = exc.message
    except QueryTimeout as exc:
        error = f"The query was stopped by the time limit ({exc.message}). Write a simpler or more selective query."
    except QueryTooLarge as exc:
        error = f"The query was stopped by the memory limit ({exc.message}). Build smaller values or fewer rows."
    except duckdb.Error as exc:
        error = f"DuckDB error: {str(exc).strip()}"
    except NotImplementedError:
        error = f"The tool {tool.name} is not available in this version; use another tool."
    return result, error, round(time.perf_counter() - started, 4)
