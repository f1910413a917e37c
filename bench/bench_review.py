"""What the ethics reviewer adds to answer time on a 1M-row table.

    /root/venv/bin/python bench/bench_review.py [--rows 1000000] [--repeat 7]

Builds a Parquet file of N rows (region with 10 big groups, plus a 3-row and a 12-row region in a
second table; income; an email column), opens it in a Workspace and times `Session.ask` on typed SQL
(guard -> run_sql -> narrative) and two plain-language questions through the offline planner, with the
reviewer switched off, then `review_result` alone on the same result (medians of `repeat` runs; the
machine is shared, so the two are timed separately),
for a grouped average (D1 re-count), a grouped count (count column, no query), a grouped average
with tiny groups (exact re-count), and 200 displayed rows holding emails (PII masking).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def make_data(folder: Path, rows: int, fmt: str = "parquet") -> tuple[Path, Path]:
    import duckdb

    con = duckdb.connect()
    big = folder / f"sales.{fmt}"
    con.execute(f"""COPY (SELECT range AS sale_id, 'r' || (range % 10) AS region,
                          ['a', 'b', 'c'][1 + range % 3] AS segment,
                          round(20000 + (hash(range) % 60000), 2) AS income,
                          'user' || range || '@example.org' AS email
                   FROM range({rows})) TO '{big}' (FORMAT {fmt})""")
    tiny = folder / f"tiny.{fmt}"
    con.execute(f"""COPY (SELECT range AS sale_id,
                          CASE WHEN range < 3 THEN 'island' WHEN range < 15 THEN 'enclave' ELSE 'r' || (range % 10) END
                            AS region, round(20000 + (hash(range) % 60000), 2) AS income
                   FROM range({rows})) TO '{tiny}' (FORMAT {fmt})""")
    con.close()
    return big, tiny


def timed(fn, repeat: int) -> float:
    fn()  # warm caches (schema, row counts) as a session would after its first question
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet",
                        help="parquet: scanned in place (a view); csv: loaded into a DuckDB table")
    parser.add_argument("--no-card", dest="card", action="store_false",
                        help="do not compute the schema cards first (D1 then counts with DuckDB)")
    args = parser.parse_args()

    import dsagent.session as session_mod
    from dsagent.config import Settings
    from dsagent.session import Session
    from dsagent.data.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        big, tiny = make_data(Path(tmp), args.rows, args.format)
        ws = Workspace.open([str(big), str(tiny)])
        settings = Settings(output_dir=str(Path(tmp) / "out"))
        cases = {
            "grouped average, 10 big groups (D1)":
                "SELECT region, avg(income) AS mean_income FROM sales GROUP BY region ORDER BY region",
            "grouped count (D1 from the count column)":
                "SELECT region, count(*) AS n FROM sales GROUP BY region ORDER BY region",
            "grouped average, 2 tiny groups (D1 exact count)":
                "SELECT region, avg(income) AS mean_income FROM tiny GROUP BY region ORDER BY region",
            "200 rows with emails (PII masking)":
                "SELECT sale_id, email, income FROM sales ORDER BY sale_id LIMIT 200",
        }
        import dsagent.ethics.groupsize as rep
        from dsagent.ethics.review import review_result
        if args.card:
            from dsagent.tools.schema.card import get_schema_card

            for table in ws.tables:  # what a session's first question does for the planner's prompt
                get_schema_card(ws, table)
        original_review = session_mod.review
        print(f"{args.rows:,} rows of {args.format}; median of {args.repeat} runs; schema cards "
              f"{'cached' if args.card else 'not computed'}\n")
        print(f"{'case':52} {'answer':>9} {'review':>8} {'added':>7}  findings")
        questions = {"offline planner: 'average income by region'": "average income by region",
                     "offline planner: 'number of sales by segment'": "number of sales by segment"}
        for name, sql in {**cases, **questions}.items():
            s = Session(ws, settings)
            session_mod.review = lambda result, ws, ctx: []
            answer_s = timed(lambda: s.ask(sql), args.repeat)
            raw = s.ask(sql).result
            session_mod.review = original_review
            ctx = s.context(sql, False)
            review_times = []
            for _ in range(args.repeat + 1):
                result = raw.model_copy(deep=True)
                rep._parse.cache_clear()  # a new question's SQL is parsed once by the reviewer
                started = time.perf_counter()
                found = review_result(result, ws, ctx)
                review_times.append(time.perf_counter() - started)
            review_s = statistics.median(review_times[1:])
            shown = ", ".join(f"{f.id}/{f.severity}" for f in found) or "-"
            print(f"{name:52} {answer_s * 1000:7.1f}ms {review_s * 1000:6.2f}ms {100 * review_s / answer_s:6.1f}%"
                  f"  {shown}")
        ws.close()


if __name__ == "__main__":
    main()
