"""Statistics shared by the reviewer's checks, computed here rather than imported from deepchecks.

- `pps`: predictive power score — a decision tree, 4-fold CV, normalised against a naive baseline
  (weighted F1 for classes, 1 - MAE / MAE(median) for numbers), as ppscore and Deepchecks define it.
- `cramers_v`: bias-corrected Cramér's V (Bergsma 2013) between two columns, numbers binned.
- `spearman`: absolute Spearman rank correlation.
- `imbalance`: 1 - H / log2(k) of a distribution, as ydata-profiling's IMBALANCE.

Every function samples: a statistic on 5 000 (PPS) or 20 000 (association) rows is stable to the
second decimal, and the reviewer must stay cheap on a million-row table.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

PPS_SAMPLE = 5_000
ASSOC_SAMPLE = 20_000
BINS = 10
MAX_LEVELS = 50


def infer_task(y: Any) -> str:
    """'classification' for text, booleans and numbers with few distinct values, else 'regression'."""
    import pandas as pd

    y = pd.Series(y).dropna()
    if y.empty:
        return "classification"
    if pd.api.types.is_bool_dtype(y) or not pd.api.types.is_numeric_dtype(y):
        return "classification"
    distinct = y.nunique()
    if pd.api.types.is_integer_dtype(y) and distinct <= 20:
        return "classification"
    if distinct <= 2:
        return "classification"
    return "regression"


def is_numeric(s: Any) -> bool:
    import pandas as pd

    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def encode(s: Any):
    """A column as float codes a decision tree can split: numbers as they are, dates as time, text as labels."""
    import numpy as np
    import pandas as pd

    s = pd.Series(s)
    if pd.api.types.is_bool_dtype(s):
        return s.astype(float).to_numpy()
    if is_numeric(s):
        return pd.to_numeric(s, errors="coerce").astype(float).to_numpy()
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.astype("int64").astype(float).to_numpy()
    codes, _ = pd.factorize(s.astype(str), sort=True)
    return codes.astype(float) if isinstance(codes, np.ndarray) else np.asarray(codes, dtype=float)


def _sample(frame, n: int, seed: int):
    return frame.sample(n=n, random_state=seed) if len(frame) > n else frame


def pps(x: Any, y: Any, task: str = "auto", sample: int = PPS_SAMPLE, seed: int = 0) -> float:
    """Predictive power score of x for y, in [0, 1]."""
    return pps_detail(x, y, task, sample, seed)[0]


def pps_detail(x: Any, y: Any, task: str = "auto", sample: int = PPS_SAMPLE, seed: int = 0) -> tuple[float, float]:
    """(PPS, z) where z says how far the CV accuracy is above chance for classes (inf for numbers).

    A fully grown tree on a column unrelated to the target predicts like a random neighbour: its CV
    accuracy is binomial around sum(p_k^2). On a few hundred rows that noise alone lifts the PPS above
    0.05 about one time in five, so a low threshold (A3) also asks for z >= 2.33 (one-sided 1 %).
    """
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    frame = pd.DataFrame({"x": pd.Series(x).reset_index(drop=True), "y": pd.Series(y).reset_index(drop=True)})
    frame = frame.dropna()
    if len(frame) < 20:
        return 0.0, 0.0
    frame = _sample(frame, sample, seed)
    if task == "auto":
        task = infer_task(frame["y"])
    X = encode(frame["x"]).reshape(-1, 1)
    if np.isnan(X).any():
        keep = ~np.isnan(X[:, 0])
        X, frame = X[keep], frame[keep]
        if len(frame) < 20:
            return 0.0, 0.0
    if task == "classification":
        from sklearn.metrics import f1_score

        labels, _ = pd.factorize(frame["y"].astype(str))
        counts = np.bincount(labels)
        if len(counts) < 2 or counts.min() < 2:
            return 0.0, 0.0
        folds = min(4, int(counts.min()))
        cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        pred = cross_val_predict(DecisionTreeClassifier(random_state=seed), X, labels, cv=cv)
        score = f1_score(labels, pred, average="weighted")
        p = counts / counts.sum()
        majority = p.max() * 2 * p.max() / (1 + p.max())  # weighted F1 of always the most common class
        random_guess = float((p ** 2).sum())  # expected weighted F1 of guessing by the marginal
        baseline = max(majority, random_guess)
        accuracy = float((pred == labels).mean())
        z = (accuracy - random_guess) / math.sqrt(random_guess * (1 - random_guess) / len(labels))
        if baseline >= 1:
            return 0.0, z
        return float(max(0.0, (score - baseline) / (1 - baseline))), float(z)
    target = pd.to_numeric(frame["y"], errors="coerce").to_numpy(dtype=float)
    ok = ~np.isnan(target)
    X, target = X[ok], target[ok]
    if len(target) < 20:
        return 0.0, 0.0
    cv = KFold(n_splits=4, shuffle=True, random_state=seed)
    pred = cross_val_predict(DecisionTreeRegressor(random_state=seed), X, target, cv=cv)
    mae = float(np.abs(target - pred).mean())
    base = float(np.abs(target - np.median(target)).mean())
    if base == 0:
        return 0.0, 0.0
    return float(max(0.0, 1 - mae / base)), float("inf")


def as_categories(s: Any, bins: int = BINS, max_levels: int = MAX_LEVELS):
    """A column as categories: numbers with many values in quantile bins, rare levels folded together."""
    import pandas as pd

    s = pd.Series(s)
    if is_numeric(s) and s.nunique() > bins:
        return pd.qcut(s.rank(method="first"), q=bins, labels=False).astype("Int64").astype(str)
    if pd.api.types.is_datetime64_any_dtype(s):
        return pd.qcut(s.rank(method="first"), q=bins, labels=False).astype("Int64").astype(str)
    s = s.astype(str)
    counts = s.value_counts()
    if len(counts) > max_levels:
        keep = set(counts.index[: max_levels - 1])
        s = s.where(s.isin(keep), "__other__")
    return s


def cramers_v(a: Any, b: Any, sample: int = ASSOC_SAMPLE, seed: int = 0) -> float:
    """Bias-corrected Cramér's V between two columns (numbers binned), in [0, 1]."""
    import numpy as np
    import pandas as pd
    from scipy.stats import chi2_contingency

    frame = pd.DataFrame({"a": pd.Series(a).reset_index(drop=True), "b": pd.Series(b).reset_index(drop=True)})
    frame = _sample(frame.dropna(), sample, seed)
    n = len(frame)
    if n < 10:
        return 0.0
    table = pd.crosstab(as_categories(frame["a"]), as_categories(frame["b"])).to_numpy()
    r, k = table.shape
    if r < 2 or k < 2:
        return 0.0
    chi2 = chi2_contingency(table, correction=False)[0]
    phi2 = chi2 / n
    phi2corr = max(0.0, phi2 - (k - 1) * (r - 1) / (n - 1))
    rcorr = r - (r - 1) ** 2 / (n - 1)
    kcorr = k - (k - 1) ** 2 / (n - 1)
    denom = min(kcorr - 1, rcorr - 1)
    if denom <= 0 or not np.isfinite(phi2corr):
        return 0.0
    return float(min(1.0, math.sqrt(phi2corr / denom)))


def spearman(a: Any, b: Any, sample: int = ASSOC_SAMPLE, seed: int = 0) -> float:
    """Absolute Spearman rank correlation of two numeric columns."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame({"a": pd.Series(a).reset_index(drop=True), "b": pd.Series(b).reset_index(drop=True)})
    frame = _sample(frame.dropna(), sample, seed)
    if len(frame) < 10:
        return 0.0
    ra, rb = frame["a"].rank().to_numpy(float), frame["b"].rank().to_numpy(float)
    if ra.std() == 0 or rb.std() == 0:
        return 0.0
    return float(abs(np.corrcoef(ra, rb)[0, 1]))


def imbalance(counts: Sequence[float]) -> float:
    """1 - H / log2(k) of class counts: 0 when balanced, near 1 when one class dominates."""
    counts = [float(c) for c in counts if c and c > 0]
    k = len(counts)
    if k < 2:
        return 0.0
    total = sum(counts)
    entropy = -sum((c / total) * math.log2(c / total) for c in counts)
    return float(max(0.0, 1 - entropy / math.log2(k)))
