"""Order and limits: 'sorted by', 'descending', 'top 5', 'the first 10 rows', 'the 3 regions with the most ...'."""

from __future__ import annotations

from dsagent.offline.grammar.layout import AXIS_POSITIONS
from dsagent.offline.grammar.measures import ES_EXTREMES, count_of_entity
from dsagent.offline.grammar.state import GrammarPass
from dsagent.words.data import load as load_words, word_set
from dsagent.words.names import names_people
from dsagent.words.text import is_row_noun, name_words, norm
from dsagent.offline.plan import Measure
from dsagent.offline.tokens import Item


def _generating(g: GrammarPass) -> bool:
    """A request for synthetic rows: its number is how many rows to make, not a limit."""
    return g.r.has("GENERATE", "SYNTH")


def sort_word(g: GrammarPass, j: int) -> int | None:
    """'sort by', 'ordered by', 'ordena por': the column next is the order."""
    if g.items[j].key != "SORT":
        return None
    g.mode = "sort"
    g.r.sort_word = g.r.sort_word or g.items[j].text
    return j + 1


def ordered_by(g: GrammarPass, j: int) -> int | None:
    """'list them from low to high by the names', 'ordénalos de mayor a menor por ingreso', 'sort passengers
    by fare': a 'by' right after a direction or sort word, or after the rows' noun that a sort word leads,
    orders by the column next; an ordering phrase never groups or splits."""
    if g.items[j].key != "BY" or not (g.is_kw(j - 1, "ASC", "DESC", "SORT")
                                      or g.mode == "sort" and g.is_kind(j - 1, "table") and g.is_kw(j - 2, "SORT")):
        return None
    g.mode = "sort"
    return j + 1


def alphabetical_order(g: GrammarPass, j: int) -> int | None:
    """'alphabetically', 'in alphabetical order', 'de la a a la z': the labels in order, A first (it was
    read as 'ascending' and ordered by the values)."""
    if g.items[j].key != "ALPHA":
        return None
    g.r.by_label, g.r.descending = True, g.items[j].param == "desc"  # 'from Z to A'
    return j + 1


AXIS_LETTERS = ("x", "y")  # 'rank in desc by the X', 'order by Y'
_CHART_WORDS = load_words("charts")
LABEL_WORDS = frozenset(_CHART_WORDS["label_words"])
ORDER_VERBS = frozenset(_CHART_WORDS["order_verbs"])


def ordering_context(g: GrammarPass, j: int) -> bool:
    """Item j is in an ordering phrase: after a sort word or an ordering 'by', or beside a direction."""
    return g.mode == "sort" or g.is_kw(j - 1, "ASC", "DESC", "SORT") or g.is_kw(j + 1, "ASC", "DESC", "ALPHA")


def _axis_phrase(it: Item | None) -> bool:
    """An axis named as a thing ('the y-axis'), not a place for a column ('X on the x axis')."""
    return it is not None and it.kind == "kw" and it.key in ("XAXIS", "YAXIS") \
        and it.text.split()[0] not in AXIS_POSITIONS


def sort_by_axis(g: GrammarPass, j: int) -> int | None:
    """Rule sort_by_axis: 'sort by the y-axis from high to low', 'display y axis in descending order': in an
    ordering phrase an axis says what the bars are ordered by, their heights or their labels; it was 'y
    axis without a column', declined. Marks the axis in the roles (offline/chart.py orders by it)."""
    it = g.items[j]
    if not (_axis_phrase(it) and ordering_context(g, j)):
        return None
    g.r.sort_axis = it.key[0].lower()
    return j + 1


def sort_by_axis_word(g: GrammarPass, j: int) -> int | None:
    """Rule sort_by_axis_word: 'rank in desc by the X', 'list the names from high to low' (no column of
    that name), 'order x-axis in descending order': a letter of an axis, or a word for the bars' labels, in
    an ordering phrase is that axis (sort_by_axis); a verb of ordering before an axis opens the phrase.
    They were unknown words, declined."""
    it, nxt, word = g.items[j], g.at(j + 1), norm(g.items[j].text)
    if word in ORDER_VERBS and _axis_phrase(nxt):
        g.mode = "sort"
        it.used = True
        return j + 1
    axis = word if word in AXIS_LETTERS else "x" if word in LABEL_WORDS else None
    if axis is None or not ordering_context(g, j):
        return None
    g.r.sort_axis = axis
    it.used = True
    return j + 1


