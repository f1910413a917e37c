"""Terminal control sequences in data are shown as escapes, never obeyed; data is never rich markup.

Before, `ask` and `schema` printed `\\x1b]0;TITLE\\x07` (retitles the terminal) and `\\x1b[2J` (clears
it) raw from cells and column names, and a value such as `[/b]` in a narrative or an error line was
parsed as rich markup.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from dsagent.cli import cli
from dsagent.render.visible import visible

HOSTILE = "\x1b]0;TITLE\x07x"


@pytest.fixture
def hostile_csv(tmp_path):
    path = tmp_path / "ctl.csv"
    path.write_bytes(b'id,name\x1b[2J,note\n1,"\x1b]0;TITLE\x07x","[/b] a\x1b[31mred\x1b[0m"\n'
                     b'2,b,"c\rd \xe2\x80\xae rtl"\n3,"[bold]x[/bold]",ok\n')
    return path


def _no_control(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text and "\u202e" not in text, repr(text)


@pytest.mark.parametrize("argv", [
    ["ask", "{p}", "SELECT * FROM ctl"],
    ["ask", "{p}", "SELECT * FROM ctl", "--max-rows", "1"],
    ["schema", "{p}"],
    ["profile", "{p}"],
    ["sql", "{p}", "SELECT * FROM ctl", "--run"],
    ["ask", "{p}", "SELECT nosuch FROM ctl"],
    ["ask", "{p}", "how many rows per note"],
])
def test_nothing_from_the_data_drives_the_terminal(argv, hostile_csv, capsys):
    code = cli([a.replace("{p}", str(hostile_csv)) for a in argv])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), err
    _no_control(out)
    _no_control(err)
    assert "Traceback" not in out + err


def test_the_escapes_are_visible_where_the_values_were(hostile_csv, capsys):
    assert cli(["ask", str(hostile_csv), "SELECT * FROM ctl"]) == 0
    out, _ = capsys.readouterr()
    assert "name\\x1b[2J" in out and "\\x1b]0;TITLE\\x07x" in out and "[/b] a\\x1b[31mred" in out
    assert "[bold]x[/bold]" in out  # printed as text, not as bold


def test_an_error_line_names_the_column_with_its_escapes(hostile_csv, capsys):
    assert cli(["ask", str(hostile_csv), "SELECT nosuch FROM ctl"]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "name\\x1b[2J" in err


def test_visible_escapes_every_control_but_the_line_break():
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("tab\there\rthen") == "tab\\there\\rthen"
    assert visible("bidi\u202ereversed\u2066") == "bidi\\u202ereversed\\u2066"
    assert visible("c1\x9bx del\x7f") == "c1\\x9bx del\\x7f"
    assert visible("two\nlines") == "two\nlines"
    assert visible("José — ok") == "José — ok"


@pytest.mark.slow
def test_chat_shows_escapes_too(hostile_csv, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "dsagent.cli", "chat", str(hostile_csv), "--provider", "offline"],
                          input="SELECT * FROM ctl\n/tables\nSELECT nosuch FROM ctl\n", capture_output=True,
                          text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    _no_control(proc.stdout)
    _no_control(proc.stderr)
    assert "\\x1b]0;TITLE" in proc.stdout
