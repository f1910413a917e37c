"""`dsagent ask`: the --json contract, exit codes, typed SQL, stdout hygiene."""

from __future__ import annotations

import json

import pytest

from dsagent.cli import cli
from conftest import FIXTURES

FIX = FIXTURES / "agent"
PEOPLE = str(FIX / "people.csv")
CONTRACT_KEYS = ["question", "provider", "sql", "result", "answer", "review", "steps", "usage", "error"]


@pytest.fixture
def fake_script(tmp_path, monkeypatch):
    def write(*replies):
        path = tmp_path / "replies.json"
        path.write_text(json.dumps(list(replies)), encoding="utf-8")
        monkeypatch.setenv("DSAGENT_FAKE_SCRIPT", str(path))
    return write


def ask_json(capsys, *argv):
    code = cli(["ask", *argv, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out), out, err


def test_json_contract_exactly(capsys, fake_script):
    fake_script({"tool": "run_sql", "args": {"sql": "SELECT region, count(*) AS n FROM people GROUP BY 1 ORDER BY 1"}})
    code, data, out, err = ask_json(capsys, PEOPLE, "people per region", "--provider", "fake")
    assert code == 0
    assert list(data) == CONTRACT_KEYS
    assert out.count("\n") == 1  # one JSON object and nothing else
    assert data["question"] == "people per region" and data["provider"] == "fake"
    assert data["sql"].upper().startswith("SELECT REGION")
    assert set(data["result"]) == {"kind", "columns", "rows", "row_count", "truncated"}
    assert data["result"]["columns"] == ["region", "n"] and data["result"]["row_count"] == 4
    assert data["answer"] == "Highest n: North (8); lowest: West (3). 4 rows."
    assert isinstance(data["review"], list)
    for f in data["review"]:
        assert {"id", "severity", "message"} <= set(f) and f["severity"] in ("info", "warn", "block")
    assert [set(s) for s in data["steps"]] == [{"tool", "args", "sql", "error", "seconds"}]
    assert set(data["usage"]) == {"llm_calls", "prompt_tokens", "completion_tokens", "seconds"}
    assert data["usage"]["llm_calls"] == 1 and data["error"] is None


def test_typed_sql_runs_without_a_planner(capsys):
    code, data, _, err = ask_json(capsys, PEOPLE, "SELECT max(sales) AS top FROM people")
    assert code == 0 and data["provider"] == "sql" and data["result"]["rows"] == [[23]]
    assert data["usage"]["llm_calls"] == 0 and data["steps"][0]["tool"] == "run_sql"
    assert "offline planner" not in err  # no planner was even chosen


def test_typed_hostile_sql_is_refused_exit_2(capsys):
    code, data, _, err = ask_json(capsys, PEOPLE, "SELECT * FROM read_csv('/etc/passwd')")
    assert code == 2 and data["error"]["type"] == "sql_rejected" and data["result"] is None
    assert err.startswith("dsagent: error:") and err.count("\n") == 1


def test_could_not_answer_is_exit_1_with_reason(capsys, fake_script):
    fake_script(*[{"tool": "run_sql", "args": {"sql": f"SELECT nope{i} FROM people"}} for i in range(4)])
    code, data, _, _ = ask_json(capsys, PEOPLE, "impossible", "--provider", "fake")
    assert code == 1 and data["error"]["type"] == "cannot_answer" and "nope3" in data["error"]["message"]
    assert len(data["steps"]) == 4 and all(s["error"] for s in data["steps"])


def test_bad_data_path_with_json_prints_json_and_exit_2(capsys, tmp_path):
    code, data, _, err = ask_json(capsys, str(tmp_path / "missing.csv"), "anything")
    assert code == 2 and list(data) == CONTRACT_KEYS and data["error"]["type"] in ("data_error", "user_error")
    assert "missing.csv" in err


def test_bad_data_path_without_json_is_one_line(capsys, tmp_path):
    code = cli(["ask", str(tmp_path / "missing.csv"), "anything"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1


def test_a_reply_in_words_is_exit_1(capsys, fake_script):
    fake_script({"tool": "respond", "args": {"text": "Which table do you mean?"}})
    code, data, _, _ = ask_json(capsys, PEOPLE, "the usual", "--provider", "fake")
    assert code == 1 and data["result"] == {"kind": "text", "text": "Which table do you mean?"}
    assert data["answer"] == "Which table do you mean?" and data["error"]["type"] == "not_answered"


def test_offline_default_notice_goes_to_stderr_only(capsys):
    code = cli(["ask", PEOPLE, "how many rows are there", "--json"])
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["provider"] == "offline" and "using the offline planner" in err
    assert code in (0, 1)


def test_rendered_answer_shows_table_and_narrative(capsys, fake_script):
    fake_script({"tool": "run_sql", "args": {"sql": "SELECT region, count(*) AS n FROM people WHERE region <> 'West' "
                                                    "GROUP BY 1 ORDER BY 1"}})
    code = cli(["ask", PEOPLE, "people per region", "--provider", "fake"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "North" in out and "8" in out and "Highest n: North (8); lowest: East (6). 3 rows." in out


def test_apply_flag_reaches_the_tool_context(fake_script, open_ws):
    from dsagent.config import Settings
    from dsagent.llm.fake import FakeChatModel, call
    from dsagent.session import Session

    ws = open_ws(PEOPLE)
    s = Session(ws, Settings(), chat_model=FakeChatModel(replies=[call("run_sql", sql="SELECT 1 AS one")]))
    assert s.context("q", apply=True).apply is True
    assert s.ask("SELECT 1 AS one").result.rows == [[1]]


def test_prose_that_starts_like_sql_goes_to_the_planner(capsys, fake_script):
    fake_script({"tool": "run_sql", "args": {"sql": "SELECT * EXCLUDE (email, phone, card) FROM people"}})
    code, data, _, _ = ask_json(capsys, PEOPLE, "select all columns from the people table, except the contact ones",
                                "--provider", "fake")
    assert code == 0 and data["provider"] == "fake" and "email" not in data["result"]["columns"]


def test_typed_sql_with_a_typo_stays_the_persons_to_fix(capsys, fake_script):
    code, data, _, _ = ask_json(capsys, PEOPLE, "SELECT region, count(*) FROM people GROUP BY", "--provider", "fake")
    assert code == 2 and data["provider"] == "sql" and data["error"]["type"] == "sql_rejected"


def test_offline_notice_is_said_once_per_home(capsys):
    """The notice helps the first time; after that it is noise on every run (remembered under the home)."""
    cli(["ask", PEOPLE, "how many rows are there", "--json"])
    assert "using the offline planner" in capsys.readouterr().err
    for argv in (["ask", PEOPLE, "how many rows are there"], ["sql", PEOPLE, "how many rows are there"]):
        cli(argv)
        assert "offline planner" not in capsys.readouterr().err