def direction_word(g: GrammarPass, j: int) -> int | None:
    """'descending', 'from highest to lowest', 'de menor a mayor'."""
    key = g.items[j].key
    if key not in ("DESC", "ASC"):
        return None
    g.r.descending = key == "DESC"
    return j + 1


def first_n(g: GrammarPass, j: int) -> int | None:
    """'the first 5 rows': a limit, not an order."""
    it, nxt = g.items[j], g.at(j + 1)
    if it.key == "FIRST" and nxt is not None and nxt.kind == "num" and isinstance(nxt.value, int):
        g.r.limit = nxt.value
        nxt.used = True
        return j + 2
    return None


def first_by_date(g: GrammarPass, j: int) -> int | None:
    """'the first 5 matches', 'los primeros 5 partidos' over a table with a date: the earliest by that date,
    or the first as the rows are stored? It answered the stored order (LIMIT 5), which is not the earliest
    unless the file is sorted. Asked, offering 'the earliest 5 matches'; 'the first 5 rows' (or records,
    filas) is the stored order."""
    it, nxt, after = g.items[j], g.at(j + 1), g.at(j + 2)
    if not (it.key == "FIRST" and nxt is not None and nxt.kind == "num" and isinstance(nxt.value, int)
            and g.time_cols and after is not None and not g.is_kw(j + 2, "ROWS")):
        return None
    g.r.problems.append(f"'{it.text} {nxt.text}' (the earliest by {g.time_cols[0].name}, or as the rows are stored?)")
    said = norm(it.text)
    if said in ("first", "the first"):  # the Spanish order ('los 5 partidos más antiguos') is not a word swap
        g.r.rewordings.append((it.text, "the earliest" if said == "the first" else "earliest"))
    nxt.used = True
    return j + 2


def first_without_order(g: GrammarPass, j: int) -> int | None:
    """'the first phone number of each customer': 'first' of what order? ('the first rows' is fine)."""
    it, nxt = g.items[j], g.at(j + 1)
    if it.key == "FIRST" and not (nxt is not None and (nxt.kind == "table" or g.is_kw(j + 1, "ROWS"))):
        g.r.problems.append(f"'{it.text}' (the first of what order?)")
        return j + 1
    return None


def top_bottom(g: GrammarPass, j: int) -> int | None:
    """'top 5', 'bottom 3', 'the best': the largest (smallest) first, as many as the number says."""
    key, nxt = g.items[j].key, g.at(j + 1)
    if key not in ("TOP", "BOTTOM"):
        return None
    r = g.r
    if nxt is not None and nxt.kind == "num" and isinstance(nxt.value, int):
        r.limit = nxt.value
        nxt.used = True
        j += 1
    r.superlative = "max" if key == "TOP" else "min"
    if r.descending is None:
        r.descending = key == "TOP"
    return j + 1


def sorted_column(g: GrammarPass, j: int) -> int | None:
    """'sorted by fare': the column after a sort word is the order."""
    if g.mode != "sort":
        return None
    g.r.order_column = g.items[j].col
    g.items[j].used = True
    g.mode = None
    return j + 1


def column_then_direction(g: GrammarPass, j: int) -> int | None:
    """Rule column_then_direction: '..., and list studio in descending order', 'crew size ascending': a column
    the request already groups or measures, named again right before a direction, is the order (it was a
    second grouping by the same column, or declined), never another role."""
    it = g.items[j]
    if not g.is_kw(j + 1, "ASC", "DESC"):
        return None
    named = any(gr.column is it.col for gr in g.r.groups) or any(m.column is it.col for m in g.r.measures)
    if not named:
        return None
    g.r.order_column = it.col
    it.used = True
    if g.mode == "by":
        g.mode = None
    return j + 1


