"""Does DuckDB's interrupt() reach a query? Run SQL on a bare connection, interrupt after N seconds.

    python bench/bench_interrupt.py "SELECT len(range(100000000))" 1 [memory_limit]

prints when the interrupt was sent, how the query ended, when, and the peak RSS. Used for the
numbers in docs/data.md ("What DuckDB's memory_limit and interrupt() do not reach"). No dsagent code
is involved: this measures DuckDB alone.
"""

from __future__ import annotations

import resource
import sys
import threading
import time

import duckdb


def main() -> None:
    sql, after = sys.argv[1], float(sys.argv[2])
    limit = sys.argv[3] if len(sys.argv) > 3 else "1GB"
    con = duckdb.connect(config={"memory_limit": limit})
    started = time.monotonic()

    def stop() -> None:
        time.sleep(after)
        print(f"interrupt sent at {time.monotonic() - started:.2f} s", flush=True)
        con.interrupt()

    threading.Thread(target=stop, daemon=True).start()
    try:
        outcome = repr(con.execute(sql).fetchall()[:1])
    except duckdb.Error as exc:
        outcome = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ended at {time.monotonic() - started:.2f} s with {outcome}; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
