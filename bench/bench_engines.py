"""Questions over a 10M-row table on PostgreSQL (and the same questions on Spark local).

PostgreSQL: a throwaway server (tests/engine_servers.py) gets a table of ROWS rows generated on the
server; five questions go through `dsagent ask URL ... --json` as separate processes, and the SQL
dsagent ran there goes through `psql -c` as separate processes. Reported per question: the whole-
process wall time of each, the ratio, and dsagent's peak RSS (ru_maxrss of the child), which shows
that nothing was pulled. Then the five in one chat (one process, a fresh home), each against its psql
process; and the import floor: a process that only imports the drivers, sqlglot and pydantic.
Spark: the same questions over a Parquet copy registered on a local Spark Connect server
(--spark-rows rows): answers and times.

dsagent runs as an installed package does: its bytecode is compiled once (into a private
PYTHONPYCACHEPREFIX, by one untimed warm-up question with a home of its own), not on every process
as it would be under PYTHONDONTWRITEBYTECODE=1 from an editable install; --as-is keeps this shell's
environment instead. The first timed question finds no cached facts (a fresh DSAGENT_HOME), so it
computes the schema card and the linker's columns; the next ones reuse them. The load average is
recorded with the figures: the machine may be shared.

Run: python bench/bench_engines.py [--rows 10000000] [--spark-rows 1000000] [--no-spark] [--as-is]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from engine_servers import READER_PASSWORD, PgServer, SparkServer  # noqa: E402

QUESTIONS = [
    "how many rows are in events",
    "average amount by region",
    "total qty per channel",
    "maximum amount",
    "count of events by region and channel",
]

# Generated on the server: region (5 values), channel (3), amount, qty, day.
_CREATE = """
CREATE TABLE shop.events AS
SELECT g AS id,
       (ARRAY['north','south','east','west','centre'])[1 + (g * 7919) % 5] AS region,
       (ARRAY['web','store','phone'])[1 + (g * 104729) % 3] AS channel,
       round(((g * 2654435761) % 100000) / 100.0, 2)::numeric(10,2) AS amount,
       1 + (g * 40503) % 20 AS qty,
       DATE '2024-01-01' + ((g * 31) % 366)::int AS day
FROM generate_series(1::bigint, {rows}) AS g
"""


def _child(cmd: list[str], env: dict) -> tuple[float, str, str, int]:
    """Wall seconds, stdout, stderr and the peak RSS in MB of one child process."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:3]} exited {proc.returncode}: {proc.stderr.strip()[:300]}")
    return seconds, proc.stdout, proc.stderr, rss_mb


def _dsagent(args: list[str], env: dict) -> tuple[float, dict, int]:
    # a fresh interpreter per question, measured alone: ru_maxrss of RUSAGE_CHILDREN is a running
    # maximum, so each dsagent run goes through a small wrapper that reports its own child's peak
    wrapper = ("import resource,subprocess,sys,json;"
               "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
               "sys.stderr.write(p.stderr);"
               "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
               "print(json.dumps({'out':p.stdout,'rc':p.returncode,"
               "'rss':u.ru_maxrss//1024,'cpu':u.ru_utime+u.ru_stime}))")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "dsagent.cli", *args], env=env,
                          capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - started
    box = json.loads(proc.stdout)
    if box["rc"] not in (0, 1):
        raise RuntimeError(f"dsagent exited {box['rc']}: {proc.stderr.strip()[:300]}")
    answer = json.loads(box["out"])
    answer["_cpu_s"] = round(box["cpu"], 2)
    return seconds, answer, box["rss"]


def _child_env(as_is: bool, **extra: str) -> dict:
    """The environment of the dsagent processes: bytecode compiled once, as an installed package's."""
    env = dict(os.environ, **extra)
    if not as_is:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.mkdtemp(), "pyc")
    return env


