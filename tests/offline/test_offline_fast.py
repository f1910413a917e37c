"""The `offline` provider's LangChain-free planner answers exactly as the LangChain chat model does."""

from __future__ import annotations

import pytest

import subprocess
import sys

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from conftest import EXAMPLES

QUESTIONS = ["average fare by pclass", "survival rate by sex", "histogram of age", "predict survived",
             "limpia los datos", "genera 500 filas sintéticas", "what is the meaning of life"]


def test_fast_planner_emits_the_same_calls_as_the_chat_model(open_ws):
    from dsagent.offline.chat_model import OfflinePlanner
    from dsagent.offline.fast import OfflineFastPlanner

    ws = open_ws(EXAMPLES / "passengers.csv")
    chat, fast = OfflinePlanner.for_workspace(ws), OfflineFastPlanner.for_workspace(ws)
    for question in QUESTIONS:
        a, b = chat.invoke([HumanMessage(question)]), fast.bind_tools([]).invoke([HumanMessage(question)])
        assert [(c["name"], c["args"]) for c in a.tool_calls] == [(c["name"], c["args"]) for c in b.tool_calls]
    # a follow-up reads the earlier turn the same way
    turn = [HumanMessage("average fare by pclass"),
            AIMessage(content="", tool_calls=[{"name": "run_sql", "args": {"sql": "SELECT 1"}, "id": "h0"}]),
            ToolMessage(content="3 rows", tool_call_id="h0"), HumanMessage("now only for women")]
    assert chat.invoke(turn).tool_calls[0]["args"] == fast.invoke(turn).tool_calls[0]["args"]
    assert "female" in fast.invoke(turn).tool_calls[0]["args"]["sql"]


@pytest.mark.slow
def test_offline_ask_does_not_import_the_chat_model_base_class():
    code = ("import sys; from dsagent.cli import cli; "
            f"rc = cli(['ask', {str(EXAMPLES / 'passengers.csv')!r}, 'average fare by pclass', '--json']); "
            "print('CHAT_MODELS' if 'langchain_core.language_models.chat_models' in sys.modules else 'LIGHT')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("LIGHT")
