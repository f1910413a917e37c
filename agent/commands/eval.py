"""`dsagent eval SUITE`: execution accuracy of the configured planner on a text-to-SQL suite."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from dsagent.config import load_settings
from dsagent.errors import UserError


def evaluate_item(item: Any, settings: Any, gold: tuple[list, list], leave_out: str | None = None) -> dict[str, Any]:
    """Ask one question through a fresh Session and compare its result with the gold's.

    `leave_out`: the id of the verified pair the item came from (eval --memory): the session neither
    answers from it nor shows it as an example, so the replay measures the planner, not the memory."""
    from dsagent.evaluate import execute, has_order_by, results_match
    from dsagent.session import Session
    from dsagent.data.workspace import Workspace

    gold_cols, gold_rows = gold
    from dsagent.errors import DataError

    started = time.perf_counter()
    options = dict(memory_limit=settings.memory_limit, threads=settings.threads,
                   timeout_s=float(settings.timeout), max_rows=int(settings.max_rows))
    try:
        ws = Workspace.open(item.data, **options)
    except DataError as exc:
        if "no tables" not in exc.problem:
            raise
        ws = Workspace(**options)  # an empty database: questions about literals still have answers
        ws.harden()
    try:
        session = Session(ws, settings)
        if leave_out is not None:
            session.memory_exact = False
            session.memory_exclude = {leave_out}
        answer = session.ask(item.question)
    finally:
        ws.close()
    seconds = time.perf_counter() - started
    record: dict[str, Any] = {
        "id": item.id, "category": item.category, "question": item.question, "gold_sql": item.gold_sql,
        "pred_sql": answer.sql, "correct": False, "seconds": round(seconds, 2),
        "llm_calls": answer.usage["llm_calls"], "prompt_tokens": answer.usage["prompt_tokens"],
        "completion_tokens": answer.usage["completion_tokens"],
        "error": answer.error["message"] if answer.error else None,
        "error_type": answer.error["type"] if answer.error else None,
        "steps": [{k: s.get(k) for k in ("tool", "sql", "error")} for s in answer.steps],
        "gold_rows": len(gold_rows), "gold_columns": len(gold_cols),
    }
    if not answer.sql:
        return record
    # Re-run the prediction on the gold's read-only connection: the answer's rows are capped for display.
    try:
        pred_cols, pred_rows = execute(item, answer.sql)
    except Exception as exc:  # noqa: BLE001 - any failure of the prediction is a wrong answer, recorded
        record["pred_error"] = str(exc)[:300]
        return record
    record.update(pred_rows=len(pred_rows), pred_columns=len(pred_cols),
                  correct=results_match(gold_rows, pred_rows, has_order_by(item.gold_sql)))
    return record


def run(args: Any) -> int:
    from dsagent.evaluate import gold_result, load_suite, summarize, failure_kind

    settings = load_settings(args)
    settings.max_rows = max(int(settings.max_rows), 100)
    if (args.suite is None) == (args.memory is None):
        raise UserError("give a suite file or --memory DATA (not both)")
    items = load_suite(args.suite) if args.suite else memory_suite(args, settings)
    from_memory = args.memory is not None
    runnable, skipped = [], []
    for item in items:
        try:
            runnable.append((item, gold_result(item)))
        except Exception as exc:  # noqa: BLE001 - a gold that does not run read-only is out of scope
            skipped.append({"id": item.id, "reason": str(exc).splitlines()[0][:120]})
    if args.limit is not None:
        runnable = runnable[: max(0, args.limit)]
    # Same data back to back: a local server reuses the cached prompt prefix (the schema card).
    runnable.sort(key=lambda pair: (pair[0].data, int(pair[0].id) if pair[0].id.isdigit() else 0))
    print(f"evaluating {len(runnable)} items ({len(skipped)} skipped: gold does not run read-only)", file=sys.stderr)
    records = []
    report = open(args.report, "w", encoding="utf-8") if args.report else None
    try:
        for n, (item, gold) in enumerate(runnable, 1):
            record = evaluate_item(item, settings, gold, leave_out=item.id if from_memory else None)
            if record.get("error_type") == "provider_error" and not records:
                raise UserError(record["error"])
            records.append(record)
            mark = "ok " if record["correct"] else "NO "
            print(f"[{n}/{len(runnable)}] {mark}{record['seconds']:5.1f}s #{item.id} {item.category}: "
                  f"{failure_kind(record) or ''}", file=sys.stderr)
            if report:
                report.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                report.flush()
        summary = summarize(records, len(skipped))
        summary["skipped_items"] = skipped
        if report:
            report.write(json.dumps({"summary": summary}, ensure_ascii=False) + "\n")
    finally:
        if report:
            report.close()
    _print_summary(summary)
    return 0


def memory_suite(args: Any, settings: Any) -> list:
    """The verified pairs of DATA's schema as eval items (the stored SQL is the gold)."""
    from dsagent.commands._common import open_workspace
    from dsagent.evaluate import Item
    from dsagent.memory.store import MemoryStore

    args.data = args.memory
    ws = open_workspace(args, settings)
    try:
        pairs = MemoryStore.for_workspace(ws, settings.home).pairs()
    finally:
        ws.close()
    if not pairs:
        raise UserError("no verified pairs for this data yet (dsagent memory add, or /good in chat)")
    return [Item(p.id, list(args.memory), p.question, p.sql, p.source) for p in pairs]


def _print_summary(s: dict[str, Any]) -> None:
    print(f"accuracy {s['correct']}/{s['items']} = {100 * s['accuracy']:.1f} %  "
          f"(skipped {s['skipped']} whose gold does not run read-only)")
    print(f"seconds/question median {s['seconds_median']} mean {s['seconds_mean']}; "
          f"tokens/question {s['tokens_per_question']}; llm calls/question {s['llm_calls_per_question']}")
    for cat, c in s["per_category"].items():
        print(f"  {cat:10s} {c['correct']}/{c['n']} = {100 * c['accuracy']:.0f} %")
    if s["failures"]:
        print("failures: " + "; ".join(f"{k}: {v}" for k, v in s["failures"].items()))
