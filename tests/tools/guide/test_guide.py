"""generative_guide and `dsagent guide`: recommendations by data type and goal, English and Spanish."""

from __future__ import annotations

import json

import pytest

from dsagent.cli import cli
from dsagent.tools.base import ToolContext, get_tool
from dsagent.tools.guide.tool import recommend
from dsagent.words.language import detect_language
from dsagent.tools.guide.families import COLUMNS, FAMILIES, RATINGS

CASES = [  # question, expected data type, expected family
    ("I need more rows for a small customer table", "tabular", "gaussian_copula"),
    ("balance the minority class in my tabular data", "tabular", "gaussian_copula"),
    ("which model should I use to generate realistic photos?", "image", "diffusion"),
    ("generate text like our product reviews", "text", "autoregressive"),
    ("density estimation for anomaly detection on sensor time series", "time_series", "autoregressive"),
    ("¿Qué modelo generativo uso para crear imágenes médicas realistas?", "image", "diffusion"),
    ("necesito más filas de una tabla de clientes pequeña", "tabular", "gaussian_copula"),
    ("fast images on a laptop without gpu", "image", "vae"),
]


@pytest.mark.parametrize("question,dtype,family", CASES)
def test_recommendation_by_data_type_and_goal(question, dtype, family):
    r = recommend(question)
    assert r.data_type == dtype and r.data_type_source == "question"
    assert r.recommendation["family"] == family
    assert r.recommendation["reasons"] and r.recommendation["runner_up_family"] != family


def test_no_family_is_recommended_for_data_it_does_not_fit():
    for question in ("generate text", "make audio", "generate images"):
        r = recommend(question)
        assert r.recommendation["family"] not in ("gaussian_copula", "bayesian_network")


def test_table_is_complete_in_both_languages():
    keys = set(COLUMNS) - {"family"}
    for fam in FAMILIES:
        assert set(fam["ratings"]) == set(RATINGS)
        assert fam["name"]["en"] and fam["name"]["es"]
        for k in keys:
            assert fam[k]["en"] and fam[k]["es"] and fam[k]["en"] != fam[k]["es"] or k == "data" and fam["key"] == "vae"
    assert {f["key"] for f in FAMILIES} >= {"gan", "vae", "autoregressive", "diffusion", "flow", "gaussian_copula",
                                           "bayesian_network"}


def test_language_detection_and_spanish_output():
    assert detect_language("¿Qué modelo generativo debo usar para mis datos?") == "es"
    assert detect_language("Which generative model should I use for my data?") == "en"
    r = recommend("quiero equilibrar una clase minoritaria en mi tabla")
    assert r.language == "es" and r.text.startswith("Recomendación: Cópula gaussiana")
    assert "equilibrar una clase" in r.text and r.columns["quality"] == "calidad de las muestras"
    assert r.table[0]["family"] == "Cópula gaussiana"


def test_tool_uses_workspace_column_kinds(examples, open_ws, make_csv):
    path = make_csv("people.csv", "id,age,city,joined\n" + "\n".join(f"{i},{20 + i},c{i % 3},2024-01-0{i % 9 + 1}"
                                                                      for i in range(1, 30)) + "\n")
    ws = open_ws(path)
    r = get_tool("generative_guide").run(ws, {"question": "which generative model should I use?"}, ToolContext())
    assert r.data_type == "tabular" and r.data_type_source == "workspace"
    assert r.recommendation["family"] == "gaussian_copula"
    assert any("people" in reason and "29 rows" in reason for reason in r.recommendation["reasons"])
    assert "synthesize" in r.text or "synthetic rows" in r.text
    r = get_tool("generative_guide").run(ws, {"question": "¿qué modelo uso para generar imágenes?", "language": "en"},
                                         ToolContext())
    assert r.data_type == "image" and r.language == "es"  # the question's language wins over a default


def test_cli_guide_renders_a_table(capsys):
    assert cli(["guide", "I need more rows for a small customer table"]) == 0
    out = capsys.readouterr().out
    assert "Generative model families" in out and "★ Gaussian copula" in out and "Recommendation" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert cli(["guide", "imágenes realistas", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "Familias de modelos generativos" in out and "Modelo de difusión" in out


def test_cli_guide_json_and_data(capsys, make_csv):
    path = make_csv("t.csv", "a,b\n1,x\n2,y\n3,x\n")
    assert cli(["guide", "what model?", "--data", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "guide" and data["data_type_source"] == "workspace"
    assert len(data["table"]) == len(FAMILIES) and data["recommendation"]["family"] == "gaussian_copula"


def test_empty_question_asks_for_data_and_goal():
    r = recommend("")
    assert r.data_type is None and r.goals == [] and r.text.startswith("Tell me what data you have")
    assert recommend("", language="es").text.startswith("Dime qué datos tienes")
