"""The offline planner as a chat model: one tool call per request, honest refusals, follow-ups, speed."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from dsagent.offline.chat_model import OfflinePlanner
from dsagent.offline.plan_sql import tool_call
from conftest import REPO

REPO = REPO
PASSENGERS = REPO / "examples" / "data" / "passengers.csv"


def planned(model, messages) -> tuple[str, dict]:
    """(tool name, args) of the one tool call the planner answers `messages` with, through `invoke`."""
    call = model.invoke(messages).tool_calls[0]
    return call["name"], call["args"]


@pytest.fixture
def planner(open_ws):
    ws = open_ws(PASSENGERS)
    return ws, OfflinePlanner.for_workspace(ws)


def test_one_tool_call_with_the_run_sql_shape(planner):
    ws, model = planner
    reply = model.invoke([SystemMessage("schema ..."), HumanMessage("survival rate by sex")])
    assert isinstance(reply, AIMessage)
    assert len(reply.tool_calls) == 1
    call = reply.tool_calls[0]
    assert call["name"] == "run_sql" and set(call["args"]) == {"sql"} and call["id"]
    assert reply.response_metadata["confident"] is True
    rows = ws.query(call["args"]["sql"]).rows
    # a rate is answered in percent
    assert {r[0] for r in rows} == {"female", "male"} and all(0 <= r[1] <= 100 for r in rows) and any(r[1] > 1 for r in rows)


def test_bind_tools_is_accepted(planner):
    _, model = planner
    bound = model.bind_tools([{"type": "function", "function": {"name": "run_sql", "parameters": {}}}],
                             tool_choice="auto")
    assert bound.invoke([HumanMessage("how many passengers")]).tool_calls[0]["name"] == "run_sql"


def test_after_a_tool_error_it_responds_and_never_loops(planner):
    _, model = planner
    messages = [HumanMessage("survival rate by sex"),
                AIMessage(content="", tool_calls=[{"name": "run_sql", "args": {"sql": "SELECT 1"}, "id": "c1"}]),
                ToolMessage(content="Binder Error: column 'survivd' not found", tool_call_id="c1")]
    reply = model.invoke(messages)
    assert reply.tool_calls[0]["name"] == "respond"
    assert "survivd" in reply.tool_calls[0]["args"]["text"]


def test_a_fault_of_the_grammar_declines_and_runs_nothing(planner, monkeypatch):
    """A bug in a rule (an AttributeError deep in the grammar) must not end the person's request with a
    traceback: the planner declines, names the fault, and the hybrid parse hands the request on."""
    import dsagent.offline.planner as planner_module

    _, model = planner

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'key'")

    monkeypatch.setattr(planner_module, "assign_roles", broken)
    name, args = planned(model, [HumanMessage("survival rate by sex")])
    assert name == "respond" and "could not read this request" in args["text"] and "AttributeError" in args["text"]
    name, args = planned(model, [HumanMessage("tasa de supervivencia por sexo")])
    assert name == "respond" and "no pudo leer" in args["text"]
    assert model.parse("survival rate by sex") is None
    with pytest.raises(AttributeError):  # the benchmarks see the fault itself
        model.planner.plan_messages([HumanMessage("survival rate by sex")])


def test_after_an_empty_result_note_it_lets_the_result_stand(planner):
    _, model = planner
    messages = [HumanMessage("passengers older than 200"),
                AIMessage(content="", tool_calls=[{"name": "run_sql", "args": {"sql": "SELECT 1"}, "id": "c1"}]),
                ToolMessage(content="The query ran but returned no rows. If no rows is the right answer, repeat "
                                    "the same call.", tool_call_id="c1")]
    call = model.invoke(messages).tool_calls[0]
    assert call["name"] == "respond" and "failed" not in call["args"]["text"]


def test_not_understood_says_what_and_offers_working_rephrasings(planner):
    _, model = planner
    call = model.invoke([HumanMessage("average fare of the kids by deck")]).tool_calls[0]
    assert call["name"] == "respond"
    text = call["args"]["text"]
    assert "'kids'" in text and "'deck'" in text and "Understood" in text
    tries = re.findall(r'^  "([^"]+)"$', text.split("Try, for example:")[1], flags=re.M)
    assert 2 <= len(tries) <= 3
    columns = {"sex", "age", "pclass", "fare", "embarked", "survived"}
    for t in tries:  # each suggestion uses real columns and is itself answered
        assert any(c in t for c in columns)
        assert model.invoke([HumanMessage(t)]).tool_calls[0]["name"] != "respond", t


def test_spanish_request_gets_a_spanish_answer(planner):
    _, model = planner
    text = model.invoke([HumanMessage("¿cuál es la tarifa media de los niños?")]).tool_calls[0]["args"]["text"]
    assert "No entendí" in text and "Prueba" in text and "'ninos'" in text


def test_follow_ups_change_the_previous_request(planner):
    ws, model = planner
    history = [HumanMessage("survival rate by class"),
               AIMessage(content="", tool_calls=[{"name": "run_sql", "args": {"sql": "SELECT 1"}, "id": "c1"}]),
               ToolMessage(content="3 rows", tool_call_id="c1")]
    call = model.invoke(history + [HumanMessage("ahora solo mujeres")]).tool_calls[0]
    assert call["name"] == "run_sql" and "sex = 'female'" in call["args"]["sql"] and "pclass" in call["args"]["sql"]
    chart = model.invoke(history + [HumanMessage("make it a line chart")]).tool_calls[0]
    assert chart["name"] == "make_chart"
    assert chart["args"]["kind"] == "line" and chart["args"]["x"] == "pclass" and chart["args"]["y"] == "survived"



def test_a_listing_with_a_cue_word_inside_is_a_request_of_its_own(planner):
    # 'with a' reads as 'make it with a ...' only where it opens the request: here the request names its
    # rows, and it was merged into the previous average, which then ran with its filter added
    _, model = planner
    plan = model.parse("passengers with a fare above 100", history=["average age of women"])
    sql = tool_call(plan)[1]["sql"]
    assert "avg" not in sql.lower() and "female" not in sql and "fare > 100" in sql
    follow = model.parse("with a fare above 100", history=["average age of women"])
    assert "avg(age)" in tool_call(follow)[1]["sql"] and "fare > 100" in tool_call(follow)[1]["sql"]

def test_a_failed_request_with_a_number_does_not_carry_it_into_the_next(planner):
    # 'top 5 passengers' (not understood: top by what?) was taken for the set-up of the next message, so
    # 'port with the most passengers' listed five ports
    _, model = planner
    assert model.parse("top 5 passengers") is None
    plan = model.parse("port with the most passengers", history=["top 5 passengers"])
    assert tool_call(plan)[1]["sql"].rstrip().endswith("LIMIT 1")


def test_parse_api_for_hybrid_mode(planner):
    _, model = planner
    plan = model.parse("average fare by class")
    assert plan is not None and plan.confident
    name, args = tool_call(plan)
    assert name == "run_sql" and "avg(fare)" in args["sql"]
    assert model.parse("what is the meaning of life") is None
    follow = model.parse("now only for women", history=["average fare by class"])
    assert follow is not None and "sex = 'female'" in tool_call(follow)[1]["sql"]
    typo = model.parse("average temprature by region")
    assert typo is None  # no such column in passengers: nothing close enough to guess


def test_defaults_and_typos_lower_the_confidence(open_ws, make_csv):
    ws = open_ws(make_csv("t.csv", "region,temperature,units\nNorth,1.5,3\nSouth,2.5,4\nNorth,3.0,5\n"))
    model = OfflinePlanner.for_workspace(ws)
    typo = model.parse("average temperatur by region")
    assert typo is not None and typo.confident is False and "temperature" in tool_call(typo)[1]["sql"]
    default = model.parse("temperature by region")  # no aggregate named: average, but not confident
    assert default is not None and default.confident is False
    assert model.parse("average temperature by region").confident is True


def test_quoting_accents_plurals_and_values(open_ws, make_csv):
    path = make_csv("ventas.csv", "Región,Fecha de venta,Importe total,group,Continente\n"
                                  "Norte,2024-01-05,10.5,a,Europe\nSur,2024-02-07,20.0,b,Asia\n"
                                  "Norte,2024-02-09,5.0,a,Europe\n")
    ws = open_ws(path)
    model = OfflinePlanner.for_workspace(ws)
    for question, expected in [("importe total por region", {("Norte", 15.5), ("Sur", 20.0)}),
                               ("total importe total by group", {("a", 15.5), ("b", 20.0)}),
                               ("sum of importe total in europe", {(15.5,)}),
                               ("how many rows per month", None)]:
        name, args = planned(model, [HumanMessage(question)])
        assert name == "run_sql", (question, args)
        rows = ws.query(args["sql"]).rows
        if expected is not None:
            assert {tuple(r) for r in rows} == expected, (question, args["sql"])
        else:
            assert len(rows) == 2, args["sql"]


def test_planning_is_fast(planner):
    _, model = planner
    questions = ["survival rate by sex", "average fare by class and sex", "how many women survived",
                 "histogram of age", "passengers older than 60", "tasa de supervivencia por clase",
                 "foo bar baz", "predict survival", "top 5 passengers by fare", "scatter age vs fare"] * 5
    times = []
    for q in questions:
        started = time.perf_counter()
        planned(model, [HumanMessage(q)])
        times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.05


@pytest.mark.slow
def test_import_is_light():
    code = ("import sys, dsagent.offline.chat_model\n"
            "heavy = [m for m in ('pandas', 'sklearn', 'matplotlib', 'scipy') if m in sys.modules]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_core_needs_no_langchain_model(open_ws):
    code = ("import sys\n"
            "from dsagent.offline.planner import Planner\n"
            "from dsagent.data.workspace import Workspace\n"
            f"ws = Workspace.open([{str(PASSENGERS)!r}])\n"
            "class M:\n"
            "    type = 'human'\n"
            "    content = 'average fare by class'\n"
            "name, args, confident = Planner.for_workspace(ws).plan_messages([M()])\n"
            "print(name, confident, 'langchain_core.language_models' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["run_sql", "True", "False"]


ODD = ["", "   ", "?", "¿¡", "1234", "SELECT * FROM passengers", "'", "\"unterminated", "a" * 3000, "by by by",
       "average average", "top", "last", "between", "between 1 and", "from 2020 to", "now", "make it a pie",
       "ordénalo", "🙂 survival", "survival rate by sex by class by embarked by age", "count count of of",
       "on the y axis fare", "not not not women", "total days", "sum of name", "average sex"]


def test_odd_and_shuffled_requests_never_crash_and_their_sql_runs(planner):
    import random

    from dsagent.sql.guard import guard_sql

    ws, model = planner
    rng = random.Random(7)
    base = ["survival rate by sex and class", "average fare of women in first class", "how many passengers older than 60",
            "histogram of age colored by sex", "top 5 passengers by fare", "tasa de supervivencia por clase"]
    requests = ODD + [" ".join(rng.sample(q.split(), len(q.split()))) for q in base for _ in range(8)]
    for q in requests:
        name, args = planned(model, [HumanMessage(q)])
        if name == "run_sql":
            ws.query(guard_sql(args["sql"], ws).sql, max_rows=5)
        elif name == "respond":
            assert args["text"]


def test_tool_arguments_validate_against_the_tools(planner):
    from dsagent.tools.base import get_tool

    _, model = planner
    for question in ["histogram of fare", "predict survived using age and sex", "remove duplicates",
                     "generate 100 synthetic rows balanced by sex", "describe the data", "profile the data",
                     "which generative model fits tabular data?"]:
        name, args = planned(model, [HumanMessage(question)])
        assert name != "respond", question
        get_tool(name).args_model.model_validate(args)


@pytest.mark.slow
def test_ask_json_end_to_end(tmp_path):
    out = subprocess.run([str(Path(sys.executable).parent / "dsagent"), "ask", str(PASSENGERS),
                          "survival rate by sex", "--json", "--provider", "offline"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["provider"] == "offline"
    assert answer["result"]["kind"] == "table" and answer["result"]["columns"][0] == "sex"
    assert answer["steps"][0]["tool"] == "run_sql"
