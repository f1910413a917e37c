"""Every part of dsagent gives the same answer about the same words (issue 15, "one vocabulary").

A table of requests and column names is walked through each consumer: the offline planner, the
narrative and the guide (language); the planner's linker, the model tool, synth, clean and the
reviewer (identifier, code, date); the reviewer and the model tool (protected attribute); the
privacy reviewer and the prompt builder (personal data). Each consumer is asked through its own
code path, and every answer must equal the one rule in `dsagent.words`.
"""

from __future__ import annotations

import csv
import json

import pytest

from dsagent.words import names
from dsagent.words.language import detect_language

TEXTS = ["media de edad por clase", "average age by class", "¿cuántos pedidos hay por país?",
         "how many orders per country", "total de ventas por región", "total sales by region",
         "gráfico de barras de ventas", "bar chart of sales", "muestra las filas", "predict approved"]

# distinct up to case and spacing (they become columns of one table)
NAMES = ["PassengerId", "customer_id", "Order ID", "uuid", "order_no", "invoice_number", "id_cliente", "row_number",
         "zip_code", "country_code", "num_rooms", "price_index", "age", "fare", "rating", "paid", "valid", "idea",
         "Unnamed: 0", "keyboard"]
DATE_NAMES = ["order_date", "fecha", "created_at", "Release Date", "signup_day", "notes", "media", "comment",
              "diameter", "candidate"]
PROTECTED_NAMES = ["sex", "gender", "género", "race", "ethnicity", "applicant_age", "edad", "religion",
                   "marital_status", "nationality", "region", "income", "usage", "stage", "passenger_id"]
PERSONAL_NAMES = ["name", "full_name", "Customer Name", "nombre", "apellidos", "email", "telefono", "address",
                  "product_name", "Product Name", "company_name", "region", "status"]


# ------------------------------------------------------------------------------------------------ language
def _planner_language(text: str) -> str:
    from dsagent.offline.grammar.parse import parse_items
    from dsagent.offline.columns import Column
    from dsagent.offline.linker import SchemaIndex

    index = SchemaIndex({"t": [Column("t", "age", "INTEGER", "integer"), Column("t", "class", "VARCHAR", "text")]})
    return parse_items(text, index, "t")[2]


def _narrative_language(text: str) -> str:
    from dsagent.llm.prompting import load_json
    from dsagent.narrative import narrate

    class Empty:
        sql = None

        def to_json(self):
            return {"kind": "table", "rows": [], "columns": ["n"], "row_count": 0, "truncated": False}

    said = narrate(Empty(), text)
    return next(lang for lang, t in load_json("narrative.json").items() if t["empty"] == said)


def _guide_language(text: str) -> str:
    from dsagent.tools.guide.tool import recommend

    return recommend(text).language


@pytest.mark.parametrize("text", TEXTS)
def test_language_agrees(text):
    answers = {"planner": _planner_language(text), "narrative": _narrative_language(text),
               "guide": _guide_language(text)}
    assert set(answers.values()) == {detect_language(text)}, answers


# ------------------------------------------------------------------------------------------------ identifiers
@pytest.fixture(scope="module")
def names_table(tmp_path_factory):
    """One table, a column per name: integers 0..19 three times each, one value missing."""
    from dsagent.data.workspace import Workspace

    path = tmp_path_factory.mktemp("words") / "names.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(NAMES)
        for i in range(60):
            out.writerow(["" if i == 7 else (i * 7) % 20 for _ in NAMES])
    ws = Workspace.open([str(path)])
    yield ws
    ws.close()


def _frame(values):
    import pandas as pd

    return pd.DataFrame({n: values for n in NAMES})


