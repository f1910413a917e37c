"""Self-check of an evaluation set (bench/unseen/<set>): its six tables, 180 cases and gold answers.

Run: python bench/unseen/check.py bench/unseen/p53   (prints OK when everything passes). The sets from
p47 on pass this one file; p44 to p46 keep the copy their writer made (charts there may leave out a kind or
an aggregate).
"""
import filecmp
import json
import os
import re
import sys
import tempfile

import duckdb

HERE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.getcwd()  # the set's folder
sys.path.insert(0, HERE)
import make_tables  # noqa: E402

KINDS = {"bar", "grouped_bar", "stacked_bar", "line", "area", "scatter", "histogram", "box",
         "heatmap", "pie"}
AGGS = {"count", "sum", "mean", "median", "min", "max", "distinct", "none"}
GRAINS = {"year", "quarter", "month", "week", "day", "hour"}
SORTS = {"x", "x_desc", "y_desc", "y_asc"}
ARG_KEYS = {"kind", "x", "y", "color", "aggregate", "bins", "time_grain", "sort", "top_n", "where"}
AGG_SQL = {"sum": "SUM({y})", "mean": "AVG({y})", "median": "MEDIAN({y})", "min": "MIN({y})",
           "max": "MAX({y})", "distinct": "COUNT(DISTINCT {y})"}

errors = []


def err(msg):
    errors.append(msg)


def q(name):
    return '"' + name.replace('"', '""') + '"'


def main():
    with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
        make_tables.make(d1)
        make_tables.make(d2)
        names1 = sorted(os.listdir(d1))
        names2 = sorted(os.listdir(d2))
        if names1 != names2 or len(names1) != 6:
            err("make() wrote %r then %r (need the same six files)" % (names1, names2))
        for n in names1:
            if n in names2 and not filecmp.cmp(os.path.join(d1, n), os.path.join(d2, n), shallow=False):
                err("make() not deterministic for %s" % n)

        con = duckdb.connect()
        cols = {}
        ctypes = {}
        for n in names1:
            t = n[:-4]
            path = os.path.join(d1, n).replace("'", "''")
            con.execute("CREATE TABLE %s AS SELECT * FROM read_csv_auto('%s')" % (q(t), path))
            rows = con.execute("SELECT COUNT(*) FROM %s" % q(t)).fetchone()[0]
            if not 300 <= rows <= 3000:
                err("%s has %d rows" % (t, rows))
            desc = con.execute("DESCRIBE %s" % q(t)).fetchall()
            cols[t] = [r[0] for r in desc]
            ctypes[t] = {r[0]: r[1] for r in desc}

        cases = []
        with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                if line.strip():
                    try:
                        cases.append((i, json.loads(line)))
                    except ValueError as e:
                        err("line %d: bad JSON: %s" % (i, e))
        if len(cases) != 180:
            err("%d cases, need 180" % len(cases))

        counts = {}
        seen_q = set()
        for i, c in cases:
            t, tool, text = c.get("data"), c.get("tool"), c.get("q")
            if t not in cols:
                err("line %d: unknown table %r" % (i, t))
                continue
            if not text or not isinstance(text, str):
                err("line %d: empty q" % i)
            elif text.strip().lower() in seen_q:
                err("line %d: duplicate q" % i)
            else:
                seen_q.add(text.strip().lower())
            counts[(t, tool)] = counts.get((t, tool), 0) + 1
            if tool == "run_sql":
                if set(c) != {"data", "q", "tool", "sql"}:
                    err("line %d: keys %r" % (i, sorted(c)))
                check_sql(con, i, c["sql"])
            elif tool == "make_chart":
                if set(c) != {"data", "q", "tool", "args"}:
                    err("line %d: keys %r" % (i, sorted(c)))
                check_chart(con, i, t, cols[t], ctypes[t], c.get("args") or {})
            else:
                err("line %d: unknown tool %r" % (i, tool))
        for t in cols:
            for tool, need in (("run_sql", 18), ("make_chart", 12)):
                got = counts.get((t, tool), 0)
                if got != need:
                    err("%s: %d %s cases, need %d" % (t, got, tool, need))

    if errors:
        for e in errors:
            print("FAIL:", e)
        sys.exit(1)
    print("OK")


