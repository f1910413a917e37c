"""What a chart request's own words say: the columns it names, the chart kind it names, axis order.

A small model fills the chart spec; these readings of the person's words let the chart lint correct
the slips it makes reliably (a bar where the person asked for a histogram, a scatter's axes swapped
against "A vs B"). Everything here is generic: it reads the table's column names and a short list of
English/Spanish chart words, never anything about a particular data set.
"""

from __future__ import annotations

import re

from dsagent.words.columns import all_mentions, mentions

_DISTRIBUTION = re.compile(r"(?<![a-z])(distribution|distributed|frequenc(?:y|ies)|distribuci[oó]n|frecuencias?)"
                           r"(?![a-z])", re.I)


def asks_distribution(question: str) -> bool:
    """"distribution of age", "how is weight distributed", "frequency of ..."."""
    return bool(_DISTRIBUTION.search(question or ""))


def distributed_column(question: str, columns: list[str]) -> str | None:
    """The first column named after the distribution word ("distribution of car weight" -> weight)."""
    cue = _DISTRIBUTION.search(question or "")
    return next((m.column for m in all_mentions(question, columns) if m.start >= cue.end()), None) if cue else None


# ---------------------------------------------------------------- which of two columns goes on x
# "Y vs X", "Y against X", "Y over X": the first-named column goes up the y axis, as in "a plot of
# height versus age" (the offline planner reads "vs" the same way). "A and B" and "A by B" say
# nothing about order.
_Y_THEN_X = re.compile(r"(?<![a-z])(vs\.?|v/s|v\.|versus|against|over|as a function of|contra|frente a)(?![a-z])",
                       re.I)


_AXIS = re.compile(r"\b([xy])[\s-]*(?:axis|axes|eje)\b|\beje[\s-]*([xy])\b", re.I)


_ON_AXIS = re.compile(r"^\s*(?:(?:is |goes |should be |to be )?(?:on|along|as|in|for)\s+)?(?:the\s+)?$", re.I)
_AXIS_IS = re.compile(r"^\s*(?:is|should be|to be|shows?|as|with|of|for|:|=|-)?\s*(?:the\s+)?$", re.I)


def axis_named(question: str, columns: list[str]) -> dict[str, str]:
    """Columns the request puts on an axis by name: "Origin on the x axis", "x-axis: Year", "y axis MPG"."""
    text = question or ""
    found = all_mentions(text, columns)
    out: dict[str, str] = {}
    for m in _AXIS.finditer(text):
        axis = (m.group(1) or m.group(2)).lower()
        before = [f for f in found if f.end <= m.start() and _ON_AXIS.match(text[f.end:m.start()])]
        after = [f for f in found if f.start >= m.end() and _AXIS_IS.match(text[m.end():f.start])]
        pick = before[-1] if before else (after[0] if after else None)
        if pick and axis not in out and pick.column not in out.values():
            out[axis] = pick.column
    return out


def xy_order(question: str, a: str, b: str, columns: list[str]) -> tuple[str, str] | None:
    """(x, y) for two columns the request names joined by "vs", "against" or "over".

    "MPG vs displacement" and "MPG against displacement" put displacement across and MPG up. None
    when the request does not name both, or joins them otherwise ("A and B", "A by B").
    """
    found = {f.column: f for f in mentions(question, columns)}
    if a not in found or b not in found:
        return None
    first, second = sorted((found[a], found[b]), key=lambda f: f.start)
    between = (question or "")[first.end:second.start]
    if len(between) <= 30 and _Y_THEN_X.search(between):
        return second.column, first.column
    return None


_GRAINS = [("hour", r"hourly|per hour|by hour|each hour|por hora"),
           ("day", r"daily|per day|by day|each day|day by day|diari[oa]s?|por d[ií]a"),
           ("week", r"weekly|per week|by week|each week|semanal(?:es)?|por semana"),
           ("month", r"monthly|per month|by month|each month|month by month|mensual(?:es)?|por mes"),
           ("quarter", r"quarterly|per quarter|by quarter|each quarter|trimestral(?:es)?|por trimestre"),
           ("year", r"yearly|annual(?:ly)?|per year|by year|each year|year by year|anual(?:es)?|por a[nñ]o")]


def grain_named(question: str) -> str | None:
    """The one time grain a request names ("monthly", "by quarter", "por año"), else None."""
    found = [g for g, pattern in _GRAINS if re.search(rf"(?<![a-z]){pattern}(?![a-z])", question or "", re.I)]
    return found[0] if len(found) == 1 else None


_COUNT_WORDS = re.compile(r"\b(how many|number of|count of|count|cu[aá]nt[oa]s|n[uú]mero de)\b", re.I)


def row_count_words(question: str, numbers: list[str], columns: list[str] | None = None) -> list[re.Match]:
    """The count words of a request that count rows ("how many orders"), not those naming a column.

    "number of rooms" names the numeric column `rooms` (one of `numbers`), and "cylinder count" the
    column before it (any of `columns`); neither asks for a count of rows.
    """
    text = question or ""
    starts = {m.start for m in all_mentions(text, numbers)}
    ends = {m.end for m in all_mentions(text, columns or numbers)}
    out = []
    for m in _COUNT_WORDS.finditer(text):
        rest = text[m.end():]
        if m.end() + len(rest) - len(rest.lstrip()) in starts:
            continue
        if m.group(0).lower() == "count" and len(text[:m.start()].rstrip()) in ends:
            continue
        out.append(m)
    return out
