"""The development / locked split of bench/bench_honest.py: fixed, order-free, about 40 % locked."""

from __future__ import annotations

import json
import sys

from conftest import FIXTURES, REPO

sys.path.insert(0, str(REPO / "bench"))
import bench_honest  # noqa: E402


def test_split_is_fixed_and_about_forty_percent():
    keys = [f"agg:agg{n:03d}" for n in range(1, 401)]
    share = sum(bench_honest.locked(k) for k in keys) / len(keys)
    assert 0.3 < share < 0.5
    assert [bench_honest.locked(k) for k in keys] == [bench_honest.locked(k) for k in keys]
    assert bench_honest.SEED == "dsagent-16" and bench_honest.LOCKED_PERCENT == 40


def test_honest_cases_name_their_tables():
    lines = (FIXTURES / "honest" / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    cases = [json.loads(line) for line in lines if line.strip()]
    assert len(cases) >= 100
    for case in cases:
        assert (FIXTURES / "honest" / "data" / f"{case['data']}.csv").exists()
        assert case["tool"] in ("run_sql", "make_chart")
