"""train_model: target and task detection, feature screening, the split that fits the data, metrics.

Each test builds its own seeded data (ETHICS.md recipes) and trains small, fast models.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dsagent.errors import ModelError
from dsagent.tools.base import TextResult, ToolContext
from dsagent.tools.model.tool import ModelArgs, ModelResult, train_model

FAST = {"models": ["linear"], "folds": 3}


def _ws(open_ws, tmp_path, df: pd.DataFrame, name: str = "data"):
    path = tmp_path / f"{name}.csv"
    df.to_csv(path, index=False)
    return open_ws(path)


def _train(ws, tmp_path, **kw) -> ModelResult:
    args = ModelArgs(**{**FAST, **kw})
    return train_model(ws, args, ToolContext(output_dir=tmp_path / "out"))


def _binary(n=800, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "noise": rng.normal(size=n), "region": rng.choice(["n", "s", "e"], n),
                         "churn": (x + rng.normal(0, 0.7, n) > 0).astype(int)})


def test_binary_target_task_metrics_and_comparison(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, _binary())
    r = _train(ws, tmp_path, target="churn")
    assert isinstance(r, ModelResult)
    assert r.task == "binary" and r.target == "churn" and r.split == "stratified"
    assert set(r.metrics) == {"dummy", "linear"} and r.best == "linear"
    for m in ("accuracy", "balanced_accuracy", "roc_auc", "f1"):
        assert m in r.metrics["linear"] and f"{m}_sd" in r.metrics["linear"]
    assert r.metrics["linear"]["roc_auc"] > 0.8 > r.metrics["dummy"]["roc_auc"]
    assert "better than the baseline" in r.extra["comparison"]
    assert r.extra["importance"][0]["feature"] == "x"
    assert r.extra["positive"] == 1


@pytest.mark.slow
def test_multiclass_text_target(open_ws, tmp_path):
    rng = np.random.default_rng(1)
    x = rng.normal(size=900)
    species = np.where(x < -0.5, "setosa", np.where(x < 0.5, "versicolor", "virginica"))
    ws = _ws(open_ws, tmp_path, pd.DataFrame({"petal": x + rng.normal(0, 0.2, 900), "species": species}))
    r = _train(ws, tmp_path, target="species")
    assert r.task == "multiclass" and r.split == "stratified"
    assert r.extra["classes"] == ["setosa", "versicolor", "virginica"]
    assert r.metrics["linear"]["balanced_accuracy"] > 0.7
    assert "roc_auc" in r.metrics["linear"]


def test_regression_target_metrics(open_ws, tmp_path):
    rng = np.random.default_rng(2)
    area = rng.uniform(30, 200, 700)
    rooms = rng.integers(1, 6, 700)
    price = 1000 * area + 5000 * rooms + rng.normal(0, 5000, 700)
    ws = _ws(open_ws, tmp_path, pd.DataFrame({"area": area, "rooms": rooms, "price": price}))
    r = _train(ws, tmp_path, target="price", features=["area", "rooms"])
    assert r.task == "regression" and r.split == "random"
    assert {"mae", "rmse", "r2", "mae_sd"} <= set(r.metrics["linear"])
    assert r.metrics["linear"]["r2"] > 0.9 and r.metrics["linear"]["rmse"] < r.metrics["dummy"]["rmse"]
    assert r.features == ["area", "rooms"]


def test_planted_leak_is_dropped_and_said(open_ws, tmp_path):
    rng = np.random.default_rng(3)
    df = _binary(2000, seed=3)
    y = df["churn"].to_numpy()
    df["refund_issued"] = np.where(rng.random(2000) < 0.02, 1 - y, y)  # ETHICS A1 recipe
    ws = _ws(open_ws, tmp_path, df)
    r = _train(ws, tmp_path, target="churn")
    assert "refund_issued" not in r.features
    reason = {e["column"]: e["reason"] for e in r.excluded}["refund_issued"]
    assert "A1" in reason and "leaks the target" in reason
    assert any(f.id == "A1" and f.severity == "block" for f in r.findings)


def test_clean_control_keeps_every_feature(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, _binary(2000, seed=4))
    r = _train(ws, tmp_path, target="churn")
    assert sorted(r.features) == ["noise", "region", "x"] and r.excluded == []


def test_allow_a1_keeps_the_leak(open_ws, tmp_path):
    rng = np.random.default_rng(5)
    df = _binary(1000, seed=5)
    df["leak"] = np.where(rng.random(1000) < 0.02, 1 - df["churn"], df["churn"])
    ws = _ws(open_ws, tmp_path, df)
    r = train_model(ws, ModelArgs(target="churn", **FAST), ToolContext(output_dir=tmp_path / "o", allow={"A1"}))
    assert "leak" in r.features


def test_identifier_column_excluded(open_ws, tmp_path):
    df = _binary(800, seed=6)
    df.insert(0, "customer_id", [f"C{i:06d}" for i in range(800)])
    ws = _ws(open_ws, tmp_path, df)
    r = _train(ws, tmp_path, target="churn")
    assert "customer_id" not in r.features
    assert "identifier" in {e["column"]: e["reason"] for e in r.excluded}["customer_id"]


def test_grouped_split_when_an_entity_repeats(open_ws, tmp_path):
    rng = np.random.default_rng(7)
    customers = np.repeat([f"C{i:04d}" for i in range(200)], 4)  # ETHICS B2: 4 rows per customer
    base = np.repeat(rng.normal(size=200), 4)
    df = pd.DataFrame({"customer_id": customers, "spend": base + rng.normal(0, 0.3, 800)})
    df["churn"] = (base + rng.normal(0, 0.5, 800) > 0).astype(int)
    ws = _ws(open_ws, tmp_path, df)
    r = _train(ws, tmp_path, target="churn", save_predictions=True)
    assert r.split == "grouped" and "customer_id" not in r.features
    sides = ws.fetch_df(f"SELECT customer_id, count(DISTINCT split = 'test') AS sides "
                        f"FROM {r.extra['predictions_table']} GROUP BY 1")
    assert sides["sides"].max() == 1  # no customer on both sides
    assert not any(f.id == "B2" for f in r.findings)


@pytest.mark.slow
def test_repeating_non_key_column_does_not_group_the_split(open_ws, tmp_path):
    df = _binary(800, seed=14)
    df["zip_code"] = np.random.default_rng(14).integers(10000, 10100, 800)  # repeats, but is no entity key
    ws = _ws(open_ws, tmp_path, df)
    r = _train(ws, tmp_path, target="churn")
    assert r.split == "stratified" and "zip_code" in r.features


def test_named_protected_feature_is_used_and_flagged(open_ws, tmp_path):
    df = _binary(800, seed=15)
    df["sex"] = np.random.default_rng(15).choice(["female", "male"], 800)
    ws = _ws(open_ws, tmp_path, df)
    r = _train(ws, tmp_path, target="churn", features=["x", "sex"])
    assert r.features == ["x", "sex"] and "sex" in r.extra["per_group"]
    assert any(f.id == "C1" and "sex" in f.columns for f in r.findings)


@pytest.mark.slow
def test_chronological_split_when_dated(open_ws, tmp_path):
    rng = np.random.default_rng(8)
    dates = pd.date_range("2022-01-01", periods=1000, freq="D")  # ETHICS B3 recipe
    x = rng.normal(size=1000)
    df = pd.DataFrame({"day": dates.strftime("%Y-%m-%d"), "x": x, "y": (x + rng.normal(0, 1, 1000) > 0).astype(int)})
    ws = _ws(open_ws, tmp_path, df.sample(frac=1, random_state=0))
    r = _train(ws, tmp_path, target="y", save_predictions=True)
    assert r.split == "chronological" and "day" not in r.features
    span = ws.fetch_df(f"SELECT split = 'test' AS test, min(day) AS lo, max(day) AS hi "
                       f"FROM {r.extra['predictions_table']} GROUP BY 1").set_index("test")
    assert span.loc[False, "hi"] < span.loc[True, "lo"]  # the model never sees the future
    assert not any(f.id == "B3" for f in r.findings)


def _drifting(n=1000, seed=21):
    """Dated rows where 'status_code' tracks the target until the last fifth, then becomes noise (B4 recipe)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = (x + rng.normal(0, 1, n) > 0).astype(int)
    late = np.arange(n) >= int(n * 0.8)
    code = np.where(late, rng.integers(0, 2, n), np.where(rng.random(n) < 0.1, 1 - y, y))
    dates = pd.date_range("2022-01-01", periods=n, freq="D").strftime("%Y-%m-%d")
    return pd.DataFrame({"day": dates, "x": x, "status_code": code, "y": y}).sample(frac=1, random_state=0)


