"""Terminal rendering of the generative-model guide: the comparison table and the recommendation.

Narrow terminals get ratings as dots (one table row per family) and the long descriptions only for
the recommended family; wide ones (140 columns or more) get every description in the table.
"""

from __future__ import annotations

WIDE = 140
SHORT = {"en": {"family": "family", "best": "first choice for", "quality": "quality", "control": "control",
                "cost": "cost", "interpretability": "interp.", "small_data": "small data"},
         "es": {"family": "familia", "best": "primera opción en", "quality": "calidad", "control": "control",
                "cost": "coste", "interpretability": "interp.", "small_data": "pocos datos"}}


def _dots(n: int) -> str:
    return "●" * n + "○" * (5 - n)


def render(result, console) -> None:
    from rich.panel import Panel
    from rich.table import Table

    lang = "es" if result.language == "es" else "en"
    best = result.recommendation.get("family")
    title = "Familias de modelos generativos" if lang == "es" else "Generative model families"
    if console.width >= WIDE:
        table = Table(title=title, title_justify="left", show_lines=True)
        keys = ("family", "data", "goal", "quality", "control", "training", "interpretability", "applications")
        for key in keys:
            table.add_column(result.columns.get(key, key), overflow="fold")
        for row in result.table:
            mark = "★ " if row["key"] == best else ""
            table.add_row(mark + row["family"], *[row[k] for k in keys[1:]],
                          style="bold green" if row["key"] == best else None)
        console.print(table)
    else:
        s = SHORT[lang]
        legend = (" (● = más; coste = de entrenamiento)" if lang == "es" else " (● = more; cost = of training)")
        table = Table(title=title + legend, title_justify="left")
        table.add_column(s["family"], overflow="fold", min_width=18)
        table.add_column(s["best"], overflow="fold", min_width=12, max_width=15)
        ratings = ("quality", "control", "cost", "interpretability") + (("small_data",) if console.width >= 100 else ())
        for key in ratings:
            table.add_column(s[key], min_width=5, overflow="fold")
        for row in result.table:
            r = row["ratings"]
            mark = "★ " if row["key"] == best else ""
            table.add_row(mark + row["family"].split(" (")[0], ", ".join(row["best_for"]) or "-",
                          *[_dots(r[k]) for k in ratings],
                          style="bold green" if row["key"] == best else None)
        console.print(table)
        chosen = next((row for row in result.table if row["key"] == best), None)
        if chosen:
            detail = Table(show_header=False, title=chosen["family"], title_justify="left", show_lines=False)
            detail.add_column(style="dim", no_wrap=True)
            detail.add_column(overflow="fold")
            for key in ("data", "goal", "quality", "control", "training", "interpretability", "applications"):
                detail.add_row(result.columns.get(key, key), chosen[key])
            console.print(detail)
    heading = "Recomendación" if lang == "es" else "Recommendation"
    console.print(Panel(result.text, title=heading, title_align="left", border_style="green"))
