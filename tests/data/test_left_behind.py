"""A run that is ended leaves nothing behind: no .part file, no temporary folder.

Before, SIGTERM or SIGHUP during `/export` left a `.part` file (only SIGINT cleaned up), and killed
runs left empty DuckDB temporary folders in /tmp.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_export_leaves_no_part_file(sig, tmp_path):
    data = tmp_path / "t.csv"
    data.write_text("x\n1\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "dsagent.cli", "chat", str(data), "--provider", "offline"],
                            cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            text=True)
    proc.stdin.write("SELECT range AS n, md5(range::VARCHAR) AS h FROM range(40000000)\n/export big.csv\n")
    proc.stdin.flush()
    started = time.monotonic()
    while not list(tmp_path.glob(".big.csv.*.part")) and time.monotonic() - started < 90 and proc.poll() is None:
        time.sleep(0.05)
    assert list(tmp_path.glob(".big.csv.*.part")), "the export never started"
    tmp_dirs = [p for p in Path(tempfile.gettempdir()).glob(f"dsagent-duckdb-{proc.pid}-*")]
    assert tmp_dirs
    proc.send_signal(sig)
    assert proc.wait(30) == 128 + sig
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))
    assert not (tmp_path / "big.csv").exists()
    assert not any(p.exists() for p in tmp_dirs)


def test_a_killed_runs_temporary_folder_is_removed_by_the_next_run(tmp_path, make_csv, open_ws):
    """SIGKILL cannot be caught: the next workspace removes the folder of a process that is gone."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = Path(tempfile.mkdtemp(prefix=f"dsagent-duckdb-{pid}-"))
    (stale / "spill.tmp").write_bytes(b"x" * 10)
    alive = Path(tempfile.mkdtemp(prefix=f"dsagent-duckdb-{os.getppid()}-"))  # a running process: kept
    try:
        open_ws(make_csv("t.csv", "x\n1\n"))
        assert not stale.exists()
        assert alive.exists()
    finally:
        import shutil

        shutil.rmtree(stale, ignore_errors=True)
        shutil.rmtree(alive, ignore_errors=True)
