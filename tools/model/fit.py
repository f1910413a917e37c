"""Fitting side of `train_model`: scikit-learn Pipelines, the split, cross-validation with spread,
holdout metrics, permutation importance and per-group metrics.

Everything that learns from data (imputation, one-hot categories, scaling) sits inside the Pipeline,
so each fold fits it on its own training rows only: nothing is fitted on test data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from dsagent.words.language import say

# Relative cost of one fit, used to skip the slowest model when the time budget would be exceeded.
_COST = {"dummy": 0.05, "linear": 1.0, "hgb": 6.0}  # hgb ~7x linear per fit on 200k rows


@dataclass
class FitOutcome:
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)  # model -> metric (+ _sd, test_)
    test_metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    fitted: dict[str, Any] = field(default_factory=dict)  # model -> pipeline fitted on the train split
    test_pred: dict[str, Any] = field(default_factory=dict)  # model -> its predictions of the test rows
    oof: dict[str, Any] = field(default_factory=dict)  # model -> out-of-fold predictions (train rows)
    skipped: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    folds: int = 0


def build_preprocessor(numeric: list[str], categorical: list[str], impute: str = "mean"):
    """Impute + scale numbers, impute + one-hot categories (rare/unseen categories grouped)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    parts = []
    if numeric:
        parts.append(("num", Pipeline([("impute", SimpleImputer(strategy=impute)), ("scale", StandardScaler())]),
                      numeric))
    if categorical:
        parts.append(("cat", Pipeline([
            ("impute", SimpleImputer(strategy="most_frequent")),
            ("onehot", OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=20,
                                     min_frequency=5, sparse_output=False)),
        ]), categorical))
    return ColumnTransformer(parts, remainder="drop")


def build_model(name: str, task: str, seed: int, max_iter: int):
    """The estimator for a model name: dummy, linear or hgb."""
    from sklearn.dummy import DummyClassifier, DummyRegressor
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.linear_model import LinearRegression, LogisticRegression

    regression = task == "regression"
    if name == "dummy":
        return DummyRegressor(strategy="mean") if regression else DummyClassifier(strategy="prior")
    if name == "linear":
        return LinearRegression() if regression else LogisticRegression(max_iter=max_iter)
    if name == "hgb":
        cls = HistGradientBoostingRegressor if regression else HistGradientBoostingClassifier
        return cls(max_iter=max_iter, early_stopping="auto", random_state=seed)
    raise ValueError(f"unknown model {name}")


def build_pipeline(name: str, task: str, numeric: list[str], categorical: list[str], seed: int = 0,
                   max_iter: int = 200, impute: str = "mean"):
    from sklearn.pipeline import Pipeline

    return Pipeline([("prep", build_preprocessor(numeric, categorical, impute)),
                     ("model", build_model(name, task, seed, max_iter))])


def split_indices(df, plan, test_size: float, seed: int):
    """Row positions of the train and test sets for the plan's split."""
    import numpy as np
    from sklearn.model_selection import GroupShuffleSplit, train_test_split

    n = len(df)
    positions = np.arange(n)
    if plan.split == "chronological":
        order = np.argsort(df[plan.date].to_numpy(), kind="stable")
        cut = n - max(1, int(round(n * test_size)))
        return order[:cut], order[cut:]
    if plan.split == "grouped":
        groups = df[plan.key].astype(str).to_numpy()
        tr, te = next(GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed).split(positions, groups=groups))
        return tr, te
    stratify = df[plan.target].to_numpy() if plan.split == "stratified" else None
    tr, te = train_test_split(positions, test_size=test_size, random_state=seed, stratify=stratify)
    return tr, te


def cv_splitter(plan, folds: int, seed: int):
    from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold, TimeSeriesSplit

    if plan.split == "chronological":
        return TimeSeriesSplit(n_splits=folds)
    if plan.split == "grouped":
        return GroupKFold(n_splits=folds)
    if plan.split == "stratified":
        return StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return KFold(n_splits=folds, shuffle=True, random_state=seed)


