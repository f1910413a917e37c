"""What the ethics reviewer adds to answer time on a 1M-row table; with --precision, how precise it is.

    python bench/bench_review.py [--rows 1000000] [--repeat 7]
    python bench/bench_review.py --precision [--part dev|locked|fresh|all]

--precision runs the control sets of bench/review_sets.py (issue 16): tables that describe no people
must get no personal-data finding (E1/E2 on the rows shown or on a grouped answer, a column marked
personal in the schema card), and every protected attribute planted under an abbreviated or Spanish
name must be found (C1 on an answer grouped by it; `protected_columns` on the table, as the model
tool reads it). Split into dev and locked parts by review_sets.SPLIT_SEED; "fresh" is a second
locked part written after the first had been read (docs/ethics.md).

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


def _write(spec, folder: Path) -> Path:
    import csv

    path = folder / f"{spec.name}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(list(spec.columns))
        out.writerows(spec.rows())
    return path


def _personal_findings(spec, ws) -> list[str]:
    """What the reviewer says is personal in a table with no people: the rows shown, each grouped
    answer by a text column, and the schema card."""
    from dsagent.data.naming import quote_ident
    from dsagent.ethics.review import review_result
    from dsagent.tools.base import ToolContext, get_tool
    from dsagent.tools.schema.card import get_schema_card

    run = get_tool("run_sql")
    t = quote_ident(spec.name)
    said = []
    queries = [f"SELECT * FROM {t} LIMIT 50"]
    queries += [f"SELECT {quote_ident(c)}, count(*) AS n FROM {t} GROUP BY 1"
                for c, typ in ws.columns(spec.name) if str(typ).upper().startswith("VARCHAR")]
    for sql in queries:
        ctx = ToolContext()
        for f in review_result(run.run(ws, {"sql": sql}, ctx), ws, ctx):
            if f.id in ("E1", "E2"):
                said.append(f"{f.id} on {sql!r}: {f.message}")
    said += [f"schema card: {c.name} marked {c.pii}" for c in get_schema_card(ws, spec.name).columns if c.pii]
    return said


def _protected_found(spec, ws) -> dict[str, tuple[str | None, str | None]]:
    """planted column -> (attribute C1 named on an answer grouped by it, attribute the model tool reads)."""
    from dsagent.data.naming import quote_ident
    from dsagent.ethics.fairness import protected_columns
    from dsagent.ethics.review import review_result
    from dsagent.tools.base import ToolContext, get_tool

    run = get_tool("run_sql")
    frame = ws.fetch_df(f"SELECT * FROM {quote_ident(spec.name)}")
    model_view = protected_columns(frame)
    out = {}
    for col in spec.planted:
        ctx = ToolContext()
        result = run.run(ws, {"sql": f"SELECT {quote_ident(col)}, count(*) AS n FROM {quote_ident(spec.name)} "
                                     f"GROUP BY 1"}, ctx)
        c1 = [f for f in review_result(result, ws, ctx) if f.id == "C1" and f"'{col}' (" in f.message]
        said = c1[0].message.split(f"'{col}' (", 1)[1].split(")")[0] if c1 else None
        out[col] = (said, model_view.get(col))
    return out


def precision(part: str) -> None:
    """The control sets, by part: personal-data findings on tables of no people; planted attributes found."""
    import review_sets

    from dsagent.data.workspace import Workspace

    parts = {"dev": (review_sets.split(review_sets.NON_PERSON)[0], review_sets.split(review_sets.PROTECTED)[0]),
             "locked": (review_sets.split(review_sets.NON_PERSON)[1], review_sets.split(review_sets.PROTECTED)[1]),
             "fresh": (review_sets.FRESH_NON_PERSON, review_sets.FRESH_PROTECTED)}
    chosen = list(parts) if part == "all" else [part]
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            clean, planted = parts[name]
            flagged = 0
            print(f"== {name} part (seed {review_sets.SPLIT_SEED})")
            for spec in clean:
                ws = Workspace.open([str(_write(spec, Path(tmp)))])
                said = _personal_findings(spec, ws)
                ws.close()
                flagged += bool(said)
                print(f"  {spec.name:12} {'PERSONAL: ' + '; '.join(said) if said else 'no personal-data finding'}")
            total = found_c1 = found_model = right = 0
            for spec in planted:
                ws = Workspace.open([str(_write(spec, Path(tmp)))])
                found = _protected_found(spec, ws)
                ws.close()
                for col, (c1, model) in found.items():
                    total += 1
                    found_c1 += c1 is not None
                    found_model += model is not None
                    right += c1 == spec.planted[col]
                    if c1 != spec.planted[col] or model is None:
                        print(f"  {spec.name}.{col}: planted {spec.planted[col]!r}, C1 {c1!r}, model {model!r}")
            print(f"  non-person tables with a personal-data finding: {flagged}/{len(clean)}")
            print(f"  planted protected attributes found by C1: {found_c1}/{total} (right attribute {right}/{total}); "
                  f"by the model tool's protected_columns: {found_model}/{total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--precision", action="store_true", help="run the control sets instead of the timings")
    parser.add_argument("--part", choices=["dev", "locked", "fresh", "all"], default="dev")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet",
                        help="parquet: scanned in place (a view); csv: loaded into a DuckDB table")
    parser.add_argument("--no-card", dest="card", action="store_false",
                        help="do not compute the schema cards first (D1 then counts with DuckDB)")
    args = parser.parse_args()
    if args.precision:
        precision(args.part)
        return

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
        original_review = session_mod.review_result
        print(f"{args.rows:,} rows of {args.format}; median of {args.repeat} runs; schema cards "
              f"{'cached' if args.card else 'not computed'}\n")
        print(f"{'case':52} {'answer':>9} {'review':>8} {'added':>7}  findings")
        questions = {"offline planner: 'average income by region'": "average income by region",
                     "offline planner: 'number of sales by segment'": "number of sales by segment"}
        for name, sql in {**cases, **questions}.items():
            s = Session(ws, settings)
            session_mod.review_result = lambda result, ws, ctx: []
            answer_s = timed(lambda: s.ask(sql), args.repeat)
            raw = s.ask(sql).result
            session_mod.review_result = original_review
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
