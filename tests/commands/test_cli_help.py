"""Every subcommand has help text; `dsagent --help` works, in-process and as a fast fresh process."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from dsagent.cli import build_parser, cli

SUBCOMMANDS = ["chat", "ask", "sql", "schema", "profile", "eval"]


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_top_level_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "usage: dsagent" in out
    for name in SUBCOMMANDS:
        assert name in out


def test_no_command_prints_help_and_exits_2(capsys):
    assert cli([]) == 2
    assert "usage: dsagent" in capsys.readouterr().out


def test_every_subcommand_has_help_text():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in action._choices_actions}
    subs = _subparsers()
    assert set(SUBCOMMANDS) <= set(subs)
    for name in subs:
        assert helps.get(name) and len(helps[name]) > 10, f"{name} has no help text"


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_subcommand_help(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli([name, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: dsagent {name}" in out
    for action in _subparsers()[name]._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, f"{name} {action.option_strings} has no help"


@pytest.mark.slow
def test_help_in_a_fresh_process_imports_nothing_heavy():
    code = ("import sys; from dsagent.cli import build_parser; build_parser().format_help(); "
            "heavy = [m for m in ('duckdb', 'pandas', 'sklearn', 'matplotlib', 'langchain_core', 'rich') "
            "if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_every_subcommand_has_a_module_that_runs():
    """The parser and the registry of command modules name the same subcommands."""
    import importlib

    from dsagent.commands import COMMANDS

    assert set(_subparsers()) == set(COMMANDS)
    for name, module in COMMANDS.items():
        assert callable(importlib.import_module(module).run), name
