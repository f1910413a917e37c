"""Self-check for evaluation set p48. Run: /work/venv/bin/python check.py  -> prints OK."""
import collections
import filecmp
import json
import os
import re
import sys
import tempfile

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import make_tables  # noqa: E402

KINDS = {"bar", "grouped_bar", "stacked_bar", "line", "area", "scatter", "histogram", "box",
         "heatmap", "pie"}
AGGS = {"count", "sum", "mean", "median", "min", "max", "distinct", "none"}
GRAINS = {"year", "quarter", "month", "week", "day", "hour"}
SORTS = {"x", "x_desc", "y_desc", "y_asc"}
ARG_KEYS = {"kind", "x", "y", "color", "aggregate", "bins", "time_grain", "sort", "top_n", "where"}
AGG_SQL = {"count": "count(*)", "sum": "sum({y})", "mean": "avg({y})", "median": "median({y})",
           "min": "min({y})", "max": "max({y})", "distinct": "count(DISTINCT {y})"}

errors = []


def err(msg):
    errors.append(msg)


def q(name):
    return '"' + name.replace('"', '""') + '"'


def main():
    # 1. determinism
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        pa = make_tables.make(a)
        pb = make_tables.make(b)
        if sorted(pa) != sorted(pb) or len(pa) != 6:
            err("make() returned different/incorrect table sets")
        for name in pa:
            if not filecmp.cmp(pa[name], pb[name], shallow=False):
                err(f"{name}: make() output not byte-identical across calls")
        con = duckdb.connect()
        cols = {}
        for name, path in pa.items():
            con.execute(f"CREATE TABLE {q(name)} AS SELECT * FROM read_csv_auto('{path}')")
            n = con.execute(f"SELECT count(*) FROM {q(name)}").fetchone()[0]
            if not 300 <= n <= 3000:
                err(f"{name}: {n} rows, outside 300-3000")
            cols[name] = [r[0] for r in con.execute(f"DESCRIBE {q(name)}").fetchall()]
        check_cases(con, cols)
        con.close()
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} problem(s)")
        sys.exit(1)
    print("OK")


def check_cases(con, cols):
    path = os.path.join(HERE, "cases.jsonl")
    cases = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                err(f"line {i}: blank line")
                continue
            cases.append((i, json.loads(line)))
    if len(cases) != 180:
        err(f"expected 180 cases, found {len(cases)}")
    counts = collections.Counter((c["data"], c["tool"]) for _, c in cases)
    for t in cols:
        if counts[(t, "run_sql")] != 18 or counts[(t, "make_chart")] != 12:
            err(f"{t}: {counts[(t, 'run_sql')]} run_sql / {counts[(t, 'make_chart')]} make_chart")
    qs = collections.Counter(c["q"].strip().lower() for _, c in cases)
    for k, v in qs.items():
        if v > 1:
            err(f"duplicate request text: {k!r}")
    for i, c in cases:
        tag = f"line {i} ({c.get('data')})"
        if c.get("data") not in cols:
            err(f"{tag}: unknown table")
            continue
        if not c.get("q", "").strip():
            err(f"{tag}: empty request")
        if c["tool"] == "run_sql":
            if set(c) != {"data", "q", "tool", "sql"}:
                err(f"{tag}: unexpected keys {sorted(c)}")
            check_sql(con, tag, c["sql"])
        elif c["tool"] == "make_chart":
            if set(c) != {"data", "q", "tool", "args"}:
                err(f"{tag}: unexpected keys {sorted(c)}")
            check_chart(con, tag, c["data"], cols[c["data"]], c["args"])
        else:
            err(f"{tag}: unknown tool {c['tool']!r}")


def check_sql(con, tag, sql):
    try:
        rows = con.execute(sql).fetchall()
    except Exception as e:  # noqa: BLE001
        err(f"{tag}: SQL error {e}")
        return
    if not rows:
        err(f"{tag}: gold returns no rows")
        return
    if all(v is None for r in rows for v in r):
        err(f"{tag}: gold returns only NULLs")
    m = re.search(r"\bLIMIT\s+(\d+)\s*;?\s*$", sql, re.I)
    if m:
        n = int(m.group(1))
        if not re.search(r"\bORDER\s+BY\b", sql, re.I):
            err(f"{tag}: LIMIT without ORDER BY")
        more = con.execute(sql[:m.start()] + f" LIMIT {n + 1}").fetchall()
        if len(more) > n and more[n - 1][-1] == more[n][-1]:
            err(f"{tag}: tie at LIMIT {n} cut-off ({more[n - 1][-1]!r})")


def check_chart(con, tag, table, columns, a):
    lower = {c.lower() for c in columns}
    bad = set(a) - ARG_KEYS
    if bad:
        err(f"{tag}: unknown arg keys {sorted(bad)}")
    kind = a.get("kind")
    if kind not in KINDS:
        err(f"{tag}: bad kind {kind!r}")
    if "x" not in a:
        err(f"{tag}: no x")
    for k in ("x", "y", "color"):
        if k in a and a[k].lower() not in lower:
            err(f"{tag}: {k}={a[k]!r} is not a column of {table}")
    agg = a.get("aggregate")
    if agg is not None and agg not in AGGS:
        err(f"{tag}: bad aggregate {agg!r}")
    if kind == "scatter" and agg != "none":
        err(f"{tag}: scatter needs aggregate none")
    if kind in ("bar", "grouped_bar", "stacked_bar", "line", "area", "pie") and "y" in a and agg in (None, "count", "none"):
        err(f"{tag}: y given without a real aggregate")
    if kind == "heatmap" and "color" in a and agg in (None, "count", "none"):
        err(f"{tag}: heatmap measure without aggregate")
    if kind == "histogram" and ("y" in a or not isinstance(a.get("bins"), int)):
        err(f"{tag}: histogram needs bins and no y")
    if kind in ("grouped_bar", "stacked_bar") and "color" not in a:
        err(f"{tag}: {kind} needs color")
    if "time_grain" in a and a["time_grain"] not in GRAINS:
        err(f"{tag}: bad time_grain")
    if "sort" in a and a["sort"] not in SORTS:
        err(f"{tag}: bad sort")
    where = a.get("where")
    cond = ""
    if where is not None:
        if re.match(r"\s*where\b", where, re.I):
            err(f"{tag}: where includes WHERE keyword")
        try:
            n = con.execute(f"SELECT count(*) FROM {q(table)} WHERE {where}").fetchone()[0]
            if n == 0:
                err(f"{tag}: where matches no rows")
        except Exception as e:  # noqa: BLE001
            err(f"{tag}: where error {e}")
        cond = f" WHERE {where}"
    if "top_n" in a:
        n = a["top_n"]
        if not isinstance(n, int) or n < 1:
            err(f"{tag}: bad top_n")
            return
        measure = AGG_SQL.get(agg or "count", "count(*)").format(y=q(a.get("y", "")))
        x = q(a["x"])
        try:
            vals = [r[1] for r in con.execute(
                f"SELECT {x}, {measure} AS v FROM {q(table)}{cond} GROUP BY {x} "
                f"ORDER BY v DESC NULLS LAST").fetchall()]
        except Exception as e:  # noqa: BLE001
            err(f"{tag}: top_n query error {e}")
            return
        if len(vals) <= n:
            err(f"{tag}: top_n={n} but only {len(vals)} categories")
        elif vals[n - 1] == vals[n]:
            err(f"{tag}: tie at top_n={n} cut-off ({vals[n]!r})")


if __name__ == "__main__":
    main()
