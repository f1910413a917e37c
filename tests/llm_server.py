"""A small misbehaving OpenAI-compatible server on 127.0.0.1, for the provider fault tests.

`serve(mode)` starts it in a thread and yields its base URL; every POST gets the reply of `mode`:
  ok          200, a valid chat completion whose content is `SELECT 1`, at once
  drip        200, a valid-looking JSON reply sent one byte every DRIP_S seconds (never a read timeout)
  drip_head   the status line and headers themselves one byte every DRIP_S seconds
  silent      accepts the request and sends nothing
  invalid     200, application/json, a body that is not JSON
  empty       200, application/json, an empty body
  nochoices   200, a JSON object without `choices`
  html        200, text/html, a login page (a proxy or captive portal)
  html500     502, text/html, a proxy's error page
Every loop is bounded: a handler stops after MAX_S seconds, and the server stops when the block ends.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

DRIP_S = 2.0
MAX_S = 60.0

_REPLY = json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": "m",
                     "choices": [{"index": 0, "finish_reason": "stop",
                                  "message": {"role": "assistant", "content": "SELECT 1"}}]}).encode()
_HTML = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>login</form></body></html>"


class _Handler(BaseHTTPRequestHandler):
    mode = "drip"
    stop: threading.Event

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        mode = self.mode
        try:
            if mode == "ok":
                self._body(200, "application/json", _REPLY)
            elif mode == "drip":
                self._head(200, "application/json", len(_REPLY))
                self._drip(_REPLY)
            elif mode == "drip_head":
                head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(_REPLY)}\r\n\r\n"
                        .encode())
                self._drip(head + _REPLY)
            elif mode == "silent":
                self.stop.wait(MAX_S)
            elif mode == "invalid":
                self._body(200, "application/json", b'{"choices": [ this is not json')
            elif mode == "empty":
                self._body(200, "application/json", b"")
            elif mode == "nochoices":
                self._body(200, "application/json", json.dumps({"id": "x", "object": "chat.completion"}).encode())
            elif mode == "html":
                self._body(200, "text/html; charset=utf-8", _HTML)
            elif mode == "html500":
                self._body(502, "text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>")
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the client gave up: that is what the test wants

    def _head(self, status: int, kind: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.flush()

    def _body(self, status: int, kind: str, body: bytes) -> None:
        self._head(status, kind, len(body))
        self.wfile.write(body)
        self.wfile.flush()

    def _drip(self, data: bytes) -> None:
        started = time.monotonic()
        for i in range(len(data)):
            if self.stop.is_set() or time.monotonic() - started > MAX_S:
                return
            self.wfile.write(data[i:i + 1])
            self.wfile.flush()
            self.stop.wait(DRIP_S)


@contextlib.contextmanager
def serve(mode: str) -> Iterator[str]:
    """Run the server in `mode` on a free loopback port; yields its /v1 base URL."""
    stop = threading.Event()
    handler = type("Handler", (_Handler,), {"mode": mode, "stop": stop})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
