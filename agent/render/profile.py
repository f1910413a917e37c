"""Terminal view of a data-quality profile: the issues first, then one small table per check."""

from __future__ import annotations

from typing import Any

from dsagent.words.language import named, say


def _fmt(value: Any, cut: int = 0) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 10_000 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    text = str(value)
    return text if not cut or len(text) <= cut else text[: cut - 3] + "..."


def _table(console, title: str, headers: str, rows: list[list[Any]], limit: int = 15) -> None:
    from rich import box
    from rich.table import Table

    if not rows:
        return
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for i, h in enumerate(headers.split("|")):
        numeric = i and all(isinstance(r[i], (int, float)) or str(r[i]).endswith("%") for r in rows[:limit])
        table.add_column(h, justify="right" if numeric else "left", overflow="fold", no_wrap=i == 0)
    for row in rows[:limit]:
        table.add_row(*[_fmt(v) for v in row])
    console.print(table)
    if len(rows) > limit:
        console.print(say("profile", "and_more", count=len(rows) - limit), style="dim")


def render(result, console) -> None:
    from rich.text import Text

    for t in result.tables:
        head = Text()
        head.append(t["table"], style="bold cyan")
        rows, cols = t["row_count"], t["column_count"]
        head.append(say("profile", "head_rows", count=rows) + say("profile", "head_columns", count=cols), style="bold")
        console.print(head)
        if not t["issues"]:
            console.print(Text(say("profile", "no_issues"), style="green"))
        for issue in t["issues"]:
            console.print(Text("  • " + issue, style="yellow"))
        console.print()
        _table(console, say("profile", "missing_title"), say("profile", "missing_columns"),
               [[m["column"], m["null_count"], f"{m['null_share']:.1%}", m["blank_count"] or ""] for m in t["missing"]])
        d = t["duplicates"]
        if d.get("rows") or d.get("rows_ignoring_ids"):
            line = say("profile", "duplicate_rows", rows=f"{d['rows']:,}")
            if d.get("rows_ignoring_ids") is not None:
                line += say("profile", "ignoring", ids=", ".join(d["ids"]), rows=f"{d['rows_ignoring_ids']:,}")
            console.print(Text(line, style="bold"))
        _table(console, say("profile", "constant_title"), say("profile", "constant_columns"),
               [[c["column"], say("profile", "always_empty_cell") if c["all_null"] else _fmt(c["value"], 40)]
                for c in t["constant"]])
        _table(console, say("profile", "identifiers_title"), say("profile", "identifiers_columns"),
               [[i["column"], i["reason"]] for i in t["identifiers"]])
        _table(console, say("profile", "typed_title"), say("profile", "typed_columns"),
               [[x["column"], named("profile", "looks", x["looks_like"]), f"{x['share']:.0%}", _fmt(x["example"], 24),
                 x["fix"]] for x in t["typed_as_text"]])
        _table(console, say("profile", "outliers_title"), say("profile", "outliers_columns"),
               [[o["column"], o["count"], f"{o['share']:.1%}", o["below"], o["above"],
                 f"{_fmt(o['low_fence'])} .. {_fmt(o['high_fence'])}", f"{_fmt(o['min'])} .. {_fmt(o['max'])}"]
                for o in t["outliers"]])
        console.print()
