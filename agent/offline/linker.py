"""Schema and value linking for the offline planner: which words name which columns, tables and values.

`SchemaIndex.build(ws)` takes each table's columns (`columns.py`: kinds, counts, ranges, the values
of low-cardinality columns) and indexes:
- column aliases: the normalised name, singular/plural forms, synonyms in English and Spanish
  (`dsagent.words.synonyms`), and unique parts of multi-word names ("age" -> applicant_age);
- table aliases (entity nouns: "passengers", "pedidos");
- a value index over low-cardinality text columns ("europe" -> region = 'Europe', "women" -> sex = 'female').
Matching is on folded, lower-case tokens; `fuzzy_column` uses difflib for typos.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from dsagent.offline.columns import FIRST_ROWS, Column, load_columns, yes_no_of_text
from dsagent.offline.lexicon import PLACE_WORDS, PLACES
from dsagent.words.data import load as load_words, word_set
from dsagent.words.names import (duration_words, event_words, is_display_name, is_time_span, is_distance,
                                 length_words, spanish_event, unit_spellings, without_unit)
from dsagent.words.measures import is_money
from dsagent.words.synonyms import head_of, targets as synonym_targets, value_synonyms
from dsagent.words.text import is_row_noun, name_words, norm, variants

ROW_NAME_SHARE = 0.9  # a text column with this share of distinct values names each row (SchemaIndex.row_name)
ROW_NAME_MIN_ROWS = 20  # below this, any text column looks unique
_DATE_WORDS = {"date", "fecha", "fechas", "dia", "day", "days"}
GENERIC_PARTS = {"id", "name", "to", "of", "the", "de", "del", "la", "el", "and", "y", "in", "en", "no", "is"}


@dataclass
class Alias:
    """A word sequence that names a column, a table or a value."""

    kind: str  # column | table | value
    strength: int  # 3 exact name, 2 plural/synonym/whole value, 1 part of a name or value synonym
    table: str
    column: str | None = None
    value: Any = None


def _identified_things(columns: list[Column]) -> set[str]:
    """The things other than the rows that a column identifies by its name, its values repeating: ascensor of
    codigo_ascensor, flight of FlightNum, customer of customer_id (names.json identifier and code words,
    either end of a two-word name). An id of one row each (id_revision) numbers the rows themselves."""
    marks = word_set("names", "identifier_first") | word_set("names", "identifier_last") | word_set("names", "code_first")
    things = set()
    for c in columns:
        words = norm(c.name).split()
        if not c.table_rows or c.distinct >= 0.95 * c.table_rows:
            continue
        if len(words) == 2 and (words[0] in marks) != (words[1] in marks):
            things.add(words[1] if words[0] in marks else words[0])
    return things


class SchemaIndex:
    """Columns, tables and values of a workspace, indexed by normalised word sequences."""

    def __init__(self, columns: dict[str, list[Column]]):
        self.columns = columns  # table -> columns
        self.aliases: dict[tuple[str, ...], list[Alias]] = {}
        self.max_len = 1
        for table, cols in columns.items():
            self._index_table(table, cols)
        self.lookups = self._lookups()

    def _lookups(self) -> dict[str, dict[str, str]]:
        """table -> {lookup table: key}: orders.customer_id -> customers.customer_id (its own id).

        Only these many-to-one joins are planned, so every row of the main table stays one row.
        """
        out: dict[str, dict[str, str]] = {t: {} for t in self.columns}
        for one, cols in self.columns.items():
            stems = variants(norm(one).split()[-1]) if norm(one) else set()
            for key in (c for c in cols if c.label):
                words = norm(key.name).split()
                if len(words) < 2 or not (set(variants(words[-2])) & stems):
                    continue  # customers.customer_id names its own rows; orders.customer_id does not
                for many, other in self.columns.items():
                    if many != one and any(c.name == key.name for c in other):
                        out[many][one] = key.name
        return out

    @classmethod
    def build(cls, ws, cards: dict | None = None) -> "SchemaIndex":
        """Index every table of `ws`; `cards` ({table: SchemaCard}) are used when given."""
        cards = cards or {}
        return cls({t: load_columns(ws, t, cards.get(t)) for t in ws.tables})

    def column(self, table: str, name: str) -> Column | None:
        return next((c for c in self.columns.get(table, []) if c.name == name), None)

    def _add(self, words: tuple[str, ...], alias: Alias) -> None:
        if not words or all(w in GENERIC_PARTS for w in words):
            return
        bucket = self.aliases.setdefault(words, [])
        for a in bucket:
            if (a.kind, a.table, a.column, a.value) == (alias.kind, alias.table, alias.column, alias.value):
                a.strength = max(a.strength, alias.strength)
                return
        bucket.append(alias)
        self.max_len = max(self.max_len, len(words))

    def _index_table(self, table: str, cols: list[Column]) -> None:
        """Every alias of a table, its columns and their values. The order of the `_add` calls is the order
        of the aliases in a bucket, which the planner reads first to last: keep it."""
        self._index_table_name(table)
        for c in cols:
            self._index_column(table, c)
        self._index_column_meanings(table, cols)
        self._index_value_synonyms(table, cols)

    def _index_table_name(self, table: str) -> None:
        """The table's name as typed, and its last word's forms and synonyms ("passengers", "pedidos")."""
        tw = tuple(norm(table).split())
        if len(tw) > 1:  # the name as typed, one token: 'weather_v1' (a cleaned table's earlier version)
            self._add(("_".join(tw),), Alias("table", 3, table))
        owned = _identified_things(self.columns.get(table, [])) if len(tw) > 1 else set()
        for w in tw[-1:]:
            # a last word whose thing has an id column (ascensores of codigo_ascensor) names that column first
            strength = 1 if variants(w) & owned else 2
            for v in variants(w):
                self._add(tw[:-1] + (v,), Alias("table", strength, table))
                for syn in synonym_targets().get(v, ()):
                    for sv in variants(norm(syn)):
                        self._add(tw[:-1] + tuple(sv.split()), Alias("table", strength, table))
        # rule `the_table_names_its_rows`: the plural noun of a longer name names the rows alone, its head in
        # English (car_rentals: "how many rentals"; it counted distinct rental_days) and in Spanish
        # (viajes_taxi: "porcentaje de los viajes"; it grouped by id_viaje); the last plural word wins
        # (flight_delays: delays, not flights) and a tag is no noun (employees_hr: employees)
        plural = [w for w in tw if len(w) > 3 and w.endswith("s") and not w.isdigit()] if len(tw) > 1 else []
        # a plural whose thing has an id of its own is what the rows are of, not the rows: revisiones_ascensores
        # with codigo_ascensor are revisiones (Spanish puts the head first), flight_delays with FlightNum delays
        plural = [w for w in plural if not variants(w) & owned] or plural[-1:]
        # its singular too ('por venta' of ventas_farmacia), unless it is a word of a column's name that is no id
        # ('yield' of crop_yields is yield_t_per_ha)
        named = {w for c in self.columns.get(table, []) if not c.label for w in norm(c.name).split()}
        ids = {w for c in self.columns.get(table, []) if c.label for w in norm(c.name).split()}
        for v in variants(plural[-1]) if plural else ():
            if v.endswith("s") or v not in named:
                self._add((v,), Alias("table", 2, table))
        # a name with no plural says its rows by its first noun: encuesta_satisfaccion are encuestas (Spanish puts
        # the head first), customer_churn customers; not a word of a column's name or of a thing with an id
        first = tw[0] if len(tw) > 1 and not plural else ""
        if first.isalpha() and len(first) > 3 and first not in named | ids and not variants(first) & owned:
            for v in variants(first) - {first}:
                if v.endswith("s"):
                    self._add((v,), Alias("table", 2, table))
        # who does what a row records names the rows too ('visitors' of museum_visits, 'callers' of calls) when
        # no column names them
        doers = word_set("names", "doer_words") | word_set("names", "people_words")
        head = plural[-1] if plural else (tw[-1] if tw and tw[-1].endswith("s") else "")
        for agent in {head[:-1] + "or", head[:-1] + "er", head[:-1] + "r"} & doers if head else ():
            for v in variants(agent):
                if not {v, v[:-1]} & (named | ids):  # a caller_id names them itself
                    self._add((v,), Alias("table", 2, table))

    def _index_column(self, table: str, c: Column) -> None:
        """The words that name one column (from its name alone), then its values."""
        words = tuple(norm(c.name).split())
        self._add(words, Alias("column", 3, table, c.name))
        if len(words) > 1:
            self._add(("".join(words),), Alias("column", 3, table, c.name))
        last = words[-1] if words else ""
        for v in variants(last):
            self._add(words[:-1] + (v,), Alias("column", 2, table, c.name))
        if len(words) == 2:  # 'lecturas estimadas' for lectura_estimada: a Spanish adjective agrees in number
            for v0 in variants(words[0]) - {words[0]}:
                for v1 in variants(words[1]) - {words[1]}:
                    self._add((v0, v1), Alias("column", 2, table, c.name))
        self._index_column_synonyms(table, c, words)
        if c.binary:
            self._index_agent_nouns(table, c, words)
        if c.binary or yes_no_of_text(c):
            self._index_agreement(table, c, words)
            self._index_done_flag(table, c, words)
        if len(words) == 2:
            self._index_spanish_order(table, c, words)
        self._index_written_out(table, c, words)
        self._index_unit(table, c, words)
        if len(words) > 1:
            self._index_name_parts(table, c, words)
        if c.temporal:
            self._index_event_words(table, c)
        # id columns name their entity: application_id -> "applications"
        if c.label and len(words) > 1:
            # the entity before the id word, or after it in Spanish order (id_viaje numbers viajes)
            first = word_set("names", "identifier_first") | word_set("names", "code_first")  # codigo_ascensor
            entity = words[1] if len(words) == 2 and words[0] in first else words[-2]
            forms = variants(entity)
            named = self._display_name_of(table, c, entity) or c  # 'by station': Station Name, not its id
            for v in forms:
                self._add((v,), Alias("column", 2, table, named.name) if self._names_other_rows(table, c, forms)
                          else Alias("table", 1, table))
        if _numbers_the_rows(c):  # 'pedidos' over a `pedido` that numbers them: the rows; 'pedido' the column
            for v in variants(words[0]) - {words[0]}:
                self._add((v,), Alias("table", 2, table))
        if c.values and c.kind == "text":
            self._index_values(table, c)

    def _display_name_of(self, table: str, ident: Column, entity: str) -> Column | None:
        """The column that names what an id numbers, one name to each id (station_id and Station Name):
        groups of those things are shown by their names."""
        found = [c for c in self.columns.get(table, []) if c is not ident and c.kind == "text"
                 and is_display_name(c.name) and name_words(c.name)[:1] == [entity]
                 and ident.distinct and abs(c.distinct - ident.distinct) <= 0.05 * ident.distinct]
        return found[0] if len(found) == 1 else None

    def _names_other_rows(self, table: str, c: Column, forms: set[str]) -> bool:
        """Rule `repeated_id`: ids that repeat name other things than the rows when the rows are known to be
        something else (the table's name is a plural noun, 'orders', 'grades', or a word for records of
        events, 'device_log', or a unique id names them, order_id) and no table of that entity is loaded
        (customers beside orders: its word, through the join). A unique whole number named by one noun names the
        rows as order_id does (`pedido` beside a repeated cliente_id over a table `tienda_online`).
        "how many customers" over orders alone counted the orders; it counts distinct customer_id. Over a
        table whose rows are not named ('superstore' with a Row ID), "count of orders" stays a count of rows."""
        if not c.table_rows or c.distinct >= 0.95 * c.table_rows:
            return False  # one a row: the entity is what a row is
        if any(norm(t) in forms for t in self.columns if t != table):
            return False
        if c.distinct <= 0.2 * c.table_rows:
            return True  # five rows or more to each on average: a row is not one of them ('stations' of 1,800 readings)
        last = (norm(table).split() or [""])[-1]
        named = (is_row_noun(last) or last in word_set("rows", "record_words")) and last not in forms
        for other in self.columns.get(table, []):
            ow = tuple(norm(other.name).split())
            if other is not c and other.label and len(ow) > 1 and other.table_rows \
                    and other.distinct >= 0.95 * other.table_rows and ow[-2] not in word_set("rows", "row_id_words"):
                named = True  # order_id, one a row: the rows are orders
            elif other is not c and _numbers_the_rows(other):
                named = True  # pedido, ticket: a number of its own for each row, the rows are what it numbers
        return named

    def _index_column_synonyms(self, table: str, c: Column, words: tuple[str, ...]) -> None:
        """Synonyms of each word of the name, of the whole name, and of the word after a short prefix."""
        # before a unit the last word is the head (distancia for distance_km)
        stem = without_unit(c.name)
        head_at = len(stem) - 1 if stem and tuple(stem) == words[:len(stem)] else len(words) - 1
        for i, w in enumerate(words):
            for syn_word, targets in _reverse_synonyms().get(w, {}).items():
                if syn_word in _DATE_WORDS and not (c.temporal or c.year_like):
                    continue  # "date" is no name for a duration ("running time") or any other number
                for v in variants(syn_word):
                    new = words[:i] + tuple(v.split()) + words[i + 1:]
                    self._add(new, Alias("column", 2 if len(words) == 1 else 1, table, c.name))
                    if len(words) > 1:  # a synonym of the head word alone names the column
                        self._add(tuple(v.split()), Alias("column", 1 if i == head_at else 0, table, c.name))
        # a synonym of the whole name ("duration" for Running Time)
        if len(words) > 1:
            for syn_word in _reverse_synonyms().get(" ".join(words), {}):
                for v in variants(syn_word):
                    self._add(tuple(v.split()), Alias("column", 2, table, c.name))
        # a known word after a one- or two-letter prefix names the column ("class", "clase" -> pclass)
        head = head_of(words[0]) if len(words) == 1 else None
        if head:
            for w in {head} | set(_reverse_synonyms().get(head, {})):
                for v in variants(w):
                    self._add(tuple(v.split()), Alias("column", 1, table, c.name))

    def _index_agent_nouns(self, table: str, c: Column, words: tuple[str, ...]) -> None:
        """Rule `flag_agent_noun`: who did what a yes/no column records names the column, as its synonym
        would (voted -> "voters", subscribed -> "subscribers", defaulted -> "defaulters", survived ->
        "survivors"), so "how many voters" counts the rows that voted: over a survey with a voted column it
        counted every respondent. Only words for people who do (prompts/words/names.json doer_words)."""
        *before, last = words
        if len(last) < 5 or not last.endswith("ed") or any(w not in word_set("names", "flag_prefixes") for w in before):
            return
        doers = word_set("names", "doer_words") | word_set("names", "people_words")
        for noun in (last[:-2] + "er", last[:-2] + "or"):
            if noun in doers:  # "employer" is not who was employed
                for v in variants(noun):
                    self._add((v,), Alias("column", 2, table, c.name))

    def _index_done_flag(self, table: str, c: Column, words: tuple[str, ...]) -> None:
        """Rule `done_flag_noun`: a yes/no column that only says its thing was done (prestamo_realizado,
        pago_efectuado: names.json done_participles) is named by the thing's noun, as strongly as a plural of
        a name: 'los préstamos por semana' counts the loans made. It drew the week's rows coloured by
        dias_prestamo, the other name the noun ends."""
        if len(words) == 2 and words[1] in word_set("names", "done_participles") and len(words[0]) >= 4:
            for v in variants(words[0]):
                self._add((v,), Alias("column", 2, table, c.name))

    def _index_agreement(self, table: str, c: Column, words: tuple[str, ...]) -> None:
        """A Spanish participle or adjective of a yes/no agrees with its noun: aprobado names 'solicitudes
        aprobadas' too, cancelada 'pedidos cancelados', apto (kept as 'S'/'N') 'donaciones aptas' (the plural is
        `variants`'s)."""
        last = words[-1]
        if len(last) > 3 and last[-1] in "oa" and last[-2] not in "aeiou":  # apto: 'donaciones aptas' too
            other = last[:-1] + ("a" if last.endswith("o") else "o")
            for v in variants(other):
                self._add(words[:-1] + (v,), Alias("column", 2, table, c.name))

    def _index_spanish_order(self, table: str, c: Column, words: tuple[str, ...]) -> None:
        """Spanish order for two-word names: credit_score -> "puntuacion de credito"; a name already in
        Spanish order with its 'de' left out, as it is typed: tipo_ingreso -> "tipo de ingreso"."""
        for first in variants(words[0]):  # 'tipos de cliente' too
            for prep in ("de", "del", "de la", "de los", "de las"):
                self._add((first, *prep.split(), words[1]), Alias("column", 3, table, c.name))
        rev = _reverse_synonyms()
        firsts = {words[0]} | {v for w in rev.get(words[0], {}) for v in variants(w)}
        heads = {words[1]} | {v for w in rev.get(words[1], {}) for v in variants(w)}
        for h in heads:
            for f in firsts:
                for prep in ("de", "del", "de la", "de los", "de las"):
                    self._add(tuple(h.split()) + tuple(prep.split()) + tuple(f.split()),
                              Alias("column", 2, table, c.name))

    def _index_unit(self, table: str, c: Column, words: tuple[str, ...]) -> None:
        """Rule `unit_names_its_column`: the unit that ends a name, as people write it, names the column weakly
        ('total km ridden' for distance_km, 'trips longer than 5 km', 'over 90 minutes' for duration_min): a
        column named for the unit still wins, and two columns in the same unit make the word ambiguous. A
        one-letter unit and 'min' (a minimum as often) only as written out ('volts', 'minutes')."""
        if not without_unit(c.name) or c.label or len(words) > 2 and words[-2] in ("per", "por"):
            return  # a rate's units (yield_t_per_ha) say no column alone
        unit = words[-1]
        said = set(unit_spellings(unit))
        if len(unit) > 1 and unit != "min" and unit not in word_set("names", "letter_units"):
            said.add(unit)
        for w in said:
            if w.replace(" ", "").isalpha():
                self._add(tuple(norm(w).split()), Alias("column", 1, table, c.name))

    def _index_written_out(self, table: str, c: Column, words: tuple[str, ...]) -> None:
        """The name with its short forms written out, and without its unit."""
        # short forms written out: yrs_service -> "years service", "years of service"
        long = _written_out(words)
        if long != words:
            self._add(long, Alias("column", 2, table, c.name))
            if len(long) == 2:
                self._add((long[0], "of", long[1]), Alias("column", 2, table, c.name))
                for v in variants(long[0]):
                    self._add((v, "of", long[1]), Alias("column", 2, table, c.name))
        # a unit at the end is not what the column measures: delay_minutes is "delay", distance_km
        # "distance" (a plural's strength, so a column named "delay" still wins)
        stem = without_unit(c.name)
        if stem and not all(w in GENERIC_PARTS for w in stem):
            for form in dict.fromkeys((tuple(stem), _written_out(tuple(stem)))):  # dep_delay_min: "departure delay"
                for v in variants(form[-1]):
                    self._add(form[:-1] + (v,), Alias("column", 2, table, c.name))

    def _index_event_words(self, table: str, c: Column) -> None:
        """Rule `event_date_verb`: the event a date column records names it (hired_on: "hired", "hires",
        "hiring"), as the head of its name would: 'how many were hired in 2015', 'hires per month'."""
        # a Spanish date names its event after it (fecha_ingreso): that noun is the date's more than the
        # other names it ends (tipo_ingreso), so it is said as strongly as a plural of the name
        strength = 2 if spanish_event(name_words(c.name)) else 1
        for form in event_words(c.name):
            self._add((form,), Alias("column", strength, table, c.name))

    def _index_name_parts(self, table: str, c: Column, words: tuple[str, ...]) -> None:
        """Contiguous parts of a multi-word name ("age" of applicant_age, "rotten tomatoes"). Before a unit the
        head is the last word of what is measured: "delay" of dep_delay_min, as of delay_minutes."""
        stem = without_unit(c.name)
        end = len(stem) if stem and tuple(stem) == words[:len(stem)] else len(words)
        # edad_usuario: its last word is who has the age, a modifier ('usuarios con edad mayor de 60' counts them)
        spanish_head = len(words) == 2 and words[0] in word_set("names", "spanish_noun_heads")
        for n in range(1, len(words)):
            for s in range(len(words) - n + 1):
                part = words[s:s + n]
                if n == 1 and (part[0] in GENERIC_PARTS or len(part[0]) < 3):
                    continue
                # the head word ("age" of applicant_age) is a fair name; a modifier ("applicant" of
                # applicant_age) only when nothing else matches, unless the head says only that the column
                # is a number ("crew" of crew_size: prompts/words/names.json generic_heads)
                before_generic = s + n == len(words) - 1 and (
                    words[-1] in word_set("names", "generic_heads")
                    or c.kind == "text" and words[-1] in word_set("names", "generic_label_heads"))
                # 'precio' of precio_unitario: in Spanish the head comes first, an adjective after it
                # 'edad' of edad_ciudadano: a Spanish noun of what is measured heads the name, its 'de' left out
                head_first = s == 0 and n == len(words) - 1 \
                    and (words[-1] in word_set("names", "spanish_adjective_lasts") or spanish_head)
                strength = 1 if s + n in (len(words), end) or n > 1 or before_generic or head_first else 0
                if spanish_head and s == 1:
                    strength = 0
                for v in variants(part[-1]):
                    # rule `things_of_a_kind`: 'los arreglos' over tipo_arreglo are the repairs, not their kinds
                    # ('qué porcentaje de los arreglos fueron urgentes' was taken per kind); 'por arreglo' is the kind
                    # only where each row is one thing (an id unique to it, none repeated): over readings of
                    # customers ('cuántos clientes ...' over tipo_cliente and a repeated id_contador) the rows
                    # are no clients
                    things = s == 1 and len(words) == 2 and words[0] in word_set("names", "spanish_label_heads") \
                        and v != part[-1] and v.endswith("s") and self._rows_are_things(table)
                    self._add(part[:-1] + (v,), Alias("column", 0 if things else strength, table, c.name))

    def _rows_are_things(self, table: str) -> bool:
        """Each row is one thing of its own: an id column holds a value per row, and no id column repeats
        (the distinct counts are estimates, seen 5 % off: within 10 % of the rows is one a row)."""
        ids = [c for c in self.columns.get(table, []) if c.label]
        return bool(ids) and all(c.distinct >= 0.9 * c.table_rows for c in ids)

    def _index_values(self, table: str, c: Column) -> None:
        """A text column's values, whole and (one long word) in their singular/plural forms."""
        for val in c.values:
            vw = tuple(norm(val).split())
            if not vw:
                continue
            self._add(vw, Alias("value", 3, table, c.name, val))
            if len(vw) == 1 and len(vw[0]) >= 4:
                for v in variants(vw[0]):
                    self._add((v,), Alias("value", 2, table, c.name, val))

    def _index_column_meanings(self, table: str, cols: list[Column]) -> None:
        """Words for what a column holds rather than what it is called: places, lengths of time, distances."""
        # "country", "region": a column of place names, by its values (a synonym's strength, so a column
        # named "region" still wins; two such columns make the word ambiguous, as any shared synonym)
        for c in cols:
            if c.kind == "text" and c.values and is_place_column(c):
                for word in PLACE_WORDS:
                    self._add((word,), Alias("column", 1, table, c.name))
        # a word for a length of time ("length", "duration") names a number measured in time (Running Time,
        # call_minutes), weakly: a column named "length" still wins, two such columns make it ambiguous
        for c in cols:
            if c.numeric and not c.year_like and not c.label and is_time_span(c.name):
                for word in duration_words():
                    self._add((word,), Alias("column", 1, table, c.name))
            elif c.numeric and not c.label and is_distance(c.name):  # "longest flight": distance or duration
                for word in length_words():
                    self._add((word,), Alias("column", 1, table, c.name))
            if c.numeric and not c.label and any(w in word_set("names", "weight_names") for w in name_words(c.name)):
                self._add(("weight",), Alias("column", 1, table, c.name))  # "the heaviest ships": gross_tonnage

    def _index_value_synonyms(self, table: str, cols: list[Column]) -> None:
        """Value synonyms: "women" -> 'female' where some column holds 'female'."""
        by_norm: dict[str, list[tuple[str, str, Any]]] = {}
        for c in cols:
            if c.values and c.kind == "text":
                for val in c.values:
                    by_norm.setdefault(norm(val), []).append((table, c.name, val))
        for word, values in value_synonyms().items():
            for target in values:
                for t, col, val in by_norm.get(norm(target), []):
                    self._add(tuple(norm(word).split()), Alias("value", 1, t, col, val))

    # ------------------------------------------------------------------ lookups
    def lookup(self, words: tuple[str, ...]) -> list[Alias]:
        return self.aliases.get(words, [])

    def fuzzy_column(self, word: str, tables: list[str]) -> list[Alias]:
        """Columns whose name (or a word of it) is a near spelling of `word` (typos)."""
        if len(word) < 4:
            return []
        # only the columns' own words: a typo of a synonym ("pairs" ~ "pais") is too far to trust
        single = {k[0]: v for k, v in self.aliases.items() if len(k) == 1 and len(k[0]) >= (4 if len(word) < 5 else 5) and any(
            a.kind == "column" and a.strength == 3 and a.table in tables and not self._is_id(a) for a in v)}
        close = get_close_matches(word, list(single), n=3, cutoff=0.86)
        if not close and word.isalpha():  # "salray", "rnak": a swap of two letters or one slip, one column word
            near = [k for k in single if _one_slip(word, k)]
            close = near if len(near) == 1 else []
        out = []
        for k in close:
            out += [a for a in single[k] if a.kind == "column" and a.strength == 3 and a.table in tables]
        if out:
            return out
        # a word of a multi-word name ("poduction" of Production Budget) when it belongs to one column only
        parts: dict[str, set[tuple[str, str]]] = {}
        for table in tables:
            for c in self.columns.get(table, []):
                for w in norm(c.name).split():
                    if len(w) >= 5 and not c.label:
                        parts.setdefault(w, set()).add((table, c.name))
        for k in get_close_matches(word, [w for w, owners in parts.items() if len(owners) == 1], n=1, cutoff=0.86):
            table, name = next(iter(parts[k]))
            out.append(Alias("column", 2, table, name))
        return out

    def _is_id(self, a: Alias) -> bool:
        col = self.column(a.table, a.column) if a.column else None
        return col is not None and col.label

    def all_columns(self, table: str) -> list[Column]:
        return self.columns.get(table, [])

    def row_name(self, table: str) -> Column | None:
        """The text column that names each row, when rows are things (a movie, a ship, a person): named for
        a name of the row itself ('Title', 'name', 'movie_title' in movies, never 'vessel_name' in exports:
        that names another thing), and nearly every row has its own value (ROW_NAME_SHARE). Order lines or
        daily readings have none: an order id is unique but no name, and their names repeat."""
        stems = set(variants(norm(table).split()[-1])) if norm(table) else set()
        for c in self.all_columns(table):
            if c.kind != "text" or not is_display_name(c.name):
                continue
            before = name_words(c.name)[:-1]
            own = not before or bool(set(variants(before[-1])) & stems)
            rows = c.table_rows or 0
            if own and rows >= ROW_NAME_MIN_ROWS and c.distinct >= ROW_NAME_SHARE * min(rows, FIRST_ROWS):
                return c
        return None

    def row_measure(self, table: str) -> Column | None:
        """The one number column named for the row itself ('loan_amount' in loans, 'order_total' in orders),
        what 'the 5 largest loans' ranks. None when there are two ('trip_distance', 'trip_minutes': the
        longest trips by which?) or none; identifiers and codes never measure a row."""
        stems = set(variants(norm(table).split()[-1])) if norm(table) else set()
        own = [c for c in self.all_columns(table)
               if c.numeric and not c.label and len(name_words(c.name)) > 1
               and bool(set(variants(name_words(c.name)[0])) & stems)]
        return own[0] if len(own) == 1 else None

    def money_columns(self, table: str) -> list[Column]:
        """The number columns whose names say they hold money (price_usd, fee, importe), never an id."""
        return [c for c in self.all_columns(table) if c.numeric and not c.label and is_money(c.name)]

    def time_columns(self, table: str) -> list[Column]:
        cols = self.all_columns(table)
        dates = [c for c in cols if c.temporal]
        return dates or [c for c in cols if c.year_like]


