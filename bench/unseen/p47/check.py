"""Self-check for evaluation set p47: tables, cases and gold answers."""
import json
import os
import re
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
ARG_KEYS = {"kind", "x", "y", "color", "aggregate", "bins", "time_grain", "sort", "top_n", "where"}
AGG_SQL = {"count": "count(*)", "sum": "sum({y})", "mean": "avg({y})", "median": "median({y})",
           "min": "min({y})", "max": "max({y})", "distinct": "count(DISTINCT {y})"}

errors = []


def err(msg):
    errors.append(msg)


def same(a, b):
    """Equal, or equal once rounded to 2 places as the comparison does."""
    if a == b:
        return True
    try:
        return round(float(a), 2) == round(float(b), 2)
    except (TypeError, ValueError):
        return False


def q(name):
    return '"' + name.replace('"', '""') + '"'


def main():
    with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
        make_tables.make(d1)
        make_tables.make(d2)
        f1, f2 = sorted(os.listdir(d1)), sorted(os.listdir(d2))
        if f1 != f2:
            err("make() wrote different file sets: %s vs %s" % (f1, f2))
        csvs = [f for f in f1 if f.endswith(".csv")]
        if len(csvs) != 6:
            err("expected 6 CSV tables, got %d: %s" % (len(csvs), csvs))
        for f in f1:
            with open(os.path.join(d1, f), "rb") as a, open(os.path.join(d2, f), "rb") as b:
                if a.read() != b.read():
                    err("%s differs between two make() calls" % f)

        con = duckdb.connect()
        tables = {}
        for f in csvs:
            name = f[:-4]
            path = os.path.join(d1, f).replace("'", "''")
            con.execute("CREATE TABLE %s AS SELECT * FROM read_csv_auto('%s')" % (q(name), path))
            n = con.execute("SELECT count(*) FROM %s" % q(name)).fetchone()[0]
            if not 300 <= n <= 3000:
                err("%s has %d rows (want 300-3000)" % (name, n))
            cols = {r[0]: r[1] for r in con.execute("DESCRIBE %s" % q(name)).fetchall()}
            tables[name] = cols

        with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as fh:
            lines = [ln for ln in fh.read().split("\n") if ln.strip()]
        if len(lines) != 180:
            err("cases.jsonl has %d lines (want 180)" % len(lines))
        counts = {t: {"run_sql": 0, "make_chart": 0} for t in tables}
        seen_q = set()
        for i, ln in enumerate(lines, 1):
            where = "case %d" % i
            try:
                c = json.loads(ln)
            except ValueError as e:
                err("%s: bad JSON: %s" % (where, e))
                continue
            t, tool, text = c.get("data"), c.get("tool"), c.get("q")
            if t not in tables:
                err("%s: unknown table %r" % (where, t))
                continue
            if not isinstance(text, str) or not text.strip():
                err("%s: empty request" % where)
            elif (t, text.strip().lower()) in seen_q:
                err("%s: duplicate request %r" % (where, text))
            else:
                seen_q.add((t, text.strip().lower()))
            if tool not in ("run_sql", "make_chart"):
                err("%s: bad tool %r" % (where, tool))
                continue
            counts[t][tool] += 1
            where = "case %d (%s, %s)" % (i, t, text)
            if tool == "run_sql":
                if set(c) != {"data", "q", "tool", "sql"}:
                    err("%s: keys %s" % (where, sorted(c)))
                check_sql(con, tables, t, c.get("sql", ""), where)
            else:
                if set(c) != {"data", "q", "tool", "args"}:
                    err("%s: keys %s" % (where, sorted(c)))
                check_chart(con, tables, t, c.get("args") or {}, where)
        for t, cnt in counts.items():
            if cnt["run_sql"] != 18 or cnt["make_chart"] != 12:
                err("%s: %d run_sql / %d make_chart (want 18 / 12)" % (t, cnt["run_sql"], cnt["make_chart"]))

    if errors:
        for e in errors:
            print("FAIL:", e)
        print("%d problem(s)" % len(errors))
        sys.exit(1)
    print("OK")


