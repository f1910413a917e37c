"""Memory benchmark: accuracy with 0, 3 and 5 verified examples, k-fold over one database's questions.

    python bench/bench_memory.py                          # DuckDB-NSQL `laptop` (44 questions), 4 folds
    python bench/bench_memory.py --examples 0,3 --folds 4 --limit 8

For each fold, the memory holds the verified pairs (question, gold SQL) of the other folds, never
the question itself; each question of the fold is asked through dsagent's agent loop on the local
OpenAI-compatible server with `memory_examples` = 0, 3 or 5. Exact matches are off (the question is
never in its own memory), so what is measured is the effect of the examples on the planner.
Only items whose gold runs read-only are used. Numbers: accuracy, prompt tokens and median seconds
per question for each setting. Run it alone: a second client on the server spoils its prompt cache.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "bench" / "duckdb_nsql" / "dev.json"
BASE_URL = "http://127.0.0.1:8765/v1"


def folds_of(items: list, k: int) -> list[list]:
    """k folds in the suite's own order (every k-th item), so each fold mixes categories."""
    return [items[i::k] for i in range(k)]


def run_setting(items: list, folds: list[list], examples: int, settings_kwargs: dict, home: Path) -> list[dict]:
    from dsagent.commands.eval import evaluate_item
    from dsagent.config import Settings
    from dsagent.data.workspace import Workspace
    from dsagent.evaluate import gold_result
    from dsagent.memory.store import MemoryStore

    records = []
    for n, fold in enumerate(folds):
        fold_home = home / f"k{examples}-f{n}"
        settings = Settings(**settings_kwargs, memory_examples=examples)
        # The memory of this fold: every other fold's question with its gold SQL as the verified pair.
        train = [x for x in items if x not in fold]
        ws = Workspace.open(train[0].data) if train else None
        if ws is not None:
            store = MemoryStore.for_workspace(ws, fold_home)
            for item in train:
                try:
                    store.add(ws, item.question, item.gold_sql, "import")
                except Exception:  # noqa: BLE001 - a gold the guard refuses is not a pair dsagent would keep
                    pass
            print(f"[k={examples} fold {n}] memory holds {len(store.pairs())} verified pairs", file=sys.stderr)
            ws.close()
        for item in fold:
            os.environ["DSAGENT_HOME"] = str(fold_home)
            record = evaluate_item(item, settings, gold_result(item), leave_out=None)
            record["examples"] = examples
            records.append(record)
            mark = "ok " if record["correct"] else "NO "
            print(f"[k={examples} fold {n}] {mark}{record['seconds']:5.1f}s #{item.id}", file=sys.stderr)
    return records


def summary(records: list[dict]) -> dict:
    n = len(records)
    return {"items": n, "correct": sum(r["correct"] for r in records),
            "accuracy": round(sum(r["correct"] for r in records) / n, 3) if n else 0.0,
            "prompt_tokens": round(statistics.mean(r["prompt_tokens"] for r in records), 1) if n else 0,
            "seconds_median": round(statistics.median(r["seconds"] for r in records), 2) if n else 0,
            "over_60s": sum(r["seconds"] > 60 for r in records)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--suite", default=str(DEV))
    p.add_argument("--db", default="laptop", help="the database whose questions are split into folds")
    p.add_argument("--folds", type=int, default=4)
    p.add_argument("--examples", default="0,3,5", help="settings of memory_examples to compare")
    p.add_argument("--limit", type=int, default=None, help="questions per fold at most (while iterating)")
    p.add_argument("--base-url", default=BASE_URL)
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--report", default=None, help="per-item records (JSONL)")
    args = p.parse_args()

    from dsagent.evaluate import gold_result, load_suite

    items = []
    for item in load_suite(args.suite):
        if Path(item.data[0]).parent.name != args.db:
            continue
        try:
            gold_result(item)
        except Exception:  # noqa: BLE001 - gold that does not run read-only is out of scope
            continue
        items.append(item)
    folds = folds_of(items, args.folds)
    if args.limit:
        folds = [f[: args.limit] for f in folds]
    settings_kwargs = dict(provider="openai", base_url=args.base_url, api_key="sk-local", model="local",
                           timeout=args.timeout, max_rows=100)
    results = {}
    all_records = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in [int(x) for x in args.examples.split(",")]:
            records = run_setting(items, folds, k, settings_kwargs, Path(tmp))
            all_records += records
            results[k] = summary(records)
    if args.report:
        Path(args.report).write_text("".join(json.dumps(r, default=str) + "\n" for r in all_records))
    print(f"{args.db}: {sum(len(f) for f in folds)} questions in {args.folds} folds")
    for k, s in results.items():
        print(f"  examples={k}: {s['correct']}/{s['items']} = {100 * s['accuracy']:.1f} %, "
              f"{s['prompt_tokens']} prompt tokens, median {s['seconds_median']} s, over 60 s: {s['over_60s']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
