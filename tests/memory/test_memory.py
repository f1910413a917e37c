"""Verified question -> SQL pairs: stored per schema, checked by the guard, used as answers and examples."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from conftest import FIXTURES
from dsagent.cli import cli
from dsagent.config import Settings
from dsagent.errors import SqlRejected, UserError
from dsagent.llm.fake import FakeChatModel, call
from dsagent.memory.recall import examples_text, exact, similar, skeleton, without_literals
from dsagent.memory.store import MemoryStore, fingerprint, normalise, usable
from dsagent.session import Session

PEOPLE = FIXTURES / "agent" / "people.csv"
BY_REGION = "SELECT region, sum(sales) AS total FROM people GROUP BY region ORDER BY region"


@pytest.fixture
def ws(open_ws):
    return open_ws(PEOPLE)


@pytest.fixture
def store(ws, tmp_path):
    return MemoryStore.for_workspace(ws, tmp_path / "home")


def test_add_list_remove_round_trip(ws, store):
    pair = store.add(ws, "total sales per region", BY_REGION + ";", "good")
    assert pair.sql == BY_REGION and pair.source == "good"
    assert [p.id for p in store.pairs()] == [pair.id]
    again = store.add(ws, "Total sales per region?", BY_REGION)  # the same pair twice is stored once
    assert again.id == pair.id and len(store.pairs()) == 1
    assert store.get(pair.id[:4]).question == "Total sales per region?"
    store.remove(pair.id)
    assert store.pairs() == []
    with pytest.raises(UserError, match="no stored pair"):
        store.get(pair.id)


@pytest.mark.parametrize("sql", ["DELETE FROM people", "SELECT * FROM read_csv('/etc/passwd')",
                                 "SELECT nope FROM people"])
def test_the_guard_checks_a_pair_before_it_is_stored(ws, store, sql):
    with pytest.raises(SqlRejected):
        store.add(ws, "a question", sql)
    assert store.pairs() == []


def test_pairs_of_one_schema_never_show_on_another(ws, open_ws, make_csv, tmp_path):
    home = tmp_path / "home"
    MemoryStore.for_workspace(ws, home).add(ws, "total sales per region", BY_REGION)
    other = open_ws(make_csv("people.csv", "customer_id,region,sales,extra\n1,North,3,x\n"))
    assert fingerprint(other) != fingerprint(ws)
    assert MemoryStore.for_workspace(other, home).pairs() == []


def test_a_pair_whose_sql_no_longer_passes_is_skipped(ws, store, open_ws, make_csv):
    pair = store.add(ws, "total sales per region", BY_REGION)
    renamed = open_ws(make_csv("customers.csv", "customer_id,region,sales\n1,North,3\n"))
    assert "people" in usable(renamed, pair)
    assert exact(store, renamed, "total sales per region") is None
    assert similar(store, renamed, "total sales per region") == []


def test_export_and_import_keep_pairs_and_refuse_bad_lines(ws, store, tmp_path, open_ws):
    store.add(ws, "total sales per region", BY_REGION)
    target = tmp_path / "team.jsonl"
    assert store.export_file(target) == 1
    with pytest.raises(UserError, match="exists already"):
        store.export_file(target)  # never overwritten
    with target.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")
        handle.write(json.dumps({"question": "drop it", "sql": "DROP TABLE people"}) + "\n")
    fresh = MemoryStore.for_workspace(ws, tmp_path / "other-home")
    added, skipped = fresh.import_file(ws, target)
    assert added == 1 and len(skipped) == 2
    assert "line 2" in skipped[0] and "DROP" in skipped[1]
    assert [p.source for p in fresh.pairs()] == ["import"]


def test_a_damaged_line_in_the_memory_file_does_not_lose_the_rest(ws, store):
    store.add(ws, "total sales per region", BY_REGION)
    with store.path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "broken"\n')
    assert len(store.pairs()) == 1


def test_normalising_folds_case_accents_and_punctuation():
    assert normalise("¿Cuántas ventas por región?") == normalise("cuantas ventas por region")
    assert normalise("Sales > 5, by region!") == "sales > 5 by region"


def test_a_verified_question_is_answered_from_memory_without_a_planner(ws, tmp_path):
    settings = Settings(provider="offline")
    session = Session(ws, settings)
    session._memory = MemoryStore.for_workspace(ws, tmp_path / "home")
    session._memory.add(ws, "what does each region sell", BY_REGION)
    answer = session.ask("What does each region sell?")
    assert answer.answered and answer.provider == "memory"
    assert answer.sql.lower() == BY_REGION.lower()
    assert answer.steps[0]["tool"] == "memory" and answer.steps[1]["tool"] == "run_sql"
    assert answer.narrative.startswith("From memory (verified pair")
    assert answer.result.rows[0] == ["East", 74]


def test_memory_off_and_left_out_pairs_are_not_used(ws, tmp_path):
    store = MemoryStore.for_workspace(ws, tmp_path / "home")
    pair = store.add(ws, "what does each region sell", BY_REGION)
    assert exact(store, ws, "what does each region sell", exclude={pair.id}) is None
    off = Session(ws, Settings(provider="offline", use_memory=False))
    assert off.memory is None


def _fake_session(ws, tmp_path, privacy: str):
    # the same reply again if the loop asks the model to check its answer's shape (agent/sql/shape.py)
    model = FakeChatModel(replies=[call("run_sql", sql="SELECT count(*) AS n FROM people")], cycle=True)
    session = Session(ws, Settings(privacy=privacy), chat_model=model)
    session._memory = MemoryStore.for_workspace(ws, tmp_path / "home")
    return session, model


def test_similar_pairs_are_examples_in_the_model_prompt(ws, tmp_path):
    session, model = _fake_session(ws, tmp_path, "full")
    session._memory.add(ws, "total sales per region", BY_REGION)
    session._memory.add(ws, "how many customers are in the North",
                        "SELECT count(*) FROM people WHERE region = 'North'")
    session.ask("total sales per region for the East")
    system = model.requests[0][0][0].content
    assert "Verified examples" in system
    assert "-- Q: total sales per region" in system and BY_REGION in system


def test_examples_follow_the_privacy_mode(ws, tmp_path):
    sql = "SELECT count(*) FROM people WHERE email = 'ann.lee0@example.com' AND sales > 3"
    for privacy, present, absent in (("schema", "?", "ann.lee0"), ("masked", "<EMAIL", "ann.lee0"),
                                     ("full", "ann.lee0@example.com", "<EMAIL")):
        session, model = _fake_session(ws, tmp_path / privacy, privacy)
        session._memory.add(ws, "how many orders did ann place", sql)
        session.ask("how many orders did bob place")
        system = model.requests[0][0][0].content
        assert "Verified examples" in system, privacy
        assert present in system and absent not in system, privacy


def test_examples_prefer_distinct_shapes_and_keep_to_the_budget(ws, store):
    store.add(ws, "total sales per region", BY_REGION)
    store.add(ws, "total sales for each region", BY_REGION.replace("total", "s"))
    store.add(ws, "sales of the north region", "SELECT sum(sales) FROM people WHERE region = 'North'")
    chosen = similar(store, ws, "total sales per region", k=3)
    shapes = [skeleton(p.sql) for p, _ in chosen]
    assert len(chosen) == 2 and shapes[0] != shapes[1]
    assert examples_text(chosen, "full", budget_tokens=10) == ""
    assert examples_text(chosen, "full").count("-- Q:") == 2


def test_questions_are_alike_by_what_they_are_about_not_by_their_function_words(ws, store):
    # "how many ..." shared by two questions about different things made them each other's example
    store.add(ws, "how many people are there in each region", "SELECT region, count(*) FROM people GROUP BY region")
    store.add(ws, "what is the total sales of the north region", "SELECT sum(sales) FROM people WHERE region = 'North'")
    chosen = similar(store, ws, "how many people have sales above 100", k=1)
    assert chosen and chosen[0][0].question.startswith("how many people")
    chosen = similar(store, ws, "how many rows are there with sales in the north", k=1)
    assert chosen and chosen[0][0].question.startswith("what is the total sales of the north")
    assert similar(store, ws, "how many are there of them", k=3) == []  # nothing but function words


def test_literals_are_left_out_for_schema_privacy():
    assert without_literals("SELECT a FROM t WHERE b = 'x' AND c > 3") == "SELECT a FROM t WHERE b = ? AND c > ?"


# ---------------------------------------------------------------- the command line
def test_memory_commands(tmp_path, capsys):
    data = str(PEOPLE)
    assert cli(["memory", "add", data, "total sales per region", BY_REGION]) == 0
    pid = capsys.readouterr().out.split()[-1]
    assert cli(["memory", "list", data, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in listed] == [pid]
    assert cli(["memory", "show", data, pid, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sql"] == BY_REGION
    out = tmp_path / "pairs.jsonl"
    assert cli(["memory", "export", data, str(out)]) == 0
    assert cli(["memory", "remove", data, pid]) == 0
    assert cli(["memory", "import", data, str(out)]) == 0
    capsys.readouterr()
    assert cli(["ask", data, "Total sales per region", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["provider"] == "memory"
    assert cli(["ask", data, "Total sales per region", "--json", "--no-memory"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["provider"] != "memory"


def test_bad_memory_commands_are_one_line_and_exit_2(tmp_path, capsys):
    data = str(PEOPLE)
    assert cli(["memory", "add", data, "wipe it", "DELETE FROM people"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not stored" in err
    assert cli(["memory", "show", data, "nope"]) == 2
    assert "no stored pair" in capsys.readouterr().err
    assert cli(["memory", "import", data, str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_eval_memory_replays_pairs_leaving_each_out(tmp_path, capsys):
    data = str(PEOPLE)
    assert cli(["eval", "--memory", data, "--provider", "offline"]) == 2  # nothing stored yet
    assert "no verified pairs" in capsys.readouterr().err
    assert cli(["memory", "add", data, "total sales by region", BY_REGION]) == 0
    report = tmp_path / "r.jsonl"
    assert cli(["eval", "--memory", data, "--provider", "offline", "--report", str(report)]) == 0
    record = json.loads(report.read_text().splitlines()[0])
    # the planner answered, not the memory: the pair itself was left out
    assert record["steps"] and record["steps"][0]["tool"] != "memory"
    assert cli(["eval"]) == 2


# ---------------------------------------------------------------- chat
def _chat(ws, tmp_path):
    from dsagent.chat.app import ChatApp

    settings = Settings(provider="offline")
    session = Session(ws, settings)
    session._memory = MemoryStore.for_workspace(ws, tmp_path / "home")
    out = io.StringIO()
    return ChatApp(session, ws, settings, Console(file=out, width=120), interactive=False), out


def test_chat_good_stores_the_last_question_and_sql(ws, tmp_path):
    app, out = _chat(ws, tmp_path)
    app.handle("total sales by region")
    app.handle("/good")
    pairs = app.session.memory.pairs()
    assert [(p.question, p.source) for p in pairs] == [("total sales by region", "good")]
    assert "stored verified pair" in out.getvalue()


def test_chat_fix_runs_the_corrected_sql_then_good_stores_it(ws, tmp_path):
    app, out = _chat(ws, tmp_path)
    app.handle("total sales by region")
    app.handle("/fix DELETE FROM people")  # refused by the guard: nothing stored
    assert app.session.memory.pairs() == []
    app.handle("/fix " + BY_REGION)
    assert "Type /good" in out.getvalue()
    app.handle("/good")
    pairs = app.session.memory.pairs()
    assert [(p.question, p.sql.lower(), p.source) for p in pairs] == [("total sales by region", BY_REGION.lower(), "fix")]
    app.handle("Total sales by region?")
    assert app.state.last_answer.provider == "memory"


def test_chat_good_refuses_typed_sql_and_needs_an_answer(ws, tmp_path):
    app, out = _chat(ws, tmp_path)
    app.handle("/good")
    assert "no answer yet" in out.getvalue()
    app.handle(BY_REGION)
    app.handle("/good")
    assert "typed SQL" in out.getvalue() and app.session.memory.pairs() == []
