"""Tokens and items for the offline planner: a request becomes a list of typed items.

`annotate(question, index)` folds accents, splits words, then matches the longest word sequences
against the vocabulary (`offline_lexicon.PHRASES`) and the schema index (columns, tables, values).
Each item is one of: kw (a canonical keyword), schema (candidate aliases), num, year, month, ord,
quoted, stop, unknown. `resolve(items, index, table)` then keeps only the aliases of the chosen table;
`rereading.py` rereads the resolved items in context and `rereading.request_items` runs the whole reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dsagent.offline.lexicon import MONTHS, NUMBER_WORDS, PERIOD_UNITS, PHRASES, STOPWORDS
from dsagent.offline.columns import Column, yes_no_of_text
from dsagent.offline.linker import Alias, SchemaIndex
from dsagent.words.text import fold_accents, norm
from dsagent.words.data import word_set

_TOKEN = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}(?![\d.])|\d+(?:\.\d+)?(?:st|nd|rd|th|k|m|o|a|er)?%?|[a-z_][a-z0-9_]*|>=|<=|!=|<>|==|[<>=%&,]")
_NUM = re.compile(r"^(\d+(?:\.\d+)?)(k|m)?(%)?$")
_ORD = re.compile(r"^(\d)(st|nd|rd|th|o|a|er)$")
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "primera": 1, "primer": 1, "primero": 1,
                 "segunda": 2, "segundo": 2, "tercera": 3, "tercero": 3, "cuarta": 4}
_MAX_PHRASE = 6
_KW_MAX = max(len(p.split()) for p in PHRASES)


@dataclass
class Item:
    kind: str  # kw | schema | col | val | table | num | year | month | ord | quoted | stop | unknown
    text: str
    start: int  # token position
    key: str | None = None  # kw key
    param: str | None = None  # kw parameter (implied column word)
    aliases: list[Alias] = field(default_factory=list)
    col: Column | None = None
    value: Any = None
    fuzzy: bool = False
    used: bool = False


ISO_DAY = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")  # year first: 03/04/2024 is read two ways


def parse_day(token: str) -> str | None:
    """'2024-3-1' -> '2024-03-01'; None when it is no day of the calendar ('2024-02-30')."""
    m = ISO_DAY.match(token)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


_CONTRACTED = {"d": "would", "ll": "will", "m": "am", "re": "are", "ve": "have"}


_CURRENCY_SIGNS = {"€": "euros", "$": "dollars", "£": "pounds"}


def tokenize(question: str) -> tuple[list[str], list[str]]:
    """(tokens, quoted strings) of a request; accents folded, lower-case, contractions opened."""
    quoted = re.findall(r"'([^']+)'|\"([^\"]+)\"|“([^”]+)”", question)
    quoted_values = [next(q for q in group if q) for group in quoted]
    text = re.sub(r"'([^']+)'|\"([^\"]+)\"|“([^”]+)”", " __quoted__ ", question)
    # 'nº de siniestros', 'n° de pedidos', 'núm. de': número, not 'no' (folded, º reads as o and negated the count)
    text = re.sub(r"(?i)\b(?:n[º°]|n[uú]m\.?)(?=\s+de\b)", "numero", text)
    text = fold_accents(text).lower().replace("’", "'")
    text = re.sub(r"n't\b", " not", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"'(d|ll|m|re|ve)\b", lambda m: " " + _CONTRACTED[m.group(1)], text)  # "i'd like": i would
    # 'price (x) against units (y)': an axis in brackets after a column places it, as 'on x' does
    text = re.sub(r"\(\s*([xy])(?:[\s-]*(?:axis|eje))?\s*\)", r" on \1 ", text)
    text = re.sub(r"\b([a-z]+\d)\.(\d)\b", r"\1\2", text)  # 'pm2.5' as its column is named, pm25
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,000 -> 1000
    # a currency sign with no number beside it ('ventas en €') is its word; beside a number it says only
    # that the number is money, and goes with the other signs
    text = re.sub(r"(?<![\d\s])\s*([€$£])\s*(?![\s\d])|(?<!\d)(?<!\d )([€$£])(?! ?\d)",
                  lambda m: " " + _CURRENCY_SIGNS[m.group(1) or m.group(2)] + " ", text)
    text = re.sub(r"(?<=\d)\s*(?:k)\b", "k", text)
    # a column typed as it is written, 'meter_id', 'loan_amount': its words, as every alias of a name is
    text = re.sub(r"(?<=[^\W_])_+(?=[^\W_])", " ", text)
    tokens = _busiest_hour(_month_numbers_said(_TOKEN.findall(text)))
    return tokens, quoted_values


_MONTH_WORDS = {"month": "en", "months": "en", "mes": "es", "meses": "es"}
_MONTH_OF_THE_YEAR = {"en": ["month", "of", "the", "year"], "es": ["mes", "del", "ano"]}


def _month_numbers_said(tokens: list[str]) -> list[str]:
    """Rule `month_numbers_said`: 'batch count for each month of 2023, month number 1-12', 'avisos por mes en
    2024 (mes del 1 al 12)': a phrase that asks for the months as their numbers (dates.json month_numbers)
    goes, and the request's month is the month of the year, as if it had said so. The second 'month' was
    read as a period of its own, and the request declined."""
    phrases = sorted((p.split() for p in word_set("dates", "month_numbers")), key=len, reverse=True)
    for i in range(len(tokens)):
        found = next((ph for ph in phrases if tokens[i:i + len(ph)] == ph), None)
        if found is None:
            continue
        lang = "es" if found[0] in ("mes", "meses", "numero") else "en"
        rest = tokens[:i] + tokens[i + len(found):]
        at = next((k for k, t in enumerate(rest) if t in _MONTH_WORDS), None)
        if at is None:  # 'sales by month number': the phrase was the month
            return rest[:i] + _MONTH_OF_THE_YEAR[lang] + rest[i:]
        return rest[:at] + _MONTH_OF_THE_YEAR[_MONTH_WORDS[rest[at]]] + rest[at + 1:]
    return tokens


def _busiest_hour(tokens: list[str]) -> list[str]:
    """'busiest hour', 'most common hour for gate-ins': the hour of the day with the most rows, as 'busiest
    hour of the day' says (rule most_common_period); 'hour' alone is a unit ('in hours', 'an hour late')."""
    out = list(tokens)
    for i in range(len(out) - 1, 0, -1):
        if out[i] in ("hour", "hours") and out[i - 1] in word_set("dates", "mode_of_the_hour") \
                and out[i + 1:i + 4] != ["of", "the", "day"] and out[i + 1:i + 3] != ["of", "day"]:
            out[i:i + 1] = ["hour", "of", "the", "day"]
    return out


