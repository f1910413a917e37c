"""Benchmark: /export of a large result: time, and the process's resident memory while it streams.

Writes a seeded CSV of N rows (default 1,000,000; 6 columns: ints, doubles, text, dates) to a temp
folder, opens it as a chat would (the CSV is materialised in DuckDB), shows the result of
`SELECT * ... ORDER BY id` as an answer does (capped at 1,000 rows, the rest left unread), then
exports the full result to CSV and to Parquet with `export_query`. A thread samples VmRSS from
/proc/self/status every 10 ms; the report gives the RSS before each export and the peak during it.

    python bench/bench_export.py              # 1,000,000 rows
    python bench/bench_export.py --rows 5000000
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Peak:
    """Samples RSS in a thread between start() and stop()."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()

    def __enter__(self) -> "Peak":
        self.peak = rss_mb()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sql", default="SELECT * FROM big ORDER BY id", help="the query shown and exported")
    args = parser.parse_args()

    import duckdb

    from dsagent.data.export import export_query
    from dsagent.data.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.csv"
        duckdb.sql(f"""COPY (SELECT range AS id, (hash(range) % 1000)::INT AS k, random() AS x,
                       'text ' || (range % 977) AS label, DATE '2020-01-01' + (range % 1500)::INT AS day,
                       round(random() * 100, 2) AS amount FROM range({args.rows})) TO '{src}' (HEADER)""")
        print(f"source: {args.rows:,} rows, {src.stat().st_size / 1e6:.0f} MB CSV")
        ws = Workspace.open([str(src)])
        sql = args.sql
        shown = ws.query(sql)
        print(f"shown: {len(shown.rows):,} of {shown.row_count:,} rows; RSS after loading {rss_mb():.0f} MB")
        for fmt in ("csv", "parquet"):
            out = Path(tmp) / f"out.{fmt}"
            before = rss_mb()
            started = time.perf_counter()
            with Peak() as peak:
                export_query(ws, sql, out)
            seconds = time.perf_counter() - started
            rows = duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall()[0][0]
            print(f"{fmt:8s} {seconds:6.2f} s  RSS before {before:5.0f} MB, peak {peak.peak:5.0f} MB "
                  f"(+{peak.peak - before:.0f} MB)  {out.stat().st_size / 1e6:5.0f} MB  {rows:,} rows")
        ws.close()


if __name__ == "__main__":
    main()
