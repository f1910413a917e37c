"""`dsagent chat` driven through a real pseudo-terminal, and through a pipe, with the offline planner."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import termios
import time
from pathlib import Path

import pexpect
import pytest

from conftest import EXAMPLES

# Every test here starts dsagent (or pip) in a subprocess.
pytestmark = pytest.mark.slow


PASSENGERS = EXAMPLES / "passengers.csv"
PROMPT = "dsagent›"


def _spawn(tmp_path: Path, *data: Path, width: int = 120) -> pexpect.spawn:
    # The pty answers no cursor-position requests; tell prompt_toolkit not to wait for them.
    env = dict(os.environ, TERM="xterm", COLUMNS=str(width), LINES="40", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1")
    child = pexpect.spawn(sys.executable, ["-m", "dsagent.cli", "chat", *map(str, data), "--provider", "offline",
                                           "--output-dir", str(tmp_path / "out")],
                          cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30, dimensions=(40, width))
    child.expect(PROMPT)
    return child


def _wait_for_signals(child: pexpect.spawn, timeout: float = 10.0) -> None:
    """Until the pty turns typed control keys into signals (ISIG), as it does outside raw mode."""
    deadline = time.monotonic() + timeout
    while not termios.tcgetattr(child.child_fd)[3] & termios.ISIG:
        assert time.monotonic() < deadline, "the terminal stayed in raw mode"
        time.sleep(0.02)


def _say(child: pexpect.spawn, line: str, *expected: str) -> str:
    child.sendline(line)
    seen = ""
    for text in expected:
        child.expect_exact(text)
        seen += child.before + child.after
    child.expect(PROMPT)
    return seen + child.before


@pytest.fixture
def chat(tmp_path):
    child = _spawn(tmp_path, PASSENGERS)
    yield child
    if child.isalive():
        child.terminate(force=True)


def test_banner_lists_tables_and_provider(tmp_path):
    child = pexpect.spawn(sys.executable, ["-m", "dsagent.cli", "chat", str(PASSENGERS), "--provider", "offline"],
                          cwd=str(tmp_path), env=dict(os.environ, TERM="xterm", NO_COLOR="1", PROMPT_TOOLKIT_NO_CPR="1"),
                          encoding="utf-8", timeout=30, dimensions=(40, 120))
    child.expect(PROMPT)
    assert "passengers" in child.before and "900" in child.before
    assert "provider: offline" in child.before
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_question_follow_up_and_sql(chat):
    out = _say(chat, "average fare by pclass", "avg_fare")
    assert "GROUP BY" in out
    out = _say(chat, "now only for women", "avg_fare")
    assert "female" in out
    out = _say(chat, "/sql postgres", "SELECT")
    assert "female" in out and "GROUP BY" in out
    out = _say(chat, "/history", "now only for women")
    assert "average fare by pclass" in out


def test_every_slash_command(chat, tmp_path):
    out = _say(chat, "/help", "/export")
    for name in ("/tables", "/schema", "/profile", "/sql", "/history", "/undo", "/review", "/provider",
                 "/privacy", "/log", "/clear", "/quit"):
        assert name in out
    assert "900" in _say(chat, "/tables", "passengers")
    assert "fare" in _say(chat, "/schema passengers", "pclass")
    _say(chat, "/profile", "passengers")
    _say(chat, "/provider", "provider: offline")
    assert "schema" in _say(chat, "/privacy schema", "privacy:")
    _say(chat, "/privacy masked", "masked")
    _say(chat, "/log", "nothing sent to any model")
    _say(chat, "/review", "no answer yet")
    _say(chat, "/undo", "no cleaned version yet")
    _say(chat, "average fare by embarked", "embarked")
    _say(chat, "/review", "D1")  # two passengers have no port: an average from a tiny group
    # the reviewer hid the tiny group's average on screen: the file would hold it, so only when asked
    _say(chat, "/export by_port.csv", "not exported", "--raw writes them anyway")
    assert not (tmp_path / "by_port.csv").exists()
    _say(chat, "/export by_port.csv --raw", "saved", "with the values the reviewer withheld")
    exported = tmp_path / "by_port.csv"
    rows = list(csv.reader(exported.open()))
    assert rows[0] == ["embarked", "avg_fare"] and len(rows) >= 4
    _say(chat, "/export by_port.csv --raw", "already exists")  # never overwrites
    _say(chat, "/allow D1", "D1 overridden")
    _say(chat, "/expotr x.csv", "Did you mean /export")
    _say(chat, "/clear")
    chat.sendline("/quit")
    chat.expect(pexpect.EOF)


def test_errors_do_not_end_the_session(chat):
    _say(chat, "SELECT nosuchcolumn FROM passengers", "Unknown column")
    out = _say(chat, "how many passengers are there", "900")
    assert "count" in out.lower()


def test_ctrl_c_cancels_a_slow_query_and_the_chat_goes_on(chat):
    chat.sendline("SELECT count(*) FROM passengers a, passengers b, passengers c, passengers d")
    chat.expect("thinking")  # the spinner is up: the query is running
    # Ctrl-C is a signal only once the terminal has left prompt_toolkit's raw mode; before that the
    # key is read as a character. Wait for the terminal's own state, not for a guessed time.
    _wait_for_signals(chat)
    chat.sendintr()
    chat.expect_exact("cancelled")
    chat.expect(PROMPT)
    out = _say(chat, "how many passengers are there", "900")
    assert "900" in out
    chat.sendeof()
    chat.expect(pexpect.EOF)


def test_piped_script_answers_each_line_and_exits(tmp_path):
    script = "how many passengers are there\naverage age by sex\n/sql\n"
    proc = subprocess.run([sys.executable, "-m", "dsagent.cli", "chat", str(PASSENGERS), "--provider", "offline"],
                          input=script, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "900" in proc.stdout
    assert "avg_age" in proc.stdout.lower() or "average" in proc.stdout.lower()
    assert proc.stdout.count("SELECT") >= 2