@pytest.mark.slow
def test_feature_predictive_only_in_training_is_dropped_b4(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, _drifting())
    r = _train(ws, tmp_path, target="y")
    assert r.split == "chronological"
    assert not any(f.id == "A1" and f.severity == "block" for f in r.findings), "the whole table hides it"
    b4 = [f for f in r.findings if f.id == "B4"]
    assert [f.severity for f in b4] == ["block"] and b4[0].columns == ["status_code"] and b4[0].value >= 0.4
    assert "status_code" not in r.features and "x" in r.features
    reason = {e["column"]: e["reason"] for e in r.excluded}["status_code"]
    assert "B4" in reason and "predictive only in training" in reason
    assert r.extra["withheld"] == [], "a dropped feature is fixed, the model is kept"
    allowed = train_model(ws, ModelArgs(target="y", **FAST), ToolContext(output_dir=tmp_path / "o", allow={"B4"}))
    assert "status_code" in allowed.features


@pytest.mark.slow
def test_b4_quiet_on_a_chronological_split_without_drift(open_ws, tmp_path):
    rng = np.random.default_rng(22)
    df = _drifting()
    df["status_code"] = np.where(rng.random(len(df)) < 0.25, 1 - df["y"], df["y"])  # same relation throughout
    r = _train(_ws(open_ws, tmp_path, df), tmp_path, target="y")
    assert r.split == "chronological" and "status_code" in r.features
    assert not [f for f in r.findings if f.id in ("A1", "B4")]