def _number(tok: str) -> float | int | None:
    m = _NUM.match(tok)
    if not m:
        return NUMBER_WORDS.get(tok) if tok in NUMBER_WORDS and tok not in ("uno", "una", "one") else None
    value = float(m.group(1))
    if m.group(2) == "k":
        value *= 1000
    elif m.group(2) == "m":
        value *= 1_000_000
    return int(value) if value == int(value) and "." not in m.group(1) else value


def annotate(question: str, index: SchemaIndex) -> list[Item]:
    """The request as items, longest match first; schema aliases are left unresolved."""
    tokens, quoted = tokenize(question)
    capitals = _written_in_capitals(question)
    items: list[Item] = []
    i, n = 0, len(tokens)
    q_iter = iter(quoted)
    while i < n:
        tok = tokens[i]
        if tok == "__quoted__":
            items.append(Item("quoted", next(q_iter, ""), i, value=None))
            i += 1
            continue
        split = _name_around_an_aggregate(tokens, i, index)
        if split:
            items.extend(split)
            i += 4
            continue
        # the readings of the words at i, in order of trust: initials of a column ("miles per gallon" for
        # MPG), the longest phrase or alias, two words of one column word, and last the token on its own
        best = _acronym(tokens, i, index) or _longest_match(tokens, i, index, items, capitals)
        if best is None and i + 1 < n and not _number(tok):
            best = _joined_column(tokens, i, index)
        if best is not None:
            items.append(best)
            i += len(best.text.split())
            continue
        items.append(_single_token(tok, tokens, i, index))
        i += 1
    return items


