"""What a person sees: the schema and profile views at 80 and 200 columns, read as text."""

from __future__ import annotations

import pytest
from rich.console import Console

from dsagent.render.answer import render_result
from dsagent.tools.schema import card as schema_mod
from dsagent.tools.base import ToolContext, get_tool


@pytest.fixture(autouse=True)
def _fresh_cache():
    schema_mod.clear_cache()


def _draw(result, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    render_result(result, console)
    return console.export_text()


@pytest.mark.parametrize("width", [80, 200])
def test_schema_view(examples, open_ws, width):
    ws = open_ws(examples / "loans.csv", examples / "shop" / "customers.csv")
    text = _draw(get_tool("describe_schema").run(ws, {}, ToolContext()), width)
    assert all(len(line) <= width for line in text.splitlines())
    assert "loans  2,000 rows · 12 columns" in text
    assert "Male (1,062), Female (938)" in text
    assert "2023-01-01 .. 2024-12-30" in text
    assert "email [EMAIL]" in text and "@example" not in text  # personal data is masked
    if width >= 110:
        assert "e.g." in text  # the samples column
    else:
        assert "all unique; e.g. A000249" in text  # samples folded into the values column


def test_schema_view_of_timestamps_and_notes(make_csv, open_ws):
    ws = open_ws(make_csv("t.csv", "at,x,x\n2024-01-01 00:00:00,1,2\n2024-01-02 10:30:00,3,4\n"))
    text = _draw(get_tool("describe_schema").run(ws, {}, ToolContext()), 120)
    assert "2024-01-01 .. 2024-01-02 10:30:00" in text
    assert "note: duplicate column names renamed: x_1" in text


@pytest.mark.parametrize("width", [80, 200])
def test_profile_view(examples, open_ws, width):
    ws = open_ws(examples / "loans.csv")
    text = _draw(get_tool("profile_data").run(ws, {}, ToolContext()), width)
    assert all(len(line) <= width for line in text.splitlines())
    assert "• employment_years: 2.3% missing" in text
    assert "Likely identifiers" in text and "application_id" in text
    assert "Outliers (1.5 x IQR)" in text
