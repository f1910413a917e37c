"""DuckDB-NSQL benchmark of dsagent's planner against a local OpenAI-compatible model.

    python bench/bench_nsql.py                      # dsagent (agent loop), all read-only items
    python bench/bench_nsql.py --arm baseline       # the issue's baseline: schema DDL + question, one call
    python bench/bench_nsql.py --limit 10 --ids 3,5 # subsets while iterating

Both arms use the same items (gold runs on a read-only connection), the same scoring
(dsagent.evaluate) and the same server, so their numbers compare under the same load.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "bench" / "duckdb_nsql" / "dev.json"
BASE_URL = "http://127.0.0.1:8765/v1"


def baseline_item(item, base_url: str, timeout: float) -> dict:
    """One call: the schema DDL and the question, SQL back as text (the issue's baseline)."""
    import duckdb
    from openai import OpenAI

    from dsagent.evaluate import execute, gold_result, has_order_by, results_match

    con = duckdb.connect(item.gold_db, read_only=True)
    ddl = "\n".join(r[0] for r in con.execute("SELECT sql FROM duckdb_tables() WHERE database_name = current_database()").fetchall())
    con.close()
    from openai import APITimeoutError

    client = OpenAI(base_url=base_url, api_key="sk-local", timeout=timeout, max_retries=0)
    started = time.perf_counter()
    try:
        out = client.chat.completions.create(model="local", temperature=0, max_tokens=300, messages=[
            {"role": "system", "content": "Write one DuckDB SQL query that answers the question. Reply with SQL only."},
            {"role": "user", "content": f"{ddl}\n\n-- {item.question}"}])
    except APITimeoutError:
        # A reply later than the time limit is a wrong answer, as it is for the agent arm.
        return {"id": item.id, "category": item.category, "pred_sql": None, "correct": False,
                "seconds": round(time.perf_counter() - started, 2), "prompt_tokens": 0, "completion_tokens": 0,
                "llm_calls": 1, "pred_error": f"no reply within {timeout:g} s"}
    seconds = time.perf_counter() - started
    text = out.choices[0].message.content or ""
    m = re.search(r"```(?:sql)?\s*(.+?)```", text, re.S)
    sql = (m.group(1) if m else text).strip()
    record = {"id": item.id, "category": item.category, "pred_sql": sql, "seconds": round(seconds, 2),
              "prompt_tokens": out.usage.prompt_tokens, "completion_tokens": out.usage.completion_tokens,
              "llm_calls": 1, "correct": False}
    gold_cols, gold_rows = gold_result(item)
    record.update(gold_rows=len(gold_rows), gold_columns=len(gold_cols))
    try:
        cols, rows = execute(item, sql)
        record.update(pred_rows=len(rows), pred_columns=len(cols),
                      correct=results_match(gold_rows, rows, has_order_by(item.gold_sql)))
    except Exception as exc:  # noqa: BLE001 - a failing prediction is a wrong answer
        record["pred_error"] = str(exc)[:200]
    return record


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arm", choices=["agent", "baseline"], default="agent")
    p.add_argument("--dev", default=str(DEV))
    p.add_argument("--base-url", default=BASE_URL)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--ids", default=None, help="comma-separated item ids (indexes in dev.json)")
    p.add_argument("--timeout", type=float, default=200.0)
    p.add_argument("--report", default=None)
    p.add_argument("--resume", action="store_true", help="keep the records already in --report and run the rest")
    p.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                   help="run items in a seeded random order (a partial run is then a fair sample)")
    args = p.parse_args()

    if args.arm == "agent" and not args.ids and args.shuffle is None and not args.resume:
        from dsagent.cli import cli

        argv = ["eval", args.dev, "--provider", "openai", "--base-url", args.base_url, "--timeout", str(args.timeout)]
        argv += ["--limit", str(args.limit)] if args.limit else []
        argv += ["--report", args.report] if args.report else []
        return cli(argv)

    from dsagent.commands.eval import evaluate_item
    from dsagent.config import Settings
    from dsagent.evaluate import gold_result, load_suite, summarize

    items = []
    for item in load_suite(args.dev):
        try:
            gold = gold_result(item)
        except Exception:  # noqa: BLE001 - out of scope: gold does not run read-only
            continue
        items.append((item, gold))
    if args.ids:
        wanted = set(args.ids.split(","))
        items = [x for x in items if x[0].id in wanted]
    if args.shuffle is not None:
        import random

        random.Random(args.shuffle).shuffle(items)
    items = items[: args.limit] if args.limit else items
    settings = Settings(provider="openai", base_url=args.base_url, timeout=args.timeout, max_rows=100)
    records = []
    if args.resume and args.report and Path(args.report).exists():
        records = [json.loads(x) for x in Path(args.report).read_text().splitlines() if '"id"' in x[:10]]
        done = {r["id"] for r in records}
        items = [x for x in items if x[0].id not in done]
    report = open(args.report, "a" if args.resume else "w", encoding="utf-8") if args.report else None
    for n, (item, gold) in enumerate(items, 1):
        rec = baseline_item(item, args.base_url, args.timeout) if args.arm == "baseline" else evaluate_item(item, settings, gold)
        records.append(rec)
        if report:  # written as it goes: a run cut short still leaves its records
            report.write(json.dumps(rec, default=str) + "\n")
            report.flush()
        print(f"[{n}/{len(items)}] {'ok' if rec['correct'] else 'NO'} {rec['seconds']}s #{item.id}", file=sys.stderr)
    summary = summarize(records)
    if report:
        report.write(json.dumps({"summary": summary}) + "\n")
        report.close()
    print(json.dumps(summary, indent=1))
    print(f"median seconds {statistics.median(r['seconds'] for r in records):.2f}" if records else "no items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
