"""Benchmark: chart kind and encoding accuracy on the NLV Corpus (natural language -> chart).

For a stratified sample of utterances (the same number per gold Vega-Lite spec, seeded), ask a
planner for a chart spec, draw it with the real `make_chart` tool (so its lint and column matching
count), and compare what was drawn with the gold spec keyed `<dataset>-<visId>`:

- mark: bar | point | line (our bar kinds and histograms are bars, scatter is point, line/area line);
- x, y, color fields (the gold's facet column counts as the split, since we draw splits as colour);
- aggregation (count | sum | mean | ...; none for scatter) and binning (histogram or not).

A chart is *correct (strict)* when all six match; *correct (lenient)* also accepts the x and colour
fields swapped for split bars (the gold grouped bars put the facet on `column` and the inner field on
x), x/y swapped for scatter plots, and the aggregate named by the gold's axis title where it differs
from the gold's own aggregate (superstore-bar sums profit under the title "AVG (Profit)", and the
utterances ask for the average). Both are reported.

Arms: `offline` (the built-in planner, skipped when it cannot be imported) and `llm` (an
OpenAI-compatible server, `with_structured_output(ChartSpec, method="function_calling")`, the prompt
in prompts/chart_spec.txt, one repair round with the tool's error like the agent loop does).

    /root/venv/bin/python bench/bench_charts.py --arm llm --per-spec 5
    /root/venv/bin/python bench/bench_charts.py --arm offline --per-spec 0   # 0 = every utterance
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

CORPUS = Path("/work/shared/bench/nlv_corpus")
MARKS = {"bar": "bar", "grouped_bar": "bar", "stacked_bar": "bar", "histogram": "bar", "pie": "arc",
         "line": "line", "area": "line", "scatter": "point", "box": "boxplot", "heatmap": "rect"}


# ---------------------------------------------------------------- corpus
def split_part(texts: list[str], part: str) -> list[str]:
    """The `dev` or `test` half of one gold spec's utterances (`all`: every one).

    Utterances are ordered by a hash of their text and dealt alternately, so the halves are fixed,
    disjoint (a repeated utterance stays on one side) and balanced whatever the seed: tune on `dev`,
    measure once on `test`.
    """
    if part == "all":
        return texts
    ordered = sorted(set(texts), key=lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())
    return ordered[0::2] if part == "dev" else ordered[1::2]


def load_items(per_spec: int, seed: int, part: str = "all") -> list[dict[str, Any]]:
    """Utterances grouped by gold spec; `per_spec` of each (0 = all), seeded, sorted by dataset."""
    specs = json.loads((CORPUS / "vlSpecs.json").read_text())
    groups: dict[str, list[dict]] = defaultdict(list)
    with open(CORPUS / "NLV_Corpus.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = f"{row['dataset'].lower()}-{row['visId']}"
            if key in specs:
                # sequential utterances are a conversation ("bar chart | split by X"); asked as one request
                text = " ".join(part.strip().rstrip(".") + "." for part in row["Utterance Set"].split("|")).strip()
                groups[key].append({"key": key, "dataset": row["dataset"].lower(), "utterance": text,
                                    "sequential": row["sequential"] == "y", "gold": gold_encoding(specs[key])})
    for key, group in groups.items():
        keep = set(split_part([g["utterance"] for g in group], part))
        groups[key] = [g for g in group if g["utterance"] in keep]
    rng = random.Random(seed)
    chosen = {key: (groups[key] if not per_spec else rng.sample(groups[key], min(per_spec, len(groups[key]))))
              for key in sorted(groups)}
    # round-robin over the gold specs, so that any first part of a run is itself a stratified sample
    items = []
    for i in range(max(len(v) for v in chosen.values())):
        items += [chosen[key][i] for key in sorted(chosen) if i < len(chosen[key])]
    return items


def gold_encoding(spec: dict) -> dict[str, Any]:
    enc = spec["encoding"]
    mark = spec["mark"]["type"] if isinstance(spec["mark"], dict) else spec["mark"]

    def field(ch: str) -> str | None:
        return (enc.get(ch) or {}).get("field")

    x, color, column = field("x"), field("color"), field("column")
    split = column or (color if color != x else None)
    agg = (enc.get("y") or {}).get("aggregate") or (enc.get("x") or {}).get("aggregate")
    # The axis title is what the annotators saw; in superstore-bar it says AVG (Profit) over a sum.
    title = str(((enc.get("y") or {}).get("axis") or {}).get("title") or "").upper()
    shown = next((a for word, a in (("AVG", "mean"), ("SUM", "sum"), ("COUNT", "count")) if title.startswith(word)), agg)
    return {"mark": mark, "x": x, "y": field("y"), "color": split, "aggregate": agg,
            "bin": bool((enc.get("x") or {}).get("bin")), "aggregate_shown": shown}


def predicted_encoding(spec: dict | None) -> dict[str, Any]:
    if not spec:
        return {"mark": None, "x": None, "y": None, "color": None, "aggregate": None, "bin": False}
    agg = spec.get("aggregate")
    return {"mark": MARKS.get(spec["kind"], spec["kind"]), "x": spec.get("x"), "y": spec.get("y"),
            "color": spec.get("color"), "aggregate": None if agg in (None, "none") else agg,
            "bin": spec["kind"] == "histogram"}


def score(pred: dict, gold: dict) -> dict[str, bool]:
    s = {k: pred[k] == gold[k] for k in ("mark", "x", "y", "color", "aggregate", "bin")}
    s["strict"] = all(s.values())
    lenient_fields = s["x"] and s["y"] and s["color"]
    if not lenient_fields and gold["mark"] == "bar" and gold["color"]:
        lenient_fields = s["y"] and {pred["x"], pred["color"]} == {gold["x"], gold["color"]}
    if not lenient_fields and gold["mark"] == "point":
        lenient_fields = s["color"] and {pred["x"], pred["y"]} == {gold["x"], gold["y"]}
    agg_ok = s["aggregate"] or pred["aggregate"] == gold.get("aggregate_shown")
    s["lenient"] = bool(lenient_fields and s["mark"] and agg_ok and s["bin"])
    return s


# ---------------------------------------------------------------- workspaces and schema text
def open_workspaces() -> dict[str, Any]:
    from dsagent.data.workspace import Workspace

    return {name: Workspace.open([str(CORPUS / "datasets" / f"{name}.csv")]) for name in ("cars", "movies", "superstore")}


def schema_text(ws) -> str:
    """Compact DDL: each column with its type; text columns with a few values (the model maps words to them)."""
    from dsagent.data.naming import quote_ident

    table = ws.default_table()
    lines = [f"CREATE TABLE {table} ( -- {ws.row_count(table):,} rows"]
    for name, typ in ws.columns(table):
        comment = ""
        if typ == "VARCHAR":
            distinct = ws.scalar(f"SELECT count(DISTINCT {quote_ident(name)}) FROM {quote_ident(table)}")
            if distinct <= 30:
                top = ws.query(f"SELECT {quote_ident(name)} FROM {quote_ident(table)} GROUP BY 1 ORDER BY count(*) DESC "
                               f"LIMIT 3").rows
                comment = f" -- {distinct} values: " + ", ".join(repr(r[0]) for r in top)
            else:
                comment = f" -- {distinct} values"
        lines.append(f"  {quote_ident(name)} {typ},{comment}")
    return "\n".join(lines) + "\n)"


# ---------------------------------------------------------------- planners
def _unescape(value: Any) -> Any:
    """llama-cpp-python's chatml-function-calling template HTML-escapes; undo it in model output."""
    if isinstance(value, str):
        return html.unescape(value)
    if isinstance(value, dict):
        return {k: _unescape(v) for k, v in value.items()}
    return value