def _name_around_an_aggregate(tokens: list[str], i: int, index: SchemaIndex) -> list[Item]:
    """Rule `name_around_an_aggregate`: 'nota media de acceso' (Nota Acceso), 'precio medio de venta': a
    Spanish name 'X de Y' said with its aggregate between its words is that column, then the aggregate (as
    'nota de acceso media' would read); 'nota' and 'acceso' were not understood apart."""
    key = PHRASES.get(tokens[i + 1], "") if i + 3 < len(tokens) else ""
    if key not in ("AVG", "SUM", "MAX", "MIN", "MEDIAN") or tokens[i + 2] not in ("de", "del"):
        return []
    aliases = [a for a in index.lookup((tokens[i], "de", tokens[i + 3])) + index.lookup((tokens[i], tokens[i + 3]))
               if a.kind == "column" and a.strength >= 2]
    if len({(a.table, a.column) for a in aliases}) != 1:
        return []
    name = Item("schema", f"{tokens[i]} {tokens[i + 3]}", i, aliases=aliases)
    return [name, Item("kw", tokens[i + 1], i + 2, key=key)]


def _column_across(tokens: list[str], i: int, length: int, index: SchemaIndex) -> bool:
    """Whether a column's exact name (strength 3) starts inside the phrase at i and ends after it: a keyword
    phrase ('por tipo de', 'by type of') then yields its last words to the name ('tipo de ingreso')."""
    for k in range(i + 1, i + length):
        for end in range(i + length + 1, min(len(tokens), k + index.max_len) + 1):
            if any(a.kind == "column" and a.strength == 3 for a in index.lookup(tuple(tokens[k:end]))):
                return True
    return False


def _written_in_capitals(question: str) -> frozenset[str]:
    """The words of a request written in capitals ('HR', 'US'), lower-cased; none when all of it is."""
    words = re.findall(r"[^\W\d_]+", question)
    if not words or all(w.isupper() for w in words):
        return frozenset()
    return frozenset(w.lower() for w in words if w.isupper())


def _longest_match(tokens: list[str], i: int, index: SchemaIndex, items: list[Item],
                   capitals: frozenset[str] = frozenset()) -> Item | None:
    """The longest word sequence from `i` that is a keyword phrase or a schema alias, or None.

    A column's exact name wins over a keyword; otherwise the keyword does, keeping the schema reading as
    an alternative. `items` (the items before `i`) decide whether one word is too weak to be a value.
    """
    tok = tokens[i]
    for length in range(min(max(index.max_len, _KW_MAX), len(tokens) - i), 0, -1):
        words = tuple(tokens[i:i + length])
        if "__quoted__" in words:
            continue
        phrase = " ".join(words)
        aliases = index.lookup(words)
        kw = PHRASES.get(phrase)
        if kw in ("XAXIS", "YAXIS") and words[0] in ("x", "y") and any(
                a.kind == "column" and a.strength == 3 for a in index.lookup(words[:1])):
            kw = None  # "x = 5" on a table with a column named x: the column
        if not aliases and not kw:
            continue
        col3 = any(a.kind == "column" and a.strength == 3 for a in aliases)
        if aliases and (col3 or not kw):
            if length == 1 and _weak_value(tok, aliases, items, capitals):
                aliases = [a for a in aliases if a.kind != "value"]
                if not aliases:
                    if kw:
                        return _kw_item(kw, phrase, i)
                    continue
            return Item("schema", phrase, i, aliases=list(aliases))
        if kw and _column_across(tokens, i, length, index):
            continue  # 'por tipo de ingreso' over tipo_ingreso: 'por', then the column's own words
        best = _kw_item(kw, phrase, i)
        if aliases:  # keep the schema reading as an alternative for the grammar
            best.aliases = aliases
        return best
    return None


def _joined_column(tokens: list[str], i: int, index: SchemaIndex) -> Item | None:
    """Two words whose concatenation names a column ("zip code" -> zipcode), or None."""
    tok = tokens[i]
    joined = index.lookup((tok + tokens[i + 1],))
    if any(a.kind == "column" and a.strength >= 2 for a in joined):
        return Item("schema", f"{tok} {tokens[i + 1]}", i, aliases=list(joined))
    return None


