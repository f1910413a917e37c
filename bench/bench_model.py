"""Benchmark of train_model.

    python bench/bench_model.py loans            # examples/data/loans.csv, target approved (no LLM)
    python bench/bench_model.py dabench          # DABench dev questions whose concepts include machine
                                                 # learning, through `dsagent ask --json` and the local LLM
    python bench/bench_model.py big [--rows N]   # wall time + peak memory on a 1M x 20 table (bench/data/)
    python bench/bench_model.py all

DABench scoring follows /work/shared/bench/README.md: a question counts only if every sub-answer
matches (exact string after the requested rounding, or floats within 1e-6). The value read from our
result is the test-set metric of the model the tool picked as best; no per-item tuning.
The fairness checks C3-C5 are allowed (--allow) for the DABench run only: the benchmark measures the
numbers, and a reviewer block would otherwise withhold them (each allow is logged).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DABENCH = Path(os.environ.get("DABENCH_DIR", "/work/shared/bench/dabench_dev"))
LLM_URL = os.environ.get("DSAGENT_BENCH_LLM", "http://127.0.0.1:8765/v1")
DSAGENT = str(Path(sys.executable).with_name("dsagent"))
_DIGITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _run_tool(path: str, **args):
    from dsagent.tools.base import ToolContext
    from dsagent.tools.model.tool import ModelArgs, train_model
    from dsagent.data.workspace import Workspace

    with Workspace.open([path]) as ws:
        out = Path(tempfile.mkdtemp(prefix="bench-model-"))
        started = time.perf_counter()
        result = train_model(ws, ModelArgs(**args), ToolContext(output_dir=out))
        return result, time.perf_counter() - started


def _timed_checks() -> dict[str, float]:
    """Wrap the reviewer's leakage checks so their seconds inside train_model can be reported."""
    import dsagent.ethics.leakage as lk

    spent = {"A1-A4": 0.0, "B1-B3": 0.0, "B4": 0.0, "B5": 0.0}
    for name, attr in (("A1-A4", "check_feature_leakage"), ("B1-B3", "check_split"), ("B4", "check_pps_change"),
                       ("B5", "check_batch_dependence")):
        fn = getattr(lk, attr)

        def wrap(*a, _fn=fn, _name=name, **k):
            started = time.perf_counter()
            try:
                return _fn(*a, **k)
            finally:
                spent[_name] += time.perf_counter() - started
        setattr(lk, attr, wrap)
    return spent


def bench_loans() -> dict:
    spent = _timed_checks()
    result, seconds = _run_tool(str(REPO / "examples/data/loans.csv"), target="approved")
    print(f"\n## loans.csv, target approved: {result.task}, split {result.split}, best {result.best}, "
          f"{seconds:.1f} s wall")
    print(f"features: {', '.join(result.features)}")
    print("excluded: " + "; ".join(f"{e['column']} ({e['reason'].split(':')[0]})" for e in result.excluded))
    names = ["roc_auc", "balanced_accuracy", "accuracy", "f1"]
    print("| model | " + " | ".join(f"{n} (CV)" for n in names) + " | " + " | ".join(f"{n} (test)" for n in names) + " |")
    print("|---|" + "---|" * (2 * len(names)))
    for model, m in result.metrics.items():
        t = result.extra["test_metrics"][model]
        print(f"| {model} | " + " | ".join(f"{m[n]:.3f} ± {m[n + '_sd']:.3f}" for n in names) + " | "
              + " | ".join(f"{t[n]:.3f}" for n in names) + " |")
    print(result.extra["comparison"])
    print("per-group findings: " + "; ".join(f"{f.severity} {f.id} {f.columns}" for f in result.findings
                                             if f.id.startswith("C") and f.severity != "info"))
    print("reviewer checks inside train_model: " + "; ".join(f"{k} {v:.2f} s ({v / seconds:.1%})"
                                                           for k, v in spent.items()))
    return {"seconds": round(seconds, 2), "checks_seconds": {k: round(v, 2) for k, v in spent.items()},
            "best": result.best, "metrics": result.metrics,
            "test_metrics": result.extra["test_metrics"]}


def _metric_for(name: str) -> str | None:
    n = name.lower()
    if "rmse" in n or "root_mean" in n:
        return "rmse"
    if "mean_squared" in n or re.search(r"(^|_)mse($|_)", n):
        return "mse"
    if "mae" in n or "mean_absolute" in n:
        return "mae"
    if "r2" in n or "r_squared" in n:
        return "r2"
    if "balanced" in n:
        return "balanced_accuracy"
    if "accuracy" in n:
        return "accuracy"
    if "auc" in n:
        return "roc_auc"
    if "f1" in n:
        return "f1"
    return None


def _decimals(fmt: str) -> int | None:
    m = re.search(r"(\w+) decimal", fmt)
    if not m:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _DIGITS.get(word)


