"""Saving a drawn chart (image, spec JSON, data CSV under one new name) and its terminal-preview model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dsagent.errors import ModelError
from dsagent.tools.chart.lint import MEAN_LIKE
from dsagent.words.language import say


def slug(title: str) -> str:
    import re

    from dsagent.words.text import fold_accents

    words = re.findall(r"[a-z0-9]+", fold_accents(title).lower())
    return "-".join(words[:8]) or "chart"


def save_chart(folder: Path, title: str, fmt: str, image: bytes, spec: dict, plan, columns, rows) -> dict[str, str]:
    """Write image, spec JSON and data CSV under one new stem; never overwrite (exclusive create)."""
    import csv
    import io
    import json

    folder.mkdir(parents=True, exist_ok=True)
    stem = slug(title)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerows(rows)
    for attempt in range(1, 10_000):
        name = stem if attempt == 1 else f"{stem}-{attempt}"
        paths = {"image": folder / f"{name}.{fmt}", "json": folder / f"{name}.json", "csv": folder / f"{name}.csv"}
        made: list[Path] = []
        try:
            for key in ("image", "json", "csv"):
                with open(paths[key], "x"):
                    made.append(paths[key])
        except FileExistsError:
            for path in made:
                path.unlink()
            continue
        files = {k: str(v) for k, v in paths.items()}
        record = {"spec": spec, "sql": plan.sql, "notes": plan.notes, "files": files}
        try:
            paths["image"].write_bytes(image)
            paths["json"].write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
            paths["csv"].write_text(buf.getvalue(), encoding="utf-8", newline="")
        except BaseException:
            for path in made:
                path.unlink(missing_ok=True)
            raise
        return files
    raise ModelError(f"Could not find a free file name for '{stem}' in {folder}.")


def _label(plan, v: Any) -> str:
    """A category as the image writes it when it is missing ('(sin valor)' in Spanish), else as it is."""
    from dsagent.tools.chart.style import value_label

    return value_label(plan, v, plan.x) if v is None or plan.cls(plan.x) in ("text", "bool") else str(v)


def preview_model(plan, rows: list[dict]) -> dict[str, Any]:
    """A few labelled numbers for the terminal preview (the renderer only draws them)."""
    r = plan.roles
    if plan.kind == "scatter":
        pts = [[row[r["x"]], row[r["y"]]] for row in rows[:2000]]
        return {"type": "points", "points": pts}
    if plan.kind == "histogram":
        totals: dict[float, float] = {}
        for row in rows:
            totals[row[r["bin_start"]]] = totals.get(row[r["bin_start"]], 0) + (row[r["value"]] or 0)
        return {"type": "columns", "labels": [f"{k:g}" for k in totals], "values": list(totals.values())}
    if plan.kind == "box":
        return {"type": "bars", "labels": [str(row[r["x"]]) if r.get("x") else say("chart_notes", "preview_all_rows") for row in rows][:20],
                "values": [row[r["value"]] for row in rows][:20], "what": say("chart_notes", "preview_median")}
    key_x, value = r["x"], r["value"]
    split = r.get("series") or r.get("heat_y")
    what = say("chart_notes", "preview_total_over_series") if split else ""
    if split and rows and plan.aggregate in MEAN_LIKE:
        # averages, rates, medians do not add up across series: preview the first series alone
        first = rows[0][split]
        rows = [row for row in rows if row[split] == first]
        what = say("chart_notes", "preview_first_series", column=split, value=first)
    totals2: dict[str, float] = {}
    for row in rows:
        if row[value] is None:
            continue
        label = _label(plan, row[key_x])
        totals2[label] = totals2.get(label, 0) + row[value]
    other = r.get("x_other")
    if other in totals2:  # the lumped rest comes last, as in the image, wherever its label sorts
        totals2[other] = totals2.pop(other)
    kind = "series" if plan.kind in ("line", "area") else "bars"
    return {"type": kind, "labels": list(totals2)[:40 if kind == "bars" else 400],
            "values": list(totals2.values())[:40 if kind == "bars" else 400], "what": what,
            "percent": bool(r.get("rate"))}  # a rate's values are written as the image writes them: 66.1%
