"""Prompt text of schema cards: valid DDL, within budget, relevant columns first (EN and ES)."""

from __future__ import annotations

import duckdb
import pytest

from dsagent.tools.schema import card as schema_mod
from dsagent.tools.schema.card import get_schema_card, get_schema_cards
from dsagent.tools.schema.prompt import relevant_to, render_prompt
from dsagent.tools.schema.prompt import estimate_tokens


@pytest.fixture(autouse=True)
def _fresh_cache():
    schema_mod.clear_cache()


@pytest.fixture
def loans(make_csv, open_ws):
    rows = "".join(
        f"A{i:04d},{20 + i % 50},{'Female' if i % 3 else 'Male'},{['North', 'South'][i % 2]},{1000 + i * 10},"
        f"2024-01-{1 + i % 28:02d},{i % 2}\n" for i in range(200))
    ws = open_ws(make_csv("loans.csv", "application_id,applicant_age,sex,region,income,application_date,approved\n" + rows))
    return ws


@pytest.fixture
def wide(make_csv, open_ws):
    """300 columns with realistic, distinct names."""
    topics = ["income", "spend", "visits", "clicks", "returns", "rating", "tenure", "balance", "churn_risk", "age_band"]
    names = [f"{t}_{period}" for t in topics for period in
             [f"m{m:02d}" for m in range(1, 25)] + ["total", "avg", "max", "min", "std", "last"]]
    assert len(names) == 300
    header = "customer_id,país," + ",".join(names[:-2]) + "\n"
    rows = "".join(f"C{r:03d},{['España', 'México', 'Perú'][r % 3]}," + ",".join(str((r * 7 + i) % 97) for i in range(298)) + "\n"
                   for r in range(60))
    return open_ws(make_csv("wide.csv", header + rows))


def _ddl_is_valid(text: str) -> None:
    duckdb.connect().execute(text)  # comments and quoted odd names included


def test_full_text_is_valid_ddl_with_values(loans):
    text = render_prompt(loans)
    _ddl_is_valid(text)
    assert "CREATE TABLE loans ( -- 200 rows" in text
    assert "'Female' 133" in text and "'Male' 67" in text
    assert "2024-01-01..2024-01-28" in text
    assert "application_id VARCHAR, -- unique" in text


def test_workspace_or_cards_give_the_same_text(loans):
    assert render_prompt(loans) == render_prompt(get_schema_cards(loans))


def test_privacy_schema_shows_no_values(loans):
    text = render_prompt(loans, privacy="schema")
    _ddl_is_valid(text)
    assert "Female" not in text and "A0001" not in text and "2024-01" not in text
    assert "sex VARCHAR" in text


@pytest.mark.parametrize("question, must, must_not", [
    ("approval rate of women by region", {"sex", "region", "approved"}, {"income", "applicant_age"}),
    ("tasa de aprobación por región y sexo", {"sex", "region", "approved"}, {"income"}),
    ("average salary by age", {"income", "applicant_age"}, {"region"}),
    ("monthly trend of applications", {"application_date"}, {"income"}),
])
def test_relevant_to(loans, question, must, must_not):
    kept = {c.name for c in relevant_to(get_schema_card(loans, "loans"), question).columns}
    assert must <= kept, kept
    assert not (must_not & kept), kept


def test_relevant_to_keeps_everything_when_nothing_matches(loans):
    card = get_schema_card(loans, "loans")
    assert relevant_to(card, "hello there") is card


def test_300_columns_stay_under_1500_tokens(wide):
    card = get_schema_card(wide, "wide")
    assert len(card.columns) == 300
    assert estimate_tokens(render_prompt([card], budget_tokens=10**6)) > 1500  # the problem exists
    text = render_prompt([card], question="average spend_total per país")
    _ddl_is_valid(text)
    assert estimate_tokens(text) <= 1500
    assert '"país" VARCHAR, -- 3 values' in text or '"país" VARCHAR -- 3 values' in text
    assert "spend_total" in text and "customer_id" in text


def test_accents_are_folded_when_matching(wide):
    card = get_schema_card(wide, "wide")
    kept = [c.name for c in relevant_to(card, "clientes por pais").columns]
    assert "país" in kept


def test_budget_is_respected_at_every_size(wide, loans):
    cards = get_schema_cards(wide)
    for budget in (50, 200, 800, 1500, 4000):
        for question in (None, "rating_total by país"):
            text = render_prompt(cards, question=question, budget_tokens=budget)
            assert estimate_tokens(text) <= budget or text.count("\n") <= 3, (budget, question)
            _ddl_is_valid(text)


def test_other_tables_are_named_not_detailed_when_tight(make_csv, open_ws):
    ws = open_ws(make_csv("orders.csv", "order_id,amount,status\n1,10,paid\n2,20,open\n"),
                 make_csv("weather.csv", "day,temperature,rain\n2024-01-01,10,0\n2024-01-02,12,1\n"))
    full = render_prompt(ws, question="total amount by status")
    tight = render_prompt(ws, question="total amount by status", budget_tokens=estimate_tokens(full) - 10)
    assert "status VARCHAR" in tight and "'paid'" in tight
    assert "-- other columns: day, temperature, rain" in tight


def test_spanish_question_over_the_passengers_example(examples, open_ws):
    ws = open_ws(examples / "passengers.csv")
    card = get_schema_card(ws, "passengers")
    kept = {c.name for c in relevant_to(card, "¿Cuántos pasajeros sobrevivieron por clase y sexo?").columns}
    assert {"survived", "pclass", "sex"} <= kept
    assert "fare" not in kept and "embarked" not in kept