def superlative_before_number(g: GrammarPass, j: int) -> int | None:
    """'the shortest 3 flights by distance', 'the highest 5 salaries': a superlative right before a whole
    number of rows (or of a column's values) says what 'the 3 shortest flights' says, so the two trade places
    and the number is read first (else the number became a limit of a count by the column after 'by')."""
    it, num, after = g.items[j], g.at(j + 1), g.at(j + 2)
    if not (it.key in ("MAX", "MIN") and num is not None and num.kind == "num" and isinstance(num.value, int)
            and after is not None and (after.kind in ("table", "col") or g.is_kw(j + 2, "ROWS")
                                       or after.kind == "unknown" and is_row_noun(after.text))):
        return None
    g.items[j], g.items[j + 1] = num, it
    return j  # read again from the number


def n_rows(g: GrammarPass, j: int) -> int | None:
    """'10 passengers', '5 rows', 'the 3 female teachers', 'the 3 women with the highest fare': a whole number
    before the table's noun (values of the data between them are its filters) is a limit."""
    it, k = g.items[j], j + 1
    while g.is_kind(k, "val"):
        k += 1
    nxt = g.at(k)
    # "the 3 women with the highest fare": values alone, then 'with the highest', name the rows too
    values_as_rows = k > j + 1 and g.is_kw(k, "WITH") and g.is_kw(k + 1, "MAX", "MIN")
    if nxt is not None and (nxt.kind == "table" or g.is_kw(k, "ROWS") or nxt.kind == "unknown"
                            and is_row_noun(nxt.text) or values_as_rows) and isinstance(it.value, int) \
            and not _generating(g):
        g.r.limit = it.value
        return j + 1
    return None


def n_extremes(g: GrammarPass, j: int) -> int | None:
    """'the 10 youngest survivors', 'the 3 oldest ships': a number before a superlative that names its column
    (or, for an age, the date a row's age is counted from: rule oldest_rows) is a limit."""
    it, nxt = g.items[j], g.at(j + 1)
    if nxt is not None and nxt.kind == "kw" and nxt.key in ("MAX", "MIN") and nxt.param and isinstance(it.value, int) \
            and (g.column_by_word(nxt.param) is not None  # else a plain superlative ('longest' of two lengths)
                 or nxt.param in ("age", "date") and g.time_col() is not None):
        g.r.limit = it.value
        return j + 1
    return None


def _ranked_by_what(g: GrammarPass, j: int) -> int:
    """'the 5 largest exports' over a table with several number columns (or none named for its rows):
    asked, naming the candidates and offering the first ('the 5 largest exports by weight')."""
    word, noun = g.items[j + 1], g.items[j + 2]
    numbers = [c.name for c in g.index.all_columns(g.table) if c.continuous and not c.label]
    if not numbers:
        g.r.problems.append(f"'{word.text} {noun.text}' (no number column to rank them by)")
    else:
        g.r.problems.append(f"'{word.text} {noun.text}' by which number ({', '.join(numbers[:5])})?")
        g.r.rewordings.append((f"{word.text} {noun.text}", f"{word.text} {noun.text} by {numbers[0]}"))
    for k in (j, j + 1, j + 2):
        g.items[k].used = True
    return j + 3


