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


def test_scoring_takes_a_month_of_one_year_as_its_date_or_its_number(open_ws, make_csv):
    ws = open_ws(make_csv("months.csv", "day,n\n2024-01-05,1\n2024-01-20,2\n2024-03-02,5\n2023-03-09,7\n"))
    table = ws.default_table()
    as_dates = ws.query(f"SELECT date_trunc('month', day) AS m, sum(n) FROM {table} WHERE year(day) = 2024 GROUP BY 1")
    as_numbers = ws.query(f"SELECT month(day) AS mes, sum(n) FROM {table} WHERE year(day) = 2024 GROUP BY 1")
    two_years = ws.query(f"SELECT date_trunc('month', day) AS m, sum(n) FROM {table} GROUP BY 1")
    months_all_years = ws.query(f"SELECT month(day) AS mes, sum(n) FROM {table} GROUP BY 1")
    other_sums = ws.query(f"SELECT month(day) AS mes, sum(n) + 1 FROM {table} WHERE year(day) = 2024 GROUP BY 1")
    assert bench_honest.same_rows(as_dates, as_numbers) and bench_honest.same_rows(as_numbers, as_dates)
    assert not bench_honest.same_rows(two_years, months_all_years)  # months of two years are no month numbers
    assert not bench_honest.same_rows(as_dates, other_sums)


def test_scoring_takes_a_chart_filter_by_the_rows_it_keeps(open_ws, make_csv):
    ws = open_ws(make_csv("crossings.csv", "Cancelled,day\nY,2024-01-05\nN,2024-02-01\nY,2023-05-05\n"))
    table = ws.default_table()
    assert bench_honest.same_where(ws, table, "\"Cancelled\" = 'Y'", "Cancelled = 'Y'")
    assert bench_honest.same_where(ws, table, "year(day) = 2024", "day >= DATE '2024-01-01'")
    assert not bench_honest.same_where(ws, table, "Cancelled = 'Y'", "Cancelled = 'N'")
    assert not bench_honest.same_where(ws, table, "Cancelled = 'Y'", None)
    assert not bench_honest.same_where(ws, table, "no_such_column = 1", "Cancelled = 'Y'")


def test_scoring_takes_a_scatter_with_its_axes_either_way_round(make_csv):
    path = make_csv("pairs.csv", "height,weight,team\n" + "".join(f"{150 + i},{50 + (i * 7) % 40},{'ab'[i % 2]}\n"
                                                                 for i in range(40)))
    cache: dict = {}
    case = {"q": "scatter of height vs weight", "args": {"kind": "scatter", "x": "height", "y": "weight"}}
    turned = {"q": case["q"], "args": {"kind": "scatter", "x": "weight", "y": "height"}}
    other = {"q": case["q"], "args": {"kind": "scatter", "x": "height", "y": "team"}}
    try:
        assert bench_honest.chart_case(cache, path, case)[1] and bench_honest.chart_case(cache, path, turned)[1]
        assert not bench_honest.chart_case(cache, path, other)[1]
    finally:
        for ws, _ in cache.values():
            ws.close()
