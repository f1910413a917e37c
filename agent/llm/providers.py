"""LLM providers: one registry from a name to a factory of LangChain chat models.

`resolve_backend(settings, ws)` picks the provider (flags > environment > config file > default: the
`openai` provider when a key or base URL is configured, else `offline`), builds its chat model, and
decides the calling style: native tool calls for capable hosted models, one forced structured
action per step for small local ones (see docs/providers.md).
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import urlparse

from dsagent.llm.deadline import BAD_REPLY_HEADER, http_client
from dsagent.config import Settings
from dsagent.errors import ProviderError, UserError
from dsagent.llm.prompting import load_prompt

if TYPE_CHECKING:
    from dsagent.llm.audit import AuditCallback

OPENAI_DEFAULT_MODEL = "gpt-4o-mini"
# --timeout bounds each query and each model call; a whole request (plan, repair, re-plan) ends within
# this many times it, answered or declined, so no question runs for minutes on a slow server.
REQUEST_BUDGET_FACTOR = 2.0
LOCAL_PLACEHOLDER_KEY = "sk-local-no-key-needed"  # local OpenAI-compatible servers accept any key
OFFLINE_NOTICE = "using the offline planner; set OPENAI_API_KEY or --base-url to use a model"


@dataclass
class Backend:
    """A ready chat model plus what the loop needs to know about it."""

    name: str  # the provider's registry name
    model: Any  # a LangChain BaseChatModel
    style: str  # "tools" | "forced"
    remote: bool  # data-derived text in its prompts leaves the planner: privacy screening applies
    model_name: str | None = None
    base_url: str | None = None
    audit: AuditCallback | None = None
    notice: str | None = None  # one line for stderr (never stdout), e.g. the offline fallback
    reads_prompt: bool = True  # False: the planner reads the workspace itself (offline), no card to build
    deadline_s: float | None = None  # a whole model call (every retry, every byte) ends by then
    request_budget_s: float | None = None  # a whole request (every call, every tool) ends by then (loop.py)
    plain_messages: bool = False  # True: the model reads agent/llm/messages.py's Messages, not LangChain's
    candidates: int = 1  # queries compared after a failed one (loop.py); a deterministic planner has one


Factory = Callable[[Settings, Any], Backend]
PROVIDERS: dict[str, Factory] = {}


def provider(name: str) -> Callable[[Factory], Factory]:
    def register(fn: Factory) -> Factory:
        PROVIDERS[name] = fn
        return fn

    return register


def default_provider(settings: Settings) -> str:
    if settings.provider:
        return settings.provider
    return "openai" if (settings.api_key or settings.base_url) else "offline"


def resolve_backend(settings: Settings, ws: Any) -> Backend:
    """Build the configured backend; a person-fixable problem raises UserError/ProviderError."""
    name = default_provider(settings)
    factory = PROVIDERS.get(name)
    if factory is None:
        from difflib import get_close_matches

        close = get_close_matches(name, list(PROVIDERS), n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise UserError(f"unknown provider '{name}'.{hint} Providers: {', '.join(sorted(PROVIDERS))}")
    if settings.style not in (None, "auto", "tools", "forced"):
        raise UserError(f"style must be auto, tools or forced, not '{settings.style}'")
    backend = factory(settings, ws)
    if settings.style in ("tools", "forced"):
        backend.style = settings.style
    if settings.provider is None and name == "offline":
        backend.notice = OFFLINE_NOTICE
    return backend


def is_local_url(url: str | None) -> bool:
    """Loopback or private-network host: a small self-hosted model is likely behind it."""
    if not url:
        return False
    host = urlparse(url).hostname or ""
    if host in ("localhost",) or host.endswith(".local"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private


def _audit(name: str, model: str | None, base_url: str | None) -> AuditCallback:
    from dsagent.llm.audit import AuditCallback  # a LangChain callback: imported only for a model that is logged

    return AuditCallback(name, model, base_url)


# ---------------------------------------------------------------- openai (and any compatible server)
@provider("openai")
def _openai(settings: Settings, ws: Any) -> Backend:
    from langchain_openai import ChatOpenAI

    base_url = settings.base_url
    key = settings.api_key
    if not key:
        if not base_url:
            raise ProviderError("no API key: set OPENAI_API_KEY (or DSAGENT_API_KEY), or --base-url for a local "
                                "server, or use --provider offline")
        key = LOCAL_PLACEHOLDER_KEY
    model_name = settings.model or (OPENAI_DEFAULT_MODEL if not base_url or "api.openai.com" in base_url else "local")
    audit = _audit("openai", model_name, base_url or "https://api.openai.com/v1")
    retries = int(os.environ.get("DSAGENT_LLM_RETRIES", "1"))
    # A bounded reply: one tool call or one query never needs more, and a small model that starts
    # repeating itself would otherwise generate until the context is full (minutes on a CPU).
    max_tokens = int(os.environ.get("DSAGENT_MAX_TOKENS", "700"))
    # langchain-openai sends the cap as max_completion_tokens, which llama-cpp-python's server ignores
    # (a 1.5B model once generated 7,624 tokens, 392 s, for one SQL reply): other servers get max_tokens too.
    hosted = not base_url or "api.openai.com" in base_url
    _check_key(key)
    seconds = float(settings.timeout)
    # Our own HTTP client: every read and write is cut to the call's deadline, and a reply that is
    # not a chat completion (HTML, empty, invalid JSON) is one clear error (agent/llm/deadline.py).
    model = ChatOpenAI(model=model_name, api_key=key, base_url=base_url, temperature=0, max_tokens=max_tokens,
                       timeout=seconds, max_retries=retries, callbacks=[audit],
                       http_client=http_client(seconds),
                       extra_body=None if hosted else {"max_tokens": max_tokens})
    style = "forced" if is_local_url(base_url) else "tools"
    return Backend("openai", model, style, remote=True, model_name=model_name, base_url=base_url, audit=audit,
                   deadline_s=seconds, request_budget_s=REQUEST_BUDGET_FACTOR * seconds,
                   candidates=settings.candidates)


def _check_key(key: str) -> None:
    """An HTTP header carries printable ASCII only: a pasted key with a line break or a non-ASCII
    character would fail deep in the client (as a traceback, or as 'cannot reach')."""
    bad = next((ch for ch in key if not (" " < ch <= "~")), None)
    if bad is not None:
        what = "a line break" if bad in "\r\n" else "a space" if bad.isspace() else f"the character {bad!r}"
        raise ProviderError(f"the API key holds {what}, which an HTTP header cannot carry: check OPENAI_API_KEY "
                            "or DSAGENT_API_KEY (copy the key again, without spaces or line breaks)")


# ---------------------------------------------------------------- llamacpp (in-process GGUF)
@provider("llamacpp")
def _llamacpp(settings: Settings, ws: Any) -> Backend:
    from dsagent.llm.llamacpp import LlamaCppChat, require_llama_cpp

    require_llama_cpp()
    path = settings.model_path
    if not path:
        raise UserError("the llamacpp provider needs --model-path FILE.gguf (or DSAGENT_MODEL_PATH)")
    if not os.path.isfile(path):
        raise UserError(f"{path}: GGUF model file not found")
    audit = _audit("llamacpp", os.path.basename(path), None)
    model = LlamaCppChat(model_path=path, n_threads=settings.threads, callbacks=[audit])
    # In-process: nothing leaves the machine, but the prompts are still logged for audit.
    return Backend("llamacpp", model, "forced", remote=False, model_name=os.path.basename(path), audit=audit,
                   candidates=settings.candidates)


# ---------------------------------------------------------------- offline, hybrid, fake
def _offline_planner(ws: Any):
    from dsagent.offline.chat_model import OfflinePlanner

    return OfflinePlanner.for_workspace(ws)


@provider("offline")
def _offline(settings: Settings, ws: Any) -> Backend:
    # The LangChain-free twin of OfflinePlanner: same calls, without importing LangChain at all (its
    # chat-model base class and message classes cost more than DuckDB's import). See agent/offline/fast.py.
    from dsagent.offline.fast import OfflineFastPlanner

    return Backend("offline", OfflineFastPlanner.for_workspace(ws), "tools", remote=False, model_name="offline",
                   reads_prompt=False, plain_messages=True)


# A chart-first session ("--chart", "/chart on"): the person wants a picture whenever the answer has
# one. The offline planner takes it as a setting (Planner.prefer); a model reads it as one sentence
# after the question, which also makes the forced style offer make_chart (agent/loop.py, its words).
CHART_FIRST_NOTE = load_prompt("chart_first.txt").strip()


def prefer_charts(backend: Backend, on: bool, question: str = "", history: Any = ()) -> str:
    """Turn chart-first on or off for `backend`; returns the note to send after `question` ('' for none).

    The offline planner draws a chartable answer (a measure by one or two groups, one column's
    values) and keeps the table otherwise. Hybrid does the same offline; its model reads the note,
    which hybrid sends only when the offline planner will not answer with a table on its own: the
    note's word "chart" makes the forced style offer make_chart alone, which would refuse that table.
    """
    model = backend.model
    offline = getattr(model, "offline", None)  # hybrid: the offline planner inside
    planner = getattr(offline if offline is not None else model, "planner", None)
    if planner is not None and hasattr(planner, "prefer"):
        planner.prefer = "chart" if on else None
    if offline is not None and hasattr(model, "note"):  # hybrid: its model reads the note, offline drops it
        model.note = CHART_FIRST_NOTE if on else ""
        plan = offline.parse(question, history) if on and question else None
        if plan is not None and plan.confident and plan.intent != "chart":
            return ""  # a confident table ("how many passengers"): answered offline, in any style
    elif planner is not None:  # the offline planner reads no prose
        return ""
    return CHART_FIRST_NOTE if on else ""


@provider("hybrid")
def _hybrid(settings: Settings, ws: Any) -> Backend:
    from dsagent.llm.hybrid import HybridPlanner

    inner = _openai(settings, ws)
    # No tables (a question about literals or settings over an empty database): nothing for the offline
    # planner to read, and the model alone answers, as with `openai`.
    offline = _offline_planner(ws) if getattr(ws, "tables", None) else None
    model = HybridPlanner(offline=offline, remote=inner.model)
    return Backend("hybrid", model, inner.style, remote=True, model_name=inner.model_name,
                   base_url=inner.base_url, audit=inner.audit, deadline_s=inner.deadline_s,
                   request_budget_s=inner.request_budget_s, candidates=inner.candidates)


@provider("fake")
def _fake(settings: Settings, ws: Any) -> Backend:
    """Scripted replies from the JSON file in $DSAGENT_FAKE_SCRIPT (for CLI tests).

    The file holds a list of replies, in order, or an object from question to such a list.
    A reply is {"tool": name, "args": {...}} or {"text": "prose"}.
    """
    import json

    from dsagent.llm.fake import FakeChatModel, call, prose

    path = os.environ.get("DSAGENT_FAKE_SCRIPT")
    if not path:
        raise UserError("the fake provider needs DSAGENT_FAKE_SCRIPT=replies.json (it exists for tests)")
    script = json.loads(open(path, encoding="utf-8").read())

    def reply(item: dict) -> Any:
        return call(item["tool"], **item.get("args", {})) if "tool" in item else prose(item.get("text", ""))

    if isinstance(script, dict):
        by_question = {q: [reply(i) for i in items] for q, items in script.items()}
        served: dict[str, int] = {}

        def pick(messages: list, kwargs: dict) -> Any:
            question = next(m.content for m in reversed(messages) if m.type == "human")
            n = served.get(question, 0)
            served[question] = n + 1
            options = by_question.get(question) or [prose("no scripted reply")]
            return options[min(n, len(options) - 1)]

        replies: list[Any] = [pick]
        cycle = True
    else:
        replies, cycle = [reply(i) for i in script], False
    audit = _audit("fake", "fake", None)
    model = FakeChatModel(replies=replies, cycle=cycle, callbacks=[audit])
    return Backend("fake", model, "tools", remote=True, model_name="fake", audit=audit)


# ---------------------------------------------------------------- errors a person must fix
def explain_provider_error(exc: BaseException, backend: Backend) -> ProviderError | None:
    """One clear line for an exception of the model client, or None when it is not one we know."""
    import openai

    where = backend.base_url or "api.openai.com"
    while not isinstance(exc, openai.OpenAIError) and exc.__cause__ is not None:
        exc = exc.__cause__  # langchain-openai wraps some client errors in its own class
    if isinstance(exc, openai.AuthenticationError):
        return ProviderError(f"the API key was refused by {where} (401): check OPENAI_API_KEY or DSAGENT_API_KEY")
    if isinstance(exc, openai.PermissionDeniedError):
        return ProviderError(f"{where} refused access (403): check the key's permissions for model '{backend.model_name}'")
    if isinstance(exc, openai.NotFoundError):
        return ProviderError(f"model '{backend.model_name}' not found at {where}: set --model or DSAGENT_MODEL "
                             "(or check --base-url ends in /v1)")
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(f"{where} did not answer in time: check the server, or raise --timeout")
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(f"cannot reach {where}: start the server or fix --base-url / DSAGENT_BASE_URL, "
                             "or use --provider offline")
    if isinstance(exc, openai.RateLimitError):
        return ProviderError(f"{where} rate limit or quota exceeded (429): wait, or check the account's quota")
    response = getattr(exc, "response", None)
    bad_reply = response.headers.get(BAD_REPLY_HEADER) if response is not None else None
    if bad_reply:
        return ProviderError(f"{where} did not answer like an OpenAI-compatible server (it sent {bad_reply}): "
                             "check --base-url (it should end in /v1) and the server")
    if isinstance(exc, openai.InternalServerError):
        first = " ".join(str(getattr(exc, "message", exc)).split())[:200]
        return ProviderError(f"{where} failed with a server error ({first}): check the server's log")
    return None  # a bad request is ours: raised as a bug


def deadline_error(backend: Backend) -> ProviderError:
    """The one line for a model call that did not finish within its deadline."""
    where = backend.base_url or "api.openai.com"
    return ProviderError(f"{where} did not finish its reply within the {backend.deadline_s:g} s time limit "
                         "(a slow or stuck server): check the server, or raise --timeout")
