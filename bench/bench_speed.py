"""Benchmark: a whole `dsagent ask` process against a bare `python -c` DuckDB process running the
same SQL, on small and big data (issue 20).

    python bench/bench_speed.py                      # 10M-row Parquet, the bundled CSV, --help, chat
    python bench/bench_speed.py --big                # also 100M-row Parquet (~1.5 GB) and a ~5 GB CSV
    python bench/bench_speed.py --runs 1 --big --only big   # one run each of the big cases

Data is generated once by DuckDB (seeded) under bench/data/ (git-ignored), only if the disk has room
for it. Each case runs dsagent and the bare process alternately (A B A B ...), `--runs` times each
(default 5), every run a fresh process under /usr/bin/time; the table shows medians of wall seconds,
CPU seconds (user + system, all threads) and peak RSS, and the ratios. "warm" runs share one
DSAGENT_HOME whose cache an untimed run filled; "cold" runs get an empty one each time. The bare
process opens DuckDB, makes the same view dsagent makes (read_parquet / read_csv) and runs the SQL
dsagent ran (taken from its --json output).

dsagent's own modules are byte-compiled first (`compileall`): this environment sets
PYTHONDONTWRITEBYTECODE, and an installed wheel has its .pyc files. The machine's load average is
printed before and after: on a shared machine wall times vary; CPU seconds are steadier.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
RESULTS = HERE / "results"
PASSENGERS = REPO / "examples" / "data" / "passengers.csv"

ORDERS_SQL = """SELECT range AS order_id,
  ['Europe','Asia','Africa','Americas','Oceania'][1 + (hash(range) % 5)::INT] AS region,
  ['books','games','garden','food','toys','tools','music','sports'][1 + (hash(range * 3) % 8)::INT] AS category,
  round((hash(range * 7) % 100000) / 100.0, 2) AS amount,
  (1 + hash(range * 11) % 9)::INTEGER AS quantity,
  DATE '2020-01-01' + (range % 1461)::INTEGER AS order_date,
  (hash(range * 13) % 1000000)::BIGINT AS customer_id{extra}
  FROM range({rows})"""
PARQUET_BYTES_PER_ROW = 16.5  # measured: 10M rows -> 164 MB
CSV_BYTES_PER_ROW = 82  # with the 32-character note column (measured: 55M rows -> 4.28 GiB)


# ------------------------------------------------------------------ data
def _room_for(nbytes: float) -> bool:
    free = shutil.disk_usage(DATA).free
    return free > nbytes * 1.3 + 5 * 2**30  # leave others 5 GB


def generate(kind: str, rows: int) -> Path | None:
    """bench/data/orders_<rows>.<kind>, written once; None when the disk has no room for it."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"orders_{rows}.{kind}"
    if path.exists():
        return path
    estimate = rows * (PARQUET_BYTES_PER_ROW if kind == "parquet" else CSV_BYTES_PER_ROW)
    if not _room_for(estimate):
        print(f"skipped {path.name}: about {estimate / 2**30:.1f} GB needed, not enough free disk", file=sys.stderr)
        return None
    import duckdb

    print(f"generating {path.name} (about {estimate / 2**30:.1f} GB) ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    extra = ",\n  md5(CAST(range AS VARCHAR)) AS note" if kind == "csv" else ""
    tmp = path.with_suffix(path.suffix + ".tmp")
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    fmt = "(FORMAT parquet)" if kind == "parquet" else "(FORMAT csv, HEADER)"
    con.execute(f"COPY ({ORDERS_SQL.format(rows=rows, extra=extra)}) TO '{tmp}' {fmt}")
    con.close()
    os.replace(tmp, path)
    print(f"  {path.stat().st_size / 2**20:,.0f} MB in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


# ------------------------------------------------------------------ one run
def timed(argv: list[str], env: dict | None = None) -> dict:
    """A fresh process under /usr/bin/time: wall and CPU seconds, peak RSS, and its stdout."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", out.name, *argv]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if done.returncode not in (0, 1):
            raise SystemExit(f"failed ({done.returncode}): {' '.join(argv)}\n{done.stderr[-2000:]}")
        wall, user, system, rss_kb = out.read().split()[-4:]
    return {"wall": float(wall), "cpu": round(float(user) + float(system), 2), "rss_mb": round(int(rss_kb) / 1024),
            "stdout": done.stdout}


def dsagent_argv(path: Path, question: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "dsagent.cli", "ask", str(path), question, "--json", *extra]


def bare_argv(path: Path, table: str, sql: str) -> list[str]:
    scan = f"read_parquet('{path}')" if path.suffix == ".parquet" else f"read_csv('{path}')"
    code = ("import duckdb; con = duckdb.connect(); con.execute('SET enable_progress_bar = false'); "
            f"con.execute({f'CREATE VIEW {table} AS SELECT * FROM {scan}'!r}); "
            f"print(con.execute({sql!r}).fetchall())")
    return [sys.executable, "-c", code]


def _median(runs: list[dict], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 2)


def paired_case(label: str, path: Path, question: str, runs: int, cold: bool, extra: tuple[str, ...] = ()) -> dict:
    """dsagent and the bare process, alternately; medians and ratios."""
    home = tempfile.mkdtemp(prefix="dsagent-bench-home-")
    env = {**os.environ, "DSAGENT_HOME": home}
    first = timed(dsagent_argv(path, question, *extra), env)  # fills the cache; gives the SQL
    answer = json.loads(first["stdout"])
    sql = answer.get("sql")
    if not sql:
        raise SystemExit(f"{label}: dsagent gave no SQL: {first['stdout'][:500]}")
    table = _table_of(path)
    ours, bare = [], []
    for _ in range(runs):
        if cold:
            shutil.rmtree(home, ignore_errors=True)
            os.makedirs(home)
        ours.append(timed(dsagent_argv(path, question, *extra), env))
        bare.append(timed(bare_argv(path, table, sql), None))
    shutil.rmtree(home, ignore_errors=True)
    row = {"case": label, "cache": "cold" if cold else "warm", "runs": runs, "sql": sql}
    for side, got in (("dsagent", ours), ("bare", bare)):
        row[side] = {k: _median(got, k) for k in ("wall", "cpu", "rss_mb")}
    row["ratio_wall"] = round(row["dsagent"]["wall"] / max(row["bare"]["wall"], 0.01), 2)
    row["ratio_cpu"] = round(row["dsagent"]["cpu"] / max(row["bare"]["cpu"], 0.01), 2)
    return row


def _table_of(path: Path) -> str:
    from dsagent.data.naming import table_name_for
    from dsagent.data.sources import check_file

    return table_name_for(check_file(path).stem, set())


def solo_case(label: str, argv: list[str], runs: int, env: dict | None = None) -> dict:
    got = [timed(argv, env) for _ in range(runs)]
    out = {"case": label, "runs": runs, "dsagent": {k: _median(got, k) for k in ("wall", "cpu", "rss_mb")}}
    try:
        data = json.loads(got[-1]["stdout"])
        out["answer"] = (data.get("answer") or "")[:200]
    except (ValueError, AttributeError):
        pass
    return out


CHAT_CODE = """
import json, statistics, sys, time
from dsagent.config import load_settings
from dsagent.data.workspace import Workspace
from dsagent.session import Session
path, runs = sys.argv[1], int(sys.argv[2])
ws = Workspace.open([path])
session = Session(ws, load_settings())
session.ask("average amount by region")  # the first question of the chat
sql = session.ask("total amount by category").final_sql
got = {"dsagent": ([], []), "duckdb": ([], [])}
def timed(side, fn):
    t, c = time.perf_counter(), time.process_time()  # CPU of every thread, DuckDB's too
    fn()
    got[side][0].append(time.perf_counter() - t)
    got[side][1].append(time.process_time() - c)
for i in range(runs):  # alternately, each side first every other time
    pair = [("dsagent", lambda: session.ask("total amount by category")),
            ("duckdb", lambda: ws.con.execute(sql).fetchall())]
    for side, fn in pair if i % 2 == 0 else pair[::-1]:
        timed(side, fn)
print(json.dumps({side: [statistics.median(w), statistics.median(c)] for side, (w, c) in got.items()} | {"sql": sql}))
"""
CHAT_MIN_RUNS = 15  # one process, a few tenths of a second a question: cheap enough to damp the noise


def chat_case(path: Path, runs: int) -> dict:
    """The second question of one chat on the same workspace, against DuckDB's own time for its SQL on
    the same connection (wall and CPU, medians of alternating runs)."""
    home = tempfile.mkdtemp(prefix="dsagent-bench-home-")
    env = {**os.environ, "DSAGENT_HOME": home}
    runs = max(runs, CHAT_MIN_RUNS)
    done = subprocess.run([sys.executable, "-c", CHAT_CODE, str(path), str(runs)], capture_output=True, text=True,
                          env=env, check=True)
    shutil.rmtree(home, ignore_errors=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    (ours, ours_cpu), (duck, duck_cpu) = data["dsagent"], data["duckdb"]
    return {"case": f"second question in one chat, {path.name}", "runs": runs,
            "dsagent_s": round(ours, 3), "duckdb_s": round(duck, 3), "dsagent_cpu_s": round(ours_cpu, 3),
            "duckdb_cpu_s": round(duck_cpu, 3), "ratio": round(ours / max(duck, 1e-3), 2),
            "ratio_cpu": round(ours_cpu / max(duck_cpu, 1e-3), 2), "sql": data["sql"]}


# ------------------------------------------------------------------ report
def table(rows: list[dict]) -> str:
    lines = ["| case | cache | dsagent wall / CPU / RSS | bare wall / CPU / RSS | ratio wall | ratio CPU |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        if "bare" in r:
            d, b = r["dsagent"], r["bare"]
            lines.append(f"| {r['case']} | {r['cache']} | {d['wall']} s / {d['cpu']} s / {d['rss_mb']} MB | "
                         f"{b['wall']} s / {b['cpu']} s / {b['rss_mb']} MB | {r['ratio_wall']}x | {r['ratio_cpu']}x |")
        elif "ratio" in r:
            lines.append(f"| {r['case']} | warm | {r['dsagent_s']} s / {r['dsagent_cpu_s']} s CPU (in-process) | "
                         f"DuckDB alone {r['duckdb_s']} s / {r['duckdb_cpu_s']} s CPU | {r['ratio']}x | {r['ratio_cpu']}x |")
        else:
            d = r["dsagent"]
            lines.append(f"| {r['case']} | | {d['wall']} s / {d['cpu']} s / {d['rss_mb']} MB | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    global DATA
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each side per case (default 5)")
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of the Parquet file (default 10M)")
    parser.add_argument("--big", action="store_true", help="also the 100M-row Parquet and the ~5 GB CSV")
    parser.add_argument("--big-rows", type=int, default=100_000_000)
    parser.add_argument("--csv-rows", type=int, default=66_000_000, help="rows of the big CSV (~82 bytes each: 5 GiB)")
    parser.add_argument("--only", choices=["small", "big"], default=None, help="run only these cases")
    parser.add_argument("--data", default=str(DATA), help="where the generated files are kept (default bench/data; "
                        "the big ones need ~7 GB: e.g. /tmp/dsagent-bench, removed by hand afterwards)")
    parser.add_argument("--out", default=str(RESULTS / "speed.json"))
    args = parser.parse_args(argv)
    DATA = Path(args.data)

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "agent"), str(REPO / "tools"),
                    str(REPO / "prompts")], check=True, stdout=subprocess.DEVNULL)
    report: dict = {"cores": os.cpu_count(), "load_average_before": [round(x, 1) for x in os.getloadavg()],
                    "started": time.strftime("%Y-%m-%d %H:%M:%S"), "rows": []}
    rows = report["rows"]

    def add(row: dict) -> None:
        rows.append(row)
        print(table([row]).splitlines()[-1], flush=True)

    if args.only != "big":
        parquet = generate("parquet", args.rows)
        add(solo_case("dsagent --help", [sys.executable, "-m", "dsagent.cli", "--help"], args.runs))
        add(paired_case("passengers.csv (891 rows): average fare by pclass", PASSENGERS, "average fare by pclass",
                        args.runs, cold=False))
        if parquet is not None:
            label = f"{args.rows / 1e6:g}M-row Parquet: average amount by region"
            add(paired_case(label, parquet, "average amount by region", args.runs, cold=False))
            add(paired_case(label, parquet, "average amount by region", args.runs, cold=True))
            add(chat_case(parquet, args.runs))
            out_dir = tempfile.mkdtemp(prefix="dsagent-bench-out-")
            add(solo_case(f"chart over {args.rows / 1e6:g}M rows (histogram of amount: bins counted in DuckDB)",
                          dsagent_argv(parquet, "histogram of amount", "--output-dir", out_dir), 1))
            add(solo_case(f"model over {args.rows / 1e6:g}M rows (predict quantity; a 200k-row sample)",
                          dsagent_argv(parquet, "predict quantity", "--output-dir", out_dir), 1))
            shutil.rmtree(out_dir, ignore_errors=True)
    if args.big or args.only == "big":
        big = generate("parquet", args.big_rows)
        if big is not None:
            label = f"{args.big_rows / 1e6:g}M-row Parquet: average amount by region"
            add(paired_case(label, big, "average amount by region", args.runs, cold=False))
            add(paired_case(label, big, "average amount by region", 1, cold=True))
        csv = generate("csv", args.csv_rows)
        if csv is not None:
            label = f"{csv.stat().st_size / 2**30:.1f} GB CSV ({args.csv_rows / 1e6:g}M rows): average amount by region"
            add(paired_case(label, csv, "average amount by region", args.runs, cold=False))
    report["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    print()
    print(f"load average before {report['load_average_before']}, after {report['load_average_after']}; "
          f"{report['cores']} cores")
    print(table(rows))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