@pytest.mark.slow
def test_preprocessing_fitted_on_the_batch_withholds_the_model_b5(open_ws, tmp_path, monkeypatch):
    from sklearn.preprocessing import FunctionTransformer

    from dsagent.tools.model import fit as mf

    built = mf.build_preprocessor

    def batch_scaled(numeric, categorical, impute="mean"):
        # A stateless step that standardises by the rows it is given: the bug B5 exists to catch.
        from sklearn.pipeline import make_pipeline

        return make_pipeline(built(numeric, categorical, impute),
                             FunctionTransformer(lambda a: (a - a.mean(axis=0)) / (a.std(axis=0) + 1e-9)))

    ws = _ws(open_ws, tmp_path, _binary(600, seed=23))
    clean = _train(ws, tmp_path, target="churn")
    assert not any(f.id == "B5" for f in clean.findings)
    monkeypatch.setattr(mf, "build_preprocessor", batch_scaled)
    r = _train(ws, tmp_path, target="churn")
    b5 = [f for f in r.findings if f.id == "B5"]
    assert [f.severity for f in b5] == ["block"] and b5[0].value > 0
    assert "B5" in r.extra["withheld"] and r.model_path == ""


def test_protected_attribute_gives_per_group_metrics(open_ws, tmp_path):
    df = _binary(1200, seed=9)
    df["sex"] = np.random.default_rng(9).choice(["female", "male"], 1200)
    ws = _ws(open_ws, tmp_path, df)
    r = _train(ws, tmp_path, target="churn")
    assert "sex" not in r.features and "C1" in {e["column"]: e["reason"] for e in r.excluded}["sex"]
    groups = r.extra["per_group"]["sex"]
    assert set(groups) == {"female", "male"} and sum(g["n"] for g in groups.values()) == r.extra["n_test"]


def test_no_protected_attribute_no_per_group(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, _binary(600, seed=10))
    r = _train(ws, tmp_path, target="churn")
    assert r.extra["per_group"] == {}


