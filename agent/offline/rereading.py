"""Passes over a request's resolved items, then the whole reading of a request's words into items.

`tokens.py` turns the text into items and each schema mention into one column, value or table; the
passes here reread those items in context, each a named rule with its fixtures: table mentions that only
choose the table, the row's own number ('average order value'), a chart's word used as a noun, a total of
what was done, a currency without a number, the volume of the rows, 'tiempo de', nouns that only restate a
column, words for a 0/1 column's no, a comparison said after its number. `request_items` runs them in order.
"""

from __future__ import annotations

from dsagent.offline.linker import SchemaIndex
from dsagent.offline.tokens import Item, annotate, choose_table, choose_with_lookups, resolve
from dsagent.words.data import word_set
from dsagent.words.names import is_currency_word, is_time_span
from dsagent.words.synonyms import opposites
from dsagent.words.text import name_words, norm

_FROM_WORDS = {"in", "from", "en", "desde"}  # not "of"/"de": "number of orders" counts the rows


def drop_table_mentions(items: list) -> list:
    """'... in loans', 'from the loans table', 'en la tabla loans': the words only choose the table
    (choose_table already did), so they are taken out of the request's grammar."""
    for j, it in enumerate(items):
        if it.kind != "table":
            continue
        k = j - 1
        while k >= 0 and items[k].kind == "stop" and items[k].text in word_set("language", "definite_articles") | {"table", "tabla"}:
            k -= 1
        if k < 0 or items[k].text not in _FROM_WORDS:
            continue
        for m in range(k, j + 1):
            items[m].kind = "stop"
        if j + 1 < len(items) and items[j + 1].text in ("table", "tabla"):
            items[j + 1].kind = "stop"
    return items


QUALIFIER_NOUNS = word_set("columns", "qualifier_nouns")  # 'profit amount', 'energy output': only the column


def value_of_the_row(items: list, index: SchemaIndex, table: str) -> list:
    """Rule `value_of_the_row`: 'average order value' over orders with order_total and a tip_amount: the
    rows' noun before a word that only says 'a number' (value, total, amount, size: names.json generic_heads)
    is the one number column named for the row (`SchemaIndex.row_measure`); 'value' had read the only
    'amount', the tip."""
    own = index.row_measure(table)
    heads = word_set("names", "generic_heads")
    if own is None or name_words(own.name)[-1] not in heads:  # hire_days is no 'hire value'
        return items
    for j, it in enumerate(items[:-1]):
        nxt = items[j + 1]
        if it.kind == "table" and nxt.kind == "col" and norm(nxt.text) in heads and nxt.col is not own \
                and it.start + len(it.text.split()) == nxt.start:
            it.kind, nxt.col = "stop", own
    return items


def chart_word_as_a_noun(items: list, index: SchemaIndex, table: str) -> list:
    """Rule `chart_word_as_a_noun`: a chart's word used as a noun of the data. Right after a count ('cuántas
    líneas vendió Carmen', 'how many lines') it is the rows counted; 'bins' over a table with a column of
    bins (bin_code: "kg per bin code, only the plastic bins") are those bins, unless a number says how
    many ('20 bins'). Both drew a chart: a line of the count, a histogram."""
    bin_column = any("bin" in name_words(c.name) for c in index.all_columns(table))
    for j, it in enumerate(items):
        if it.kind != "kw" or it.key not in ("CHART_LINE", "CHART_HIST") or not norm(it.text).endswith("s"):
            continue
        before = items[j - 1] if j else None
        if before is not None and before.kind == "kw" and before.key == "COUNT":
            it.key = "ROWS"
        elif it.key == "CHART_HIST" and bin_column and not (before is not None and before.kind == "num"):
            it.kind = "stop"
    return items


