"""`dsagent mcp`: the SDK's own client against the server, in process (fast) and as a real subprocess (slow)."""

from __future__ import annotations

import base64
import json
import os
import sys
import time

import anyio
import pytest
from mcp import Client, MCPError, StdioServerParameters

from conftest import EXAMPLES

from dsagent.config import Settings
from dsagent.data.workspace import Workspace
from dsagent.mcp.catalog import SERVED, AskArgs
from dsagent.mcp.server import build_server
from dsagent.session import Session
from dsagent.tools.base import all_tools

LOANS = EXAMPLES / "loans.csv"
SLOW_SQL = "SELECT count(*) AS n FROM loans a, loans b, loans c WHERE a.income + b.income > c.income"
GROUPED_SQL = "SELECT region, count(*) AS n FROM loans GROUP BY region ORDER BY region"


@pytest.fixture
def served(tmp_path):
    """(Session, Workspace) over loans.csv with outputs in a temp folder."""
    ws = Workspace.open([str(LOANS)])
    settings = Settings(provider="offline", output_dir=str(tmp_path / "out"))
    yield Session(ws, settings), ws
    ws.close()


def in_process(session, calls):
    """Run `calls(client)` against the server over the SDK's in-memory transport."""
    out = {}

    async def main():
        async with Client(build_server(session)) as client:
            out["value"] = await calls(client)

    anyio.run(main)
    return out["value"]


def test_tools_listed_with_the_registry_schemas(served):
    session, _ = served

    async def calls(client):
        return (await client.list_tools()).tools

    tools = in_process(session, calls)
    assert [t.name for t in tools] == list(SERVED)
    registry = all_tools()
    for t in tools:
        model = AskArgs if t.name == "ask" else registry[t.name].args_model
        assert t.input_schema == model.model_json_schema(), t.name
        assert t.description
    read_only = {t.name for t in tools if t.annotations.read_only_hint}
    assert read_only == {"run_sql", "describe_schema", "generative_guide"}


def test_run_sql_rows_sql_and_text(served):
    session, ws = served

    async def calls(client):
        return await client.call_tool("run_sql", {"sql": GROUPED_SQL})

    result = in_process(session, calls)
    assert not result.is_error
    data = result.structured_content
    expected = ws.query(GROUPED_SQL)
    assert data["result"]["rows"] == expected.rows and data["result"]["row_count"] == 4
    assert data["sql"].startswith("SELECT region")
    assert json.loads(result.content[1].text) == data
    text = result.content[0].text
    assert "SQL:" in text and "4 rows:" in text and "region | n" in text


def test_bad_calls_are_errors_with_the_cli_messages_and_the_server_goes_on(served):
    session, ws = served
    # what `dsagent ask DATA "DROP TABLE loans"` says, from the same Session path
    refused = Session(ws, session.settings).ask("DROP TABLE loans").error["message"]

    async def calls(client):
        out = {"drop": await client.call_tool("run_sql", {"sql": "DROP TABLE loans"}),
               "typo": await client.call_tool("run_sql", {"sqll": "SELECT 1"}),
               "missing": await client.call_tool("run_sql", {}),
               "wrong_type": await client.call_tool("synthesize", {"n_rows": "many"}),
               "table": await client.call_tool("describe_schema", {"table": "loan"}),
               "file": await client.call_tool("run_sql", {"sql": "SELECT * FROM read_csv('/etc/passwd')"})}
        try:
            await client.call_tool("run_sq", {"sql": "SELECT 1"})
        except MCPError as exc:
            out["unknown"] = exc
        out["after"] = await client.call_tool("run_sql", {"sql": "SELECT count(*) AS n FROM loans"})
        return out

    out = in_process(session, calls)
    for key in ("drop", "typo", "missing", "wrong_type", "table", "file"):
        assert out[key].is_error, key
        assert "\n" not in out[key].content[0].text, key
    assert out["drop"].content[0].text == refused
    assert out["typo"].content[0].text.startswith("Invalid arguments for run_sql: unknown argument(s) sqll")
    assert out["missing"].content[0].text == "Invalid arguments for run_sql: sql: Field required"
    assert out["wrong_type"].content[0].text.startswith("Invalid arguments for synthesize: n_rows:")
    assert "unknown table 'loan'" in out["table"].content[0].text and "did you mean loans" in out["table"].content[0].text
    assert "read_csv() is not allowed" in out["file"].content[0].text  # no other file is reachable
    assert "Did you mean run_sql?" in str(out["unknown"])
    assert out["after"].structured_content["result"]["rows"] == [[2000]]