def _matches(value: float, gold: str, decimals: int | None) -> bool:
    shown = f"{value:.{decimals}f}" if decimals is not None else str(value)
    try:
        return shown == gold or abs(float(shown) - float(gold)) <= 1e-6
    except ValueError:
        return False


def _direct(q: dict, out: Path) -> dict:
    """Tool arguments from the same local LLM forced to call train_model, then the tool itself.

    Isolates the tool from the planner's choice of tool; the prompt holds the columns and the question.
    """
    from langchain_openai import ChatOpenAI

    from dsagent.tools.base import ToolContext
    from dsagent.tools.model.tool import ModelArgs, train_model
    from dsagent.data.workspace import Workspace

    with Workspace.open([str(DABENCH / "tables" / q["file_name"])]) as ws:
        table = ws.default_table()
        columns = ", ".join(c for c, _ in ws.columns(table))
        llm = ChatOpenAI(base_url=LLM_URL, api_key=os.environ.get("OPENAI_API_KEY", "bench"), model="local",
                         temperature=0, timeout=600, max_retries=1)
        chooser = llm.with_structured_output(ModelArgs, method="function_calling")
        text = " ".join(f"{q['question']} {q['constraints']}".replace("{", " ").replace("}", " ").split())
        args = chooser.invoke(f"Table {table} with columns: {columns}.\nCall train_model for this request. "
                              f"Use only column names from the list.\nRequest: {text}")
        data = args.model_dump(exclude_none=True)
        for key in ("target", "group_by", "date_column"):  # the server's HTML-escaping defect (shared/llm)
            if isinstance(data.get(key), str):
                data[key] = data[key].replace("&#39;", "'").replace("&#34;", '"')
        result = train_model(ws, ModelArgs(**data), ToolContext(output_dir=out, question=text,
                                                                  allow={"C3", "C4", "C5"}))
        return {"result": result.to_json(), "steps": [{"tool": "train_model", "args": data}], "error": None}


# Upper bound of the tool alone: arguments a careful planner would write, read literally from each
# question's text and constraints (target, features, test share, stated seed, model, missing rows).
# Not tuned: no seed or split is given that the question does not state; defaults otherwise.
HAND_ARGS = {
    30: dict(target="charges", features=["age", "bmi"], task="regression", models=["linear"], split="random",
             test_size=0.2, random_state=42, missing="drop"),
    363: dict(target="sun", features=["temperature", "humidity", "wind speed"], task="regression",
              models=["linear"], split="random", test_size=0.3),
    432: dict(target="max_sust_wind", features=["damage_USD", "min_p"], task="regression", models=["linear"],
              split="random", test_size=0.2),
    549: dict(target="Rings", task="regression", models=["linear"], split="random", test_size=0.3),
}


def _hand(q: dict, out: Path) -> dict:
    from dsagent.tools.base import ToolContext
    from dsagent.tools.model.tool import ModelArgs, train_model
    from dsagent.data.workspace import Workspace

    if q["id"] not in HAND_ARGS:
        return {"result": {}, "steps": [], "error": {"message": "no hand-written arguments"}}
    with Workspace.open([str(DABENCH / "tables" / q["file_name"])]) as ws:
        result = train_model(ws, ModelArgs(**HAND_ARGS[q["id"]]), ToolContext(output_dir=out,
                                                                              allow={"C3", "C4", "C5"}))
        return {"result": result.to_json(), "steps": [{"tool": "train_model", "args": HAND_ARGS[q["id"]]}],
                "error": None}