def total_of_what_was_done(items: list) -> list:
    """Rule `total_of_what_was_done`: 'kg collected per bin code', 'unidades vendidas por familia': a number
    column followed by a verb of things gathered, moved or made (measures.json total_verbs) is its total, as
    'ventas totales' is; the weight had been averaged. Not after an aggregate said before the column ('avg
    kg collected') or after it ('peso medio entregado': the verb only says of what), never of an id or a code."""
    verbs = word_set("measures", "total_verbs")
    for j, it in enumerate(items[1:], 1):
        col, before = items[j - 1], items[j - 2] if j >= 2 else None
        if it.kind in ("stop", "unknown") and norm(it.text) in verbs and col.kind == "kw" and before is not None \
                and before.kind == "col" and before.col is not None and before.col.numeric:
            it.kind = "stop"  # 'peso medio entregado': the aggregate was said; the verb only says of what
            continue
        if it.kind not in ("stop", "unknown") or norm(it.text) not in verbs or col.kind != "col" or col.col is None \
                or not col.col.numeric or col.col.label or before is not None and before.kind == "kw":
            continue
        it.kind, it.key = "kw", "SUM"
    return items


_AVERAGING_KEYS = ("SUM", "AVG", "MEDIAN", "MIN", "MAX")
_UNIT_PRICE_WORDS = {"unit", "unitario", "unitaria"}


def currency_of_the_money(items: list, index: SchemaIndex, table: str) -> list:
    """Rule `currency_of_the_money`: a currency named without a number ('en €', 'in dollars', '(EUR)').
    After a money column or its aggregate ('importe medio en euros') it is that column's unit, and says
    nothing more; it was a word of two money columns, and the request was declined. After the rows' noun
    ('ventas en € por vendedor') it asks the total money of the rows: the table's one money column that is
    no unit price. The € had been dropped and the rows counted."""
    money = index.money_columns(table)
    amounts = [c for c in money if not set(name_words(c.name)) & _UNIT_PRICE_WORDS]
    for j, it in enumerate(items):
        if it.kind not in ("unknown", "col", "stop") or not is_currency_word(norm(it.text)):
            continue
        k = j - 1
        while k >= 0 and items[k].kind == "stop" and items[k].text in ("en", "in", "de", "of"):
            k -= 1
        prev = items[k] if k >= 0 else None
        before = items[k - 1] if k >= 1 else None
        if prev is None:
            continue
        if prev.kind == "col" and prev.col in money or prev.kind == "kw" and prev.key in _AVERAGING_KEYS \
                and before is not None and before.kind == "col" and before.col in money:
            it.kind = "stop"  # 'importe medio en euros': the unit of what was named
        elif prev.kind == "table" and len(amounts) == 1 and (before is None or before.kind != "kw"):
            prev.kind, prev.key = "kw", "SUM"  # 'ventas en €': the total of the rows' money
            items[j] = Item("col", it.text, it.start, col=amounts[0])
    return items


_VOLUME_WORDS = {"volume", "volumes", "volumen", "volumenes"}


def volume_of_the_rows(items: list, index: SchemaIndex, table: str) -> list:
    """Rule `volume_of_the_rows`: 'call volume by queue', 'volumen de incidencias por categoría': the volume of
    the rows' noun is how many there are (a column named volume, read before this, stays that column). Not
    over rows with a number named for them: 'total sales volume' of house sales is their sale_price."""
    if index.row_measure(table) is not None:
        return items
    for j, it in enumerate(items):
        if it.kind != "unknown" or norm(it.text) not in _VOLUME_WORDS:
            continue
        before = items[j - 1] if j else None
        after = [x for x in items[j + 1:j + 3] if x.kind != "stop" or x.text not in ("of", "de", "del")]
        if before is not None and before.kind == "table" or after and after[0].kind == "table":
            it.kind, it.key = "kw", "COUNT"
    return items


def time_of_a_span(items: list) -> list:
    """Rule `time_of_a_span`: 'tiempo medio de resolución', 'tiempo de espera': Spanish 'tiempo de' before a
    column that is a length of time (horas_resolucion) says what it is ('tiempo' was not understood). In
    English 'waiting time' is not read so: beside 'Running Time' it answered a chart wrongly."""
    for j, it in enumerate(items):
        if it.kind != "unknown" or norm(it.text) not in ("tiempo", "tiempos"):
            continue
        after = [x for x in items[j + 1:j + 4] if not (x.kind == "kw" and x.key in ("AVG", "MEDIAN", "SUM", "MAX", "MIN"))]
        if len(after) >= 2 and after[0].kind == "stop" and after[0].text in ("de", "del") and after[1].kind == "col" \
                and is_time_span(after[1].col.name):
            it.kind = "stop"
    return items