def test_clean_data_plans_unless_asked_and_applies_as_a_new_table(served, tmp_path):
    session, ws = served
    before = LOANS.read_bytes()

    asked = {"include": ["fill_missing", "clip_outliers"]}

    async def calls(client):
        default = await client.call_tool("clean_data", {})
        plan = await client.call_tool("clean_data", asked)
        tables = list(ws.tables)
        applied = await client.call_tool("clean_data", {**asked, "apply": True})
        return default, plan, tables, applied

    default, plan, tables_after_plan, applied = in_process(session, calls)
    # loans.csv has missing values and outliers: filling and clipping are offered, done when asked
    assert {o["option"] for o in default.structured_content["result"]["options"]} == set(asked["include"])
    assert plan.structured_content["result"]["plan"]
    assert plan.structured_content["result"]["applied"] is False and tables_after_plan == ["loans"]
    new = applied.structured_content["result"]
    assert new["applied"] is True and new["table"] == "loans" and new["version"] == "loans_v2"
    assert new["source_table"] == "loans_v1"
    assert list(ws.tables) == ["loans_v1", "loans"]
    assert LOANS.read_bytes() == before


def test_chart_is_an_image_with_its_spec_and_data(served):
    session, _ = served

    async def calls(client):
        return await client.call_tool("make_chart", {"kind": "bar", "x": "region", "y": "income", "aggregate": "mean"})

    result = in_process(session, calls)
    assert not result.is_error
    images = [c for c in result.content if c.type == "image"]
    assert len(images) == 1 and images[0].mime_type == "image/png"
    assert base64.b64decode(images[0].data)[:8] == b"\x89PNG\r\n\x1a\n"
    chart = result.structured_content["result"]
    assert chart["spec"]["kind"] == "bar" and chart["data"]["columns"][0] == "region"
    assert len(chart["data"]["rows"]) == 4


def test_privacy_schema_sends_no_rows_and_no_image(served):
    session, _ = served
    session.settings.privacy = "schema"

    async def calls(client):
        return (await client.call_tool("run_sql", {"sql": GROUPED_SQL}),
                await client.call_tool("make_chart", {"kind": "bar", "x": "region"}))

    table, chart = in_process(session, calls)
    assert "rows" not in table.structured_content["result"]
    assert table.structured_content["result"]["row_count"] == 4
    assert "East" not in table.content[0].text + table.content[1].text
    assert not [c for c in chart.content if c.type == "image"]
    assert "data" not in chart.structured_content["result"]


