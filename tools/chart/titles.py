"""The words a chart is drawn with: its title, subtitle and axis labels, in the request's language.

The texts are data in prompts/chart.json (English and Spanish side by side, read with
`words.language.say`); column names are shown as they are, with underscores as spaces.
"""

from __future__ import annotations

import re

from dsagent.tools.chart.notes import grain_word
from dsagent.words.language import messages, say, spoken

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")


def pretty(name: str | None) -> str:
    return (name or "").replace("_", " ")


def agg_word(aggregate: str, plan=None) -> str:
    """'Average' for mean ('Media' in Spanish); a count is of the table's rows by what they are
    ('Number of tickets') when its names say so; an aggregate without words is its own name."""
    if aggregate == "count" and plan is not None and plan.rows_noun:
        return say("chart", "agg_count_of", rows=plan.rows_noun)
    try:
        return say("chart", f"agg_{aggregate}")
    except KeyError:
        return aggregate


def auto_title(plan) -> str:
    agg = agg_word(plan.aggregate, plan)
    x = pretty(plan.x)
    if plan.time_grain and plan.cls(plan.x) == "time":
        x = grain_word(plan.time_grain)
    color = pretty(plan.color)
    if plan.kind == "histogram":
        return say("chart", "histogram_by", x=x, color=color) if plan.color else say("chart", "histogram", x=x)
    if plan.kind == "box":
        y = pretty(plan.y)
        return say("chart", "box_by", y=y, x=x) if plan.x else say("chart", "box", y=y)
    if plan.kind == "scatter":
        y = pretty(plan.y)
        return say("chart", "scatter_by", y=y, x=x, color=color) if plan.color else say("chart", "scatter", y=y, x=x)
    measure = plan.roles.get("measure")
    what = agg if plan.aggregate == "count" or not measure else say("chart", "measure", agg=agg, measure=pretty(measure))
    if plan.roles.get("rate"):
        what = say("chart", "share", measure=pretty(measure))
    if plan.kind == "heatmap":
        return say("chart", "heatmap", what=what, x=x, y=pretty(plan.y))
    if plan.kind == "pie":
        if plan.aggregate == "count":
            return say("chart", "pie_rows_of", rows=plan.rows_noun, x=x) if plan.rows_noun else \
                say("chart", "pie_rows", x=x)
        return say("chart", "pie", what=what[0].lower() + what[1:], x=x)
    series = plan.color and plan.kind not in ("scatter", "heatmap")
    if plan.time_grain and plan.cls(plan.x) == "time" and not series:
        return say("chart", "per", what=what, x=x)
    return say("chart", "by", what=what, x=x, series=say("chart", "series", color=color) if series else "")


def subtitle(plan, date_col: str | None) -> str:
    from dsagent.tools.chart.sql import SCATTER_SAMPLE

    st = plan.stats
    parts = []
    if date_col and st.get("date_min") is not None:
        parts.append(say("chart", "dates", date=pretty(date_col), low=str(st["date_min"])[:10],
                         high=str(st["date_max"])[:10]))
    rows = int(st.get("rows") or 0)
    parts.append(say("chart", "rows_of", count=rows, rows=f"{rows:,}", table=plan.table))
    if plan.where:
        parts.append(say("chart", "where", where=plan.where))
    if plan.sampled:
        parts.append(say("chart", "sample", points=f"{SCATTER_SAMPLE:,}"))
    return " · ".join(parts)


def axis_label(plan, axis: str) -> str:
    if plan.kind == "histogram":
        return pretty(plan.x) if axis == "x" else agg_word("count", plan)
    if plan.kind == "box":
        return pretty(plan.x) if axis == "x" else pretty(plan.y)
    if plan.kind in ("scatter", "heatmap"):
        return pretty(plan.x if axis == "x" else plan.y)
    if axis == "x":
        if plan.time_grain and plan.cls(plan.x) == "time":
            return say("chart", "axis_grain", x=pretty(plan.x), grain=grain_word(plan.time_grain))
        return pretty(plan.x)
    return value_label(plan)


def value_label(plan) -> str:
    measure = plan.roles.get("measure")
    if plan.roles.get("rate"):
        return say("chart", "axis_share", measure=pretty(measure))
    agg = agg_word(plan.aggregate, plan)
    return agg if plan.aggregate == "count" or not measure else say("chart", "measure", agg=agg, measure=pretty(measure))


def small_mark(kind: str) -> str:
    """What marks a value resting on fewer than 20 rows, said after the subtitle."""
    mark = "mark_star" if kind == "heatmap" else "mark_circles" if kind == "line" else "mark_hatched"
    return say("chart", "small_mark", mark=say("chart", mark))


def months(text: str) -> str:
    """`text` with the C locale's month abbreviations (strftime %b) in the answer's language."""
    local = messages("chart").get("months", {}).get(spoken())
    if not local or not text:
        return text
    return _MONTH.sub(lambda m: local[_MONTHS.index(m.group(1))], text)


def spoken_dates(locator):
    """matplotlib's concise date labels, with month names in the answer's language."""
    import matplotlib.dates as mdates

    class SpokenDates(mdates.ConciseDateFormatter):
        def format_ticks(self, values):
            return [months(label) for label in super().format_ticks(values)]

        def get_offset(self):
            return months(super().get_offset())

    return SpokenDates(locator)
