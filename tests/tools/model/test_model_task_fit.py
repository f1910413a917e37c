"""train_model fits the task: multiclass and regression fairness tables, personal data never a feature,
a date gives seasonal features and a chronological split (issue 17, 'Models and fairness')."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from dsagent.tools.base import ToolContext
from dsagent.tools.model.tool import ModelArgs, train_model

FAST = {"models": ["linear"], "folds": 3}


def _train(open_ws, tmp_path, df, **kw):
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    ws = open_ws(path)
    return ws, train_model(ws, ModelArgs(**{**FAST, **kw}), ToolContext(output_dir=tmp_path / "out"))


def _grades(n=1500, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"score": x + rng.normal(0, 0.3, n), "hours": rng.normal(size=n),
                         "sex": rng.choice(["female", "male"], n),
                         "grade": np.where(x < -0.5, "low", np.where(x < 0.5, "mid", "high"))})


def test_multiclass_per_group_has_accuracy_macro_f1_and_one_vs_rest_rates(open_ws, tmp_path):
    _, r = _train(open_ws, tmp_path, _grades(), target="grade")
    assert r.task == "multiclass"
    groups = r.extra["per_group"]["sex"]
    for g in ("female", "male"):
        m = groups[g]
        assert 0.6 < m["accuracy"] <= 1 and 0.6 < m["macro_f1"] <= 1
        # one-vs-rest rates are real numbers for every class, not 0.000 and '-' as before
        for c in ("low", "mid", "high"):
            assert 0.1 < m[f"selection_rate {c}"] < 0.6 and m[f"tpr {c}"] > 0.5 and m[f"fpr {c}"] < 0.3
    card = open(r.card_path).read()
    assert "| group | n | accuracy | macro_f1 |" in card and "| female | high |" in card
    from rich.console import Console

    from dsagent.render.answer import render_result

    console = Console(record=True, width=100)
    render_result(r, console)
    text = console.export_text()
    assert "One-vs-rest rates by sex and predicted class" in text and "macro_f1" in text


def test_regression_per_group_has_mean_residual(open_ws, tmp_path):
    rng = np.random.default_rng(1)
    n = 1200
    sex = rng.choice(["female", "male"], n)
    years = rng.uniform(0, 30, n)
    # the salary gap is in the data, but sex is kept out of the features: the model under-predicts men
    salary = 50_000 + 2_000 * years + np.where(sex == "male", 8_000, -8_000) + rng.normal(0, 2_000, n)
    _, r = _train(open_ws, tmp_path, pd.DataFrame({"years": years, "sex": sex, "salary": salary}),
                  target="salary")
    assert r.task == "regression"
    g = r.extra["per_group"]["sex"]
    assert g["female"]["mean_residual"] > 5_000 and g["male"]["mean_residual"] < -5_000
    assert all("mae" in v for v in g.values())
    assert any(f.id == "C5" and "over-predicts sex 'female'" in f.message for f in r.findings), [f.message for f in r.findings]


@pytest.mark.parametrize("explicit", [False, True])
def test_personal_data_is_never_a_feature(open_ws, tmp_path, explicit):
    rng = np.random.default_rng(2)
    n = 600
    first = rng.choice(["Ana", "Luis", "Marta", "John", "Mary", "Peter"], n)
    last = rng.choice(["Garcia", "Smith", "Lopez", "Brown", "Perez"], n)
    x = rng.normal(size=n)
    df = pd.DataFrame({"full_name": [f"{a} {b}" for a, b in zip(first, last)],
                       "contact": [f"{a.lower()}.{i}@example.com" for i, a in enumerate(first)],
                       "telefono": [f"+34 6{rng.integers(10_000_000, 99_999_999)}" for _ in range(n)],
                       "x": x, "y": (x + rng.normal(0, 0.7, n) > 0).astype(int)})
    features = ["full_name", "contact", "telefono", "x"] if explicit else None
    _, r = _train(open_ws, tmp_path, df, target="y", features=features)
    assert r.features == ["x"]
    reasons = {e["column"]: e["reason"] for e in r.excluded}
    for col in ("full_name", "contact", "telefono"):
        assert "personal data" in reasons[col]
    e2 = [f for f in r.findings if f.id == "E2"]
    assert sorted(c for f in e2 for c in f.columns) == ["contact", "full_name", "telefono"]


def _daily(n=730, seed=3):
    rng = np.random.default_rng(seed)
    day = pd.date_range("2021-01-01", periods=n, freq="D")
    season = np.cos(2 * np.pi * (day.day_of_year.to_numpy() - 15) / 365.25)  # cold in January
    weekend = (day.day_of_week >= 5).astype(float)
    demand = 100 - 20 * season + 15 * weekend + rng.normal(0, 3, n)
    return pd.DataFrame({"day": day.strftime("%Y-%m-%d"), "rain": rng.random(n), "demand": demand})


@pytest.mark.slow
def test_date_gives_seasonal_features_and_a_chronological_split(open_ws, tmp_path):
    df = _daily()
    ws, r = _train(open_ws, tmp_path, df.sample(frac=1, random_state=0), target="demand", save_predictions=True)
    assert r.split == "chronological" and "day" not in r.features
    assert {"day_month", "day_weekday", "day_day_of_year"} <= set(r.features)
    assert "day_month" in {e["column"]: e["reason"] for e in r.excluded}["day"]
    # the season and the weekend are learned: far better than without the date
    assert r.extra["test_metrics"]["linear"]["r2"] > 0.5
    span = ws.fetch_df(f"SELECT split = 'test' AS test, min(day) AS lo, max(day) AS hi "
                       f"FROM {r.extra['predictions_table']} GROUP BY 1").set_index("test")
    assert span.loc[False, "hi"] < span.loc[True, "lo"]


@pytest.mark.slow  # runs the retrain script in a subprocess
@pytest.mark.slow
def test_retrain_script_derives_the_date_features(open_ws, tmp_path):
    df = _daily(400)
    path = tmp_path / "daily.csv"
    df.to_csv(path, index=False)
    ws = open_ws(path)
    r = train_model(ws, ModelArgs(target="demand", **FAST), ToolContext(output_dir=tmp_path / "out"))
    script = r.extra["script_path"]
    run = subprocess.run([sys.executable, script, str(path)], capture_output=True, text=True, cwd=tmp_path,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "test R2" in run.stdout
