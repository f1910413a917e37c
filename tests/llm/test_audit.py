"""The audit log: every prompt sent to a model, and every --allow override; `dsagent log` shows them."""

from __future__ import annotations

import json

from dsagent.llm import audit
from dsagent.cli import cli
from dsagent.config import Settings
from dsagent.llm.fake import FakeChatModel, call
from dsagent.session import Session
from conftest import FIXTURES

PEOPLE = str(FIXTURES / "agent" / "people.csv")


def test_each_prompt_is_logged_as_sent(open_ws):
    ws = open_ws(PEOPLE)
    model = FakeChatModel(replies=[call("run_sql", usage=(50, 7), sql="SELECT sum(sale) FROM people"),
                                   call("run_sql", usage=(60, 8), sql="SELECT sum(sales) AS s FROM people")])
    Session(ws, Settings(), chat_model=model).ask("total sales")
    entries = audit.recent(10)
    assert [e["kind"] for e in entries] == ["prompt", "prompt"]
    first, second = entries
    assert first["provider"] == "fake" and first["prompt_tokens"] == 50 and first["completion_tokens"] == 7
    assert [m["role"] for m in first["messages"]] == ["system", "human"]
    assert first["messages"][1]["content"] == "total sales"
    assert "run_sql" in first["tools"] and first["tool_choice"] == "auto"
    # the second request carries the failed call and the error exactly as the model saw them
    roles = [m["role"] for m in second["messages"]]
    assert roles == ["system", "human", "ai", "tool"]
    assert second["messages"][2]["tool_calls"][0]["args"] == {"sql": "SELECT sum(sale) FROM people"}
    assert second["messages"][3]["content"] == model.requests[1][0][3].content
    assert "seconds" in second and "time" in second


def test_offline_planner_sends_nothing_and_logs_nothing(capsys):
    cli(["ask", PEOPLE, "how many rows are there", "--provider", "offline", "--json"])
    capsys.readouterr()
    assert audit.recent(10) == []


def test_override_is_logged(open_ws):
    ws = open_ws(PEOPLE)
    s = Session(ws, Settings(allow=["D1"]), chat_model=FakeChatModel(replies=[]))
    s.ask("SELECT region, avg(sales) AS a FROM people GROUP BY 1")
    entries = [e for e in audit.recent(5) if e["kind"] == "override"]
    assert entries and entries[-1]["allow"] == ["D1"] and "avg(sales)" in entries[-1]["question"]


def test_log_command_shows_recent_entries(capsys):
    audit.write({"kind": "prompt", "provider": "openai", "model": "m1", "base_url": "http://x/v1",
                 "messages": [{"role": "human", "content": "hello there"}], "prompt_tokens": 3,
                 "completion_tokens": 1, "seconds": 0.5})
    audit.write({"kind": "override", "allow": ["A1"], "overrode": ["A1"], "question": "train"})
    assert cli(["log", "-n", "5"]) == 0
    out = capsys.readouterr().out
    assert "openai m1 http://x/v1" in out and "human: hello there" in out and "--allow A1" in out
    assert cli(["log", "-n", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 1 and data[0]["kind"] == "override"


def test_empty_log(capsys):
    assert cli(["log"]) == 0
    assert "No audit entries" in capsys.readouterr().out


def test_the_audit_log_fails_closed(open_ws, monkeypatch, tmp_path):
    """Before: with the log's folder on a full disk the prompt was sent unlogged, exit 0."""
    import errno

    import pytest

    from dsagent.errors import ProviderError

    ws = open_ws(PEOPLE)
    model = FakeChatModel(replies=[call("run_sql", sql="SELECT count(*) AS n FROM people")])
    real_open = open

    def full_disk(path, mode="r", *args, **kwargs):
        if str(path).endswith("audit.jsonl") and "a" in mode:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_disk)
    try:
        answer = Session(ws, Settings(), chat_model=model).ask("how many people")
    except ProviderError as exc:  # raised, or reported in the answer: either way one line, exit 2
        message, code = str(exc), exc.exit_code
    else:
        message, code = str(answer.error and answer.error.get("message")), answer.exit_code
    monkeypatch.undo()
    assert "nothing was sent" in message and code == 2
    assert model.requests == []  # the model never saw the prompt


def test_log_reads_past_a_line_of_another_encoding(capsys):
    audit.write({"kind": "override", "allow": ["A1"], "overrode": ["A1"], "question": "q"})
    with open(audit.log_path(), "ab") as fh:
        fh.write(b'{"kind": "override", "question": "caf\xe9"}\n')
    audit.write({"kind": "override", "allow": ["B2"], "overrode": ["B2"], "question": "after"})
    assert cli(["log"]) == 0
    out, _ = capsys.readouterr()
    assert "after" in out and "Traceback" not in out