def qualifier_nouns(items: list) -> list:
    """Mark QUALIFIER_NOUNS right after a column, or before 'of' + a column, as words without meaning."""
    for j, it in enumerate(items):
        # 'no time-inside figure recorded': after a column, 'figure' is its value, not a chart
        chart_word = it.kind == "kw" and it.key == "CHART" and it.text in ("figure", "figures")
        if not chart_word and (it.kind != "unknown" or it.text not in QUALIFIER_NOUNS or it.value):
            continue
        prev = items[j - 1] if j else None
        after = items[j + 1:j + 3]
        follows_col = prev is not None and prev.kind == "col" and prev.start + len(prev.text.split()) == it.start
        before_col = len(after) == 2 and after[0].text in ("of", "de", "del") and after[1].kind == "col"
        if follows_col or before_col and not chart_word:
            it.kind = "stop"
    return items


def binary_forms(items: list[Item], index: SchemaIndex, table: str) -> list[Item]:
    """'survivors' / 'died' / 'rejected': a 0/1 column named by a word for its yes or no."""
    out = []
    cols = {c.name: c for c in index.all_columns(table) if c.binary}
    for it in items:
        if it.kind == "unknown":
            for forms, value in ((opposites(), 0),):
                for colword, words in forms.items():
                    if it.text in words:
                        hit = [c for name, c in cols.items() if norm(name) == colword]
                        if hit:
                            it = Item("val", it.text, it.start, col=hit[0], value=value)
        out.append(it)
    return out


def _near_in(it: Item, index: SchemaIndex, table: str) -> Item:
    """A word read as a near spelling (or not read), looked up again among `table`'s columns only."""
    if not (it.kind == "unknown" or it.kind == "schema" and it.fuzzy and it.aliases
            and all(a.kind == "column" for a in it.aliases)) or " " in it.text:
        return it
    close = index.fuzzy_column(it.text, [table])
    if close:
        return Item("schema", it.text, it.start, aliases=close, fuzzy=True)
    return Item("unknown", it.text, it.start) if it.kind == "schema" and all(
        a.table != table for a in it.aliases) else it


def request_items(question: str, index: SchemaIndex, default_table: str, table: str | None = None):
    """(table, resolved items, table was ambiguous) of a request; `table` forces the table."""
    items = annotate(question, index)
    ambiguous = False
    if table is None:
        # near spellings do not choose the table: the words spelled right say which table the request
        # is about, and a typo is then read among that table's columns only
        sure = [it for it in items if not it.fuzzy]
        table, ambiguous = choose_table(sure if any(it.kind == "schema" for it in sure) else items, index,
                                        default_table)
        table = choose_with_lookups(items, index, table)
    if len(index.columns) > 1:
        items = [_near_in(it, index, table) for it in items]
    items = resolve(items, index, table)
    items = value_of_the_row(binary_forms(items, index, table), index, table)
    items = qualifier_nouns(time_of_a_span(volume_of_the_rows(items, index, table)))
    items = total_of_what_was_done(chart_word_as_a_noun(currency_of_the_money(items, index, table), index, table))
    return table, drop_table_mentions(number_or_more(items)), ambiguous


def number_or_more(items: list) -> list:
    """Rule `number_or_more`: 'scores of 90 or above', 'puntuación de 3 o menos': the comparison said after its
    number is read as if said before it ('at least 90'); it was a comparison with no number after it."""
    out = list(items)
    said_after = word_set("language", "comparisons_after_the_number")

    def after(k: int) -> bool:
        return k < len(out) and out[k].kind == "kw" and out[k].key in ("GE", "LE") and out[k].text in said_after

    for j in range(len(out) - 1):
        if out[j].kind != "num":
            continue
        if after(j + 1):
            out[j], out[j + 1] = out[j + 1], out[j]
        elif after(j + 2) and out[j + 1].kind in ("col", "unknown", "kw"):  # '3 days or fewer': its unit between
            out[j], out[j + 1], out[j + 2] = out[j + 2], out[j], out[j + 1]
    return out


