"""The agent loop with a scripted fake model: success, repair, bounds, both calling styles."""

from __future__ import annotations


import pytest

from dsagent.config import Settings
from dsagent.llm.fake import FakeChatModel, act, call, prose, respond
from dsagent.session import Session
from conftest import FIXTURES

FIX = FIXTURES / "agent"
BY_REGION = "SELECT region, sum(sales) AS s FROM people WHERE region <> 'West' GROUP BY 1 ORDER BY 1"


@pytest.fixture
def ws(open_ws):
    return open_ws(FIX / "people.csv")


def session(ws, replies, style="tools", cycle_all=False, **settings):
    model = FakeChatModel(replies=replies, cycle=cycle_all)
    return Session(ws, Settings(**settings), chat_model=model, style=style), model


def test_one_call_answers_and_records_usage(ws):
    s, model = session(ws, [call("run_sql", usage=(120, 30), sql=BY_REGION)])
    a = s.ask("total sales per region")
    assert a.error is None and a.exit_code == 0
    assert a.result.columns == ["region", "s"]
    assert a.result.rows == [["East", 74], ["North", 66], ["South", 106]]
    assert a.sql.startswith("SELECT region")
    assert a.usage["llm_calls"] == 1 and a.usage["prompt_tokens"] == 120 and a.usage["completion_tokens"] == 30
    assert [st["tool"] for st in a.steps] == ["run_sql"] and a.steps[0]["error"] is None
    assert a.narrative == "Highest s: South (106); lowest: North (66). 3 rows."
    # the system prompt carries the schema; the tools were bound natively with tool_choice auto
    system = model.requests[0][0][0].content
    assert "people" in system and "sales" in system
    assert model.bound[0]["tool_choice"] == "auto"
    assert {t["function"]["name"] for t in model.bound[0]["tools"]} >= {"run_sql", "respond"}


def test_bad_column_is_fed_back_with_a_suggestion_and_repaired(ws):
    s, model = session(ws, [call("run_sql", sql="SELECT sum(sale) FROM people"),
                            call("run_sql", sql="SELECT sum(sales) AS total FROM people")])
    a = s.ask("total sales")
    assert a.exit_code == 0 and a.result.rows == [[277]]
    assert a.steps[0]["error"] and a.steps[1]["error"] is None
    feedback = model.requests[1][0][-1]
    assert feedback.type == "tool" and "sales" in feedback.content  # the suggestion reached the model
    assert "did you mean" in feedback.content.lower() or "candidate" in feedback.content.lower()
    assert a.narrative == "total: 277."


def fresh_failure(messages, kwargs):
    """A different failing query each time (an identical repeat stops the loop earlier)."""
    return call("run_sql", sql=f"SELECT nope{len(messages)} FROM people")


def test_at_most_three_repairs_then_cannot_answer(ws):
    s, model = session(ws, [fresh_failure], cycle_all=True)
    a = s.ask("something impossible")
    assert a.exit_code == 1 and a.error["type"] == "cannot_answer"
    assert len(model.requests) == 4  # the first try and three repairs
    assert "failed attempts" in a.error["message"] and "nope" in a.error["message"]
    assert a.usage["llm_calls"] == 4


def test_at_most_eight_steps(ws, monkeypatch):
    from dsagent import loop

    s, model = session(ws, [fresh_failure], cycle_all=True)
    monkeypatch.setattr(loop, "MAX_REPAIRS", 100)
    a = s.ask("loop forever")
    assert a.exit_code == 1 and len(model.requests) == 8
    assert "8 steps" in a.error["message"]


def test_the_same_failing_call_is_sampled_once_then_stops_early(ws):
    s, model = session(ws, [call("run_sql", sql="SELECT nope FROM people")], cycle_all=True)
    a = s.ask("something impossible")
    assert a.exit_code == 1 and len(model.requests) == 3
    assert "repeated a failing call" in a.error["message"] and "nope" in a.error["message"]
    # greedy until the model repeats itself, then sampled, and told that this query failed before
    assert [kw.get("temperature") for _, kw in model.requests] == [None, None, 0.7]
    # the sampled attempt starts over: the failed call is not in view, the error is a note to the question
    third = model.requests[2][0]
    assert [m.type for m in third] == ["system", "human"]
    assert third[-1].content.startswith("something impossible") and "An earlier attempt failed" in third[-1].content
    assert "nope" in third[-1].content


