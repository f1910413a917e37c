"""The work after a query is bounded: a result holds at most RESULT_TEXT_CHARS of text.

Before, the reviewer's personal-data scan read every character of every cell: 100 rows of 1 MB
strings took 61 s under --timeout 5. Long cells are now cut to their share, never inside a personal
value, with their full length said; and the scan's overlap check is no longer quadratic.
"""

from __future__ import annotations

import time

import pytest

from dsagent.ethics.privacy import mask_text, scan_text
from dsagent.tools.base import ToolContext, get_tool
from dsagent.tools.sql import MIN_CELL_CHARS, RESULT_TEXT_CHARS, bound_text


def test_long_cells_are_cut_to_their_share_with_their_length():
    rows = [["x" * 1_000_000, 1] for _ in range(10)]
    assert bound_text(rows) == 10
    assert sum(len(r[0]) for r in rows) <= RESULT_TEXT_CHARS + 10 * 40
    assert rows[0][0].endswith("... (1,000,000 characters in all)") and rows[0][1] == 1


def test_short_results_are_untouched():
    rows = [["short", None, 3.5]]
    assert bound_text(rows) == 0 and rows == [["short", None, 3.5]]


@pytest.mark.slow
def test_a_cell_keeps_at_least_its_floor():
    # More long cells than the budget can give MIN_CELL_CHARS each (the budget's share would be 833):
    # just past that point, not 5,000 cells, since every cut cell is scanned for personal data.
    cells = RESULT_TEXT_CHARS // MIN_CELL_CHARS * 6 // 5
    rows = [["y" * (2 * MIN_CELL_CHARS)] for _ in range(cells)]
    assert RESULT_TEXT_CHARS // cells < MIN_CELL_CHARS < len(rows[0][0])
    assert bound_text(rows) == cells
    assert all(len(r[0]) >= MIN_CELL_CHARS for r in rows)


def test_a_cut_never_splits_an_email():
    text = "z" * (RESULT_TEXT_CHARS - 10) + " leak.me.now@evil-example.org tail"
    rows = [[text, "b" * 10]]
    bound_text(rows)
    assert "evil" not in rows[0][0]


def test_run_sql_bounds_what_the_reviewer_reads(make_csv, open_ws):
    ws = open_ws(make_csv("t.csv", "x\n1\n"))
    r = get_tool("run_sql").run(ws, {"sql": "SELECT repeat('word ', 200000) AS big FROM range(20)"}, ToolContext())
    assert sum(len(row[0]) for row in r.rows) <= RESULT_TEXT_CHARS + 20 * 40


def test_many_matches_are_scanned_in_near_linear_time():
    text = "contact x@y.org " * 20_000  # 20,000 emails in one cell
    started = time.perf_counter()
    found = scan_text(text, 0.4)
    masked = mask_text(text)
    assert len(found) == 20_000 and masked.count("<EMAIL>") == 20_000
    assert time.perf_counter() - started < 20  # was quadratic: minutes