def score(task: str, y_true, y_pred, proba=None, classes=None, positive=None) -> dict[str, float]:
    """The metrics of one prediction: accuracy, balanced accuracy, ROC AUC, F1 | MAE, MSE, RMSE, R2."""
    import numpy as np
    from sklearn import metrics as m

    if task == "regression":
        mse = float(m.mean_squared_error(y_true, y_pred))
        return {"mae": float(m.mean_absolute_error(y_true, y_pred)), "mse": mse, "rmse": float(np.sqrt(mse)),
                "r2": float(m.r2_score(y_true, y_pred)) if len(y_true) > 1 else float("nan")}
    out = {"accuracy": float(m.accuracy_score(y_true, y_pred)),
           "balanced_accuracy": float(m.balanced_accuracy_score(y_true, y_pred))}
    if task == "binary":
        out["f1"] = float(m.f1_score(y_true, y_pred, pos_label=positive, zero_division=0))
    else:
        out["f1"] = float(m.f1_score(y_true, y_pred, average="macro", zero_division=0))
    if proba is not None and len(set(np.asarray(y_true).tolist())) > 1:
        try:
            if task == "binary":
                col = list(classes).index(positive)
                out["roc_auc"] = float(m.roc_auc_score(np.asarray(y_true) == positive, proba[:, col]))
            else:
                out["roc_auc"] = float(m.roc_auc_score(y_true, proba, multi_class="ovr", labels=list(classes)))
        except ValueError:  # a fold missing a class: AUC undefined there
            pass
    return out


def primary_metric(task: str) -> tuple[str, bool]:
    """(metric that picks the best model, higher is better)."""
    if task == "regression":
        return "rmse", False
    return ("roc_auc", True) if task == "binary" else ("balanced_accuracy", True)


def _predict(pipe, X, task):
    """(labels or values, class probabilities or None) of a fitted pipeline; the preprocessing runs once
    for both, where `pipe.predict` and `pipe.predict_proba` would each run it."""
    Xt, model = pipe[:-1].transform(X), pipe[-1]
    pred = model.predict(Xt)
    proba = model.predict_proba(Xt) if task != "regression" and hasattr(model, "predict_proba") else None
    return pred, proba


def fit_and_validate(X_train, y_train, X_test, y_test, groups, plan, models: list[str], folds: int, seed: int,
                     max_iter: int, budget_s: float, report, impute: str = "mean") -> FitOutcome:
    """Cross-validate each model on the train split, then fit it on all of it and score the test split."""
    import numpy as np
    from sklearn.base import clone

    out = FitOutcome(folds=folds)
    started = time.perf_counter()
    splits = list(cv_splitter(plan, folds, seed).split(X_train, y_train, groups)) if folds >= 2 else []
    steps = max(1, len(models) * (len(splits) + 1))
    done = 0
    unit = None  # seconds of one 'linear-sized' fit, measured as we go
    for name in models:
        trained = any(m != "dummy" for m in out.metrics)  # the first real model always runs
        if trained and unit is not None and \
                time.perf_counter() - started + unit * _COST[name] * (len(splits) + 1) > budget_s:
            out.skipped.append(say("model", "skipped_budget", model=name, budget=f"{budget_s:g}"))
            done += len(splits) + 1
            continue
        t0 = time.perf_counter()
        pipe = build_pipeline(name, plan.task, plan.numeric, plan.categorical, seed, max_iter, impute)
        fold_scores: list[dict[str, float]] = []
        oof = np.empty(len(y_train), dtype=object)
        oof[:] = None
        for k, (tr, va) in enumerate(splits):
            report(f"{name}: fold {k + 1} of {len(splits)}", done / steps)
            fitted = clone(pipe).fit(X_train.iloc[tr], y_train.iloc[tr])
            pred, proba = _predict(fitted, X_train.iloc[va], plan.task)
            oof[va] = pred
            fold_scores.append(score(plan.task, y_train.iloc[va], pred, proba, getattr(fitted, "classes_", None),
                                     plan.positive))
            done += 1
        report(f"{name}: fitting on the training split", done / steps)
        final = clone(pipe).fit(X_train, y_train)
        done += 1
        pred, proba = _predict(final, X_test, plan.task)
        out.test_pred[name] = pred
        out.test_metrics[name] = score(plan.task, y_test, pred, proba, getattr(final, "classes_", None), plan.positive)
        out.metrics[name] = _summarise(fold_scores) if fold_scores else dict(out.test_metrics[name])
        out.fitted[name] = final
        out.oof[name] = oof
        out.seconds[name] = round(time.perf_counter() - t0, 3)
        per_fit = out.seconds[name] / (len(splits) + 1)
        if name != "dummy":
            unit = max(unit or 0.0, per_fit / _COST[name])
        elif unit is None:
            unit = per_fit  # the dummy's time is the preprocessing: a floor for any model
    report("models fitted", 1.0)
    return out