def _single_token(tok: str, tokens: list[str], i: int, index: SchemaIndex) -> Item:
    """One token no phrase or alias matched: a number, year, ordinal, month, unit, stop word, a near
    spelling of a column or keyword, or unknown."""
    if ISO_DAY.match(tok):  # a calendar day (grammar/days.py); a date that does not exist is not understood
        day = parse_day(tok)
        return Item("day", tok, i, value=day) if day else Item("unknown", tok, i)
    num = _number(tok)
    if num is not None:
        if isinstance(num, int) and 1900 <= num <= 2100 and not tok.endswith(("k", "%")):
            return Item("year", tok, i, value=num)
        item = Item("num", tok, i, value=num)
        if tok.endswith("%"):
            item.param = "percent"
        return item
    if _ORD.match(tok) or tok in ORDINAL_WORDS:
        return Item("ord", tok, i, value=ORDINAL_WORDS.get(tok) or int(tok[0]))
    if tok in MONTHS and _is_month(tok, tokens, i):
        return Item("month", tok, i, value=MONTHS[tok])
    if tok in PERIOD_UNITS:
        return Item("kw", tok, i, key="UNIT", param=PERIOD_UNITS[tok])
    if tok in ("when", "cuando") and i + 1 < len(tokens) and tokens[i + 1] in _ASKING_VERBS:
        # 'and when was that order placed', 'cuándo fue': a date asked for, which no plan shows; 'when'
        # before a condition ('revenue when temperature is above 25') joins it
        return Item("unknown", tok, i)
    if tok in STOPWORDS or tok in ("whether", "if", "will", "would", "did", "does", "do", "who", "which",
                                   "whose", "there", "exist", "existen", "hay", "tiene", "tienen", "was",
                                   "were", "many", "much", "si", "sea", "fueron", "estan", "han", "ha"):
        return Item("stop", tok, i)
    close = _derived(tok, index) or index.fuzzy_column(tok, list(index.columns))
    kw = _fuzzy_keyword(tok) if not close else None
    if close:
        return Item("schema", tok, i, aliases=close, fuzzy=True)
    if kw:
        item = _kw_item(kw, tok, i)
        item.fuzzy = True  # "histgram", "avergae", "scaterplot"
        return item
    return Item("unknown", tok, i)


def _acronym(tokens: list[str], i: int, index: SchemaIndex) -> Item | None:
    """Words whose initials spell a column named in capitals ('miles per gallon' -> MPG), or None."""
    for length in (5, 4, 3):
        words = tokens[i:i + length]
        if len(words) < length or not all(w.isalpha() and len(w) > 1 for w in words):
            continue
        if all(w in PHRASES or w in STOPWORDS or index.lookup((w,)) for w in words):
            continue  # words the request already means something by ("show every x")
        initials = "".join(w[0] for w in words)
        hits = [Alias("column", 2, t, c.name) for t, cols in index.columns.items() for c in cols
                if c.name.isalpha() and c.name.isupper() and c.name.lower() == initials]
        if hits:
            return Item("schema", " ".join(words), i, aliases=hits, fuzzy=True)
    return None


# derivations of a column word: "profitability", "profitable" -> profit
_SUFFIXES = ("ability", "ibility", "able", "ible")


_ACTION_NOUNS = ("ation", "ion", "al", "ment")  # cancellation, deletion, approval, shipment
_SPANISH_ACTION_NOUNS = ("acion", "icion", "ion")  # cancelacion, aprobacion, conversion (accents dropped)
_SPANISH_PARTICIPLES = ("ado", "ada", "ido", "ida")


def _derived(tok: str, index: SchemaIndex) -> list[Alias]:
    for suffix in _SUFFIXES:
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 4:
            hits = [a for a in index.lookup((tok[: -len(suffix)],)) if a.kind == "column" and a.strength >= 2]
            if hits:
                return hits
    return _verb_in_ing(tok, index) or _action_of_a_flag(tok, index)


