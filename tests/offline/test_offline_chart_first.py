"""Chart-first sessions: `dsagent ask --chart`, `/chart on|off` in the chat, and what each provider gets."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from langchain_core.messages import HumanMessage

from conftest import EXAMPLES
from dsagent.cli import cli
from dsagent.llm.fake import FakeChatModel, call
from dsagent.llm.providers import CHART_FIRST_NOTE, Backend, prefer_charts

PASSENGERS = str(EXAMPLES / "passengers.csv")


def _ask(capsys, tmp_path, question: str, *flags: str) -> dict:
    code = cli(["ask", PASSENGERS, question, "--json", "--provider", "offline", "--output-dir", str(tmp_path),
                *flags])
    out, _ = capsys.readouterr()
    assert code == 0, out
    return json.loads(out)


def test_ask_chart_draws_a_chartable_answer(capsys, tmp_path):
    plain = _ask(capsys, tmp_path, "average fare by pclass")
    assert plain["result"]["kind"] == "table"
    drawn = _ask(capsys, tmp_path, "average fare by pclass", "--chart")
    assert drawn["result"]["kind"] == "chart"
    spec = drawn["result"]["spec"]
    assert (spec["kind"], spec["x"], spec["y"], spec["aggregate"]) == ("bar", "pclass", "fare", "mean")
    assert drawn["steps"][0]["tool"] == "make_chart"
    assert (tmp_path / drawn["result"]["path"].split("/")[-1]).exists()


def test_ask_chart_keeps_a_single_number_as_a_table(capsys, tmp_path):
    data = _ask(capsys, tmp_path, "how many passengers survived", "--chart")
    assert data["result"]["kind"] == "table" and data["result"]["rows"] == [[data["result"]["rows"][0][0]]]


def test_ask_chart_counts_one_categorical_column(capsys, tmp_path):
    data = _ask(capsys, tmp_path, "show the embarked values", "--chart")
    assert data["result"]["kind"] == "chart"
    assert (data["result"]["spec"]["x"], data["result"]["spec"]["aggregate"]) == ("embarked", "count")


def test_ask_help_documents_chart(capsys):
    with pytest.raises(SystemExit):
        cli(["ask", "--help"])
    out, _ = capsys.readouterr()
    assert "--chart" in out and "answer with a chart whenever" in " ".join(out.split())


def test_a_model_reads_the_chart_note(capsys, tmp_path, monkeypatch):
    # The fake provider answers by question: only the question followed by the note gets a chart call.
    script = {f"fare by pclass {CHART_FIRST_NOTE}": [{"tool": "make_chart", "args": {
        "kind": "bar", "table": "passengers", "x": "pclass", "y": "fare", "aggregate": "mean"}}]}
    path = tmp_path / "replies.json"
    path.write_text(json.dumps(script), encoding="utf-8")
    monkeypatch.setenv("DSAGENT_FAKE_SCRIPT", str(path))
    code = cli(["ask", PASSENGERS, "fare by pclass", "--json", "--provider", "fake", "--output-dir",
                str(tmp_path), "--chart"])
    data = json.loads(capsys.readouterr()[0])
    assert code == 0 and data["result"]["kind"] == "chart"
    assert data["question"] == "fare by pclass"  # the person's words, not the note
    code = cli(["ask", PASSENGERS, "fare by pclass", "--json", "--provider", "fake", "--output-dir", str(tmp_path)])
    data = json.loads(capsys.readouterr()[0])
    # without --chart the model saw the bare question, which has no scripted chart
    assert code != 0 and (data["result"] or {}).get("kind") != "chart"


@pytest.fixture
def ws():
    from dsagent.data.workspace import Workspace

    w = Workspace.open([PASSENGERS])
    yield w
    w.close()


def test_prefer_charts_sets_the_offline_planner(ws):
    from dsagent.offline.fast import OfflineFastPlanner

    backend = Backend("offline", OfflineFastPlanner.for_workspace(ws), "tools", remote=False)
    assert prefer_charts(backend, True) == ""  # no prose for a parser
    assert backend.model.planner.prefer == "chart"
    name, _, _ = backend.model.planner.plan_messages([HumanMessage("average age by sex")])
    assert name == "make_chart"
    prefer_charts(backend, False)
    assert backend.model.planner.plan_messages([HumanMessage("average age by sex")])[0] == "run_sql"


def test_hybrid_chart_first_offline_without_the_note_model_with_it(ws):
    from dsagent.offline.chat_model import OfflinePlanner
    from dsagent.llm.hybrid import HybridPlanner

    remote = FakeChatModel(replies=[call("respond", text="remote")])
    model = HybridPlanner(offline=OfflinePlanner.for_workspace(ws), remote=remote)
    backend = Backend("hybrid", model, "tools", remote=True)
    note = prefer_charts(backend, True)
    assert note == CHART_FIRST_NOTE and model.note == CHART_FIRST_NOTE
    reply = model.invoke([HumanMessage(f"average age by sex {note}")])
    assert reply.tool_calls[0]["name"] == "make_chart" and reply.response_metadata["planner"] == "offline"
    assert remote.requests == []
    reply = model.invoke([HumanMessage(f"which passengers look like outliers to you {note}")])
    assert reply.response_metadata["planner"] == "remote"
    assert remote.requests[-1][0][-1].content.endswith(CHART_FIRST_NOTE)


@pytest.mark.slow
def test_chat_slash_chart_toggles_charts(tmp_path):
    script = "/chart\n/chart on\naverage fare by pclass\n/chart off\naverage fare by pclass\n/chart maybe\n"
    proc = subprocess.run([sys.executable, "-m", "dsagent.cli", "chat", PASSENGERS, "--provider", "offline",
                           "--output-dir", str(tmp_path / "out")],
                          input=script, capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          env={**__import__("os").environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "charts first: off" in out and "charts first: on" in out
    assert "usage: /chart on or /chart off" in out
    charts = list((tmp_path / "out").glob("*.png"))
    assert len(charts) == 1  # drawn once (while on); the second answer is a table
    assert out.count("avg_fare") >= 1


@pytest.mark.slow
def test_chat_chart_flag_starts_with_charts_on(tmp_path):
    script = "/chart\naverage fare by pclass\n"
    proc = subprocess.run([sys.executable, "-m", "dsagent.cli", "chat", PASSENGERS, "--chart", "--provider", "offline",
                           "--output-dir", str(tmp_path / "out")],
                          input=script, capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          env={**__import__("os").environ, "NO_COLOR": "1", "COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    assert "charts first: on" in proc.stdout
    assert len(list((tmp_path / "out").glob("*.png"))) == 1


def test_hybrid_chart_first_in_forced_style_keeps_offline_tables(ws, tmp_path):
    # The note's word "chart" makes the forced style offer make_chart alone; a confident offline table
    # ("how many passengers") must not be sent into that, so hybrid adds the note only when the model may answer.
    from dsagent.config import Settings
    from dsagent.offline.chat_model import OfflinePlanner
    from dsagent.llm.hybrid import HybridPlanner
    from dsagent.session import Session

    remote = FakeChatModel(replies=[call("make_chart", kind="bar", table="passengers", x="sex", aggregate="count")],
                           cycle=True)
    session = Session(ws, Settings(output_dir=str(tmp_path)))
    session._backend = Backend("hybrid", HybridPlanner(offline=OfflinePlanner.for_workspace(ws), remote=remote),
                               "forced", remote=True)
    session.chart_first = True
    drawn = session.ask("average fare by pclass")
    assert [s["tool"] for s in drawn.steps] == ["make_chart"] and drawn.result.kind == "chart"
    table = session.ask("how many passengers")
    assert [s["tool"] for s in table.steps] == ["run_sql"] and table.result.kind == "table"
    assert remote.requests == []  # both answered offline
    session.ask("which passengers look unusual")  # not understood offline: the model, with the note
    assert remote.requests[-1][0][-1].content.endswith(CHART_FIRST_NOTE)



def test_a_kind_asked_in_an_earlier_message_is_not_replaced_by_another(open_ws):
    """Rule _kind_asked_before: 'show me a scatter plot' (nothing to draw alone), then 'show me the fare':
    a histogram of fare is not the scatter asked for, so it is asked; bars asked, then a histogram, are."""
    from dsagent.offline.planner import Planner

    ws = open_ws(PASSENGERS)
    planner = Planner.for_workspace(ws, prefer="chart")
    name, args, _ = planner.plan_messages([HumanMessage("show me a scatter plot"), HumanMessage("show me the fare")])
    assert name == "respond" and "scatter" in args["text"]
    name, args, _ = planner.plan_messages([HumanMessage("draw bars"), HumanMessage("show me the fare")])
    assert name == "make_chart" and (args["kind"], args["x"]) == ("histogram", "fare")
    name, args, _ = planner.plan_messages([HumanMessage("show me the fare")])
    assert name == "make_chart" and args["kind"] == "histogram"