def _one_slip(word: str, target: str) -> bool:
    """Two adjacent letters swapped ('rnak' -> rank); from five letters on, also one letter wrong, missing
    or extra ('salery'). Four-letter words allow only the swap: one wrong letter makes another word."""
    if word == target or abs(len(word) - len(target)) > 1 or min(len(word), len(target)) < 4:
        return False
    if len(word) == len(target):
        diff = [i for i in range(len(word)) if word[i] != target[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] \
                and word[diff[1]] == target[diff[0]]:
            return True
        return len(diff) == 1 and len(word) >= 5
    if min(len(word), len(target)) < 5:
        return False
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _written_out(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a column name with its short forms written out (prompts/words/abbreviations.json)."""
    short = load_words("abbreviations")["abbreviations"]
    if len(words) < 2:  # a one-word name ("temp") is a name of its own; only parts of longer names expand
        return words
    return tuple(short.get(w, w) for w in words)


def is_place_column(c: Column) -> bool:
    """Most of the column's values (at least two) are countries or continents."""
    hits = sum(norm(v) in PLACES for v in c.values)
    return hits >= 2 and hits >= 0.5 * len(c.values)


_REVERSE: dict[str, dict[str, list[str]]] | None = None


def _reverse_synonyms() -> dict[str, dict[str, list[str]]]:
    """column word -> {word a person may use instead: [targets]} (both directions of the synonym lists)."""
    global _REVERSE
    if _REVERSE is None:
        rev: dict[str, dict[str, list[str]]] = {}
        for word, synonyms in synonym_targets().items():
            for t in synonyms:
                for tw in norm(t).split() if " " not in t else [norm(t)]:
                    rev.setdefault(tw, {}).setdefault(word, []).append(t)
                    rev.setdefault(word, {}).setdefault(tw, []).append(word)
        _REVERSE = rev
    return _REVERSE


def _numbers_the_rows(c: Column) -> bool:
    """A whole number of its own for each row, named by one noun (pedido, ticket, invoice), its values
    nearly consecutive as numbers given in turn are (a salary is unique too, but spread): it numbers the rows,
    so the plural of its name is a noun for them (linker rule repeated_id)."""
    words = tuple(norm(c.name).split())
    if not (c.kind == "integer" and len(words) == 1 and not c.year_like and c.table_rows
            and isinstance(c.min, int) and isinstance(c.max, int)):
        return False
    return c.distinct >= 0.95 * c.table_rows and c.max - c.min + 1 <= 1.2 * c.table_rows \
        and words[0] not in word_set("rows", "row_id_words") and is_row_noun(words[0] + "s")