def _verb_in_ing(tok: str, index: SchemaIndex) -> list[Alias]:
    """'waiting times' beside wait_minutes, 'shipping cost' beside ship_cost, 'pricing' beside price: the -ing
    form of a verb that names a column names it (a doubled consonant or a silent e dropped)."""
    if not tok.endswith("ing") or len(tok) < 7:
        return []
    stem = tok[:-3]
    for form in (stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else None):
        hits = [a for a in index.lookup((form,)) if a.kind == "column" and a.strength >= 2] if form else []
        if hits:
            return hits
    return []


def _action_of_a_flag(tok: str, index: SchemaIndex) -> list[Alias]:
    """'cancellation rate' beside a yes/no column `cancelled`, 'approval' beside `approved`, 'completion'
    beside `completed`, 'conversions' beside `converted` (a verb in -t makes its noun in -sion), and in
    Spanish 'cancelaciones' beside `cancelado`, 'conversiones' beside `convertido`: the noun of the action
    is its past participle's column (the same stem). Read as the rows' noun, 'number of cancellations by
    carrier' counted every flight and 'how many conversions' every session."""
    words = {tok, tok[:-1]} if tok.endswith("s") else {tok}  # 'cancellations' too
    if tok.endswith("es"):
        words.add(tok[:-2])  # 'cancelaciones'
    stems = {w[: -len(x)] for w in words for x in _ACTION_NOUNS + _SPANISH_ACTION_NOUNS
             if w.endswith(x) and len(w) - len(x) >= 4}
    # 'resolution' of resolved (solve -> solution); 'transfer', 'return' of transferred, returned: the verb
    # itself is its noun
    stems |= {w[:-5] + "v" for w in words if w.endswith("olution")}
    stems |= {w for w in words if len(w) >= 5 and w.isalpha()}
    if not stems:
        return []
    return [Alias("column", 2, t, c.name) for t, cols in index.columns.items() for c in cols
            if (c.binary or yes_no_of_text(c)) and stems & _participle_stems(norm(c.name).split()[-1])]


def _participle_stems(word: str) -> set[str]:
    """The stems a past participle's action nouns are made from: cancelled -> cancell and cancel, converted ->
    convert and convers (conversion), cancelado -> cancel, convertido -> convert and convers; nothing for other
    words."""
    if word.endswith("ed") and len(word) >= 6:
        stem = word[:-2]
    elif word.endswith(_SPANISH_PARTICIPLES) and len(word) >= 7:
        stem = word[:-3]
    else:
        return set()
    stems = {stem, stem[:-1]} if len(stem) > 4 and stem[-1] == stem[-2] else {stem}  # transferr -> transfer
    return stems | {stem[:-1] + "s"} if stem.endswith("t") else stems


_SINGLE_WORDS: list[str] = []


def _fuzzy_keyword(tok: str) -> str | None:
    """A keyword a long unknown word is a near spelling of ('histgram' -> histogram)."""
    if len(tok) < 6 or not tok.isalpha():
        return None
    from difflib import get_close_matches

    if not _SINGLE_WORDS:
        _SINGLE_WORDS.extend(p for p in PHRASES if " " not in p and len(p) >= 6 and p.isalpha()
                             and not PHRASES[p].startswith(("XAXIS", "YAXIS", "GENERATIVE", "PREDICT", "CLEAN",
                                                            "REMOVE", "SYNTH", "FILL", "APPLY")))
    # a slip of one letter or two swapped ('histgram', 'avergae'), not another word ('contador' is no 'contar')
    close = [w for w in get_close_matches(tok, _SINGLE_WORDS, n=3, cutoff=0.85) if abs(len(w) - len(tok)) <= 1]
    return PHRASES[close[0]] if close else None


def _kw_item(kw: str, phrase: str, i: int) -> Item:
    key, _, param = kw.partition(":")
    return Item("kw", phrase, i, key=key, param=param or None)


