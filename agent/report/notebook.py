"""A session record as a Jupyter notebook that re-runs it on the original files.

The first code cell loads each source as the workspace did, with duckdb. Then there is a code cell
per step:
- the SQL as written, for a table;
- the chart's query and an equivalent matplotlib drawing, for a chart;
- the model's retrain script (scikit-learn) and its test metrics, for a model;
- the SQL that builds the new version, for an applied cleaning plan.
Markdown cells carry the questions, the answers and the reviewer's findings. Each code cell compares
its numbers with the session's and stops with an AssertionError where they differ, so running the
notebook proves it reproduces the session. The notebook is nbformat 4.5 JSON written directly:
dsagent needs no Jupyter package to write one.
"""

from __future__ import annotations

import html
import json
from typing import Any

from dsagent.report.record import SessionRecord
from dsagent.tools.clean.scripts import READERS_SQL as _READERS  # the readers the cleaning scripts use

_SETUP = '''import datetime
import decimal
import math

import duckdb
import matplotlib.pyplot as plt
import pandas as pd

con = duckdb.connect()
{loads}


def plain(value):
    """A DuckDB value as the session recorded it (dates as ISO text, decimals as floats)."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def check(sql, expected_rows, expected_count, compare_values=True):
    """Stop here when the query's rows differ from what the session showed."""
    body = sql.strip().rstrip(";")
    count = con.execute(f"SELECT count(*) FROM ({{body}}\\n)").fetchall()[0][0]
    assert count == expected_count, f"{{count}} rows, the session had {{expected_count}}"
    if compare_values:
        cursor = con.cursor()  # its own cursor: DuckDB keeps an unfinished fetchmany result open
        got = [[plain(v) for v in row] for row in cursor.execute(body).fetchmany(len(expected_rows))]
        cursor.close()
        for i, (row, want) in enumerate(zip(got, expected_rows), 1):
            assert same(row, want), f"row {{i}}: {{row}}, the session had {{want}}"
    print(f"same as the session: {{count}} rows" + (f", the first {{len(expected_rows)}} compared" if compare_values else ""))


def draw(frame, kind, title, columns):
    """The chart drawn again from its data with matplotlib (the same marks; dsagent's styling aside)."""
    fig, ax = plt.subplots(figsize=(8, 4.5))
    c = columns
    if kind in ("grouped_bar", "stacked_bar"):
        frame.pivot_table(index=c[0], columns=c[1], values=c[2], aggfunc="sum", sort=False).plot.bar(
            ax=ax, stacked=kind == "stacked_bar")
    elif kind == "heatmap":
        grid = frame.pivot_table(index=c[1], columns=c[0], values=c[2], aggfunc="sum")
        ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="viridis")
        ax.set_xticks(range(len(grid.columns)), [str(v) for v in grid.columns], rotation=45, ha="right")
        ax.set_yticks(range(len(grid.index)), [str(v) for v in grid.index])
    elif kind in ("line", "area") and len(c) > 2:
        frame.pivot_table(index=c[0], columns=c[1], values=c[2], aggfunc="sum").plot(ax=ax, kind=kind)
    elif kind in ("line", "area"):
        ax.plot(frame[c[0]], frame[c[1]])
        if kind == "area":
            ax.fill_between(frame[c[0]], frame[c[1]], alpha=0.3)
    elif kind == "scatter":
        ax.scatter(frame[c[0]], frame[c[1]], s=8)
    elif kind == "histogram":
        ax.bar(frame["bin_start"], frame["count"], width=frame["bin_end"] - frame["bin_start"], align="edge")
    elif kind == "box":
        stats = [dict(label=str(r[c[0]]), whislo=r["whisker_low"], q1=r["q1"], med=r["median"], q3=r["q3"],
                      whishi=r["whisker_high"], fliers=[]) for _, r in frame.iterrows()]
        ax.bxp(stats, showfliers=False)
    elif kind == "pie":
        ax.pie(frame[c[1]], labels=[str(v) for v in frame[c[0]]])
    else:
        ax.bar([str(v) for v in frame[c[0]]], frame[c[1]])
    ax.set_title(title)
    plt.show()
'''



