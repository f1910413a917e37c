"""Execution accuracy on a text-to-SQL suite: JSONL {id, data, question, gold_sql} or DuckDB-NSQL dev.json.

Scoring (as in test-suite-sql-eval and defog sql-eval, see shared/bench/README.md): run gold and
prediction and compare results; column order does not matter; row order only when the gold has ORDER
BY; floats compared at 2 decimals; a prediction with extra columns is accepted when every gold column
is matched.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import itertools
import json
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dsagent.errors import UserError

GOLD_ROW_CAP = 100_000  # rows fetched of a gold or predicted result for comparison
MAX_ASSIGNMENTS = 2_000  # column assignments tried before giving up on a match


@dataclass
class Item:
    id: str
    data: list[str]  # paths opened as the workspace
    question: str
    gold_sql: str
    category: str = ""
    gold_db: str | None = None  # a DuckDB file the gold runs on read-only (NSQL); else the data files
    # NSQL's validation query when it is not the plain result: it reads the statement's result as
    # ddb_benchmark_result (a count, for a random sample) or the settings after it (for SET)
    check_sql: str = ""


# ---------------------------------------------------------------- loading
def load_suite(path: str) -> list[Item]:
    """Items of a JSONL suite or a DuckDB-NSQL dev.json (databases/<db>/<db>.duckdb beside it)."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"{path}: suite file not found")
    text = p.read_text(encoding="utf-8")
    base = p.parent
    if p.suffix == ".json":
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}: not valid JSON ({exc})") from None
        if not isinstance(raw, list) or not raw or "db_id" not in raw[0]:
            raise UserError(f"{path}: expected a DuckDB-NSQL dev.json (a list of {{db_id, question, query}})")
        items = []
        for i, x in enumerate(raw):
            db = base / "databases" / x["db_id"] / f"{x['db_id']}.duckdb"
            check = (x.get("validation_sql") or "").strip()
            plain = re.sub(r"\s+", " ", check.rstrip(";")).strip().lower() in ("", "select * from ddb_benchmark_result")
            items.append(Item(str(i), [str(db)], x["question"], x["query"], x.get("category", ""), str(db),
                              "" if plain else check))
        return items
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            x = json.loads(line)
            data = x["data"] if isinstance(x["data"], list) else [x["data"]]
            items.append(Item(str(x.get("id", n)), [_data_path(base, d) for d in data], x["question"],
                              x["gold_sql"], x.get("category", "")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise UserError(f"{path}:{n}: expected {{id, data, question, gold_sql}} ({exc})") from None
    return items


def _data_path(base: Path, name: str) -> str:
    """A suite's data path: relative to the suite's folder or a folder above it (a repository's root), else as given.
    A database URL (postgresql://, sc://) is kept as it is."""
    from dsagent.engines.url import is_engine_url

    if is_engine_url(name):
        return name
    for folder in (base, *base.parents):
        if (folder / name).exists():
            return str((folder / name).resolve())
    return str(Path(name).resolve()) if Path(name).exists() else str((base / name).resolve())


def execute(item: Item, sql: str) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of `sql` on a read-only view of the item's data; raises when it cannot run there.

    NSQL items: a read-only DuckDB connection with no external access. JSONL items: a hardened
    Workspace over the data files, whose `query` accepts one read-only statement only.
    """
    import duckdb

    if item.gold_db:
        con = duckdb.connect(item.gold_db, read_only=True, config={"enable_external_access": False})
        try:
            cur = _run_checked(con, sql, item.check_sql) if item.check_sql else con.execute(sql)
            if cur.description is None:
                raise ValueError("statement returned no result set")
            return [d[0] for d in cur.description], cur.fetchmany(GOLD_ROW_CAP)
        finally:
            con.close()
    from dsagent.data.workspace import Workspace

    with Workspace.open(item.data) as ws:
        out = ws.query(sql, max_rows=GOLD_ROW_CAP, count_total=False)
        return out.columns, [tuple(r) for r in out.rows]


def _run_checked(con: Any, sql: str, check_sql: str) -> Any:
    """As NSQL's harness does: keep the statement's result as ddb_benchmark_result (or, for a statement
    with no result such as SET, just run it), then run the validation query."""
    import duckdb

    try:
        con.execute(f"CREATE TEMP TABLE ddb_benchmark_result AS {sql.strip().rstrip(';')}")
    except duckdb.Error:
        con.execute(sql)
    return con.execute(check_sql)


def gold_result(item: Item) -> tuple[list[str], list[tuple]]:
    return execute(item, item.gold_sql)


# ---------------------------------------------------------------- comparing results
def _norm(v: Any) -> Any:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float, decimal.Decimal)):
        f = float(v)
        if math.isnan(f):
            return "nan"
        return round(f, 2) + 0.0  # + 0.0 folds -0.0 into 0.0
    if isinstance(v, (list, tuple)):
        return tuple(_norm(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((str(k), _norm(x)) for k, x in v.items()))
    if isinstance(v, (_dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
        return str(v)
    return str(v) if not isinstance(v, str) else v


def has_order_by(sql: str) -> bool:
    """ORDER BY at the outer level (a window's or subquery's ORDER BY does not order the result)."""
    depth, text = 0, re.sub(r"'[^']*'", "''", sql)
    for m in re.finditer(r"\(|\)|\border\s+by\b", text, re.I):
        tok = m.group(0)
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        elif depth == 0:
            return True
    return False


def results_match(gold_rows: list, pred_rows: list, ordered: bool) -> bool:
    """True when every gold column has a distinct matching prediction column over the same rows."""
    if len(gold_rows) != len(pred_rows):
        return False
    if not gold_rows:
        return True
    g = [tuple(_norm(v) for v in r) for r in gold_rows]
    p = [tuple(_norm(v) for v in r) for r in pred_rows]
    ng, np_ = len(g[0]), len(p[0])
    if np_ < ng:
        return False
    key = (lambda col: col) if ordered else (lambda col: sorted(map(repr, col)))
    gcols = [key([r[j] for r in g]) for j in range(ng)]
    pcols = [key([r[j] for r in p]) for j in range(np_)]
    candidates = [[k for k in range(np_) if pcols[k] == gcols[j]] for j in range(ng)]
    if any(not c for c in candidates):
        return False
    target = g if ordered else Counter(g)
    for tried, assign in enumerate(itertools.product(*candidates)):
        if tried >= MAX_ASSIGNMENTS:
            break
        if len(set(assign)) != len(assign):
            continue
        projected = [tuple(r[k] for k in assign) for r in p]
        if (projected if ordered else Counter(projected)) == target:
            return True
    return False


# ---------------------------------------------------------------- the report
def failure_kind(record: dict[str, Any]) -> str | None:
    if record["correct"]:
        return None
    if record.get("error_type") == "provider_error":
        return "provider error"
    if not record.get("pred_sql"):
        return "no SQL (responded or gave up)" if not record.get("error") else "no valid SQL after repairs"
    if record.get("pred_error"):
        return "prediction failed on re-run"
    if record.get("pred_rows") != record.get("gold_rows"):
        return "wrong row count"
    if (record.get("pred_columns") or 0) < (record.get("gold_columns") or 0):
        return "missing columns"
    return "wrong values"


def summarize(records: list[dict[str, Any]], skipped: int = 0) -> dict[str, Any]:
    n = len(records)
    correct = sum(r["correct"] for r in records)
    per_cat: dict[str, dict[str, Any]] = {}
    for r in records:
        c = per_cat.setdefault(r.get("category") or "-", {"n": 0, "correct": 0})
        c["n"] += 1
        c["correct"] += int(r["correct"])
    for c in per_cat.values():
        c["accuracy"] = round(c["correct"] / c["n"], 3)
    seconds = [r["seconds"] for r in records]
    tokens = [r["prompt_tokens"] + r["completion_tokens"] for r in records]
    return {
        "items": n, "skipped": skipped, "correct": correct, "accuracy": round(correct / n, 3) if n else 0.0,
        "per_category": dict(sorted(per_cat.items())),
        "seconds_median": round(statistics.median(seconds), 2) if seconds else 0.0,
        "seconds_mean": round(statistics.mean(seconds), 2) if seconds else 0.0,
        "tokens_per_question": round(statistics.mean(tokens), 1) if tokens else 0.0,
        "prompt_tokens_per_question": round(statistics.mean(r["prompt_tokens"] for r in records), 1) if n else 0.0,
        "llm_calls_per_question": round(statistics.mean(r["llm_calls"] for r in records), 2) if n else 0.0,
        "failures": dict(Counter(failure_kind(r) for r in records if not r["correct"]).most_common()),
    }
