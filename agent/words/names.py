"""What a column's name says it is: an identifier, a code, a date, a year, an age, a protected
attribute, personal data.

Each rule reads the words of the name (`text.name_words`: folded, lower case, camelCase and
separators split), so 'PassengerId', 'passenger_id' and 'Passenger ID' get the same answer from the
reviewer, the tools and the planner. The word lists are in prompts/words/names.json.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dsagent.words.data import load, word_set
from dsagent.words.text import name_words


def _set(key: str) -> frozenset[str]:
    return word_set("names", key)


def is_identifier(name: str) -> bool:
    """Named like a row or entity identifier: customer_id, PassengerId, UUID, order_no, id_cliente, row_number.

    A code (zip_code, country_code) is not one: codes repeat and label groups (see `is_code`).
    """
    words = name_words(name)
    if not words:
        return False
    if words[-1] in _set("identifier_last") or " ".join(words) in _set("identifier_whole"):
        return True
    if len(words) > 1 and words[0] in _set("identifier_first"):
        return True
    return " ".join(words[-2:]) in _set("identifier_pairs")


def rows_noun(table: str, columns: list[str]) -> str | None:
    """What a table's rows are, by its names, as a plural: the table's name when it is one plural word
    (vessels; readings, whose first column sensor_id names what a reading is of, not the reading), else
    the entity its first column identifies (response_id -> responses, TicketId -> tickets); None when the
    names do not say (daily_sales, feedback alone)."""
    words = name_words(table)
    if len(words) == 1 and words[0].isalpha() and len(words[0]) >= 4 and words[0].endswith("s") \
            and not words[0].endswith(("ss", "us", "is")):
        return words[0]
    words = name_words(columns[0]) if columns else []
    if len(words) == 2 and (words[1] == "id" or words[0] == "id"):
        noun = words[0] if words[1] == "id" else words[1]
        if noun.isalpha() and len(noun) >= 3 and noun not in _set("identifier_last"):
            return _plural(noun)
    return None


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("x", "ch", "sh")):
        return noun + "es"
    if noun.endswith(("cion", "sion", "dad")):
        return noun + "es"  # Spanish: transacciones, ciudades
    return noun + "s"


def is_code(name: str) -> bool:
    """Named like a code: zip_code, postcode, country_code, codigo_postal. Its values label, not measure."""
    words = name_words(name)
    return bool(words) and (words[-1] in _set("code_last") or (len(words) > 1 and words[0] in _set("code_first")))


def is_label(name: str) -> bool:
    """An identifier or a code: numbers that name something (no sums, outliers or thousands separators)."""
    return is_identifier(name) or is_code(name)


def is_display_name(name: str) -> bool:
    """Named like what a row is called by people: name, title, label, author_name, nombre. An answer
    about an entity shows this column rather than its identifier."""
    words = name_words(name)
    return bool(words) and words[-1] in _set("display_last")


def is_date_name(name: str) -> bool:
    """Named like a date or time: order_date, Fecha, created_at, timestamp, Release Year, signup_day."""
    words = name_words(name)
    if not words:
        return False
    if any(w in _set("date_words") for w in words):
        return True
    return len(words) > 1 and words[-1] in _set("date_last")


def is_year_name(name: str) -> bool:
    """A year: 'Year', 'release_year', 'año'; not a duration in years ('employment_years')."""
    return any(w in _set("year_words") for w in name_words(name))


def is_age_name(name: str) -> bool:
    """An age in years: age, applicant_age, edad."""
    return any(w in _set("age_words") for w in name_words(name))


def is_time_span(name: str) -> bool:
    """A length of time by its name: 'Running Time', 'call_minutes', 'days_to_ship', 'duracion', and a short
    unit of time after a word for a length of time (runtime_min, duration_h; not temp_min, nor dep_delay_min,
    which 'the longest stays' beside length_of_stay would make ambiguous)."""
    words = name_words(name)
    if any(w in _set("time_span_units") for w in words):
        return True
    stem = without_unit(name) if len(words) > 1 and words[-1] in ("min", "h", "hr", "s", "sec") else None
    return bool(stem) and any(w in _set("duration_words") for w in stem)


def without_unit(name: str) -> tuple[str, ...] | None:
    """The words of a name before a trailing unit of measure: delay_minutes -> ('delay',), distance_km ->
    ('distance',), price_usd -> ('price',); None when the name does not end in a unit after other words."""
    words = name_words(name)
    rate_units = _set("unit_last") | _set("rate_units")
    if len(words) > 3 and words[-2] in ("per", "por") and words[-1] in rate_units and words[-3] in rate_units:
        return tuple(words[:-3])  # yield_t_per_ha, fertilizer_kg_per_ha: a rate in units of its own
    if len(words) > 2 and words[-1] in _set("unit_last") and words[-2] in _set("unit_last"):
        return tuple(words[:-2])  # a unit of two words: irradiance_kwh_m2 (kWh per square metre)
    if len(words) > 1 and words[-1] in _set("unit_last"):
        return tuple(words[:-1])
    measured = load("names").get("letter_units", {}).get(words[-1]) if len(words) > 1 else None
    if measured and words[-2] in measured:  # temperature_c, battery_v; not score_c
        return tuple(words[:-1])
    return None


def unit_spellings(unit: str) -> frozenset[str]:
    """How a person writes out a unit that ends a name: 'min' -> minutes, minute, mins; 'v' -> volts."""
    return frozenset(load("names").get("unit_spelled", {}).get(unit, ()))


def is_spelled_unit(word: str) -> bool:
    """A unit as people write it after a number (minutes, volts, euros, dollars): never a noun for the rows."""
    return any(word in spelled for spelled in load("names").get("unit_spelled", {}).values())


def is_currency_word(word: str) -> bool:
    """A currency written after a number: euros, dollars, pounds (names.json unit_spelled of usd, eur, gbp)."""
    spelled = load("names").get("unit_spelled", {})
    return any(word in spelled.get(code, ()) or word == code for code in ("usd", "eur", "gbp"))


def event_words(name: str) -> tuple[str, ...]:
    """The words for the event a date column records, by its name: hired_on -> hired, hire, hires,
    hiring; shipped_at -> shipped, ship, ships, shipping. A past participle before a last word that
    marks a date (prompts/words/names.json date_last: at, on); nothing for any other name."""
    words = name_words(name)
    spanish = spanish_event(words)
    if spanish:
        return spanish
    if len(words) == 2 and words[-1] == "date" and words[0].isalpha() and len(words[0]) >= 4 \
            and words[0] not in _set("date_last") and not words[0].endswith(("ed", "ing")):  # reading_date: rows
        return _base_forms(words[0])  # hire_date, loan_date: 'hires', 'hired', 'hiring'
    if len(words) < 2 or words[-1] not in _set("date_last"):
        return ()
    done = words[-2]
    if len(done) < 5 or not done.endswith("ed"):
        return ()
    if done.endswith("ied"):
        bases = [done[:-3] + "y"]
    elif len(done) > 5 and done[-3] == done[-4] and done[-3] not in "aeiouls":
        bases = [done[:-3]]  # shipped -> ship (not called -> cal, passed -> pas)
    else:
        bases = [done[:-1], done[:-2]]  # hired -> hire, joined -> join (the other is no word anyone types)
    forms = [done]
    for base in bases:
        plural = base[:-1] + "ies" if base.endswith("y") else base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
        forms += [base, plural,
                  (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"]
    if done[-3] == done[-4] and done[-3] not in "aeiou":
        forms.append(done[:-2] + "ing")  # shipped -> shipping
    return tuple(dict.fromkeys(forms))


def start_of_the_span(names: list[str]) -> str | None:
    """Of several date columns, the one named for when a row's span begins (opened_at beside closed_at,
    date_in beside date_out, fecha_inicio beside fecha_fin): the date a year or a grain is of when the
    request names none. None unless exactly one name has a start word and every other an end word
    (names.json span_start, span_end): created_at beside updated_at, or two dates of events, stay asked."""
    start, end = _set("span_start"), _set("span_end")
    starts, ends = [], 0
    for name in names:
        words = set(name_words(name))
        if words & start and not words & end:
            starts.append(name)
        elif words & end and not words & start:
            ends += 1
    return starts[0] if len(starts) == 1 and ends == len(names) - 1 else None


def _base_forms(base: str) -> tuple[str, ...]:
    """A verb or noun and the forms a request uses for its event: hire -> hire, hires, hired, hiring."""
    plural = base[:-1] + "ies" if base.endswith("y") and base[-2] not in "aeiou" else \
        base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
    past = base + "d" if base.endswith("e") else base[:-1] + "ied" if base.endswith("y") and base[-2] not in "aeiou" \
        else base + "ed"
    ing = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    return tuple(dict.fromkeys((base, plural, past, ing)))


def spanish_event(words: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """'fecha_ingreso', 'fecha_de_alta': in Spanish the date comes first and the event after it (names.json
    date_first): the event noun and its plural (ingreso, ingresos; alta, altas). Nothing for other names."""
    words = [w for w in words if w not in ("de", "del")]
    if len(words) != 2 or words[0] not in _set("date_first") or len(words[1]) < 3 or not words[1].isalpha():
        return ()
    noun = words[1]
    verbs = tuple(load("names").get("spanish_event_verbs", {}).get(noun, ()))  # 'se abrieron' of apertura
    return (noun, noun + ("s" if noun[-1] in "aeiou" else "es")) + verbs


def is_distance(name: str) -> bool:
    """A distance by its name: distance_km, trip_miles, longitud; not a rate of one (miles_per_gallon, km_per_hour)."""
    words = name_words(name)
    return any(w in _set("distance_words") for w in words) and not any(w in _set("rate_words") for w in words)


def length_words() -> frozenset[str]:
    """'length', 'longest' (a lexicon keyword with the parameter 'length'): a distance or a length of time."""
    return _set("length_words")


def duration_words() -> frozenset[str]:
    """Words a person uses for a length of time ('duration', 'length', 'duración'): they name a time span."""
    return _set("duration_words")


@lru_cache(maxsize=None)
def _protected_patterns() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(rf"^(?:{p})$"), attr) for p, attr in load("names")["protected"]]


def protected_attribute(name: str) -> str | None:
    """The protected attribute a column name stands for ('sex', 'race/ethnicity', 'age' ...), or None.

    Three rules in turn: a name that starts or ends with a statistic ('avg_age', 'edad_media') is a measure
    of the attribute, not the attribute; the whole-name patterns ('date_of_birth', 'estado_civil');
    then one word that names the attribute, in full, abbreviated or in Spanish ('ethn', 'raza',
    'agegrp'), with only qualifiers beside it ('applicant_race', 'sexo_cod', 'grupo_edad') or as the
    head of the name (last in English, 'claimant_gender'; first in Spanish, 'discapacidad_reconocida';
    not a word with an everyday meaning too: 'next_race').
    """
    words = name_words(name)
    if len(words) > 1 and (words[0] in _set("statistic_first") or words[-1] in _set("statistic_last")):
        return None
    folded = "_".join(words)
    for pattern, attr in _protected_patterns():
        if pattern.match(folded):
            return attr
    for i, word in enumerate(words):
        attr = _protected_word(word)
        if not attr:
            continue
        if all(w in _set("protected_qualifiers") or _abbreviates(w, attr) for j, w in enumerate(words) if j != i):
            return attr
        head = i == len(words) - 1 or (i == 0 and word in _set("protected_head_first"))
        if head and word not in _set("protected_ambiguous") and not is_identifier(name):
            return attr  # the head of the name: 'claimant_gender', 'mother_ethnicity', 'discapacidad_reconocida'
    return None


@lru_cache(maxsize=None)
def _protected_word_map() -> dict[str, str]:
    return {w: attr for attr, ws in load("names")["protected_words"].items() for w in ws}


def _protected_word(word: str) -> str | None:
    """'ethn' -> race/ethnicity; 'agegrp', 'racecd' (a word plus a compound suffix) too."""
    table = _protected_word_map()
    if word in table:
        return table[word]
    for suffix in _set("protected_compound_suffixes"):
        if word.endswith(suffix) and word[: -len(suffix)] in table:
            return table[word[: -len(suffix)]]
    return None


def _abbreviates(word: str, attr: str) -> bool:
    """'eth' in 'race_eth': a word of three letters or more that starts a word of the same attribute."""
    return len(word) >= 3 and any(w.startswith(word) for w, a in _protected_word_map().items() if a == attr)


def is_bare_name(name: str) -> bool:
    """'name', 'Name', 'nombre', 'fullname': named for a name without saying whose (a ship's, a film's,
    a person's). Whether it is a person's depends on the table (ethics.people.describes_people)."""
    words = name_words(name)
    return len(words) == 1 and words[0] in _set("bare_name_words")


def names_people(name: str, table: bool = False) -> bool:
    """A column name with a word for one person or a person's attribute ('passenger_class', 'salary',
    'surname'), or a table name with a word for people ('passengers', 'empleados', 'staff').

    In a column name a plural counts people ('employees', 'passengers_m', 'visitantes'): a row of
    companies or airports, not a person.
    """
    people, attributes = _set("people_words"), _set("person_attribute_words")
    if table:
        from dsagent.words.text import variants

        return any(w in _set("people_collective") or w in attributes or variants(w) & people
                   for w in name_words(name))
    return any(w in people or w in attributes for w in name_words(name))


def names_person_attribute(name: str) -> bool:
    """A column name with a word for a person's attribute ('salary', 'occupation', 'surname')."""
    return any(w in _set("person_attribute_words") for w in name_words(name))


def _person_name(words: list[str]) -> bool:
    """name, full_name, customer_name, CustomerName, nombre_completo, apellidos: a person's name."""
    names, qualifiers = _set("person_name_words"), _set("person_qualifiers")
    if len(words) == 1:
        w = words[0]
        return w in names or any(w.endswith(n) and w[: -len(n)] in qualifiers for n in ("name", "nombre"))
    if words[-1] in names:
        return all(w in qualifiers for w in words[:-1])
    return words[0] in names and all(w in qualifiers for w in words[1:])


def personal_data(name: str) -> str | None:
    """The kind of personal data a column name says it holds (PERSON, EMAIL, PHONE, ADDRESS, ...), or None."""
    words = name_words(name)
    if not words:
        return None
    if _person_name(words):
        return "PERSON"
    joined = "".join(words)
    for entity, entity_words in load("names")["personal"].items():
        if any(w in entity_words for w in words) or (entity == "EMAIL" and "email" in joined):
            return entity
    return None

