"""The `offline` provider's LangChain-free planner answers exactly as the LangChain chat model does."""

from __future__ import annotations

import pytest

import json
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


# Libraries an offline `ask` must not import unless the request uses them (issue 20): the model
# clients, LangChain itself (its message classes alone cost as much as DuckDB's import), and the
# libraries of tools other than the one that runs.
NOT_FOR_AN_OFFLINE_ASK = ("openai", "langchain_openai", "langchain_core", "requests", "httpx", "sklearn",
                          "matplotlib", "pandas", "scipy", "prompt_toolkit",
                          # and what only other sources or surfaces need: SQLite files (sqlite3), the
                          # terminal's tables and highlighted SQL (rich, pygments), frames and Arrow
                          "sqlite3", "rich", "pygments", "numpy", "pyarrow")
_MODULES_OF_AN_ASK = """
import json, sys
from dsagent.cli import cli
rc = cli(sys.argv[1:])
print(json.dumps({"rc": rc, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modules_of_ask(*args: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", _MODULES_OF_AN_ASK, "ask", *args], capture_output=True, text=True,
                         timeout=120)
    report = json.loads(out.stderr.strip().splitlines()[-1])
    assert report["rc"] == 0, out.stderr
    return set(report["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in NOT_FOR_AN_OFFLINE_ASK)


@pytest.mark.slow
def test_an_offline_ask_imports_no_model_client_langchain_or_heavy_library():
    modules = _modules_of_ask(str(EXAMPLES / "passengers.csv"), "average fare by pclass", "--json")
    assert _heavy(modules) == []
    # only the tool that ran was imported, not the chart, model or cleaning tools
    assert "dsagent.tools.sql" in modules
    assert not {"dsagent.tools.chart.tool", "dsagent.tools.model.tool", "dsagent.tools.clean.tool",
                "dsagent.tools.synth.tool", "dsagent.tools.profile"} & modules


@pytest.mark.slow
def test_a_chart_imports_matplotlib_only_because_it_draws(tmp_path):
    modules = _modules_of_ask(str(EXAMPLES / "passengers.csv"), "bar chart of average fare by pclass", "--json",
                              "--output-dir", str(tmp_path))
    assert "matplotlib" in modules and "dsagent.tools.chart.tool" in modules
    assert not {"openai", "langchain_openai", "langchain_core", "sklearn"} & {m.split(".")[0] for m in modules}


_COLLECTIONS_OF_AN_ASK = """
import gc, sys
started = []
gc.callbacks.append(lambda phase, info: started.append(info["generation"]) if phase == "start" else None)
sys.argv = ["dsagent", *sys.argv[1:]]
from dsagent.cli import main
before = len(started)  # Python's own start-up runs a few
try:
    main()
except SystemExit as done:
    from pydantic.plugin import _loader  # pydantic's cache of plugins: None until it scanned for them
    print(json.dumps({"rc": done.code, "collections": started[before:], "threshold": gc.get_threshold(),
                      "frozen": gc.get_freeze_count(), "plugins_scanned": _loader._plugins is not None}),
          file=sys.stderr)
""".replace("import gc, sys", "import gc, json, sys")


@pytest.mark.slow
def test_an_offline_ask_does_not_spend_its_time_in_the_cyclic_collector_or_plugin_scan():
    # with CPython's default threshold (700) an offline ask ran ~116 collections, walking the ~50,000
    # long-lived objects of its imports again and again: ~50 ms of a 0.5 s ask (issue 20)
    from dsagent.cli import GC_THRESHOLD

    out = subprocess.run([sys.executable, "-c", _COLLECTIONS_OF_AN_ASK, "ask", str(EXAMPLES / "passengers.csv"),
                          "average fare by pclass", "--json"], capture_output=True, text=True, timeout=120)
    report = json.loads(out.stderr.strip().splitlines()[-1])
    assert report["rc"] == 0, out.stderr
    assert tuple(report["threshold"]) == GC_THRESHOLD
    assert len(report["collections"]) <= 1 and 2 not in report["collections"], report
    # and the interpreter's exit does not walk them again either (~0.1 s of CPU): they are frozen
    assert report["frozen"] > 10_000, report
    # nor does pydantic scan every installed distribution for plugins (~10 ms; plugins see the data)
    assert report["plugins_scanned"] is False, report
