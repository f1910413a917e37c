"""Shares within a group or of all rows.

"share of each vote by education", "percentage of each rank within each discipline", "proporción de voto
por educación": the votes are shared out within each education level, so each level's shares add up to
100 (a window `sum(...) OVER (PARTITION BY education)`). "share of rows by rank", "what share of all rows
has each rank", "share of rows by rank and discipline": one whole, all the rows. The groupings of the
request are read in the order said, each with the word that led it; the first names the parts, a second
the whole. Where the words do not say which grouping is the whole, the request is asked, not guessed.
"""

from __future__ import annotations

from dsagent.offline.grammar.measures import take_percent
from dsagent.offline.grammar.roles import CMP_KEYS, GRAIN_KEYS
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.plan import Filter, Measure
from dsagent.offline.tokens import Item
from dsagent.words.data import load
from dsagent.words.language import detect_language
from dsagent.words.text import is_row_noun

_LEADS = ("BY", "FACET_BY", "WITHIN")
EACH = tuple(load("shares")["each"])  # 'share of each vote ...': what the whole is divided into
WHOLE = tuple(load("shares")["whole"])  # 'in each', 'for each', 'en cada': the whole, after the parts
WHICH_WERE = frozenset(load("shares")["which_were"])  # 'survivors who were women': the value is the share


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
        within_lead = next(lead for lead, _ in runs if lead is not None and lead.key == "WITHIN")
        r.problems.append(f"'{of_all.text}' and '{within_lead.text}': a share of all rows, or within each "
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
    # a second grouping with no word before it ('share of ..., by kind, month'): nothing says it is the whole
    if not (parts_lead is None or parts_lead.text in EACH or whole_lead is not None and _names_whole(whole_lead)):
        r.problems.append(f"a share by {_said(g, parts)} and by {_said(g, whole)}: of all rows, or within each "
                          f"{_said(g, whole)}?")
        within = "dentro de cada" if spanish else "within each"
        if whole_lead is None:
            return
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


def share_of_a_compared_number(g: GrammarPass) -> None:
    """At the end: 'percentage of scores above 90 by school', 'share of scores that are 90 or above': a share of
    a number column that the request also compares is the share of the rows meeting the comparison (within
    each group asked) among the rows that have a value, not that column's total shared among the groups of
    those rows (it answered each school's part of the total score above 90)."""
    r = g.r
    for k, m in enumerate(r.measures):
        if m.agg != "share" or m.column is None or not m.column.numeric:
            continue
        compared = [f for f in r.filters if f.column is m.column and f.op in (">", ">=", "<", "<=", "between")]
        if len(compared) != 1:
            continue
        r.filters.remove(compared[0])
        r.filters.append(Filter(m.column, "is not null"))  # of the scores there are: a missing one is neither
        r.measures[k] = Measure("percent", None, condition=compared[0])
        r.understood.append(f"share of rows where {m.column.name} is compared")


# ---------------------------------------------------------------- share words before their rows
def share_of_compared_rows(g: GrammarPass, j: int) -> int | None:
    """'share of loans with income above 50000 by region', 'percentage of matches with attendance above 40000':
    the share word is of the rows (their noun came first), and the comparison says which rows; it answered the
    share of the total income among those loans. Which share is meant, of those rows within each group or
    across the groups, the words do not say: asked."""
    it, nxt = g.items[j], g.at(j + 1)
    if not (g.pending and nxt is not None and nxt.kind == "kw" and (nxt.key in CMP_KEYS or nxt.key == "BETWEEN")
            and any(p.key in ("PERCENT", "RATE") for p in g.pending)):
        return None
    first = min(p.start for p in g.pending)
    rows_between = any(x.kind == "table" or x.kind == "unknown" and is_row_noun(x.text) or g.r.entity
                       for x in g.items if first < x.start < it.start)
    if not rows_between:
        return None
    g.r.problems.append(f"a share of the rows where {it.col.name} is compared (of those rows within each group, "
                        "or across the groups?)")
    g.pending = []
    it.used = True
    return j + 1


def share_of_value(g: GrammarPass, j: int) -> int | None:
    """'percentage of women', 'tasa de mujeres': the share of rows meeting the value just read (passed on).
    Not after a grouping said since the share word: in 'share of each party among women by schooling' the
    value says which rows are shared out, it is not what the share is of. Right after the rows' noun and
    before a grouping ('porcentaje de empleados hombres por puesto') it is asked."""
    if g.pending and g.pending[-1].key in ("PERCENT", "RATE") and len(g.r.filters) and not _grouped_since(
            g, g.pending[-1], j):
        if _condition_after_rows_noun(g, j):
            return None  # 'what fraction of cardiology visits are uninsured': the share is of what follows
        noun = g.at(j - 1)
        if g.r.entity and noun is not None and (noun.kind == "table" or noun.kind == "unknown" and noun.used) \
                and noun.start + len(noun.text.split()) == g.items[j].start and g.is_kw(j + 1, "BY"):
            ask_share_of_qualified_rows(g, noun)  # "porcentaje de empleados hombres por puesto"
        else:
            take_percent(g)
        g.pending = []
    return None


def share_of_negated_flag(g: GrammarPass, j: int) -> int | None:
    """'share of not insured by clinic', 'rate of uninsured visits', 'porcentaje de no aprobados': the
    share of the rows where a yes/no column is 0 (its 1 is `rate_or_share`)."""
    c = g.items[j].col
    if not (g.negate and c.binary and g.pending and g.pending[-1].key in ("PERCENT", "RATE")
            and not _grouped_since(g, g.pending[-1], j)):
        return None
    g.take_negation()
    g.r.measures.append(Measure("percent", None, Filter(c, "=", 0)))
    g.r.understood.append(f"share of rows where {c.name} = 0")
    g.pending = []
    g.items[j].used = True
    return j + 1


def flag_rows_then_value(g: GrammarPass, j: int) -> int | None:
    """'percentage of survivors who were women', 'porcentaje de aprobados que son mujeres': a share word,
    a yes/no column named as the rows, then a value: the share of the value among those rows (read as the
    column's rate, it was the survival rate of women)."""
    c, k = g.items[j].col, j + 1
    if g.is_kind(k, "table") or g.is_kind(k, "unknown") and is_row_noun(g.items[k].text):
        k += 1  # 'share of approved applicants who were women'
    nxt = g.at(k)
    if not (c.binary and g.pending and g.pending[-1].key in ("PERCENT", "RATE") and nxt is not None
            and nxt.kind == "val" and nxt.col is not c and not g.negate
            and set(g.stops_between(g.items[k - 1], nxt)) & WHICH_WERE):
        return None
    g.add_filter(Filter(c, "=", 1))
    g.r.understood.append(f"{c.name} = 1")
    g.items[j].used = True
    return j + 1


def _condition_after_rows_noun(g: GrammarPass, j: int) -> bool:
    """The value at j, the rows' noun or not, then a yes/no condition: 'what fraction of cardiology visits
    are uninsured', 'share of female passengers who survived', 'porcentaje de mujeres que sobrevivieron'.
    The value says which rows are shared out; the share is of the yes/no after it (taken as the share of
    the value, it was the share of women among the survivors). A value of another column after it ('share
    of women in first class') reads both ways and is left as it was."""
    k = j + 2 if g.is_kind(j + 1, "table") else j + 1
    after = g.at(k)
    return after is not None and (after.kind == "col" and after.col.binary or after.kind == "kw" and after.key == "NOT")


def ask_share_of_qualified_rows(g: GrammarPass, noun: Item) -> None:
    """'share of female teachers by title', 'porcentaje de empleados hombres por puesto': a share of the
    female rows across titles, or of the female ones in each title? Asked, offering the request without the
    noun (the share of a value in each group)."""
    g.r.problems.append(f"'{noun.text}': a share of all the rows of those values, or of those values in each "
                        f"group?")
    g.r.rewordings.append((noun.text, ""))


def _grouped_since(g: GrammarPass, word: Item, j: int) -> bool:
    """Whether a grouping was said between the item `word` and item j."""
    start = next((k for k, it in enumerate(g.items) if it is word), j)
    return any(it.kind == "kw" and it.key in ("BY", "FACET_BY", "WITHIN") for it in g.items[start + 1:j])


def rate_as_a_percentage(g: GrammarPass) -> None:
    """Rule `rate_as_a_percentage`: 'conversion rate by browser, as a percentage', 'tasa de aprobación en
    porcentaje': the rate of a yes/no column said in percent is 100 times the fraction; the percent words
    were passed over and the fraction answered."""
    rates = [m for m in g.r.measures if m.agg in ("rate", "fraction") and m.column is not None and m.column.binary]
    if len(rates) != 1:
        return
    for k, it in enumerate(g.items):
        # the percent word last ('in' and 'as' may be gone from the items), nothing after it but punctuation
        if it.kind == "kw" and it.key == "PERCENT" and not it.used and k > 0 \
                and all(x.kind == "kw" and x.text in (",", ".") for x in g.items[k + 1:]):
            c = rates[0].column
            g.r.measures[g.r.measures.index(rates[0])] = Measure("percent", None, Filter(c, "=", True if c.kind == "boolean" else 1))
            g.r.understood.append(f"rate of {c.name} in percent")
            it.used = True
            return
