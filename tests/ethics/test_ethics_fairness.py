"""Fairness checks C1-C5: protected attributes found (EN/ES), proxies, and outcomes by group."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dsagent.ethics.fairness import check_model_fairness, check_proxies, protected_columns

N = 2000


def ids(findings, id_):
    return [f for f in findings if f.id == id_]


@pytest.fixture
def rng():
    return np.random.default_rng(11)


# ------------------------------------------------------------------ C1
def test_c1_protected_columns_by_name_in_english_and_spanish():
    cols = ["Sex", "género", "raza", "Ethnicity", "religion", "applicant_age", "edad", "Nacionalidad",
            "disability", "marital_status", "Estado Civil", "income", "region", "page", "usage", "purpose"]
    found = protected_columns(cols)
    assert found == {"Sex": "sex", "género": "sex", "raza": "race/ethnicity", "Ethnicity": "race/ethnicity",
                     "religion": "religion", "applicant_age": "age", "edad": "age", "Nacionalidad": "nationality",
                     "disability": "disability", "marital_status": "marital status",
                     "Estado Civil": "marital status"}


def test_c1_protected_column_by_values():
    df = pd.DataFrame({"col_a": ["Hombre", "Mujer", "Mujer", "Hombre"], "col_b": ["x", "y", "x", "y"],
                       "col_c": [1, 2, 3, 4]})
    assert protected_columns(df) == {"col_a": "sex"}


@pytest.mark.slow
def test_c1_info_when_present_warn_when_used(rng):
    df = pd.DataFrame({"sex": rng.choice(["F", "M"], N), "x": rng.normal(size=N)})
    present = check_proxies(df, ["x"], protected_columns(df))
    assert [(f.id, f.severity) for f in present] == [("C1", "info")]
    used = check_proxies(df, ["x", "sex"], protected_columns(df))
    assert [(f.id, f.severity, f.columns) for f in used] == [("C1", "warn", ["sex"])]


# ------------------------------------------------------------------ C2
def test_c2_planted_zip_derived_from_race_blocks(rng):
    race = rng.choice(["a", "b", "c", "d"], N)
    zip_of = {"a": "28001", "b": "28002", "c": "28003", "d": "28004"}
    derived = np.array([zip_of[r] for r in race])
    random_zip = rng.choice(list(zip_of.values()), N)
    zipcode = np.where(rng.random(N) < 0.95, derived, random_zip)
    df = pd.DataFrame({"race": race, "zipcode": zipcode, "income": rng.normal(size=N)})
    c2 = ids(check_proxies(df, ["zipcode", "income"], {"race": "race/ethnicity"}), "C2")
    assert [f.columns for f in c2] == [["zipcode", "race"]]
    assert c2[0].severity == "block" and c2[0].value >= 0.9


@pytest.mark.slow
def test_c2_clean_independent_zip(rng):
    df = pd.DataFrame({"race": rng.choice(["a", "b", "c", "d"], N),
                       "zipcode": rng.choice(["28001", "28002", "28003", "28004"], N), "income": rng.normal(size=N)})
    assert ids(check_proxies(df, ["zipcode", "income"], {"race": "race/ethnicity"}), "C2") == []


# ------------------------------------------------------------------ C3
def test_c3_planted_unequal_selection_rates_block_and_explain(rng):
    n = 4000
    groups = np.repeat(["A", "B"], n // 2)
    y_pred = np.where(groups == "A", rng.binomial(1, 0.6, n), rng.binomial(1, 0.3, n))
    y_true = rng.binomial(1, 0.45, n)
    findings, metrics = check_model_fairness(y_true, y_pred, groups, "classification", name="sex")
    c3 = ids(findings, "C3")
    assert c3 and c3[0].severity == "block" and c3[0].value < 0.6
    assert "sex 'B' at 0." in c3[0].message and "times the rate of sex 'A'" in c3[0].message
    assert "unfair" not in c3[0].message.lower()
    assert abs(metrics["A"]["selection_rate"] - 0.6) < 0.04 and metrics["B"]["n"] == 2000


def test_c3_clean_equal_rates(rng):
    n = 4000
    groups = np.repeat(["A", "B"], n // 2)
    y_pred = rng.binomial(1, 0.45, n)
    findings, _ = check_model_fairness(rng.binomial(1, 0.45, n), y_pred, groups, "classification")
    assert ids(findings, "C3") == []


# ------------------------------------------------------------------ C4 / C5
def _flipped_predictions(rng, share_a, share_b):
    groups = np.repeat(["A", "B"], N // 2)
    y = rng.binomial(1, 0.5, N)
    share = np.where(groups == "A", share_a, share_b)
    y_pred = np.where(rng.random(N) < share, 1 - y, y)
    return y, y_pred, groups


def test_c4_c5_planted_more_errors_for_one_group(rng):
    y, y_pred, groups = _flipped_predictions(rng, 0.10, 0.40)
    findings, metrics = check_model_fairness(y, y_pred, groups, "classification")
    c4, c5 = ids(findings, "C4"), ids(findings, "C5")
    assert c4 and c4[0].severity == "block" and c4[0].value > 0.2
    assert [f.severity for f in c5] == ["block"] and "'B'" in c5[0].message and c5[0].value <= -0.10
    assert metrics["B"]["accuracy"] < metrics["A"]["accuracy"]


def test_c4_c5_clean_same_error_rate(rng):
    y, y_pred, groups = _flipped_predictions(rng, 0.10, 0.10)
    findings, _ = check_model_fairness(y, y_pred, groups, "classification")
    assert ids(findings, "C4") == [] and ids(findings, "C5") == []


def test_c5_small_group_is_too_small_to_judge(rng):
    groups = np.array(["A"] * 1990 + ["tiny"] * 10)
    y = rng.binomial(1, 0.5, N)
    y_pred = y.copy()
    y_pred[-10:] = 1 - y[-10:]  # every prediction wrong for the tiny group
    findings, metrics = check_model_fairness(y, y_pred, groups, "classification")
    assert [f.severity for f in findings] == ["info"] and "too small to judge" in findings[0].message
    assert metrics["tiny"]["too_small"] == 1.0


def test_c5_regression_group_with_larger_errors(rng):
    groups = np.repeat(["A", "B"], N // 2)
    y = rng.normal(size=N)
    noise = np.where(groups == "A", 0.1, 0.5)
    findings, metrics = check_model_fairness(y, y + rng.normal(size=N) * noise, groups, "regression")
    assert [f.id for f in findings] == ["C5"] and "'B'" in findings[0].message
    assert metrics["B"]["mae"] > metrics["A"]["mae"]


# ------------------------------------------------------------------ multiclass and regression residuals
def test_multiclass_gets_accuracy_macro_f1_and_one_vs_rest_rates(rng):
    """Three classes: the binary rates were meaningless (selection 0.000, tpr '-' for every group)."""
    n = 3000
    groups = np.repeat(["A", "B"], n // 2)
    y = rng.choice(["low", "mid", "high"], n)
    # group B is predicted 'high' far more often than it is
    y_pred = np.where((groups == "B") & (rng.random(n) < 0.5), "high", y)
    findings, metrics = check_model_fairness(y, y_pred, groups, "classification", name="sex")
    a, b = metrics["A"], metrics["B"]
    assert a["accuracy"] == 1.0 and b["accuracy"] < 0.8 and b["macro_f1"] < a["macro_f1"] == 1.0
    assert abs(a["selection_rate high"] - 1 / 3) < 0.05 and b["selection_rate high"] > 0.55
    assert a["tpr low"] == 1.0 and b["tpr low"] < 0.7 and b["fpr high"] > 0.4 and a["fpr high"] == 0.0
    c3 = ids(findings, "C3")
    assert c3 and "'high' (one-vs-rest)" in c3[0].message
    assert ids(findings, "C4") and ids(findings, "C5")


def test_multiclass_clean_has_no_findings(rng):
    n = 3000
    groups = np.repeat(["A", "B"], n // 2)
    y = rng.choice(["low", "mid", "high"], n)
    y_pred = np.where(rng.random(n) < 0.1, rng.choice(["low", "mid", "high"], n), y)
    findings, metrics = check_model_fairness(y, y_pred, groups, "multiclass")
    assert findings == [] and set(metrics["A"]) >= {"accuracy", "macro_f1", "tpr mid", "fpr mid"}


def test_regression_mean_residual_shows_over_and_under_prediction(rng):
    """Same error size for both groups, opposite directions: MAE alone hides it."""
    groups = np.repeat(["A", "B"], N // 2)
    y = rng.normal(size=N)
    offset = np.where(groups == "A", 0.5, -0.5)
    findings, metrics = check_model_fairness(y, y + offset + rng.normal(size=N) * 0.05, groups, "regression")
    assert abs(metrics["A"]["mean_residual"] - 0.5) < 0.02 and abs(metrics["B"]["mean_residual"] + 0.5) < 0.02
    assert abs(metrics["A"]["mae"] - metrics["B"]["mae"]) < 0.02
    c5 = ids(findings, "C5")
    assert len(c5) == 1 and "over-predicts group 'A'" in c5[0].message and "under-predicts group 'B'" in c5[0].message


@pytest.mark.parametrize("task", ["classification", "multiclass", "regression"])
def test_age_bands_are_listed_in_their_order_not_as_text(rng, task):
    # Sorted as text, '<25' came after '65+' in the per-group tables.
    from dsagent.tools.model.fit import group_labels

    ages = pd.Series(rng.integers(18, 90, 600))
    labels = {"classification": [0, 1], "multiclass": ["a", "b", "c"], "regression": [1.0, 2.5, 4.0]}[task]
    y = rng.choice(labels, 600)
    p = rng.choice(labels, 600)
    _, metrics = check_model_fairness(y, p, group_labels(ages), task if task != "classification" else
                                      "classification", positive=1 if task == "classification" else None)
    assert list(metrics) == ["<25", "25-34", "35-44", "45-54", "55-64", "65+"]


def test_a_missing_age_is_its_own_group_after_the_bands(rng):
    from dsagent.tools.model.fit import group_labels

    ages = pd.Series([float(a) for a in rng.integers(18, 90, 300)] + [float("nan")] * 30)
    _, metrics = check_model_fairness([0, 1] * 165, [1, 0] * 165, group_labels(ages), positive=1)
    assert list(metrics)[0] == "<25" and list(metrics)[-1] == "missing" and metrics["missing"]["n"] == 30
