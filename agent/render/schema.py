"""Terminal view of schema cards: one table per data table, a row per column. Never computes."""

from __future__ import annotations

import re
from typing import Any

from dsagent.render.context import phrase
from dsagent.render.visible import visible

MAX_VALUES = 5
WIDE = 110  # below this console width the samples column is left out


def _fmt(value: Any, kind: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 10_000 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool) and kind != "date":
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+", text):  # ISO timestamps: a space, and no empty time
        text = text.replace("T", " ").removesuffix(" 00:00:00")
    return text if len(text) <= 30 else text[:27] + "..."


def _count(n: int, key: str) -> str:
    return phrase(key, n=n, shown=f"{n:,}")


def _values(col: dict[str, Any], row_count: int, wide: bool) -> str:
    if col.get("top_values"):
        shown = ", ".join(f"{_fmt(v)} ({n:,})" for v, n in col["top_values"][:MAX_VALUES])
        more = phrase("schema_more_values", n=f"{col['distinct'] - MAX_VALUES:,}") if col["distinct"] > MAX_VALUES else ""
        return shown + more
    if col.get("min") is not None:
        text = f"{_fmt(col['min'], col['kind'])} .. {_fmt(col['max'], col['kind'])}"
        if col.get("mean") is not None:
            text += f"  ({phrase('schema_mean')} {_fmt(col['mean'])})"
        return text
    non_null = round(row_count * (1 - col["null_share"]))
    text = phrase("schema_all_unique") if col["distinct"] >= non_null > 1 else ""
    if not wide and col.get("samples"):  # no samples column on a narrow terminal
        text += ("; " if text else "") + phrase("schema_examples") + " " + ", ".join(_fmt(s) for s in col["samples"][:2])
    return text


def render(result, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    wide = console.width >= WIDE
    for card in result.tables:
        title = Text()
        title.append(card["table"], style="bold cyan")
        title.append(f"  {_count(card['row_count'], 'schema_rows')} · {_count(len(card['columns']), 'schema_columns')}", style="bold")
        if card.get("source"):
            title.append(f"  {visible(str(card['source']))}", style="dim")
        console.print(title)
        if card.get("note"):
            console.print(Text(f"{phrase('note')}: {visible(str(card['note']))}", style="yellow"))
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        table.add_column(phrase("schema_column"), style="bold", overflow="fold", max_width=28)
        table.add_column(phrase("schema_type"), style="dim", overflow="fold", max_width=14)
        table.add_column(phrase("schema_null"), justify="right")
        table.add_column(phrase("schema_distinct"), justify="right")
        table.add_column(phrase("schema_range"), overflow="fold", ratio=3)
        if wide:
            table.add_column(phrase("schema_examples"), style="dim", overflow="fold", ratio=2)
        for col in card["columns"]:
            null = col["null_share"]
            null_text = Text("" if not null else (f"{null:.0%}" if null >= 0.01 else "<1%"),
                             style="yellow" if null >= 0.2 else "")
            distinct = ("~" if col.get("distinct_approx") else "") + f"{col['distinct']:,}"
            name = Text(visible(col["name"]))
            if col.get("pii"):
                name.append(f" [{col['pii']}]", style="magenta")
            # Text, not str: a value such as "[/b]" is data, not rich markup
            cells = [name, Text(col["type"]), null_text, distinct, Text(visible(_values(col, card["row_count"], wide)))]
            if wide:
                cells.append(Text(visible(", ".join(_fmt(s) for s in col.get("samples", [])[:3]))))
            table.add_row(*cells)
        console.print(table)
        console.print()
