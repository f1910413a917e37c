"""bench/bench_review.py still runs against the product it measures (its timing mode broke when the
session's reviewer was renamed, and nothing noticed)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow  # a subprocess


def test_the_review_timings_run_and_show_their_findings():
    done = subprocess.run([sys.executable, str(REPO / "bench" / "bench_review.py"), "--rows", "3000", "--repeat", "1"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "D1/block" in done.stdout and "E2/warn" in done.stdout