def test_ambiguous_target_asks_back(open_ws, tmp_path):
    df = _binary(200)
    df["price_usd"] = df["x"] * 2
    df["price_eur"] = df["x"] * 1.8
    ws = _ws(open_ws, tmp_path, df)
    r = _train(ws, tmp_path, target="price")
    assert isinstance(r, TextResult)
    assert "price_usd" in r.text and "price_eur" in r.text and "?" in r.text
    assert not (tmp_path / "out").exists()  # nothing written before the question is answered


def test_unknown_target_is_a_model_error_with_columns(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, _binary(200))
    with pytest.raises(ModelError, match="Columns of data: x, noise, region, churn"):
        _train(ws, tmp_path, target="zzz")


def test_spanish_and_near_target_names(open_ws, tmp_path):
    df = _binary(400).rename(columns={"churn": "survived"})
    ws = _ws(open_ws, tmp_path, df)
    r = _train(ws, tmp_path, target="supervivencia")
    assert r.target == "survived" and "read as the column 'survived'" in r.extra["notes"][0]


def test_constant_target_is_refused(open_ws, tmp_path):
    df = _binary(200)
    df["churn"] = 1
    ws = _ws(open_ws, tmp_path, df)
    with pytest.raises(ModelError, match="single value"):
        _train(ws, tmp_path, target="churn")


@pytest.mark.slow
def test_large_table_trains_on_a_stated_duckdb_sample(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, _binary(3000, seed=11))
    r1 = _train(ws, tmp_path, target="churn", max_rows=1000)
    r2 = _train(ws, tmp_path, target="churn", max_rows=1000)
    assert r1.extra["rows_used"] == 1000 and r1.extra["rows_total"] == 3000
    assert "sample of 1000 of 3000 rows drawn in DuckDB" in r1.extra["sample_note"]
    assert r1.metrics == r2.metrics  # seeded: the same sample twice


def test_time_budget_skips_the_slowest_model_and_says_so(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, _binary(800, seed=12))
    r = train_model(ws, ModelArgs(target="churn", folds=3, time_budget_s=0.001), ToolContext(output_dir=tmp_path))
    assert "hgb" not in r.metrics and any("hgb: skipped" in s for s in r.extra["skipped"])
    assert r.best == "linear"  # the first real model always runs, whatever the budget


def test_progress_is_reported(open_ws, tmp_path):
    ws = _ws(open_ws, tmp_path, _binary(400))
    seen = []
    train_model(ws, ModelArgs(target="churn", **FAST),
                ToolContext(output_dir=tmp_path, progress=lambda m, f: seen.append((m, f))))
    fractions = [f for _, f in seen if f is not None]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and any("fold" in m for m, _ in seen)


@pytest.mark.slow
def test_missing_values_imputed_inside_the_pipeline_or_dropped(open_ws, tmp_path):
    df = _binary(600, seed=13)
    df.loc[::7, "x"] = np.nan
    ws = _ws(open_ws, tmp_path, df)
    imputed = _train(ws, tmp_path, target="churn")
    dropped = _train(ws, tmp_path, target="churn", missing="drop")
    assert imputed.extra["rows_used"] == 600 and dropped.extra["rows_used"] == 600 - len(df.loc[::7])


@pytest.mark.parametrize("task, best, dummy, words", [
    ("regression", 3.0, 1.0, "worse than the baseline (2.000 more error)"),
    ("regression", 1.0, 3.0, "better than the baseline (2.000 lower error)"),
    ("binary", 0.40, 0.50, "worse than the baseline (0.100 lower)"),
    ("binary", 0.51, 0.50, "not clearly better than the baseline (0.010 higher)"),
])
def test_comparison_says_a_worse_model_is_worse_never_a_negative_gain(task, best, dummy, words):
    from types import SimpleNamespace

    from dsagent.tools.model.fit import primary_metric
    from dsagent.tools.model.tool import _comparison

    metric, _ = primary_metric(task)
    outcome = SimpleNamespace(metrics={"linear": {metric: best, f"{metric}_sd": 0.02}, "dummy": {metric: dummy}})
    text = _comparison(outcome, "linear", task)
    assert words in text and "-" not in text.split("(")[-1], text
