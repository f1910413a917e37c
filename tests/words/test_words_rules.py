"""Each rule of the shared vocabulary against its own fixture file (tests/fixtures/words/<rule>.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dsagent.words import names
from dsagent.words.language import detect_language
from dsagent.words.text import norm, same_name, squash, variants

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "words"
RULES = {"identifier": names.is_identifier, "code": names.is_code, "date": names.is_date_name,
         "year": names.is_year_name, "protected": names.protected_attribute, "personal": names.personal_data,
         "unit": lambda n: list(names.without_unit(n) or ()) or None, "distance": names.is_distance,
         "time_span": names.is_time_span,
         "event": lambda n: list(names.event_words(n)) or None}


def _cases(rule: str) -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / f"{rule}.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("rule,case", [(r, c) for r in RULES for c in _cases(r)],
                         ids=lambda v: v if isinstance(v, str) else v["name"])
def test_name_rule(rule, case):
    assert RULES[rule](case["name"]) == case["expect"]


@pytest.mark.parametrize("case", _cases("language"), ids=lambda c: c["text"][:40])
def test_language(case):
    assert detect_language(case["text"]) == case["expect"]


def test_normalising():
    assert norm("PassengerId") == "passenger id" and norm("Precio_Final") == "precio final"
    assert norm("Año de Fabricación") == "ano de fabricacion"
    assert squash("Unit Price") == squash("unit_price") == "unitprice"
    assert same_name("Unit Price", "unit_prices") and not same_name("price", "prize")
    assert variants("category") >= {"category", "categories"} and "class" in variants("classes")


@pytest.mark.parametrize("table,columns,expect", [
    ("feedback", ["response_id", "team"], "responses"),  # the entity its first column identifies
    ("t", ["TicketId", "opened"], "tickets"),
    ("t", ["city_id"], "cities"),
    ("pedidos", ["id_pedido", "fecha"], "pedidos"),
    ("vessels", ["vessel", "flag"], "vessels"),  # the table's one plural word
    ("readings", ["sensor_id", "site"], "readings"),  # first: sensor_id names what a reading is of
    ("orders", ["customer_id", "total"], "orders"),
    ("daily_sales", ["date", "units"], None),
    ("feedback", ["submitted", "team"], None),
    ("status", ["a"], None),
    ("t", ["id", "x"], None),
])
def test_what_rows_are_by_the_tables_names(table, columns, expect):
    assert names.rows_noun(table, columns) == expect