def render_notebook(record: SessionRecord) -> dict[str, Any]:
    """The notebook (nbformat 4.5) as a JSON-ready dict."""
    cells: list[dict[str, Any]] = []
    meta = record.meta
    available, loads, missing = _loads(meta.get("sources") or [])
    intro = [f"# dsagent session {record.id}", "",
             f"Started {meta.get('started', '')}; {len(record.turns)} question(s); provider "
             f"{meta.get('provider') or 'default'}; privacy {meta.get('privacy') or 'masked'}.", "",
             "Each code cell re-runs a step on the original files with duckdb, pandas, matplotlib and "
             "scikit-learn, and stops with an AssertionError if its numbers differ from the session's."]
    if missing:
        intro += ["", "Not loaded here (no file to read them from): " + ", ".join(missing) + "."]
    cells.append(_markdown(intro))
    cells.append(_code(_SETUP.format(loads="\n".join(loads) or "# no file sources")))
    for turn in record.turns:
        cells.append(_markdown(_turn_text(turn)))
        code, note = _turn_code(turn, available)
        if note:
            cells.append(_markdown([f"*{_md(note)}*"]))
        if code:
            cells.append(_code(code))
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i}"
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                        "name": "python3"},
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def _loads(sources: list[dict[str, Any]]) -> tuple[set[str], list[str], list[str]]:
    """(tables loaded, the duckdb statements that load them, tables that cannot be loaded)."""
    available, lines, missing = set(), [], []
    attached: dict[str, str] = {}
    for s in sources:
        table, fmt, path = s.get("table"), s.get("format"), s.get("path")
        kind = "VIEW" if s.get("storage") == "view" else "TABLE"
        if path and fmt in _READERS:
            select = _READERS[fmt].format(path=_sql_literal(path))
            lines.append(f"con.execute({_py(f'CREATE {kind} {_ident(table)} AS SELECT * FROM {select}')})")
            available.add(table)
        elif fmt == "duckdb" and ":" in str(s.get("source")):
            file, _, qualified = str(s["source"]).rpartition(":")
            schema, _, name = qualified.partition(".")
            if file not in attached:
                attached[file] = f"src{len(attached)}"
                lines.append(f"con.execute({_py(f'ATTACH {_sql_literal(file)} AS {attached[file]} (READ_ONLY)')})")
            lines.append(f"con.execute({_py(f'CREATE VIEW {_ident(table)} AS SELECT * FROM {attached[file]}.{_ident(schema)}.{_ident(name)}')})")
            available.add(table)
        elif s.get("storage") != "derived":
            missing.append(f"{table} ({s.get('source')})")
    return available, lines, missing


def _turn_text(turn: dict[str, Any]) -> list[str]:
    lines = [f"## {int(turn.get('n', 0))}. {_md(turn.get('question'))}", ""]
    if turn.get("error"):
        lines.append(f"**Not answered:** {_md(turn['error'].get('message'))}")
    elif turn.get("answer"):
        lines.append(f"**Answer.** {_md(turn['answer'])}")
    for f in turn.get("review") or []:
        lines.append(f"- reviewer **{_md(f.get('id'))}** ({_md(f.get('severity'))}): {_md(f.get('message'))}")
    return lines