def test_masked_privacy_masks_personal_values(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("name,email,score\nAda Lovelace,ada@example.com,3\nAlan Turing,alan@example.org,4\n",
                      encoding="utf-8")
    ws = Workspace.open([str(people)])
    try:
        session = Session(ws, Settings(provider="offline", output_dir=str(tmp_path / "out")))

        async def calls(client):
            return await client.call_tool("run_sql", {"sql": "SELECT email, score FROM people"})

        result = in_process(session, calls)
    finally:
        ws.close()
    sent = result.content[0].text + result.content[1].text
    assert "ada@example.com" not in sent and "alan@example.org" not in sent


def test_calls_are_in_the_audit_log(served):
    session, _ = served

    async def calls(client):
        await client.call_tool("run_sql", {"sql": "SELECT 1 AS one"})
        await client.call_tool("run_sql", {"sql": "DELETE FROM loans"})

    in_process(session, calls)
    from dsagent.llm.audit import recent

    entries = [e for e in recent(10) if e.get("kind") == "mcp_call"]
    assert [e["tool"] for e in entries] == ["run_sql", "run_sql"]
    assert entries[0]["error"] is None and entries[0]["arguments"] == {"sql": "SELECT 1 AS one"}
    assert "DELETE" in entries[1]["error"]


# ---------------------------------------------------------------- a real `dsagent mcp` subprocess
def _server(tmp_path, *extra: str) -> StdioServerParameters:
    env = {"DSAGENT_HOME": os.environ["DSAGENT_HOME"], "DSAGENT_CONFIG": os.environ["DSAGENT_CONFIG"],
           "DSAGENT_PROVIDER": "offline", "PYTHONUNBUFFERED": "1"}
    return StdioServerParameters(command=sys.executable,
                                 args=["-m", "dsagent.cli", "mcp", str(LOANS), "--output-dir", str(tmp_path / "out"),
                                       *extra],
                                 env=env, cwd=str(tmp_path))


@pytest.mark.slow
def test_subprocess_lists_and_calls_every_tool(tmp_path):
    calls = {
        "ask": {"question": "average income by region"},
        "run_sql": {"sql": GROUPED_SQL},
        "describe_schema": {"table": "loans"},
        "make_chart": {"kind": "histogram", "x": "income"},
        "train_model": {"target": "approved", "models": ["dummy", "linear"], "folds": 0},
        "clean_data": {},
        "synthesize": {"n_rows": 50},
        "generative_guide": {"question": "which generative model for more rows of a small table?"},
    }
    results = {}

    async def main():
        async with Client(_server(tmp_path)) as client:
            names = [t.name for t in (await client.list_tools()).tools]
            assert names == list(SERVED)
            for name, arguments in calls.items():
                results[name] = await client.call_tool(name, arguments, read_timeout_seconds=120)
            results["refused"] = await client.call_tool("run_sql", {"sql": "COPY loans TO 'x.csv'"})
            results["after"] = await client.call_tool("run_sql", {"sql": "SELECT count(*) AS n FROM loans"})

    anyio.run(main)
    assert set(calls) <= set(results)
    for name in calls:
        assert not results[name].is_error, (name, results[name].content[0].text)
        assert results[name].structured_content["result"]["kind"], name
    assert results["ask"].structured_content["sql"].upper().startswith("SELECT")
    assert results["train_model"].structured_content["result"]["kind"] == "model"
    assert results["clean_data"].structured_content["result"]["applied"] is False
    assert results["synthesize"].structured_content["result"]["kind"] == "synthetic"
    assert any(c.type == "image" for c in results["make_chart"].content)
    assert results["refused"].is_error and "COPY" in results["refused"].content[0].text
    assert results["after"].structured_content["result"]["rows"] == [[2000]]


@pytest.mark.slow
def test_subprocess_cancelled_call_stops_the_query_and_the_server_goes_on(tmp_path):
    out = {}

    async def main():
        async with Client(_server(tmp_path)) as client:
            await client.call_tool("run_sql", {"sql": "SELECT 1 AS warm"})
            started = time.monotonic()
            with anyio.move_on_after(1.0) as scope:  # the SDK sends notifications/cancelled
                await client.call_tool("run_sql", {"sql": SLOW_SQL})
            out["cancelled"] = scope.cancelled_caught
            out["next"] = await client.call_tool("run_sql", {"sql": "SELECT count(*) AS n FROM loans"})
            out["seconds"] = time.monotonic() - started

    anyio.run(main)
    assert out["cancelled"]
    assert out["next"].structured_content["result"]["rows"] == [[2000]]
    # the slow query takes far longer than 60 s (the default limit); only an interrupt frees the server this soon
    assert out["seconds"] < 20
    from dsagent.llm.audit import recent

    assert any(e.get("error") == "cancelled by the client" for e in recent(10))


@pytest.mark.slow
def test_subprocess_time_limit_is_an_error_and_the_server_goes_on(tmp_path):
    out = {}

    async def main():
        async with Client(_server(tmp_path, "--timeout", "1")) as client:
            out["slow"] = await client.call_tool("run_sql", {"sql": SLOW_SQL})
            out["next"] = await client.call_tool("run_sql", {"sql": "SELECT 1 AS one"})

    anyio.run(main)
    assert out["slow"].is_error
    assert out["slow"].content[0].text == "query stopped after the 1 s time limit (raise it with --timeout)"
    assert out["next"].structured_content["result"]["rows"] == [[1]]


def test_bad_data_path_is_one_line_and_exit_2(tmp_path, capsys):
    from dsagent.cli import cli

    assert cli(["mcp", str(tmp_path / "missing.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.csv" in err
