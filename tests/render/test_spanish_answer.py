"""One language per answer: a Spanish request gets Spanish words around the data (table footer,
narrative, the reviewer's panel, the cleaning plan, the model summary), an English one English."""

from __future__ import annotations

import json

import pytest

from dsagent.cli import cli


@pytest.fixture
def fake_script(tmp_path, monkeypatch):
    def write(*replies):
        path = tmp_path / "replies.json"
        path.write_text(json.dumps(list(replies)), encoding="utf-8")
        monkeypatch.setenv("DSAGENT_FAKE_SCRIPT", str(path))
    return write


@pytest.fixture
def groups(make_csv):
    rows = [f"{g},{v}" for g, n in (("norte", 30), ("sur", 8), ("este", 2)) for v in range(n)]
    return str(make_csv("ventas.csv", "region,importe\n" + "\n".join(rows) + "\n"))


def _ask(capsys, *argv) -> str:
    cli(["ask", *argv])
    return capsys.readouterr().out


def test_a_spanish_question_gets_spanish_words_around_the_table(capsys, fake_script, groups):
    sql = "SELECT region, avg(importe) AS media FROM ventas GROUP BY 1 ORDER BY 1"
    fake_script({"tool": "run_sql", "args": {"sql": sql}})
    out = _ask(capsys, groups, "¿cuál es el importe medio por región?", "--provider", "fake")
    assert "3 filas" in out and "3 rows" not in out
    assert "oculto (< 5 filas)" in out  # the 2-row group, withheld by the reviewer
    assert "Mayor media: norte (14.5); menor: sur (3.5). 3 filas." in out
    assert "revisión:" in out and "BLOQUEO" in out and "AVISO" in out and "umbral" in out
    assert "review:" not in out and "threshold" not in out


def test_an_english_question_keeps_english(capsys, fake_script, groups):
    sql = "SELECT region, avg(importe) AS mean FROM ventas GROUP BY 1 ORDER BY 1"
    fake_script({"tool": "run_sql", "args": {"sql": sql}})
    out = _ask(capsys, groups, "average amount by region", "--provider", "fake")
    assert "3 rows" in out and "hidden (< 5 rows)" in out and "review:" in out and "BLOCK" in out


def test_a_spanish_cleaning_plan(capsys, make_csv):
    rows = [f"{i},{'lluvia' if i % 2 else 'sol'},{10 + i % 7}" for i in range(60)] + ["60,lluvia ,999", "61,Sol,12"]
    path = make_csv("tiempo.csv", "id,cielo,temp\n" + "\n".join(rows) + "\n")
    out = _ask(capsys, str(path), "limpia los datos")
    assert "Plan de limpieza de tiempo (sin aplicar)" in out
    assert "paso" in out and "columna" in out and "Aún no ha cambiado nada" in out
    assert "Cleaning plan" not in out and "Nothing changed yet" not in out


@pytest.mark.slow
def test_a_spanish_model_summary(capsys, make_csv):
    rows = [f"{i},{i % 3},{2 * i + (i % 5)}" for i in range(120)]
    path = make_csv("datos.csv", "id,grupo,valor\n" + "\n".join(rows) + "\n")
    out = _ask(capsys, str(path), "entrena un modelo para predecir valor", "--output-dir", str(path.parent / "out"))
    assert "Modelo de regresión que predice valor" in out
    assert "Métricas de validación cruzada" in out and "ficha del modelo:" in out
    assert "Modelo de regresión entrenado para valor" in out
    assert "model predicting" not in out and "Cross-validated" not in out


def test_a_spanish_schema_view(capsys, groups):
    out = _ask(capsys, groups, "describe la tabla")
    assert "ventas  40 filas · 2 columnas" in out
    assert "columna" in out and "nulos" in out and "rango / valores frecuentes" in out
    assert "Tabla ventas." in out
    assert " rows " not in out and "top values" not in out and "1 tablas" not in out


def test_an_english_schema_view_of_one_table_says_table_once(capsys, groups):
    out = _ask(capsys, groups, "describe the table")
    assert "ventas  40 rows · 2 columns" in out and "range / top values" in out
    assert "Table ventas." in out and "1 tables" not in out


def test_a_spanish_chart_names_its_preview_and_the_lumped_rest_in_spanish(capsys, make_csv, tmp_path):
    rows = [f"p{i % 30},{i % 7 + 1},{'norte' if i % 2 else 'sur'}" for i in range(300)]
    path = make_csv("ventas.csv", "producto,unidades,region\n" + "\n".join(rows) + "\n")
    out = _ask(capsys, str(path), "gráfico de barras del promedio de unidades por producto y region",
               "--output-dir", str(tmp_path / "out"))
    assert "(vista previa: region = norte)" in out
    assert "Otros (19 más)" in out
    assert "preview" not in out and "Other (" not in out


def test_the_review_title_counts_in_spanish_plurals():
    # "revisión: 2 bloqueo, 6 aviso" before.
    from rich.console import Console

    from dsagent.ethics.finding import Finding
    from dsagent.render.context import rendering
    from dsagent.render.findings import render as render_findings

    findings = [Finding(id="C5", severity=s, message="m") for s in ("block", "block", "warn", "info")]
    console = Console(record=True, width=100, color_system=None)
    with rendering(lang="es"):
        render_findings(findings, console)
    assert "revisión: 2 bloqueos, 1 aviso, 1 info" in console.export_text()
