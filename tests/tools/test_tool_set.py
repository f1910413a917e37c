"""`tool_set()`: every tool by name, each built-in module imported only when its tool is used."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dsagent.tools.base import BUILTIN_TOOLS, ToolSet, all_tools, tool_set


def test_the_table_names_what_each_module_registers():
    registered = all_tools()
    assert set(BUILTIN_TOOLS) <= set(registered)
    for name, module in BUILTIN_TOOLS.items():
        assert registered[name].fn.__module__ == module


def test_tool_set_answers_like_all_tools():
    tools = tool_set()
    assert isinstance(tools, ToolSet)
    assert list(tools)[:len(BUILTIN_TOOLS)] == list(BUILTIN_TOOLS)
    assert set(tools) == set(all_tools()) and len(tools) == len(all_tools())
    assert "run_sql" in tools and "nope" not in tools
    assert tools["make_chart"] is all_tools()["make_chart"]
    with pytest.raises(KeyError):
        tools["nope"]


@pytest.mark.slow
def test_looking_up_one_tool_imports_only_its_module():
    code = ("import sys; from dsagent.tools.base import tool_set; t = tool_set(); "
            "names = list(t); assert 'run_sql' in t; t['run_sql']; "
            "print(sorted(m for m in sys.modules if m.startswith('dsagent.tools.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    loaded = eval(out.stdout)
    assert "dsagent.tools.sql" in loaded
    for module in set(BUILTIN_TOOLS.values()) - {"dsagent.tools.sql"}:
        assert module not in loaded
