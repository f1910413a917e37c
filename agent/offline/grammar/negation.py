"""Negation and presence for the offline grammar: 'not', 'no', 'without', 'missing', a negating prefix
('uninsured'), and what a row has ('trips with tips')."""

from __future__ import annotations

from dsagent.offline.columns import yes_no_of_text
from dsagent.offline.grammar.shares import share_of_negated_flag
from dsagent.offline.grammar.roles import CMP_KEYS
from dsagent.offline.grammar.state import GrammarPass
from dsagent.offline.plan import Filter, Group
from dsagent.offline.tokens import Item
from dsagent.words.columns import negates_name
from dsagent.words.data import load, word_set
from dsagent.words.text import is_row_noun, norm


WITH_A_FLAG = word_set("language", "having_words")
_ARTICLES = word_set("language", "definite_articles") | word_set("language", "indefinite_articles")


def null_mention(g: GrammarPass, j: int, negate: bool) -> None:
    """'missing age' / 'age is missing' / 'sin edad': a null filter on the neighbouring column."""
    r = g.r
    prev, after = g.at(j - 1), j + 1
    # 'missing a gearbox temperature', 'sin la edad': an article between belongs to the column
    if g.at(after) is not None and g.at(after).kind == "stop" and g.at(after).text in _ARTICLES:
        after += 1
    nxt = g.at(after)
    col = None
    if nxt is not None and nxt.kind == "col" and not nxt.used:
        col = nxt.col
        nxt.used = True
        g.items[after] = Item("stop", nxt.text, nxt.start)  # consumed here
    elif prev is not None and prev.kind == "col":
        col = prev.col
        if col in r.bare:
            r.bare.remove(col)
    if col is None:
        r.keys.append("NULL_ANY")
        return
    r.null_cols.append(col)
    g.add_filter(Filter(col, "is not null" if negate else "is null"))
    r.understood.append(f"{col.name} is {'not ' if negate else ''}missing")


def flag_against_its_negation(g: GrammarPass, j: int) -> int | None:
    """'avg energy curtailed vs not', 'curtailed vs not curtailed', 'members or not': a yes/no column against
    its own negation compares its two values, one group each. The 'not' was left over (declined), and
    'not curtailed' asked both values at once."""
    it, before, flag = g.items[j], g.at(j - 1), g.at(j - 2)
    against = before is not None and before.kind == "kw" and (before.key == "VS" or before.text in ("or", "o"))
    if it.key != "NOT" or not against \
            or flag is None or flag.kind != "col" or not (flag.col.binary or yes_no_of_text(flag.col)):
        return None  # 'corporate vs non corporate' over is_corporate = 'Y'/'N' too
    c = flag.col
    if c in g.r.bare:
        g.r.bare.remove(c)
    g.r.filters = [f for f in g.r.filters if f.column is not c]
    if not any(gr.column is c for gr in g.r.groups):
        g.r.groups.append(Group(c))
    if "VS" in g.r.keys:
        g.r.keys.remove("VS")  # its two values side by side, not a scatter
    g.r.understood.append(f"by {c.name}")
    nxt = g.at(j + 1)
    if nxt is not None and nxt.kind == "col" and nxt.col is c:
        nxt.used = True  # 'curtailed vs not curtailed'
        return j + 2
    return j + 1


def negation_word(g: GrammarPass, j: int) -> int | None:
    """'not', 'no', 'sin': negates the value, comparison or column that comes next."""
    if g.items[j].key != "NOT":
        return None
    g.negate = True
    return j + 1


def missing_word(g: GrammarPass, j: int) -> int | None:
    """'missing age', 'age is missing', 'sin edad', 'with any missing values'."""
    if g.items[j].key != "NULL":
        return None
    null_mention(g, j, g.take_negation())
    return j + 1


def negating_prefix(g: GrammarPass, j: int) -> int | None:
    """'uninsured', 'inactive', 'impagados': a yes/no column's name behind a negating prefix is 'not' and
    the column (passed on, for `negated_flag`). Read as a near spelling it was the column itself, the
    opposite of what was asked; beside a column that is not yes/no ('unemployment' for 'employment')
    the word is not understood."""
    it = g.items[j]
    if not (it.fuzzy and negates_name(it.text, it.col.name)):
        return None
    if not it.col.binary:
        g.r.problems.append(f"'{it.text}' (the opposite of '{it.col.name}'?)")
        it.used = True
        return j + 1
    it.fuzzy = False  # not a misspelling of the column: no "read as" note
    g.negate = True
    return None


