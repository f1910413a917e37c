"""A model server that drips, stalls or answers garbage: one line on stderr, exit 2, within the time limit.

The servers are our own, on 127.0.0.1 (tests/llm_server.py). Before, a server sending one byte every
2 s was still "answering" at 150 s under --timeout 10, and invalid JSON, an empty body, a reply
without `choices` or an HTML page each ended in a Python traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dsagent.cli import cli
from dsagent.errors import ProviderError
from dsagent.llm.deadline import call_with_deadline, reply_problem

TIMEOUT_S = 3


@pytest.fixture
def people(tmp_path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("id,city\n1,Lima\n2,Quito\n3,Lima\n", encoding="utf-8")
    return path


def _ask(people: Path, url: str, capsys, *extra: str) -> tuple[int, str, str, float]:
    import langchain_openai  # noqa: F401 - imported before the clock starts: the import alone takes seconds

    started = time.monotonic()
    code = cli(["ask", str(people), "how many people per city", "--provider", "openai", "--base-url", url,
                "--timeout", str(TIMEOUT_S), *extra])
    out, err = capsys.readouterr()
    return code, out, err, time.monotonic() - started


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["drip", "drip_head", "silent"])
def test_a_slow_server_is_stopped_at_the_time_limit(mode, people, capsys, monkeypatch):
    from llm_server import serve

    monkeypatch.setenv("DSAGENT_LLM_RETRIES", "1")
    with serve(mode) as url:
        code, out, err, seconds = _ask(people, url, capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("dsagent: error: ") and url in err
    assert "did not" in err and "--timeout" in err
    assert seconds < 3 * TIMEOUT_S + 5, f"{seconds:.1f} s"  # was 150 s and more; the rest is start-up


@pytest.mark.slow
@pytest.mark.parametrize("mode,said", [
    ("invalid", "not valid JSON"), ("empty", "empty body"), ("nochoices", "'choices'"), ("html", "HTML page"),
])
def test_a_garbage_reply_is_one_line(mode, said, people, capsys):
    from llm_server import serve

    with serve(mode) as url:
        code, out, err, seconds = _ask(people, url, capsys)
    assert code == 2, err
    assert err.count("\n") == 1 and said in err and "OpenAI-compatible" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_a_proxy_error_page_is_one_line_within_the_time_limit(people, capsys):
    from llm_server import serve

    with serve("html500") as url:
        code, out, err, seconds = _ask(people, url, capsys)
    assert code == 2 and err.count("\n") == 1 and "502" in err
    assert seconds < 3 * TIMEOUT_S + 5, f"{seconds:.1f} s"  # was 150 s and more; the rest is start-up


@pytest.mark.slow
def test_chat_survives_a_dripping_server(people, tmp_path):
    from llm_server import serve

    with serve("drip") as url:
        proc = subprocess.run([sys.executable, "-m", "dsagent.cli", "chat", str(people), "--provider", "openai",
                               "--base-url", url, "--timeout", str(TIMEOUT_S)],
                              input="how many people per city\nSELECT count(*) AS n FROM people\n",
                              capture_output=True, text=True, cwd=tmp_path, timeout=120,
                              env=dict(os.environ, COLUMNS="200"))
    assert proc.returncode == 0, proc.stderr
    assert "did not" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.rstrip().endswith("n: 3.") or "\n  3\n" in proc.stdout or "3" in proc.stdout.split("FROM people")[-1]


# ------------------------------------------------------------------------------------ fast units
@pytest.mark.parametrize("key,said", [("sk-abc\n", "line break"), ("sk-ключ", "character"), ("sk-a b", "space")])
def test_a_key_no_header_can_carry_is_one_line(key, said, people, capsys, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", key)
    code = cli(["ask", str(people), "how many people per city", "--provider", "openai"])
    out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "API key" in err and said in err


def test_call_with_deadline_stops_waiting():
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(ProviderError, match="late"):
        call_with_deadline(lambda: release.wait(30), 0.2, lambda: ProviderError("late"))
    assert time.monotonic() - started < 2
    release.set()


def test_call_with_deadline_returns_and_raises_like_the_call():
    assert call_with_deadline(lambda: 42, 5, lambda: ProviderError("late")) == 42
    with pytest.raises(ZeroDivisionError):
        call_with_deadline(lambda: 1 / 0, 5, lambda: ProviderError("late"))


@pytest.mark.parametrize("body,kind,problem", [
    (b"", "application/json", "an empty body"),
    (b"   ", "application/json", "an empty body"),
    (b"{not json", "application/json", "not valid JSON"),
    (b"<html><body>hi</body></html>", "text/html", "HTML page"),
    (b"<html>", "application/json", "HTML page"),
    (b"[1, 2]", "application/json", "not an object"),
    (b'{"id": "x"}', "application/json", "'choices'"),
    (b'{"choices": []}', "application/json", "'choices'"),
    (b'{"choices": [{"index": 0}]}', "application/json", "without a message"),
    (b'{"error": {"message": "model not loaded"}}', "application/json", "model not loaded"),
])
def test_reply_problem_names_what_is_wrong(body, kind, problem):
    assert problem in reply_problem(body, kind)


def test_a_real_chat_completion_has_no_problem():
    body = b'{"choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}]}'
    assert reply_problem(body, "application/json") is None