def check_sql(con, i, sql):
    try:
        rows = con.execute(sql).fetchall()
    except Exception as e:  # noqa: BLE001
        err("line %d: gold SQL fails: %s" % (i, e))
        return
    if not rows:
        err("line %d: gold returns no rows" % i)
        return
    if all(v is None for r in rows for v in r):
        err("line %d: gold returns only NULLs" % i)
    m = re.search(r"\bLIMIT\s+(\d+)\s*;?\s*$", sql, re.I)
    if m:
        n = int(m.group(1))
        base = sql[:m.start()]
        full = con.execute(base).fetchall()
        if not re.search(r"\bORDER\s+BY\b", base, re.I):
            err("line %d: LIMIT without ORDER BY" % i)
        if len(full) > n and full[n - 1][-1] == full[n][-1]:
            err("line %d: tie at LIMIT %d cut-off (%r)" % (i, n, full[n][-1]))


def check_chart(con, i, t, tcols, ttypes, a):
    extra = set(a) - ARG_KEYS
    if extra:
        err("line %d: unknown args %r" % (i, sorted(extra)))
    kind = a.get("kind")
    if kind not in KINDS:
        err("line %d: bad kind %r" % (i, kind))
    for k in ("x", "y", "color"):
        if k in a and a[k] not in tcols:
            err("line %d: %s=%r is not a column of %s" % (i, k, a[k], t))
    if "x" not in a:
        err("line %d: chart without x" % i)
    agg = a.get("aggregate")
    if agg is not None and agg not in AGGS:
        err("line %d: bad aggregate %r" % (i, agg))
    if kind in ("bar", "grouped_bar", "stacked_bar", "line", "area", "pie", "heatmap") and agg is None:
        err("line %d: %s needs an aggregate" % (i, kind))
    if kind == "scatter" and ("y" not in a or agg not in (None, "none")):
        err("line %d: scatter needs y and no aggregation" % i)
    if kind in ("bar", "grouped_bar", "stacked_bar", "line", "area", "pie"):
        if agg == "count" and "y" in a:
            err("line %d: count with a y" % i)
        if agg not in (None, "count") and "y" not in a:
            err("line %d: %s without y" % (i, agg))
    if kind in ("grouped_bar", "stacked_bar") and "color" not in a:
        err("line %d: %s without color" % (i, kind))
    if kind == "heatmap" and "y" not in a:
        err("line %d: heatmap without y" % i)
    if kind == "box" and "y" not in a:
        err("line %d: box without y" % i)
    if "bins" in a and (kind != "histogram" or not isinstance(a["bins"], int) or a["bins"] < 2):
        err("line %d: bad bins" % i)
    if "time_grain" in a:
        if a["time_grain"] not in GRAINS:
            err("line %d: bad time_grain" % i)
        if ttypes.get(a.get("x"), "") not in ("DATE", "TIMESTAMP"):
            err("line %d: time_grain on non-date x" % i)
    if "sort" in a and a["sort"] not in SORTS:
        err("line %d: bad sort" % i)
    where = a.get("where")
    wsql = ""
    if where is not None:
        if re.match(r"\s*where\b", where, re.I):
            err("line %d: where includes WHERE keyword" % i)
        try:
            n = con.execute("SELECT COUNT(*) FROM %s WHERE %s" % (q(t), where)).fetchone()[0]
        except Exception as e:  # noqa: BLE001
            err("line %d: where fails: %s" % (i, e))
            return
        if n == 0:
            err("line %d: where matches no rows" % i)
        wsql = " WHERE " + where
    # the chart's own aggregation must run
    x = a.get("x")
    if x not in tcols:
        return
    if "top_n" in a:
        n = a["top_n"]
        if not isinstance(n, int) or n < 1:
            err("line %d: bad top_n" % i)
            return
        if agg in (None, "count"):
            m = "COUNT(*)"
        elif agg in AGG_SQL and a.get("y") in tcols:
            m = AGG_SQL[agg].format(y=q(a["y"]))
        else:
            err("line %d: top_n with aggregate %r" % (i, agg))
            return
        rows = con.execute("SELECT %s, %s AS v FROM %s%s GROUP BY 1 ORDER BY v DESC NULLS LAST"
                           % (q(x), m, q(t), wsql)).fetchall()
        if len(rows) <= n:
            err("line %d: top_n %d but only %d categories" % (i, n, len(rows)))
        elif rows[n - 1][1] == rows[n][1]:
            err("line %d: tie at top_n %d cut-off" % (i, n))


if __name__ == "__main__":
    main()
