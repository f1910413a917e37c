"""Verify the p45 evaluation set: tables are deterministic, every gold SQL runs and returns
non-NULL rows, every chart arg is valid, and no top-N gold has a tie at its cut-off.

Run:  . /work/venv/bin/activate && python check.py
"""
import collections
import filecmp
import json
import os
import re
import sys
import tempfile

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_tables  # noqa: E402

KINDS = {"bar", "grouped_bar", "stacked_bar", "line", "area", "scatter", "histogram", "box",
         "heatmap", "pie"}
AGGS = {"count", "sum", "mean", "median", "min", "max", "distinct", "none"}
GRAINS = {"year", "quarter", "month", "week", "day", "hour"}
SORTS = {"x", "x_desc", "y_desc", "y_asc"}
FIELDS = {"kind", "x", "y", "color", "aggregate", "bins", "time_grain", "sort", "top_n", "where"}
AGG_SQL = {"sum": "sum({})", "mean": "avg({})", "median": "median({})", "min": "min({})",
           "max": "max({})", "distinct": "count(DISTINCT {})"}


def q(name):
    return '"' + name.replace('"', '""') + '"'


def main():
    errors = []
    with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
        p1 = make_tables.make(d1)
        p2 = make_tables.make(d2)
        names = sorted(os.path.basename(p) for p in p1)
        if names != sorted(os.path.basename(p) for p in p2) or len(names) != 6:
            errors.append("make() wrote unexpected files: %s" % names)
        for n in names:
            if not filecmp.cmp(os.path.join(d1, n), os.path.join(d2, n), shallow=False):
                errors.append("non-deterministic output: " + n)

        con = duckdb.connect()
        cols = {}
        for n in names:
            t = n[:-4]
            path = os.path.join(d1, n).replace("'", "''")
            con.execute("CREATE TABLE %s AS SELECT * FROM read_csv_auto('%s')" % (q(t), path))
            cols[t] = [r[0] for r in con.execute("DESCRIBE " + q(t)).fetchall()]
            nrows = con.execute("SELECT count(*) FROM " + q(t)).fetchone()[0]
            print("%-24s %5d rows  %2d cols" % (t, nrows, len(cols[t])))
            if not 300 <= nrows <= 3000:
                errors.append("%s has %d rows" % (t, nrows))

        cases = []
        with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if line.strip():
                    cases.append((i, json.loads(line)))

        per = collections.Counter()
        seen_q = set()
        for i, c in cases:
            t = c.get("data")
            tag = "line %d (%s): " % (i, c.get("q"))
            if t not in cols:
                errors.append(tag + "unknown table %r" % t)
                continue
            if c["q"] in seen_q:
                errors.append(tag + "duplicate request")
            seen_q.add(c["q"])
            per[(t, c["tool"])] += 1
            if c["tool"] == "run_sql":
                sql = c["sql"]
                try:
                    rows = con.execute(sql).fetchall()
                except Exception as e:  # noqa: BLE001
                    errors.append(tag + "SQL error: %s" % e)
                    continue
                if not rows:
                    errors.append(tag + "no rows")
                elif all(v is None for r in rows for v in r):
                    errors.append(tag + "all NULL")
                m = re.search(r"\s+ORDER BY\s+(\S+)(\s+DESC|\s+ASC)?\s+LIMIT\s+(\d+)\s*$", sql, re.I)
                if m:
                    key, direction, n = m.group(1), (m.group(2) or " ASC").strip(), int(m.group(3))
                    sub = sql[:m.start()]
                    vals = [r[0] for r in con.execute(
                        "SELECT %s FROM (%s) ORDER BY %s %s NULLS LAST LIMIT %d"
                        % (key, sub, key, direction, n + 1)).fetchall()]
                    if len(vals) > n and vals[n - 1] == vals[n]:
                        errors.append(tag + "tie at top-%d cut-off (%r)" % (n, vals[n]))
            elif c["tool"] == "make_chart":
                a = c.get("args", {})
                extra = set(a) - FIELDS
                if extra:
                    errors.append(tag + "unknown fields %s" % extra)
                for k in ("x", "y", "color"):
                    if k in a and a[k] not in cols[t]:
                        errors.append(tag + "%s column %r not in %s" % (k, a[k], t))
                if "kind" in a and a["kind"] not in KINDS:
                    errors.append(tag + "bad kind")
                if "aggregate" in a and a["aggregate"] not in AGGS:
                    errors.append(tag + "bad aggregate")
                if "time_grain" in a and a["time_grain"] not in GRAINS:
                    errors.append(tag + "bad time_grain")
                if "sort" in a and a["sort"] not in SORTS:
                    errors.append(tag + "bad sort")
                for k in ("bins", "top_n"):
                    if k in a and not (isinstance(a[k], int) and a[k] > 0):
                        errors.append(tag + "bad " + k)
                if "x" not in a:
                    errors.append(tag + "no x")
                where = a.get("where")
                wsql = (" WHERE " + where) if where else ""
                try:
                    nw = con.execute("SELECT count(*) FROM %s%s" % (q(t), wsql)).fetchone()[0]
                    if nw == 0:
                        errors.append(tag + "where keeps no rows")
                except Exception as e:  # noqa: BLE001
                    errors.append(tag + "where error: %s" % e)
                    continue
                if "top_n" in a and "x" in a:
                    n = a["top_n"]
                    agg = a.get("aggregate", "sum" if "y" in a else "count")
                    meas = "count(*)" if "y" not in a else AGG_SQL[agg].format(q(a["y"]))
                    vals = [r[0] for r in con.execute(
                        "SELECT %s AS v FROM %s%s GROUP BY %s ORDER BY v DESC NULLS LAST LIMIT %d"
                        % (meas, q(t), wsql, q(a["x"]), n + 1)).fetchall()]
                    if len(vals) > n and vals[n - 1] == vals[n]:
                        errors.append(tag + "tie at top_n=%d cut-off (%r)" % (n, vals[n]))
            else:
                errors.append(tag + "unknown tool %r" % c["tool"])

        for t in cols:
            if per[(t, "run_sql")] != 18 or per[(t, "make_chart")] != 12:
                errors.append("%s: %d sql / %d charts" % (t, per[(t, "run_sql")], per[(t, "make_chart")]))
        tools = collections.Counter(c["tool"] for _, c in cases)
        print("cases: %d  %s" % (len(cases), dict(tools)))

    if errors:
        print("\n%d problem(s):" % len(errors))
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