def _warm_up(args: list[str], env: dict, as_is: bool) -> None:
    """One untimed question under a home of its own: writes the bytecode, caches no facts for the timed runs."""
    if not as_is:
        _dsagent(args, dict(env, DSAGENT_HOME=tempfile.mkdtemp()))


def bench_postgres(rows: int, as_is: bool = False) -> list[dict]:
    server = PgServer()
    try:
        with server.admin() as admin:
            admin.execute("CREATE SCHEMA shop")
            t = time.perf_counter()
            admin.execute(_CREATE.replace("{rows}", str(int(rows))))  # the SQL has % of its own
            admin.execute("ANALYZE shop.events")
            print(f"loaded {rows:,} rows in {time.perf_counter() - t:.1f} s", file=sys.stderr)
            admin.execute(f"CREATE ROLE reader LOGIN PASSWORD '{READER_PASSWORD}'")
            admin.execute("GRANT USAGE ON SCHEMA shop TO reader")
            admin.execute("GRANT SELECT ON shop.events TO reader")
            admin.execute("ALTER ROLE reader SET search_path = shop, public")
        env = _child_env(as_is, PGPASSWORD=READER_PASSWORD, DSAGENT_HOME=tempfile.mkdtemp())
        url = server.url()
        _warm_up(["ask", url, QUESTIONS[0], "--json", "--timeout", "600"], env, as_is)
        from dsagent.data.workspace import Workspace

        os.environ["PGPASSWORD"] = READER_PASSWORD
        ws = Workspace.open([url])
        out = []
        psql = str(Path("/usr/lib/postgresql/15/bin/psql")) if Path("/usr/lib/postgresql/15/bin/psql").exists() else "psql"
        for question in QUESTIONS:
            seconds, answer, rss = _dsagent(["ask", url, question, "--json", "--timeout", "600"], env)
            engine_sql = ws.remote.translate(answer["sql"])
            psql_seconds, stdout, _, _ = _child([psql, "-X", "-A", "-t", "-d", url, "-c", engine_sql], env)
            out.append({"question": question, "sql": answer["sql"], "engine_sql": engine_sql,
                        "dsagent_s": round(seconds, 2), "dsagent_cpu_s": answer["_cpu_s"],
                        "psql_s": round(psql_seconds, 2),
                        "ratio": round(seconds / psql_seconds, 2), "dsagent_peak_rss_mb": rss,
                        "rows": answer["result"]["rows"][:3], "psql_first_line": stdout.strip().splitlines()[:1]})
            print(json.dumps(out[-1]), file=sys.stderr)
        ws.close()
        for row, seconds in zip(out, _chat_seconds(url, env)):
            row["chat_s"] = seconds
            row["chat_ratio"] = round(seconds / row["psql_s"], 2)
        return out
    finally:
        server.stop()


# The same questions asked in one chat (one process, one connection, a fresh home: the first question
# computes the facts): what each costs once the process is up, against a psql process per question.
CHAT_CODE = """
import json, sys, time
from dsagent.config import load_settings
from dsagent.data.workspace import Workspace
from dsagent.session import Session
ws = Workspace.open([sys.argv[1]])
session = Session(ws, load_settings())
seconds = []
for question in json.loads(sys.argv[2]):
    started = time.perf_counter()
    session.ask(question)
    seconds.append(round(time.perf_counter() - started, 3))
print(json.dumps(seconds))
"""