def _turn_code(turn: dict[str, Any], available: set[str]) -> tuple[str | None, str | None]:
    """The code cell of a step and a note about it (what is not re-run, and why)."""
    if turn.get("error"):
        return None, None
    if turn.get("withheld"):
        return None, "Not re-run: the reviewer withheld this result in the session."
    kind = turn.get("kind")
    result = turn.get("result") or {}
    if kind == "table" and turn.get("sql"):
        needed = set(turn.get("tables") or [])
        if not needed <= available:
            return None, f"Not re-run: it reads {', '.join(sorted(needed - available))}, made in the session by a step this notebook cannot repeat."
        changed = turn.get("changed_on_display") or []
        code = [f"sql = {_py(turn['sql'])}",
                f"check(sql, {_py(result.get('rows') or [])}, {int(result.get('row_count', 0))}, "
                f"compare_values={not changed})",
                "con.sql(sql).df().head(20)"]
        note = (f"The reviewer changed values on display in the session ({', '.join(changed)}); the notebook shows "
                "them as stored, and compares only the count.") if changed else None
        return "\n".join(code), note
    if kind == "chart":
        chart = turn.get("chart") or {}
        if not chart.get("query"):
            return None, None
        data = result.get("data") or {}
        columns = [c for c in data.get("columns") or [] if c != chart.get("count_column")]
        changed = turn.get("changed_on_display") or []
        code = [f"sql = {_py(chart['query'])}",
                f"check(sql, {_py(data.get('rows') or [])}, {int(chart.get('row_count', len(data.get('rows') or [])))}, "
                f"compare_values={not changed})",
                f"draw(con.sql(sql).df(), {_py((result.get('spec') or {}).get('kind'))}, {_py(chart.get('title') or '')}, "
                f"{_py(columns)})"]
        return "\n".join(code), None
    if kind == "model":
        return _model_code(turn.get("model") or {}, available)
    if kind == "clean" and (turn.get("clean") or {}).get("applied") and (turn.get("clean") or {}).get("query"):
        clean = turn["clean"]
        rows_after = (result.get("diff") or {}).get("rows_after")
        available.add(clean["table"])
        code = [f"con.execute({_py('CREATE TABLE ' + _ident(clean['table']) + ' AS ' + clean['query'])})",
                f"n = con.execute({_py('SELECT count(*) FROM ' + _ident(clean['table']))}).fetchall()[0][0]"]
        if rows_after is not None:
            code += [f"assert n == {int(rows_after)}, f'{{n}} rows, the session had {int(rows_after)}'"]
        code += [f"print({_py(clean['table'])}, n, 'rows, as in the session')"]
        return "\n".join(code), None
    if kind == "schema":
        code = []
        for card in result.get("tables") or []:
            table = card.get("table")
            if table not in available:
                continue
            names = [c.get("name") for c in card.get("columns") or []]
            code += [f"columns = [r[0] for r in con.execute({_py('DESCRIBE ' + _ident(table))}).fetchall()]",
                     f"assert columns == {_py(names)}, columns",
                     f"n = con.execute({_py('SELECT count(*) FROM ' + _ident(table))}).fetchall()[0][0]",
                     f"assert n == {int(card.get('row_count', 0))}, n",
                     f"print({_py(table)}, n, 'rows and', len(columns), 'columns, as in the session')"]
        return ("\n".join(code) or None), None
    if kind == "synthetic":
        return None, "Not re-run: synthetic rows come from dsagent's own copula sampler, not from code in this notebook."
    return None, None


def _model_code(model: dict[str, Any], available: set[str]) -> tuple[str | None, str | None]:
    script = model.get("script") or ""
    guard = "\nif __name__ == '__main__':"
    if "def fit_and_score(" not in script or guard not in script or model.get("table") not in available:
        return None, "Not re-run: the model's data is not a file this notebook loads (see the retrain script)."
    best = model.get("best")
    expected = (model.get("test_metrics") or {}).get(best) or {}
    code = [script.split(guard)[0].rstrip(), "", "",
            "pipe, scores = fit_and_score(SOURCE)",
            f"expected = {_py(expected)}  # the session's test metrics of {best}"]
    if model.get("sampled"):
        code.append("print('the session trained on a DuckDB sample; pandas samples other rows:', scores, expected)")
        return "\n".join(code), "The session trained on a sample of the rows, so the metrics here may differ a little."
    code += ["for name, value in scores.items():",
             "    assert math.isclose(value, expected[name], rel_tol=1e-9, abs_tol=1e-12), (name, value, expected[name])",
             "print('same test metrics as the session:', scores)"]
    return "\n".join(code), None


def _markdown(lines: list[str]) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": "\n".join(lines)}


def _code(text: str) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": text}


def _md(value: Any) -> str:
    """Data text in markdown: HTML escaped (a notebook renders HTML in markdown), on one line."""
    return html.escape(" ".join(str("" if value is None else value).split()), quote=False)


def _py(value: Any) -> str:
    """A Python literal of JSON-shaped data (strings, numbers, lists, dicts, None, booleans)."""
    return repr(value)


def _ident(name: Any) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _sql_literal(text: Any) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def notebook_json(record: SessionRecord) -> str:
    return json.dumps(render_notebook(record), ensure_ascii=False, indent=1) + "\n"