def check_sql(con, tables, t, sql, where):
    others = [o for o in tables if o != t and re.search(r"\b%s\b" % re.escape(o), sql, re.I)]
    if others:
        err("%s: gold mentions other tables %s" % (where, others))
    if not re.search(r"\b%s\b" % re.escape(t), sql, re.I):
        err("%s: gold does not read its table" % where)
    try:
        rows = con.execute(sql).fetchall()
    except Exception as e:  # noqa: BLE001
        err("%s: gold fails: %s" % (where, e))
        return
    if not rows:
        err("%s: gold returns no rows" % where)
        return
    if all(v is None for r in rows for v in r):
        err("%s: gold returns only NULLs" % where)
    m = re.search(r"\bLIMIT\s+(\d+)\s*;?\s*$", sql, re.I)
    if m:
        n = int(m.group(1))
        full = con.execute(sql[:m.start()]).fetchall()
        if len(full) > n and same(full[n - 1][-1], full[n][-1]):
            err("%s: tie at LIMIT %d cut-off (%r)" % (where, n, full[n][-1]))


def check_chart(con, tables, t, a, where):
    cols = tables[t]
    extra = set(a) - ARG_KEYS
    if extra:
        err("%s: unknown args %s" % (where, sorted(extra)))
    kind = a.get("kind")
    if kind not in KINDS:
        err("%s: bad kind %r" % (where, kind))
    for k in ("x", "y", "color"):
        if k in a and a[k] not in cols:
            err("%s: %s=%r is not a column of %s" % (where, k, a[k], t))
    if "x" not in a:
        err("%s: no x" % where)
    agg = a.get("aggregate")
    if agg is not None and agg not in AGGS:
        err("%s: bad aggregate %r" % (where, agg))
    if kind not in ("histogram", "box", "scatter") and "y" in a and kind != "heatmap" and agg is None:
        err("%s: y given without aggregate" % where)
    if kind == "heatmap" and "color" in a and agg is None:
        err("%s: heatmap measure without aggregate" % where)
    if agg == "count" and "y" in a and kind != "heatmap":
        err("%s: count with a y column" % where)
    if kind == "histogram" and "bins" in a and not (isinstance(a["bins"], int) and a["bins"] > 0):
        err("%s: bad bins" % where)
    if "time_grain" in a:
        if a["time_grain"] not in GRAINS:
            err("%s: bad time_grain" % where)
        if a.get("x") in cols and cols[a["x"]] not in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
            err("%s: time_grain on non-date x" % where)
    if "sort" in a and a["sort"] not in SORTS:
        err("%s: bad sort" % where)
    cond = a.get("where")
    if cond is not None:
        try:
            n = con.execute("SELECT count(*) FROM %s WHERE %s" % (q(t), cond)).fetchone()[0]
            if n == 0:
                err("%s: where matches no rows" % where)
        except Exception as e:  # noqa: BLE001
            err("%s: where fails: %s" % (where, e))
            return
    if "top_n" in a:
        n = a["top_n"]
        if not isinstance(n, int) or n < 1:
            err("%s: bad top_n" % where)
            return
        if a.get("x") not in cols:
            return
        m = AGG_SQL.get(agg or "count")
        if m is None or ("{y}" in m and a.get("y") not in cols):
            err("%s: top_n needs a usable aggregate" % where)
            return
        m = m.format(y=q(a.get("y", "")))
        sql = "SELECT %s, %s AS v FROM %s %s GROUP BY 1 ORDER BY v DESC" % (
            q(a["x"]), m, q(t), ("WHERE " + cond) if cond else "")
        vals = [r[1] for r in con.execute(sql).fetchall()]
        if len(vals) <= n:
            err("%s: top_n=%d but only %d categories" % (where, n, len(vals)))
        elif same(vals[n - 1], vals[n]):
            err("%s: tie at top_n=%d cut-off (%r)" % (where, n, vals[n]))


if __name__ == "__main__":
    main()
