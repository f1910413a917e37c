"""A small model's chart spec, corrected by the person's own words (each change is noted, ETHICS D3).

Runs after the spec's columns are resolved and before the chart lint (`chart.lint._lint_spec`).
`apply_words` runs the rules of `RULES` in order, each a small function `rule(p, w)` that fixes one
slip a small model makes reliably and that a person would want fixed, and writes a note when it
changes the plan. Later rules see what earlier ones did (the scatter `two_measures` makes gets its axes
from `scatter_axes`). Each rule's docstring names the phrasing it handles;
tests/fixtures/chart_rules/<rule>.jsonl holds its cases.

The rules read only the table's column names and types, the number of distinct values of a column,
and a few English/Spanish words (`chart.words`); nothing is specific to one data set.
"""

from __future__ import annotations

import re
from typing import Callable

from dsagent.tools.chart.notes import aggregate_word, grain_word
from dsagent.tools.chart.words import (asks_distribution, axis_named, distributed_column, grain_named, row_count_words,
                                       xy_order)
from dsagent.words.charts import kind_named
from dsagent.words.columns import all_mentions, mentions
from dsagent.words.language import say
from dsagent.words.names import is_year_name

BAR_KINDS = {"bar", "grouped_bar", "stacked_bar"}
SMALL_INT = 12  # a number with at most this many values reads as a category (cylinders, rating 1-5)
MAX_SPLIT = 25  # a named column with more values than this (names, ids, cities) does not split a chart
_AGG_WORDS = re.compile(r"\b(average|avg|mean|median|total|sum|promedio|media|mediana|suma|max(imum)?|min(imum)?)\b",
                        re.I)


class Words:
    """The request read against one table: named columns, the kind of chart it names, and what kind of
    column each is."""

    def __init__(self, plan, question: str, levels: Callable[[str], int]):
        self.p, self.q, self.levels = plan, question or "", levels
        self.named = [m.column for m in mentions(self.q, list(plan.types))]
        self.asked = kind_named(self.q)  # the chart kind the request names outright, if any

    def time_like(self, col: str | None) -> bool:
        return bool(col) and (self.p.cls(col) == "time" or (self.p.cls(col) == "number" and is_year_name(col)))

    def measure(self, col: str | None) -> bool:
        """A number with many values (not a year, not a small-integer code)."""
        return bool(col) and self.p.cls(col) == "number" and not self.time_like(col) and self.levels(col) > SMALL_INT

    def category(self, col: str | None) -> bool:
        cls = self.p.cls(col)
        return bool(col) and (cls in ("text", "bool") or (cls == "number" and not self.time_like(col)
                                                           and self.levels(col) <= SMALL_INT))

    def in_filter(self, col: str) -> bool:
        return bool(self.p.where) and col.lower() in self.p.where.lower()


def _numbers_named(p, w: Words, exclude: tuple = ()) -> list[str]:
    return [c for c in w.named if w.measure(c) and c not in exclude]


def named_kind(p, w: Words) -> None:
    """"histogram of", "scatter plot", "line chart", "pie", "box plot": the kind the request names is drawn."""
    asked = w.asked
    if asked is None or asked == p.kind:
        return
    if asked == "histogram":
        # a number in the spec, or one the request names when the spec has no x; "histogram of the
        # count of each type" over a category stays a bar chart of counts
        target = next((c for c in (p.x, p.y) if p.cls(c) == "number"), None)
        if target is None and p.x is None:
            target = next((c for c in w.named if p.cls(c) == "number"), None)
        if target:
            p.kind, p.x, p.y = "histogram", target, None
            if p.color and not w.category(p.color):
                p.color = None
            p.note(say("chart_notes", "asked_histogram", column=target))
    elif asked == "scatter":
        p.kind = "scatter"  # its axes are filled from the named measures in scatter_axes
        p.note(say("chart_notes", "asked_scatter"))
    elif asked in ("line", "area") and p.kind not in ("line", "area"):
        p.kind = asked
        p.note(say("chart_notes", f"asked_{asked}"))
    elif asked in BAR_KINDS and p.kind not in BAR_KINDS | {"histogram"}:
        p.kind = asked if asked != "bar" or not p.color else "grouped_bar"
        if p.aggregate in ("", "none"):
            p.aggregate = ""
        p.note(say("chart_notes", "asked_bar"))  # any bar kind: "the bar chart"
    elif asked in ("stacked_bar", "grouped_bar") and p.kind in BAR_KINDS:
        p.kind = asked
    elif asked in ("pie", "box", "heatmap"):
        p.kind = asked
        p.note(say("chart_notes", f"asked_{asked}"))


def named_measure(p, w: Words) -> None:
    """The model measured a column the request never names, and the request names one other measure."""
    if p.kind not in BAR_KINDS | {"line", "area", "pie", "box"} or not p.y or p.y in w.named:
        return
    named = _numbers_named(p, w, exclude=(p.x, p.color))
    if len(named) == 1 and w.measure(p.y):
        p.note(say("chart_notes", "measure_named", named=named[0], instead=p.y))
        p.y = named[0]