def test_identifier_agrees(names_table):
    import pandas as pd

    from dsagent.ethics.leakage import check_feature_leakage
    from dsagent.offline.columns import Column
    from dsagent.tools.clean.detect import propose
    from dsagent.tools.model.data import entity_key
    from dsagent.tools.synth.run import column_kinds

    repeated = _frame([i // 3 for i in range(60)])
    unique = _frame(list(range(60)))
    target = pd.Series([i % 2 for i in range(60)])
    leaky = pd.DataFrame({n: (target * 10 + [i % 3 for i in range(60)]) for n in NAMES} | {"y": target})
    leak = check_feature_leakage(leaky, "y", NAMES, "classification")
    a3 = {c for f in leak if f.id == "A3" for c in f.columns}
    _, notes = propose(names_table, names_table.default_table())
    left_alone = {c for c in NAMES for n in notes if n.startswith(f"{c}: ")
                  and ("values left as they are" in n or "1 missing value left as it is" in n)}
    kinds, _ = column_kinds(unique, {n: "BIGINT" for n in NAMES})
    for name in NAMES:
        rule = names.is_identifier(name)
        label = rule or names.is_code(name)
        answers = {
            "planner": Column("t", name, "BIGINT", "integer").identifier,
            "model (grouped split key)": entity_key(repeated, [name]) == name,
            "synth": kinds[name] == "id",
            "reviewer (A3 id-like)": name in a3,
        }
        assert set(answers.values()) == {rule}, (name, answers)
        # codes are not identifiers, but neither are they measures: clean and the planner leave both alone
        assert {name in left_alone, Column("t", name, "BIGINT", "integer").label} == {label}, name


@pytest.mark.parametrize("name", DATE_NAMES)
def test_date_name_agrees(name):
    import pandas as pd

    from dsagent.ethics.leakage import is_date_like
    from dsagent.tools.model.data import parse_text_dates

    values = pd.Series(["2024-01-0%d" % (i % 9 + 1) for i in range(30)])
    frame = pd.DataFrame({name: values})
    answers = {"reviewer": is_date_like(values, name), "model": parse_text_dates(frame, {name: "VARCHAR"}) == [name]}
    assert set(answers.values()) == {names.is_date_name(name)}, answers


# ------------------------------------------------------------------------------------------------ protected
@pytest.mark.parametrize("name", PROTECTED_NAMES)
def test_protected_attribute_agrees(name):
    import pandas as pd

    from dsagent.ethics.review import review_result
    from dsagent.tools.sql import TableResult
    from dsagent.tools.model.data import Plan, _protected

    frame = pd.DataFrame({name: ["a", "b", "c"] * 10, "other": list(range(30)), "y": [0, 1] * 15})
    plan = Plan(table="t", target="y", task="binary", features=[name, "other"], numeric=[], categorical=[])
    _protected(frame, plan, explicit=False, allow=set())
    shown = TableResult(query=f'SELECT "{name}", count(*) AS n FROM t GROUP BY 1', columns=[name, "n"],
                        types=["VARCHAR", "BIGINT"], rows=[["a", 40], ["b", 40]], row_count=2, truncated=False)
    c1 = [f for f in review_result(shown, None, None) if f.id == "C1"]
    rule = names.protected_attribute(name)
    answers = {"model": plan.protected.get(name), "reviewer": c1[0].message.split("(")[1].split(")")[0] if c1 else None}
    assert set(answers.values()) == {rule}, answers


# ------------------------------------------------------------------------------------------------ personal data
def test_personal_data_agrees(tmp_path):
    from dsagent.data.workspace import Workspace
    from dsagent.ethics.privacy import pii_columns_of_rows
    from dsagent.llm.prompting import _examples

    path = tmp_path / "people.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(PERSONAL_NAMES)
        for i in range(12):
            out.writerow([["Ann Lee", "Bo Diaz", "Cy Park"][i % 3]] * len(PERSONAL_NAMES))
    ws = Workspace.open([str(path)])
    try:
        table = ws.default_table()
        rows = [["Ann Lee", "Bo Diaz", "Cy Park"][i % 3] for i in range(12)]
        for name in PERSONAL_NAMES:
            rule = names.personal_data(name)
            found = pii_columns_of_rows([name], [[v] for v in rows])
            answers = {"reviewer (a person's name)": found.get(name) == "PERSON",
                       "prompt examples withheld": not _examples(ws, table, [(name, "VARCHAR")], "masked")}
            assert answers["reviewer (a person's name)"] == (rule == "PERSON"), (name, answers)
            assert answers["prompt examples withheld"] == (rule is not None), (name, answers)
    finally:
        ws.close()


def test_fixture_words_are_json():
    """The word lists are data files that parse (a syntax slip would fail every consumer at once)."""
    from importlib import resources

    folder = resources.files("dsagent.prompts").joinpath("words")
    files = [p for p in folder.iterdir() if p.name.endswith(".json")]
    assert files and all(json.loads(p.read_text(encoding="utf-8")) for p in files)
