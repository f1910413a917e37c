"""What reaches a remote model: in masked and schema modes no raw email, phone or card from the data."""

from __future__ import annotations

import csv

import pytest

from dsagent.config import Settings
from dsagent.llm.fake import FakeChatModel, act, call
from dsagent.session import Session
from conftest import FIXTURES

PEOPLE = FIXTURES / "agent" / "people.csv"


def raw_values() -> list[str]:
    with open(PEOPLE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r[c] for r in rows for c in ("email", "phone", "card")]


def converse(open_ws, privacy: str, style: str) -> FakeChatModel:
    """Three requests that put data in front of the model: the card, an error quoting a value, history."""
    ws = open_ws(PEOPLE)
    wrap = (lambda tool, **a: act(tool, a)) if style == "forced" else (lambda tool, **a: call(tool, **a))
    model = FakeChatModel(replies=[
        wrap("run_sql", sql="SELECT CAST(email AS INTEGER) FROM people"),  # error text quotes an email
        wrap("run_sql", sql="SELECT CAST(card AS INTEGER) FROM people"),  # ... and a card number
        wrap("run_sql", sql="SELECT name, email, phone, card FROM people"),  # rows with every kind
        wrap("run_sql", sql="SELECT count(*) AS n FROM people"),  # follow-up: history carries the rows
    ])
    s = Session(ws, Settings(privacy=privacy), chat_model=model, style=style)
    s.ask("show the contact details of the customers")
    s.ask("and how many are there?")
    assert len(model.requests) == 4
    return model


@pytest.mark.parametrize("style", ["tools", "forced"])
@pytest.mark.parametrize("privacy", ["masked", "schema"])
def test_no_raw_personal_data_reaches_the_model(open_ws, privacy, style):
    model = converse(open_ws, privacy, style)
    sent = model.sent_text()
    leaked = [v for v in raw_values() if v in sent]
    assert leaked == []
    # the conversation still carried the error and the earlier result, only masked
    assert "Could not convert" in sent or "convert" in sent.lower()
    assert "people" in sent and "email" in sent


def test_full_mode_sends_values_as_is(open_ws):
    """The control: with --privacy full the same conversation does carry raw values."""
    model = converse(open_ws, "full", "tools")
    sent = model.sent_text()
    assert any(v in sent for v in raw_values())


def test_schema_mode_sends_no_sample_values(open_ws):
    ws = open_ws(PEOPLE)
    model = FakeChatModel(replies=[act("run_sql", {"sql": "SELECT count(*) FROM people"})])
    Session(ws, Settings(privacy="schema"), chat_model=model, style="forced").ask("count")
    system = model.requests[0][0][0].content
    assert "region" in system and "North" not in system and "South" not in system


def test_masked_mode_keeps_useful_category_values(open_ws):
    ws = open_ws(PEOPLE)
    model = FakeChatModel(replies=[act("run_sql", {"sql": "SELECT count(*) FROM people"})])
    Session(ws, Settings(privacy="masked"), chat_model=model, style="forced").ask("count")
    assert "North" in model.requests[0][0][0].content  # spellings of categories help filters


def test_masking_is_reported_in_the_review(open_ws):
    model = converse(open_ws, "masked", "tools")
    assert model.requests  # the conversation ran; its second answer is checked below
    ws = open_ws(PEOPLE)
    m = FakeChatModel(replies=[call("run_sql", sql="SELECT CAST(email AS INTEGER) FROM people"),
                               call("run_sql", sql="SELECT count(*) AS n FROM people")])
    a = Session(ws, Settings(privacy="masked"), chat_model=m).ask("count")
    ids = [f.id for f in a.review]
    assert "E1" in ids and all(f.severity != "block" for f in a.review if f.id.startswith("E"))


def test_a_key_pasted_into_the_question_never_reaches_the_model(open_ws):
    ws = open_ws(PEOPLE)
    model = FakeChatModel(replies=[call("run_sql", sql="SELECT count(*) AS n FROM people"),
                                   call("run_sql", sql="SELECT count(*) AS n FROM people")])
    s = Session(ws, Settings(privacy="full"), chat_model=model)
    answer = s.ask("count the people, my key is AKIAIOSFODNN7EXAMPLE")
    s.ask("and again")  # the first question now travels in the history too
    assert "AKIAIOSFODNN7EXAMPLE" not in model.sent_text()
    assert "count the people" in model.sent_text()
    assert any(f.id == "E4" for f in answer.review)
