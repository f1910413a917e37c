"""Hybrid mode against the pure model: tokens saved and accuracy, on the same questions and server.

    /root/venv/bin/python bench/bench_hybrid.py --out /tmp/hybrid.jsonl          # both arms, all items
    /root/venv/bin/python bench/bench_hybrid.py --limit 10 --arms hybrid         # a quick look
    /root/venv/bin/python bench/bench_hybrid.py --summary /tmp/hybrid.jsonl      # re-read a finished run
    /root/venv/bin/python bench/bench_hybrid.py --suite ../shared/bench/duckdb_nsql/dev.json --limit 40

Arms: `openai` (every question goes to the model at --base-url) and `hybrid` (the offline planner
answers the questions it parses confidently, the same model the rest). Each item is asked through a
fresh Session, exactly as `dsagent eval` does (dsagent.commands.eval.evaluate_item), and scored by
execution (dsagent.evaluate: same rows as the gold SQL). The two arms alternate item by item, so a
shared, loaded server slows both alike. One JSON line per (item, arm) is written and flushed as it
is scored, so a long run can be read while it goes and survives an interruption.

The summary per arm: accuracy, model calls, prompt + completion tokens per question, seconds; for
hybrid also how many questions never reached the model, and the accuracy of each arm on the two
halves (answered offline / handed to the model), which says whether the offline answers cost
accuracy. Default suite: examples/questions/aggregates.jsonl (111 questions, 35 in Spanish), written
with the offline planner (its development set: hybrid answers nearly all of it offline); a DuckDB-NSQL
dev.json (`--suite`) is the harder, independent set, where most questions go to the model.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / "examples" / "questions" / "aggregates.jsonl"
BASE_URL = "http://127.0.0.1:8765/v1"


def settings_for(arm: str, base_url: str, model: str | None, timeout: float):
    from dsagent.config import load_settings

    os.environ.setdefault("OPENAI_API_KEY", "sk-local")  # local servers accept any key
    args = SimpleNamespace(provider=arm, base_url=base_url, model=model, timeout=timeout, model_path=None,
                           style=None, privacy=None, memory_limit=None, threads=None, max_rows=None,
                           output_dir=None, allow=[])
    settings = load_settings(args)
    settings.max_rows = max(int(settings.max_rows), 100)
    return settings


def run(suite: Path, arms: list[str], base_url: str, model: str | None, timeout: float, limit: int | None,
        out_path: str | None, resume: bool = False) -> list[dict]:
    from dsagent.commands.eval import evaluate_item
    from dsagent.evaluate import gold_result, load_suite

    items = load_suite(str(suite))[:limit]
    for item in items:  # aggregates.jsonl names its data from the repository root, not from its own folder
        item.data = [d if Path(d).exists() else str(_from_root(d, suite)) for d in item.data]
    settings = {arm: settings_for(arm, base_url, model, timeout) for arm in arms}
    records: list[dict] = []
    if resume and out_path and Path(out_path).exists():  # keep what an interrupted run scored
        records = [json.loads(line) for line in open(out_path, encoding="utf-8") if line.strip()]
    done = {(r["id"], r["arm"]) for r in records}
    out = open(out_path, "a" if resume else "w", encoding="utf-8") if out_path else None
    try:
        for n, item in enumerate(items, 1):
            try:
                gold = gold_result(item)
            except Exception as exc:  # noqa: BLE001 - a gold that does not run read-only is out of scope (as eval)
                print(f"[{n}/{len(items)}] skipped #{item.id}: gold does not run ({str(exc)[:80]})", file=sys.stderr)
                continue
            for arm in arms:
                if (item.id, arm) in done:
                    continue
                record = evaluate_item(item, settings[arm], gold)
                record["arm"] = arm
                records.append(record)
                print(f"[{n}/{len(items)}] {arm:7s} {'ok' if record['correct'] else 'NO'} {record['seconds']:5.1f}s "
                      f"calls={record['llm_calls']} tokens={record['prompt_tokens'] + record['completion_tokens']} "
                      f"#{item.id}", file=sys.stderr)
                if out:
                    out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                    out.flush()
    finally:
        if out:
            out.close()
    return records


def _from_root(path: str, suite: Path) -> Path:
    rel = Path(path).relative_to(suite.resolve().parent)
    return REPO / rel


def summarize(records: list[dict]) -> dict:
    by_arm: dict[str, dict[str, dict]] = {}
    for r in records:
        by_arm.setdefault(r["arm"], {})[r["id"]] = r
    report: dict = {}
    for arm, recs in by_arm.items():
        rs = list(recs.values())
        tokens = [r["prompt_tokens"] + r["completion_tokens"] for r in rs]
        report[arm] = {
            "items": len(rs), "correct": sum(r["correct"] for r in rs),
            "accuracy": round(sum(r["correct"] for r in rs) / len(rs), 3),
            "llm_calls": sum(r["llm_calls"] for r in rs),
            "tokens": sum(tokens), "tokens_per_question": round(statistics.mean(tokens), 1),
            "prompt_tokens": sum(r["prompt_tokens"] for r in rs),
            "completion_tokens": sum(r["completion_tokens"] for r in rs),
            "questions_without_model": sum(r["llm_calls"] == 0 for r in rs),
            "seconds_median": round(statistics.median(r["seconds"] for r in rs), 2),
            "seconds_total": round(sum(r["seconds"] for r in rs), 1),
        }
    if "hybrid" in by_arm and "openai" in by_arm:
        common = sorted(set(by_arm["hybrid"]) & set(by_arm["openai"]))
        offline = [i for i in common if by_arm["hybrid"][i]["llm_calls"] == 0]
        remote = [i for i in common if by_arm["hybrid"][i]["llm_calls"] > 0]

        def acc(arm: str, ids: list[str]) -> dict:
            right = sum(by_arm[arm][i]["correct"] for i in ids)
            return {"n": len(ids), "correct": right, "accuracy": round(right / len(ids), 3) if ids else None}

        t_open = sum(by_arm["openai"][i]["prompt_tokens"] + by_arm["openai"][i]["completion_tokens"] for i in common)
        t_hyb = sum(by_arm["hybrid"][i]["prompt_tokens"] + by_arm["hybrid"][i]["completion_tokens"] for i in common)
        report["comparison"] = {
            "items_in_both": len(common),
            "tokens_saved": t_open - t_hyb, "tokens_saved_share": round(1 - t_hyb / t_open, 3) if t_open else None,
            "answered_offline": {"hybrid": acc("hybrid", offline), "openai_on_same": acc("openai", offline)},
            "handed_to_model": {"hybrid": acc("hybrid", remote), "openai_on_same": acc("openai", remote)},
            "accuracy_change": round((sum(by_arm["hybrid"][i]["correct"] for i in common)
                                      - sum(by_arm["openai"][i]["correct"] for i in common)) / len(common), 3)
            if common else None,
        }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", default=str(SUITE), help="JSONL of {id, data, question, gold_sql}")
    parser.add_argument("--arms", default="openai,hybrid", help="comma-separated: openai, hybrid")
    parser.add_argument("--base-url", default=BASE_URL)
    parser.add_argument("--model", default=None)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per model request and query")
    parser.add_argument("--limit", type=int, default=None, help="only the first N items")
    parser.add_argument("--out", default=None, help="write one JSON line per (item, arm) here, as it goes")
    parser.add_argument("--resume", action="store_true", help="append to --out, skipping the (item, arm) pairs in it")
    parser.add_argument("--summary", nargs="+", default=None, metavar="FILE",
                        help="only summarise the records in these files (a later record of the same item and arm "
                             "replaces an earlier one, e.g. one arm re-run)")
    args = parser.parse_args(argv)
    if args.summary:
        records = [json.loads(line) for path in args.summary for line in open(path, encoding="utf-8") if line.strip()]
    else:
        records = run(Path(args.suite), [a.strip() for a in args.arms.split(",") if a.strip()], args.base_url,
                      args.model, args.timeout, args.limit, args.out, args.resume)
    json.dump(summarize(records), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
