"""Every model call ends by its deadline, and a reply that is not a chat completion is one clear error.

A read timeout alone does not bound a call: a server that sends one byte every 2 s never lets a read
wait 10 s, and was still "answering" at 150 s under `--timeout 10`. Two layers bound it now:

- `call_with_deadline(fn, seconds, ...)` runs the call in a worker thread and stops waiting at the
  deadline (Ctrl-C stops waiting at once): the caller gets one line, whatever the client is doing.
- `http_client(seconds)` is the openai client's own HTTP client with every network operation
  (connect, TLS, each read and write) clamped to the time left before the same deadline, so the
  worker thread itself stops too, instead of reading a drip forever. It also checks each reply to
  /chat/completions: one that is not a JSON object with a `choices` list (an HTML login page, an
  empty body, invalid JSON) becomes a 502 with the reason in `BAD_REPLY_HEADER`, which
  `providers.explain_provider_error` turns into one line. Without this the client raised
  JSONDecodeError, TypeError or ValueError from deep inside langchain-openai.

The openai package ships its HTTP stack as a module of its own choosing (httpx, or a fork of it), so
this module reaches it through `openai.DefaultHttpxClient` rather than importing httpx itself.
"""

from __future__ import annotations

import importlib
import json
import threading
import time
from typing import Any, Callable

BAD_REPLY_HEADER = "x-dsagent-bad-reply"
# Past the deadline the worker is given this long to report the client's own timeout error (it
# names the server) before the caller stops waiting.
GRACE_S = 0.5

_local = threading.local()  # the deadline of the model call running in this thread


def call_with_deadline(fn: Callable[[], Any], seconds: float | None, on_timeout: Callable[[], BaseException]) -> Any:
    """`fn()` in a worker thread; raises `on_timeout()` when it has not returned within `seconds`."""
    if not seconds or seconds <= 0:
        return fn()
    box: dict[str, Any] = {}
    done = threading.Event()
    deadline = time.monotonic() + seconds

    def target() -> None:
        _local.deadline = deadline
        try:
            box["value"] = fn()
        except BaseException as exc:  # carried to the calling thread
            box["error"] = exc
        finally:
            _local.deadline = None
            done.set()

    threading.Thread(target=target, daemon=True, name="dsagent-model").start()
    if not done.wait(seconds + GRACE_S):
        raise on_timeout()
    if "error" in box:
        raise box["error"]
    return box["value"]


def time_left(default: float | None) -> float | None:
    """The timeout for one network operation: `default`, cut to what is left of this thread's deadline."""
    deadline = getattr(_local, "deadline", None)
    if deadline is None:
        return default
    left = deadline - time.monotonic()
    if left <= 0:
        raise _DeadlinePassed()
    return left if default is None else min(default, left)


class _DeadlinePassed(Exception):
    """Raised inside the HTTP stack; mapped to its own timeout class by `_Stream`/`_Backend`."""


# ------------------------------------------------------------------------------------ the HTTP client
def http_client(seconds: float) -> Any:
    """openai's default HTTP client, with the deadline clamp and the reply check installed."""
    import openai

    client = openai.DefaultHttpxClient(timeout=seconds)
    client._transport = _CheckedTransport(client._transport)  # private attributes of httpx's Client:
    client._mounts = {pattern: _CheckedTransport(t) if t is not None else None  # proxies live in _mounts
                      for pattern, t in getattr(client, "_mounts", {}).items()}
    return client


def _timeouts(pool_owner: Any) -> tuple[type, type, type]:
    """The connect, read and write timeout classes of the HTTP core module the transport uses."""
    root = importlib.import_module(type(pool_owner).__module__.split(".")[0])
    return root.ConnectTimeout, root.ReadTimeout, root.WriteTimeout


class _Stream:
    """A network stream whose every read and write waits at most until the deadline."""

    def __init__(self, inner: Any, errors: tuple[type, type, type]) -> None:
        self._inner = inner
        self._errors = errors

    def _clamp(self, timeout: float | None, error: type) -> float | None:
        try:
            return time_left(timeout)
        except _DeadlinePassed:
            raise error("the model's reply did not finish by its deadline") from None

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clamp(timeout, self._errors[1]))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        return self._inner.write(buffer, self._clamp(timeout, self._errors[2]))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, self._clamp(timeout, self._errors[0])),
                       self._errors)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend:
    """Opens connections within the deadline and hands out clamped streams."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._errors = _timeouts(inner)

    def _clamp(self, timeout: float | None) -> float | None:
        try:
            return time_left(timeout)
        except _DeadlinePassed:
            raise self._errors[0]("the model's reply did not finish by its deadline") from None

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> _Stream:
        return _Stream(self._inner.connect_tcp(host, port, self._clamp(timeout), local_address, socket_options),
                       self._errors)

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> _Stream:
        return _Stream(self._inner.connect_unix_socket(path, self._clamp(timeout), socket_options), self._errors)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _CheckedTransport:
    """Wraps one HTTP transport: clamped network operations, and 2xx chat replies checked."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        pool = getattr(inner, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _Backend):
            pool._network_backend = _Backend(backend)

    def handle_request(self, request: Any) -> Any:
        response = self._inner.handle_request(request)
        if not (200 <= response.status_code < 300 and str(request.url.path).endswith("/chat/completions")):
            return response
        if "event-stream" in response.headers.get("content-type", ""):
            return response  # a streamed reply is read by the client, chunk by chunk
        body = response.read()
        problem = reply_problem(body, response.headers.get("content-type", ""))
        if problem is None:
            return response
        response.close()
        headers = {"content-type": "application/json", "x-should-retry": "false", BAD_REPLY_HEADER: problem}
        error = json.dumps({"error": {"message": f"not a chat completion: {problem}"}}).encode()
        return type(response)(502, headers=headers, content=error, request=request)

    def close(self) -> None:
        self._inner.close()

    def __enter__(self) -> "_CheckedTransport":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def reply_problem(body: bytes, content_type: str) -> str | None:
    """Why a 2xx body is not an OpenAI chat completion, in a few words; None when it is one."""
    text = body.strip()
    if not text:
        return "an empty body"
    if "html" in content_type.lower() or text[:1] == b"<":
        return "an HTML page, not JSON (a proxy or login page?)"
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        return "a body that is not valid JSON"
    if not isinstance(data, dict):
        return "JSON that is not an object"
    if isinstance(data.get("error"), (dict, str)):
        message = data["error"].get("message") if isinstance(data["error"], dict) else data["error"]
        return "an error: " + " ".join(str(message).split())[:160]
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices:
        return "JSON without a 'choices' list"
    if not isinstance(choices[0], dict) or not isinstance(choices[0].get("message"), dict):
        return "a choice without a message"
    return None