def product_card(ws, utterance: str) -> str:
    """The schema card the agent sends a small local model (compact DDL, privacy `masked`)."""
    from dsagent.llm.prompting import schema_text as agent_card

    return agent_card(ws, utterance, "masked", compact=True)


class LlmPlanner:
    def __init__(self, base_url: str, model: str, schema: str = "compact", card: str = "product",
                 prompt: str | None = None):
        from langchain_openai import ChatOpenAI

        from dsagent.tools.chart.tool import ChartSpec, chart_tool_schema

        llm = ChatOpenAI(base_url=base_url, api_key="local", model=model, temperature=0, max_tokens=300,
                         timeout=180, max_retries=1)
        # "full": the pydantic model's own JSON schema; "compact": the same fields without titles and null
        # unions (chart_tool_schema), about a third of the tokens. Both are validated by ChartSpec.
        target = ChartSpec if schema == "full" else chart_tool_schema()
        self.tool_name = "ChartSpec" if schema == "full" else "make_chart"
        self.structured = llm.with_structured_output(target, method="function_calling", include_raw=True)
        self.card = card  # "product": the card the agent sends; "bench": schema_text above (the older runs)
        self.prompt = Path(prompt).read_text(encoding="utf-8") if prompt else None  # another guidance, to compare
        self.calls = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0

    def plan(self, ws, utterance: str, feedback: str | None = None, previous: dict | None = None) -> dict | None:
        from langchain_core.messages import HumanMessage, SystemMessage

        from dsagent.tools.chart.tool import chart_prompt

        card = product_card(ws, utterance) if self.card == "product" else schema_text(ws)
        messages = [SystemMessage((self.prompt or chart_prompt()).format(schema=card)), HumanMessage(utterance)]
        if feedback and previous is not None:  # the tool's error, as the agent loop feeds it back
            messages.append(HumanMessage(f"Your call make_chart({json.dumps(previous)}) failed: {feedback} "
                                         "Call make_chart again with corrected arguments."))
        out = self.structured.invoke(messages)
        self.calls += 1
        usage = getattr(out.get("raw"), "usage_metadata", None) or {}
        self.prompt_tokens += usage.get("input_tokens", 0)
        self.completion_tokens += usage.get("output_tokens", 0)
        parsed = out.get("parsed")
        if parsed is None:
            calls = getattr(out.get("raw"), "tool_calls", None) or []
            parsed = calls[0]["args"] if calls else None
        if parsed is None:
            return None
        args = parsed if isinstance(parsed, dict) else parsed.model_dump()
        return {k: v for k, v in _unescape(args).items() if v not in (None, "")}