def negated_name_word(g: GrammarPass, j: int) -> int | None:
    """'impagados', 'nonactive': an unknown word that is a negating prefix and a column's name, too far
    from the name to read as a near spelling. Left to the row-noun rules it would have been what a row
    describes, and the condition lost ('number of impagados por plan' counted every row). A yes/no column
    becomes its 0 value (or the share of it, after a share word); any other column is not understood."""
    it = g.items[j]
    named = [c for c in g.index.all_columns(g.table) if negates_name(it.text, c.name)]
    if len(named) != 1:
        return None
    c = named[0]
    if not c.binary:
        g.r.problems.append(f"'{it.text}' (the opposite of '{c.name}'?)")
        it.used = True
        return j + 1
    it.kind, it.col, it.fuzzy = "col", c, False
    g.negate = True
    return share_of_negated_flag(g, j) or negated_flag(g, j) or _unplaced_negation(g, j)


def _unplaced_negation(g: GrammarPass, j: int) -> int:
    """A negated yes/no word where no condition can stand (it is part of a comparison or an order)."""
    g.r.problems.append(f"'{g.items[j].text}' here")
    g.negate = False
    g.items[j].used = True
    return j + 1


def negated_flag(g: GrammarPass, j: int) -> int | None:
    """'not survived', 'no aprobado': a negated 0/1 column is its 0 value; a negated yes/no text column
    ('hoteles sin piscina' over tiene_piscina = 'sí'/'no') its no (the 'not' went on to the next value:
    'hoteles sin piscina en Francia' listed the hotels outside France)."""
    c = g.items[j].col
    yes_no = yes_no_of_text(c)
    if not (g.negate and (c.binary or yes_no) and g.mode is None):
        return None
    value = yes_no[1] if yes_no else 0
    g.add_filter(Filter(c, "=", value))
    g.r.understood.append(f"{c.name} = {value!r}" if yes_no else f"{c.name} = 0")
    g.negate = False
    g.items[j].used = True
    return j + 1


def flag_of_the_rows(g: GrammarPass, j: int) -> int | None:
    """'average salary by department for remote employees', 'histogram of salary for remote': a yes/no column
    right before the rows' noun, or after a plain 'for' / 'para' with something named before it, says which
    rows, as 'approved loans' does in a question: a filter, never a group or a chart's split (they were grouped
    by remote as well, and the histogram was a box per remote value)."""
    it, nxt, prev = g.items[j], g.at(j + 1), g.at(j - 1)
    c = it.col
    yes_no = None if c.binary else yes_no_of_text(c)
    if not (c.binary or yes_no) or g.mode == "color" or g.pending:  # 'percentage of remote employees': the share's
        return None
    before_noun = nxt is not None and (nxt.kind == "table" or nxt.kind == "unknown" and is_row_noun(nxt.text))
    after_for = j > 0 and norm(g.word_at(it.start - 1)) in ("for", "para") and (g.r.groups or g.r.bare or g.r.measures)
    # Spanish puts it after the noun: 'donaciones aptas' over apto kept as 'S'/'N' (it coloured a chart by apto)
    after_noun = yes_no is not None and prev is not None and prev.kind == "table" and prev.start + len(prev.text.split()) == it.start
    # 'number of milkings with a kick-off per robot' (a chart coloured the bars by kick_off): the rows' noun,
    # 'with (a)' and the flag say which rows, as 'milkings that had a kick-off' does
    before = g.at(j - 2)
    after_with = prev is not None and prev.kind == "kw" and norm(prev.text) in WITH_A_FLAG \
        and before is not None and before.kind == "table"
    if not (before_noun or after_for or after_noun or after_with):
        return None
    negated = g.take_negation()
    value = (yes_no[1] if negated else yes_no[0]) if yes_no else (0 if negated else 1)
    g.add_filter(Filter(c, "=", value))
    g.r.understood.append(f"{c.name} = {value!r}" if yes_no else f"{c.name} = {value}")
    g.mode = None
    it.used = True
    return j + 1


