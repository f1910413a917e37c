"""Candidate selection on failure: after a failed first query, the answer most candidates agree on."""

from __future__ import annotations

import pytest

from dsagent.config import Settings, load_settings
from dsagent.errors import UserError
from dsagent.llm.consensus import pick, signature
from dsagent.llm.fake import FakeChatModel, call
from dsagent.session import Session
from conftest import FIXTURES

FIX = FIXTURES / "agent"
GOOD = "SELECT region, sum(sales) AS total FROM people GROUP BY region"
WRONG = "SELECT region, max(sales) AS total FROM people GROUP BY region"


@pytest.fixture
def ws(open_ws):
    return open_ws(FIX / "people.csv")


def session(ws, replies, candidates=3):
    model = FakeChatModel(replies=replies)
    s = Session(ws, Settings(), chat_model=model)
    s.backend.candidates = candidates
    return s, model


def test_signature_ignores_names_column_order_row_order_and_float_noise():
    a = signature(["region", "avg_sales"], [["East", 24.6666667], ["North", 22.0]])
    b = signature(["AVG(sales)", "region"], [[22.001, "North"], [24.67, "East"]])
    assert a == b
    assert signature(["x"], [[1.0]]) != signature(["x"], [[1.5]])
    assert signature(["x"], [["1"], ["1"]]) != signature(["x"], [["1"]])  # a duplicated row is a different answer


def test_pick_takes_the_largest_group_and_the_first_on_a_tie():
    assert pick([("a",), ("b",), ("b",)]) == 1
    assert pick([("a",), ("b",)]) == 0
    with pytest.raises(ValueError):
        pick([])


def test_the_result_most_candidates_agree_on_wins_over_the_repair(ws):
    replies = [call("run_sql", sql="SELECT region, sum(sale) FROM people GROUP BY region"),  # fails
               call("run_sql", sql=WRONG),  # the greedy repair runs, but disagrees with both samples
               call("run_sql", sql=GOOD),
               call("run_sql", sql=GOOD.replace("AS total", "AS s"))]
    s, model = session(ws, replies)
    a = s.ask("total sales per region")
    assert a.error is None
    assert sorted(a.result.rows) == [["East", 74], ["North", 66], ["South", 106], ["West", 31]]
    # the two sampled calls were sampled, from the repair conversation (the error is in view)
    assert [kw.get("temperature") for _, kw in model.requests] == [None, None, 0.7, 0.7]
    assert "sale" in str(model.requests[2][0][-1].content)
    assert [st.get("candidate") for st in a.steps] == [None, None, "sampled", "sampled"]


def test_the_repair_wins_a_tie_and_a_sampled_query_already_run_is_not_run_again(ws):
    replies = [call("run_sql", sql="SELECT nope FROM people"),
               call("run_sql", sql=GOOD),
               call("run_sql", sql=WRONG),
               call("run_sql", sql=WRONG)]
    s, _ = session(ws, replies)
    a = s.ask("total sales per region")
    assert sorted(a.result.rows)[0] == ["East", 20]  # two of three agree on max(sales)
    assert sum(1 for st in a.steps if st.get("candidate")) == 1  # the second identical sample is not re-run
    replies = [call("run_sql", sql="SELECT nope FROM people"),
               call("run_sql", sql=GOOD),
               call("run_sql", sql=WRONG),
               call("run_sql", sql="SELECT nope2 FROM people")]
    s, _ = session(ws, replies)
    assert sorted(s.ask("total sales per region").result.rows)[0] == ["East", 74]  # one each: the repair's stands


def test_a_failed_repair_can_be_saved_by_the_samples(ws):
    replies = [call("run_sql", sql="SELECT nope FROM people"),
               call("run_sql", sql="SELECT nope FROM people WHERE 1 = 1"),
               call("run_sql", sql=GOOD),
               call("run_sql", sql="SELECT still_nope FROM people")]
    s, model = session(ws, replies)
    a = s.ask("total sales per region")
    assert a.error is None and sorted(a.result.rows)[0] == ["East", 74] and len(model.requests) == 4


def test_an_empty_first_result_is_voted_on_too(ws):
    replies = [call("run_sql", sql="SELECT region, sum(sales) AS total FROM people WHERE region = 'east' GROUP BY 1"),
               call("run_sql", sql="SELECT region, sum(sales) AS total FROM people WHERE region = 'EAST' GROUP BY 1"),
               call("run_sql", sql="SELECT region, sum(sales) AS total FROM people WHERE region = 'East' GROUP BY 1"),
               call("run_sql", sql="SELECT region, sum(sales) AS t FROM people WHERE lower(region) = 'east' GROUP BY 1")]
    s, _ = session(ws, replies)
    a = s.ask("total sales in the east")
    assert a.result.rows == [["East", 74]]  # the greedy re-check was empty again; both samples agree


def test_with_one_candidate_the_loop_repairs_as_before(ws):
    replies = [call("run_sql", sql="SELECT nope FROM people"), call("run_sql", sql=WRONG)]
    s, model = session(ws, replies, candidates=1)
    a = s.ask("total sales per region")
    assert sorted(a.result.rows)[0] == ["East", 20] and len(model.requests) == 2


def test_sampling_ends_at_the_request_budget(ws, monkeypatch):
    import types

    import dsagent.loop as loop

    now = [0.0]
    clock = types.SimpleNamespace(monotonic=lambda: now[0], perf_counter=lambda: now[0])
    monkeypatch.setattr(loop, "time", clock)

    def slow_repair(messages, kwargs):
        now[0] += 11.0  # the repair takes most of the 12 s budget: less than MIN_CALL_SECONDS is left
        return call("run_sql", sql=WRONG)

    replies = [call("run_sql", sql="SELECT nope FROM people"), slow_repair]
    s, model = session(ws, replies)
    s.backend.request_budget_s = 12.0
    a = s.ask("total sales per region")
    assert sorted(a.result.rows)[0] == ["East", 20] and len(model.requests) == 2


def test_candidates_setting_is_validated(tmp_path, monkeypatch):
    conf = tmp_path / "config.toml"
    conf.write_text("candidates = 9\n")
    monkeypatch.setenv("DSAGENT_CONFIG", str(conf))
    with pytest.raises(UserError, match="candidates .* from 1 to 5"):
        load_settings()
    conf.write_text("candidates = 1\n")
    assert load_settings().candidates == 1
