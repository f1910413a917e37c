"""The reviewer speaks the request's language: a Spanish question gets Spanish findings, an English one
the English text as before (the messages are data in prompts/ethics.json)."""

from __future__ import annotations

import json

import pandas as pd

from dsagent.cli import cli
from dsagent.ethics.fairness import check_proxies
from dsagent.ethics.leakage import check_feature_leakage
from dsagent.ethics.representation import check_group_sizes
from dsagent.render.console import SafeConsole
from dsagent.render.findings import render
from dsagent.render.context import rendering
from dsagent.words.language import speaking


def _people(make_csv):
    lines = ["sex,age,fare"] + [f"{'female' if i % 2 else 'male'},{20 + i % 40},{10 + i}" for i in range(80)]
    return make_csv("people.csv", "\n".join(lines) + "\n")


def _ask(capsys, path, question):
    code = cli(["ask", str(path), question, "--provider", "offline", "--json"])
    assert code == 0
    return json.loads(capsys.readouterr().out)


def test_a_spanish_question_gets_spanish_reviewer_lines(capsys, make_csv):
    path = _people(make_csv)
    es = _ask(capsys, path, "media de edad por sexo")
    c1 = [f for f in es["review"] if f["id"] == "C1"]
    assert c1 and "atributo protegido" in c1[0]["message"] and "(sexo)" in c1[0]["message"], es["review"]
    en = _ask(capsys, path, "average age by sex")
    c1 = [f for f in en["review"] if f["id"] == "C1"]
    assert c1[0]["message"] == ("Rows are grouped by 'sex' (sex), a protected attribute: differences describe "
                                "this data, not what people of a group are like or deserve.")


def test_leakage_and_proxy_findings_in_spanish():
    frame = pd.DataFrame({"row_id": range(100), "y": [i % 2 for i in range(100)],
                          "sexo": ["m" if i % 2 else "f" for i in range(100)],
                          "proxy": ["a" if i % 2 else "b" for i in range(100)]})
    with speaking("es"):
        a4 = [f for f in check_feature_leakage(frame, "y", ["row_id"]) if f.id == "A4"]
        c = check_proxies(frame, ["proxy", "sexo"], {"sexo": "sex"})
    assert a4[0].message.startswith("'row_id' tiene un valor distinto en cada fila") and "variables" in a4[0].fix
    assert any(f.id == "C2" and "V de Cramér" in f.message and "(sexo)" in f.message for f in c)
    assert any(f.id == "C1" and "se usa como variable" in f.message for f in c)
    english = [f for f in check_feature_leakage(frame, "y", ["row_id"]) if f.id == "A4"]
    assert english[0].fix == "Left 'row_id' out of the features."


def test_small_groups_say_one_group_and_one_row_in_both_languages():
    rows = [["a", 1.0, 3], ["b", 2.0, 50]]
    with speaking("es"):
        es = check_group_sizes(["g", "avg_x", "n"], [list(r) for r in rows], count_column=2, key_columns=[0])
    assert es[0].message.startswith("1 grupo se apoya en menos de 5 filas") and "a (3 filas)" in es[0].message
    one = check_group_sizes(["g", "avg_x", "n"], [["a", 1.0, 1], ["b", 2.0, 50]], count_column=2, key_columns=[0])
    assert "a (1 row)" in one[0].message


def test_the_review_panel_names_its_statistics_in_spanish():
    frame = pd.DataFrame({"row_id": range(100), "y": [i % 2 for i in range(100)]})
    with speaking("es"):
        findings = check_feature_leakage(frame, "y", ["row_id"])
    console = SafeConsole(record=True, width=200)
    with rendering(lang="es"):
        render(findings, console)
    text = console.export_text()
    assert "revisión" in text and "proporción de valores distintos" in text and "share of distinct" not in text


def test_kinds_of_personal_data_are_named_in_the_answers_language():
    from dsagent.ethics.privacy import entity_named

    assert entity_named("EMAIL") == "email" and entity_named("BIRTH_DATE") == "birth date"
    with speaking("es"):
        assert entity_named("EMAIL") == "correo electrónico" and entity_named("PERSON") == "persona"


def test_prompt_screening_names_the_kinds_of_personal_data_in_the_request_language():
    from dsagent.ethics.privacy import screen_prompt

    text = "write to a@b.com or c@d.com from 192.168.10.25 and 10.0.0.7, or call +34 612 345 678"
    english = screen_prompt(text)[1][0].message
    assert english == "Masked 2 emails, 2 ip addresses, 1 phone before sending the prompt to the model."
    with speaking("es"):
        masked = screen_prompt(text)[1][0].message
        schema = screen_prompt(text, "schema")[1][0].message
    assert "2 correos electrónicos, 2 direcciones IP, 1 teléfono" in masked
    assert "2 correos electrónicos" in schema and "emails" not in masked + schema