def negated_column(g: GrammarPass, j: int) -> int | None:
    """'with no age', 'sin edad': a negated column with nothing compared after it is missing. A number
    column that holds 0 ('products with no stock', 'passengers without fare') may mean its 0 as well:
    asked, offering 'stock = 0' (read as missing it answered 0 rows where some had none in stock); with a
    word that says it was written down after it ('no varroa count recorded'; columns.json recorded_words)
    it is missing."""
    it = g.items[j]
    c, nxt = it.col, g.at(j + 1)
    recorded = load("columns")["recorded_words"]
    said_after = norm(g.word_at(it.start + len(it.text.split())))
    written = said_after in recorded  # 'no varroa count recorded', 'sin técnico asignado': missing, not 0
    if written and nxt is not None and nxt.kind in ("unknown", "col") and norm(nxt.text) == said_after:
        # 'no tienen la edad registrada' beside fechaRegistro: the participle says the age was written down
        nxt.used, nxt.kind = True, "stop"
        nxt = g.at(j + 2)
    if not (g.negate and g.mode is None and not g.pending and (
            nxt is None or nxt.kind in ("kw", "table", "stop") and nxt.key not in CMP_KEYS)):
        return None
    if not written and c.numeric and c.min is not None and c.max is not None and c.min <= 0 <= c.max:
        word = g.items[j].text
        g.r.problems.append(f"'{word}': {c.name} = 0, or {c.name} missing")
        neg = next((it.text for it in reversed(g.items[max(0, j - 2):j]) if it.kind == "kw" and it.key == "NOT"),
                   None)
        if neg is not None:
            with_word = load("columns")["with_for_without"].get(neg.lower())
            g.r.rewordings.append((f"{neg} {word}", f"{with_word} {word} = 0" if with_word else f"{word} = 0"))
        g.negate = False
        g.items[j].used = True
        return j + 1
    g.add_filter(Filter(c, "is null"))
    g.r.understood.append(f"{c.name} is missing")
    g.negate = False
    g.items[j].used = True
    return j + 1


def with_a_measure(g: GrammarPass, j: int) -> int | None:
    """'how many trips with tips', 'days with precipitation', 'exports with a profit': the rows that have some
    of a number column, above 0 where it holds 0 or less, present where it never does. Read as the column
    alone it drew the histogram of tips, or listed the tips column."""
    c, nxt = g.items[j].col, g.at(j + 1)
    k = j - 1
    while g.is_kind(k, "stop") and g.items[k].text in ("a", "an"):
        k -= 1
    # 'with a' is also the start of 'with a bar chart' (MAKE_IT): before a column it is 'with'
    said_with = g.is_kw(k, "WITH") or g.is_kw(k, "MAKE_IT") and g.items[k].text.split()[0] in ("with", "con")
    noun = g.at(k - 1)  # the rows that have it: 'trips with', 'days with' ('price with rating' pairs two columns)
    rows_noun = noun is not None and (noun.kind == "table" or noun.kind == "unknown" and noun.used
                                      or noun.kind == "col" and noun.col.temporal)
    if not (said_with and rows_noun and c.numeric and not c.binary and not c.label and g.mode is None and not g.pending
            and not g.negate and not g.r.has("PREDICT") and _ends_a_condition(nxt)):
        return None
    if c.min is not None and c.max is not None and c.min <= 0 < c.max:
        g.add_filter(Filter(c, ">", 0))
        g.r.understood.append(f"{c.name} > 0")
    else:
        g.add_filter(Filter(c, "is not null"))
        g.r.understood.append(f"{c.name} is present")
    g.items[j].used = True
    return j + 1


def _ends_a_condition(nxt: Item | None) -> bool:
    """Nothing that says more about the column follows ('with pclass 3', 'con edad faltante', 'with tip over
    3' compare it): the end, a grouping, an order, another condition or a date."""
    return nxt is None or nxt.kind in ("year", "month", "table") or nxt.kind == "kw" and nxt.key in (
        "BY", "AND", "WHERE", "SORT", "ASC", "DESC", "WITH")
