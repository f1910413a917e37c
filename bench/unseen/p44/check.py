"""Verify the p44 set: make() is deterministic, every gold SQL runs and returns a non-NULL
row, every chart arg is valid and names real columns, and every chart `where` filter runs
and keeps at least one row.  Run:  . /work/venv/bin/activate && python check.py
"""
import collections
import hashlib
import json
import os
import sys
import tempfile

import duckdb

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_tables  # noqa: E402

KINDS = {"bar", "grouped_bar", "stacked_bar", "line", "area", "scatter", "histogram", "box", "heatmap", "pie"}
AGGS = {"count", "sum", "mean", "median", "min", "max", "distinct", "none"}
GRAINS = {"year", "quarter", "month", "week", "day", "hour"}
SORTS = {"x", "x_desc", "y_desc", "y_asc"}
FIELDS = {"kind", "x", "y", "color", "aggregate", "bins", "time_grain", "sort", "top_n", "where"}


def digests(d):
    return {f: hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest()
            for f in sorted(os.listdir(d))}


def main():
    errors = []
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        make_tables.make(a)
        make_tables.make(b)
        if digests(a) != digests(b):
            errors.append("make() is not deterministic")
        con = duckdb.connect()
        cols = {}
        files = sorted(f for f in os.listdir(a) if f.endswith(".csv"))
        if len(files) != 6:
            errors.append("expected 6 csv files, got %d" % len(files))
        for f in files:
            t = f[:-4]
            con.execute("CREATE TABLE \"%s\" AS SELECT * FROM read_csv_auto('%s')" % (t, os.path.join(a, f)))
            cols[t] = [r[0] for r in con.execute("DESCRIBE \"%s\"" % t).fetchall()]
            n = con.execute("SELECT count(*) FROM \"%s\"" % t).fetchone()[0]
            if not 300 <= n <= 3000:
                errors.append("%s has %d rows" % (t, n))
            print("%-20s %5d rows  %s" % (t, n, cols[t]))

        cases = [json.loads(l) for l in open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") if l.strip()]
        per = collections.Counter((c["data"], c["tool"]) for c in cases)
        for i, c in enumerate(cases, 1):
            tag = "line %d (%s): %s" % (i, c["data"], c["q"])
            if c["data"] not in cols:
                errors.append(tag + " -> unknown table")
                continue
            if c["tool"] == "run_sql":
                try:
                    rows = con.execute(c["sql"]).fetchall()
                except Exception as e:  # noqa: BLE001
                    errors.append(tag + " -> SQL error: %s" % e)
                    continue
                if not rows:
                    errors.append(tag + " -> no rows")
                elif all(v is None for r in rows for v in r):
                    errors.append(tag + " -> all NULL")
            elif c["tool"] == "make_chart":
                args = c["args"]
                bad = set(args) - FIELDS
                if bad:
                    errors.append(tag + " -> unknown fields %s" % bad)
                for k in ("x", "y", "color"):
                    if k in args and args[k] not in cols[c["data"]]:
                        errors.append(tag + " -> %s column %r not in table" % (k, args[k]))
                if "kind" in args and args["kind"] not in KINDS:
                    errors.append(tag + " -> bad kind")
                if "aggregate" in args and args["aggregate"] not in AGGS:
                    errors.append(tag + " -> bad aggregate")
                if "time_grain" in args and args["time_grain"] not in GRAINS:
                    errors.append(tag + " -> bad time_grain")
                if "sort" in args and args["sort"] not in SORTS:
                    errors.append(tag + " -> bad sort")
                for k in ("bins", "top_n"):
                    if k in args and not (isinstance(args[k], int) and args[k] > 0):
                        errors.append(tag + " -> bad %s" % k)
                if "where" in args:
                    try:
                        n = con.execute("SELECT count(*) FROM \"%s\" WHERE %s" % (c["data"], args["where"])).fetchone()[0]
                        if n == 0:
                            errors.append(tag + " -> where keeps no rows")
                    except Exception as e:  # noqa: BLE001
                        errors.append(tag + " -> where error: %s" % e)
            else:
                errors.append(tag + " -> unknown tool")
        for t in cols:
            if per[(t, "run_sql")] != 18 or per[(t, "make_chart")] != 12:
                errors.append("%s: %d sql / %d chart" % (t, per[(t, "run_sql")], per[(t, "make_chart")]))
        print("cases: %d  %s" % (len(cases), dict(collections.Counter(c["tool"] for c in cases))))
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else "%d errors" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
