"""A session record as one self-contained HTML page: no scripts, no fonts or styles from elsewhere.

Every piece of text that came from the data or the person (questions, values, SQL, column names,
findings, model cards) is escaped. Charts are embedded as data URIs, so the page reads offline and
can be mailed as one file.
"""

from __future__ import annotations

import base64
import html
from typing import Any

from dsagent.report.record import SessionRecord

TABLE_ROWS_SHOWN = 20
_MIME = {".png": "image/png", ".svg": "image/svg+xml"}

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d232a;
margin:0;background:#f6f7f9}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:0 0 10px}h3{font-size:15px;margin:16px 0 6px}
.meta{color:#5a6573;margin:0 0 16px}
section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:18px 20px;margin:18px 0}
.answer{font-size:16px}
pre{background:#f1f3f5;border-radius:6px;padding:10px 12px;overflow-x:auto;white-space:pre-wrap;
font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table{border-collapse:collapse;font-size:13px;margin:6px 0;display:block;overflow-x:auto}
th,td{border-bottom:1px solid #e4e7eb;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f1f3f5;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
caption{caption-side:bottom;text-align:left;color:#5a6573;padding-top:4px}
figure{margin:10px 0}figure img{max-width:100%;height:auto;border:1px solid #e4e7eb;border-radius:4px}
figcaption{color:#5a6573;font-size:13px}
.findings li{margin:4px 0}.sev{display:inline-block;min-width:44px;font-size:12px;font-weight:600;
border-radius:4px;padding:0 6px;margin-right:6px;text-align:center}
.sev-block{background:#fde2e1;color:#a1150f}.sev-warn{background:#fff1cc;color:#7a5200}
.sev-info{background:#e3eefc;color:#1d4f91}
.error{color:#a1150f;font-weight:600}
footer{color:#5a6573;font-size:12px;text-align:center}
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def render_html(record: SessionRecord) -> str:
    """The page for `record` (a complete HTML document)."""
    meta = record.meta
    turns = record.turns
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>dsagent report {esc(record.id)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>", "<main>"]
    parts.append(f"<h1>dsagent session {esc(record.id)}</h1>")
    questions = f"{len(turns)} question{'s' if len(turns) != 1 else ''}"
    parts.append(f'<p class="meta">{esc(meta.get("started", ""))} · {questions} · provider '
                 f'{esc(meta.get("provider") or "default")} · privacy {esc(meta.get("privacy") or "masked")}</p>')
    parts.append(_sources(meta.get("sources") or []))
    for turn in turns:
        parts.append(_turn(record, turn))
    parts.append(f'<footer>Written by dsagent {esc(meta.get("dsagent", ""))} from the session record '
                 f'{esc(record.folder)}</footer>')
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _sources(sources: list[dict[str, Any]]) -> str:
    if not sources:
        return ""
    rows = [[s.get("table"), s.get("source")] for s in sources]
    return "<h3>Data</h3>" + _table(["table", "source"], rows, len(rows), counted=False)


def _turn(record: SessionRecord, turn: dict[str, Any]) -> str:
    out = [f'<section id="q{int(turn.get("n", 0))}">', f'<h2>{int(turn.get("n", 0))}. {esc(turn.get("question"))}</h2>']
    if turn.get("error"):
        out.append(f'<p class="error">{esc(turn["error"].get("message"))}</p>')
    elif turn.get("answer"):
        out.append(f'<p class="answer">{esc(turn["answer"])}</p>')
    if turn.get("sql"):
        out.append(f'<pre class="sql"><code>{esc(turn["sql"])}</code></pre>')
    result = turn.get("result") or {}
    kind = turn.get("kind")
    if not turn.get("withheld"):
        out.append(_RESULTS.get(kind, _nothing)(record, turn, result))
    out.append(_findings(turn.get("review") or []))
    out.append("</section>")
    return "\n".join(p for p in out if p)


def _nothing(record: SessionRecord, turn: dict[str, Any], result: dict[str, Any]) -> str:
    return ""


def _rows(record: SessionRecord, turn: dict[str, Any], result: dict[str, Any]) -> str:
    columns, rows = result.get("columns") or [], result.get("rows") or []
    if not columns:
        return ""
    return _table(columns, rows[:TABLE_ROWS_SHOWN], int(result.get("row_count", len(rows))))


def _chart(record: SessionRecord, turn: dict[str, Any], result: dict[str, Any]) -> str:
    chart = turn.get("chart") or {}
    out = []
    asset = chart.get("asset")
    path = record.asset(asset) if asset else None
    if path is not None and path.is_file():
        mime = _MIME.get(path.suffix.lower(), "image/png")
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        caption = esc(chart.get("title") or "chart")
        notes = "".join(f"<br>{esc(n)}" for n in chart.get("notes") or [])
        out.append(f'<figure><img src="data:{mime};base64,{data}" alt="{caption}">'
                   f"<figcaption>{caption}{notes}</figcaption></figure>")
    else:
        out.append('<p class="meta">(the chart file was not found when the session was recorded)</p>')
    data_part = result.get("data") or {}
    if data_part.get("columns"):
        rows = data_part.get("rows") or []
        out.append("<h3>Data behind the chart</h3>" + _table(data_part["columns"], rows[:TABLE_ROWS_SHOWN], len(rows)))
    return "\n".join(out)


def _model(record: SessionRecord, turn: dict[str, Any], result: dict[str, Any]) -> str:
    model = turn.get("model") or {}
    tests = model.get("test_metrics") or {}
    names = sorted({m for values in tests.values() for m in values})
    out = [f"<h3>Model: {esc(model.get('task'))} of {esc(model.get('target'))}, best {esc(model.get('best'))}, "
           f"split {esc(model.get('split'))}</h3>"]
    if names:
        rows = [[name, *[_number(values.get(m)) for m in names]] for name, values in tests.items()]
        out.append(_table(["model (test set)", *names], rows, len(rows), counted=False))
    if model.get("card"):
        out.append(f"<details open><summary>Model card</summary><pre>{esc(model['card'])}</pre></details>")
    return "\n".join(out)


def _clean(record: SessionRecord, turn: dict[str, Any], result: dict[str, Any]) -> str:
    plan = result.get("plan") or []
    rows = [[s.get("step"), s.get("column") or "", s.get("reason"), s.get("affected")] for s in plan]
    state = f"applied as {result.get('table')}" if result.get("applied") else "proposed, not applied"
    return f"<h3>Cleaning plan ({esc(state)})</h3>" + _table(["step", "column", "reason", "rows"], rows, len(rows),
                                                           counted=False)


def _synthetic(record: SessionRecord, turn: dict[str, Any], result: dict[str, Any]) -> str:
    out = [f"<h3>Synthetic table {esc(result.get('table'))}: {esc(result.get('row_count'))} rows</h3>",
           _rows(record, turn, result)]
    for key in ("fidelity", "privacy"):
        if result.get(key):
            out.append(f"<details><summary>{key}</summary><pre>{esc(_json(result[key]))}</pre></details>")
    return "\n".join(out)


def _schema(record: SessionRecord, turn: dict[str, Any], result: dict[str, Any]) -> str:
    out = []
    for card in result.get("tables") or []:
        rows = [[c.get("name"), c.get("type"), c.get("missing", c.get("null_count", ""))] for c in card.get("columns", [])]
        out.append(f"<h3>{esc(card.get('table'))}: {esc(card.get('row_count'))} rows</h3>"
                   + _table(["column", "type", "missing"], rows, len(rows), counted=False))
    return "\n".join(out)


def _text(record: SessionRecord, turn: dict[str, Any], result: dict[str, Any]) -> str:
    text = result.get("text")
    return f"<pre>{esc(text)}</pre>" if text and text != turn.get("answer") else ""


_RESULTS = {"table": _rows, "chart": _chart, "model": _model, "clean": _clean, "synthetic": _synthetic,
            "schema": _schema, "text": _text, "guide": _text}


def _findings(findings: list[dict[str, Any]]) -> str:
    if not findings:
        return ""
    items = []
    for f in findings:
        severity = f.get("severity") if f.get("severity") in ("block", "warn", "info") else "info"
        fix = f" <em>{esc(f.get('fix'))}</em>" if f.get("fix") else ""
        items.append(f'<li><span class="sev sev-{severity}">{esc(severity)}</span><strong>{esc(f.get("id"))}</strong> '
                     f"{esc(f.get('message'))}{fix}</li>")
    return '<div class="findings"><h3>Reviewer</h3><ul>' + "".join(items) + "</ul></div>"


def _table(columns: list[Any], rows: list[list[Any]], total: int, counted: bool = True) -> str:
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for value in row:
            css = ' class="num"' if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
            cells.append(f"<td{css}>{esc(_number(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = ""
    if counted:
        caption = f"{total:,} row{'s' if total != 1 else ''}"
        if total > len(rows):
            caption = f"first {len(rows)} of {caption}"
        caption = f"<caption>{esc(caption)}</caption>"
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _number(value: Any) -> Any:
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e15 else repr(value)
    if isinstance(value, (dict, list)):
        return _json(value)
    return "" if value is None else value


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str, indent=1)