def _weak_value(tok: str, aliases: list[Alias], items: list[Item], capitals: frozenset[str] = frozenset()) -> bool:
    """A one- or two-letter value ('s', 'c', 'no') counts only right after its column's name, unless
    the request writes it in capitals as the data does (rule `capitals_value`: 'salary in HR', 'sales
    in the US'; not 'in' or 'us' in lower case, nor a request written all in capitals), a single letter
    only after an article ('restaurants that got an A')."""
    if len(tok) > 2 and tok not in STOPWORDS:
        return False
    written = tok in capitals and any(a.kind == "value" and str(a.value) == tok.upper() for a in aliases)
    if written and len(tok) > 1:
        return False
    prev = items[-1] if items else None
    if written and tok != "i" and prev is not None and prev.text.split()[-1] in word_set("language", "indefinite_articles"):
        return False  # rule capitals_value: 'got an A', 'with a B' (an article is never followed by another)
    if prev is not None and len(items) > 1 and (prev.kind == "stop" and prev.text in ("is", "es", "was", "era") or
                                               prev.kind == "kw" and prev.key == "EQ"):
        prev = items[-2]  # "discipline is A", "voto = A": the value is still right after its column's name
    cols = {a.column for a in aliases if a.kind == "value"}
    if prev is not None and prev.kind == "schema" and any(a.kind == "column" and a.column in cols for a in prev.aliases):
        return False
    return True


def _is_month(tok: str, tokens: list[str], i: int) -> bool:
    if len(tok) > 3 and tok != "may" and tok not in ("mar", "sept"):
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    prev = tokens[i - 1] if i else ""
    return nxt.isdigit() or prev in ("in", "en", "of", "de", "during", "durante")


def choose_table(items: list[Item], index: SchemaIndex, default: str) -> tuple[str, bool]:
    """The table most of the request's words point at; (table, ambiguous)."""
    tables = list(index.columns)
    if len(tables) == 1:
        return tables[0], False
    score = {t: 0.0 for t in tables}
    for it in items:
        if it.kind == "schema":
            seen: dict[str, int] = {}
            for a in it.aliases:
                seen[a.table] = max(seen.get(a.table, 0), a.strength + (2 if a.kind == "table" else 0))
            for t, s in seen.items():
                score[t] += s / max(1, len(seen))
    best = max(score.values())
    top = [t for t in tables if score[t] == best]
    if len(top) == 1:
        return top[0], False
    return (default if default in top else top[0]), best > 0


def choose_with_lookups(items: list[Item], index: SchemaIndex, table: str) -> str:
    """The main table, moved to a table that reaches every mentioned column through its lookups.

    "total quantity by category": quantity is in orders, category in products; orders looks up
    products by product_id, so orders is the main table.
    """
    def reach(t: str) -> set[str]:
        return {t} | set(index.lookups.get(t, {}))

    needed = [{a.table for a in it.aliases if a.kind != "table"} for it in items if it.kind == "schema"]
    needed = [n for n in needed if n]
    if all(n & {table} for n in needed):
        return table
    for t in [table] + [x for x in index.columns if x != table]:
        if all(n & reach(t) for n in needed):
            return t
    return table


# keywords that are verbs of the request ('show', 'list', 'display'): after 'by' such a word is a column's name
_VERB_KEYS = frozenset({"SHOW"})