def _chat_seconds(url: str, env: dict) -> list[float]:
    env = dict(env, DSAGENT_HOME=tempfile.mkdtemp())
    proc = subprocess.run([sys.executable, "-c", CHAT_CODE, url, json.dumps(QUESTIONS)], env=env,
                          capture_output=True, text=True, timeout=900, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _import_floor() -> float:
    """Median wall seconds of a Python process that only imports what a PostgreSQL ask must (the
    drivers, the SQL parser, the validation library): the cost no process-per-question tool avoids."""
    code = "import psycopg, duckdb, sqlglot, pydantic, sqlglot.generators.duckdb, sqlglot.generators.postgres"
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return round(sorted(times)[2], 3)


def bench_spark(rows: int, as_is: bool = False) -> list[dict]:
    import duckdb

    folder = Path(tempfile.mkdtemp())
    path = folder / "events.parquet"
    duckdb.connect().execute(f"""COPY (SELECT g AS id, ['north','south','east','west','centre'][1 + (g * 7919) % 5] AS region,
        ['web','store','phone'][1 + (g * 104729) % 3] AS channel,
        round(((g * 2654435761) % 100000) / 100.0, 2)::DECIMAL(10,2) AS amount, 1 + (g * 40503) % 20 AS qty,
        DATE '2024-01-01' + ((g * 31) % 366)::INT AS day FROM range(1, {int(rows) + 1}) t(g)) TO '{path}' (FORMAT parquet)""")
    t = time.perf_counter()
    server = SparkServer()
    print(f"Spark Connect server up in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    try:
        from pyspark.sql import SparkSession

        admin = SparkSession.builder.remote(server.url).create()
        admin.sql("CREATE DATABASE shop")
        admin.sql(f"CREATE TABLE shop.events USING parquet LOCATION '{path}'")
        admin.client.close()
        env = _child_env(as_is, DSAGENT_HOME=tempfile.mkdtemp())
        _warm_up(["ask", server.url, QUESTIONS[0], "--json", "--tables", "shop.*", "--timeout", "600"], env, as_is)
        out = []
        for question in QUESTIONS:
            seconds, answer, rss = _dsagent(["ask", server.url, question, "--json", "--tables", "shop.*",
                                             "--timeout", "600"], env)
            out.append({"question": question, "sql": answer["sql"], "dsagent_s": round(seconds, 2),
                        "dsagent_cpu_s": answer["_cpu_s"], "dsagent_peak_rss_mb": rss, "rows": (answer.get("result") or {}).get("rows", [])[:3],
                        "error": answer.get("error")})
            print(json.dumps(out[-1]), file=sys.stderr)
        return out
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="Writes bench/results/engines.json; prints the summary.")
    parser.add_argument("--rows", type=int, default=10_000_000, help="rows of the PostgreSQL table")
    parser.add_argument("--spark-rows", type=int, default=1_000_000, help="rows of the Spark table")
    parser.add_argument("--no-spark", action="store_true", help="PostgreSQL only")
    parser.add_argument("--as-is", action="store_true",
                        help="run dsagent in this shell's environment (no compiled-once bytecode, no warm-up)")
    args = parser.parse_args()
    load_before = os.getloadavg()
    report = {"postgres": bench_postgres(args.rows, args.as_is)}
    if not args.no_spark:
        report["spark"] = bench_spark(args.spark_rows, args.as_is)
    pg = report["postgres"]
    total_d = sum(r["dsagent_s"] for r in pg)
    total_p = sum(r["psql_s"] for r in pg)
    report["summary"] = {"rows": args.rows, "dsagent_total_s": round(total_d, 2), "psql_total_s": round(total_p, 2),
                         "ratio": round(total_d / total_p, 2),
                         "dsagent_cpu_total_s": round(sum(r["dsagent_cpu_s"] for r in pg), 2),
                         "max_peak_rss_mb": max(r["dsagent_peak_rss_mb"] for r in pg),
                         "chat_total_s": round(sum(r["chat_s"] for r in pg), 2),
                         "chat_ratio": round(sum(r["chat_s"] for r in pg) / total_p, 2),
                         "import_floor_s": _import_floor(),
                         "bytecode": "as is" if args.as_is else "compiled once",
                         "load_average_before": [round(x, 2) for x in load_before],
                         "load_average_after": [round(x, 2) for x in os.getloadavg()]}
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "engines.json").write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    print(json.dumps(report["summary"]))


if __name__ == "__main__":
    main()