def test_a_repeat_that_is_sampled_into_a_different_query_can_still_answer(ws):
    bad = call("run_sql", sql="SELECT nope FROM people")
    s, model = session(ws, [bad, bad, call("run_sql", sql="SELECT count(*) AS n FROM people")])
    a = s.ask("how many people")
    assert a.exit_code == 0 and a.result.rows == [[24]] and len(model.requests) == 3


def test_python_raw_strings_and_double_escaped_quotes_in_model_sql_are_undone(ws):
    s, _ = session(ws, [prose("SELECT count(*) AS n FROM people WHERE regexp_matches(region, r&amp;#39;^N&amp;#39;)")],
                   style="forced")
    a = s.ask("how many customers are in regions starting with N?")
    assert a.exit_code == 0 and a.result.rows == [[8]]
    assert "REGEXP_MATCHES(region, '^N')" in a.sql


def test_forced_style_parses_the_action_and_unescapes_entities(ws):
    s, model = session(ws, [act("run_sql", {"sql": "SELECT count(*) AS n FROM people WHERE region = &#39;North&#39;"})],
                       style="forced")
    a = s.ask("how many customers in the North? (no model)")  # two tools offered: the forced action
    assert a.exit_code == 0 and a.result.rows == [[8]]
    assert "'North'" in a.sql
    bound = model.bound[0]
    assert bound["tool_choice"] == {"type": "function", "function": {"name": "act"}}
    assert [t["function"]["name"] for t in bound["tools"]] == ["act"]
    enum = bound["tools"][0]["function"]["parameters"]["properties"]["tool"]["enum"]
    assert "run_sql" in enum and "respond" in enum


def test_forced_style_repair_is_sent_as_plain_turns(ws):
    s, model = session(ws, [act("run_sql", {"sql": "SELECT sum(sale) FROM people"}),
                            act("run_sql", {"sql": "SELECT sum(sales) FROM people"})], style="forced")
    a = s.ask("total sales, no model")
    assert a.exit_code == 0
    ai, human = model.requests[1][0][-2:]
    # llama.cpp's function-calling template drops tool messages and refuses empty assistant content
    assert ai.type == "ai" and not ai.tool_calls and ai.content.startswith("act {") and "sum(sale)" in ai.content
    assert human.type == "human" and "sales" in human.content


def test_forced_style_history_is_plain_turns(ws):
    s, model = session(ws, [act("run_sql", {"sql": "SELECT sum(sales) AS s FROM people"}),
                            act("run_sql", {"sql": "SELECT avg(sales) AS s FROM people"})], style="forced")
    s.ask("total sales")
    s.ask("and the mean?")
    sent = model.requests[1][0]
    assert [m.type for m in sent] == ["system", "human", "ai", "human", "human"]
    assert sent[2].content.startswith('act {"tool": "run_sql"') and sent[3].content.startswith("Result: ")


def test_respond_is_a_clarifying_text_answer(ws):
    s, _ = session(ws, [respond("Which year do you mean?")])
    a = s.ask("sales last year")
    assert a.exit_code == 1 and a.result.kind == "text" and a.narrative == "Which year do you mean?"
    assert a.error["type"] == "not_answered"
    assert a.sql is None


def test_forced_respond(ws):
    s, _ = session(ws, [act("respond", {}, text="¿Qué columna?")], style="forced")
    a = s.ask("¿cuál es la media?")
    assert a.result.text == "¿Qué columna?"


def test_prose_sql_is_rescued_and_plain_prose_is_repaired(ws):
    s, model = session(ws, [prose("Sure! Here is how."), prose("```sql\nSELECT max(sales) AS m FROM people\n```")])
    a = s.ask("largest sale")
    assert a.exit_code == 0 and a.result.rows == [[23]]
    assert model.requests[1][0][-1].type == "human" and "one DuckDB SELECT query" in model.requests[1][0][-1].content


def test_unknown_tool_gets_a_suggestion(ws):
    s, model = session(ws, [call("run_sq", sql="SELECT 1"), call("run_sql", sql="SELECT count(*) AS n FROM people")])
    a = s.ask("count")
    assert a.exit_code == 0
    assert "Did you mean run_sql" in model.requests[1][0][-1].content


def test_follow_up_sees_the_previous_turn_as_messages(ws):
    s, model = session(ws, [call("run_sql", sql=BY_REGION), call("run_sql", sql=BY_REGION + " DESC")])
    s.ask("sales per region")
    s.ask("now sorted descending")
    sent = model.requests[1][0]
    types = [m.type for m in sent]
    assert types[:5] == ["system", "human", "ai", "tool", "human"]
    assert sent[1].content == "sales per region" and sent[2].tool_calls[0]["name"] == "run_sql"
    assert "row_count" in sent[3].content and sent[4].content == "now sorted descending"