def missing_x(p, w: Words) -> None:
    """No x in the spec: the column the request names ("histogram of weights" with x left out)."""
    if p.x or p.kind == "box":
        return
    wanted = [c for c in w.named if c not in (p.y, p.color)]
    if p.kind == "histogram":
        wanted = [c for c in wanted if p.cls(c) == "number"]
    if wanted:
        p.x = wanted[0]
        p.note(say("chart_notes", "x_named", x=p.x))


def distribution(p, w: Words) -> None:
    """"distribution of price" is a histogram; "distribution of price per region" a box plot."""
    if w.asked is not None or not asks_distribution(w.q) or p.kind in ("box", "histogram", "scatter"):
        return  # a kind named outright wins; a box, histogram or scatter already shows a distribution
    after = distributed_column(w.q, list(p.types))
    if after and not w.measure(after):
        return  # "distribution of sub-categories by quantity": counts per category are that distribution
    nums = [c for c in ([after] if after else []) + [p.y, p.x, *w.named] if w.measure(c)]
    if not nums:
        return
    target = nums[0]
    group = next((c for c in (p.x, p.color, *w.named) if c != target and w.category(c)), None)
    if group and p.cls(group) in ("text", "bool"):
        p.kind, p.x, p.y, p.color = "box", group, target, None
        p.note(say("chart_notes", "distribution_box", target=target, group=group))
    else:
        p.kind, p.x, p.y = "histogram", target, None
        p.color = group if group and group != target else None
        p.note(say("chart_notes", "distribution_histogram", target=target))


def two_measures(p, w: Words) -> None:
    """Two measures are a scatter (bars cannot show a measure against a measure); a category colours it.

    The model's slips this catches: a measure on colour ("sales and profit by region" as bars of sales
    coloured by profit), a histogram or bars of one measure "by" another ("budget by gross"), and a
    code on y with the measure on colour ("cylinder count against acceleration").
    """
    asked = w.asked
    if p.kind == "box" and asked != "box" and w.measure(p.x) and w.measure(p.y):
        p.kind, p.aggregate = "scatter", "none"  # a box per value of a measure is no summary at all
        p.note(say("chart_notes", "two_measures", y=p.y, x=p.x))
        return
    if p.kind not in BAR_KINDS | {"line", "area", "histogram"} or asked in BAR_KINDS | {"line", "area", "histogram"}:
        return
    if w.measure(p.color) and p.y and w.category(p.y) and p.kind != "histogram":
        p.y, p.color = p.color, p.y  # the measure belongs on y; the code or category splits
        p.note(say("chart_notes", "measure_and_split", y=p.y, color=p.color))
        return
    if w.p.asked_aggregate and w.p.asked_aggregate != "none":
        return  # "average profit and sales by region": an aggregate was asked for
    if w.category(p.x) and w.measure(p.y) and w.measure(p.color):
        cat, a, b = p.x, p.y, p.color
    elif p.kind == "histogram" and w.measure(p.x) and w.measure(p.y):
        cat, a, b = (p.color if w.category(p.color) else None), p.y, p.x
    else:
        named = _numbers_named(p, w)
        if len(named) != 2 or not (p.y in named or p.x in named) or not (w.category(p.x) or p.x in named):
            return
        others = [c for c in (p.x, p.color, *w.named) if w.category(c) and c not in named]
        cat = others[0] if others else None
        if set(named) == {p.x, p.y}:
            b, a = p.x, p.y
        elif p.y in named:
            a, b = p.y, next(c for c in named if c != p.y)
        else:
            b, a = p.x, next(c for c in named if c != p.x)
    p.kind, p.aggregate = "scatter", "none"
    p.x, p.y, p.color = b, a, cat
    p.note(say("chart_notes", "two_measures_coloured", y=a, x=b, color=cat) if cat
           else say("chart_notes", "two_measures", y=a, x=b))


def scatter_axes(p, w: Words) -> None:
    """A scatter needs two numbers: take them from the request's words, the category to colour."""
    if p.kind != "scatter":
        return
    spec_nums = [c for c in (p.x, p.y) if p.cls(c) in ("number", "time")]
    cats = [c for c in (p.x, p.y, p.color) if c and w.category(c) and c not in spec_nums]
    if len(spec_nums) < 2:
        extra = _numbers_named(p, w, exclude=tuple(spec_nums))
        nums = (spec_nums + extra)[:2]
        if len(nums) == 2:
            named_order = [c for c in w.named if c in nums]
            nums = named_order if len(named_order) == 2 else nums
            p.x, p.y = nums
            if cats and p.color not in cats:
                p.color = cats[0]
            elif not cats:
                p.color = p.color if p.color not in nums else None
            p.note(say("chart_notes", "scatter_of_named", x=p.x, y=p.y))
    if p.cls(p.x) == "number" and p.cls(p.y) == "number":
        order = xy_order(w.q, p.x, p.y, list(p.types))
        if order and order != (p.x, p.y):
            p.x, p.y = order
            p.note(say("chart_notes", "axes_ordered", x=p.x, y=p.y))