def resolve(items: list[Item], index: SchemaIndex, table: str) -> list[Item]:
    """Keep the aliases of `table` (or of its lookup tables); turn schema items into col / val / table items."""
    out: list[Item] = []
    lookups = index.lookups.get(table, {})
    for pos, it in enumerate(items):
        if it.kind == "kw" and it.aliases:
            value = _value_beside_its_kind(it, out, table)
            if value is not None:
                out.append(Item("val", it.text, it.start, col=index.column(table, value.column), value=value.value))
                continue
            # the columns of this table a keyword's words also name ('types')
            it.aliases = [a for a in it.aliases if a.table == table and a.kind == "column"]
            named = {a.column for a in it.aliases}
            if len(named) == 1 and it.key in _VERB_KEYS and out and out[-1].kind == "kw" \
                    and out[-1].key in ("BY", "FACET_BY"):
                # rule `keyword_after_by`: 'count of episodes per show' over show_name: after 'per' a word that is
                # also a keyword ('show') is the column it names; as the keyword the grouping was dropped
                out.append(Item("col", it.text, it.start, col=index.column(table, named.pop())))
                continue
        if it.kind != "schema":
            out.append(it)
            continue
        mine = [a for a in it.aliases if a.table == table]
        if not mine:  # a column of a lookup table: "category" for orders (through product_id)
            mine = [a for a in it.aliases if a.table in lookups and a.kind in ("column", "value")]
            if len({a.table for a in mine}) > 1:
                mine = []
        if not mine:
            out.append(Item("unknown", it.text, it.start, fuzzy=True))
            out[-1].value = "other-table"
            continue
        by_cols = {a.column for a in mine if a.kind == "column" and a.strength > 0}
        if _in_a_by_list(items, pos) and len(by_cols) == 1 and any(a.kind == "value" for a in mine):
            # rule `by_names_a_grouping`: 'how many flights by carrier' over carrier_code and a CancellationReason
            # of 'Carrier': after 'by' (or in its list: 'by origin and carrier') the word that names a column
            # is the grouping (it filtered by the value)
            mine = [a for a in mine if a.kind == "column"]
        best = max(a.strength for a in mine)
        mine = [a for a in mine if a.strength == best]
        if best == 0:
            nxt = items[pos + 1] if pos + 1 < len(items) else None
            named = [index.column(a.table, a.column) for a in mine if a.kind == "column"]
            names_of = _recurring_name(named)
            numbers = [c for c in named if c is not None and c.numeric]
            if out and out[-1].kind == "num" and len(numbers) == 1:
                # rule `number_before_a_name_word`: '9-hole rounds', '18-hole rounds' over holes_played: the number
                # is the value of the column the word names (it was dropped as a qualifier and the 18 became a
                # LIMIT 18). A compound adjective is singular, a plural is so only with a value of the column
                # ('rounds of 9 holes'); 'rounds of 12 holes' (none has 12) or '40 years' is not understood:
                # as the rows' noun it was 'the first 12 rounds'
                value = not norm(it.text).endswith("s") or out[-1].value in (numbers[0].values or ())
                out.append(Item("col", it.text, it.start, col=numbers[0], fuzzy=it.fuzzy) if value
                           else Item("unknown", it.text, it.start))
                continue
            if nxt is not None and nxt.kind == "schema" and not it.text.endswith("s") and \
                    any(a.table == table and a.strength > 0 and a.kind == "column" for a in nxt.aliases) and \
                    not any(c is not None and c.binary for c in named):
                # "order quantity", "customer segment": a qualifier; not a flag's word ("critical violations"
                # beside critical_flag: the violations that are critical, not all of them)
                out.append(_revenue_of_a_money_column(it, nxt, out, index, table) or Item("stop", it.text, it.start))
            elif names_of is not None and (it.text.endswith("s") or _in_a_by_list(items, pos)):
                # "top 10 restaurants" over inspections with a RestaurantName that recurs: the restaurants are
                # the names, not the rows; so is the singular after 'by' ('calls per agent' over agentName)
                out.append(Item("col", it.text, it.start, col=names_of, fuzzy=it.fuzzy))
            elif [a for a in _action_of_a_flag(it.text, index) if a.table == table]:
                # 'cancellations' beside Cancelled and CancellationReason: the flag's action, not the rows
                flag = next(a for a in _action_of_a_flag(it.text, index) if a.table == table)
                out.append(Item("col", it.text, it.start, col=index.column(table, flag.column)))
            elif it.text.endswith("s") and len(it.text) > 4:
                out.append(Item("table", it.text, it.start))  # "applicants": a plural modifier names the rows
            else:  # a word that only qualifies a column name ("customer" of customer_name) names nothing alone
                out.append(Item("unknown", it.text, it.start))
            continue
        if any(a.kind == "table" for a in mine):  # an entity noun beats a column named after it
            mine = [a for a in mine if a.kind != "column"] if best < 3 else mine
        cols = {a.column for a in mine if a.kind == "column"}
        vals = {(a.column, str(a.value)) for a in mine if a.kind == "value"}
        if any(a.kind == "table" for a in mine) and not cols and not vals:
            out.append(Item("table", it.text, it.start))
        elif len(cols) == 1 and not (vals and best < 3 and len(vals) == 1 and mine[0].kind == "value"):
            name = next(iter(cols))
            owner = next(a.table for a in mine if a.kind == "column")
            out.append(Item("col", it.text, it.start, col=index.column(owner, name), fuzzy=it.fuzzy))
        elif len(vals) == 1 and not cols:
            a = next(a for a in mine if a.kind == "value")
            out.append(Item("val", it.text, it.start, col=index.column(a.table, a.column), value=a.value))
        elif len(vals) > 1 and not cols and len({c for c, _ in vals}) == 1:
            # the same word names several values of one column (rare): all of them
            a = [x for x in mine if x.kind == "value"]
            out.append(Item("val", it.text, it.start, col=index.column(a[0].table, a[0].column),
                            value=[x.value for x in a]))
        else:
            amb = Item("unknown", it.text, it.start)
            amb.value = "ambiguous:" + ", ".join(sorted(cols | {f"{c}={v}" for c, v in vals}))
            out.append(amb)
    return out


