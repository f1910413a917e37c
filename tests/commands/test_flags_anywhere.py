"""Flags anywhere on the command line: between the data files, after the question, before them."""

from __future__ import annotations

import json
import shutil

import pytest

from dsagent.cli import build_parser, cli, parse
from conftest import FIXTURES

PEOPLE = str(FIXTURES / "agent" / "people.csv")


@pytest.fixture
def two_files(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    shutil.copy(PEOPLE, a)
    shutil.copy(PEOPLE, b)
    return str(a), str(b)


def test_a_flag_between_the_data_and_the_question(capsys, two_files):
    a, b = two_files
    code = cli(["ask", a, b, "--json", "SELECT count(*) AS n FROM b"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["result"]["rows"] == [[24]]  # every row of b.csv


@pytest.mark.parametrize("argv", [
    ["ask", "a.csv", "--json", "b.csv", "q", "--allow", "D1"],
    ["ask", "--json", "a.csv", "b.csv", "--allow", "D1", "q"],
    ["ask", "a.csv", "b.csv", "q", "--json", "--allow", "D1"],
])
def test_every_order_parses_the_same(argv):
    args = parse(build_parser(), argv)
    assert args.command == "ask" and args.data == ["a.csv", "b.csv"] and args.question == "q"
    assert args.json is True and args.allow == ["D1"]


def test_an_option_value_is_not_taken_for_data():
    args = parse(build_parser(), ["schema", "a.csv", "--prompt", "how many", "b.csv"])
    assert args.data == ["a.csv", "b.csv"] and args.prompt == "how many"


def test_memory_actions_take_flags_anywhere():
    args = parse(build_parser(), ["memory", "list", "--json", "a.csv", "b.csv"])
    assert (args.command, args.action, args.data, args.json) == ("memory", "list", ["a.csv", "b.csv"], True)


def test_a_missing_question_is_still_bad_usage(capsys):
    with pytest.raises(SystemExit) as exc:
        parse(build_parser(), ["ask", "a.csv"])
    assert exc.value.code == 2
    assert "required: question" in capsys.readouterr().err


def test_version_and_no_command_keep_working(capsys):
    assert cli([]) == 2
    with pytest.raises(SystemExit):
        cli(["--version"])
    assert "dsagent" in capsys.readouterr().out
