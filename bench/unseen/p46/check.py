"""Verify the p46 cases: run with `. /work/venv/bin/activate && python check.py`.

- make() twice gives byte-identical files; 300-3000 rows per table
- every gold SQL runs, returns >= 1 row, not all NULL
- every chart arg column exists; every chart `where` runs
- top-N golds (SQL LIMIT n, chart top_n) have no tie at the cut-off
- 30 cases per table: 18 run_sql + 12 make_chart
"""
import collections
import filecmp
import glob
import json
import os
import re
import sys
import tempfile

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_tables  # noqa: E402

AGG = {"count": "count(*)", "sum": "sum({y})", "mean": "avg({y})", "median": "median({y})",
       "min": "min({y})", "max": "max({y})", "distinct": "count(DISTINCT {y})"}


def q(c):
    return '"' + c.replace('"', '""') + '"'


def main():
    errors = []
    d1, d2 = tempfile.mkdtemp(), tempfile.mkdtemp()
    make_tables.make(d1)
    make_tables.make(d2)
    files = sorted(glob.glob(os.path.join(d1, "*.csv")))
    assert len(files) == 6, files
    for f in files:
        if not filecmp.cmp(f, os.path.join(d2, os.path.basename(f)), shallow=False):
            errors.append("not deterministic: " + f)
    con = duckdb.connect()
    cols = {}
    for f in files:
        t = os.path.basename(f)[:-4]
        con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_csv_auto('{f}')")
        n = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        cols[t] = [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()]
        print(f"{t}: {n} rows, {len(cols[t])} cols")
        if not 300 <= n <= 3000:
            errors.append(f"{t}: {n} rows")

    cases = [json.loads(l) for l in open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8")]
    per = collections.Counter((c["data"], c["tool"]) for c in cases)
    for t in cols:
        if per[(t, "run_sql")] != 18 or per[(t, "make_chart")] != 12:
            errors.append(f"{t}: {per[(t, 'run_sql')]} sql / {per[(t, 'make_chart')]} chart")
    for i, c in enumerate(cases, 1):
        t = c["data"]
        tag = f"#{i} [{t}] {c['q']}"
        try:
            if c["tool"] == "run_sql":
                rows = con.execute(c["sql"]).fetchall()
                if not rows or all(v is None for r in rows for v in r):
                    errors.append(tag + ": empty / all NULL")
                m = re.search(r"LIMIT (\d+)\s*$", c["sql"])
                if m:
                    n = int(m.group(1))
                    more = con.execute(c["sql"][:m.start()] + f"LIMIT {n + 1}").fetchall()
                    if len(more) > n and more[n - 1][-1] == more[n][-1]:
                        errors.append(tag + f": tie at cut-off {more[n - 1]} / {more[n]}")
            else:
                a = c["args"]
                for k in ("x", "y", "color"):
                    if k in a and a[k] not in cols[t]:
                        errors.append(tag + f": no column {a[k]!r}")
                where = a.get("where")
                wsql = f" WHERE {where}" if where else ""
                if where:
                    n = con.execute(f"SELECT count(*) FROM {t}{wsql}").fetchone()[0]
                    if n == 0:
                        errors.append(tag + ": where matches no rows")
                if "top_n" in a:
                    agg = AGG[a.get("aggregate", "count")].format(y=q(a["y"]) if "y" in a else "")
                    vals = con.execute(f"SELECT {q(a['x'])}, {agg} AS v FROM {t}{wsql} "
                                       f"GROUP BY 1 ORDER BY v DESC").fetchall()
                    n = a["top_n"]
                    if len(vals) <= n:
                        errors.append(tag + ": top_n >= number of categories")
                    elif vals[n - 1][1] == vals[n][1]:
                        errors.append(tag + f": tie at top_n cut-off {vals[n - 1]} / {vals[n]}")
        except Exception as e:  # noqa: BLE001
            errors.append(tag + ": " + str(e).splitlines()[0])
    print(collections.Counter(c["tool"] for c in cases))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