def _summarise(fold_scores: list[dict[str, float]]) -> dict[str, float]:
    import numpy as np

    keys = sorted({k for s in fold_scores for k in s})
    out: dict[str, float] = {}
    for k in keys:
        vals = np.array([s[k] for s in fold_scores if k in s], dtype=float)
        out[k] = float(np.nanmean(vals))
        out[f"{k}_sd"] = float(np.nanstd(vals, ddof=1)) if len(vals) > 1 else 0.0
    return out


def pick_best(outcome: FitOutcome, task: str) -> str:
    metric, higher = primary_metric(task)
    scored = {m: v.get(metric) for m, v in outcome.metrics.items() if m != "dummy" and v.get(metric) is not None}
    if not scored:
        return "dummy" if "dummy" in outcome.metrics else next(iter(outcome.metrics))
    return (max if higher else min)(scored, key=scored.get)


def importance(pipe, X, y, task: str, seed: int, max_rows: int = 5000, repeats: int = 5) -> list[dict[str, float]]:
    """Permutation importance of each raw column on held-out rows (drop in the primary metric)."""
    if len(X) > max_rows:
        X = X.sample(max_rows, random_state=seed)
        y = y.loc[X.index]
    scoring = {"regression": "neg_root_mean_squared_error", "binary": "roc_auc",
               "multiclass": "balanced_accuracy"}[task]
    if task == "binary" and y.nunique() < 2:
        scoring = "accuracy"
    means, sds = permutation_scores(pipe, X, y, scoring, repeats, seed)
    rows = [{"feature": c, "importance": float(m), "sd": float(s)} for c, m, s in zip(X.columns, means, sds)]
    return sorted(rows, key=lambda r: -r["importance"])


def permutation_scores(pipe, X, y, scoring: str, repeats: int, seed: int):
    """(mean, sd) of the drop in `scoring` per column of X when it is shuffled: the numbers of
    scikit-learn's `permutation_importance(pipe, X, y, ...)`, from one transformed matrix when it can.

    sklearn shuffles a raw column and runs the whole pipeline again, the preprocessing included, for
    each column and repeat. Our preprocessing works column by column, so shuffling a raw column's rows
    shuffles the rows of its block of transformed columns and nothing else: X is transformed once and
    only the model step is scored on the shuffled blocks, with sklearn's own random stream (one seed
    drawn from `seed`, a fresh RandomState of it per column, shuffles of the index that accumulate).
    A pipeline whose blocks cannot be read (another preprocessor, a column the imputer dropped) takes
    sklearn's path.
    """
    import numpy as np

    blocks = column_blocks(pipe, list(X.columns))
    Xt = pipe[:-1].transform(X) if blocks is not None else None
    if not isinstance(Xt, np.ndarray) or Xt.ndim != 2 or Xt.shape[1] != sum(len(b) for b in blocks):
        from sklearn.inspection import permutation_importance

        res = permutation_importance(pipe, X, y, scoring=scoring, n_repeats=repeats, random_state=seed, n_jobs=1)
        return res.importances_mean, res.importances_std
    from sklearn.metrics import get_scorer
    from sklearn.utils import check_random_state

    model, scorer = pipe[-1], get_scorer(scoring)
    baseline = scorer(model, Xt, y)
    column_seed = check_random_state(seed).randint(np.iinfo(np.int32).max + 1)  # as permutation_importance
    scores = np.empty((len(blocks), repeats))
    for j, block in enumerate(blocks):
        rng = check_random_state(column_seed)
        shuffled = Xt.copy()
        order = np.arange(len(Xt))
        for r in range(repeats):
            rng.shuffle(order)  # in place, as sklearn: each repeat reshuffles the order and the rows shuffled before
            shuffled[:, block] = shuffled[np.ix_(order, block)]
            scores[j, r] = scorer(model, shuffled, y)
    drops = baseline - scores
    return np.mean(drops, axis=1), np.std(drops, axis=1)