def n_largest(g: GrammarPass, j: int) -> int | None:
    """'the 5 highest salaries', 'los 3 mayores ingresos', 'los 5 salarios más altos': a number, a
    superlative, then a number column (in Spanish also the column, then the superlative): the N rows with
    the largest (smallest) values of it, never one maximum. The table's noun instead of the
    column ranks by the column after 'by', or by the one number column named for the row ('the 5 largest
    loans': loan_amount; `SchemaIndex.row_measure`)."""
    it, nxt, col = g.items[j], g.at(j + 1), g.at(j + 2)
    noun, last = col, g.at(j + 4)
    if nxt is not None and nxt.kind == "kw" and nxt.key in ("MAX", "MIN") and isinstance(it.value, int) \
            and noun is not None and (noun.kind == "table" or g.is_kw(j + 2, "ROWS")) and not g.r.measures:
        if g.is_kw(j + 3, "BY") and last is not None and last.kind == "col" and last.col.numeric:
            ranked, taken = last.col, (j + 1, j + 2, j + 3, j + 4)  # "the 3 largest ships by tonnage"
        elif noun.kind == "table" and not g.is_kw(j + 3, "BY") and g.index.row_measure(g.table) is not None:
            ranked, taken = g.index.row_measure(g.table), (j + 1, j + 2)  # "the 5 largest loans": loan_amount
        else:
            ranked = None
            if noun.kind == "table" and not g.is_kw(j + 3, "BY") and not nxt.param:
                return _ranked_by_what(g, j)  # "the 5 largest exports": which number makes one large?
        if ranked is not None:  # the rows, ordered by the column
            g.r.limit = it.value
            g.r.entity = g.r.entity_first = True
            agg = "max" if nxt.key == "MAX" else "min"
            g.r.measures.append(Measure(agg, ranked))
            g.r.superlative = agg
            g.r.understood.append(f"the {it.value} rows with the {'largest' if agg == 'max' else 'smallest'} "
                                  f"{ranked.name}")
            for k in taken:
                g.items[k].used = True
            return taken[-1] + 1
    if nxt is not None and nxt.kind == "col" and nxt.col.numeric and col is not None and col.kind == "kw" \
            and col.key in ("MAX", "MIN") and norm(col.text) in ES_EXTREMES and isinstance(it.value, int) \
            and not g.r.measures and not g.pending:
        # 'los 5 salarios más altos': the extreme after its column (aggregate_after_column reads the pair)
        g.r.limit = it.value
        g.r.entity = g.r.entity_first = True
        return j + 1
    if not (nxt is not None and nxt.kind == "kw" and nxt.key in ("MAX", "MIN") and isinstance(it.value, int)
            and col is not None and col.kind == "col" and col.col.numeric and not g.r.measures and not g.pending):
        return None
    g.r.limit = it.value
    g.r.entity = g.r.entity_first = True  # read as "the N rows with the highest X"
    return j + 1


def row_word(g: GrammarPass, j: int) -> int | None:
    """'the 5 rows with the largest salary', 'the records with the lowest fare': 'rows' is the table's noun
    (passed on), so a superlative after it picks rows, never one maximum."""
    if g.items[j].key != "ROWS":
        return None
    g.r.entity = True
    if not g.r.measures and not g.pending:
        g.r.entity_first = True
    # 'number of rows where return date is missing': the rows are counted, not the column after them (it
    # counted the distinct return dates of the rows without one: 0)
    return count_of_entity(g, j)


def n_groups(g: GrammarPass, j: int) -> int | None:
    """'the 3 regions with the highest revenue': a number before a category (not one of its values) is a limit."""
    it, nxt = g.items[j], g.at(j + 1)
    if nxt is not None and nxt.kind == "col" and nxt.col.discrete and isinstance(it.value, int) \
            and it.value not in (nxt.col.values or []) and not _generating(g):
        g.r.limit = it.value
        return j + 1
    return None


def who_is_the_doer(g: GrammarPass) -> None:
    """At the end: 'who did the most inspections', '¿quién ha hecho más revisiones?': 'who' with a superlative
    and nothing else to rank is the table's one column of people by their work (inspector, tecnico,
    sales_rep; names.json role_words), ranked as 'which inspector ...' is. With none or several, or beside a
    column of other people (student_id), it stays unplaced."""
    r = g.r
    first = norm(g.word_at(0)).lstrip("¿")
    if first not in ("who", "quien") or not r.superlative or r.groups or r.bare or r.color is not None:
        return
    roles = word_set("names", "role_words")
    doers = [c for c in g.index.all_columns(g.table) if c.kind == "text"
             and set(name_words(c.name)) & roles]
    others = [c for c in g.index.all_columns(g.table) if c not in doers and names_people(c.name)]
    if len(doers) == 1 and not others:  # 'who had the most sessions' beside student_id: the tutor or the student?
        r.bare.append(doers[0])
        r.understood.append(f"who: {doers[0].name}")


def order_without_column(g: GrammarPass) -> None:
    """At the end: 'order by all columns', an order with nothing it could order by."""
    r = g.r
    if "SORT" in r.keys and r.order_column is None and r.descending is None and not r.measures \
            and not r.superlative and r.sort_axis is None:
        r.problems.append("what to order by")