class OfflineArm:
    def __init__(self):
        from dsagent.offline.chat_model import OfflinePlanner  # noqa: F401  (ImportError -> arm skipped)

        self.cache: dict[int, Any] = {}

    def plan(self, ws, utterance: str, feedback: str | None = None, previous: dict | None = None) -> dict | None:
        from langchain_core.messages import HumanMessage

        from dsagent.offline.chat_model import OfflinePlanner

        planner = self.cache.setdefault(id(ws), OfflinePlanner.for_workspace(ws))
        msg = planner.invoke([HumanMessage(utterance)])
        calls = getattr(msg, "tool_calls", None) or []
        for call in calls:
            if call["name"] == "make_chart":
                return call["args"]
        self.other = calls[0]["name"] if calls else "no tool call"
        return None


# ---------------------------------------------------------------- run
def run_arm(planner, items, workspaces, out_dir: Path, repair: bool, log, jsonl: Path | None = None) -> list[dict]:
    from dsagent.errors import DsagentError
    from dsagent.tools.base import ToolContext
    from dsagent.tools.chart.tool import ChartSpec, make_chart

    records = []
    for i, item in enumerate(items, 1):
        ws = workspaces[item["dataset"]]
        ctx = ToolContext(output_dir=out_dir, question=item["utterance"])  # as the session passes it
        started = time.perf_counter()
        rec: dict[str, Any] = {"key": item["key"], "utterance": item["utterance"], "gold": item["gold"]}
        args, drawn, error, first_error = None, None, None, None
        for attempt in range(2 if repair else 1):
            try:
                args = planner.plan(ws, item["utterance"], error, args) if attempt else planner.plan(ws, item["utterance"])
                if args is None:
                    error = f"no chart spec returned ({getattr(planner, 'other', 'no tool call')})"
                    break
                result = make_chart(ws, ChartSpec.model_validate(args), ctx)
                drawn, error = result.spec, None
                break
            except (DsagentError, ValueError) as exc:  # pydantic ValidationError is a ValueError
                error = " ".join(str(exc).split())[:400]
                first_error = first_error or error
            except Exception as exc:  # noqa: BLE001 - a server error is recorded, the run goes on
                error = f"{type(exc).__name__}: {exc}"[:400]
                break
        rec.update({"args": args, "drawn": drawn, "error": error, "first_error": first_error,
                    "seconds": round(time.perf_counter() - started, 2)})
        rec["pred"] = predicted_encoding(drawn)
        rec["score"] = score(rec["pred"], item["gold"])
        records.append(rec)
        if jsonl is not None:  # one line per item as it finishes: a long run can be read while it goes
            with open(jsonl, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(rec, default=str) + "\n")
        log(f"[{i}/{len(items)}] {item['key']:<26} {'OK ' if rec['score']['lenient'] else 'bad'} "
            f"{rec['seconds']:5.1f}s {item['utterance'][:60]!r} -> {rec['pred']} {error or ''}")
    return records