def _value_beside_its_kind(it: Item, before: list[Item], table: str) -> Alias | None:
    """Rule `value_beside_its_kind`: a keyword that is also a value of this table ('return' of direction:
    outbound/return), right after another value of that column and the 'and', 'or', 'vs' or count that joins
    them ("how many outbound and how many return"), is that value. As the verb 'return' it was dropped and
    only the outbound ones were counted."""
    values = [a for a in it.aliases if a.table == table and a.kind == "value"]
    if len(values) != 1:
        return None
    k = len(before) - 1
    while k >= 0 and (before[k].kind == "stop" or before[k].kind == "kw" and before[k].key in ("AND", "OR", "VS",
                                                                                               "COUNT")):
        k -= 1
    joined = k < len(before) - 1
    if joined and k >= 0 and before[k].kind == "val" and before[k].col is not None \
            and before[k].col.name == values[0].column:
        return values[0]
    return None


def _in_a_by_list(items: list, pos: int) -> bool:
    """Whether the item at pos follows 'by' directly or through a list of names ('by origin and carrier')."""
    k = pos - 1
    while k >= 0 and (items[k].kind in ("schema", "col") or items[k].kind == "kw" and items[k].key == "AND"
                      or items[k].kind == "kw" and items[k].text == ","):
        if k == pos - 1 and items[k].kind != "kw":
            return False  # two names side by side: one qualifies the other
        k -= 1
    return k >= 0 and items[k].kind == "kw" and items[k].key == "BY"


def _recurring_name(columns: list[Column | None]) -> Column | None:
    """The one display-name column among `columns` whose values recur (RestaurantName, 258 names over 1,200
    inspections): its modifier's plural names those things, not the rows (rule `plural_of_a_name`)."""
    from dsagent.words.names import is_display_name

    found = [c for c in columns if c is not None and c.kind == "text" and is_display_name(c.name)
             and c.table_rows and c.distinct < 0.95 * c.table_rows]
    return found[0] if len(found) == 1 and len(columns) == 1 else None


_ASKING_VERBS = {"was", "were", "did", "does", "do", "is", "are", "will", "fue", "fueron", "se", "es", "son", "ocurrio",
                 "paso", "tuvo", "hubo"}


def _revenue_of_a_money_column(it: Item, nxt: Item, before: list[Item], index: SchemaIndex, table: str) -> Item | None:
    """Rule `revenue_of_the_rows`, its money column named next ('pass revenue (EUR) per resort' over price_eur):
    the revenue is the total of that column, a SUM, unless an aggregate was said before ('avg revenue (EUR)').
    As a qualifier it was dropped, and the bare price averaged."""
    money = {c.name for c in index.money_columns(table)}
    prev = before[-1] if before else None
    if norm(it.text) not in word_set("measures", "revenue_words") or prev is not None and prev.kind == "kw" or \
            not any(a.table == table and a.kind == "column" and a.column in money for a in nxt.aliases):
        return None
    return Item("kw", it.text, it.start, key="SUM")
