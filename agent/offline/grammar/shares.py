"""Shares within a group or of all rows.

"share of each vote by education", "percentage of each rank within each discipline", "proporción de voto
por educación": the votes are shared out within each education level, so each level's shares add up to
100 (a window `sum(...) OVER (PARTITION BY education)`). "share of rows by rank", "what share of all rows
has each rank", "share of rows by rank and discipline": one whole, all the rows. The groupings of the
request are read in the order said, each with the word that led it; the first names the parts, a second
the whole. Where the words do not say which grouping is the whole, the request is asked, not guessed.
"""

from __future__ import annotations

from dsagent.offline.grammar.roles import GRAIN_KEYS
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.tokens import Item
from dsagent.words.data import load
from dsagent.words.language import detect_language

_LEADS = ("BY", "FACET_BY", "WITHIN")
EACH = tuple(load("shares")["each"])  # 'share of each vote ...': what the whole is divided into
WHOLE = tuple(load("shares")["whole"])  # 'in each', 'for each', 'en cada': the whole, after the parts


def _names_whole(lead: Item) -> bool:
    """'within each', 'in each', 'for each', 'en cada'; a time grain said as 'per month', 'each year'."""
    return lead.key == "WITHIN" or lead.text in WHOLE or lead.key in GRAIN_KEYS and lead.text.split()[0] in WHOLE + EACH


def _grouped(g: GrammarPass, it: Item) -> bool:
    return it.kind == "col" and it.used and any(gr.column is it.col for gr in g.r.groups)


def groupings_said(g: GrammarPass) -> list[tuple[Item | None, list[str]]]:
    """The groupings in the order said: (the word that led it, its column names). The share's own column
    ("share of vote") is led by None; a time grain ("per year") is the one date column."""
    runs: list[tuple[Item | None, list[str]]] = []
    current: tuple[Item | None, list[str]] | None = None
    tc = g.time_col()
    for it in g.items:
        if it.kind == "kw" and it.key in _LEADS:
            if not (current is not None and not current[1] and current[0] is not None and current[0].key == "WITHIN"):
                current = (it, [])  # 'within' then 'each': one lead
                runs.append(current)
        elif it.kind == "kw" and it.key in GRAIN_KEYS:
            runs.append((it, [tc.name] if tc is not None else []))
            current = None
        elif it.kind == "kw" and it.key == "UNIT" and current is not None and tc is not None:
            current[1].append(tc.name)  # "by year"
        elif _grouped(g, it):
            if current is None:
                current = (None, [])
                runs.append(current)
            current[1].append(it.col.name)
        elif not (it.kind == "kw" and it.key == "AND"):
            current = None
    return [run for run in runs if run[1]]


def _said(g: GrammarPass, names: list[str]) -> str:
    """Column names as a person said them: the date column grouped by a grain is that grain ("month")."""
    tc = g.time_col()
    return ", ".join(g.r.grain if tc is not None and n == tc.name and g.r.grain else n for n in names)


def share_within_group(g: GrammarPass) -> None:
    """'share of each vote by education', 'percentage of each rank within each discipline', 'proporción de
    voto por educación', 'share of rows by rank for each discipline': a share with two groupings is taken
    within each group of the second (the whole), when the words say so: the first is the share's own
    column or 'each X', or the second is led by 'within', 'in each', 'for each'. 'share of all' keeps
    all rows as the whole; 'within' with 'of all', two plain 'by' ('share of rows by rank by discipline')
    or three groupings are asked."""
    r = g.r
    shares = [m for m in r.measures if m.agg == "share"]
    runs = groupings_said(g) if shares else []
    if len(runs) < 2:
        return
    (parts_lead, parts), (whole_lead, whole) = runs[0], runs[1]
    of_all = next((it for it in g.items if it.kind == "kw" and it.key == "PERCENT" and it.param == "all"), None)
    within_said = any(lead is not None and lead.key == "WITHIN" for lead, _ in runs)
    spanish = detect_language(" ".join(it.text for it in g.items)) == "es"
    if of_all is not None and within_said:
        r.problems.append(f"'{of_all.text}' and '{whole_lead.text}': a share of all rows, or within each "
                          f"{_said(g, whole)}?")
        # offered: the share word alone, and its 'of' when a noun follows ("share of rows", "porcentaje por ...")
        k = g.items.index(of_all)
        of = "" if g.is_kw(k + 1, *_LEADS) else (" de" if spanish else " of")
        r.rewordings.append((of_all.text, of_all.text.split()[0] + of))
        return
    if len(runs) > 2:
        r.problems.append("a share over " + " / ".join(_said(g, cols) for _, cols in runs) +
                          " (which grouping is the whole?)")
        return
    if of_all is not None:
        return  # "share of all rows by rank and discipline": one whole, all the rows
    if not (parts_lead is None or parts_lead.text in EACH or _names_whole(whole_lead)):
        r.problems.append(f"a share by {_said(g, parts)} and by {_said(g, whole)}: of all rows, or within each "
                          f"{_said(g, whole)}?")
        within = "dentro de cada" if spanish else "within each"
        first = next((it for it in g.items if it.start > whole_lead.start and _grouped(g, it)), None)
        if first is not None and whole_lead.key in _LEADS:  # "by district" -> "within each district"
            r.rewordings.append((f"{whole_lead.text} {first.text}", f"{within} {first.text}"))
        elif whole_lead.key in GRAIN_KEYS and len(whole_lead.text.split()) == 2:  # "by month" -> "within each month"
            r.rewordings.append((whole_lead.text, f"{within} {whole_lead.text.split()[1]}"))
        return
    for m in shares:
        m.within = list(whole)
    # the whole first: each group's shares read together, one block per group
    r.groups.sort(key=lambda gr: gr.column.name not in whole)
    r.understood.append(f"within each {_said(g, whole)}")


def share_of_its_own_filter(g: GrammarPass) -> None:
    """'ratio of men to women by department', 'proportion of men to women': a share of one value of a column
    among rows kept to one other value of it is always 0 (it answered 0 % men among the women of each
    department). A ratio of two values is no share of rows: asked. Two or more values kept ('share of first
    class among first and second class') stay a share."""
    r = g.r
    for m in r.measures:
        c = m.condition
        if c is None or c.column is None or c.op not in ("=", "<>"):
            continue
        for f in r.filters:
            if f.column is not None and f.column.name == c.column.name and f.op == "=" and f.value != c.value:
                r.problems.append(f"a share of {c.column.name} = {c.value!r} among the rows where it is {f.value!r} "
                                  f"(a ratio of two values? say 'count by {c.column.name}')")
                return