def bench_dabench(limit: int | None = None, direct: bool = False, hand: bool = False) -> dict:
    questions = [json.loads(line) for line in (DABENCH / "questions.jsonl").open()]
    labels = {json.loads(line)["id"]: json.loads(line)["common_answers"] for line in (DABENCH / "labels.jsonl").open()}
    ml = [q for q in questions if any("machine learning" in c.lower() for c in q["concepts"])][:limit]
    rows, answered, matched = [], 0, 0
    for q in ml:
        text = f"{q['question']} {q['constraints']}".replace("{", " ").replace("}", " ")
        text = " ".join(text.split())
        out = Path(tempfile.mkdtemp(prefix="bench-dabench-"))
        cmd = [DSAGENT, "ask", str(DABENCH / "tables" / q["file_name"]), text, "--json", "--provider", "openai",
               "--base-url", LLM_URL, "--timeout", "300", "--output-dir", str(out), "--allow", "C3", "--allow", "C4", "--allow", "C5"]
        env = {**os.environ, "OPENAI_API_KEY": os.environ.get("OPENAI_API_KEY", "bench")}
        started = time.perf_counter()
        if direct or hand:
            try:
                data = _hand(q, out) if hand else _direct(q, out)
            except Exception as exc:  # a bench records every failure and goes on
                data = {"result": {}, "steps": [], "error": {"message": f"{type(exc).__name__}: {exc}"[:300]}}
        else:
            for _ in range(2):  # one retry when the shared LLM server is too busy to answer in time
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env)
                try:
                    data = json.loads(done.stdout)
                except json.JSONDecodeError:
                    data = {"result": {}, "steps": [], "error": {"type": "crash", "message": done.stderr.strip()[-300:]}}
                if (data.get("error") or {}).get("type") != "provider_error":
                    break
        seconds = time.perf_counter() - started
        result = data.get("result") or {}
        gold = labels[q["id"]]
        fmt = q["format"]
        got, ok_all, answerable = {}, True, result.get("kind") == "model"
        for name, value in gold:
            metric = _metric_for(name)
            test = (result.get("test_metrics") or {}).get(result.get("best") or "", {})
            if not answerable or metric is None or metric not in test:
                ok_all, answerable = False, False
                got[name] = None
                continue
            got[name] = test[metric]
            ok_all &= _matches(test[metric], value, _decimals(fmt))
        answered += answerable
        matched += answerable and ok_all
        args = [s.get("args") for s in data.get("steps", []) if s.get("tool") == "train_model"]
        rows.append({"id": q["id"], "file": q["file_name"], "seconds": round(seconds, 1), "answered": answerable,
                     "matched": bool(answerable and ok_all), "gold": gold, "got": got, "tool_args": args,
                     "kind": result.get("kind"), "split": result.get("split"), "best": result.get("best"),
                     "error": data.get("error")})
        print(json.dumps(rows[-1], default=str))
    print(f"\n## DABench dev, machine-learning questions ({'hand-written arguments' if hand else 'direct: LLM forced to call train_model' if direct else 'through dsagent ask'}): "
          f"{len(ml)} questions, {answered} answered by "
          f"train_model, {matched} matched")
    return {"questions": len(ml), "answered": answered, "matched": matched, "items": rows}


def _make_big(rows: int) -> Path:
    """A seeded rows x 20 CSV in bench/data/ (14 numbers, 4 categories, 1 id, binary target), made by DuckDB."""
    import duckdb

    path = REPO / "bench" / "data" / f"big_{rows}.csv"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    nums = ", ".join(f"round(random() * 100 + {i}, 3) AS x{i}" for i in range(14))
    cats = ", ".join(f"('c' || (hash(i * {k + 7}) % {5 + 3 * k}))::VARCHAR AS cat{k}" for k in range(4))
    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    con.execute(f"""COPY (SELECT * EXCLUDE (eps), (x0 + 0.5 * x1 - 0.3 * x2 + eps > 95)::INT AS target
                 FROM (SELECT 'R' || lpad(i::VARCHAR, 8, '0') AS row_id, {nums}, {cats}, random() * 60 AS eps
                       FROM (SELECT range AS i FROM range({rows}))))
                 TO '{path}' (HEADER)""")
    con.close()
    return path


def bench_big(rows: int) -> dict:
    path = _make_big(rows)
    code = ("import json, resource, sys, time; sys.path.insert(0, %r); import bench_model as b; "
            "r, s = b._run_tool(%r, target='target'); "
            "print(json.dumps({'seconds': s, 'rows_used': r.extra['rows_used'], 'sample': r.extra['sample_note'], "
            "'skipped': r.extra['skipped'], 'best': r.best, 'fit_seconds': r.extra['seconds'], "
            "'auc': r.extra['test_metrics'][r.best].get('roc_auc'), "
            "'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
            % (str(REPO / "bench"), str(path)))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - started
    if done.returncode:
        print(done.stderr[-2000:])
        return {"error": done.stderr[-500:]}
    data = json.loads(done.stdout.strip().splitlines()[-1])
    data["process_wall_seconds"] = round(wall, 1)
    print(f"\n## {rows} rows x 20 columns ({path.stat().st_size / 1e6:.0f} MB CSV): tool {data['seconds']:.1f} s, "
          f"process {wall:.1f} s (incl. imports and loading), peak RSS {data['peak_rss_mb']:.0f} MB; "
          f"{data['sample']}; best {data['best']} (AUC {data['auc']:.3f}); skipped {data['skipped']}; "
          f"per model {data['fit_seconds']}")
    return data


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("part", choices=["loans", "dabench", "big", "all"])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--direct", action="store_true", help="dabench: LLM forced to call train_model, no planner")
    p.add_argument("--hand", action="store_true", help="dabench: hand-written tool arguments (the tool's upper bound)")
    p.add_argument("--out", default=None, help="write the numbers as JSON here")
    a = p.parse_args()
    results = {}
    if a.part in ("loans", "all"):
        results["loans"] = bench_loans()
    if a.part in ("dabench", "all"):
        results["dabench"] = bench_dabench(a.limit, a.direct, a.hand)
    if a.part in ("big", "all"):
        results["big"] = bench_big(a.rows)
    if a.out:
        Path(a.out).write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
