"""The reviewer end to end through `dsagent ask --json` with the scripted fake provider.

The audit log holds exactly what was sent to the model; these tests read it to prove that no raw
personal value or secret leaves the machine in `masked` and `schema` modes.
"""

from __future__ import annotations

import json
import re

import pytest

from dsagent.cli import cli

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def ask(capsys, monkeypatch, tmp_path, data, question, script, *flags):
    path = tmp_path / "script.json"
    path.write_text(json.dumps(script), encoding="utf-8")
    monkeypatch.setenv("DSAGENT_FAKE_SCRIPT", str(path))
    code = cli(["ask", *map(str, data), question, "--provider", "fake", "--json",
                "--output-dir", str(tmp_path / "out"), *flags])
    out = capsys.readouterr().out
    return code, json.loads(out)


def sent_to_model(home) -> str:
    log = home / "state" / "audit.jsonl"
    return log.read_text(encoding="utf-8") if log.exists() else ""


@pytest.fixture
def people(make_csv):
    lines = ["customer_id,name,email,phone,region,spend"]
    for i in range(60):
        region = "ceuta" if i < 3 else ("north" if i % 2 else "south")
        lines.append(f"C{i:04d},Person {i},person{i}@mail-example.com,+34 612 345 {i:03d},{region},{100 + i}")
    return make_csv("people.csv", "\n".join(lines) + "\n")


@pytest.mark.parametrize("privacy", ["masked", "schema"])
def test_no_raw_personal_value_reaches_the_model_and_rows_are_masked(capsys, monkeypatch, tmp_path, people,
                                                                     _isolated_home, privacy):
    script = [{"tool": "run_sql", "args": {"sql": "SELECT name, email, phone, spend FROM peopl LIMIT 5"}},
              {"tool": "run_sql", "args": {"sql": "SELECT name, email, phone, spend FROM people LIMIT 5"}}]
    code, answer = ask(capsys, monkeypatch, tmp_path, [people], "show five customers", script, "--privacy", privacy)
    assert code == 0, answer
    sent = sent_to_model(_isolated_home)
    assert sent, "the audit log records the prompts"
    assert not EMAIL.search(sent) and "612 345" not in sent
    rows = answer["result"]["rows"]
    assert all(r[1] == "<EMAIL>" and r[2] == "<PHONE>" for r in rows)
    e2 = [f for f in answer["review"] if f["id"] == "E2"]
    assert e2 and {"email", "phone"} <= set(e2[0]["columns"])


def test_full_privacy_shows_raw_rows(capsys, monkeypatch, tmp_path, people):
    script = [{"tool": "run_sql", "args": {"sql": "SELECT email FROM people ORDER BY customer_id LIMIT 2"}}]
    code, answer = ask(capsys, monkeypatch, tmp_path, [people], "two emails", script, "--privacy", "full")
    assert code == 0 and answer["result"]["rows"][0] == ["person0@mail-example.com"]
    assert not [f for f in answer["review"] if f["id"] in ("E1", "E2")]


def test_tiny_group_reported_under_review(capsys, monkeypatch, tmp_path, people):
    script = [{"tool": "run_sql", "args": {"sql": "SELECT region, avg(spend) AS mean_spend FROM people GROUP BY region"}}]
    code, answer = ask(capsys, monkeypatch, tmp_path, [people], "average spend by region", script)
    d1 = [f for f in answer["review"] if f["id"] == "D1"]
    assert d1 and "ceuta (3 rows)" in d1[0]["message"] and d1[0]["source"].startswith("Giskard")


def test_secret_in_the_data_never_reaches_the_model(capsys, monkeypatch, tmp_path, make_csv, _isolated_home):
    data = make_csv("keys.csv", "service,note\n" + "".join(f"s{i},key AKIAIOSFODNN7EXAMPL{i % 10}\n"
                                                            for i in range(30)))
    script = [{"tool": "run_sql", "args": {"sql": "SELECT count(*) AS n FROM keys"}}]
    code, answer = ask(capsys, monkeypatch, tmp_path, [data], "how many services", script)
    assert code == 0, answer
    assert "AKIAIOSFODNN7EXAMPL" not in sent_to_model(_isolated_home)


@pytest.mark.parametrize("privacy,raw_expected", [("masked", False), ("schema", False), ("full", True)])
def test_follow_up_prompts_carry_no_raw_values_unless_full(open_ws, people, privacy, raw_expected):
    """A chat: the second request carries the first result's summary; read the exact messages sent."""
    from dsagent.config import Settings
    from dsagent.llm.fake import FakeChatModel, call
    from dsagent.session import Session

    ws = open_ws(people)
    model = FakeChatModel(replies=[
        call("run_sql", sql="SELECT customer_id, email, phone FROM people ORDER BY customer_id LIMIT 3"),
        call("run_sql", sql="SELECT count(*) AS n FROM people")])
    session = Session(ws, Settings(privacy=privacy), chat_model=model)
    first = session.ask("show three customers")
    assert first.error is None
    session.ask("and how many are there?")
    sent = model.sent_text()
    assert "C0000" in sent or privacy == "schema", "the follow-up did carry the first result"
    assert bool(EMAIL.search(sent)) is raw_expected
    assert ("612 345" in sent) is raw_expected
