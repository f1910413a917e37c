"""List and string bombs stay inside --memory-limit and --timeout, in `ask`, `sql --run` and `chat`.

Each case runs the real command in a subprocess under a hard address-space ceiling (so a broken
limit fails the test instead of the machine) and measures the child's peak resident memory
(os.wait4) and its wall time. The bounds are generous for a loaded machine and far below what the
bombs reached before: `len(range(1e8))` ran 37 s to 7.2 GB under `--timeout 5 --memory-limit 1GB`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HARD_CEILING = 6 * 1024 ** 3  # the test's own ceiling on the child: far above what a held limit needs
PEAK_RSS_MAX = 1.7 * 1024 ** 3  # --memory-limit 1GB: DuckDB's limit, the process's allowance, slack
TIMEOUT_S = 3
WALL_MAX_S = 20.0  # start-up (2-4 s here), the time limit, a second of interrupts, exit


@pytest.fixture(scope="module")
def people(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bombs") / "people.csv"
    lines = ["id,name,email"] + [f"{i},Person {i},p{i}@example.com" for i in range(200)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (HARD_CEILING, HARD_CEILING))


def _run(args: list[str], cwd: Path, stdin: str = "") -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, peak RSS in bytes, wall seconds) of `dsagent ARGS`."""
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "dsagent.cli", *args], cwd=cwd, env=env,
                                stdin=subprocess.PIPE, stdout=out, stderr=err, preexec_fn=_limit_child)
        proc.stdin.write(stdin.encode())
        proc.stdin.close()
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > 120:  # far past any bound: stop it, the test fails below
                proc.kill()
            time.sleep(0.05)
        wall = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                usage.ru_maxrss * 1024, wall)


def _limits(extra: list[str] | None = None) -> list[str]:
    return ["--timeout", str(TIMEOUT_S), "--memory-limit", "1GB", *(extra or [])]


# A size written in the statement: refused by the guard before anything runs (exit 2, one line).
LITERAL = ["SELECT len(range(100000000)) AS n", "SELECT len(range(1e9)) AS n", "SELECT len(repeat('x', 1e9))"]
# A size DuckDB reads only while running: the runtime ceiling stops it (exit 1, one line).
RUNTIME = ["SELECT len(range((SELECT 1000000000))) AS n",
           "SELECT sum(len(repeat(name, 10000000))) FROM people",
           "SELECT length(string_agg('xxxxxxxxxx', '')) FROM range(1000000000)",
           "SELECT len(list(range)) FROM range(1000000000)"]


def _bounded(rss: float, wall: float, wall_max: float = WALL_MAX_S) -> None:
    assert rss < PEAK_RSS_MAX, f"peak RSS {rss / 1e9:.2f} GB"
    assert wall < wall_max, f"{wall:.1f} s"


@pytest.mark.parametrize("sql", LITERAL)
def test_ask_refuses_a_literal_bomb(sql, people, tmp_path):
    code, out, err, rss, wall = _run(["ask", str(people), sql, *_limits()], tmp_path)
    assert code == 2, err
    assert err.count("\n") == 1 and "in memory" in err
    _bounded(rss, wall)


@pytest.mark.parametrize("sql", RUNTIME)
def test_ask_stops_a_runtime_bomb(sql, people, tmp_path):
    code, out, err, rss, wall = _run(["ask", str(people), sql, *_limits()], tmp_path)
    assert code == 1, err
    said = out + err  # "could not answer: ..." is part of the answer, on stdout
    assert "limit" in said and ("memory" in said or "time limit" in said), said
    assert "Traceback" not in said
    _bounded(rss, wall)


def test_a_bomb_interrupts_cannot_reach_ends_at_the_time_limit(people, tmp_path):
    """repeat() of 1e9 characters is one function call: DuckDB never sees the interrupt inside it.
    With room in memory it would run ~35 s; the command answers at the time limit and exits."""
    sql = "SELECT len(repeat('x', (SELECT 1000000000)))"
    code, out, err, rss, wall = _run(["ask", str(people), sql, "--timeout", str(TIMEOUT_S), "--memory-limit", "4GB"],
                                     tmp_path)
    assert code == 1, err
    assert "time limit" in out + err
    assert wall < WALL_MAX_S, f"{wall:.1f} s"


@pytest.mark.parametrize("sql", [LITERAL[1], RUNTIME[0]])
def test_sql_run_is_bounded(sql, people, tmp_path):
    code, out, err, rss, wall = _run(["sql", str(people), sql, "--run", *_limits()], tmp_path)
    assert code in (1, 2), err
    assert err.startswith("dsagent: error: ") and err.count("\n") == 1
    _bounded(rss, wall)


def test_chat_survives_every_bomb(people, tmp_path):
    script = "\n".join([LITERAL[1], RUNTIME[0], RUNTIME[1], "SELECT len(repeat('x', (SELECT 1000000000)))",
                        "SELECT count(*) AS n FROM people"]) + "\n"
    code, out, err, rss, wall = _run(["chat", str(people), "--provider", "offline", *_limits()], tmp_path, script)
    assert code == 0, err
    assert "Traceback" not in out + err
    assert out.count("could not answer") >= 4
    assert "200" in out.split("SELECT count(*) AS n FROM people")[-1]
    _bounded(rss, wall, 2 * WALL_MAX_S)