def test_empty_result_is_checked_once_then_accepted(ws):
    q = "SELECT name FROM people WHERE region = 'west'"
    s, model = session(ws, [call("run_sql", sql=q), call("run_sql", sql=q)])
    a = s.ask("customers in the west")
    assert a.exit_code == 0 and a.result.row_count == 0 and len(model.requests) == 2
    feedback = model.requests[1][0][-1].content
    assert "no rows" in feedback
    # the filter whose value the data does not hold, and the values it does hold
    assert "No row of people has region = 'west'; its most common values: " in feedback
    assert "'West'" in feedback and "'North'" in feedback
    # said to the person too (agent/sql/after.py): the filter that matched nothing and the data's values
    assert a.narrative == ("No rows match: no row has region = 'west'; the most common values of region are "
                           "'North', 'South', 'East', 'West'.")


def test_a_result_of_nulls_only_is_checked_once_like_an_empty_one(ws):
    """avg over rows a misspelt filter removed is one row of NULL: the model is told, with the values
    the data holds, and its corrected query is the answer."""
    bad = "SELECT avg(sales) AS s FROM people WHERE region = 'west'"
    good = "SELECT avg(sales) AS s FROM people WHERE region = 'West'"
    s, model = session(ws, [call("run_sql", sql=bad), call("run_sql", sql=good)])
    a = s.ask("average sales in the west")
    feedback = model.requests[1][0][-1].content
    assert feedback.startswith("The query ran but returned no rows with a value: every value it returned is NULL")
    assert "No row of people has region = 'west'" in feedback and "'West'" in feedback
    assert a.exit_code == 0 and a.result.rows[0][0] is not None and "'West'" in a.sql


def test_a_result_of_nulls_only_that_stands_is_no_answer(ws):
    bad = "SELECT avg(sales) AS s FROM people WHERE region = 'west'"
    s, model = session(ws, [call("run_sql", sql=bad), call("run_sql", sql=bad)])
    a = s.ask("average sales in the west")
    assert len(model.requests) == 2 and a.result is None and a.error["type"] == "no_value" and a.exit_code == 1
    assert a.narrative.startswith("No value (s is NULL in every row): no row has region = 'west'")


def test_an_empty_sample_is_not_questioned(ws):
    """No filter to check: a small sample (system sampling of a small table is often empty) may hold
    no rows, and that is the answer."""
    s, model = session(ws, [call("run_sql", sql="SELECT * FROM people USING SAMPLE 0 ROWS")])
    a = s.ask("a sample of no people")
    assert a.exit_code == 0 and len(model.requests) == 1 and a.result.row_count == 0


def test_empty_result_feedback_sends_no_values_in_privacy_mode_schema(ws):
    q = "SELECT name FROM people WHERE region = 'west'"
    s, model = session(ws, [call("run_sql", sql=q), call("run_sql", sql=q)], privacy="schema")
    s.ask("customers in the west")
    feedback = model.requests[1][0][-1].content
    assert "no rows" in feedback and "North" not in feedback and "most common values" not in feedback


def test_spanish_narrative(ws):
    s, _ = session(ws, [call("run_sql", sql="SELECT region, count(*) AS n FROM people GROUP BY 1")])
    a = s.ask("¿cuántos clientes hay por región?")
    assert a.narrative == "Mayor recuento: North (8); menor: West (3). 4 filas."  # COUNT(*) AS n, in words


def test_forced_style_asks_a_sql_only_question_for_plain_sql(ws):
    """Only run_sql fits: the small model is asked for the query itself, no JSON action around it."""
    s, model = session(ws, [prose("```sql\nSELECT count(*) AS n FROM people WHERE region = &#39;North&#39;\n```")],
                       style="forced")
    a = s.ask("how many customers in the North?")
    assert a.exit_code == 0 and a.result.rows == [[8]] and "'North'" in a.sql
    assert model.bound == []  # no tools bound, no tool_choice
    system = model.requests[0][0][0]
    assert system.type == "system" and "Reply with exactly one read-only query" in system.content


