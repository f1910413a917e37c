"""The guard's size rule (dsagent.sql.sizes): one value built from constants may not outgrow the
memory limit. Cases live in tests/fixtures/sql/sizes.jsonl, judged under --memory-limit 1GB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES
from dsagent.data.memory import budget_bytes, parse_size
from dsagent.errors import SqlRejected, UserError
from dsagent.sql.guard import guard_sql
from dsagent.sql.sizes import Limits

CASES = [json.loads(line) for line in (FIXTURES / "sql" / "sizes.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    from dsagent.data.workspace import Workspace

    path = tmp_path_factory.mktemp("sizes") / "people.csv"
    path.write_text("id,name\n1,Ana\n2,Luis\n", encoding="utf-8")
    workspace = Workspace.open([str(path)], memory_limit="1GB")
    yield workspace
    workspace.close()


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_size_rule(case, ws):
    if case["refused"]:
        with pytest.raises(SqlRejected) as info:
            guard_sql(case["sql"], ws)
        message = str(info.value)
        assert "in memory" in message and "(1GB)" in message
    else:
        guard_sql(case["sql"], ws)


def test_the_bound_follows_the_memory_limit(tmp_path):
    from dsagent.data.workspace import Workspace

    path = tmp_path / "t.csv"
    path.write_text("x\n1\n", encoding="utf-8")
    sql = "SELECT len(range(3000000))"
    with Workspace.open([str(path)], memory_limit="1GB") as small:
        with pytest.raises(SqlRejected):
            guard_sql(sql, small)
    with Workspace.open([str(path)], memory_limit="8GB") as big:
        guard_sql(sql, big)


def test_limits_scale_with_memory():
    one = Limits.for_memory(parse_size("1GB"), "1GB")
    four = Limits.for_memory(parse_size("4GB"), "4GB")
    assert abs(four.list_elements - 4 * one.list_elements) <= 4
    assert four.text_chars == 4 * one.text_chars


@pytest.mark.parametrize("text,expected", [
    ("1GB", 10 ** 9), ("1GiB", 2 ** 30), ("512MB", 512 * 10 ** 6), ("1.5GB", 15 * 10 ** 8), (" 2 gb ", 2 * 10 ** 9),
    ("1TB", 10 ** 12),
])
def test_parse_size(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["lots", "3", "0GB", "-1", "-1GB", "1 parsec", "", "1e9", "100KB", 3, None])
def test_parse_size_refuses(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_a_workspace_refuses_a_bad_memory_limit():
    from dsagent.data.workspace import Workspace

    with pytest.raises(UserError, match="memory limit"):
        Workspace(memory_limit="lots")


def test_budget_leaves_room_for_the_process():
    assert budget_bytes("1GB") == 10 ** 9 + 256 * 1024 * 1024
    assert budget_bytes("8GB") == 8 * 10 ** 9 + 2 * 10 ** 9