def aggregate_asked(p, w: Words) -> None:
    """"average weight vs year" drawn as a scatter: the average per year (a line), or per code (bars)."""
    agg = p.asked_aggregate
    if p.kind != "scatter" or agg not in ("mean", "sum", "median") or w.asked == "scatter":
        return
    group = next((c for c in (p.x, p.y) if w.time_like(c)), None) or next((c for c in (p.x, p.y) if w.category(c)), None)
    other = p.y if group == p.x else p.x
    if group and p.cls(other) == "number" and not w.time_like(other):
        p.kind = "line" if w.time_like(group) else "bar"
        p.x, p.y, p.aggregate = group, other, agg
        p.note(say("chart_notes", "aggregate_asked", aggregate=aggregate_word(agg), measure=other, group=group))


def named_axes(p, w: Words) -> None:
    """"Origin on the x axis", "y axis: MPG": the named column goes on that axis."""
    axes = axis_named(w.q, list(p.types))
    x = axes.get("x")
    if x and x != p.x:
        if x == p.color:
            p.x, p.color = x, p.x
        elif x == p.y and p.kind in ("scatter", "heatmap"):
            p.x, p.y = x, p.x
        elif x not in (p.y,) and p.kind not in ("histogram", "box"):
            if p.x and w.category(p.x) and not p.color:
                p.color = p.x
            p.x = x
        else:
            return
        p.note(say("chart_notes", "x_axis_named", x=x))
    y = axes.get("y")
    if y and y != p.y and p.cls(y) == "number" and p.kind not in ("histogram",):
        if y == p.x and p.kind in ("scatter", "heatmap"):
            p.x, p.y = p.y, y
        elif y != p.x:
            p.y = y
        else:
            return
        p.note(say("chart_notes", "y_axis_named", y=y))


def left_out_category(p, w: Words) -> None:
    """A category the request names and the spec leaves out splits the chart ("... by genre")."""
    if p.kind not in BAR_KINDS | {"line", "area", "scatter", "histogram"}:
        return
    if p.color and p.color != p.x:
        return
    used = {p.x, p.y} | _sort_keys(w)
    left = [c for c in w.named if c not in used and w.category(c) and w.levels(c) <= MAX_SPLIT and not w.in_filter(c)]
    if len(left) != 1:
        return
    p.color = left[0]
    p.note(say("chart_notes", "split_named", color=left[0]))


_SORT = re.compile(r"\b(sort(?:ed)?|order(?:ed)?|rank(?:ed)?|ordenad[oa]s?)\s+(?:by|on|in|por)\b[^.,;]{0,30}$", re.I)


def _sort_keys(w: Words) -> set[str]:
    """Columns named only as the order of the bars ("sorted by number of rooms"): not a split."""
    return {m.column for m in all_mentions(w.q, list(w.p.types)) if _SORT.search(w.q[:m.start])}


def count_rows(p, w: Words) -> None:
    """"how many orders per category": a count, not a total of a measure the request never names."""
    if p.kind not in BAR_KINDS | {"line", "area", "pie"} or not p.y or p.y in w.named:
        return
    if p.aggregate in ("mean", "median", "min", "max"):
        return  # an average of an unnamed measure is the model's reading of a synonym ("mileage")
    if _AGG_WORDS.search(w.q) or _numbers_named(p, w, exclude=(p.x, p.color)):
        return
    entity = re.compile(rf"\b{re.escape(p.table.lower().rstrip('s'))}s?\b", re.I)
    if not (_counts_rows(w) or entity.search(w.q)):
        return
    p.note(say("chart_notes", "rows_counted", y=p.y))
    p.y, p.aggregate = None, "count"


def _counts_rows(w: Words) -> bool:
    """A count word that counts rows ("how many orders"), not one naming a column ("number of rooms")."""
    numbers = [c for c, k in w.p.classes.items() if k == "number"]
    return bool(row_count_words(w.q, numbers, list(w.p.types)))


def named_grain(p, w: Words) -> None:
    """"monthly", "by quarter", "por semana": the time grain the request names is the grain of a date axis."""
    grain = grain_named(w.q)
    if grain and p.cls(p.x) == "time" and p.time_grain != grain:
        p.time_grain = grain
        p.note(say("chart_notes", "grain_named", grain=grain_word(grain)))


ChartRule = Callable[..., None]  # rule(p, w): p is chart.lint.Plan, corrected in place

RULES: tuple[ChartRule, ...] = (
    named_kind,
    named_measure,
    missing_x,
    distribution,
    two_measures,
    aggregate_asked,
    scatter_axes,
    named_axes,
    left_out_category,
    count_rows,
    named_grain,
)


def apply_words(p, question: str, levels: Callable[[str], int]) -> None:
    """Correct plan `p` (resolved columns, before the lint) from the request's words: each of RULES in order."""
    if not (question or "").strip():
        return
    w = Words(p, question, levels)
    for rule in RULES:
        rule(p, w)