def test_a_plain_reply_that_is_another_statement_is_run_or_refused_by_the_guard(ws):
    """SUMMARIZE, EXPLAIN or SHOW TABLES written as the reply run; SET is refused with the guard's reason."""
    s, model = session(ws, [prose("SUMMARIZE people")], style="forced")
    a = s.ask("show summary statistics of the people table")
    assert a.exit_code == 0 and a.result.columns[:2] == ["column_name", "column_type"]
    s, model = session(ws, [prose("SET threads = 10;"), respond("Settings cannot be changed here.")], style="forced")
    a = s.ask("use ten threads")
    assert "SET is not allowed: it changes settings" in model.requests[1][0][-1].content


def test_sql_only_repair_is_a_plain_turn_asking_for_the_corrected_query(ws):
    s, model = session(ws, [prose("SELECT sum(sale) FROM people"), prose("SELECT sum(sales) AS s FROM people")],
                       style="forced")
    a = s.ask("total sales")
    assert a.exit_code == 0 and a.result.rows == [[277]]
    ai, human = model.requests[1][0][-2:]
    assert ai.type == "ai" and "sum(sale)" in ai.content
    assert human.type == "human" and "corrected DuckDB SELECT query" in human.content and "sales" in human.content


def test_forced_style_chart_request_forces_the_compact_chart_schema(ws, tmp_path):
    s, model = session(ws, [call("make_chart", kind="bar", x="region", y="sales", aggregate="sum")],
                       style="forced", output_dir=str(tmp_path))
    a = s.ask("plot total sales by region")
    assert a.exit_code == 0 and a.result.kind == "chart"
    bound = model.bound[0]
    assert bound["tool_choice"] == {"type": "function", "function": {"name": "make_chart"}}
    assert [t["function"]["name"] for t in bound["tools"]] == ["make_chart"]
    system = model.requests[0][0][0].content
    assert "kind=bar x=region" in system and "sales" in system  # the chart guidance and the table


def test_narrative_names_extremes_only_for_grouped_results():
    from dsagent.narrative import narrate
    from dsagent.tools.sql import TableResult

    rows = [["a", 2.5], ["b", None], ["c", 0.5]]  # a value hidden by the reviewer is skipped
    grouped = TableResult(columns=["k", "avg_x"], rows=rows, row_count=3, truncated=False,
                          query="SELECT k, avg(x) AS avg_x FROM t GROUP BY k")
    raw = TableResult(columns=["k", "x"], rows=rows, row_count=3, truncated=False, query="SELECT k, x FROM t")
    assert narrate(grouped, "average x by k") == "Highest avg_x: a (2.5); lowest: c (0.5). 3 rows."
    assert narrate(raw, "show k and x") == "3 rows with k, x."
    one = TableResult(columns=["k", "x"], rows=rows[:1], row_count=1, truncated=False, query="SELECT k, x FROM t")
    assert narrate(one, "show k and x") == "1 row with k, x."
    assert narrate(one, "muestra k y x") == "1 fila con k, x."


@pytest.mark.slow
def test_a_request_ends_within_its_budget_answered_or_declined(ws, monkeypatch):
    """Each call within its own limit, but repairs after repairs on a slow server: the whole request
    still ends at its budget (REQUEST_BUDGET_FACTOR x --timeout for a real server)."""
    import time

    from dsagent import loop
    from dsagent.llm.deadline import GRACE_S

    def slow_failure(messages, kwargs):
        time.sleep(0.4)
        return fresh_failure(messages, kwargs)

    monkeypatch.setattr(loop, "MIN_CALL_SECONDS", 0.05)
    s, model = session(ws, [slow_failure], cycle_all=True)
    s.backend.request_budget_s = 1.0
    started = time.monotonic()
    a = s.ask("total sales")
    elapsed = time.monotonic() - started
    assert a.exit_code == 1 and "no answer within the request's 1 s budget" in a.error["message"]
    assert elapsed < 1.0 + GRACE_S + 0.6
    assert len(model.requests) <= 3  # without the budget: four failing attempts (MAX_REPAIRS + 1)


def test_the_offline_planner_shows_a_failed_steps_error_without_the_models_repair_instructions(ws, monkeypatch):
    from dsagent.errors import UserError
    from dsagent.tools.base import get_tool

    def failing(self, ws, args, ctx):
        raise UserError("The table 'people' is locked by another process.")

    monkeypatch.setattr(type(get_tool("run_sql")), "run", failing)
    a = Session(ws, Settings(provider="offline")).ask("total sales per region")
    text = a.result.text
    assert "locked by another process" in text
    assert "Fix the call" not in text and "respond if it cannot be done" not in text