def column_blocks(pipe, columns: list[str]):
    """Per raw column, the positions of its transformed columns in `pipe[:-1].transform(X)`; None unless
    the preprocessing is build_preprocessor's column-wise ColumnTransformer and the widths add up."""
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    if not isinstance(pipe, Pipeline) or len(pipe.steps) != 2 or not isinstance(pipe[0], ColumnTransformer):
        return None
    prep = pipe[0]
    where: dict[str, np.ndarray] = {}
    for name, transformer, cols in prep.transformers_:
        if name == "remainder" and isinstance(transformer, str) and transformer == "drop":
            continue
        steps = [s for _, s in transformer.steps] if type(transformer) is Pipeline else [transformer]
        # each of these maps an input column to its own output columns, row by row
        if any(type(s) not in (SimpleImputer, StandardScaler, OneHotEncoder) for s in steps) or \
                not isinstance(cols, list) or not all(isinstance(c, str) for c in cols):
            return None
        widths = [1] * len(cols)
        for step in steps:
            if step.n_features_in_ != len(cols):
                return None
            if isinstance(step, SimpleImputer) and \
                    (step.add_indicator or len(step.get_feature_names_out(cols)) != len(cols)):
                return None  # it dropped an empty column (or added indicators): the positions would not match
            if isinstance(step, OneHotEncoder):
                if step.drop is not None or len(step.categories_) != len(cols):
                    return None
                widths = [len(cats) - (0 if rare is None else len(rare) - 1)
                          for cats, rare in zip(step.categories_, step.infrequent_categories_)]
        out = prep.output_indices_[name]
        if out.stop - out.start != sum(widths):
            return None
        starts = out.start + np.concatenate([[0], np.cumsum(widths)[:-1]]).astype(int)
        for col, first, width in zip(cols, starts, widths):
            if col in where:
                return None
            where[col] = np.arange(first, first + width)
    if set(where) != set(columns):
        return None
    return [where[c] for c in columns]


def group_labels(series):
    """Group labels for a protected attribute: values as text; numbers (ages) binned into bands."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series) and series.nunique() > 10:
        bins = [-float("inf"), 25, 35, 45, 55, 65, float("inf")]
        labels = ["<25", "25-34", "35-44", "45-54", "55-64", "65+"]
        bands = pd.cut(series, bins=bins, labels=labels, right=False)  # a categorical: the bands keep their order
        return bands.cat.add_categories("missing").fillna("missing")
    return series.astype(str).fillna("missing")


def per_group(y_true, y_pred, test_frame, protected: dict[str, str], task: str, positive) -> tuple[list, dict]:
    """C3-C5 from the reviewer for each protected column present: (findings, {column: metrics})."""
    from dsagent.ethics.fairness import check_model_fairness

    findings, groups = [], {}
    kind = task if task in ("regression", "multiclass") else "classification"
    for col in protected:
        if col not in test_frame.columns:
            continue
        labels = group_labels(test_frame[col])
        found, metrics = check_model_fairness(list(y_true), list(y_pred), labels, kind, positive=positive, name=col)
        for f in found:
            if col not in f.columns:
                f.columns = [col, *f.columns]
        findings.extend(found)
        groups[col] = metrics
    return findings, groups
