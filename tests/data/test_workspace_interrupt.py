"""A running query can be cancelled (Ctrl-C or another thread) or timed out; the workspace lives on.

No timing asserts: the query below would run for hours, so it can only end by being stopped; the
helper waits until the query's worker thread exists before interrupting, and the workspace repeats
its interrupt until the worker is gone, so an interrupt that lands early is not lost.
"""

from __future__ import annotations

import _thread
import threading

import pytest

from dsagent.errors import QueryCancelled, QueryTimeout

ENDLESS = "SELECT count(*) FROM range(10000000000000) t WHERE hash(t.range) % 7 = 3"
SAFETY_NET_S = 120  # only reached if cancelling is broken: then the test fails with QueryTimeout


@pytest.fixture
def ws(make_csv, open_ws):
    return open_ws(make_csv("n.csv", "x\n1\n2\n"), threads=1)


def _when_query_runs(action) -> threading.Thread:
    # this test's own query thread: one an earlier test left running (abandoned) must not trigger the
    # action before this query starts, where the interrupt could be absorbed
    earlier = {t for t in threading.enumerate() if t.name == "dsagent-query"}

    def wait_then_act():
        for _ in range(100_000):
            if any(t.name == "dsagent-query" and t.is_alive() and t not in earlier for t in threading.enumerate()):
                action()
                return
            threading.Event().wait(0.01)

    helper = threading.Thread(target=wait_then_act, daemon=True)
    helper.start()
    return helper


def test_keyboard_interrupt_cancels_the_query_not_the_program(ws):
    helper = _when_query_runs(_thread.interrupt_main)
    with pytest.raises(QueryCancelled) as info:
        ws.query(ENDLESS, timeout_s=SAFETY_NET_S)
    assert not isinstance(info.value, QueryTimeout)
    helper.join()
    assert ws.query("SELECT sum(x) FROM n").rows == [[3]]


def test_interrupt_from_another_thread(ws):
    helper = _when_query_runs(ws.interrupt)
    with pytest.raises(QueryCancelled) as info:
        ws.query(ENDLESS, timeout_s=SAFETY_NET_S)
    assert not isinstance(info.value, QueryTimeout)
    helper.join()
    assert ws.query("SELECT sum(x) FROM n").rows == [[3]]


def test_interrupt_when_idle_does_not_cancel_the_next_query(ws):
    ws.interrupt()
    assert ws.query("SELECT 42").rows == [[42]]


def test_time_limit_raises_query_timeout(ws):
    with pytest.raises(QueryTimeout, match="time limit"):
        ws.query(ENDLESS, timeout_s=0.3)
    assert ws.query("SELECT sum(x) FROM n").rows == [[3]]


def test_time_limit_applies_to_fetch_df_and_scalar(ws):
    with pytest.raises(QueryTimeout):
        ws.scalar(ENDLESS, timeout_s=0.2)
    with pytest.raises(QueryTimeout):
        ws.fetch_df(ENDLESS, timeout_s=0.2)
    assert ws.scalar("SELECT count(*) FROM n") == 2