_INFRA_ERRORS = ("OpenAITimeoutError", "APITimeoutError", "APIConnectionError", "InternalServerError",
                 "OpenAIAPIError: Error code: 5", "RateLimitError")


def redraw(records: list[dict]) -> list[dict]:
    """The same model output, drawn by the current chart tool (its lint and repairs may have changed)."""
    from dsagent.errors import DsagentError
    from dsagent.tools.base import ToolContext
    from dsagent.tools.chart.tool import ChartSpec, make_chart

    workspaces = open_workspaces()
    out = Path(tempfile.mkdtemp(prefix="bench-redraw-"))
    for r in records:
        if not r.get("args") or (r["error"] or "").startswith(_INFRA_ERRORS):
            continue
        ctx = ToolContext(output_dir=out, question=r["utterance"])
        try:
            r["drawn"] = make_chart(workspaces[r["key"].split("-")[0]], ChartSpec.model_validate(r["args"]), ctx).spec
            r["error"] = None
        except (DsagentError, ValueError) as exc:
            r["drawn"], r["error"] = None, " ".join(str(exc).split())[:400]
        r["pred"] = predicted_encoding(r["drawn"])
    return records


def summarise(records: list[dict]) -> dict[str, Any]:
    specs = json.loads((CORPUS / "vlSpecs.json").read_text())
    for r in records:  # score again from what was drawn, so a change of scoring applies to old runs too
        r["gold"] = gold_encoding(specs[r["key"]])
        r["score"] = score(r["pred"], r["gold"])
    # a request the shared server never answered (time-out, overload) says nothing about the planner
    infra = [r for r in records if (r["error"] or "").startswith(_INFRA_ERRORS)]
    records = [r for r in records if r not in infra]
    n = len(records)
    keys = ("mark", "x", "y", "color", "aggregate", "bin", "strict", "lenient")
    overall = {k: round(sum(r["score"][k] for r in records) / n, 3) for k in keys}
    by_kind: dict[str, list] = defaultdict(list)
    for r in records:
        by_kind[r["key"].split("-", 1)[1]].append(r["score"]["lenient"])
    errors = Counter((r["error"] or "").split(":")[0][:70] for r in records if r["error"])
    answered = [r for r in records if r["drawn"]]
    return {"n": n, "server_failures_excluded": len(infra), "accuracy": overall, "charts_drawn": len(answered),
            "lenient_when_drawn": round(sum(r["score"]["lenient"] for r in answered) / max(1, len(answered)), 3),
            "lenient_by_gold_kind": {k: round(sum(v) / len(v), 2) for k, v in sorted(by_kind.items())},
            "errors": dict(errors.most_common(8)),
            "seconds_per_item": round(sum(r["seconds"] for r in records) / n, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--arm", choices=["llm", "offline", "both"], default="both")
    ap.add_argument("--per-spec", type=int, default=5, help="utterances per gold spec (0 = all 814)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--part", choices=["all", "dev", "test"], default="all",
                    help="half of each gold spec's utterances: dev (for tuning) or test (held out); see split_part")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sampled items (smoke runs)")
    ap.add_argument("--base-url", default="http://127.0.0.1:8765/v1")
    ap.add_argument("--model", default="qwen2.5-coder-1.5b-instruct")
    ap.add_argument("--schema", choices=["compact", "full"], default="compact",
                    help="tool schema sent to the model (see LlmPlanner)")
    ap.add_argument("--card", choices=["product", "bench"], default="product",
                    help="schema card in the prompt: the agent's own compact card, or the benchmark's older "
                         "one-column-a-line card (see LlmPlanner)")
    ap.add_argument("--prompt", help="a chart guidance file to use instead of prompts/chart_spec.txt (comparisons)")
    ap.add_argument("--no-repair", action="store_true", help="no second try with the tool's error")
    # records hold the corpus' utterances (evaluation use only): keep them out of the repository
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "dsagent-bench-charts"))
    ap.add_argument("--keep-images", action="store_true", help="keep the PNGs (for looking at them)")
    ap.add_argument("--summarise", metavar="JSONL", help="only summarise the records of an earlier (partial) run")
    ap.add_argument("--redraw", action="store_true", help="with --summarise: draw the recorded model arguments "
                    "again with the current chart tool (no model calls) before scoring")
    args = ap.parse_args(argv)
    if args.summarise:
        records = [json.loads(line) for line in open(args.summarise, encoding="utf-8") if line.strip()]
        if args.redraw:
            records = redraw(records)
        print(json.dumps(summarise(records), indent=1))
        return 0
    items = load_items(args.per_spec, args.seed, args.part)
    if args.limit:
        items = items[:: max(1, len(items) // args.limit)][: args.limit]
    workspaces = open_workspaces()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    arms = ["offline", "llm"] if args.arm == "both" else [args.arm]
    for arm in arms:
        try:
            planner = OfflineArm() if arm == "offline" else LlmPlanner(
                args.base_url, args.model, args.schema, args.card, args.prompt)
        except ImportError as exc:
            print(f"{arm}: skipped ({exc})", file=sys.stderr)
            continue
        img_dir = out / f"charts-{arm}-png" if args.keep_images else Path(tempfile.mkdtemp(prefix="bench-charts-"))
        started = time.perf_counter()
        jsonl = out / f"charts-{arm}.jsonl"
        jsonl.unlink(missing_ok=True)
        records = run_arm(planner, items, workspaces, img_dir, repair=not args.no_repair and arm == "llm",
                          log=lambda line: print(line, file=sys.stderr, flush=True), jsonl=jsonl)
        summary = summarise(records)
        summary.update({"arm": arm, "per_spec": args.per_spec, "seed": args.seed, "part": args.part,
                        "wall_seconds": round(time.perf_counter() - started, 1)})
        if arm == "llm":
            summary.update({"schema": args.schema, "card": args.card, "prompt": args.prompt or "prompts/chart_spec.txt", "model": args.model, "base_url": args.base_url, "llm_calls": planner.calls,
                            "prompt_tokens": planner.prompt_tokens, "completion_tokens": planner.completion_tokens})
            first_try = [r for r in records if not r["first_error"]]
            summary["first_try_ok_share"] = round(len(first_try) / len(records), 3)
        (out / f"charts-{arm}.json").write_text(json.dumps({"summary": summary, "records": records}, indent=1,
                                                           default=str))
        print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
