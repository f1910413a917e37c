"""Self-consistency for a small model's SQL: sampled queries vote with their executed results."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from dsagent import providers
from dsagent.config import Settings
from dsagent.errors import UserError
from dsagent.fake_model import FakeChatModel, prose
from dsagent.session import Session
from dsagent.sqlvote import Candidate, pick, result_key, votes_from

FIX = Path(__file__).parent / "fixtures" / "agent"


def table(rows, columns=("a",)):
    return SimpleNamespace(kind="table", rows=rows, row_count=len(rows), columns=list(columns))


def cand(result=None, error=None, name=""):
    return Candidate(action=name, result=result, error=error, seconds=0.0)


def test_results_agree_on_values_not_on_names_or_column_order():
    assert result_key(table([[1, "x"]], ("n", "s"))) == result_key(table([["x", 1]], ("s2", "n2")))
    assert result_key(table([[1]])) != result_key(table([[2]]))
    assert result_key(table([])) is None and result_key(SimpleNamespace(kind="text")) is None


def test_the_greedy_query_stands_unless_more_candidates_agree_elsewhere():
    a, b, c = table([[1]]), table([[2]]), table([[3]])
    assert pick([cand(a, name="g"), cand(b, name="s1"), cand(c, name="s2")]) == (cand(a, name="g"), 1)  # all differ
    assert pick([cand(a, name="g"), cand(b, name="s1"), cand(table([[2]]), name="s2")])[0].action == "s1"
    assert pick([cand(a, name="g"), cand(table([[1]]), name="s1"), cand(b, name="s2")]) == (cand(a, name="g"), 2)


def test_a_failed_or_empty_greedy_query():
    a = table([[1]])
    # failed: any candidate that runs
    assert pick([cand(error="bad", name="g"), cand(a, name="s1")])[0].action == "s1"
    assert pick([cand(error="bad", name="g"), cand(error="worse", name="s1")])[0].action == "g"
    # no rows (which may be right): replaced only by a result two candidates agree on
    assert pick([cand(table([]), name="g"), cand(a, name="s1")])[0].action == "g"
    assert pick([cand(table([]), name="g"), cand(a, name="s1"), cand(table([[1]]), name="s2")])[0].action == "s1"


def test_votes_setting_is_checked():
    assert votes_from(Settings(), 3) == 3 and votes_from(Settings(sql_votes="1"), 3) == 1
    for bad in ("many", 0, 9):
        with pytest.raises(UserError, match="sql_votes must be a whole number from 1 to 5"):
            votes_from(Settings(sql_votes=bad), 1)


def test_small_local_models_vote_hosted_ones_do_not(monkeypatch):
    local = providers.resolve_backend(Settings(provider="openai", base_url="http://127.0.0.1:8765/v1"), None)
    hosted = providers.resolve_backend(Settings(provider="openai", api_key="sk-x"), None)
    assert local.sql_votes == 3 and hosted.sql_votes == 1
    monkeypatch.setenv("DSAGENT_SQL_VOTES", "1")
    from dsagent.config import load_settings

    settings = load_settings()
    settings.provider, settings.base_url = "openai", "http://127.0.0.1:8765/v1"
    assert providers.resolve_backend(settings, None).sql_votes == 1


def test_the_loop_keeps_the_result_the_sampled_queries_agree_on(open_ws):
    ws = open_ws(FIX / "people.csv")
    greedy = "SELECT count(*) AS n FROM people WHERE sales > 20"
    agreed = "SELECT count(*) AS n FROM people WHERE sales >= 10"
    model = FakeChatModel(replies=[prose(greedy), prose(agreed), prose(f"```sql\n{agreed}\n```")])
    s = Session(ws, Settings(sql_votes=3), chat_model=model, style="forced")
    a = s.ask("how many customers have sales of at least 10?")
    assert a.exit_code == 0 and a.sql.endswith("WHERE sales >= 10")
    assert len(model.requests) == 3 and a.usage["llm_calls"] == 3
    assert [r[1].get("temperature") for r in model.requests] == [None, 0.7, 0.7]
    assert model.requests[1][0] == model.requests[0][0]  # the samples see exactly what the greedy call saw
    assert a.steps[0]["candidates"] == 3 and a.steps[0]["agreeing"] == 2


def test_without_votes_one_query_is_drawn(open_ws):
    ws = open_ws(FIX / "people.csv")
    model = FakeChatModel(replies=[prose("SELECT count(*) AS n FROM people")])
    s = Session(ws, Settings(), chat_model=model, style="forced")
    a = s.ask("how many customers are there?")
    assert a.result.rows == [[a.result.rows[0][0]]] and len(model.requests) == 1 and "candidates" not in a.steps[0]
