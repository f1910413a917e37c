"""Benchmark: `dsagent schema` on a 10M-row, 10-column table as CSV and as Parquet, against DuckDB's
own SUMMARIZE on the same files, plus `dsagent --help` start-up time.

    python bench/bench_schema.py                 # 10M rows (CPU heavy: a few minutes on 2 cores)
    python bench/bench_schema.py --rows 1000000  # a quicker look

Data goes to bench/data/ (git-ignored) and is generated once by DuckDB (seeded). Every measurement
is a fresh process timed with /usr/bin/time (wall seconds, peak RSS); the schema cache is pointed at
an empty folder each time, so every card is computed cold. Targets (issue 2): Parquet card < 3 s and
< 1 GB peak RSS; CSV within 2x of DuckDB's SUMMARIZE; --help < 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def generate(rows: int) -> tuple[Path, Path]:
    import duckdb

    DATA.mkdir(parents=True, exist_ok=True)
    parquet, csv = DATA / f"wide10_{rows}.parquet", DATA / f"wide10_{rows}.csv"
    if parquet.exists() and csv.exists():
        return csv, parquet
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("SELECT setseed(0.42)")
    con.execute(f"""
        CREATE TABLE t AS SELECT
            range AS id,
            DATE '2020-01-01' + CAST(range % 1461 AS INTEGER) AS day,
            ['North', 'South', 'East', 'West'][1 + range % 4] AS region,
            'cat_' || CAST(hash(range) % 50 AS VARCHAR) AS category,
            round(random() * 1000, 2) AS amount,
            CAST(1 + hash(range * 7) % 9 AS INTEGER) AS quantity,
            random() < 0.3 AS promo,
            CASE WHEN random() < 0.05 THEN NULL ELSE round(random() * 100, 1) END AS score,
            'customer_' || CAST(hash(range * 13) % 1000000 AS VARCHAR) AS customer,
            md5(CAST(range AS VARCHAR)) AS token
        FROM range({rows})""")
    con.execute(f"COPY t TO '{parquet}' (FORMAT parquet)")
    con.execute(f"COPY t TO '{csv}' (FORMAT csv, HEADER)")
    con.close()
    return csv, parquet


def timed(argv: list[str], env: dict | None = None) -> dict:
    """Run argv in a fresh process; wall seconds and peak RSS from /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", out.name, *argv]
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        if done.returncode != 0:
            raise SystemExit(f"failed: {' '.join(argv)}\n{done.stderr[-2000:]}")
        wall, user, system, rss_kb = out.read().split()[-4:]
    return {"seconds": float(wall), "cpu_seconds": round(float(user) + float(system), 2),
            "peak_rss_mb": round(int(rss_kb) / 1024, 1)}


def dsagent_schema(path: Path, threads: int | None) -> dict:
    home = tempfile.mkdtemp(prefix="dsagent-bench-home-")
    env = {**os.environ, "DSAGENT_HOME": home}
    argv = [sys.executable, "-m", "dsagent.cli", "schema", str(path), "--json"]
    if threads:
        argv += ["--threads", str(threads)]
    try:
        return timed(argv, env)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def duckdb_summarize(path: Path, threads: int | None) -> dict:
    setup = f"con.execute('SET threads = {threads}'); " if threads else ""
    code = ("import duckdb; con = duckdb.connect(); con.execute('SET enable_progress_bar = false'); " + setup
            + f"con.execute(\"SUMMARIZE SELECT * FROM '{path}'\").fetchall()")
    return timed([sys.executable, "-c", code])


MATERIALISE_CODE = """
import json, resource, sys, time
from dsagent.data.workspace import Workspace
path, limit = sys.argv[1], int(sys.argv[2])
t = time.perf_counter()
ws = Workspace.open([path], materialise_max_bytes=limit)
opened = time.perf_counter() - t
name = next(iter(ws.tables))
queries = []
for sql in (f"SELECT region, sum(amount) FROM {name} GROUP BY 1",
            f"SELECT count(*) FROM {name} WHERE quantity > 5",
            f"SELECT category, avg(score) FROM {name} GROUP BY 1 ORDER BY 2 DESC LIMIT 5"):
    t = time.perf_counter()
    ws.query(sql)
    queries.append(round(time.perf_counter() - t, 3))
print(json.dumps({"storage": ws.tables[name].storage, "open_s": round(opened, 3), "query_s": queries,
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def materialise_vs_scan(path: Path) -> dict:
    """Open + three typical queries, with the CSV copied into DuckDB and scanned in place."""
    out = {}
    for label, limit in (("materialised", 1 << 62), ("scanned", 0)):
        done = subprocess.run([sys.executable, "-c", MATERIALISE_CODE, str(path), str(limit)],
                              capture_output=True, text=True, check=True)
        out[label] = json.loads(done.stdout)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads for both sides (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is kept")
    parser.add_argument("--materialise", action="store_true",
                        help="instead: open + 3 queries on the CSV, copied into DuckDB vs scanned in place")
    args = parser.parse_args(argv)
    csv, parquet = generate(args.rows)
    if args.materialise:
        print(json.dumps({"rows": args.rows, "csv_mb": round(csv.stat().st_size / 2**20, 1),
                          **materialise_vs_scan(csv)}, indent=2))
        return
    results: dict = {"rows": args.rows, "cores": os.cpu_count(), "load_average_before": os.getloadavg()[0], "csv_mb": round(csv.stat().st_size / 2**20, 1),
                     "parquet_mb": round(parquet.stat().st_size / 2**20, 1)}
    for label, path in (("parquet", parquet), ("csv", csv)):
        ours = min((dsagent_schema(path, args.threads) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        ref = min((duckdb_summarize(path, args.threads) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        results[label] = {"dsagent_schema": ours, "duckdb_summarize": ref,
                          "ratio": round(ours["seconds"] / ref["seconds"], 2)}
    results["help"] = min((timed([sys.executable, "-m", "dsagent.cli", "--help"]) for _ in range(5)),
                          key=lambda r: r["seconds"])
    results["targets_met"] = {
        "parquet_under_3s": results["parquet"]["dsagent_schema"]["seconds"] < 3,
        "parquet_under_1gb": results["parquet"]["dsagent_schema"]["peak_rss_mb"] < 1024,
        "csv_within_2x_summarize": results["csv"]["ratio"] <= 2,
        "help_under_0_3s": results["help"]["seconds"] < 0.3,
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
