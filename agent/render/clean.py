"""Terminal rendering of a CleanResult: the plan, and once applied the diff. Nothing is computed here."""

from __future__ import annotations

from typing import Any

from dsagent.render.context import phrase, surface
from dsagent.render.values import exact


def _short(value: Any, width: int = 40) -> str:
    text = "∅" if value is None else repr(value) if isinstance(value, str) else exact(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def render(result, console) -> None:
    from rich.table import Table

    if not result.plan:
        console.print(phrase("clean_none", table=result.source_table))
        for note in result.notes:
            console.print(f"  [dim]{phrase('note')}: {note}[/dim]")
        _options(result, console)
        return
    title = (phrase("clean_applied_title", table=result.table, version=result.version) if result.applied
             else phrase("clean_plan_title", table=result.source_table))
    plan = Table(title=title, title_justify="left", show_lines=False)
    plan.add_column("#", justify="right", style="dim")
    plan.add_column(phrase("clean_step"), style="cyan")
    plan.add_column(phrase("clean_column"))
    plan.add_column(phrase("clean_affected"), justify="right")
    plan.add_column(phrase("clean_why"))
    for i, step in enumerate(result.plan, 1):
        plan.add_row(str(i), step.step, step.column or phrase("clean_rows"), f"{step.affected:,}", step.reason)
    console.print(plan)
    for note in result.notes:
        console.print(f"  [dim]{phrase('note')}: {note}[/dim]")
    if not result.applied:
        _options(result, console)
        console.print(phrase(f"clean_not_yet_{surface()}", table=result.source_table))
        return
    d = result.diff
    console.print(phrase("clean_diff", table=result.table, before=f"{d.get('rows_before', 0):,}",
                         after=f"{d.get('rows_after', 0):,}", removed=f"{d.get('rows_removed', 0):,}",
                         source=result.source_table))
    removed = d.get("removed_examples") or {}
    if removed.get("rows"):
        console.print(phrase("clean_removed_examples"))
        limit = max(40, console.width * 2 - 8)
        for row in removed["rows"]:
            text = ", ".join(f"{c}={_short(v, 30)}" for c, v in zip(removed["columns"], row))
            console.print("  " + (text if len(text) <= limit else text[: limit - 1] + "…"), markup=False)
    if d.get("columns"):
        t = Table(title=phrase("clean_changed_title"), title_justify="left")
        t.add_column(phrase("clean_column"))
        t.add_column(phrase("clean_changed"), justify="right")
        t.add_column(phrase("clean_type"))
        t.add_column(phrase("clean_examples"))
        for col, entry in d["columns"].items():
            ex = "; ".join(f"{_short(a, 22)} -> {_short(b, 22)}" for a, b in entry.get("examples", []))
            t.add_row(col, f"{entry.get('changed', 0):,}", entry.get("type", ""), ex)
        console.print(t)
    if d.get("dropped_columns"):
        console.print(phrase("clean_dropped", columns=", ".join(d["dropped_columns"])))
    for kind, path in (result.scripts or {}).items():
        console.print(phrase("clean_script_sql" if kind == "sql" else "clean_script_python", path=path))
    if result.export_path:
        console.print(phrase("clean_exported", path=result.export_path))
    console.print(phrase("clean_now", table=result.table, source=result.source_table))


ASK_FOR = ("fill_missing", "clip_outliers", "merge_near_duplicates")  # options with a phrase to ask for them


def _options(result, console) -> None:
    """Steps the plan offers but leaves out: they change what the data says, so only when asked."""
    if not result.options:
        return
    console.print(phrase("clean_offered"))
    for step in result.options:
        console.print(f"  [cyan]{step.option}[/cyan] {step.column or phrase('clean_rows')}: {step.reason}", markup=True)
    asks = sorted({phrase(f"ask_{s.option}") if s.option in ASK_FOR else s.option for s in result.options})
    console.print("[dim]" + phrase("clean_ask_for", asks=", ".join(f"'{a}'" for a in asks)) + "[/dim]")
