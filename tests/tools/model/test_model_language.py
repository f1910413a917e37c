"""The model tool speaks the request's language: the split, task and left-out reasons, the notes, the
comparison with the baseline and the model card (prompts/model.json); English stays as it was."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dsagent.render.console import SafeConsole
from dsagent.render.context import rendering
from dsagent.render.model import render
from dsagent.tools.base import ToolContext
from dsagent.tools.model.tool import ModelArgs, train_model
from dsagent.words.language import speaking


def _data(folder):
    rng = np.random.default_rng(0)
    n = 400
    x = rng.normal(size=n)
    df = pd.DataFrame({"customer_id": np.arange(n), "x": x, "sexo": rng.choice(["hombre", "mujer"], n),
                       "churn": (x + rng.normal(0, 0.7, n) > 0).astype(int)})
    path = folder / "data.csv"
    df.to_csv(path, index=False)
    return path


def _train(ws, tmp_path, name):
    return train_model(ws, ModelArgs(target="churn", models=["linear"], folds=3),
                       ToolContext(output_dir=tmp_path / name))


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """The same training asked in Spanish and in English ({"es": result, "en": result}), once each for
    the tests that only read the results and their cards."""
    from conftest import isolate

    from dsagent.data.workspace import Workspace

    folder = tmp_path_factory.mktemp("trained")
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, folder / "home")
        ws = Workspace.open([str(_data(folder))])
        try:
            with speaking("es"):
                spanish = _train(ws, folder, "es")
            yield {"es": spanish, "en": _train(ws, folder, "en")}
        finally:
            ws.close()


def test_a_spanish_request_gets_spanish_reasons_and_card(trained):
    r = trained["es"]
    x = r.extra
    assert x["split_reason"] == "la proporción de cada clase es la misma en entrenamiento y prueba"
    reasons = {e["column"]: e["reason"] for e in r.excluded}
    assert reasons["customer_id"].startswith("identificador: con nombre de clave")
    assert reasons["sexo"].startswith("atributo protegido (sexo): no se usa como variable")
    assert x["comparison"].startswith("Mejor modelo 'linear'") and "referencia dummy" in x["comparison"]
    assert "clase positiva: '1' es el valor positivo habitual" in x["notes"]
    assert x["loading_risk"].startswith("El modelo es un archivo joblib")
    card = open(r.card_path, encoding="utf-8").read()
    assert card.startswith("# Ficha del modelo: predicción de `churn`")
    for heading in ("## Datos", "## División y validación", "## Métricas por grupo", "## Limitaciones"):
        assert heading in card
    assert "## Split and validation" not in card
    console = SafeConsole(record=True, width=200)
    with rendering(lang="es"):
        render(r, console)
    text = console.export_text()
    assert "la proporción de cada clase" in text and "class shares" not in text and "Load only" not in text


def test_english_reasons_and_card_are_unchanged(trained):
    r = trained["en"]
    assert r.extra["split_reason"] == "class shares kept equal in train and test"
    reasons = {e["column"]: e["reason"] for e in r.excluded}
    assert reasons["sexo"] == ("protected attribute (sex): not used as a feature, used for per-group metrics "
                               "[C1; to use it, name it in features or --allow C1]")
    assert "positive class '1' is the conventional positive value" in r.extra["notes"]
    card = open(r.card_path, encoding="utf-8").read()
    assert card.startswith("# Model card: predicting `churn`") and "## Split and validation" in card
    assert "- `dummy`: baseline that always predicts the most frequent class (or the mean)" in card


def test_per_group_headers_and_the_feature_count_are_spanish_and_english_keeps_its_own(trained):
    r = trained["es"]
    assert list(r.features) == ["x"]
    console = SafeConsole(record=True, width=200)
    with rendering(lang="es"):
        render(r, console)
    text = console.export_text()
    assert "con 1 variable;" in text and "variable(s)" not in text
    assert "tasa de selección" in text and "exactitud" in text and "selection_rate" not in text
    card = open(r.card_path, encoding="utf-8").read()
    assert "| grupo | n | tasa de selección | exactitud | TPR | FPR |" in card
    assert r.extra["per_group"]["sexo"]["hombre"]["selection_rate"] >= 0  # the JSON keeps the English keys
    english = trained["en"]
    console = SafeConsole(record=True, width=200)
    render(english, console)
    text = console.export_text()
    assert "from 1 feature(s)" in text and "selection_rate" in text and "tasa" not in text
    assert "| n | selection_rate | accuracy | tpr | fpr |" in open(english.card_path, encoding="utf-8").read()


def test_the_split_and_the_metric_that_picked_the_model_are_named_in_the_answers_language(trained):
    # A Spanish answer said "división: stratified" and "roc_auc 0.72", and its narrative quoted the
    # accuracy while the model had been picked by ROC AUC.
    from dsagent.narrative import narrate

    r = trained["es"]
    console = SafeConsole(record=True, width=200)
    with rendering(lang="es"):
        render(r, console)
    text = console.export_text()
    assert "división: estratificada" in text and "stratified" not in text
    assert r.extra["comparison"].startswith("Mejor modelo 'linear': ROC AUC ")
    with speaking("es"):
        said = narrate(r, "entrena un modelo para predecir churn")
    assert said.startswith("Modelo de clasificación binaria entrenado para churn; el mejor: linear (ROC AUC = 0.")
    assert f"{r.metrics['linear']['roc_auc']:.3f}"[:4] in said
    english = trained["en"]
    assert english.extra["comparison"].startswith("Best model 'linear': ROC AUC ")
    assert "(ROC AUC = " in narrate(english, "train a model to predict churn")


def test_why_a_model_cannot_be_trained_is_said_in_the_requests_language(open_ws, tmp_path):
    from dsagent.errors import ModelError

    df = pd.DataFrame({"x": np.arange(60), "code": [f"c{i}" for i in range(60)], "flat": ["a"] * 60})
    path = tmp_path / "wide.csv"
    df.to_csv(path, index=False)
    ws = open_ws(path)
    for target, spanish, english in [("flat", "tiene un único valor", "has a single value"),
                                     ("nothing_like_this", "Ninguna columna coincide", "No column matches")]:
        with speaking("es"), pytest.raises(ModelError) as es:
            train_model(ws, ModelArgs(target=target, models=["linear"], folds=3), ToolContext(output_dir=tmp_path))
        assert spanish in es.value.message and english not in es.value.message
        with pytest.raises(ModelError) as en:
            train_model(ws, ModelArgs(target=target, models=["linear"], folds=3), ToolContext(output_dir=tmp_path))
        assert english in en.value.message
