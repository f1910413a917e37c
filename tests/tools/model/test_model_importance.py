"""Permutation importance from one transformed matrix gives scikit-learn's numbers exactly, and falls
back to scikit-learn's own path when the preprocessing is not column by column."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from dsagent.tools.model import fit as mf

NUMERIC, CATEGORICAL = ["x", "gappy"], ["colour", "rare", "many"]


def _frame(n=500, seed=0):
    """Numbers with missing values, categories with missing values, rare levels and more than 20 levels."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    gappy = rng.normal(size=n)
    gappy[::9] = np.nan
    colour = rng.choice(["red", "green", "blue"], n).astype(object)
    colour[::11] = None
    rare = rng.choice(["p", "q", "r1", "r2", "r3"], n, p=[0.49, 0.49, 0.01, 0.005, 0.005]).astype(object)
    many = rng.choice([f"m{i}" for i in range(30)], n).astype(object)
    X = pd.DataFrame({"x": x, "gappy": gappy, "colour": colour, "rare": rare, "many": many})
    signal = x + 0.5 * np.nan_to_num(gappy) + (colour == "red") - (rare == "p")
    return X, signal + rng.normal(0, 0.7, n)


def _targets(signal):
    return {"binary": ("roc_auc", (signal > 0).astype(int)),
            "multiclass": ("balanced_accuracy", np.where(signal < -0.5, "low", np.where(signal < 0.5, "mid", "high"))),
            "regression": ("neg_root_mean_squared_error", 3 * signal)}


def _sklearn(pipe, X, y, scoring, repeats, seed):
    from sklearn.inspection import permutation_importance

    res = permutation_importance(pipe, X, y, scoring=scoring, n_repeats=repeats, random_state=seed, n_jobs=1)
    return res.importances_mean, res.importances_std


@pytest.mark.parametrize("task, model", [("binary", "linear"), ("binary", "hgb"), ("multiclass", "linear"),
                                         ("regression", "linear")])
def test_one_transformed_matrix_gives_sklearns_importances(task, model):
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # as train_model fits: OpenMP threads on a busy machine crawl
        _compare(task, model)


def _compare(task, model):
    X, signal = _frame()
    scoring, y = _targets(signal)[task]
    y = pd.Series(y)
    pipe = mf.build_pipeline(model, task, NUMERIC, CATEGORICAL, seed=0, max_iter=30).fit(X.iloc[:350], y.iloc[:350])
    encoder = pipe[0].named_transformers_["cat"]["onehot"]
    assert all(r is not None for r in encoder.infrequent_categories_[1:]), "rare levels are grouped"
    blocks = mf.column_blocks(pipe, list(X.columns))
    assert blocks is not None, "the fast path is taken"
    assert np.array_equal(np.concatenate(blocks), np.arange(pipe[0].transform(X).shape[1]))
    X_test, y_test = X.iloc[350:], y.iloc[350:]
    got = mf.permutation_scores(pipe, X_test, y_test, scoring, repeats=3, seed=7)
    want = _sklearn(pipe, X_test, y_test, scoring, repeats=3, seed=7)
    np.testing.assert_allclose(got[0], want[0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(got[1], want[1], rtol=0, atol=1e-12)
    assert got[0][0] > 0.05, "x carries the signal: the comparison is not of zeros"


def test_importance_rows_are_sklearns_on_the_raw_columns():
    X, signal = _frame(seed=1)
    y = pd.Series((signal > 0).astype(int))
    pipe = mf.build_pipeline("linear", "binary", NUMERIC, CATEGORICAL).fit(X.iloc[:350], y.iloc[:350])
    rows = mf.importance(pipe, X.iloc[350:], y.iloc[350:], "binary", seed=3)
    means, sds = _sklearn(pipe, X.iloc[350:], y.iloc[350:], "roc_auc", 5, 3)
    want = sorted(({"feature": c, "importance": float(m), "sd": float(s)} for c, m, s in zip(X.columns, means, sds)),
                  key=lambda r: -r["importance"])
    assert [r["feature"] for r in rows] == [r["feature"] for r in want]
    for r, w in zip(rows, want):
        assert abs(r["importance"] - w["importance"]) < 1e-12 and abs(r["sd"] - w["sd"]) < 1e-12


def test_a_column_the_imputer_dropped_takes_sklearns_path():
    X, signal = _frame(seed=2)
    X.loc[:349, "gappy"] = np.nan  # empty in the training rows: SimpleImputer leaves it out of its output
    y = pd.Series((signal > 0).astype(int))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        pipe = mf.build_pipeline("linear", "binary", NUMERIC, CATEGORICAL).fit(X.iloc[:350], y.iloc[:350])
        assert mf.column_blocks(pipe, list(X.columns)) is None
        got = mf.permutation_scores(pipe, X.iloc[350:], y.iloc[350:], "roc_auc", 3, 0)
        want = _sklearn(pipe, X.iloc[350:], y.iloc[350:], "roc_auc", 3, 0)
    np.testing.assert_array_equal(got[0], want[0])


def test_a_preprocessor_that_is_not_column_wise_takes_sklearns_path():
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    X, signal = _frame(seed=3)
    y = pd.Series((signal > 0).astype(int))
    prep = make_pipeline(mf.build_preprocessor(NUMERIC, CATEGORICAL), FunctionTransformer(lambda a: a - a.mean(axis=0)))
    pipe = Pipeline([("prep", prep), ("model", mf.build_model("linear", "binary", 0, 200))]).fit(X, y)
    assert mf.column_blocks(pipe, list(X.columns)) is None
    np.testing.assert_array_equal(mf.permutation_scores(pipe, X, y, "roc_auc", 3, 0)[0],
                                  _sklearn(pipe, X, y, "roc_auc", 3, 0)[0])
